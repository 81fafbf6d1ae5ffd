"""`reviser serve` is for this computer only: loopback, its own Host, its own Origin, no CORS, no inline script."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette, uvicorn) is not installed")

from starlette.testclient import TestClient  # noqa: E402
from webfake import FakeModel  # noqa: E402

from reviser.errors import InputError  # noqa: E402
from reviser.web.app import create_app  # noqa: E402
from reviser.web.server import bind, serve_in_thread  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHECK = {"text": "Dear Dana, I'm sorry."}


@pytest.fixture
def c() -> TestClient:
    return TestClient(create_app(backend_factory=FakeModel().factory), base_url="http://127.0.0.1:8731")


@pytest.mark.parametrize("host", ["127.0.0.1:8731", "localhost:8731"])
def test_the_loopback_names_with_the_served_port_are_answered(c: TestClient, host: str):
    assert c.get("/", headers={"host": host}).status_code == 200
    assert c.post("/api/check", json=CHECK, headers={"host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["attacker.example:8731", "attacker.example", "127.0.0.1:9999", "127.0.0.1", "192.168.1.5:8731", ""]
)
def test_dns_rebinding_other_hosts_are_refused(c: TestClient, host: str):
    # A rebinding page at attacker.example resolves to 127.0.0.1, but its requests still name its own host.
    for response in (c.get("/", headers={"host": host}), c.post("/api/check", json=CHECK, headers={"host": host})):
        assert response.status_code == 403
        assert "only requests for http://127.0.0.1:8731/" in response.text
        assert "Dear Dana" not in response.text


@pytest.mark.parametrize(
    "origin", ["http://attacker.example", "http://127.0.0.1:9999", "https://127.0.0.1:8731", "null"]
)
def test_cross_origin_posts_and_deletes_are_refused(c: TestClient, origin: str):
    assert c.post("/api/check", json=CHECK, headers={"origin": origin}).status_code == 403
    assert c.post("/api/draft", json={"notes": "x", "questions": "Why?"}, headers={"origin": origin}).status_code == 403
    assert c.delete("/api/jobs/abc", headers={"origin": origin}).status_code == 403


def test_cross_site_fetch_metadata_is_refused_even_without_origin(c: TestClient):
    assert c.post("/api/check", json=CHECK, headers={"sec-fetch-site": "cross-site"}).status_code == 403
    assert c.post("/api/check", json=CHECK, headers={"sec-fetch-site": "same-site"}).status_code == 403


@pytest.mark.parametrize("origin", [None, "http://127.0.0.1:8731", "http://localhost:8731"])
def test_the_page_itself_and_scripts_without_origin_may_post(c: TestClient, origin: str | None):
    headers = {"origin": origin, "sec-fetch-site": "same-origin"} if origin else {}
    assert c.post("/api/check", json=CHECK, headers=headers).status_code == 200


def test_no_cors_headers_even_when_asked(c: TestClient):
    preflight = c.options(
        "/api/check",
        headers={"origin": "http://attacker.example", "access-control-request-method": "POST"},
    )
    assert preflight.status_code in (403, 405)
    for response in (preflight, c.post("/api/check", json=CHECK, headers={"origin": "http://127.0.0.1:8731"})):
        assert not any(name.lower().startswith("access-control-") for name in response.headers)


def test_a_form_post_from_another_site_is_refused(c: TestClient):
    # What <form method=post action=http://127.0.0.1:8731/api/draft> on another site sends.
    response = c.post(
        "/api/draft",
        content=b"notes=x&questions=y",
        headers={"content-type": "application/x-www-form-urlencoded", "origin": "http://attacker.example"},
    )
    assert response.status_code == 403


def test_the_page_runs_only_its_own_files(c: TestClient):
    page = c.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["cache-control"] == "no-store"
    import re

    # Every script, style and link is the server's own (or an empty data: icon); no inline script.
    links = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert links and all(link.startswith(("/static/", "#", "data:")) for link in links), links
    assert re.findall(r"<script[^>]*>", page.text) == ['<script src="/static/app.js" defer>']
    for name in ("app.js", "app.css"):
        static = c.get(f"/static/{name}")
        assert static.status_code == 200 and "https://" not in static.text and "//cdn" not in static.text


def test_the_page_never_puts_user_text_into_html():
    script = (ROOT / "reviser" / "web" / "static" / "app.js").read_text()
    for sink in (".innerHTML", ".outerHTML", ".insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script
    # The API key is read from its field for a request and never stored.
    stored = [line for line in script.splitlines() if "store.set(" in line]
    assert stored and not any("api" in line.lower() and "key" in line.lower() for line in stored)


# --- a real server on a real socket ---------------------------------------------------------------


def test_the_server_listens_on_loopback_only_and_refuses_a_rebinding_host():
    with serve_in_thread(create_app(backend_factory=FakeModel().factory)) as url:
        port = int(url.rsplit(":", 1)[1])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/", headers={"Host": f"127.0.0.1:{port}"})
        assert conn.getresponse().status == 200
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/", headers={"Host": f"rebind.attacker.example:{port}"})
        assert conn.getresponse().status == 403
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        body = json.dumps(CHECK)
        conn.request("POST", "/api/check", body=body, headers={"Host": f"127.0.0.1:{port}",
                     "Content-Type": "application/json", "Origin": "http://attacker.example"})  # fmt: skip
        assert conn.getresponse().status == 403
        # Bound to 127.0.0.1 alone, not to all of loopback or any other interface (the tests may reach
        # loopback only, so another loopback address stands in for the machine's other addresses).
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.2", port), timeout=1).close()


def test_a_taken_port_is_a_clear_error():
    with bind(0) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(InputError, match=f"port {port} is in use"):
            bind(port)


def test_reviser_serve_starts_on_loopback_and_says_where(tmp_path: Path):
    env = {"PYTHONPATH": str(ROOT), "REVISER_CACHE_DIR": "", "PATH": "/usr/bin:/bin"}
    with bind(0) as probe:
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "reviser", "serve", "--port", str(port), "--no-browser"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.strip() == f"reviser is running at http://127.0.0.1:{port}/ (press Ctrl-C to stop)"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/")
        response = conn.getresponse()
        assert response.status == 200 and b"Draft a letter" in response.read()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert list(tmp_path.iterdir()) == []  # wrote nothing


def test_reviser_check_does_not_load_the_web_stack():
    code = (
        "import sys; from reviser.cli import cli\n"
        "try:\n cli.main(['check', sys.argv[1]], standalone_mode=False)\nexcept SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'reviser')"
        " and (m.startswith('reviser.web') or not m.startswith('reviser'))))"
    )
    letter = ROOT / "fixtures" / "examples" / "letter.txt"
    run = subprocess.run([sys.executable, "-c", code, str(letter)], capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "REVISER_CACHE_DIR": ""}, timeout=60)  # fmt: skip
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout + run.stderr
