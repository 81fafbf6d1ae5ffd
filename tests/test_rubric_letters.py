"""Whole letters through check_text: statuses, pass/fail, strict mode and the extra findings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reviser.models import FileReport
from reviser.rubric import Rubric, analyse, check_text, load_rubric

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "fixtures" / "examples" / "letter.txt").read_text(encoding="utf-8")
QUESTIONS = [
    "Can you write a query that ranks each region's deliveries by delay using a window function?",
    "Tell me about a time you automated a manual report.",
    "How would you make sure the business trusts the numbers in a dashboard?",
    "Why do you want to work at Northwind Logistics?",
]

WEAK_LETTER = """Dear Priya,

Thank you for Tuesday's interview for the Operations Analyst role. I'm sorry I rambled through the
forecasting question; my answer was vague and I never got to the point.

You mentioned that the weekly capacity report is still built by hand and that planners do not trust it.

I bring strong SQL and Excel modelling skills. At Hollis Freight I automated the capacity report and cut its
preparation time from five hours to thirty minutes, which saved the planners a day a month.

In my first 30 days I would meet each planner and map every manual step; by day 60 I would ship an automated
version of the report.

References are available on request.

I look forward to hearing from you.

Best regards,
Sam Carter
sam.carter@example.com
"""


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(None)


def statuses(report: FileReport) -> dict[str, str]:
    return {e.id: e.status for e in report.elements}


def test_example_letter_passes_with_every_element(rubric: Rubric) -> None:
    report = check_text(EXAMPLE, rubric, path="letter.txt")
    assert report.path == "letter.txt"
    assert statuses(report) == dict.fromkeys(
        ["apology", "challenges", "skills", "examples", "references", "plan", "ask"], "present"
    )
    assert report.findings == []
    assert report.passed is True
    assert check_text(EXAMPLE, rubric, strict=True).passed is True


def test_every_present_element_has_evidence_inside_the_text(rubric: Rubric) -> None:
    for element in check_text(EXAMPLE, rubric).elements:
        assert element.evidence
        for ev in element.evidence:
            assert EXAMPLE[ev.start : ev.end] == ev.text
            line_start = EXAMPLE.rfind("\n", 0, ev.start) + 1
            assert ev.line == EXAMPLE.count("\n", 0, ev.start) + 1
            assert ev.column == ev.start - line_start + 1


def test_weak_elements_pass_but_fail_with_strict(rubric: Rubric) -> None:
    report = check_text(WEAK_LETTER, rubric)
    assert statuses(report) == {
        "apology": "present",
        "challenges": "present",
        "skills": "present",
        "examples": "present",
        "references": "weak",
        "plan": "present",
        "ask": "weak",
    }
    assert report.passed is True
    assert check_text(WEAK_LETTER, rubric, strict=True).passed is False
    references = next(e for e in report.elements if e.id == "references")
    assert references.message.startswith("Your references have no contact details")
    assert references.evidence[0].text == "References are available on request."


def test_missing_required_element_fails_with_a_message_saying_what_to_add(rubric: Rubric) -> None:
    letter = WEAK_LETTER.replace(
        "You mentioned that the weekly capacity report is still built by hand and that "
        "planners do not trust it.",
        "It was good to meet you.",
    )
    report = check_text(letter, rubric)
    challenges = next(e for e in report.elements if e.id == "challenges")
    assert challenges.status == "missing"
    assert challenges.evidence == []
    assert challenges.message.startswith("Add a sentence restating what they told you they need")
    assert report.passed is False


@pytest.mark.parametrize(
    ("snippet", "found", "label"),
    [
        ("I loved visiting [Company] last week.", "[Company]", "a bracketed blank"),
        ("Dear <name>,", "<name>", "an angle-bracket blank"),
        ("I worked at .. for three years.", "..", "a dotted blank"),
        ("The panel asked four questions. (They listed them.)", "(They listed them.)", "a stage direction"),
        ("TODO: add the dashboard numbers.", "TODO", "a note to yourself"),
        ("Call me on 555-XXXX.", "XXXX", "a note to yourself"),
        (
            "[ADD example: the dashboard you rebuilt]",
            "[ADD example: the dashboard you rebuilt]",
            "reviser left",
        ),
        ("Signed: ________", "________", "an underlined blank"),
        ("**[Job Title]** at Acme", "[Job Title]", "a bracketed blank"),
    ],
)
def test_placeholders_are_found_where_they_are(rubric: Rubric, snippet: str, found: str, label: str) -> None:
    text = "Dear Ana,\n\n" + snippet + "\n"
    findings = [f for f in check_text(text, rubric).findings if f.rule == "placeholder"]
    assert len(findings) == 1
    finding = findings[0]
    assert text[finding.start : finding.end] == found
    assert (finding.line, finding.column) == (3, snippet.index(found) + 1)
    assert finding.severity == "error"
    assert label in finding.message


@pytest.mark.parametrize(
    "snippet",
    [
        "I waited... and then it worked.",
        "(See attached.)",
        "(I have attached the deck.)",
        "Read [the write-up](https://example.com/w) and mail <ana@example.com>.",
        "The list has [1] and [2] as footnotes.",
        "Use snake_case_names in the code.",
    ],
)
def test_not_placeholders(rubric: Rubric, snippet: str) -> None:
    assert [f for f in check_text(snippet, rubric).findings if f.rule == "placeholder"] == []


def test_placeholder_fails_the_letter(rubric: Rubric) -> None:
    assert check_text(EXAMPLE.replace("Dear Dana,", "Dear [Name],"), rubric).passed is False


def test_over_apology_from_three_sentences(rubric: Rubric) -> None:
    two = "I'm sorry I rambled. I apologise for the vague answer. Thanks for your time."
    three = two + " I also froze on the SQL question."
    assert not [f for f in check_text(two, rubric).findings if f.rule == "over-apology"]
    (finding,) = [f for f in check_text(three, rubric).findings if f.rule == "over-apology"]
    assert finding.severity == "warning"
    assert finding.message.startswith("3 sentences apologise")
    assert (finding.line, finding.column) == (1, 1)


def test_length_bounds(rubric: Rubric) -> None:
    (short,) = [f for f in check_text("Too short to be a letter.", rubric).findings if f.rule == "length"]
    assert short.message.startswith("6 words is too short")
    long_text = "word " * 950
    (long,) = [f for f in check_text(long_text, rubric).findings if f.rule == "length"]
    assert long.message.startswith("950 words is too long")
    assert long.start == 900 * 5  # the first word past the limit
    assert not [f for f in check_text(EXAMPLE, rubric).findings if f.rule == "length"]


def test_question_coverage(rubric: Rubric) -> None:
    report = check_text(EXAMPLE, rubric, questions=QUESTIONS)
    unanswered = [f for f in report.findings if f.rule == "unanswered-question"]
    assert [f.message for f in unanswered] == [
        'the letter does not answer this interview question again: "Why do you want to work at Northwind '
        'Logistics?"; answer it with a concrete example'
    ]
    assert report.passed is True  # a warning
    assert check_text(EXAMPLE, rubric, questions=QUESTIONS, strict=True).passed is False


def test_markdown_and_html_letters_keep_original_offsets(rubric: Rubric) -> None:
    md = "## Follow-up\n\nI **apologise** for my _vague_ answer.\n"
    (apology,) = [e for e in check_text(md, rubric).elements if e.id == "apology"]
    assert apology.evidence[0].text == "I **apologise** for my _vague_ answer."
    assert (apology.evidence[0].line, apology.evidence[0].column) == (3, 1)
    html = "<p>Dear Ana,</p>\n<p>Thanks &amp; sorry: I <b>froze</b> on the SQL question.</p>"
    (apology,) = [e for e in check_text(html, rubric).elements if e.id == "apology"]
    assert apology.status == "present"
    assert apology.evidence[0].line == 2


def test_check_text_is_fast(rubric: Rubric) -> None:
    letters = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "letters").glob("[0-9]*"))]
    letters.append(EXAMPLE)
    start = time.perf_counter()
    for _ in range(3):
        for letter in letters:
            analyse(letter, rubric)
    rate = 3 * len(letters) / (time.perf_counter() - start)
    # The target is 500/s (scripts/bench_check.py); this only guards against a pathological slowdown on a
    # busy test machine.
    assert rate > 100


def test_windows_line_ends_read_the_same(rubric: Rubric) -> None:
    crlf = EXAMPLE.replace("\n", "\r\n")
    report = check_text(crlf, rubric)
    assert statuses(report) == statuses(check_text(EXAMPLE, rubric))
    for element in report.elements:
        for ev in element.evidence:
            assert crlf[ev.start : ev.end] == ev.text
    references = next(e for e in report.elements if e.id == "references")
    assert [(ev.line, ev.column) for ev in references.evidence][:2] == [(23, 1), (24, 3)]  # after the "- " bullet
