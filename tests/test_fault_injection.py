"""Faults a healthy server never produces, injected in front of the replayed (real) server answers.

`InjectedFaultTransport` sits between the openai client and the httpx transport that vcrpy replays from the
cassettes. It either answers a request itself (429, 500, a timeout: the server never sees those) or passes
it on and alters the real answer (cut off, broken JSON, a refusal). The cassettes are never edited: the
injection is applied while recording too, so a re-ask it causes is a real request with a real answer
(recorded next to the extraction call it follows, in extract.yaml).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from cassettes import Recorded
from click.testing import CliRunner
from test_cassettes_backend import EXTRACT, extract

from reviser.cli import cli
from reviser.errors import ModelError
from reviser.llm import openai_backend
from reviser.llm.base import Usage
from reviser.models import ExtractedFacts

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "examples"
ALWAYS = 1_000  # more attempts than any retry loop makes

Injection = Callable[[httpx2.Request, httpx2.BaseTransport], httpx2.Response]


@dataclass
class Fault:
    """Inject `what` into the next `times` requests whose JSON body `when` accepts."""

    name: str
    what: Injection
    times: int = 1
    when: Callable[[dict[str, Any]], bool] = lambda body: True


@dataclass
class InjectedFaultTransport(httpx2.BaseTransport):
    inner: httpx2.BaseTransport
    faults: list[Fault]
    sent: list[dict[str, Any]] = field(default_factory=list)  # every request body, in order
    injected: list[str] = field(default_factory=list)  # the name of each fault as it fires

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.read())
        self.sent.append(body)
        for fault in self.faults:
            if fault.times > 0 and fault.when(body):
                fault.times -= 1
                self.injected.append(fault.name)
                return fault.what(request, self.inner)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def client(*faults: Fault) -> tuple[httpx2.Client, InjectedFaultTransport]:
    # The inner HTTPTransport is the one vcrpy patches: it replays (or, while recording, sends) for real.
    transport = InjectedFaultTransport(httpx2.HTTPTransport(), list(faults))
    return httpx2.Client(transport=transport), transport


def for_schema(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda body: (body.get("response_format") or {}).get("schema", {}).get("title") == name


# --- what can be injected ---------------------------------------------------------------------------


def status(code: int, message: str, headers: dict[str, str] | None = None) -> Injection:
    def inject(request: httpx2.Request, inner: httpx2.BaseTransport) -> httpx2.Response:
        error = {"error": {"message": message, "type": "injected", "param": None, "code": None}}
        return httpx2.Response(code, json=error, headers=headers, request=request)

    return inject


def timeout(request: httpx2.Request, inner: httpx2.BaseTransport) -> httpx2.Response:
    raise httpx2.ReadTimeout("injected: no answer", request=request)


def altered(change: Callable[[dict[str, Any]], None]) -> Injection:
    """The real answer, passed through `change` (which edits the parsed JSON in place)."""

    def inject(request: httpx2.Request, inner: httpx2.BaseTransport) -> httpx2.Response:
        real = inner.handle_request(request)
        data = json.loads(real.read())
        change(data)
        return httpx2.Response(real.status_code, json=data, request=request)

    return inject


def truncated_body(request: httpx2.Request, inner: httpx2.BaseTransport) -> httpx2.Response:
    """The real answer's bytes cut in half, as when a proxy drops the connection mid-body."""
    real = inner.handle_request(request).read()
    headers = {"content-type": "application/json"}
    return httpx2.Response(200, content=real[: len(real) // 2], headers=headers, request=request)


def cut_off(data: dict[str, Any]) -> None:
    message = data["choices"][0]["message"]
    message["content"] = '{"candidate_name": "Alex Morgan", "facts": [{"line": 5, "kind": "mis'
    data["choices"][0]["finish_reason"] = "length"


def not_json(data: dict[str, Any]) -> None:
    data["choices"][0]["message"]["content"] = "Sure! Here are the facts: candidate Alex Morgan, company Northwind."


def refusal(data: dict[str, Any]) -> None:
    data["choices"][0]["message"].update(content=None, refusal="I can't help with that request.")


def content_filter(data: dict[str, Any]) -> None:
    data["choices"][0]["finish_reason"] = "content_filter"


# --- one call: retries, backoff and the exact messages -----------------------------------------------


def backend_with(recorded: Recorded, *faults: Fault, **kwargs: Any) -> tuple[Any, InjectedFaultTransport]:
    http, transport = client(*faults)
    return recorded.backend(structured="json_object", http_client=http, **kwargs), transport


@pytest.mark.cassette("extract")
def test_429_is_retried_after_the_servers_retry_after(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("429", status(429, "slow down", {"Retry-After": "7"})))
    usage = Usage()
    assert isinstance(extract(backend, usage), ExtractedFacts)
    assert transport.injected == ["429"] and len(transport.sent) == 2 and transport.sent[0] == transport.sent[1]
    assert recorded.sleeps == [7.0] and (usage.retries, usage.calls, usage.reasks) == (1, 1, 0)


@pytest.mark.cassette("extract")
def test_429_that_never_ends_gives_up_after_three_retries(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("429", status(429, "Rate limit reached"), times=ALWAYS))
    with pytest.raises(ModelError) as info:
        extract(backend, Usage())
    assert str(info.value) == "the endpoint is still rate-limiting (429) after 4 attempts; try again later"
    assert info.value.exit_code == 3
    # No Retry-After: exponential backoff. The server itself was never reached.
    assert recorded.sleeps == [1.0, 2.0, 4.0] and transport.injected == ["429"] * 4
    assert recorded.exchanges() == []


@pytest.mark.cassette("extract")
def test_insufficient_quota_429_is_not_retried(recorded: Recorded) -> None:
    def quota(request: httpx2.Request, inner: httpx2.BaseTransport) -> httpx2.Response:
        error = {"message": "You exceeded your current quota", "type": "insufficient_quota",
                 "param": None, "code": "insufficient_quota"}  # fmt: skip
        return httpx2.Response(429, json={"error": error}, request=request)

    backend, transport = backend_with(recorded, Fault("quota", quota, times=ALWAYS))
    with pytest.raises(ModelError, match=r"^the account behind the API key has no quota left \(429 insuf"):
        extract(backend, Usage())
    assert transport.injected == ["quota"] and recorded.sleeps == []


@pytest.mark.cassette("extract")
def test_500_is_retried_with_exponential_backoff_then_succeeds(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("500", status(500, "upstream crashed"), times=2))
    usage = Usage()
    assert isinstance(extract(backend, usage), ExtractedFacts)
    assert transport.injected == ["500", "500"] and recorded.sleeps == [1.0, 2.0]
    assert usage.retries == 2 and usage.calls == 1 and len(recorded.exchanges()) == 1


@pytest.mark.cassette("extract")
def test_500_that_never_ends_reports_the_servers_message(recorded: Recorded) -> None:
    backend, _ = backend_with(recorded, Fault("500", status(503, "model is loading"), times=ALWAYS))
    with pytest.raises(ModelError) as info:
        extract(backend, Usage())
    assert str(info.value) == "the endpoint failed with 503 after 4 attempts: model is loading"
    assert recorded.sleeps == [1.0, 2.0, 4.0]


@pytest.mark.cassette("extract")
def test_timeouts_are_retried_then_reported_with_the_endpoint_and_limit(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("timeout", timeout, times=1))
    usage = Usage()
    assert isinstance(extract(backend, usage), ExtractedFacts) and usage.retries == 1
    assert recorded.sleeps == [1.0]
    backend, transport = backend_with(recorded, Fault("timeout", timeout, times=ALWAYS), timeout=45)
    with pytest.raises(ModelError) as info:
        extract(backend, Usage())
    assert str(info.value) == (
        f"the endpoint {recorded.base_url} did not answer within 45s (4 attempts); "
        "raise --timeout or check the server"
    )
    assert transport.injected == ["timeout"] * 4


@pytest.mark.cassette("extract")
def test_a_body_that_is_not_json_is_a_model_error_not_a_traceback(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("truncated body", truncated_body))
    with pytest.raises(ModelError) as info:
        extract(backend, Usage())
    assert str(info.value).startswith("the endpoint's answer could not be read: ")
    assert "\n" not in str(info.value) and transport.injected == ["truncated body"]
    assert recorded.sleeps == []  # a broken answer is not retried: resending would repeat the cost


@pytest.mark.cassette("extract")
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (refusal, "the model refused to answer ExtractedFacts: I can't help with that request."),
        (content_filter, "the model refused to answer ExtractedFacts (content filter)"),
    ],
)
def test_a_refusal_is_reported_in_the_models_words(
    recorded: Recorded, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    backend, _ = backend_with(recorded, Fault("refusal", altered(change)))
    usage = Usage()
    with pytest.raises(ModelError) as info:
        extract(backend, usage)
    assert str(info.value) == message and usage.reasks == 0 and len(recorded.exchanges()) == 1


@pytest.mark.cassette("extract")
def test_a_cut_off_reply_is_re_asked_with_the_reason(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("length", altered(cut_off)))
    usage = Usage()
    assert isinstance(extract(backend, usage), ExtractedFacts)
    assert transport.injected == ["length"] and len(transport.sent) == usage.calls >= 2
    reask = transport.sent[1]["messages"]
    assert reask[:-2] == EXTRACT and reask[-2]["content"].startswith('{"candidate_name": "Alex Morgan"')
    assert reask[-1]["content"] == (
        "That reply cannot be used: the reply was cut off at the 700-token limit before the JSON object was "
        "complete; answer again with a shorter JSON object. Reply again with one corrected JSON object for "
        "ExtractedFacts and nothing else."
    )
    assert usage.reasks == usage.calls - 1


@pytest.mark.cassette("extract")
def test_prose_instead_of_json_is_re_asked_with_the_reason(recorded: Recorded) -> None:
    backend, transport = backend_with(recorded, Fault("prose", altered(not_json)))
    usage = Usage()
    assert isinstance(extract(backend, usage), ExtractedFacts)
    assert transport.sent[1]["messages"][-1]["content"] == (
        "That reply cannot be used: the reply contains no JSON object. "
        "Reply again with one corrected JSON object for ExtractedFacts and nothing else."
    )
    assert usage.reasks >= 1 and recorded.sleeps == []


# --- the CLI: exit 3, one line on stderr, the work so far saved ------------------------------------


def cli_draft(
    recorded: Recorded, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *faults: Fault
) -> tuple[Any, InjectedFaultTransport]:
    http, transport = client(*faults)
    # make_backend builds the OpenAIBackend; give it the injecting client.
    monkeypatch.setattr(openai_backend, "OpenAIBackend",
                        functools.partial(openai_backend.OpenAIBackend, http_client=http))  # fmt: skip
    args = ["draft", str(EXAMPLES / "notes.txt"), "-q", str(EXAMPLES / "questions.txt"), "--base-url",
            recorded.base_url, "--model", recorded.model, "--concurrency", "1", "--timeout", str(recorded.timeout),
            "-o", str(tmp_path / "letter.txt"), "--report", str(tmp_path / "report.json")]  # fmt: skip
    if recorded.api_key:
        args += ["--api-key", recorded.api_key]
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result, transport


@pytest.mark.cassette("draft_example")
def test_cli_server_failure_while_composing_exits_3_and_saves_the_answers(
    recorded: Recorded, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Retry-After: 0 keeps the real backoff out of the test; the counts are checked above.
    crash = Fault("500", status(500, "CUDA error: out of memory", {"Retry-After": "0"}), ALWAYS,
                  for_schema("LetterParts"))  # fmt: skip
    result, transport = cli_draft(recorded, monkeypatch, tmp_path, crash)
    partial = tmp_path / "letter.txt.partial.json"
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: the endpoint failed with 500 after 4 attempts: CUDA error: out of memory (during compose); "
        f"your notes, questions and the work so far are saved in {partial}\n"
    )
    assert transport.injected == ["500"] * 4
    assert not (tmp_path / "letter.txt").exists() and not (tmp_path / "report.json").exists()
    saved = json.loads(partial.read_text())
    assert saved["stage"] == "compose" and saved["letter_parts"] is None
    assert [a["question"] for a in saved["answers"]] == saved["questions"]
    assert len(saved["answers"]) == 4 and all(a["text"] for a in saved["answers"])
    assert saved["facts"]["references"][0]["name"] == "Maria Okafor"


@pytest.mark.cassette("draft_example")
def test_cli_rate_limit_mid_run_is_retried_and_counted_in_the_report(
    recorded: Recorded, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    limit = Fault("429", status(429, "Rate limit reached", {"Retry-After": "0"}), 2, for_schema("AnswerOut"))
    result, transport = cli_draft(recorded, monkeypatch, tmp_path, limit)
    assert result.exit_code == 0, result.stderr
    assert transport.injected == ["429", "429"]
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["retries"] == 2 and ", 2 retries)" in result.stderr.splitlines()[0]
    assert report["calls"] == len([e for e in recorded.exchanges() if e.status == 200])
