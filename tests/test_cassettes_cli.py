"""`reviser draft` end to end through CliRunner, its model calls replayed from the recorded llama_cpp.server.

The CLI sends exactly the requests the pipeline tests send, so it replays the same `draft_example` cassette.
"""

from __future__ import annotations

import email
import json
import re
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from cassettes import Recorded
from click.testing import CliRunner, Result

from reviser.cli import cli

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"
NOTES = str(EXAMPLES / "notes.txt")
QUESTIONS = str(EXAMPLES / "questions.txt")


def invoke(*args: str) -> Result:
    # REVISER_CACHE_DIR="" keeps `reviser check` from writing its rubric cache into the home folder.
    result = CliRunner().invoke(cli, list(args), env={"REVISER_CACHE_DIR": ""})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # e.g. a request missing from the cassette: let conftest add the hint
    return result


def draft(recorded: Recorded, *args: str) -> Result:
    endpoint = ["--base-url", recorded.base_url, "--model", recorded.model, "--timeout", str(recorded.timeout)]
    if recorded.api_key:  # only while recording
        endpoint += ["--api-key", recorded.api_key]
    # One call at a time, as recorded (test_cassettes_pipeline shows concurrency sends the same requests).
    return invoke("draft", NOTES, "--questions", QUESTIONS, *endpoint, "--concurrency", "1", *args)


def usage_totals(recorded: Recorded) -> dict[str, int]:
    ok = [e.reply["usage"] for e in recorded.exchanges() if e.status == 200]
    return {"calls": len(ok), "prompt_tokens": sum(u["prompt_tokens"] for u in ok),
            "completion_tokens": sum(u["completion_tokens"] for u in ok)}  # fmt: skip


def text_part(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    payload: Any = part.get_payload(decode=True)
    return str(payload.decode(part.get_content_charset() or "utf-8"))


@pytest.mark.cassette("draft_example")
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "eml"])
def test_draft_writes_each_format_and_the_letter_passes_reviser_check(
    recorded: Recorded, fmt: str, tmp_path: Path
) -> None:
    out, report = tmp_path / f"letter.{fmt}", tmp_path / "report.json"
    result = draft(recorded, "--format", fmt, "--output", str(out), "--report", str(report))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.endswith(f"letter written to {out}\npassed: the letter is ready to review and send\n")
    letter = out.read_text()
    if fmt == "text":
        assert letter.startswith("Subject: ") and "\n\nDear " in letter
    elif fmt == "markdown":
        assert letter.startswith("**Subject:** ") and "\n**You asked:** *" in letter
    elif fmt == "html":
        assert letter.startswith("<!DOCTYPE html>") and letter.rstrip().endswith("</html>")
    else:
        message = email.message_from_string(letter)
        assert message["Subject"] and message["X-Unsent"] == "1"
        assert [p.get_content_type() for p in message.walk()][1:] == ["text/plain", "text/html"]
        out = tmp_path / "letter-body.txt"
        out.write_text(text_part(message))
    # The letter on disk passes `reviser check`, questions included, as a user would run it.
    checked = invoke("check", str(out), "--questions", QUESTIONS)
    assert checked.exit_code == 0, checked.stdout
    data = json.loads(report.read_text())
    assert data["passed"] is True and data["retries"] == 0
    assert {k: data[k] for k in ("calls", "prompt_tokens", "completion_tokens")} == usage_totals(recorded)


@pytest.mark.cassette("draft_example")
def test_draft_prints_the_letter_and_an_honest_summary(recorded: Recorded) -> None:
    result = draft(recorded)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: ") and result.stdout.rstrip().endswith("alex.morgan@example.net")
    totals = usage_totals(recorded)
    first = result.stderr.splitlines()[0]
    pattern = (rf"reviser: openai model {re.escape(recorded.model)}, {totals['calls']} calls \(\d+ re-asks, "
               rf"0 retries\), {totals['prompt_tokens']} prompt \+ {totals['completion_tokens']} completion "
               r"tokens, \d+(\.\d+)? s")  # fmt: skip
    assert re.fullmatch(pattern, first), first
    assert "rubric:  ✓ apology  ✓ challenges  ✓ skills  ✓ examples  ✓ references  ✓ plan  ✓ ask" in result.stderr


@pytest.mark.cassette("draft_example")
def test_explicit_json_object_mode_skips_the_json_schema_probe(recorded: Recorded, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = draft(recorded, "--structured", "json_object", "--report", str(report), "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    sent = recorded.exchanges()
    assert {e.status for e in sent} == {200}
    assert {e.request["response_format"]["type"] for e in sent} == {"json_object"}
    assert json.loads(report.read_text())["backend"]["structured"] == "json_object"
