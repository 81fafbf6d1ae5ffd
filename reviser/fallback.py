"""Letter parts rebuilt from the facts themselves, used when the model's text still fails after repairs.

Every sentence here is the user's own note line (with pronouns turned toward the reader) inside fixed wording,
so it is grounded by construction.
"""

from __future__ import annotations

import re

from reviser.models import Answer, Fact, Facts
from reviser.rubric.engine import content_words

ADD_PLAN = "[ADD PLAN: what you would do in your first 30 days and in days 31-60]"
ADD_CHALLENGES = "[ADD CHALLENGES: the problems or goals the employer told you about]"
ADD_SKILLS = "[ADD SKILLS: the specific skills you bring]"
ADD_EXAMPLE = "[ADD EXAMPLE: one accomplishment with a number or an outcome]"
ADD_ANSWER = "[ADD ANSWER: a concrete example from your own work that answers this question]"
# What a rebuilt answer may draw on, most concrete first; the employer's problems are not the candidate's evidence.
ANSWER_KINDS = ("accomplishment", "motivation", "skill")

TO_ADD = {
    ADD_PLAN: "plan ideas for your first 30 and 60 days (a 'Plan ideas' section in the notes)",
    ADD_CHALLENGES: "what the employer is struggling with (a 'What they are struggling with' section)",
    ADD_SKILLS: "the skills you bring (a 'Skills:' line)",
    ADD_EXAMPLE: "a real accomplishment with a number or an outcome (an 'Accomplishments' section)",
    ADD_ANSWER: "one more accomplishment or example per question (the notes ran out of fresh examples)",
}

_SUBJECTLESS = re.compile(r"^(?!(?:i|i'm|i’m|my|we|our|the|a|an|at|in|on|for|as|they|their)\b)[a-z]")
_TOWARD_READER = [(r"\bthey're\b", "you're"), (r"\bthey are\b", "you are"), (r"\bthey\b", "you"),
                  (r"\btheir\b", "your"), (r"\bthem\b", "you"), (r"\bthemselves\b", "yourselves")]  # fmt: skip


def _of_kind(facts: Facts, kind: str) -> list[Fact]:
    """Facts of one kind, those under the user's own headings first (a model's classification is a guess)."""
    return sorted((f for f in facts.facts if f.kind == kind), key=lambda f: f.source != "notes")


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".;,")
    return text[:1].upper() + text[1:] + "."


def as_mine(text: str) -> str:
    """'froze on the SQL question' → 'I froze on the SQL question.'"""
    text = text.strip()
    return _sentence(("I " + text) if _SUBJECTLESS.match(text) else text)


def as_yours(text: str) -> str:
    """'their reporting is manual' → 'your reporting is manual'. Only a leading pronoun is turned: further in,
    'they' may well mean someone else ('nurses leave in their first year')."""
    text = text.strip().rstrip(".;,")
    for pattern, replacement in _TOWARD_READER:
        turned = re.sub("^" + pattern, replacement, text, flags=re.IGNORECASE)
        if turned != text:
            return turned
    return text


def _label_value(text: str) -> str:
    """'Skills: SQL, dbt' → 'SQL, dbt'."""
    head, sep, rest = text.partition(":")
    return rest.strip() if sep and len(head.split()) <= 3 else text


def subject(facts: Facts) -> str:
    return f"Following up on our interview for the {facts.role} role" if facts.role else "Following up on our interview"


def apology(facts: Facts) -> str:
    mistakes = _of_kind(facts, "mistake")[:2]
    text = "I'm sorry that I did not do myself justice in our interview."
    if mistakes:
        text += " " + " ".join(as_mine(f.text) for f in mistakes)
    return text


def challenges(facts: Facts) -> str:
    items = _of_kind(facts, "challenge")[:3]
    if not items:
        return ADD_CHALLENGES
    return "You mentioned the challenges your team is facing: " + "; ".join(as_yours(f.text) for f in items) + "."


def skills(facts: Facts) -> str:
    skill = [_label_value(f.text) for f in _of_kind(facts, "skill")[:2]]
    wins = _of_kind(facts, "accomplishment")[:2]
    text = f"The skills I bring to your team: {'; '.join(skill)}." if skill else ADD_SKILLS
    if wins:
        text += " For example: " + " ".join(as_mine(f.text) for f in wins)
    else:
        text += " " + ADD_EXAMPLE
    return text


def plan(facts: Facts) -> str:
    steps = _of_kind(facts, "plan")[:4]
    if not steps:
        return ADD_PLAN
    # No numbers of our own here: the steps' dates come from the notes.
    return "My plan for my first weeks in the role:\n" + "\n".join(f"- {_sentence(f.text)}" for f in steps)


def ask() -> str:
    return (
        "Would you be open to another conversation, or a short call, so that I can show you how I would "
        "approach this work? I would welcome the chance to meet again."
    )


def answer(ranked: list[Fact], taken: set[str]) -> tuple[str, list[Fact]]:
    """An answer from the most relevant facts not used by another answer (the candidate's own evidence
    first), and the facts it used; a placeholder when the notes hold nothing left to answer with."""
    own = [f for f in ranked if f.kind in ANSWER_KINDS and f.id not in taken]
    if not own:
        return ADD_ANSWER, []
    own.sort(key=lambda f: ANSWER_KINDS.index(f.kind))  # stable: relevance order within a kind
    chosen = own[:1]  # one fact each, so that the notes' examples go round every question
    return "A better answer: " + " ".join(_evidence(f) for f in chosen), chosen


def _evidence(fact: Fact) -> str:
    return f"I bring {_label_value(fact.text)}." if fact.kind == "skill" else as_mine(fact.text)


BUILDERS = {"subject": subject, "apology": apology, "challenges": challenges, "skills": skills, "plan": plan}


def rebuild(field: str, facts: Facts) -> str:
    return ask() if field == "ask" else BUILDERS[field](facts)


def _fit(question: str, fact: Fact, overlap: int) -> int:
    """Shared words, plus one for an accomplishment (the most concrete example) and two for a motivation
    when the question asks why."""
    asks_why = question.lower().lstrip().startswith("why")
    return overlap + (fact.kind == "accomplishment") + 2 * (asks_why and fact.kind == "motivation")


def rebuild_answers(answers: list[Answer], facts: Facts, taken: set[str]) -> None:
    """Give each rebuilt answer one fact of the candidate's own, best matches first across all questions, so
    that the most fitting example goes to the question it fits and no two answers repeat one."""
    scored = sorted(
        (
            (
                -_fit(item.question, fact, overlap),
                ANSWER_KINDS.index(fact.kind),
                index,
                fact.line,
                fact,
            )
            for index, item in enumerate(answers)
            for fact in facts.facts
            if fact.kind in ANSWER_KINDS and fact.id not in taken
            for overlap in [len(content_words(item.question) & content_words(fact.text))]
        ),
        key=lambda row: row[:4],
    )
    chosen: dict[int, Fact] = {}
    for _, _, index, _, fact in scored:
        if index not in chosen and fact.id not in taken:
            chosen[index] = fact
            taken.add(fact.id)
    for index, item in enumerate(answers):
        text, used = answer([chosen[index]] if index in chosen else [], set())
        item.text, item.fact_ids, item.note_lines = text, [f.id for f in used], sorted({f.line for f in used})
