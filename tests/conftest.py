"""Shared test set-up: the suite never uses the network, and cassette fixtures (details in cassettes.py)."""

from __future__ import annotations

import ipaddress
import os
import socket
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from cassettes import RECORDING, Recorded, cassette_miss, open_cassette, with_rerecord_hint


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cassette(name): the test replays fixtures/cassettes/<name>.yaml")


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
        if not _is_allowed(host):
            raise NetworkBlocked(f"tests must not use the network: name lookup of {host} blocked")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


# --- cassettes -------------------------------------------------------------------------------------


@pytest.fixture
def recorded(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorded]:
    """The cassette named by the test's @pytest.mark.cassette(name), open for the whole test."""
    marker = request.node.get_closest_marker("cassette")
    if marker is None or not marker.args:
        raise pytest.UsageError(f"{request.node.nodeid} uses `recorded` without @pytest.mark.cassette(name)")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with open_cassette(marker.args[0]) as cassette:
        yield cassette


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # A fixture never sees the test's exception, so a missing request gets its re-record hint here.
    try:
        return (yield)
    except Exception as exc:
        miss = cassette_miss(exc)
        if miss is None:
            raise
        raise with_rerecord_hint(miss) from exc
