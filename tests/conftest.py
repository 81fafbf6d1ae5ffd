"""Shared test set-up: the suite never uses the network, and cassette fixtures (details in cassettes.py)."""

from __future__ import annotations

import ipaddress
import json
import os
import signal
import socket
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cassettes import RECORDING, Recorded, cassette_miss, open_cassette, with_rerecord_hint


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cassette(name): the test replays fixtures/cassettes/<name>.yaml")


# --- the embedded model runs in a forked child -----------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """Every `local_model` test runs in a forked child: a crash in llama.cpp's native code is then one
    failed test that says which signal ended it, never the end of the whole run.

    (pytest-forked does this too, but its reports no longer survive pickling on current pytest; the
    serialisation here is pytest's own, the one pytest-xdist uses.)
    """
    if item.get_closest_marker("local_model") is None or not hasattr(os, "fork"):
        return None
    from _pytest.runner import runtestprotocol

    hook = item.ihook
    hook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "reports.json"
        pid = os.fork()
        if pid == 0:  # the child: run the test, write its reports, leave without any clean-up of the parent's
            code = 1
            try:
                reports = runtestprotocol(item, nextitem=nextitem, log=False)
                data = [item.config.hook.pytest_report_to_serializable(config=item.config, report=r) for r in reports]
                result.write_text(json.dumps(data))
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if result.exists():
            reports = [item.config.hook.pytest_report_from_serializable(config=item.config, data=d)
                       for d in json.loads(result.read_text())]  # fmt: skip
        else:
            how = (f"killed by signal {os.WTERMSIG(status)} ({signal.Signals(os.WTERMSIG(status)).name})"
                   if os.WIFSIGNALED(status) else f"exit status {os.WEXITSTATUS(status)}")  # fmt: skip
            reports = [pytest.TestReport(item.nodeid, item.location, {}, "failed",
                                         f"the test's process ended without a result: {how}", "call")]  # fmt: skip
    for report in reports:
        hook.pytest_runtest_logreport(report=report)
    # The child set up and tore down its own copy; here, finish what earlier tests set up in this process
    # (a module's fixtures) that the next test does not need, as the child's teardown did for itself.
    item.session._setupstate.teardown_exact(nextitem)
    hook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


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
