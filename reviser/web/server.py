"""Serving the app with uvicorn on the loopback interface only, in the foreground or in a thread (tests)."""

from __future__ import annotations

import errno
import socket
import threading
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reviser.errors import InputError

HOST = "127.0.0.1"  # never another interface: the page holds someone's notes and letters


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1:port (0: any free port), with a clear error when the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise InputError(
                f"port {port} is in use (is reviser serve already running? open http://{HOST}:{port}/), "
                "or choose another with --port"
            ) from None
        raise InputError(f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
    sock.listen(64)
    return sock


def _server(app: Any) -> Any:
    import uvicorn

    # No access log: paths carry no secrets, but a quiet terminal is what a non-technical user expects.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config)


def run(port: int, open_browser: bool, echo: Any = print, **app_options: Any) -> None:
    """Serve until Ctrl-C; print the address and, unless told not to, open it in the browser."""
    from reviser.web.app import create_app

    sock = bind(port)
    port = sock.getsockname()[1]
    url = f"http://{HOST}:{port}/"
    server = _server(create_app(port=port, **app_options))

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if server.started:
            echo(f"reviser is running at {url} (press Ctrl-C to stop)")
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    server.run(sockets=[sock])


@contextmanager
def serve_in_thread(app: Any, port: int = 0) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a background thread for the block; yields the base URL."""
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}"
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.025)
        else:
            raise RuntimeError("the test server did not start")
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
