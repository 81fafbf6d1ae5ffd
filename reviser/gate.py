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
from reviser.grounding import Claim, Sources, claims, ungrounded
from reviser.models import AnswerOut, Fact, Facts, FileReport, LetterDraft
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
# Copying the prompt means copying a long stretch of its own wording: shorter shared runs are ordinary letter
# phrases ("another conversation or a short call", "you mentioned that your team").
ECHO_WORDS = 8


def describe(claim: Claim) -> str:
    return f"'{claim.value}' ({claim.kind}) is not in the notes or questions; remove it"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class Specifics:
    """What makes a fact concrete: its numbers, its names, and its own content words."""

    numbers: frozenset[float]
    names: frozenset[str]
    words: frozenset[str]
    shown: tuple[str, ...]  # as written in the fact, for repair messages


def specifics(text: str) -> Specifics:
    found = claims(text)
    numbers = frozenset(c.amount for c in found if c.kind == "number" and c.amount is not None)
    names = frozenset(w.lower() for c in found if c.kind in {"name", "date"} for w in re.findall(r"\w+", c.value))
    shown = [c.value for c in found if c.kind in {"number", "name", "date"}]
    if len(shown) < 3:
        shown += [w for w in re.findall(r"[A-Za-z][\w'-]+", text) if len(w) > 4 and w not in shown][: 3 - len(shown)]
    return Specifics(numbers, names, frozenset(content_words(text)), tuple(dict.fromkeys(shown)))


def carries(answer: str, fact: Fact, question: str = "") -> bool:
    """An answer carries a fact when it states one of the fact's numbers or names, or at least two of its own
    content words (one, for a fact that has only one) that the question did not already supply."""
    fact_specifics = specifics(fact.text)
    answer_specifics = specifics(answer)
    if fact_specifics.numbers & answer_specifics.numbers or fact_specifics.names & answer_specifics.names:
        return True
    own = fact_specifics.words - content_words(question)
    return len(own & answer_specifics.words) >= min(2, len(own)) if own else bool(fact_specifics.words)


WHY = re.compile(r"\b(?:why|motivat\w*|want|interest\w*|appeal\w*|attract\w*|join)\b", re.IGNORECASE)
HYPOTHETICAL = re.compile(r"\b(?:would|will|plan|first \d+|approach|handle|if)\b", re.IGNORECASE)


def relevant(fact: Fact, question: str) -> bool:
    """A cited fact answers the question when it is the candidate's own evidence (an accomplishment or a skill),
    shares a content word with the question, or is of the kind the question asks for (a reason for a why
    question; a plan or the employer's need for a what-would-you-do question). A mistake never is."""
    if fact.kind == "mistake":
        return False
    if not question or fact.kind in {"accomplishment", "skill", "other"}:
        return True
    if content_words(fact.text) & content_words(question):
        return True
    if fact.kind == "motivation":
        return bool(WHY.search(question))
    return bool(HYPOTHETICAL.search(question))


def answer_failures(
    out: AnswerOut, given: list[Fact], sources: Sources, question: str = ""
) -> tuple[list[str], list[Claim]]:
    """What is wrong with one answer, each failure naming the words it is about; and its ungrounded claims."""
    failures = []
    text = out.answer.strip()
    ids = {f.id for f in given}
    count = len(text.split())
    if count < MIN_ANSWER_WORDS:
        failures.append(f"the answer is too short ({count} words): write at least {MIN_ANSWER_WORDS} words")
    if not re.search(r"[.!?][\"”’')]?$", text):
        failures.append(f"the answer stops mid-sentence ('… {_quote(text[-40:], 40)}'): end it with a full sentence")
    looping = repeated(text)
    if looping:
        failures.append(f"the answer repeats itself ('{looping}'): say each thing once")
    echo = copied_instructions(text)
    if echo:
        failures.append(f"the answer copies the task's instructions ('{echo}'): answer in your own words")
    cited = [f for f in given if f.id in out.fact_ids]
    unknown = [i for i in out.fact_ids if i not in ids]
    if not cited:
        offered = ", ".join(sorted(ids, key=lambda i: int(i[1:]))) if ids else "none"
        failures.append(
            "fact_ids must list the ids of the facts the answer uses"
            + (f" ({', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not among them)" if unknown else "")
            + f"; the facts offered are {offered}"
        )
    else:
        used = [f for f in cited if carries(text, f, question)]
        if not used:
            fact = cited[0]
            some = ", ".join(f"'{w}'" for w in specifics(fact.text).shown[:3])
            failures.append(
                f"the answer lists {', '.join(f.id for f in cited)} but uses none of it: {fact.id} is "
                f"'{_quote(fact.text)}'; state its concrete detail (such as {some}) or list the fact you did use"
            )
        elif question and not any(relevant(f, question) for f in used):
            fact = used[0]
            others = [f.id for f in given if f not in used and relevant(f, question)]
            hint = f"; {', '.join(others[:2])} {'fits' if len(others[:2]) == 1 else 'fit'} it" if others else ""
            failures.append(
                f"{fact.id} ('{_quote(fact.text)}') does not answer '{_quote(question)}': use a fact that does{hint}"
            )
    bad = ungrounded(text, sources)
    failures.extend(dict.fromkeys(describe(c) for c in bad))  # once per value, in order
    return failures, bad


def _instruction_text() -> str:
    """The prompts' own instructions, without the example wording they offer in quotes and without data."""
    texts = [
        render_prompt("compose.j2", facts=[], role=None),
        render_prompt("answer.j2", question="", facts=[]),
        render_prompt("system.j2"),
    ]
    joined = "\n".join(texts)
    joined = re.sub(r"\(\s*\"[^\"]*\"\s*\)|\"[^\"]*\"", " | ", joined)  # offered wording may be used
    return re.sub(r"</?\w+>", " | ", joined)


@cache
def instruction_runs() -> frozenset[str]:
    """Every run of ECHO_WORDS words in the prompts' own instructions, which no part of the letter may copy."""
    runs: set[str] = set()
    for piece in re.split(r"\||\n", _instruction_text()):
        runs |= _runs(piece, ECHO_WORDS)
    return frozenset(runs)


def copied_instructions(text: str) -> str | None:
    """The longest stretch of text copied from the prompts' instructions (ECHO_WORDS words or more), or None."""
    words = re.findall(r"\w+", text.lower())
    runs = instruction_runs()
    best: tuple[int, int] | None = None
    for i in range(len(words) - ECHO_WORDS + 1):
        if " ".join(words[i : i + ECHO_WORDS]) in runs:
            j = i + ECHO_WORDS
            while j < len(words) and " ".join(words[j - ECHO_WORDS + 1 : j + 1]) in runs:
                j += 1
            if best is None or j - i > best[1] - best[0]:
                best = (i, j)
    return " ".join(words[best[0] : best[1]]) if best else None


def _runs(text: str, size: int = 5) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def repetitive(text: str) -> bool:
    """A sentence said twice, or a four-word run said three times: the mark of a looping model."""
    return repeated(text) is not None


def repeated(text: str) -> str | None:
    """What a looping text repeats (a sentence said twice, or a four-word run said three times), or None."""
    sentences = [re.sub(r"\W+", " ", piece).strip().lower() for piece in re.split(r"(?<=[.!?])\s+", text)]
    sentences = [x for x in sentences if x]
    seen: set[str] = set()
    for sentence in sentences:
        if sentence in seen:
            return _quote(sentence)
        seen.add(sentence)
    words = re.findall(r"\w+", text.lower())
    runs = [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]
    return next((run for run in dict.fromkeys(runs) if runs.count(run) >= 3), None)


@dataclass
class Gate:
    draft: LetterDraft
    text: str  # the draft rendered as text, as the rubric read it
    check: FileReport
    failures: dict[str, list[str]]  # prose field → what is wrong with it
    ungrounded: dict[str, list[Claim]]
    rubric_failed: set[str]


def _challenge_facts(sources: Sources) -> list[Fact]:
    """The employer's problems as the notes state them (the code's own reading of the notes)."""
    if not sources.texts:
        return []
    return [f for f in _read(sources.texts[0]).facts if f.kind == "challenge"]


@cache
def _read(notes: str) -> Facts:
    from reviser.notes import read_notes

    return read_notes(notes)


def restates_challenge(text: str, challenges: list[Fact]) -> Fact | None:
    """The employer's problem from the notes that text restates in the notes' own words, if any: at least two
    of the fact's own content words, or one with one of its numbers or names."""
    words = content_words(text)
    found = specifics(text)
    for fact in challenges:
        own = specifics(fact.text)
        shared = len(own.words & words)
        if shared >= min(2, len(own.words)) or (shared and (own.numbers & found.numbers or own.names & found.names)):
            return fact
    return None


def gate(
    draft: LetterDraft, rubric: Rubric, sources: Sources, questions: list[str], facts: list[Fact] | None = None
) -> Gate:
    """Check the rendered letter with the `reviser check` engine, and every prose field for grounding.

    A challenges part that restates a problem the notes give (in the user's own words: "unstable", "coverage is
    low") carries the element even where the rubric's cues do not fire; `facts` are the draft's facts (by default
    the code's own reading of the notes)."""
    challenges = [f for f in facts if f.kind == "challenge"] if facts is not None else _challenge_facts(sources)
    restated = restates_challenge(draft.challenges, challenges) is not None
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
    weak = [(e.id, e.title, e.message) for e in report.elements
            if e.status != "present" and e.severity != "info" and not (e.id == "challenges" and restated)]  # fmt: skip
    for name, element_id in FIELD_ELEMENT.items():
        if name == "challenges" and restated:
            continue
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
    for name in PROSE_FIELDS:
        looping = repeated(getattr(draft, name))
        if looping:
            failures.setdefault(name, []).append(f"it repeats itself ('{looping}'): say each thing once")
            rubric_failed.add(name)
        echo = copied_instructions(getattr(draft, name))
        if echo:
            failures.setdefault(name, []).append(
                f"it copies the task's instructions word for word ('{echo}'): write the letter's own words"
            )
            rubric_failed.add(name)
    return Gate(draft, text, report, failures, bad, rubric_failed)


