"""OpenAIBackend against a scripted HTTP server on 127.0.0.1 (real openai SDK, real sockets, no internet)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from reviser.errors import ModelError
from reviser.llm import openai_backend
from reviser.llm.base import Usage
from reviser.llm.openai_backend import OpenAIBackend, count_chat_tokens, encoding_name, retry_after_seconds
from reviser.llm.select import describe
from reviser.llm.structured import call_structured
from reviser.models import Strict

KEY = "sk-test-secret-4242"


class Answer(Strict):
    city: str


SCHEMA = Answer.model_json_schema()
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"}]


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def chat(
    content: str | None, finish_reason: str = "stop", refusal: str | None = None, usage: bool = True
) -> Any:
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-test",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
                "logprobs": None,
            }
        ],
    }
    if usage:
        body["usage"] = {"prompt_tokens": 21, "completion_tokens": 6, "total_tokens": 27}
    return body


def error(status: int, message: str, code: str | None = None, **extra: Any) -> Reply:
    return Reply(
        status, {"error": {"message": message, "type": "invalid_request_error", "code": code, **extra}}
    )


class FakeServer:
    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length", "0"))
                server.requests.append(json.loads(self.rfile.read(length) or b"{}"))
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = (
                    server.replies.pop(0)
                    if server.replies
                    else Reply(500, {"error": {"message": "no reply"}})
                )
                if reply.delay:
                    time.sleep(reply.delay)
                payload = (
                    reply.body.encode() if isinstance(reply.body, str) else json.dumps(reply.body).encode()
                )
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServer]:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    fake = FakeServer()
    yield fake
    fake.close()


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def backend(server: FakeServer, sleeps: Sleeps | None = None, **kwargs: Any) -> OpenAIBackend:
    return OpenAIBackend(
        kwargs.pop("model", "gpt-test"),
        server.url,
        kwargs.pop("api_key", KEY),
        sleep=sleeps if sleeps is not None else Sleeps(),
        **kwargs,
    )


def complete(b: OpenAIBackend, schema: dict[str, Any] | None = SCHEMA) -> Any:
    return b.complete(MESSAGES, schema=schema, schema_name="Answer", max_tokens=50)


def fails(b: OpenAIBackend) -> str:
    with pytest.raises(ModelError) as info:
        complete(b)
    assert info.value.exit_code == 3
    message = str(info.value)
    assert KEY not in message
    return message


def test_json_schema_request_body(server: FakeServer) -> None:
    server.replies = [Reply(body=chat('{"city": "Paris"}'))]
    completion = complete(backend(server, structured="json_schema"))
    assert server.requests == [
        {
            "model": "gpt-test",
            "messages": MESSAGES,
            "max_tokens": 50,
            "temperature": 0.0,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "Answer", "schema": SCHEMA, "strict": False},
            },
        }
    ]
    assert server.headers[0]["authorization"] == f"Bearer {KEY}"
    assert (completion.text, completion.prompt_tokens, completion.completion_tokens) == (
        '{"city": "Paris"}',
        21,
        6,
    )
    assert (completion.finish_reason, completion.retries) == ("stop", 0)


def test_json_object_and_prompt_modes(server: FakeServer) -> None:
    server.replies = [Reply(body=chat("{}")), Reply(body=chat("{}"))]
    complete(backend(server, structured="json_object"))
    assert server.requests[0]["response_format"] == {"type": "json_object", "schema": SCHEMA}
    prompt = backend(server, structured="prompt")
    assert prompt.schema_in_prompt is True
    complete(prompt, schema=None)
    assert "response_format" not in server.requests[1]
    assert server.requests[1]["messages"] == MESSAGES


def test_auto_falls_back_on_400_and_remembers(server: FakeServer) -> None:
    rejected = error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported.")
    server.replies = [rejected, Reply(body=chat('{"city": "Paris"}')), Reply(body=chat('{"city": "Lyon"}'))]
    b = backend(server)
    assert describe(b) == {"backend": "openai", "model": "gpt-test", "structured": "json_schema"}
    assert complete(b).text == '{"city": "Paris"}'
    assert server.requests[1]["response_format"] == {"type": "json_object", "schema": SCHEMA}
    assert describe(b)["structured"] == "json_object"
    complete(b)
    assert len(server.requests) == 3
    assert server.requests[2]["response_format"]["type"] == "json_object"


def test_auto_falls_back_to_prompt_then_call_structured_puts_schema_in_prompt(server: FakeServer) -> None:
    server.replies = [
        error(400, "response_format json_schema unsupported"),
        Reply(422, {"detail": [{"loc": ["body", "response_format", "type"], "msg": "unexpected value"}]}),
        Reply(body=chat('{"city": "Paris"}')),
        Reply(body=chat('{"city": "Rome"}')),
    ]
    b = backend(server)
    usage = Usage()
    assert call_structured(b, MESSAGES, Answer, max_tokens=50, usage=usage, label="q") == Answer(city="Paris")
    fallback = server.requests[2]
    assert "response_format" not in fallback
    assert fallback["messages"][0]["content"].startswith("Be brief.\n\nReply with one JSON object only")
    assert b.schema_in_prompt is True
    assert call_structured(b, MESSAGES, Answer, max_tokens=50, usage=usage, label="q") == Answer(city="Rome")
    after = server.requests[3]
    assert "response_format" not in after
    assert after["messages"] == fallback["messages"]  # added once by call_structured, not twice
    assert (usage.calls, usage.retries, usage.prompt_tokens) == (2, 0, 42)


def test_auto_falls_back_on_llama_cpp_python_500(server: FakeServer) -> None:
    # The exact body llama-cpp-python 0.3.36's server sends for response_format type json_schema.
    message = (
        "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
        "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema'}"
    )
    server.replies = [
        Reply(
            500, {"error": {"message": message, "type": "internal_server_error", "param": None, "code": None}}
        ),
        Reply(body=chat('{"city": "Paris"}')),
    ]
    sleeps = Sleeps()
    completion = complete(backend(server, sleeps))
    assert (completion.text, completion.retries, sleeps) == ('{"city": "Paris"}', 0, [])
    assert server.requests[1]["response_format"] == {"type": "json_object", "schema": SCHEMA}


def test_explicit_mode_does_not_fall_back(server: FakeServer) -> None:
    server.replies = [
        error(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported.")
    ]
    assert fails(backend(server, structured="json_schema")) == (
        "the endpoint rejected the request (400): "
        "Invalid parameter: 'response_format' of type 'json_schema' is not supported."
    )


def test_max_completion_tokens_fallback(server: FakeServer) -> None:
    server.replies = [
        error(
            400,
            "Unsupported parameter: 'max_tokens' is not supported with this model. "
            "Use 'max_completion_tokens' instead.",
        ),
        Reply(body=chat("{}")),
    ]
    complete(backend(server, structured="json_schema"))
    assert server.requests[1]["max_completion_tokens"] == 50
    assert "max_tokens" not in server.requests[1]


def test_temperature_is_dropped_when_the_model_refuses_it(server: FakeServer) -> None:
    server.replies = [
        error(
            400, "Unsupported value: 'temperature' does not support 0.0 with this model.", "unsupported_value"
        ),
        Reply(body=chat("{}")),
        Reply(body=chat("{}")),
    ]
    b = backend(server, structured="json_schema")
    complete(b)
    complete(b)
    assert [r.get("temperature") for r in server.requests] == [0.0, None, None]


def test_429_honours_retry_after_and_counts_retries(server: FakeServer) -> None:
    sleeps = Sleeps()
    server.replies = [
        Reply(429, {"error": {"message": "Rate limit reached"}}, {"Retry-After": "2"}),
        Reply(body=chat('{"city": "Paris"}')),
    ]
    usage = Usage()
    b = backend(server, sleeps)
    assert call_structured(b, MESSAGES, Answer, max_tokens=50, usage=usage, label="q") == Answer(city="Paris")
    assert sleeps == [2.0]
    assert (usage.calls, usage.retries, usage.reasks) == (1, 1, 0)


def test_retry_after_is_bounded(server: FakeServer) -> None:
    sleeps = Sleeps()
    server.replies = [
        Reply(429, {"error": {"message": "slow down"}}, {"Retry-After": "3600"}),
        Reply(body=chat("{}")),
    ]
    assert complete(backend(server, sleeps)).retries == 1
    assert sleeps == [60.0]


def test_500_then_success_uses_exponential_backoff(server: FakeServer) -> None:
    sleeps = Sleeps()
    server.replies = [Reply(500, {"error": {"message": "boom"}}), Reply(502, {}), Reply(body=chat("{}"))]
    assert complete(backend(server, sleeps)).retries == 2
    assert sleeps == [1.0, 2.0]


def test_500_forever_gives_up_after_max_retries(server: FakeServer) -> None:
    sleeps = Sleeps()
    server.replies = [Reply(500, {"error": {"message": "boom"}}) for _ in range(3)]
    assert (
        fails(backend(server, sleeps, max_retries=2)) == "the endpoint failed with 500 after 3 attempts: boom"
    )
    assert len(server.requests) == 3
    assert sleeps == [1.0, 2.0]


def test_429_forever(server: FakeServer) -> None:
    server.replies = [Reply(429, {"error": {"message": "Rate limit"}}) for _ in range(2)]
    assert fails(backend(server, max_retries=1)) == (
        "the endpoint is still rate-limiting (429) after 2 attempts; try again later"
    )


def test_insufficient_quota_is_not_retried(server: FakeServer) -> None:
    sleeps = Sleeps()
    server.replies = [error(429, "You exceeded your current quota.", "insufficient_quota")]
    assert fails(backend(server, sleeps)) == (
        "the account behind the API key has no quota left (429 insufficient_quota)"
    )
    assert sleeps == []


def test_timeout_is_retried_then_reported(server: FakeServer) -> None:
    sleeps = Sleeps()
    server.replies = [Reply(body=chat("{}"), delay=1.0), Reply(body=chat("{}"), delay=1.0)]
    message = fails(backend(server, sleeps, timeout=0.2, max_retries=1))
    assert message == (
        f"the endpoint {server.url} did not answer within 0.2s (2 attempts); "
        "raise --timeout or check the server"
    )
    assert sleeps == [1.0]


def test_timeout_then_success(server: FakeServer) -> None:
    server.replies = [Reply(body=chat("{}"), delay=1.0), Reply(body=chat('{"city": "Oslo"}'))]
    completion = complete(backend(server, timeout=0.2))
    assert (completion.text, completion.retries) == ('{"city": "Oslo"}', 1)


def test_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    b = OpenAIBackend(
        "gpt-test", f"http://user:{KEY}@127.0.0.1:{port}/v1", KEY, max_retries=1, sleep=Sleeps()
    )
    assert fails(b) == (
        f"could not connect to http://127.0.0.1:{port}/v1 (2 attempts); "
        "check --base-url and that the server is running"
    )


def test_401_message_never_contains_the_key(server: FakeServer) -> None:
    server.replies = [error(401, f"Incorrect API key provided: {KEY}.", "invalid_api_key")]
    assert (
        fails(backend(server)) == "the endpoint rejected the API key (401); set --api-key or OPENAI_API_KEY"
    )


def test_unknown_model(server: FakeServer) -> None:
    server.replies = [
        error(404, "The model `gpt-nope` does not exist or you do not have access to it.", "model_not_found")
    ]
    assert fails(backend(server, model="gpt-nope")) == (
        "the endpoint does not know the model 'gpt-nope' (404); check --model / REVISER_MODEL"
    )


def test_404_without_model_points_at_base_url(server: FakeServer) -> None:
    server.replies = [Reply(404, {"detail": "Not Found"})]
    assert fails(backend(server)) == (
        'the endpoint answered 404 for chat/completions ({"detail": "Not Found"}); '
        "check --base-url (OpenAI-compatible servers usually end in /v1)"
    )


CONTEXT_MESSAGE = (
    "the prompt is longer than the model's context window; shorten the notes, or raise the model's context / "
    "lower --max-input-tokens"
)


def test_context_length_exceeded_openai_style(server: FakeServer) -> None:
    server.replies = [
        error(
            400,
            "This model's maximum context length is 128000 tokens. "
            "However, your messages resulted in 200000 tokens.",
            "context_length_exceeded",
        )
    ]
    assert fails(backend(server)) == CONTEXT_MESSAGE


def test_context_length_exceeded_llama_server_style(server: FakeServer) -> None:
    server.replies = [
        Reply(
            400,
            {
                "error": {
                    "code": 400,
                    "message": "the request exceeds the available context size, try increasing it",
                    "type": "exceed_context_size_error",
                }
            },
        )
    ]
    assert fails(backend(server)) == CONTEXT_MESSAGE


def test_refusal(server: FakeServer) -> None:
    server.replies = [Reply(body=chat(None, refusal="I can't help with that."))]
    assert fails(backend(server)) == "the model refused to answer Answer: I can't help with that."


def test_content_filter(server: FakeServer) -> None:
    server.replies = [Reply(body=chat("", finish_reason="content_filter"))]
    assert fails(backend(server)) == "the model refused to answer Answer (content filter)"


def test_server_text_is_redacted(server: FakeServer) -> None:
    server.replies = [Reply(403, {"error": {"message": f"key {KEY} may not use this project"}})]
    assert (
        fails(backend(server)) == "the endpoint rejected the request (403): key *** may not use this project"
    )


def test_length_finish_reason_is_passed_through(server: FakeServer) -> None:
    server.replies = [Reply(body=chat('{"city": "Pa', finish_reason="length"))]
    assert complete(backend(server)).finish_reason == "length"


def test_missing_usage_is_estimated(server: FakeServer) -> None:
    server.replies = [Reply(body=chat('{"city": "Paris"}', usage=False))]
    completion = complete(backend(server))
    assert completion.completion_tokens == 5  # 17 characters / 4, rounded up
    assert completion.prompt_tokens > 0


def test_no_key_sends_a_placeholder(server: FakeServer) -> None:
    server.replies = [Reply(body=chat("{}"))]
    complete(backend(server, api_key=None))
    assert server.headers[0]["authorization"] == "Bearer no-key"


def test_describe_never_shows_the_key(server: FakeServer) -> None:
    assert KEY not in repr(describe(backend(server)))


def test_unknown_structured_mode() -> None:
    with pytest.raises(
        ModelError, match="unknown structured mode 'xml'; use one of auto, json_schema, json_object"
    ):
        OpenAIBackend("m", None, KEY, structured="xml")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4o-mini", "o200k_base"),
        ("openai/gpt-4o", "o200k_base"),
        ("gpt-4.1-nano", "o200k_base"),
        ("o3-mini", "o200k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("gpt-4", "cl100k_base"),
        ("SmolLM2-135M", "cl100k_base"),
    ],
)
def test_encoding_name(model: str, encoding: str) -> None:
    assert encoding_name(model) == encoding


@pytest.fixture
def no_tiktoken_download(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import tiktoken

    def refuse(name: str) -> Any:
        raise AssertionError(f"tiktoken.get_encoding({name!r}) called although the encoding is not cached")

    monkeypatch.setattr(tiktoken, "get_encoding", refuse)
    openai_backend._offline_encoding.cache_clear()
    yield
    openai_backend._offline_encoding.cache_clear()


def test_token_count_is_approximate_without_cached_encoding(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, no_tiktoken_download: None
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    count = count_chat_tokens("gpt-4o-mini", MESSAGES)
    # (6 + 9 + 4 + 18 characters) / 4 -> 10, plus 3 per message and 3 for the reply.
    assert (count.tokens, count.approximate) == (19, True)


def test_token_count_with_caching_disabled_is_approximate(
    monkeypatch: pytest.MonkeyPatch, no_tiktoken_download: None
) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    assert count_chat_tokens("gpt-4", MESSAGES).approximate is True


def test_token_count_uses_cached_encoding(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import tiktoken

    class Words:
        def encode(self, text: str, disallowed_special: Any = None) -> list[str]:
            return text.split()

    asked: list[str] = []
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    # The cache file name is the sha1 of the blob URL, exactly as tiktoken computes it.
    (tmp_path / "9b5ad71b2ce5302211f9c61530b329a4922fc6a4").write_bytes(b"cached")

    def get_encoding(name: str) -> Words:
        asked.append(name)
        return Words()

    monkeypatch.setattr(tiktoken, "get_encoding", get_encoding)
    openai_backend._offline_encoding.cache_clear()
    try:
        count = count_chat_tokens("gpt-3.5-turbo", MESSAGES)
    finally:
        openai_backend._offline_encoding.cache_clear()
    assert asked == ["cl100k_base"]
    # words (2 + 3) + 1 per message for the role, + 3 per message + 3.
    assert (count.tokens, count.approximate) == (16, False)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_seconds(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after_seconds(headers) == seconds


def test_success_without_choices(server: FakeServer) -> None:
    server.replies = [Reply(body={"unexpected": True})]
    assert fails(backend(server)) == "the endpoint returned no choices for Answer"


def test_success_body_that_is_not_json(server: FakeServer) -> None:
    server.replies = [Reply(body="<html>proxy login</html>")]
    # The rest of the message is the openai library's own wording, which varies between its versions.
    assert fails(backend(server)).startswith("the endpoint's answer could not be read: ")
