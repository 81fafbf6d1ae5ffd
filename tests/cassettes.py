"""vcrpy cassettes of a real OpenAI-compatible server, for tests of the OpenAI backend (see conftest.py).

Cassettes live in fixtures/cassettes/ and are only ever written by scripts/record-cassettes, which sets
REVISER_RECORD=1 (and REVISER_RECORD_BASE_URL / _API_KEY / _MODEL / _SERVER, REVISER_CASSETTE_DIR).
Without it every cassette is replayed with record_mode "none": nothing is recorded, nothing is sent.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
CASSETTES = Path(os.environ.get("REVISER_CASSETTE_DIR") or ROOT / "fixtures" / "cassettes")
RECORDING = os.environ.get("REVISER_RECORD") == "1"
# What replayed tests pass as --base-url. Only method, path and body are matched, so the recorded server's
# host and port never matter; recorded URIs are rewritten to this origin so re-recordings diff cleanly.
REPLAY_BASE_URL = "http://127.0.0.1:8765/v1"
# Generous while recording: a slow model on a busy machine must not turn into a timeout and a retry.
RECORD_TIMEOUT = 900.0
RERECORD_HINT = (
    "The model request below is not in the recorded cassette: a prompt, schema or request option changed "
    "since the cassettes were recorded. If the change is intended, re-record them with "
    "scripts/record-cassettes (see its header) and commit fixtures/cassettes/."
)
# Never saved: credentials, and the SDK's x-stainless-* fingerprint headers (matched by pattern below).
FILTERED_HEADERS = ("authorization", "api-key", "cookie", "set-cookie", "openai-organization", "openai-project")
SECRET_HEADER = re.compile(r"^(?:authorization|api-key|cookie|set-cookie|openai-organization|openai-project"
                           r"|x-stainless-[\w-]*)$", re.IGNORECASE)  # fmt: skip


def scrub_request(request: Any) -> Any:
    """Drop secret and fingerprint headers (vcr's filter_headers takes exact names only); pin the origin."""
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


def vcr_config(directory: Path = CASSETTES, recording: bool = RECORDING, key: str | None = None) -> Any:
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
        if fmt.get("type") == "json_schema":
            return str(fmt["json_schema"]["name"])
        return fmt.get("schema", {}).get("title")


@dataclass
class Recorded:
    """One open cassette and the endpoint settings that match it (the live server while recording)."""

    cassette: Any
    base_url: str
    api_key: str | None
    model: str
    server: str  # what answered, e.g. "llama_cpp.server 0.3.36, SmolLM2-135M-Instruct.Q4_1.gguf, seed 0"
    sleeps: list[float] = field(default_factory=list)
    served: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)  # (request, response), in order

    @property
    def timeout(self) -> float:
        return RECORD_TIMEOUT if RECORDING else 120.0

    def backend(self, **kwargs: Any) -> Any:
        """An OpenAIBackend for this cassette; backoff sleeps are recorded in `sleeps`, never slept."""
        from reviser.llm.openai_backend import OpenAIBackend

        kwargs.setdefault("timeout", self.timeout)
        return OpenAIBackend(self.model, self.base_url, self.api_key, sleep=self.sleeps.append, **kwargs)

    def exchanges(self) -> list[Exchange]:
        """What this test sent and was answered (replayed, or recorded just now), in the order it happened."""
        return [Exchange(json.loads(q.body), int(r["status"]["code"]), json.loads(r["body"]["string"]))
                for q, r in self.served]  # fmt: skip

    def _log(self) -> None:
        """Note each interaction as vcr plays or records it (vcr itself keeps no order)."""
        play, append, data = self.cassette.play_response, self.cassette.append, self.cassette.data

        def played(request: Any) -> dict[str, Any]:
            response = play(request)
            self.served.append((request, response))
            return response

        def recorded(request: Any, response: dict[str, Any]) -> None:
            before = len(data)
            append(request, response)
            if len(data) > before:  # as saved, after the filters
                self.served.append(data[-1])

        self.cassette.play_response, self.cassette.append = played, recorded


@contextmanager
def open_cassette(name: str) -> Iterator[Recorded]:
    if RECORDING:
        base_url, api_key = os.environ["REVISER_RECORD_BASE_URL"], os.environ.get("REVISER_RECORD_API_KEY")
        model = os.environ["REVISER_RECORD_MODEL"]
        server = os.environ.get("REVISER_RECORD_SERVER", "an OpenAI-compatible endpoint")
    else:
        base_url, api_key, model, server = REPLAY_BASE_URL, None, "", ""
    with vcr_config().use_cassette(name) as cassette:
        # The model id is part of every request body, so replay must send the one that was recorded.
        opened = Recorded(cassette, base_url, api_key, cassette.get_metadata("model", model),
                          cassette.get_metadata("server", server))  # fmt: skip
        opened._log()
        yield opened


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
