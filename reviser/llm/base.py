"""The one small interface every backend serves, and the records it returns.

A backend only turns chat messages into raw text (optionally constrained to a JSON schema).
Validation, re-asks and usage accounting are generic and live in `reviser.llm.structured`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "stop" | "length" | ...
    retries: int = 0  # transient failures (429, 5xx, timeouts) retried inside this call
    seconds: float = 0.0  # generation time, where the backend measures it (the embedded model)


@dataclass
class TokenCount:
    tokens: int
    approximate: bool  # True when no exact tokenizer was available offline


@dataclass
class Usage:
    """Totals for one run, shown in the draft report."""

    calls: int = 0
    reasks: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    per_call: list[dict[str, Any]] = field(default_factory=list)


class Backend(Protocol):
    name: str  # "openai" | "local" | "fake"
    model: str  # model id or GGUF file name
    # True when the backend cannot constrain output to a schema and the schema must be put in the prompt.
    schema_in_prompt: bool
    # How many calls may run at once (a local in-process model runs one at a time).
    max_concurrency: int

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion: ...

    def count_tokens(self, messages: list[Message]) -> TokenCount: ...
