"""Cassette hygiene: nothing secret is ever saved, replay never records, a changed prompt fails loudly.

These tests read the committed cassettes and exercise the recording filters offline (httpx2's MockTransport
stands in for a server); they carry no cassette marker, so scripts/record-cassettes runs them only in its
replay check.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import httpx2
import openai
import pytest
import yaml
from cassettes import CASSETTES, REPLAY_BASE_URL, CassetteMismatch, cassette_miss, vcr_config
from conftest import NetworkBlocked, pytest_runtest_call
from test_cassettes_backend import EXTRACT
from vcr.errors import CannotOverwriteExistingCassetteException

from reviser.llm.base import Usage
from reviser.llm.openai_backend import OpenAIBackend
from reviser.llm.structured import call_structured
from reviser.models import ExtractedFacts

SECRET_VALUE = re.compile(r"\bsk-[A-Za-z0-9_-]{6,}|\bBearer\s+\S+", re.IGNORECASE)
SECRET_HEADER_KEY = re.compile(
    r"^[\s-]*['\"]?(authorization|api-key|cookie|set-cookie|openai-organization|openai-project"
    r"|x-stainless-[\w-]*)['\"]?\s*:",
    re.IGNORECASE | re.MULTILINE,
)
KEY = "sk-proj-LiveLookingKey0123456789"


def leaks(text: str) -> list[str]:
    return [m.group(0) for m in SECRET_VALUE.finditer(text)] + SECRET_HEADER_KEY.findall(text)


def cassettes() -> list[Path]:
    return sorted(p for p in CASSETTES.rglob("*") if p.is_file())


def test_the_scanner_finds_what_it_looks_for() -> None:
    planted = "headers:\n  Authorization:\n  - Bearer abc.def\n  x-stainless-os:\n  - Linux\nbody: sk-abcdefgh12\n"
    assert leaks(planted) == ["Bearer abc.def", "sk-abcdefgh12", "Authorization", "x-stainless-os"]
    assert leaks("headers:\n  content-type:\n  - application/json\nbody: '{\"task\": \"ask-me\"}'\n") == []


def test_no_cassette_holds_a_secret_or_a_filtered_header() -> None:
    files = cassettes()
    assert files, f"no cassettes in {CASSETTES}; record them with scripts/record-cassettes"
    for path in files:
        assert leaks(path.read_text()) == [], path


def test_every_cassette_was_recorded_by_the_script_and_is_used() -> None:
    marked = set()
    for test_file in Path(__file__).parent.glob("test_*.py"):
        marked |= set(re.findall(r'@pytest\.mark\.cassette\("([\w-]+)"\)', test_file.read_text()))
    assert {p.stem for p in cassettes()} == marked
    for path in cassettes():
        data = yaml.safe_load(path.read_text())
        assert set(data["metadata"]) == {"model", "server"} and data["interactions"], path
        for interaction in data["interactions"]:
            request, response = interaction["request"], interaction["response"]
            body = json.loads(request["body"])
            # Non-streaming chat completions only, sent to the fixed replay origin with the recorded model.
            assert request["uri"] == f"{REPLAY_BASE_URL}/chat/completions" and request["method"] == "POST"
            assert body["model"] == data["metadata"]["model"] and not body.get("stream")
            assert response["headers"]["content-type"] == ["application/json"]


def test_recording_strips_keys_cookies_and_fingerprints(tmp_path: Path) -> None:
    """A real record cycle, offline: the openai client sends its usual headers to a mock server."""

    def server(request: httpx2.Request) -> httpx2.Response:
        assert request.headers["authorization"] == f"Bearer {KEY}"  # the client did send it
        headers = {"set-cookie": "session=abc123", "openai-organization": "org-secret", "openai-project": "p"}
        echo = {"error": {"message": f"Incorrect API key provided: {KEY}", "type": "invalid_request_error"}}
        return httpx2.Response(401, json=echo, headers=headers)

    with vcr_config(tmp_path, recording=True, key=KEY).use_cassette("secret"):
        client = openai.OpenAI(api_key=KEY, base_url="http://10.9.8.7:1234/v1", max_retries=0,
                               http_client=httpx2.Client(transport=httpx2.MockTransport(server)),
                               default_headers={"OpenAI-Organization": "org-secret", "api-key": KEY})  # fmt: skip
        with pytest.raises(openai.AuthenticationError):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    saved = (tmp_path / "secret.yaml").read_text()
    assert KEY not in saved and "org-secret" not in saved and "abc123" not in saved
    assert leaks(saved) == []
    request = yaml.safe_load(saved)["interactions"][0]["request"]
    assert request["uri"] == f"{REPLAY_BASE_URL}/chat/completions"
    assert "<REVISER_RECORD_API_KEY>" in saved  # the echoed key, replaced


def test_replay_never_records_and_a_changed_prompt_names_the_fix() -> None:
    changed = [EXTRACT[0], {"role": "user", "content": "Edited line.\n" + EXTRACT[1]["content"]}]
    backend = OpenAIBackend("m", REPLAY_BASE_URL, None, structured="json_object")
    before = (CASSETTES / "extract.yaml").read_text()
    with vcr_config(recording=False).use_cassette("extract") as cassette:
        backend.model = cassette.get_metadata("model", "")
        with pytest.raises(CannotOverwriteExistingCassetteException) as info:
            call_structured(backend, changed, ExtractedFacts, max_tokens=700, usage=Usage(), label="extract")
    assert (CASSETTES / "extract.yaml").read_text() == before
    assert cassette_miss(RuntimeError("unrelated")) is None
    assert cassette_miss(_wrapped(info.value)) is info.value
    # The hook every test runs under turns the miss into a failure that says how to re-record.
    hook = pytest_runtest_call(None)  # type: ignore[arg-type]
    next(hook)
    with pytest.raises(CassetteMismatch) as hinted:
        hook.throw(_wrapped(info.value))
    message = str(hinted.value)
    assert message.startswith("The model request below is not in the recorded cassette")
    assert "re-record them with scripts/record-cassettes" in message and "Edited line." in message


def _wrapped(exc: BaseException) -> BaseException:
    try:
        raise RuntimeError("a layer in between") from exc
    except RuntimeError as outer:
        return outer


def test_network_beyond_loopback_is_blocked_and_loopback_is_not() -> None:
    with pytest.raises(NetworkBlocked, match="name lookup of 203.0.113.7 blocked"):
        socket.create_connection(("203.0.113.7", 443), timeout=0.5)
    with socket.socket() as raw, pytest.raises(NetworkBlocked, match="connection to 203.0.113.7 blocked"):
        raw.connect(("203.0.113.7", 443))
    with pytest.raises(NetworkBlocked, match="name lookup of api.openai.com blocked"):
        socket.getaddrinfo("api.openai.com", 443)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    with listener, socket.create_connection(listener.getsockname(), timeout=1):
        pass


def test_the_openai_client_cannot_reach_the_internet() -> None:
    # Not an OSError, so neither the SDK nor reviser mistakes it for a flaky connection and retries.
    backend = OpenAIBackend("gpt-4o-mini", None, "sk-not-a-real-key", max_retries=3, sleep=pytest.fail)
    with pytest.raises(NetworkBlocked, match="name lookup of api.openai.com blocked"):
        backend.complete(EXTRACT, schema=None, schema_name="ExtractedFacts", max_tokens=5)
