"""The gate's checks, one rule at a time, and the figures on the notes corpus with the two model doubles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviser import fallback
from reviser.gate import answer_failures, carries, copied_instructions, relevant, repeated
from reviser.grounding import Sources
from reviser.models import AnswerOut, Fact

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))

PARAGRAPH = (
    "Worst bit: sepsis question. What I should have said - last month I noticed a sepsis patient's respiratory "
    "rate creeping up over two checks, pushed for a lactate, it came back 4.1, escalated to the outreach team "
    "and we had antibiotics in within the hour; the consultant later said it was caught early"
)
FACT = Fact(id="F2", kind="accomplishment", text=PARAGRAPH, line=3, source="notes")
SOURCES = Sources(PARAGRAPH, "How do you recognise and escalate a deteriorating patient with suspected sepsis?")
QUESTION = "How do you recognise and escalate a deteriorating patient with suspected sepsis?"


def test_an_answer_that_carries_one_number_of_a_long_fact_uses_it():
    answer = ("I noticed a sepsis patient's respiratory rate creeping up over two checks, so I pushed for a "
              "lactate, and it came back 4.1.")  # fmt: skip
    assert carries(answer, FACT, QUESTION)
    failures, bad = answer_failures(AnswerOut(answer=answer, fact_ids=["F2"]), [FACT], SOURCES, QUESTION)
    assert failures == [] and bad == []


def test_a_generic_answer_that_cites_a_fact_fails_with_the_facts_own_words():
    answer = "I always stay calm under pressure and follow the escalation process that my ward uses every day."
    failures, _ = answer_failures(AnswerOut(answer=answer, fact_ids=["F2"]), [FACT], SOURCES, QUESTION)
    assert len(failures) == 1 and failures[0].startswith("the answer lists F2 but uses none of it")
    assert "'4.1'" in failures[0]  # the exact detail it could have used


def test_words_copied_from_the_question_are_not_an_example():
    answer = "I would recognise a deteriorating patient with suspected sepsis and escalate it to the right people."
    assert not carries(answer, FACT, QUESTION)


def test_a_cited_fact_must_answer_the_question():
    why = Fact(id="F5", kind="motivation", text="4B is where I trained and I know how good it can be", line=9,
               source="notes")  # fmt: skip
    assert not relevant(why, "How do you prioritise when two patients deteriorate at once?")
    assert relevant(why, "Why do you want to work on 4B?")
    assert not relevant(Fact(id="F1", kind="mistake", text="froze", line=1, source="notes"), "Why us?")


@pytest.mark.parametrize(
    "text",
    [
        "You mentioned that your team is dealing with three Datix reports this quarter.",
        "Would you be open to another conversation or a short call?",
        "Following up on the interview for the Charge Nurse role",
        fallback.ask(),
    ],
)
def test_ordinary_letter_phrases_are_not_instruction_echo(text):
    assert copied_instructions(text) is None


def test_a_copied_instruction_is_named_word_for_word():
    echo = copied_instructions("Apology: briefly acknowledge what went wrong in the interview and apologise once.")
    assert echo == "apology briefly acknowledge what went wrong in the interview and apologise once"


def test_the_canned_parts_pass_the_checks_they_impose():
    for text in (fallback.ask(), "I'm sorry that I did not do myself justice in our interview."):
        assert copied_instructions(text) is None and repeated(text) is None


def test_repetition_names_what_is_repeated():
    assert repeated("The interview went badly. The interview went badly.") == "the interview went badly"
    assert repeated("I froze on the SQL question. I have practised it since.") is None


# --- the corpus with the two doubles --------------------------------------------------------------------

SUBSET = {"01", "04", "09", "12", "19", "22", "23", "26", "31", "35"}


@pytest.fixture(scope="module")
def figures():
    from eval_gate import evaluate, load_cases

    return evaluate(load_cases(only=SUBSET))


def test_the_competent_models_work_is_kept_word_for_word(figures):
    good, _ = figures
    assert good.total >= 60
    assert good.kept / good.total >= 0.97, "\n".join(good.lost)


def test_the_adversarial_model_leaks_nothing(figures):
    _, bad = figures
    assert bad.leaks == []
