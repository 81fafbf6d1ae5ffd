"""User rubrics merged over the default, and the one-line errors for malformed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviser.errors import RubricError
from reviser.rubric import check_text, load_rubric
from reviser.rubric.loader import DEFAULT_PATH, _parse, _read_bytes, _validate, merge

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "fixtures" / "examples" / "letter.txt").read_text(encoding="utf-8")
NO_APOLOGY = EXAMPLE.replace(
    "I'm sorry that I did not do myself justice in our interview: I froze on the\n"
    "window-function question and spent too long talking about my old job instead of asking about your team.",
    "It was good to meet you.",
).replace(
    "Here is the answer I should have given to the SQL question.", "Here is my answer to the SQL question."
)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rubric.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def element(report_elements: list, element_id: str):  # type: ignore[no-untyped-def]
    return next(e for e in report_elements if e.id == element_id)


def test_default_rubric_matches_the_schema() -> None:
    # At run time the default is not validated (start-up speed), so the test suite does it.
    _validate(_parse(_read_bytes(DEFAULT_PATH), DEFAULT_PATH), DEFAULT_PATH)


def test_empty_user_rubric_behaves_like_the_default(tmp_path: Path) -> None:
    default, merged = load_rubric(None), load_rubric(write(tmp_path, "# nothing\n"))
    for path in sorted((ROOT / "fixtures" / "letters").glob("[0-9]*")):
        text = path.read_text(encoding="utf-8")
        assert check_text(text, default) == check_text(text, merged)


def test_sanity_the_letter_without_apology_fails_by_default() -> None:
    report = check_text(NO_APOLOGY, load_rubric(None))
    assert element(report.elements, "apology").status == "missing"
    assert report.passed is False


def test_severity_change(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, '[elements.apology]\nseverity = "warning"\n'))
    report = check_text(NO_APOLOGY, rubric)
    assert element(report.elements, "apology").severity == "warning"
    assert report.passed is True
    assert check_text(NO_APOLOGY, rubric, strict=True).passed is False


def test_apology_switched_off(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, '[elements.apology]\nseverity = "off"\n'))
    report = check_text(NO_APOLOGY, rubric, strict=True)
    assert [e.id for e in report.elements] == [
        "challenges",
        "skills",
        "examples",
        "references",
        "plan",
        "ask",
    ]
    assert report.passed is True


def test_added_cue_phrase_adds_to_the_defaults(tmp_path: Path) -> None:
    letter = "Let's grab a coffee on Friday and pick this up. Would you be open to a call?"
    default = check_text("Let's grab a coffee on Friday and pick this up.", load_rubric(None))
    assert element(default.elements, "ask").status == "missing"
    rubric = load_rubric(write(tmp_path, '[elements.ask]\ncues = ["grab a coffee"]\n'))
    (hit,) = element(
        check_text("Let's grab a coffee on Friday and pick this up.", rubric).elements, "ask"
    ).evidence
    assert hit.text == "Let's grab a coffee on Friday and pick this up."
    # the default cues still work
    assert len(element(check_text(letter, rubric).elements, "ask").evidence) == 2


def test_new_element_from_patterns_and_cues(tmp_path: Path) -> None:
    rubric = load_rubric(
        write(
            tmp_path,
            """
[elements.portfolio]
title = "Portfolio link"
severity = "error"
suggestion = "Link your portfolio."
patterns = ['github\\.com/\\S+']
weak_cues = ["my portfolio"]
""",
        )
    )
    with_link = check_text(
        EXAMPLE.replace("Best regards", "Code: https://github.com/alex/forecast\n\nBest regards"), rubric
    )
    portfolio = element(with_link.elements, "portfolio")
    assert (portfolio.title, portfolio.status) == ("Portfolio link", "present")
    assert with_link.passed is True
    weak_letter = EXAMPLE.replace("Best regards", "Ask me about my portfolio.\n\nBest regards")
    weak = element(check_text(weak_letter, rubric).elements, "portfolio")
    assert weak.status == "weak"
    without = check_text(EXAMPLE, rubric)
    assert element(without.elements, "portfolio").message == "Link your portfolio."
    assert without.passed is False


def test_findings_settings(tmp_path: Path) -> None:
    rubric = load_rubric(
        write(
            tmp_path,
            """
[findings.length]
min_words = 400
severity = "error"
[findings.placeholder]
severity = "off"
""",
        )
    )
    report = check_text(EXAMPLE.replace("Dear Dana", "Dear [Name]"), rubric)
    assert [(f.rule, f.severity) for f in report.findings] == [("length", "error")]
    assert report.passed is False


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        (
            '[elements.apology]\nseverity = "fatal"\n',
            "elements.apology.severity: input should be 'error', 'warning', 'info' or 'off' (got 'fatal')",
        ),
        (
            "[elements.apology]\nseverity = 3\n",
            "elements.apology.severity: input should be 'error', 'warning', 'info' or 'off' (got 3)",
        ),
        ('[elements.apology]\ncolour = "red"\n', "elements.apology.colour: unknown key"),
        (
            '[elements.ask]\ncues = "call me"\n',
            "elements.ask.cues: input should be a valid list (got 'call me')",
        ),
        (
            '[elements.ask]\ncues = ["* maybe"]\n',
            "elements.ask.cues[0]: '* maybe': cannot start with * or ...",
        ),
        (
            "[elements.ask]\npatterns = ['(unclosed']\n",
            "elements.ask.patterns[0]: not a valid regular expression: "
            "missing ), unterminated subpattern at position 0",
        ),
        (
            '[[elements.ask.rules]]\ncues = ["call"]\nrequires = ["telepathy"]\n',
            "elements.ask.rules[0].requires[0]: unknown signal 'telepathy' (known: action, capability, email, "
            "filename, future, meeting, money, next_step, number, outcome, percent, phone, problem, url, work)",
        ),
        (
            '[[elements.ask.rules]]\nscope = "sentence"\n',
            "elements.ask.rules[0]: a rule needs cues or patterns",
        ),
        (
            '[[elements.ask.rules]]\ncues = ["call"]\nscope = "page"\n',
            "elements.ask.rules[0].scope: input should be 'sentence' or 'paragraph' (got 'page')",
        ),
        (
            '[elements.Bad-Id]\ncues = ["x"]\n',
            "elements.Bad-Id: element ids are lower-case letters, digits, '-' and '_'",
        ),
        (
            '[elements.empty]\ntitle = "Nothing"\n',
            "elements.empty: has no cues, patterns or rules to detect it",
        ),
        (
            "[findings.length]\nmin_words = 900\nmax_words = 100\n",
            "findings.length: min_words must be smaller than max_words",
        ),
        (
            '[findings.over-apology]\nelement = "nope"\n',
            "findings.over-apology.element: unknown element 'nope'",
        ),
        ("version = 2\n", "version: input should be 1 (got 2)"),
        (
            "[elements\n",
            "not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 10)",
        ),
    ],
)
def test_malformed_rubric_is_one_line_naming_file_and_key(tmp_path: Path, toml: str, problem: str) -> None:
    path = write(tmp_path, toml)
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert str(info.value) == f"{path}: {problem}"
    assert "\n" not in str(info.value)


def test_several_problems_are_counted(tmp_path: Path) -> None:
    path = write(tmp_path, '[elements.apology]\nseverity = "fatal"\ncolour = "red"\nwhy = 3\n')
    with pytest.raises(RubricError, match=r"\(and 2 more problems\)$"):
        load_rubric(path)


def test_unreadable_rubric_files(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=r"^rubric .*nope\.toml: no such file$"):
        load_rubric(tmp_path / "nope.toml")
    with pytest.raises(RubricError, match=r"is a directory"):
        load_rubric(tmp_path)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[elements.ask]\ntitle = "caf\xe9"\n')
    with pytest.raises(RubricError, match=r"latin1\.toml: not valid TOML: the file is not UTF-8 text$"):
        load_rubric(bad)


def test_merge_rules() -> None:
    base = {"a": {"x": 1, "l": [1]}, "s": "keep"}
    assert merge(base, {"a": {"x": 2, "l": [2]}, "n": True}) == {
        "a": {"x": 2, "l": [1, 2]},
        "s": "keep",
        "n": True,
    }
    assert base == {"a": {"x": 1, "l": [1]}, "s": "keep"}  # not modified
