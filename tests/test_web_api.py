"""`reviser serve`'s JSON API through Starlette's test client: the same documents as the CLI, jobs, exports."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette, uvicorn) is not installed")

from click.testing import CliRunner  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from webfake import NOTES, QUESTIONS, FakeModel  # noqa: E402

from reviser.cli import cli  # noqa: E402
from reviser.models import LetterDraft  # noqa: E402
from reviser.redo import redo_part  # noqa: E402
from reviser.render import render_letter  # noqa: E402
from reviser.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LETTER = (ROOT / "fixtures" / "examples" / "letter.txt").read_text()
BASE = "http://127.0.0.1:8731"


def client(model: FakeModel | None = None) -> TestClient:
    return TestClient(create_app(backend_factory=(model or FakeModel()).factory), base_url=BASE)


def wait(c: TestClient, job: str, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        snapshot: dict[str, Any] = c.get(f"/api/jobs/{job}").json()
        if snapshot["status"] != "running":
            return snapshot
        time.sleep(0.05)
    raise AssertionError(f"job {job} still running after {timeout} s")


def drafted(c: TestClient, **extra: Any) -> dict[str, Any]:
    response = c.post("/api/draft", json={"notes": NOTES, "questions": QUESTIONS, **extra})
    assert response.status_code == 202, response.text
    return wait(c, response.json()["job"])


# --- the same documents as the CLI ----------------------------------------------------------------


@pytest.mark.parametrize("with_questions", [False, True])
def test_check_returns_the_cli_json_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_questions: bool):
    monkeypatch.setenv("REVISER_CACHE_DIR", "")
    letter = tmp_path / "letter.txt"
    letter.write_text(LETTER.replace("Would you be open", "TODO: would you be open"))
    questions = tmp_path / "questions.txt"
    questions.write_text(QUESTIONS + "5. What is your experience with Kubernetes operators?\n")
    args = ["check", str(letter), "--format", "json"] + (["--questions", str(questions)] if with_questions else [])
    cli_json = CliRunner().invoke(cli, args).output
    body = {"text": letter.read_text(), "path": str(letter)}
    if with_questions:
        body["questions"] = questions.read_text()
    response = client().post("/api/check", json=body)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(cli_json)
    assert response.text.strip() == cli_json.strip()


def test_check_of_an_eml_path_reads_the_body_as_the_cli_does(tmp_path: Path):
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "Following up"
    message.set_content(LETTER)
    path = tmp_path / "letter.eml"
    path.write_text(message.as_string())
    cli_json = json.loads(CliRunner().invoke(cli, ["check", str(path), "--format", "json"]).output)
    response = client().post("/api/check", json={"text": path.read_text(), "path": str(path)})
    assert response.json() == cli_json and cli_json["files"][0]["passed"]


def test_questions_returns_the_cli_json_document(tmp_path: Path):
    path = tmp_path / "q.txt"
    path.write_text(QUESTIONS)
    cli_json = json.loads(CliRunner().invoke(cli, ["questions", str(path), "--format", "json"]).output)
    assert client().post("/api/questions", json={"text": QUESTIONS}).json() == cli_json


def test_decode_reads_uploads_as_the_cli_reads_files():
    c = client()
    latin = "Caf\u00e9 r\u00e9sum\u00e9 \u2013 notes".encode("cp1252")
    assert c.post("/api/decode?name=n.txt", content=latin).json() == {
        "name": "n.txt", "text": "Café résumé – notes", "encoding": "cp1252",
    }  # fmt: skip
    binary = c.post("/api/decode?name=x.png", content=b"\x89PNG\x00\x00")
    assert binary.status_code == 400 and "binary" in binary.json()["error"]
    from email.message import EmailMessage

    message = EmailMessage()
    message["Subject"] = "Hi"
    message.set_content("Dear Dana,\nthe body.\n")
    eml = c.post("/api/decode?name=l.eml", content=message.as_bytes()).json()
    assert eml["text"] == "Dear Dana,\nthe body.\n"


def test_bad_requests_get_one_clear_message():
    c = client()
    assert c.post("/api/check", content=b"text=hi", headers={"content-type": "text/plain"}).status_code == 400
    assert c.post("/api/check", content=b"{", headers={"content-type": "application/json"}).json() == {
        "error": "the request body is not valid JSON"
    }
    empty = c.post("/api/draft", json={"notes": NOTES, "questions": "thanks for coming in"})
    assert empty.status_code == 400 and "no interview questions found" in empty.json()["error"]
    assert c.post("/api/draft", json={"notes": " ", "questions": QUESTIONS}).json() == {"error": "'notes' is empty"}
    assert c.get("/api/jobs/nope").status_code == 404


# --- draft jobs ------------------------------------------------------------------------------------


def test_draft_job_gives_the_letter_its_report_and_what_each_answer_used():
    c = client()
    snapshot = drafted(c)
    assert snapshot["status"] == "done", snapshot["error"]
    result = snapshot["result"]
    draft = LetterDraft.model_validate(result["draft"])
    assert result["letter"] == render_letter(draft, "text")
    assert result["report"]["passed"] and set(result["report"]["elements"].values()) == {"present"}
    assert all(a["note_lines"] for a in result["draft"]["answers"])
    progress = snapshot["progress"]
    assert progress["stage"] == "done" and progress["calls"] == 6 and progress["of"] == 4
    assert progress["completion_tokens"] > 0


def test_a_job_outlives_the_page_until_it_is_fetched_and_deleted():
    model = FakeModel()
    model.hold = True
    c = client(model)
    job = c.post("/api/draft", json={"notes": NOTES, "questions": QUESTIONS}).json()["job"]
    time.sleep(0.2)
    running = c.get(f"/api/jobs/{job}").json()
    assert running["status"] == "running" and running["progress"]["stage"] in ("extract", "answer")
    model.release.set()  # nobody polls meanwhile: the tab is closed
    time.sleep(0.5)
    assert wait(c, job)["status"] == "done"
    assert c.get(f"/api/jobs/{job}").json()["status"] == "done"  # still there for a reload
    assert c.delete(f"/api/jobs/{job}").status_code == 204
    assert c.get(f"/api/jobs/{job}").status_code == 404


def test_progress_reports_question_k_of_n_while_answering():
    model = FakeModel(delay=0.15)
    c = client(model)
    job = c.post("/api/draft", json={"notes": NOTES, "questions": QUESTIONS}).json()["job"]
    seen = set()
    while (snapshot := c.get(f"/api/jobs/{job}").json())["status"] == "running":
        progress = snapshot["progress"]
        if progress["stage"] == "answer":
            seen.add((progress["question"], progress["of"]))
        time.sleep(0.03)
    assert seen and all(of == 4 for _, of in seen)
    assert snapshot["progress"]["tokens_per_s"] > 0


def test_a_draft_that_fails_mid_way_returns_the_partial_work():
    snapshot = drafted(client(FakeModel(fail_on="LetterParts")))
    assert snapshot["status"] == "failed"
    assert "the endpoint returned 500 five times" in snapshot["error"] and "during compose" in snapshot["error"]
    partial = snapshot["partial"]
    assert partial["data"]["stage"] == "compose" and len(partial["data"]["answers"]) == 4
    assert json.loads(partial["json"]) == partial["data"] and partial["data"]["notes"] == NOTES


def test_placeholders_come_with_what_to_add_to_the_notes():
    notes = "\n".join(line for line in NOTES.splitlines() if "@example.org" not in line and "@example.com" not in line)
    c = client()
    job = c.post("/api/draft", json={"notes": notes, "questions": QUESTIONS}).json()["job"]
    result = wait(c, job)["result"]
    assert "[ADD REFERENCE: name, email, phone]" in result["letter"]
    assert "two references" in result["hints"]["[ADD REFERENCE: name, email, phone]"]


def test_redo_replaces_one_part_only():
    c = client()
    first = drafted(c)["result"]
    draft = LetterDraft.model_validate(first["draft"])
    # Another model for the redo: a different ask, everything else would differ too if it were used.
    other = FakeModel(ask="Could we speak again next week about the delivery dashboard?",
                      apology="I apologise for the muddled answer on window functions in our interview.")  # fmt: skip
    c2 = client(other)
    body = {"notes": NOTES, "questions": QUESTIONS, "draft": first["draft"], "part": "ask"}
    snapshot = wait(c2, c2.post("/api/redo", json=body).json()["job"])
    assert snapshot["status"] == "done", snapshot["error"]
    new = LetterDraft.model_validate(snapshot["result"]["draft"])
    assert new.ask == "Could we speak again next week about the delivery dashboard?"
    assert new.model_dump(exclude={"ask"}) == draft.model_dump(exclude={"ask"})
    assert snapshot["result"]["letter"] == render_letter(new, "text")
    bad = c2.post("/api/redo", json={**body, "part": "answers[9]"})
    assert bad.status_code == 400 and "there is no answers[9]" in bad.json()["error"]


def test_redo_part_replaces_the_chosen_answer():
    from reviser.questions import extract_questions

    questions = extract_questions(QUESTIONS)
    model = FakeModel()
    from reviser.draft import run_draft

    draft = run_draft(NOTES, questions, model.backend).draft
    changed = draft.model_copy(update={"answers": [a.model_copy(update={"text": "old"}) for a in draft.answers]})
    new = redo_part(NOTES, questions, FakeModel().backend, changed, "answers[2]")
    assert [a.text for a in new.answers[:2] + new.answers[3:]] == ["old"] * 3
    assert new.answers[2].question == draft.answers[2].question and new.answers[2].text != "old"


# --- downloads -------------------------------------------------------------------------------------


def _without_date(text: str) -> str:
    import re

    return re.sub(r"^Date: .*$|=+\d+=*|boundary=\"[^\"]+\"", "", text, flags=re.M)


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("markdown", "md"), ("html", "html"), ("eml", "eml")])
def test_an_unedited_letter_downloads_through_render_letter(fmt: str, ext: str):
    c = client()
    result = drafted(c)["result"]
    draft = LetterDraft.model_validate(result["draft"])
    response = c.post("/api/export", json={"text": result["letter"], "format": fmt, "draft": result["draft"]})
    assert response.headers["content-disposition"] == f'attachment; filename="letter.{ext}"'
    assert _without_date(response.text) == _without_date(render_letter(draft, fmt))


def test_an_edited_letter_downloads_as_edited_in_every_format():
    from email import message_from_string, policy

    c = client()
    result = drafted(c)["result"]
    edited = result["letter"].replace("Best regards", "Warm regards <script>alert(1)</script>")
    out = {fmt: c.post("/api/export", json={"text": edited, "format": fmt, "draft": result["draft"]}).text
           for fmt in ("text", "markdown", "html", "eml")}  # fmt: skip
    assert out["text"] == edited
    assert "Warm regards <script>" in out["markdown"] and out["markdown"].startswith("**Subject:** Following up")
    assert "Warm regards &lt;script&gt;alert(1)&lt;/script&gt;" in out["html"] and "<script>" not in out["html"]
    mail = message_from_string(out["eml"], policy=policy.default)
    assert mail["Subject"] == "Following up on the Senior Data Analyst interview" and mail["X-Unsent"] == "1"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None and "Warm regards <script>" in body.get_content()


# --- secrets ---------------------------------------------------------------------------------------


def test_an_api_key_is_used_for_the_request_and_shown_or_logged_nowhere(caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.DEBUG)
    model = FakeModel()
    c = client(model)
    key = "sk-test-DO-NOT-LEAK-1234567890"
    model_choice = {"backend": "openai", "base_url": "http://127.0.0.1:9/v1", "model": "m", "api_key": key}
    start = c.post("/api/draft", json={"notes": NOTES, "questions": QUESTIONS, "model": model_choice})
    snapshot = wait(c, start.json()["job"])
    assert model.settings[0].api_key == key and model.settings[0].base_url == "http://127.0.0.1:9/v1"
    assert key not in start.text + json.dumps(snapshot) + caplog.text
    job = c.app.state.jobs.get(snapshot["id"])  # type: ignore[attr-defined]
    assert key not in repr(vars(job))


def test_redo_an_answer_without_a_model_takes_the_next_example_of_the_notes():
    from reviser.draft import DraftOptions, run_draft
    from reviser.llm.none import NoModel
    from reviser.questions import extract_questions
    from reviser.redo import redo_part

    examples = Path(__file__).parent.parent / "fixtures" / "examples"
    notes = (examples / "notes.txt").read_text()
    questions = extract_questions((examples / "questions.txt").read_text())
    draft = run_draft(notes, questions, NoModel(), DraftOptions()).draft
    redone = redo_part(notes, questions, NoModel(), draft, "answers[1]")
    assert redone.answers[1].text != draft.answers[1].text and redone.answers[1].fact_ids
    used = {i for k, a in enumerate(draft.answers) if k != 1 for i in a.fact_ids}
    assert not set(redone.answers[1].fact_ids) & (used | set(draft.answers[1].fact_ids))
    assert [a.text for k, a in enumerate(redone.answers) if k != 1] == [a.text for k, a in enumerate(draft.answers)
                                                                         if k != 1]  # fmt: skip
