"""The gate: what decides, in code, whether the model's prose may stay in the letter.

Every prose part is checked with the `reviser check` rubric (in the letter and on its own), for grounding
(every claim traced to the user's inputs), for looping and for copying the prompt; every answer for length,
a finished sentence and a concrete example from the facts it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from reviser.facts import content_words
from reviser.grounding import Claim, Sources, ungrounded
from reviser.models import AnswerOut, Fact, FileReport, LetterDraft
from reviser.render import render_letter, render_prompt
from reviser.rubric import Rubric, analyse, check_text

PROSE_FIELDS = ("subject", "apology", "challenges", "skills", "plan", "ask")
# The rubric element each prose part must carry on its own.
FIELD_ELEMENT = {
    "apology": "apology",
    "challenges": "challenges",
    "skills": "skills",
    "plan": "plan",
    "ask": "ask",
}
# The rubric element each prose field carries; references are rendered from facts, never written by the model.
ELEMENT_FIELD = {"apology": "apology", "challenges": "challenges", "skills": "skills", "examples": "skills",
                 "plan": "plan", "ask": "ask"}  # fmt: skip
MIN_ANSWER_WORDS = 12

def describe(claim: Claim) -> str:
    return f"'{claim.value}' ({claim.kind}) is not in the notes or questions; remove it"


def answer_failures(out: AnswerOut, given: list[Fact], sources: Sources) -> tuple[list[str], list[Claim]]:
    failures = []
    ids = {f.id for f in given}
    if len(out.answer.split()) < MIN_ANSWER_WORDS:
        failures.append(f"the answer is too short: write at least {MIN_ANSWER_WORDS} words")
    if not re.search(r"[.!?][\"”’')]?$", out.answer.strip()):
        failures.append("the answer stops mid-sentence: end it with a full sentence")
    if repetitive(out.answer):
        failures.append("the answer repeats itself: say each thing once")
    used = [i for i in out.fact_ids if i in ids]
    if not used:
        failures.append("fact_ids must list the ids of the facts you used" + (f", e.g. {min(ids)}" if ids else ""))
    elif not any(_uses(out.answer, f) for f in given if f.id in used):
        failures.append("the answer must use a concrete example from the facts it lists, in its own words")
    bad = ungrounded(out.answer, sources)
    failures.extend(dict.fromkeys(describe(c) for c in bad))  # once per value, in order
    return failures, bad


@cache
def instruction_runs() -> frozenset[str]:
    """The compose prompt's own wording, which no part of the letter may copy."""
    return frozenset(_runs(render_prompt("compose.j2", facts=[], role=None)))


def _runs(text: str, size: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def repetitive(text: str) -> bool:
    """A sentence said twice, or a four-word run said three times: the mark of a looping model."""
    sentences = [re.sub(r"\W+", " ", piece).strip().lower() for piece in re.split(r"(?<=[.!?])\s+", text)]
    sentences = [x for x in sentences if x]
    if len(sentences) != len(set(sentences)):
        return True
    words = re.findall(r"\w+", text.lower())
    runs = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
    return any(runs.count(run) >= 3 for run in set(runs))


def _uses(answer: str, fact: Fact) -> bool:
    """An answer uses a fact when it carries at least half of the fact's content words (three or more)."""
    wanted = content_words(fact.text)
    return len(wanted & content_words(answer)) >= min(3, len(wanted)) and (
        len(wanted & content_words(answer)) * 2 >= len(wanted)
    )


@dataclass
class Gate:
    draft: LetterDraft
    text: str  # the draft rendered as text, as the rubric read it
    check: FileReport
    failures: dict[str, list[str]]  # prose field → what is wrong with it
    ungrounded: dict[str, list[Claim]]
    rubric_failed: set[str]


def gate(draft: LetterDraft, rubric: Rubric, sources: Sources, questions: list[str]) -> Gate:
    """Check the rendered letter with the `reviser check` engine, and every prose field for grounding."""
    text = render_letter(draft, "text")
    report = check_text(text, rubric, path="draft", questions=questions)
    failures: dict[str, list[str]] = {}
    bad: dict[str, list[Claim]] = {}
    rubric_failed: set[str] = set()
    for name in PROSE_FIELDS:
        claims = ungrounded(getattr(draft, name), sources)
        if claims:
            bad[name] = claims
            failures.setdefault(name, []).extend(dict.fromkeys(describe(c) for c in claims))
    # Each part must carry its own element when read alone (a letter-level cue elsewhere does not count),
    # and the letter as a whole must carry every element.
    weak = [(e.id, e.title, e.message) for e in report.elements if e.status != "present" and e.severity != "info"]
    for name, element_id in FIELD_ELEMENT.items():
        alone = analyse(getattr(draft, name), rubric, path=name)
        weak += [(e.id, e.title, e.message) for e in alone.elements if e.id == element_id and e.status != "present"]
    for element_id, title, message in weak:
        target = ELEMENT_FIELD.get(element_id)
        if target:
            problem = f"{title}: {message}"
            if problem not in failures.get(target, []):
                failures.setdefault(target, []).append(problem)
            rubric_failed.add(target)
    subject = draft.subject.strip()
    if not 2 <= len(subject.split()) <= 12 or re.search(r"[.!?]\s+\S", subject):
        failures.setdefault("subject", []).append("write one short e-mail subject line of 3 to 12 words")
        rubric_failed.add("subject")
    instructions = instruction_runs()
    for name in PROSE_FIELDS:
        if repetitive(getattr(draft, name)):
            failures.setdefault(name, []).append("it repeats itself: say each thing once")
            rubric_failed.add(name)
        if _runs(getattr(draft, name)) & instructions:
            failures.setdefault(name, []).append("it copies the task's instructions: write the letter's own words")
            rubric_failed.add(name)
    return Gate(draft, text, report, failures, bad, rubric_failed)


