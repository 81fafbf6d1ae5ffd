"""`reviser questions` through the real CLI group: exact output, exit codes, stdin handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import reviser.cli.questions as questions_cli
from reviser.cli import cli

FIXTURES = Path(__file__).parent.parent / "fixtures" / "questions"
NO_QUESTIONS = (
    "no interview questions found; recognised: numbered lists (1. / 1) / Q1. / Question 3:), Q:/A: pairs, "
    "speaker transcripts (Name: ... or [00:12:31] Name: ...), lines ending in '?', and prompts such as "
    "'Tell me about a time ...'"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["questions", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_text_output_numbers_questions_with_source_lines() -> None:
    code, out, err = run(str(FIXTURES / "numbered.txt"))
    assert (code, err) == (0, "")
    assert out == (
        "1. (line 3) Why do you want to leave your current role after only eight months?\n"
        "2. (line 5) Walk me through how you would design a rate limiter for our public API\n"
        "3. (line 7) Tell me about a time you disagreed with a tech lead.\n"
        "4. (line 9) Salary expectations\n"
        "5. (line 11) How do you decide what to test first?\n"
        "6. (line 14) Describe an incident you owned end to end. What would you do differently?\n"
    )


def test_json_output() -> None:
    code, out, err = run("--format", "json", str(FIXTURES / "notes.md"))
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "version": 1,
        "questions": [
            {"text": "Tell me about yourself", "line": 5, "speaker": None},
            {"text": "Why Harbor Health?", "line": 6, "speaker": None},
            {
                "text": "How would you handle a nurse who keeps missing handover?",
                "line": 11,
                "speaker": "Gloria",
            },
            {"text": "Give me an example of a change you led on a ward.", "line": 16, "speaker": "Gloria"},
        ],
    }


def test_json_output_is_indented_and_keeps_non_ascii() -> None:
    code, out, _ = run("--format", "json", "-", stdin="1. Warum München?\n")
    assert code == 0
    assert out == (
        "{\n"
        '  "version": 1,\n'
        '  "questions": [\n'
        "    {\n"
        '      "text": "Warum München?",\n'
        '      "line": 1,\n'
        '      "speaker": null\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


def test_stdin() -> None:
    code, out, err = run("-", stdin="Dana: Why payments?\nMe: Ledgers.\nDana: Any questions for us?\n")
    assert (code, out, err) == (0, "1. (line 1) Why payments?\n", "")


def test_candidate_option() -> None:
    code, out, err = run("--candidate", "Dana Reyes", str(FIXTURES / "transcript.txt"))
    assert (code, err) == (0, "")
    assert out == (
        "1. (line 9) Our fleet sends about two million telemetry events a minute. "
        "How would you partition that in Kafka?\n"
        "2. (line 13) At Ledgerly we lost the ledger writer for forty minutes. Why did that happen?\n"
        "3. (line 15) Why do you want to leave payments?\n"
        "4. (line 18) What does on-call look like for the platform team?\n"
    )


def test_unknown_candidate_exits_2() -> None:
    code, out, err = run("--candidate", "Bob", str(FIXTURES / "transcript.txt"))
    assert (code, out) == (2, "")
    assert err == (
        "Error: candidate 'Bob' is not a speaker in this transcript "
        "(speakers: Dana Reyes, Sam Patel, Lee Chen)\n"
    )


def test_no_questions_exits_1_with_one_line_on_stderr(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("I froze on the SQL question.\nThey need a trusted dashboard.\n", encoding="utf-8")
    code, out, err = run(str(notes))
    assert (code, out) == (1, "")
    assert err == f"Error: {notes}: {NO_QUESTIONS}\n"


def test_no_questions_on_stdin_names_stdin() -> None:
    code, out, err = run("-", stdin="Nothing to see here.\n")
    assert (code, out, err) == (1, "", f"Error: <stdin>: {NO_QUESTIONS}\n")


def test_missing_file_exits_2() -> None:
    code, out, err = run("no-such-file.txt")
    assert (code, out, err) == (2, "", "Error: no-such-file.txt: no such file\n")


def test_empty_stdin_exits_2() -> None:
    code, out, err = run("-", stdin="")
    assert (code, out, err) == (2, "", "Error: <stdin>: is empty\n")


def test_dash_with_terminal_stdin_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(questions_cli, "_stdin_is_tty", lambda: True)
    code, out, err = run("-")
    assert (code, out) == (2, "")
    assert err == (
        "Usage: cli questions [OPTIONS] FILE|-\n"
        "Try 'cli questions --help' for help.\n"
        "\n"
        "Error: '-' reads the questions from stdin, but stdin is a terminal; pipe a file in "
        "(reviser questions - < notes.txt) or pass a path\n"
    )


def test_bad_format_is_a_usage_error() -> None:
    code, out, err = run("--format", "xml", str(FIXTURES / "qa.txt"))
    assert (code, out) == (2, "")
    assert err.endswith("Error: Invalid value for '--format': 'xml' is not one of 'text', 'json'.\n")
