"""A scripted stand-in for a model backend, shared by every test that drafts without a real model."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reviser.llm.base import Completion, Message, TokenCount

ReplyText = str | Callable[[list[Message]], str]


@dataclass
class Scripted:
    """One reply with a non-default finish reason, e.g. Scripted('{"a": ', finish_reason="length")."""

    reply: ReplyText
    finish_reason: str = "stop"


@dataclass
class Request:
    messages: list[Message]
    schema: dict[str, Any] | None
    schema_name: str
    max_tokens: int


def _words(text: str) -> int:
    # A deterministic stand-in for a tokenizer: one token per whitespace-separated word.
    return len(text.split())


class ScriptedBackend:
    """Returns the scripted replies in order; a callable reply gets the messages and returns the text.

    Every request is recorded in `requests`. Running out of replies is a test bug and fails loudly.
    """

    name = "fake"
    model = "scripted"

    def __init__(
        self,
        replies: Sequence[ReplyText | Scripted],
        *,
        schema_in_prompt: bool = False,
        max_concurrency: int = 1,
    ) -> None:
        self.replies = list(replies)
        self.schema_in_prompt = schema_in_prompt
        self.max_concurrency = max_concurrency
        self.requests: list[Request] = []
        self._lock = threading.Lock()

    @property
    def remaining(self) -> int:
        return len(self.replies) - len(self.requests)

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        with self._lock:
            index = len(self.requests)
            self.requests.append(Request([dict(m) for m in messages], schema, schema_name, max_tokens))
            if index >= len(self.replies):
                raise AssertionError(
                    f"ScriptedBackend ran out of replies: request {index + 1} ({schema_name}) but only "
                    f"{len(self.replies)} scripted; last user message: {messages[-1]['content'][:200]!r}"
                )
            entry = self.replies[index]
            scripted = entry if isinstance(entry, Scripted) else Scripted(entry)
            # Under the lock, so a callable reply may read `requests[-1]` to learn which call it answers.
            text = scripted.reply(messages) if callable(scripted.reply) else scripted.reply
        return Completion(
            text=text,
            prompt_tokens=sum(_words(m["content"]) for m in messages),
            completion_tokens=_words(text),
            finish_reason=scripted.finish_reason,
        )

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        return TokenCount(sum(_words(m["content"]) for m in messages), approximate=True)
