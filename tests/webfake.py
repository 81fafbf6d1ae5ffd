"""A scripted model for the web tests: tests/fakes.py's ScriptedBackend, answering each call by its schema name."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

from fakes import ScriptedBackend
from test_draft import GOOD_PARTS

from reviser.errors import ModelError
from reviser.llm.base import Message

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"
NOTES = (EXAMPLES / "notes.txt").read_text()
QUESTIONS = (EXAMPLES / "questions.txt").read_text()

PARTS = GOOD_PARTS  # the letter parts a good model writes for the example, shared with the draft tests


def _facts(messages: list[Message]) -> dict[str, str]:
    user = next(m["content"] for m in messages if m["role"] == "user")
    return dict(re.findall(r"^(F\d+): (.+)$", user, flags=re.M))


def _answer(messages: list[Message], taken: set[str]) -> str:
    facts = _facts(messages)
    # A fresh fact for each answer, accomplishments first, so the letter reads like a letter.
    fresh = [i for i in facts if i not in taken] or list(facts)
    chosen = next((i for i in fresh if any(w in facts[i] for w in ("Harbor", "forecasting", "mentored"))), fresh[0])
    taken.add(chosen)
    text = facts[chosen].rstrip(".")
    return json.dumps({"answer": f"A better answer: {text}. That is how I would approach it for your team, "
                                 "step by step, and I would check the result with the people who use it.",
                       "fact_ids": [chosen]})  # fmt: skip


class FakeModel:
    """Answers by the request's schema name. `delay` slows every call (to watch progress); `fail_on` names a
    schema whose call raises a ModelError (a draft that fails mid-way); `parts` overrides letter parts."""

    def __init__(self, delay: float = 0.0, fail_on: str | None = None, **parts: str) -> None:
        self.delay = delay
        self.fail_on = fail_on
        self.parts = {**PARTS, **parts}
        self.release = threading.Event()  # with hold=True, calls wait for this
        self.hold = False
        self.backend = ScriptedBackend([self.reply] * 400, max_concurrency=2)
        self.settings: list[object] = []
        self.taken: set[str] = set()

    def reply(self, messages: list[Message]) -> str:
        name = self.backend.requests[-1].schema_name
        if self.delay:
            time.sleep(self.delay)
        if self.hold:
            self.release.wait(30)
        if name == self.fail_on:
            raise ModelError("the endpoint returned 500 five times")
        if name == "ExtractedFacts":
            return json.dumps({"candidate_name": "Alex Morgan", "company": "Northwind Logistics",
                               "role": "Senior Data Analyst", "interviewers": ["Dana Reyes"], "facts": []})  # fmt: skip
        if name == "AnswerOut":
            return _answer(messages, self.taken)
        if name == "LetterParts":
            return json.dumps(self.parts)
        if name == "LetterRepair":
            repair = next(m["content"] for m in reversed(messages) if "Current draft:" in m["content"])
            fields = re.findall(r"^(\w+):", repair.split("Current draft:")[1], flags=re.M)
            return json.dumps({k: self.parts[k] for k in fields if k in self.parts})
        raise AssertionError(f"unexpected call {name}")

    def factory(self, settings: object) -> ScriptedBackend:
        # The backend factory the app calls with the page's model settings.
        self.settings.append(settings)
        return self.backend
