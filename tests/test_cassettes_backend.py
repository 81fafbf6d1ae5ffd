"""OpenAIBackend replayed from cassettes of a real server: the fact-extraction call in every --structured mode.

Recorded by scripts/record-cassettes from llama_cpp.server with the bundled SmolLM2-135M. Assertions are
about what reviser does with the server's answers, never about the model's wording.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Recorded
from fakes import ScriptedBackend

from reviser.draft import plan_calls
from reviser.errors import ModelError
from reviser.inputs import extract_questions
from reviser.llm.base import Usage
from reviser.llm.select import describe
from reviser.llm.structured import ModelOutputError, call_structured, extract_json_object
from reviser.models import ExtractedFacts

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"
NOTES = (EXAMPLES / "notes.txt").read_text()
QUESTIONS = extract_questions((EXAMPLES / "questions.txt").read_text())
# The first call of a draft, exactly as the pipeline builds it (the scripted backend only counts tokens).
EXTRACT = plan_calls(NOTES, QUESTIONS, ScriptedBackend([]))[0].messages
SCHEMA = ExtractedFacts.model_json_schema()


def extract(backend: Any, usage: Usage) -> ExtractedFacts:
    # The pipeline's own settings for this call (reviser.draft.extract).
    return call_structured(backend, EXTRACT, ExtractedFacts, max_tokens=700, usage=usage, label="extract facts")


def body(request: Any) -> dict[str, Any]:
    return json.loads(request.body)


def status(response: dict[str, Any]) -> int:
    return int(response["status"]["code"])


def reply(response: dict[str, Any]) -> dict[str, Any]:
    return json.loads(response["body"]["string"])


def assert_usage_matches(usage: Usage, recorded: Recorded) -> None:
    """calls and tokens in the report are exactly what the server reported for its successful answers."""
    answered = [reply(r) for _, r in recorded.played() if status(r) == 200]
    assert usage.calls == len(answered)
    assert usage.prompt_tokens == sum(a["usage"]["prompt_tokens"] for a in answered)
    assert usage.completion_tokens == sum(a["usage"]["completion_tokens"] for a in answered)


@pytest.mark.cassette("extract_json_object")
def test_json_object_mode_sends_the_schema_and_returns_validated_facts(recorded: Recorded) -> None:
    backend = recorded.backend(structured="json_object")
    usage = Usage()
    facts = extract(backend, usage)
    played = recorded.played()
    assert [body(q)["response_format"] for q, _ in played] == [{"type": "json_object", "schema": SCHEMA}] * len(
        played
    )
    first = body(played[0][0])
    assert first["messages"] == EXTRACT and first["max_tokens"] == 700 and first["temperature"] == 0.0
    assert first["model"] == recorded.model
    # The facts are the server's last answer, parsed and validated, not something reviser made up.
    last = reply(played[-1][1])["choices"][0]["message"]["content"]
    assert facts == ExtractedFacts.model_validate(extract_json_object(last))
    assert usage.reasks == len(played) - 1 and usage.retries == 0 and recorded.sleeps == []
    assert_usage_matches(usage, recorded)
    assert describe(backend) == {"backend": "openai", "model": recorded.model, "structured": "json_object"}


@pytest.mark.cassette("extract_auto")
def test_auto_mode_steps_down_to_what_the_server_accepts(recorded: Recorded) -> None:
    backend = recorded.backend(structured="auto")
    usage = Usage()
    facts = extract(backend, usage)
    played = recorded.played()
    formats = [body(q)["response_format"]["type"] for q, _ in played]
    assert formats[0] == "json_schema"
    if status(played[0][1]) == 200:  # a server with OpenAI's structured outputs: nothing to step down from
        assert set(formats) == {"json_schema"} and describe(backend)["structured"] == "json_schema"
    else:
        # llama_cpp.server refuses json_schema (with a 500, not a 400): auto resends as json_object at once,
        # without a retry or a backoff, and keeps that mode for the calls that follow.
        error = reply(played[0][1])["error"]["message"]
        assert "response_format" in error and "json_object" in error
        assert set(formats[1:]) == {"json_object"} and describe(backend)["structured"] == "json_object"
        assert recorded.sleeps == [] and usage.retries == 0
    assert isinstance(facts, ExtractedFacts)
    assert_usage_matches(usage, recorded)
    if "llama_cpp.server" in recorded.server:
        assert describe(backend)["structured"] == "json_object"


@pytest.mark.cassette("extract_json_schema")
def test_json_schema_mode_on_a_server_that_refuses_it_fails_with_the_servers_words(recorded: Recorded) -> None:
    backend = recorded.backend(structured="json_schema")
    usage = Usage()
    try:
        extract(backend, usage)
        error = None
    except ModelError as exc:
        error = str(exc)
    played = recorded.played()
    assert {body(q)["response_format"]["type"] for q, _ in played} == {"json_schema"}
    if status(played[0][1]) == 200:
        assert error is None
        assert_usage_matches(usage, recorded)
        return
    # An explicit mode is never changed behind the user's back. llama_cpp.server answers 500, which reviser
    # cannot tell from a crash, so it is retried with backoff (1 s, 2 s, 4 s) before giving up.
    assert "llama_cpp.server" not in recorded.server or status(played[0][1]) == 500
    assert [status(r) for _, r in played] == [500] * 4
    assert recorded.sleeps == [1.0, 2.0, 4.0] and usage.calls == 0
    server_message = " ".join(reply(played[-1][1])["error"]["message"].split())
    assert error == f"the endpoint failed with 500 after 4 attempts: {server_message[:500]}"
    assert "Input should be 'text' or 'json_object'" in error


@pytest.mark.cassette("extract_prompt")
def test_prompt_mode_puts_the_schema_in_the_system_message(recorded: Recorded) -> None:
    backend = recorded.backend(structured="prompt")
    usage = Usage()
    try:
        facts: ExtractedFacts | None = extract(backend, usage)
        error = None
    except ModelOutputError as exc:
        facts, error = None, str(exc)
    played = recorded.played()
    requests = [body(q) for q, _ in played]
    assert all("response_format" not in r for r in requests)
    system = requests[0]["messages"][0]["content"]
    assert system.startswith(EXTRACT[0]["content"])
    assert json.dumps(SCHEMA, separators=(",", ":")) in system
    # Each re-ask sends the failed reply back with the exact problem, and nothing else changes.
    for previous, (request, response) in zip(played, played[1:]):
        assert request.body != previous[0].body
        said = reply(previous[1])["choices"][0]["message"]["content"]
        assert body(request)["messages"][-2] == {"role": "assistant", "content": said}
        assert body(request)["messages"][-1]["content"].startswith("That reply cannot be used: ")
    assert_usage_matches(usage, recorded)
    if error is None:
        assert isinstance(facts, ExtractedFacts) and usage.reasks == len(played) - 1
    else:
        assert len(played) == 3 and usage.reasks == 2
        assert error.startswith("extract facts: the model did not return a valid ExtractedFacts JSON object")
