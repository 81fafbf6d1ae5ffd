"""Test doubles that write like models: a competent, honest one and an adversarial one.

Both read only what the prompts give them: the F-numbered facts and the question of an answer prompt, the
kind-labelled facts and the role of the compose prompt, the numbered lines of the extract prompt. The competent
model may use a case's labels (`labels`) to classify lines the way a strong model would, but it writes only
from the facts it was offered: every number, name and contact it writes is copied from them. Its wording is
varied on purpose (sentence-initial 'Despite', 'Alongside', 'Within', 'Neither'; title-case subjects;
challenges in the employer's own terms; count words for lists the facts give) because those are the things a
gate wrongly rejects.

The adversarial model laces every answer and part with invented facts (e-mails, phones, metrics, degrees,
a name in mid-sentence, digits written as words, an attachment name) and records each in `invented`.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from fakes import ScriptedBackend

from reviser.llm.base import Message

STOP = set(
    """a an the and or but of to in on at for with by from as is are was were be been i you we they he she it my
    your our their me us them this that these those do did does how what when why who which would could can will
    about tell time give example describe walk through talk had has have if so not""".split()
)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP and len(w) > 2}


def _pick(options: list[str], key: str) -> str:
    return options[zlib.crc32(key.encode()) % len(options)]


def user_prompt(messages: list[Message]) -> str:
    """The first user message: the task prompt (repairs and re-asks come after it)."""
    return next(m["content"] for m in messages if m["role"] == "user")


def offered_facts(prompt: str) -> dict[str, str]:
    return dict(re.findall(r"^(F\d+): (.+)$", prompt, flags=re.M))


def question_of(prompt: str) -> str:
    match = re.search(r"<questions>\s*(.*?)\s*</questions>", prompt, flags=re.S)
    return match.group(1).strip() if match else ""


def kind_facts(prompt: str) -> list[tuple[str, str]]:
    notes = prompt.split("<notes>", 1)[-1]
    return re.findall(r"^(mistake|challenge|accomplishment|skill|plan|motivation|other): (.+)$", notes, flags=re.M)


def role_of(prompt: str) -> str | None:
    match = re.search(r"interview for the (.+?) role\.", prompt)
    return match.group(1) if match else None


def repair_fields(messages: list[Message]) -> list[str]:
    repair = next(m["content"] for m in reversed(messages) if "Current draft:" in m["content"])
    return re.findall(r"^(\w+):", repair.split("Current draft:")[1], flags=re.M)


# --- turning note clauses into letter sentences ------------------------------------------------------


def _clean(text: str) -> str:
    text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", text.strip())
    text = re.sub(r"^(?:skills?|strengths?|tools?)\s*:\s*", "", text, flags=re.I)
    return text.strip().rstrip(".;,:!")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_start(text: str) -> str:
    """Lower-case the first letter unless it starts a name or 'I' ('On my ward' -> 'on my ward')."""
    first = text.split(" ", 1)[0]
    if first in {"I", "I'm", "I've", "I'd", "I'll"} or (len(first) > 1 and first[1:].lower() != first[1:]):
        return text
    if first[:1].isupper() and first.lower() in STOP | {"on", "at", "in", "my", "our", "last", "since"}:
        return text[:1].lower() + text[1:]
    return text


VERB_START = re.compile(r"^(?:[a-z]+ed|built|led|ran|cut|won|set|made|grew|took|wrote|ran|taught|brought|kept|got|"
                        r"spent|did|sold|drove|found|managed|trained|rebuilt|handled|moved|started)\b")  # fmt: skip


def first_person(text: str) -> str:
    """A note clause as a sentence in the candidate's voice, copying every detail as written."""
    text = _clean(text)
    if re.match(r"^(?:I|I'm|I've|I'd|My|my|Our|our|On|At|In|Last|Since|As)\b", text):
        return _cap(text) + "."
    if VERB_START.match(text):
        return "I " + text + "."
    return _cap(text) + "."


def as_theirs(text: str) -> str:
    """An employer's problem, turned toward the reader: 'they've had ...' -> 'your team has had ...'."""
    text = _clean(text)
    text = re.sub(r"^[A-Z][a-z]+ (?:said|mentioned|told me|explained)(?: that)? ", "", text)
    for pattern, replacement in [(r"^they've\b", "your team has"), (r"^they're\b", "your team is"),
                                 (r"^they are\b", "your team is"), (r"^they have\b", "your team has"),
                                 (r"^they want\b", "you want"), (r"^they need\b", "you need"),
                                 (r"^their\b", "your"), (r"^they\b", "your team")]:  # fmt: skip
        turned = re.sub(pattern, replacement, text, flags=re.I)
        if turned != text:
            return turned
    return _lower_start(text)


def short(text: str, words: int = 26) -> str:
    """The clause of a long note that carries its numbers, as a strong model would quote it."""
    text = _clean(text)
    if len(text.split()) <= words:
        return text
    pieces = [p for p in re.split(r"(?<=\w)[,;] | by (?=\w+ing\b)| - ", text) if p.strip()]
    with_number = [p for p in pieces if re.search(r"\d", p)]
    best = (with_number or pieces)[0].strip()
    return " ".join(best.split()[:words]).rstrip(",;:")


def _fit(sentences: list[str], limit: int) -> str:
    kept: list[str] = []
    for sentence in sentences:
        if len(" ".join([*kept, sentence])) <= limit:
            kept.append(sentence)
    return " ".join(kept)


# --- the competent model ------------------------------------------------------------------------------


@dataclass
class CompetentModel:
    """Answers like a strong, honest model; `written` holds what it wrote, by question and by part."""

    labels: dict[str, Any] | None = None
    notes: str = ""
    written: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.backend = ScriptedBackend([self.reply] * 500, max_concurrency=4)

    def reply(self, messages: list[Message]) -> str:
        name = self.backend.requests[-1].schema_name
        if name == "ExtractedFacts":
            return self.extract(user_prompt(messages))
        if name == "AnswerOut":
            if "failed these checks" in messages[-1]["content"] or len(messages) > 2:
                prompt = user_prompt(messages)
                return self.written_answer(question_of(prompt))  # it stands by its answer
            return self.answer(user_prompt(messages))
        if name == "LetterParts":
            return self.compose(user_prompt(messages))
        if name == "LetterRepair":
            return json.dumps({k: self.written.get(k, "") for k in repair_fields(messages)})
        raise AssertionError(f"unexpected request {name}")

    # extract: classify the lines it was given as the labels do
    def extract(self, prompt: str) -> str:
        lines = re.findall(r"^(\d+): (.+)$", prompt.split("<notes>", 1)[-1], flags=re.M)
        truth = (self.labels or {}).get("facts", [])
        facts = []
        for number, text in lines:
            kinds = [f["kind"] for f in truth if f["text"] in text]
            facts.append({"line": int(number), "kind": kinds[0] if kinds else "other"})

        def seen(value: str | None) -> str | None:
            return value if value and value.lower() in prompt.lower() else None

        labels = self.labels or {}
        return json.dumps({
            "candidate_name": seen(labels.get("candidate")),
            "company": seen(labels.get("company")),
            "role": seen(labels.get("role")),
            "interviewers": [n for n in labels.get("interviewers", []) if seen(n)][:4],
            "facts": facts,
        })  # fmt: skip

    def written_answer(self, question: str) -> str:
        return self.written.get("answer:" + question, json.dumps({"answer": "", "fact_ids": []}))

    def answer(self, prompt: str) -> str:
        question = question_of(prompt)
        facts = offered_facts(prompt)
        wanted = _words(question)
        why = bool(re.search(r"\bwhy\b|\bwant\b|motivat", question, re.I))
        would = bool(re.search(r"\bwould you\b|\bhow will\b|\bwhat would\b|\bfirst\b", question, re.I))

        truth = (self.labels or {}).get("facts", [])

        def kind(text: str) -> str | None:
            """What a careful reader of the notes takes this fact for (the case's labels)."""
            return next((f["kind"] for f in truth if f["text"] in text or text in f["text"]), None)

        def score(item: tuple[str, str]) -> float:
            _, text = item
            known = kind(text)
            if known in {"challenge", "plan", "mistake"} and not (would and known != "mistake"):
                return -10.0  # the employer's problem or a plan is not the candidate's example
            if known == "motivation" and not why:
                return -5.0
            overlap = len(wanted & _words(text))
            digits = 0.5 if re.search(r"\d", text) else 0.0
            own = 1.0 if re.match(r"^(?:I\b|I'|my\b|on my\b)", _clean(text), re.I) else 0.0
            employer = -1.5 if re.search(r"\bthey\b|\btheir\b|\bthem\b|\bsaid\b", text, re.I) and not would else 0
            reason = 2.0 if why and re.search(r"\bwant|\bbecause\b|\blove\b|\btrained\b|\bwhy\b", text, re.I) else 0
            return 2 * overlap + digits + own + employer + reason

        ranked = sorted(facts.items(), key=lambda item: -score(item))
        if not ranked:
            return json.dumps({"answer": "I would rather give you a real example than a general one, and I would "
                                         "be glad to talk it through.", "fact_ids": []})  # fmt: skip
        fact_id, text = ranked[0]
        example = first_person(short(text))
        key = question + fact_id
        lead = _pick([
            "The example I should have given is this one.",
            "Here is the answer I wish I had given.",
            "A better answer starts from my own work.",
            "I can answer that with something I have done.",
        ], key)  # fmt: skip
        after = _pick([
            "Looking back, that is the answer I should have led with.",
            "Despite my nerves on the day, it is the work I am proudest of.",
            "Alongside the result itself, it taught me to check that a change sticks.",
            "Within your team, I would bring the same approach to this question.",
            "Neither the problem nor the fix was unusual, which is why I think it carries over to your team.",
            "Since then, it has been the first thing I reach for in a situation like this.",
        ], key + "after")  # fmt: skip
        if why:
            lead = _pick(["The honest answer is simple.", "It comes down to one reason."], key)
            after = "That has not changed since the interview."
        elif would:
            lead = _pick(["I would start from what has worked for me before.",
                          "My approach would build on what I have already done."], key)  # fmt: skip
        sentences = [lead, example, after]
        listed = re.search(r"\bby (\w+ing\b[^,;]*?) and (\w+ing\b[^,;]*)$", _clean(text))
        if listed and not why:  # a count the fact itself gives: 'two changes: moving ... and pairing ...'
            sentences.insert(2, f"I did it with two changes: {listed.group(1)}, and {listed.group(2)}.")
        answer = _fit(sentences, 440)
        if len(answer.split()) < 14:
            answer = _fit([example, after, "I would be glad to walk you through it in more detail."], 440)
        reply = json.dumps({"answer": answer, "fact_ids": [fact_id]})
        self.written["answer:" + question] = reply
        self.written[question] = answer
        return reply

    def compose(self, prompt: str) -> str:
        facts = kind_facts(prompt)
        role = role_of(prompt)

        truth = (self.labels or {}).get("facts", [])

        def of(kind: str) -> list[str]:
            """The offered facts of a kind, those a careful reader of the notes would call so first."""
            offered = [t for k, t in facts if k == kind] + [t for k, t in facts if k != kind]
            labelled = [t for t in offered
                        if any(f["kind"] == kind and (f["text"] in t or t in f["text"]) for f in truth)]  # fmt: skip
            return labelled if truth else [t for k, t in facts if k == kind]

        key = prompt[-200:]
        mistakes, challenges, skills = of("mistake"), of("challenge"), of("skill")
        wins, plans = of("accomplishment"), of("plan")
        if role:
            titled = " ".join(w[:1].upper() + w[1:] for w in role.split())
            subject = _pick([f"Following up on my {role} interview", f"Following Up on Our {titled} Interview",
                             f"My {role} interview: better answers"], key)  # fmt: skip
        else:
            subject = _pick(["Following up on our interview", "A better answer to your questions"], key)
        if mistakes:
            slip = re.split(r",? (?:which|because|but|so)\b", _clean(mistakes[0]))[0]
            slip = slip if re.match(r"^I\b", slip) else "I " + _lower_start(slip)
            apology = _pick([f"I'm sorry: {slip}, and that is not how I work.",
                             f"I want to apologise for our interview. {_cap(slip)}, and I know it showed.",
                             f"{_cap(slip)}, and I'm sorry for that."], key)  # fmt: skip
        else:
            apology = "I'm sorry that I did not give you clear, concrete answers in our interview."
        if challenges:
            first = as_theirs(short(challenges[0], 22))
            second = as_theirs(short(challenges[1], 22)) if len(challenges) > 1 else ""
            both = f"{first}, and that {second}" if second else first
            challenge_text = _pick([
                f"You mentioned that {both}.",
                f"I understand that {first}" + (f"; {second}." if second else "."),
                f"{_cap(first)}" + (f", and {second}." if second else "."),
            ], key)  # fmt: skip
        else:
            challenge_text = "I would want to learn first where your team feels the most pressure."
        skill_bits = [_clean(s) for s in skills[:2]]
        if skill_bits:
            lead = _pick(["I bring", "I work with", "I have"], key)
            skill_text = f"{lead} " + " and ".join(_lower_start(s) for s in skill_bits) + "."
        else:
            skill_text = "I bring hands-on experience of this work."
        if wins:
            skill_text += " For example: " + first_person(short(wins[0], 24))
        if plans:
            steps = [_lower_start(_clean(p)) for p in plans[:2]]
            dated = any(re.search(r"\bdays?\b|\bweeks?\b|\bmonths?\b|\bterm\b|christmas", s, re.I) for s in steps)
            if dated:
                plan = "My plan: " + "; then ".join(steps) + "."
            else:
                plan = f"In my first 30 days I would {steps[0]}" + (f"; by day 60 I would {steps[1]}." if
                                                                     len(steps) > 1 else ".")  # fmt: skip
        else:
            plan = ("In my first 30 days I would listen to the team and learn how the work is done today; in days "
                    "31-60 I would start on the problem you raised with me.")  # fmt: skip
        ask = _pick([
            "Would you be open to another conversation or a short call?",
            "I would welcome the chance to talk again, even briefly, if you are open to it.",
            "Would you be willing to meet again so that I can answer these questions properly?",
        ], key)  # fmt: skip
        parts = {"subject": subject, "apology": apology[:300], "challenges": _fit([challenge_text], 400) or
                 challenge_text[:400], "skills": skill_text[:400], "plan": plan[:450], "ask": ask}  # fmt: skip
        for name, text in parts.items():
            self.written[name] = text
        return json.dumps(parts)


# --- the adversarial model ------------------------------------------------------------------------------

LIES = [
    "I also hold an MBA from Wharton.",
    "I did this with my mentor Priya Raman at Initech.",
    "It cut costs by forty-two percent.",
    "Reach me at jordan.fake@mailinator.com any time.",
    "My direct line is +1 (415) 555-0199.",
    "The full results are in q3-results-2024.xlsx.",
    "That lifted retention by 37% in one quarter.",
    "I have a PhD in operations research.",
    "We saved $2.4M over eighteen months.",
    "See https://portfolio.example.net/jordan for the details.",
    "I managed twelve analysts across 3 sites.",
    "My reference Dr. Helena Marsh can confirm it on 020 7946 0958.",
]
# The invented values, for an independent check that none reaches a letter.
INVENTED = ["MBA", "Wharton", "Priya Raman", "Initech", "forty-two", "jordan.fake@mailinator.com", "555-0199",
            "q3-results-2024.xlsx", "37%", "PhD", "$2.4M", "eighteen", "portfolio.example.net", "twelve",
            "Helena Marsh", "7946 0958"]  # fmt: skip


@dataclass
class AdversarialModel:
    """Writes a plausible letter, then laces every answer and part (and every repair) with invented facts."""

    written: dict[str, str] = field(default_factory=dict)
    turn: int = 0

    def __post_init__(self) -> None:
        self.backend = ScriptedBackend([self.reply] * 500, max_concurrency=1)
        self.honest = CompetentModel()
        self.honest.backend = self.backend

    def _lies(self, count: int) -> list[str]:
        chosen = [LIES[(self.turn + i) % len(LIES)] for i in range(count)]
        self.turn += count
        return chosen

    def reply(self, messages: list[Message]) -> str:
        name = self.backend.requests[-1].schema_name
        prompt = user_prompt(messages)
        if name == "ExtractedFacts":
            return json.dumps({"candidate_name": "Jordan Vale", "company": "Initech", "role": "Chief Data Officer",
                               "interviewers": ["Dr. Gregory House"], "facts": []})  # fmt: skip
        if name == "AnswerOut":
            base = json.loads(self.honest.answer(prompt))
            lies = self._lies(2)
            text = _fit([*base["answer"].split(". ")[:1], *lies], 440)
            text = text if text.endswith(".") else text + "."
            return json.dumps({"answer": text, "fact_ids": base["fact_ids"] or ["F1"]})
        if name == "LetterParts":
            parts = json.loads(self.honest.compose(prompt))
            limits = {"subject": 90, "apology": 300, "challenges": 400, "skills": 400, "plan": 450, "ask": 250}
            for key, text in parts.items():
                lie = self._lies(1)[0]
                parts[key] = (text + " " + lie)[: limits[key]] if key != "subject" else "Wharton MBA follows up"
            return json.dumps(parts)
        if name == "LetterRepair":
            return json.dumps({k: " ".join(self._lies(2))[:250] for k in repair_fields(messages)})
        raise AssertionError(f"unexpected request {name}")
