"""The `reviser serve` web app: one page (draft and check) and a small JSON API under /api/.

Every endpoint calls the same core functions as the CLI (run_draft, analyse + checkformat.json_report,
render_letter, extract_questions, make_backend, decode, mail_body); this module only moves JSON in and out.

    from reviser.web.app import create_app
    app = create_app()                                     # an ASGI app; serve it on 127.0.0.1 only
    app = create_app(backend_factory=lambda settings: my_fake_backend)   # tests inject a model
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reviser.errors import InputError, ReviserError
from reviser.inputs import MAX_BYTES
from reviser.llm.base import Backend
from reviser.llm.select import ModelSettings
from reviser.models import DraftReport
from reviser.questions import Question
from reviser.rubric import Rubric
from reviser.web.jobs import Job, JobStore, MeteredBackend

STATIC = Path(__file__).parent / "static"
BackendFactory = Callable[[ModelSettings], Backend]
# Page -> format name for render_letter, file extension, media type.
EXPORTS = {
    "text": ("txt", "text/plain; charset=utf-8"),
    "markdown": ("md", "text/markdown; charset=utf-8"),
    "html": ("html", "text/html; charset=utf-8"),
    "eml": ("eml", "message/rfc822"),
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# The page runs only its own script and style files and talks only to this server.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


class LocalOnly:
    """Refuse requests a web page elsewhere could make the browser send here.

    Host must be 127.0.0.1 or localhost with the port served (a DNS-rebinding page has its own host name),
    and a POST/DELETE coming from a page must come from this origin (Origin, Sec-Fetch-Site). Clients
    that send no Origin, such as scripts and editors, are not pages and may POST. No CORS headers, ever.
    """

    def __init__(self, app: ASGIApp, port: int | None = None) -> None:
        self.app = app
        self.port = port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        port = self.port or (scope.get("server") or ("", 0))[1]
        hosts = {f"127.0.0.1:{port}", f"localhost:{port}"} | ({"127.0.0.1", "localhost"} if port == 80 else set())
        origins = {f"http://{host}" for host in hosts}
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        problem = None
        if headers.get("host", "").lower() not in hosts:
            problem = f"reviser serve answers only requests for http://127.0.0.1:{port}/"
        elif scope.get("method", "GET") not in SAFE_METHODS or scope["type"] == "websocket":
            origin = headers.get("origin")
            if origin is not None and origin.lower() not in origins:
                problem = "cross-origin requests are refused"
            elif headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
                problem = "cross-site requests are refused"
        if problem:
            await plain_error(problem, 403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def plain_error(message: str, status: int) -> Response:
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),  # letters and notes stay out of any cache
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def body_json(request: Request) -> dict[str, Any]:
    """The request's JSON object; InputError (a 400) for anything else."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise InputError("send JSON with Content-Type: application/json")
    raw = await read_limited(request)
    try:
        data = json.loads(raw)
    except ValueError:
        raise InputError("the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise InputError("send a JSON object")
    return data


async def read_limited(request: Request, limit: int = 4 * MAX_BYTES) -> bytes:
    # Notes, questions, a letter and its draft together stay far below this.
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise InputError(f"the request is larger than {limit // 1_000_000} MB")
        chunks.append(chunk)
    return b"".join(chunks)


def text_field(data: dict[str, Any], name: str, required: bool = True) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InputError(f"'{name}' must be a string")
    if required and not value.strip():
        raise InputError(f"'{name}' is empty")
    return value


def parse_questions(data: dict[str, Any], required: bool = True) -> list[Question]:
    """The questions as the CLI reads them: a text (list or transcript) through extract_questions."""
    from reviser.questions import NO_QUESTIONS_HELP, extract_questions

    raw = data.get("questions")
    if isinstance(raw, list) and all(isinstance(q, str) for q in raw):
        raw = "\n".join(raw)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise InputError("paste the interview questions you were asked")
        return []
    if not isinstance(raw, str):
        raise InputError("'questions' must be a string or a list of strings")
    found = extract_questions(raw, listed=True)
    if not found and required:
        raise InputError(f"no interview questions found; {NO_QUESTIONS_HELP}")
    return found


def model_settings(data: dict[str, Any]) -> ModelSettings:
    """The page's model choice; the API key lives in this object only while the job runs."""
    raw = data.get("model") or {}
    if not isinstance(raw, dict):
        raise InputError("'model' must be an object")
    kind = raw.get("backend", "local")
    if kind not in ("auto", "local", "openai"):
        raise InputError("model.backend must be local or openai")
    model, base_url, api_key = (raw.get(k) or None for k in ("model", "base_url", "api_key"))
    if not all(v is None or isinstance(v, str) for v in (model, base_url, api_key)):
        raise InputError("model.model, model.base_url and model.api_key must be strings")
    return ModelSettings(backend=kind, model=model, base_url=base_url, api_key=api_key)


def placeholder_hints(report: DraftReport) -> dict[str, str]:
    """For each placeholder in a drafted letter, what to add to the notes (from the report's own to-do list)."""
    from reviser import fallback

    table: dict[str, str] = getattr(fallback, "TO_ADD", {})
    hints = {}
    for placeholder in report.placeholders:
        word = "reference" if placeholder.startswith(("[ADD REFERENCE", "[ADD CONTACT")) else "your name"
        hint = table.get(placeholder)
        if hint is None and (word == "reference" or placeholder == "[ADD YOUR NAME]"):
            hint = next((t for t in report.to_add if word in t), None)
        if hint:
            hints[placeholder] = hint
    return hints


def create_app(
    *,
    backend_factory: BackendFactory | None = None,
    rubric: Rubric | None = None,
    port: int | None = None,
    store: JobStore | None = None,
) -> Starlette:
    """The ASGI app. `port` is the port the Host header must name (default: the port the request came in on)."""
    from reviser.llm.select import make_backend
    from reviser.rubric import load_rubric
    from reviser.rubric.loader import default_cache_dir

    factory: BackendFactory = backend_factory or make_backend
    the_rubric = rubric or load_rubric(None, cache_dir=default_cache_dir())
    jobs = store or JobStore()

    async def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def check(request: Request) -> Response:
        """The `reviser check --format json` document for {"text", optional "questions", "path", "strict"}."""
        from reviser import checkformat
        from reviser.inputs import mail_body
        from reviser.rubric import analyse

        data = await body_json(request)
        text = text_field(data, "text", required=False)
        path = data.get("path") or "<text>"
        if not isinstance(path, str):
            raise InputError("'path' must be a string")
        if path.lower().endswith(".eml"):  # as the CLI does: check what the reader sees
            text = mail_body(text, path)
        questions = [q.text for q in parse_questions(data, required=False)] or None
        outcome = analyse(text, the_rubric, path=path, questions=questions, strict=bool(data.get("strict")),
                          encoding="utf-8")  # fmt: skip
        return Response(checkformat.json_report([outcome]), media_type="application/json")

    async def questions(request: Request) -> Response:
        """What `reviser questions --format json` prints, for {"text"}."""
        from reviser.questions import extract_questions

        data = await body_json(request)
        found = extract_questions(text_field(data, "text", required=False), listed=True)
        return JSONResponse({"version": 1, "questions": [dataclasses.asdict(q) for q in found]})

    async def decode(request: Request) -> Response:
        """An uploaded file's bytes (the raw body) as text, decoded as `reviser check` reads files."""
        from reviser.inputs import decode as decode_bytes
        from reviser.inputs import mail_body

        name = request.query_params.get("name") or "upload"
        data = await read_limited(request, MAX_BYTES)
        text, encoding = decode_bytes(data, name)
        if name.lower().endswith(".eml"):
            text = mail_body(text, name)
        return JSONResponse({"name": name, "text": text, "encoding": encoding})

    async def draft(request: Request) -> Response:
        from reviser.draft import DraftOptions, run_draft
        from reviser.render import render_letter

        data = await body_json(request)
        notes = text_field(data, "notes")
        found = parse_questions(data)
        settings = model_settings(data)

        def work(job: Job) -> dict[str, Any]:
            backend = MeteredBackend(factory(settings), job)
            result = run_draft(notes, found, backend, DraftOptions(rubric=the_rubric), progress=job.progress)
            return {
                "draft": result.draft.model_dump(mode="json"),
                "report": result.report.model_dump(mode="json"),
                "letter": render_letter(result.draft, "text"),
                "hints": placeholder_hints(result.report),
            }

        job = jobs.start("draft", work)
        return JSONResponse({"job": job.id}, status_code=202)

    async def redo(request: Request) -> Response:
        from reviser.draft import DraftOptions
        from reviser.models import LetterDraft
        from reviser.redo import check_part, redo_part
        from reviser.render import render_letter

        data = await body_json(request)
        notes = text_field(data, "notes")
        found = parse_questions(data)
        settings = model_settings(data)
        part = text_field(data, "part")
        try:
            current = LetterDraft.model_validate(data.get("draft"))
        except ValueError:
            raise InputError("'draft' is not a letter draft; draft the letter again") from None
        check_part(current, part)  # a bad part is a 400 now, not a failed job later

        def work(job: Job) -> dict[str, Any]:
            backend = MeteredBackend(factory(settings), job)
            new = redo_part(notes, found, backend, current, part, DraftOptions(rubric=the_rubric))
            job.progress("done")
            return {"draft": new.model_dump(mode="json"), "letter": render_letter(new, "text"), "part": part}

        job = jobs.start("redo", work)
        return JSONResponse({"job": job.id}, status_code=202)

    async def job_status(request: Request) -> Response:
        job = jobs.get(request.path_params["job_id"])
        if job is None:
            return error("no such draft; the server may have been restarted", 404)
        return JSONResponse(job.snapshot())

    async def job_delete(request: Request) -> Response:
        jobs.remove(request.path_params["job_id"])
        return Response(status_code=204)

    async def export(request: Request) -> Response:
        """The letter as a download. An unedited draft goes through render_letter; edited text is converted."""
        from reviser.models import LetterDraft
        from reviser.render import render_letter
        from reviser.web.export import convert

        data = await body_json(request)
        fmt = data.get("format", "text")
        if fmt not in EXPORTS:
            raise InputError(f"format must be one of {', '.join(EXPORTS)}")
        text = text_field(data, "text")
        letter = None
        if data.get("draft") is not None:
            try:
                current = LetterDraft.model_validate(data["draft"])
            except ValueError:
                current = None
            # The draft is used only while the text is still exactly what it renders to.
            if current is not None and render_letter(current, "text") == text:
                letter = render_letter(current, fmt)
        if letter is None:
            letter = convert(text, fmt)
        extension, media_type = EXPORTS[fmt]
        return Response(
            letter,
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="letter.{extension}"'},
        )

    def api(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def wrapped(request: Request) -> Response:
            try:
                response: Response = await handler(request)
                return response
            except ReviserError as exc:
                return error(str(exc))

        return wrapped

    routes = [
        Route("/", index),
        Route("/api/check", api(check), methods=["POST"]),
        Route("/api/questions", api(questions), methods=["POST"]),
        Route("/api/decode", api(decode), methods=["POST"]),
        Route("/api/draft", api(draft), methods=["POST"]),
        Route("/api/redo", api(redo), methods=["POST"]),
        Route("/api/export", api(export), methods=["POST"]),
        Route("/api/jobs/{job_id}", job_status, methods=["GET"]),
        Route("/api/jobs/{job_id}", job_delete, methods=["DELETE"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(LocalOnly, port=port), Middleware(SecurityHeaders)])
    app.state.jobs = jobs
    return app
