"""One structured call: send a pydantic model's schema, parse and validate the reply, re-ask on failure.

This is the only place that turns raw model text into typed data, so every backend gets the same tolerance
(code fences, prose around the JSON), the same re-ask wording and the same usage accounting.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from reviser.errors import ModelError
from reviser.llm.base import Backend, Completion, Message, Usage

M = TypeVar("M", bound=BaseModel)

# One lock for every Usage: calls finish rarely (seconds apart), so contention does not matter.
_USAGE_LOCK = threading.Lock()


class ModelOutputError(ModelError):
    """The model kept answering with text that is not the requested JSON object (exit 3)."""


class ReplyError(ValueError):
    """Why one reply could not be used; the text is sent back to the model verbatim in the re-ask."""


def with_schema_in_prompt(messages: list[Message], schema: dict[str, Any]) -> list[Message]:
    """Append the schema and the JSON-only instruction to the system message (adding one if missing)."""
    instruction = (
        "Reply with one JSON object only, no prose and no code fences. "
        "It must validate against this JSON schema:\n" + json.dumps(schema, separators=(",", ":"))
    )
    out = [dict(m) for m in messages]
    if out and out[0]["role"] == "system":
        out[0]["content"] = out[0]["content"].rstrip() + "\n\n" + instruction
    else:
        out.insert(0, {"role": "system", "content": instruction})
    return out


def _json_object_end(text: str, start: int) -> int | None:
    """Index just past the `}` that closes the `{` at `start`, honouring strings; None if never closed."""
    depth = 0
    in_string = False
    escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def extract_json_object(text: str) -> dict[str, Any]:
    """The first balanced JSON object in `text`; fences and prose around it are ignored."""
    first_error: str | None = None
    start = text.find("{")
    while start != -1:
        end = _json_object_end(text, start)
        if end is None:
            first_error = first_error or "the JSON object is not closed (the reply ends inside it)"
            break
        try:
            # strict=False accepts raw newlines in strings: llama.cpp's JSON grammar lets models emit them.
            value = json.loads(text[start:end], strict=False)
        except json.JSONDecodeError as exc:
            first_error = first_error or f"invalid JSON: {exc}"
        else:
            if isinstance(value, dict):
                return value
        # A brace in leading prose ("{name}") must not hide the real object that follows.
        start = text.find("{", start + 1)
    raise ReplyError(first_error or "the reply contains no JSON object")


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        parts.append(f"{where}: {err['msg']}")
    return "the JSON object does not match the schema: " + "; ".join(parts)


def parse_reply(completion: Completion, output_model: type[M], max_tokens: int) -> M:
    if completion.finish_reason == "length":
        raise ReplyError(
            f"the reply was cut off at the {max_tokens}-token limit before the JSON object was complete; "
            "answer again with a shorter JSON object"
        )
    data = extract_json_object(completion.text)
    try:
        return output_model.model_validate(data)
    except ValidationError as exc:
        raise ReplyError(_validation_message(exc)) from None


def _record(usage: Usage, label: str, completion: Completion, seconds: float, reask: bool) -> None:
    with _USAGE_LOCK:
        usage.calls += 1
        usage.reasks += int(reask)
        usage.retries += completion.retries
        usage.prompt_tokens += completion.prompt_tokens
        usage.completion_tokens += completion.completion_tokens
        usage.seconds += seconds
        usage.per_call.append(
            {
                "label": label,
                "prompt_tokens": completion.prompt_tokens,
                "completion_tokens": completion.completion_tokens,
                "seconds": round(seconds, 3),
            }
        )


def call_structured(
    backend: Backend,
    messages: list[Message],
    output_model: type[M],
    *,
    max_tokens: int,
    usage: Usage,
    label: str,
    max_reasks: int = 2,
) -> M:
    """One JSON object matching `output_model`; re-asks up to `max_reasks` times with the exact error."""
    if max_reasks < 0:
        raise ValueError("max_reasks must be >= 0")
    schema = output_model.model_json_schema()
    schema_name = output_model.__name__
    if backend.schema_in_prompt:
        base: list[Message] = with_schema_in_prompt(messages, schema)
        sent_schema: dict[str, Any] | None = None
    else:
        base, sent_schema = list(messages), schema
    conversation = base
    for attempt in range(max_reasks + 1):
        started = time.perf_counter()
        completion = backend.complete(
            conversation, schema=sent_schema, schema_name=schema_name, max_tokens=max_tokens
        )
        _record(usage, label, completion, time.perf_counter() - started, reask=attempt > 0)
        try:
            return parse_reply(completion, output_model, max_tokens)
        except ReplyError as exc:
            problem = str(exc)
        # Only the latest failed reply goes back: earlier ones would just eat the context window.
        conversation = [
            *base,
            {"role": "assistant", "content": completion.text},
            {
                "role": "user",
                "content": f"That reply cannot be used: {problem}. "
                f"Reply again with one corrected JSON object for {schema_name} and nothing else.",
            },
        ]
    raise ModelOutputError(
        f"{label}: the model did not return a valid {schema_name} JSON object after "
        f"{max_reasks + 1} attempts; last problem: {problem}"
    )
