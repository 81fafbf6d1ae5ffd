"""call_structured: parsing, validation, re-asks and usage accounting against a scripted backend."""

from __future__ import annotations

import json
import threading

import pytest
from fakes import Scripted, ScriptedBackend
from pydantic import Field

from reviser.errors import ModelError
from reviser.llm.base import Usage
from reviser.llm.structured import ModelOutputError, ReplyError, call_structured, extract_json_object
from reviser.models import Strict


class Answer(Strict):
    city: str
    score: int = Field(ge=0, le=10)


MESSAGES = [
    {"role": "system", "content": "You answer questions."},
    {"role": "user", "content": "Which city? Give a score."},
]
VALID = '{"city": "Paris", "score": 7}'


def ask(backend: ScriptedBackend, usage: Usage | None = None, max_reasks: int = 2) -> Answer:
    return call_structured(
        backend,
        MESSAGES,
        Answer,
        max_tokens=64,
        usage=usage if usage is not None else Usage(),
        label="answer",
        max_reasks=max_reasks,
    )


def test_valid_json_is_parsed_and_schema_is_sent() -> None:
    backend = ScriptedBackend([VALID])
    usage = Usage()
    assert ask(backend, usage) == Answer(city="Paris", score=7)
    (request,) = backend.requests
    assert request.schema == Answer.model_json_schema()
    assert request.schema_name == "Answer"
    assert request.max_tokens == 64
    assert request.messages == MESSAGES
    assert (usage.calls, usage.reasks, usage.retries) == (1, 0, 0)
    assert usage.prompt_tokens == 8  # ScriptedBackend counts words: 3 + 5
    assert usage.completion_tokens == 4
    assert len(usage.per_call) == 1
    entry = usage.per_call[0]
    assert sorted(entry) == ["completion_tokens", "label", "prompt_tokens", "seconds"]
    assert (entry["label"], entry["prompt_tokens"], entry["completion_tokens"]) == ("answer", 8, 4)
    assert entry["seconds"] >= 0


def test_fenced_json_with_prose_is_accepted() -> None:
    reply = 'Sure! Here is the answer:\n```json\n{"city": "Lyon", "score": 3}\n```\nHope that helps {really}.'
    assert ask(ScriptedBackend([reply])) == Answer(city="Lyon", score=3)


def test_malformed_json_is_reasked_with_the_exact_error() -> None:
    bad = '{"city": "Paris", "score": 7,}'
    backend = ScriptedBackend([bad, VALID])
    usage = Usage()
    assert ask(backend, usage) == Answer(city="Paris", score=7)
    assert len(backend.requests) == 2
    reask = backend.requests[1].messages
    assert reask[:2] == MESSAGES
    assert reask[2] == {"role": "assistant", "content": bad}
    assert reask[3]["role"] == "user"
    assert reask[3]["content"] == (
        "That reply cannot be used: invalid JSON: Expecting property name enclosed in double quotes: "
        "line 1 column 30 (char 29). Reply again with one corrected JSON object for Answer and nothing else."
    )
    assert (usage.calls, usage.reasks) == (2, 1)
    assert [e["label"] for e in usage.per_call] == ["answer", "answer"]


def test_validation_error_names_the_field() -> None:
    backend = ScriptedBackend(['{"city": "Paris", "score": 11}', VALID])
    ask(backend)
    assert (
        backend.requests[1]
        .messages[-1]["content"]
        .startswith(
            "That reply cannot be used: the JSON object does not match the schema: "
            "score: Input should be less than or equal to 10."
        )
    )


def test_unknown_key_is_a_validation_error() -> None:
    backend = ScriptedBackend(['{"city": "Paris", "score": 1, "mood": "sad"}', VALID])
    ask(backend)
    assert "mood: Extra inputs are not permitted" in backend.requests[1].messages[-1]["content"]


def test_truncated_reply_is_reasked() -> None:
    backend = ScriptedBackend([Scripted('{"city": "Pa', finish_reason="length"), VALID])
    usage = Usage()
    assert ask(backend, usage) == Answer(city="Paris", score=7)
    assert backend.requests[1].messages[-1]["content"] == (
        "That reply cannot be used: the reply was cut off at the 64-token limit before the JSON object was "
        "complete; answer again with a shorter JSON object. "
        "Reply again with one corrected JSON object for Answer and nothing else."
    )
    assert usage.reasks == 1


def test_never_valid_raises_model_output_error_after_max_reasks() -> None:
    backend = ScriptedBackend(["no idea", "still no idea", "nope"])
    usage = Usage()
    with pytest.raises(ModelOutputError) as info:
        ask(backend, usage, max_reasks=2)
    assert str(info.value) == (
        "answer: the model did not return a valid Answer JSON object after 3 attempts; "
        "last problem: the reply contains no JSON object"
    )
    assert isinstance(info.value, ModelError)
    assert info.value.exit_code == 3
    assert len(backend.requests) == 3
    assert (usage.calls, usage.reasks) == (3, 2)
    # Each re-ask carries only the latest failed reply, not the whole history.
    assert [m["content"] for m in backend.requests[2].messages if m["role"] == "assistant"] == [
        "still no idea"
    ]


def test_max_reasks_zero_means_one_attempt() -> None:
    backend = ScriptedBackend(["{"])
    with pytest.raises(
        ModelOutputError, match="after 1 attempts; last problem: the JSON object is not closed"
    ):
        ask(backend, max_reasks=0)
    assert len(backend.requests) == 1


def test_schema_in_prompt_goes_into_the_system_message() -> None:
    backend = ScriptedBackend([VALID], schema_in_prompt=True)
    ask(backend)
    (request,) = backend.requests
    assert request.schema is None
    system = request.messages[0]
    assert system["role"] == "system"
    assert system["content"].startswith("You answer questions.\n\nReply with one JSON object only")
    assert system["content"].endswith(json.dumps(Answer.model_json_schema(), separators=(",", ":")))
    assert request.messages[1] == MESSAGES[1]
    assert MESSAGES[0]["content"] == "You answer questions."  # the caller's list is not mutated


def test_schema_in_prompt_adds_a_system_message_when_missing() -> None:
    backend = ScriptedBackend([VALID], schema_in_prompt=True)
    call_structured(backend, [MESSAGES[1]], Answer, max_tokens=10, usage=Usage(), label="x")
    messages = backend.requests[0].messages
    assert [m["role"] for m in messages] == ["system", "user"]
    assert messages[0]["content"].startswith("Reply with one JSON object only")


def test_scripted_backend_fails_loudly_when_the_script_runs_out() -> None:
    backend = ScriptedBackend(["garbage"])
    with pytest.raises(AssertionError, match=r"ran out of replies: request 2 \(Answer\) but only 1 scripted"):
        ask(backend)


def test_callable_reply_sees_the_messages() -> None:
    seen: list[str] = []

    def reply(messages: list[dict[str, str]]) -> str:
        seen.append(messages[-1]["content"])
        return VALID

    assert ask(ScriptedBackend([reply])) == Answer(city="Paris", score=7)
    assert seen == ["Which city? Give a score."]


def test_concurrent_calls_share_one_usage() -> None:
    backend = ScriptedBackend(["oops", VALID] * 8 + [VALID] * 8, max_concurrency=8)
    usage = Usage()
    threads = [threading.Thread(target=ask, args=(backend, usage)) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # 16 answers; exactly the 8 "oops" replies caused a re-ask, whichever thread received them.
    assert usage.calls == 24
    assert usage.reasks == 8
    assert len(usage.per_call) == 24
    assert usage.completion_tokens == sum(e["completion_tokens"] for e in usage.per_call)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": {"b": "}"}}', {"a": {"b": "}"}}),
        ('Use {name} here: {"a": 1}', {"a": 1}),
        ('{"s": "quote \\" and { brace"} trailing', {"s": 'quote " and { brace'}),
        ('[1, 2] then {"a": [1, 2]}', {"a": [1, 2]}),
        ('{"text": "line one\nline two"}', {"text": "line one\nline two"}),  # a raw newline in a string
    ],
)
def test_extract_json_object(text: str, expected: dict[str, object]) -> None:
    assert extract_json_object(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "the reply contains no JSON object"),
        ('{"a": 1', "the JSON object is not closed (the reply ends inside it)"),
        (
            "{'a': 1}",
            "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
    ],
)
def test_extract_json_object_errors(text: str, problem: str) -> None:
    with pytest.raises(ReplyError) as info:
        extract_json_object(text)
    assert str(info.value) == problem
