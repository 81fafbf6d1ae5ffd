"""The whole draft pipeline on the example inputs, replayed from a recording of llama_cpp.server + SmolLM2.

The recording holds every call of one real run: extraction, one answer per question, the composition and
all the repair rounds the small model needed. The assertions check what the pipeline guarantees whatever
the model writes: structure, grounding, the exact failures sent back, and honest usage numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cassettes import Exchange, Recorded

from reviser.draft import DraftOptions, DraftResult, run_draft
from reviser.grounding import Sources, ungrounded
from reviser.questions import extract_questions
from reviser.render import render_letter
from reviser.rubric import check_text, load_rubric

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"
NOTES = (EXAMPLES / "notes.txt").read_text()
QUESTIONS = extract_questions((EXAMPLES / "questions.txt").read_text())
SOURCES = Sources(NOTES, *(q.text for q in QUESTIONS))
REPAIR_PROMPT = "The draft below failed these checks:\n"
REASK = "That reply cannot be used: "


def draft(recorded: Recorded, concurrency: int = 1) -> DraftResult:
    # The same settings `reviser draft --base-url ... --concurrency N` uses.
    return run_draft(NOTES, QUESTIONS, recorded.backend(structured="auto"), DraftOptions(concurrency=concurrency))


def last_user(e: Exchange) -> str:
    return str(e.request["messages"][-1]["content"])


def answered(sent: list[Exchange]) -> list[Exchange]:
    return [e for e in sent if e.status == 200]


@pytest.mark.cassette("draft_example")
def test_replayed_draft_passes_the_rubric_and_invents_nothing(recorded: Recorded) -> None:
    result = draft(recorded)
    letter = render_letter(result.draft)
    # Structure: the letter passes the same engine `reviser check` runs, with every element present.
    check = check_text(letter, load_rubric(None), path="letter", questions=[q.text for q in QUESTIONS])
    assert check.passed and {e.status for e in check.elements} == {"present"}
    assert result.report.passed and result.report.placeholders == [] and result.report.unanswered == []
    # Grounding: every hard fact after the subject line comes from the notes or the questions.
    assert ungrounded(letter.split("\n", 1)[1], SOURCES) == []
    assert not [g for g in result.report.grounding if g.action == "open"]
    # Hard facts are rendered from the notes, never written by the model.
    assert "maria.okafor@example.com, +1 555 0142" in letter and "tom.becker@example.org, +1 555 0187" in letter
    assert "forecasting-dashboard.pdf" in letter and letter.rstrip().endswith("alex.morgan@example.net")


@pytest.mark.cassette("draft_example")
def test_every_stage_ran_in_order_against_the_server(recorded: Recorded) -> None:
    result = draft(recorded)
    kinds = [e.schema_name for e in answered(recorded.exchanges())]
    # Extraction, then the answers with their repairs, then composition and the letter's repairs.
    first_answer, first_compose = kinds.index("AnswerOut"), kinds.index("LetterParts")
    assert set(kinds[:first_answer]) == {"ExtractedFacts"}
    assert set(kinds[first_answer:first_compose]) == {"AnswerOut"}
    assert set(kinds[first_compose:]) <= {"LetterParts", "LetterRepair"}
    # Fact extraction: the model only classified note lines; each fact's text is the line itself.
    note_lines = dict(enumerate(NOTES.splitlines(), start=1))
    facts = result.report.facts.facts
    assert facts and all(f.text in note_lines[f.line] for f in facts)
    # Per-question answers: each first answer request asks exactly one of the questions, in order.
    sent = answered(recorded.exchanges())
    firsts = [e for e in sent if e.schema_name == "AnswerOut" and len(e.request["messages"]) == 2]
    assert [q.text in last_user(e) for e, q in zip(firsts, QUESTIONS, strict=True)] == [True] * len(QUESTIONS)
    assert [a.question for a in result.report.answers] == [q.text for q in QUESTIONS]
    for answer in result.report.answers:
        assert answer.text and ungrounded(answer.text, SOURCES) == []
        assert set(answer.note_lines) <= set(note_lines)


def failures_sent(e: Exchange) -> list[str]:
    """The failure lines of a repair prompt (repair.j2), without their bullets."""
    listed = last_user(e).removeprefix(REPAIR_PROMPT).split("\nRewrite only", 1)[0]
    return [line[2:] for line in listed.splitlines()]


@pytest.mark.cassette("draft_example")
def test_repair_rounds_send_the_exact_failures_back(recorded: Recorded) -> None:
    result = draft(recorded)
    sent = answered(recorded.exchanges())
    repairs = [e for e in sent if last_user(e).startswith(REPAIR_PROMPT)]
    assert repairs, "the recording should include the repair loop (SmolLM2-135M always needs it)"
    # Answers: the failures the report lists for each round are the ones sent, word for word, in order.
    for number, question in enumerate(QUESTIONS, start=1):
        label = f"answer {number}/{len(QUESTIONS)}: "
        reported = [r.removeprefix(label) for r in result.report.repairs
                    if r.startswith(label) and not r.startswith(label + "rebuilt")]  # fmt: skip
        asked = ["; ".join(failures_sent(e)) for e in repairs
                 if e.schema_name == "AnswerOut" and question.text in e.request["messages"][1]["content"]]  # fmt: skip
        assert asked == reported
    # The letter: each round re-asks only the failing fields, by name, with their current text.
    for e in repairs:
        if e.schema_name == "LetterRepair":
            fields = set(e.request["response_format"]["schema"]["properties"])
            current = last_user(e).split("Current draft:\n", 1)[1]
            assert {line.split(":", 1)[0] for line in current.splitlines() if line} == fields
            assert {f.split(":", 1)[0] for f in failures_sent(e)} == fields
    # Re-asks (unusable JSON) and repairs (usable but failing checks) are counted apart.
    assert result.report.reasks == sum(last_user(e).startswith(REASK) for e in sent)


def all_used(recorded: Recorded) -> bool:
    return len(recorded.exchanges()) == len(recorded.cassette.data)


@pytest.mark.cassette("draft_example")
def test_report_usage_is_what_the_server_reported(recorded: Recorded) -> None:
    report = draft(recorded).report
    sent = recorded.exchanges()
    ok = answered(sent)
    assert report.calls == len(ok) and report.retries == 0
    assert report.prompt_tokens == sum(e.reply["usage"]["prompt_tokens"] for e in ok)
    assert report.completion_tokens == sum(e.reply["usage"]["completion_tokens"] for e in ok)
    # Nothing was sent that the report does not account for: at most the first json_schema request was
    # refused (llama_cpp.server refuses it, with a 500), and auto then used json_object throughout.
    refused = [e for e in sent if e.status != 200]
    if "llama_cpp.server" in recorded.server:
        assert refused and refused[0].status == 500
    assert refused in ([], sent[:1])
    mode = "json_object" if refused else "json_schema"
    assert report.backend == {"backend": "openai", "model": recorded.model, "structured": mode}
    assert all_used(recorded)


@pytest.mark.cassette("draft_example")
def test_concurrent_answers_send_the_same_requests_as_a_sequential_run(recorded: Recorded) -> None:
    # The cassette was recorded one call at a time; replay matches requests by body, not by order.
    concurrent = draft(recorded, concurrency=4)
    assert all_used(recorded)
    recorded.cassette.rewind()
    sequential = draft(recorded, concurrency=1)
    assert render_letter(concurrent.draft) == render_letter(sequential.draft)
    same = ("calls", "reasks", "prompt_tokens", "completion_tokens", "passed", "elements")
    assert {k: getattr(concurrent.report, k) for k in same} == {k: getattr(sequential.report, k) for k in same}
    # Threads finish in any order, so only the order of these lists may differ.
    for name in ("repairs", "grounding"):
        a, b = getattr(concurrent.report, name), getattr(sequential.report, name)
        assert sorted(map(str, a)) == sorted(map(str, b))
