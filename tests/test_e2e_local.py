"""One real draft with the embedded SmolLM2 model on the example inputs (needs the [local] extra; runs in CI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviser.cli import cli
from reviser.grounding import Sources, ungrounded
from reviser.inputs import extract_questions
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
