"""`reviser draft` through Click's CliRunner, with the scripted fake model in place of a backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_draft import EXAMPLES, Model

from reviser.cli import cli
from reviser.errors import ModelError

NOTES = str(EXAMPLES / "notes.txt")
QUESTIONS = str(EXAMPLES / "questions.txt")


@pytest.fixture
def model(monkeypatch):
    fake = Model()
    monkeypatch.setattr("reviser.llm.select.make_backend", lambda settings: fake.backend)
    return fake


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["draft", *args], input=input)


def test_letter_to_stdout_and_report_to_stderr(model):
    result = run(NOTES, "--questions", QUESTIONS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Following up on the Senior Data Analyst interview\n\nDear Dana Reyes,\n")
    assert "reviser: fake model scripted, 6 calls (0 re-asks, 0 retries)" in result.stderr
    assert "rubric:  ✓ apology  ✓ challenges  ✓ skills  ✓ examples  ✓ references  ✓ plan  ✓ ask" in result.stderr
    assert "passed: the letter is ready to review and send" in result.stderr


def test_output_file_is_written_and_never_overwritten_without_force(model, tmp_path):
    out = tmp_path / "letter.txt"
    assert run(NOTES, "-q", QUESTIONS, "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("Subject: ")
    out.write_text("my own edits")
    calls_before = len(model.backend.requests)
    again = run(NOTES, "-q", QUESTIONS, "-o", str(out))
    assert again.exit_code == 2
    assert again.stderr == f"Error: {out}: already exists; use --force to overwrite it\n"
    assert out.read_text() == "my own edits" and len(model.backend.requests) == calls_before
    assert run(NOTES, "-q", QUESTIONS, "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("Subject: ")


def test_report_json_lists_the_note_lines_each_answer_used(model, tmp_path):
    report = tmp_path / "report.json"
    assert run(NOTES, "-q", QUESTIONS, "--report", str(report), "--quiet").exit_code == 0
    data = json.loads(report.read_text())
    assert data["version"] == 1 and data["passed"] is True
    assert len(data["answers"]) == 4 and all(a["note_lines"] for a in data["answers"])
    assert data["backend"] == {"backend": "fake", "model": "scripted", "structured": "schema"}
    assert data["calls"] == 6 and data["prompt_tokens"] > 0


@pytest.mark.parametrize(
    "fmt, start",
    [
        ("markdown", "**Subject:** Following up"),
        ("html", "<!DOCTYPE html>"),
        ("eml", "Content-Type: multipart/alternative"),
    ],
)
def test_formats(model, fmt, start):
    result = run(NOTES, "-q", QUESTIONS, "--format", fmt, "--quiet")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith(start) or start in result.stdout.split("\n\n")[0]


def _saved_inputs(folder: Path) -> list[dict[str, str]]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("reviser-input-*.json"))]


def test_notes_from_stdin_are_saved_before_the_first_model_call(model, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    seen: list[list[dict[str, str]]] = []
    first = model.backend.replies[0]
    model.backend.replies[0] = lambda messages: seen.append(_saved_inputs(tmp_path)) or first(messages)
    result = run("-", "-q", QUESTIONS, input=Path(NOTES).read_text())
    assert result.exit_code == 0 and "maria.okafor@example.com" in result.stdout
    expected = {"notes": Path(NOTES).read_text(), "questions": Path(QUESTIONS).read_text()}
    assert seen == [[expected]]  # on disk when the model was first called
    saved = next(tmp_path.glob("reviser-input-*.json"))
    assert f"your notes and questions are saved in {saved.name}" in result.stderr


def test_pasting_notes_then_questions_on_a_terminal(model, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("reviser.cli.draft._stdin_is_tty", lambda: True)
    pasted = iter([Path(NOTES).read_text(), Path(QUESTIONS).read_text()])
    monkeypatch.setattr("reviser.cli.draft._read_until_eof", lambda: next(pasted))
    result = run("--quiet", "-o", "letter.txt")
    assert result.exit_code == 0, result.stderr
    assert "Paste your notes, then press Ctrl-D" in result.stderr
    assert "Paste your interview questions (one per line)" in result.stderr
    assert 'You asked: "Tell me about a time you automated a manual report."' in (tmp_path / "letter.txt").read_text()
    saved = json.loads((tmp_path / "letter.txt.input.json").read_text())
    assert saved == {"notes": Path(NOTES).read_text(), "questions": Path(QUESTIONS).read_text()}


def test_files_given_by_path_are_not_copied(model, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert run(NOTES, "-q", QUESTIONS, "--quiet").exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_pasted_notes_survive_an_interrupted_draft(monkeypatch, tmp_path):
    def interrupted(messages):
        raise KeyboardInterrupt

    fake = Model(LetterParts=interrupted)
    monkeypatch.setattr("reviser.llm.select.make_backend", lambda settings: fake.backend)
    monkeypatch.chdir(tmp_path)
    result = run("-", "-q", QUESTIONS, input=Path(NOTES).read_text())
    saved = next(tmp_path.glob("reviser-input-*.json"))
    assert f"Your notes and questions are saved in {saved.name}; nothing else was written." in result.stderr
    assert json.loads(saved.read_text())["notes"] == Path(NOTES).read_text()


def test_placeholders_exit_1_and_say_what_to_add(model, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("\n".join(line for line in Path(NOTES).read_text().splitlines() if "@example.o" not in line
                               and "@example.com" not in line))  # fmt: skip
    result = run(str(notes), "-q", QUESTIONS)
    assert result.exit_code == 1
    assert result.stdout.count("[ADD REFERENCE: name, email, phone]") == 2
    assert "add to your notes: two references with a name and an e-mail or phone each" in result.stderr


def test_model_failure_exits_3_and_saves_partial_work(monkeypatch, tmp_path):
    def broken(messages):
        raise ModelError("the endpoint failed with 500 after 3 attempts: boom")

    fake = Model(LetterParts=broken)
    monkeypatch.setattr("reviser.llm.select.make_backend", lambda settings: fake.backend)
    out = tmp_path / "letter.txt"
    result = run(NOTES, "-q", QUESTIONS, "-o", str(out))
    assert result.exit_code == 3
    saved = tmp_path / "letter.txt.partial.json"
    assert result.stderr == (
        "Error: the endpoint failed with 500 after 3 attempts: boom (during compose); your notes, questions and "
        f"the work so far are saved in {saved}\n"
    )
    partial = json.loads(saved.read_text())
    assert partial["notes"] == Path(NOTES).read_text() and len(partial["answers"]) == 4
    assert not out.exists()


def test_dry_run_prints_prompts_and_calls_nothing(model):
    result = run(NOTES, "-q", QUESTIONS, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.count("=== call ") == 6
    assert "=== call 1: extract facts: " in result.stdout and "<notes>" in result.stdout
    assert result.stdout.rstrip().endswith("before any repair; nothing was called.")
    assert model.backend.requests == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.txt", "-q", QUESTIONS], "Error: missing.txt: no such file\n"),
        ([NOTES, "-q", "missing.txt"], "Error: missing.txt: no such file\n"),
        (
            ["-", "-q", "-"],
            "Error: notes and questions cannot both come from stdin; give one of them as a file\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(model, args, message):
    result = run(*args, input="")
    assert result.exit_code == 2
    assert result.stderr == message
    assert model.backend.requests == []


def test_questions_file_without_questions(model, tmp_path):
    empty = tmp_path / "q.txt"
    empty.write_text("We talked about the weather.\n")
    result = run(NOTES, "-q", str(empty))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no interview questions found")


def test_local_tokens_per_second_hook_is_set_only_on_a_terminal(model):
    model.backend.progress = None
    run(NOTES, "-q", QUESTIONS)
    assert model.backend.progress is None  # CliRunner's stderr is not a terminal


def test_without_questions_the_questions_the_notes_recall_are_used(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Interview with Ana Cole.\n- she asked how I'd cut agency spend and I froze\n"
                     "- cut agency spend by 20% at Elm House\nRefs: Joe Park 07700 900111\n")
    result = run(str(notes), "--backend", "none")
    assert result.exit_code in (0, 1), result.stderr
    assert "reviser: 1 interview question read from the notes; give --questions FILE" in result.stderr
    assert 'You asked: "How would you cut agency spend?"' in result.stdout
    # notes that recall none: the questions are asked for, with the reason
    notes.write_text("Interview with Ana Cole.\n- froze on the rota question\n")
    result = run(str(notes), "--backend", "none")
    assert result.exit_code == 2
    assert "give the interview questions with --questions FILE (none were found in the notes)" in result.stderr
