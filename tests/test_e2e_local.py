"""One real draft with the embedded SmolLM2 model on the example inputs (needs the [local] extra; runs in CI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviser.cli import cli
from reviser.grounding import Sources, ungrounded
from reviser.questions import extract_questions
from reviser.rubric import check_text, load_rubric

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"


@pytest.mark.local_model
def test_offline_draft_passes_the_rubric_answers_everything_and_invents_nothing(tmp_path, monkeypatch):
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "REVISER_BACKEND", "REVISER_MODEL_PATH"):
        monkeypatch.delenv(name, raising=False)
    notes, questions = EXAMPLES / "notes.txt", EXAMPLES / "questions.txt"
    letter_path, report_path = tmp_path / "letter.txt", tmp_path / "report.json"
    result = CliRunner().invoke(
        cli, ["draft", str(notes), "-q", str(questions), "-o", str(letter_path), "--report", str(report_path)]
    )
    assert result.exit_code == 0, result.stderr
    letter = letter_path.read_text()
    report = json.loads(report_path.read_text())
    assert report["backend"]["backend"] == "local" and report["backend"]["model"].endswith(".gguf")

    check = check_text(letter, load_rubric(None), path="letter.txt")
    assert check.passed and {e.status for e in check.elements} == {"present"}

    asked = [q.text for q in extract_questions(questions.read_text())]
    assert [a["question"] for a in report["answers"]] == asked
    assert all(a["text"].strip() and a["note_lines"] for a in report["answers"])

    sources = Sources(notes.read_text(), questions.read_text())
    invented = [c for c in ungrounded(letter, sources) if c.kind in {"email", "phone", "url", "number", "name", "file"}]
    assert invented == []


@pytest.mark.local_model
def test_a_model_process_killed_mid_draft_is_exit_3_with_the_typed_notes_saved(tmp_path, monkeypatch):
    """A native crash (here SIGSEGV from the worker's test hook, after 5 generated tokens) ends the draft
    with one line and exit 3, and nothing the user typed is lost."""
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "REVISER_BACKEND", "REVISER_MODEL_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REVISER_TEST_KILL_MODEL", "SEGV:5")
    monkeypatch.chdir(tmp_path)
    notes, questions = (EXAMPLES / "notes.txt").read_text(), EXAMPLES / "questions.txt"
    result = CliRunner().invoke(cli, ["draft", "-", "-q", str(questions), "-o", "letter.txt"], input=notes)
    assert result.exit_code == 3
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("Error: the embedded model's process was killed by SIGSEGV during ")
    assert "a crash in llama.cpp's native code" in line and "--model-path" in line and "--base-url" in line
    assert line.endswith("saved in letter.txt.partial.json")
    partial = json.loads((tmp_path / "letter.txt.partial.json").read_text())
    asked = [q.text for q in extract_questions(questions.read_text())]
    assert partial["notes"] == notes and partial["questions"] == asked
    typed = json.loads((tmp_path / "letter.txt.input.json").read_text())
    assert typed == {"notes": notes, "questions": questions.read_text()}
    assert not (tmp_path / "letter.txt").exists()
