"""OpenAIBackend replayed from cassettes of a real server: the fact-extraction call in each --structured mode.

Recorded by scripts/record-cassettes from llama_cpp.server with the bundled SmolLM2-135M. The assertions are
about what reviser does with the server's answers, never about the model's wording.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cassettes import Recorded
from fakes import ScriptedBackend

from reviser.draft import plan_calls
from reviser.errors import ModelError
from reviser.llm.base import Usage
from reviser.llm.select import describe
from reviser.llm.structured import ModelOutputError, call_structured, extract_json_object
from reviser.models import ExtractedFacts
from reviser.questions import extract_questions

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"
NOTES = (EXAMPLES / "notes.txt").read_text()
QUESTIONS = extract_questions((EXAMPLES / "questions.txt").read_text())
# The first call of a draft, exactly as the pipeline builds it (the scripted backend only counts tokens).
EXTRACT = plan_calls(NOTES, QUESTIONS, ScriptedBackend([]))[0].messages
SCHEMA = ExtractedFacts.model_json_schema()


def extract(backend: Any, usage: Usage) -> ExtractedFacts:
    # The pipeline's own settings for this call (reviser.draft.extract).
    return call_structured(
        backend, EXTRACT, ExtractedFacts, max_tokens=700, usage=usage, label="extract facts"
    )


def content(reply: dict[str, Any]) -> str:
    return reply["choices"][0]["message"]["content"]


def assert_usage_matches(usage: Usage, recorded: Recorded) -> None:
    """Calls and tokens are exactly what the server reported for its successful answers."""
    answered = [e.reply for e in recorded.exchanges() if e.status == 200]
    assert usage.calls == len(answered)
    assert usage.prompt_tokens == sum(a["usage"]["prompt_tokens"] for a in answered)
    assert usage.completion_tokens == sum(a["usage"]["completion_tokens"] for a in answered)


@pytest.mark.cassette("extract")
def test_json_object_mode_sends_the_schema_and_returns_the_validated_reply(recorded: Recorded) -> None:
    backend = recorded.backend(structured="json_object")
    usage = Usage()
    facts = extract(backend, usage)
    sent = recorded.exchanges()
    assert all(e.request["response_format"] == {"type": "json_object", "schema": SCHEMA} for e in sent)
    first = sent[0].request
    assert first["messages"] == EXTRACT and first["model"] == recorded.model
    assert (first["max_tokens"], first["temperature"]) == (700, 0.0)
    # The facts are the server's last answer, parsed and validated: nothing added, nothing lost.
    assert facts == ExtractedFacts.model_validate(extract_json_object(content(sent[-1].reply)))
    assert usage.reasks == len(sent) - 1 and usage.retries == 0 and recorded.sleeps == []
    assert_usage_matches(usage, recorded)
    assert describe(backend) == {"backend": "openai", "model": recorded.model, "structured": "json_object"}


@pytest.mark.cassette("extract")
def test_auto_mode_steps_down_to_what_the_server_accepts(recorded: Recorded) -> None:
    backend = recorded.backend(structured="auto")
    usage = Usage()
    facts = extract(backend, usage)
    sent = recorded.exchanges()
    formats = [e.request["response_format"]["type"] for e in sent]
    assert formats[0] == "json_schema" and isinstance(facts, ExtractedFacts)
    if sent[0].status == 200:  # a server with OpenAI's structured outputs: nothing to step down from
        assert set(formats) == {"json_schema"} and describe(backend)["structured"] == "json_schema"
    else:
        # llama_cpp.server refuses json_schema (with a 500, not a 400): auto resends as json_object at
        # once, with no retry or backoff, and keeps that mode for the calls that follow.
        refusal = sent[0].reply["error"]["message"]
        assert "response_format" in refusal and "json_object" in refusal
        assert set(formats[1:]) == {"json_object"} and describe(backend)["structured"] == "json_object"
        assert recorded.sleeps == [] and usage.retries == 0
    if "llama_cpp.server" in recorded.server:
        assert formats[:2] == ["json_schema", "json_object"] and sent[0].status == 500
    assert_usage_matches(usage, recorded)


# Its own cassette: vcr would replay a just-recorded answer to the identical retry instead of recording it.
@pytest.mark.cassette("extract_json_schema")
def test_explicit_json_schema_on_a_server_that_refuses_it_fails_in_its_words(recorded: Recorded) -> None:
    backend = recorded.backend(structured="json_schema")
    usage = Usage()
    error: str | None = None
    try:
        extract(backend, usage)
    except ModelError as exc:
        error = str(exc)
    sent = recorded.exchanges()
    assert {e.request["response_format"]["type"] for e in sent} == {"json_schema"}
    if "llama_cpp.server" in recorded.server:
        assert sent[0].status == 500
    if sent[0].status == 200:
        assert error is None
        assert_usage_matches(usage, recorded)
        return
    # An explicit mode is never changed behind the user's back. llama_cpp.server's 500 cannot be told
    # from a crash, so it is retried with backoff (1 s, 2 s, 4 s) before reviser gives up.
    assert [e.status for e in sent] == [500] * 4
    assert recorded.sleeps == [1.0, 2.0, 4.0] and usage.calls == 0
    server_message = " ".join(sent[-1].reply["error"]["message"].split())
    assert error == f"the endpoint failed with 500 after 4 attempts: {server_message[:500]}"
    assert "Input should be 'text' or 'json_object'" in error


@pytest.mark.cassette("extract")
def test_prompt_mode_puts_the_schema_in_the_system_message_and_re_asks(recorded: Recorded) -> None:
    backend = recorded.backend(structured="prompt")
    usage = Usage()
    facts: ExtractedFacts | None = None
    error: str | None = None
    try:
        facts = extract(backend, usage)
    except ModelOutputError as exc:
        error = str(exc)
    sent = recorded.exchanges()
    assert all("response_format" not in e.request for e in sent)
    system = sent[0].request["messages"][0]["content"]
    assert system.startswith(EXTRACT[0]["content"]) and json.dumps(SCHEMA, separators=(",", ":")) in system
    # Each re-ask sends back the reply that failed, then the exact problem with it.
    for before, after in zip(sent, sent[1:], strict=False):
        assert after.request["messages"][-2] == {"role": "assistant", "content": content(before.reply)}
        assert after.request["messages"][-1]["content"].startswith("That reply cannot be used: ")
    assert_usage_matches(usage, recorded)
    if error is None:
        assert isinstance(facts, ExtractedFacts) and usage.reasks == len(sent) - 1
    else:
        # SmolLM2-135M without a grammar does not write this JSON: three attempts, then a clear error.
        assert len(sent) == 3 and usage.reasks == 2
        assert error.startswith("extract facts: the model did not return a valid ExtractedFacts JSON object "
                                "after 3 attempts; last problem: ")  # fmt: skip
