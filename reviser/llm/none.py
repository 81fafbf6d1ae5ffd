"""`--backend none`: no model at all. The draft is written from the notes by the composer, instantly."""

from __future__ import annotations

from typing import Any

from reviser.errors import ModelError
from reviser.llm.base import Completion, Message, TokenCount


class NoModel:
    name = "none"
    model = "none"
    schema_in_prompt = False
    max_concurrency = 1
    structured_mode = "none"

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        # The pipeline never calls a model with this backend; reaching here is a bug, said plainly.
        raise ModelError(f"no model is in use (--backend none), yet {schema_name} asked for one")

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        return TokenCount(0, approximate=False)
