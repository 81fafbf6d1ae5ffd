"""Shared test set-up: no network beyond loopback, and vcrpy cassettes of a real OpenAI-compatible server.

Cassettes live in fixtures/cassettes/ and are only ever written by scripts/record-cassettes, which sets
REVISER_RECORD=1 (and REVISER_RECORD_BASE_URL / _API_KEY / _MODEL / _SERVER, REVISER_CASSETTE_DIR).
Without it every cassette is replayed with record_mode "none": nothing is recorded, nothing leaves the machine.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
CASSETTES = Path(os.environ.get("REVISER_CASSETTE_DIR") or ROOT / "fixtures" / "cassettes")
RECORDING = os.environ.get("REVISER_RECORD") == "1"
# What replayed tests pass as --base-url. Only method, path and body are matched, so the recorded server's
# host and port never matter; recorded URIs are rewritten to this origin so re-recordings diff cleanly.
REPLAY_BASE_URL = "http://127.0.0.1:8765/v1"
RERECORD_HINT = (
    "The model request below is not in the recorded cassette: a prompt, schema or request option changed "
    "since the cassettes were recorded. If the change is intended, re-record them with "
    "scripts/record-cassettes (see its header) and commit fixtures/cassettes/."
)
# Never saved: credentials, and the SDK's x-stainless-* fingerprint headers (matched by pattern below).
FILTERED_HEADERS = ("authorization", "api-key", "cookie", "set-cookie", "openai-organization", "openai-project")
SECRET_HEADER = re.compile(r"^(?:authorization|api-key|cookie|set-cookie|openai-organization|openai-project"
                           r"|x-stainless-[\w-]*)$", re.IGNORECASE)  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cassette(name): replay fixtures/cassettes/<name>.yaml (see conftest.py)")


# --- no network ------------------------------------------------------------------------------------


class NetworkBlocked(RuntimeError):
    """A test tried to reach a host other than this machine. Not an OSError, so no client retries it."""


def _allowed_hosts() -> set[str]:
    """Loopback, plus the recording endpoint's addresses while scripts/record-cassettes records."""
    allowed = {"localhost"}
    if RECORDING:
        host = urllib.parse.urlsplit(os.environ.get("REVISER_RECORD_BASE_URL", "")).hostname
        if host:
            allowed.add(host)
            allowed.update(str(info[4][0]) for info in socket.getaddrinfo(host, None))
    return allowed


ALLOWED_HOSTS = _allowed_hosts()


def _is_allowed(host: Any) -> bool:
    if not isinstance(host, str) or not host or host in ALLOWED_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as if the machine were offline: connecting or resolving beyond loopback raises."""
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo,
    )  # fmt: skip

    def check(address: Any) -> None:
        # AF_UNIX addresses are paths (str/bytes): local by definition.
        if isinstance(address, tuple) and not _is_allowed(address[0]):
            raise NetworkBlocked(f"tests must not use the network: connection to {address[0]} blocked")

    def connect(self: socket.socket, address: Any) -> None:
        check(address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, bytes):
            host = host.decode()
        if host is not None and not _is_allowed(host):
            raise NetworkBlocked(f"tests must not use the network: name lookup of {host} blocked")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


# --- cassettes -------------------------------------------------------------------------------------


def scrub_request(request: Any) -> Any:
    """Drop secret and fingerprint headers (vcr's filter_headers only takes exact names) and pin the origin."""
    for name in [n for n in request.headers if SECRET_HEADER.match(n) or n.lower() == "host"]:
        del request.headers[name]
    parts = urllib.parse.urlsplit(request.uri)
    replay = urllib.parse.urlsplit(REPLAY_BASE_URL)
    request.uri = parts._replace(scheme=replay.scheme, netloc=replay.netloc).geturl()
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    response["headers"] = {k: v for k, v in headers.items() if not SECRET_HEADER.match(k)}
    return response


def vcr_config(
    directory: Path = CASSETTES, recording: bool = RECORDING, key: str | None = None
) -> Any:
    import vcr

    key = key or os.environ.get("REVISER_RECORD_API_KEY")
    return vcr.VCR(
        cassette_library_dir=str(directory),
        serializer="yaml",
        path_transformer=vcr.VCR.ensure_suffix(".yaml"),
        # new_episodes (into the empty folder the script records to) lets tests share a cassette in any order.
        record_mode="new_episodes" if recording else "none",
        match_on=["method", "path", "body"],  # vcr compares JSON bodies after parsing them
        filter_headers=FILTERED_HEADERS,
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        # A server that echoes the key in an error body must not leak it either.
        filter_sensitive_data=[("<REVISER_RECORD_API_KEY>", key)] if recording and key else [],
        decode_compressed_response=True,
    )


@dataclass
class Exchange:
    request: dict[str, Any]  # the JSON body sent
    status: int
    reply: dict[str, Any]  # the JSON body the server answered

    @property
    def schema_name(self) -> str | None:
        """The output model asked for, e.g. "AnswerOut" (json_schema and json_object modes)."""
        fmt = self.request.get("response_format") or {}
        return fmt["json_schema"]["name"] if fmt.get("type") == "json_schema" else fmt.get("schema", {}).get("title")


@dataclass
class Recorded:
    """One open cassette and the endpoint settings that match it (the live server while recording)."""

    cassette: Any
    base_url: str
    api_key: str | None
    model: str
    server: str
    loaded: int = 0  # interactions the cassette held when the test started
    sleeps: list[float] = field(default_factory=list)

    def backend(self, **kwargs: Any) -> Any:
        """An OpenAIBackend for this cassette; backoff sleeps are recorded in `sleeps`, never slept."""
        from reviser.llm.openai_backend import OpenAIBackend

        return OpenAIBackend(self.model, self.base_url, self.api_key, sleep=self.sleeps.append, **kwargs)

    def exchanges(self) -> list[Exchange]:
        """What this test sent and was answered, replayed or recorded just now, in cassette order."""
        data = self.cassette.data
        pairs = [data[i] for i in sorted(self.cassette.play_counts)] + data[self.loaded :]
        return [Exchange(json.loads(q.body), int(r["status"]["code"]), json.loads(r["body"]["string"]))
                for q, r in pairs]  # fmt: skip


def cassette_miss(exc: BaseException) -> BaseException | None:
    """vcr's "request not in cassette" error, if `exc` is one or was raised because of one."""
    from vcr.errors import CannotOverwriteExistingCassetteException

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, CannotOverwriteExistingCassetteException):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


class CassetteMismatch(AssertionError):
    """A replayed test sent a request the cassette does not hold; the message says how to re-record."""


def with_rerecord_hint(miss: BaseException) -> CassetteMismatch:
    return CassetteMismatch(f"{RERECORD_HINT}\n\n{miss}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # A fixture never sees the test's exception, so the hint is added here, for every test.
    try:
        return (yield)
    except Exception as exc:
        miss = cassette_miss(exc)
        if miss is None:
            raise
        raise with_rerecord_hint(miss) from exc


@pytest.fixture
def recorded(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorded]:
    """The cassette named by the test's @pytest.mark.cassette(name), open for the whole test."""
    marker = request.node.get_closest_marker("cassette")
    if marker is None or not marker.args:
        raise pytest.UsageError(f"{request.node.nodeid} uses `recorded` without @pytest.mark.cassette(name)")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    if RECORDING:
        base_url, api_key = os.environ["REVISER_RECORD_BASE_URL"], os.environ.get("REVISER_RECORD_API_KEY")
        model = os.environ["REVISER_RECORD_MODEL"]
        server = os.environ.get("REVISER_RECORD_SERVER", "an OpenAI-compatible endpoint")
    else:
        base_url, api_key, model, server = REPLAY_BASE_URL, None, "", ""
    with vcr_config().use_cassette(marker.args[0]) as cassette:
        # The model id is part of every request body, so replay must send the one that was recorded.
        recorded = Recorded(
            cassette, base_url, api_key, cassette.get_metadata("model", model),
            cassette.get_metadata("server", server), loaded=len(cassette.data),
        )  # fmt: skip
        yield recorded
