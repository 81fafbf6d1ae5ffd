"""End to end in a real browser: headless Chromium (Debian's package) driven by Playwright against `reviser serve`.

The server runs in a thread on 127.0.0.1 with a scripted model. Screenshots go to the test's temporary folder;
`REVISER_SCREENSHOTS=docs` writes the README's two (docs/serve-draft.png, docs/serve-check.png) there instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the web extra (starlette, uvicorn) is not installed")

from webfake import NOTES, QUESTIONS, FakeModel  # noqa: E402

from reviser.web.app import create_app  # noqa: E402
from reviser.web.server import serve_in_thread  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LETTER = (ROOT / "fixtures" / "examples" / "letter.txt").read_text()
CHROMIUM = os.environ.get("REVISER_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
ASK = "Would you be open to another conversation next week so I can walk you through the dashboard?"


@pytest.fixture(scope="module")
def playwright() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium (or set REVISER_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need Playwright: pip install -e '.[test]' (no browser download is needed)")
    with sync_playwright() as p:
        yield p


@pytest.fixture
def browser(playwright: Any, tmp_path: Path) -> Iterator[Any]:
    """A fresh profile each test (fresh local storage), downloads allowed, JavaScript errors fail the test."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=ARGS,
        accept_downloads=True,
        viewport={"width": 1400, "height": 1000},
    )
    errors: list[str] = []
    context.on("weberror", lambda e: errors.append(str(e.error)))
    context.set_default_timeout(15_000)
    yield context
    context.close()
    assert not errors, errors


@pytest.fixture
def shot(tmp_path: Path) -> Any:
    """Screenshot the page; the README's two (readme=True) go to $REVISER_SCREENSHOTS when it is set."""

    def take(page: Any, name: str, readme: bool = False) -> Path:
        where = Path(os.environ.get("REVISER_SCREENSHOTS") or tmp_path) if readme else tmp_path
        where.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(where / name), full_page=True)
        return where / name

    return take


def serve(model: FakeModel) -> Any:
    return serve_in_thread(create_app(backend_factory=model.factory))


def open_page(browser: Any, url: str) -> Any:
    page = browser.pages[0] if browser.pages else browser.new_page()
    page.goto(url + "/")
    return page


def element_status(page: Any, element: str) -> str:
    cls = page.locator(f"#elements [data-element={element}]").get_attribute("class")
    return re.search(r"status-(\w+)", cls).group(1)


def test_paste_draft_see_highlights_edit_check_follows_download_reload(browser: Any, shot: Any, tmp_path: Path):
    model = FakeModel(delay=0.3)
    with serve(model) as url:
        page = open_page(browser, url)
        page.fill("#notes", NOTES)
        page.fill("#questions", QUESTIONS)
        page.wait_for_selector("#questions-found:has-text('Found 4 questions.')")
        page.click("#draft-btn")

        # Live progress: the stage, question k of n, tokens/s.
        page.wait_for_selector("#progress-stage:has-text('Answering question')")
        page.wait_for_selector("#progress-detail:has-text('tokens/s')")
        shot(page, "draft-progress.png")

        # The letter beside its report: every element ✓, evidence painted under the text.
        page.wait_for_selector("#result:not([hidden]) #elements")
        letter = page.locator("#letter")
        assert letter.input_value().startswith("Subject: Following up on the Senior Data Analyst interview")
        assert page.locator("#elements li").count() == 7
        assert page.locator("#elements li.status-present").count() == 7
        assert page.locator("#letter-backdrop mark.ev").count() >= 7
        assert page.locator("#verdict").inner_text() == "Ready to review and send."
        answers = page.locator("ol.answers > li")
        assert answers.count() == 4 and "line " in answers.first.inner_text()
        shot(page, "draft-letter.png")

        # Edit: drop the ask and leave a blank; the check follows as you type.
        edited = letter.input_value().replace(ASK, "TODO")
        letter.fill(edited)
        page.wait_for_selector("#elements [data-element=ask].status-missing")
        assert page.locator("#letter-backdrop mark.ph").inner_text() == "TODO"
        assert page.locator("#placeholders li").count() == 1
        assert "Not ready yet" in page.locator("#verdict").inner_text()
        shot(page, "serve-draft.png", readme=True)

        # Type the ask back over the blank, key by key.
        start = edited.index("TODO")
        letter.evaluate(f"t => {{ t.focus(); t.setSelectionRange({start}, {start + 4}); }}")
        letter.press_sequentially("Could we talk again next week?", delay=5)
        page.wait_for_selector("#elements [data-element=ask].status-present")
        assert page.locator("#letter-backdrop mark.ph").count() == 0
        final = letter.input_value()
        assert "Could we talk again next week?" in final and "TODO" not in final

        # Download as Markdown and as an e-mail draft; both carry the edit.
        page.select_option("#format", "markdown")
        with page.expect_download() as download:
            page.click("#download-btn")
        assert download.value.suggested_filename == "letter.md"
        markdown = Path(download.value.path()).read_text()
        assert markdown.startswith("**Subject:** Following up") and "Could we talk again next week?" in markdown
        page.select_option("#format", "eml")
        with page.expect_download() as download:
            page.click("#download-btn")
        eml = Path(download.value.path()).read_text()
        assert download.value.suggested_filename == "letter.eml" and "X-Unsent: 1" in eml
        assert "Could we talk again next week?" in eml

        # Reload: the notes, the questions, the edited letter and its check are all still there.
        page.reload()
        page.wait_for_selector("#result:not([hidden]) #elements")
        assert page.input_value("#notes") == NOTES and page.input_value("#questions") == QUESTIONS
        assert page.input_value("#letter") == final
        assert page.input_value("#format") == "eml"
        assert element_status(page, "ask") == "present"

        # Redo one part: the edited letter is re-rendered from the draft with a new apology (after a confirm).
        page.once("dialog", lambda dialog: dialog.accept())
        page.select_option("#redo-part", "apology")
        model.parts["apology"] = "I apologise for the muddled answer on window functions in our interview."
        page.click("#redo-btn")
        page.wait_for_selector("#redo-status:has-text('Redone.')")
        redone = page.input_value("#letter")
        assert "I apologise for the muddled answer" in redone and ASK in redone


def test_a_draft_survives_a_closed_tab(browser: Any):
    model = FakeModel()
    model.hold = True
    with serve(model) as url:
        page = open_page(browser, url)
        page.fill("#notes", NOTES)
        page.fill("#questions", QUESTIONS)
        page.click("#draft-btn")
        page.wait_for_selector("#progress:not([hidden])")
        page.close()
        model.release.set()
        page = browser.new_page()
        page.goto(url + "/")
        page.wait_for_selector("#result:not([hidden]) #elements")
        assert page.input_value("#letter").startswith("Subject: Following up")
        assert page.locator("#progress").is_hidden()


def test_a_failed_draft_shows_the_work_saved_so_far(browser: Any, shot: Any):
    with serve(FakeModel(fail_on="LetterParts")) as url:
        page = open_page(browser, url)
        page.fill("#notes", NOTES)
        page.fill("#questions", QUESTIONS)
        page.click("#draft-btn")
        page.wait_for_selector("#failure:not([hidden])")
        assert "the endpoint returned 500 five times" in page.inner_text("#failure-message")
        assert page.locator("#partial-body .partial-answer").count() == 4
        with page.expect_download() as download:
            page.click("#partial-download")
        assert '"stage": "compose"' in Path(download.value.path()).read_text()
        shot(page, "draft-failed.png")
        page.reload()
        assert page.input_value("#notes") == NOTES and page.input_value("#questions") == QUESTIONS
        page.wait_for_selector("#failure:not([hidden]) #partial-body .partial-answer")


def test_check_page_highlights_evidence_and_shows_findings_in_place(browser: Any, shot: Any, tmp_path: Path):
    plan_start = LETTER.index("My first 60 days")
    without_plan = LETTER[:plan_start] + LETTER[LETTER.index("References:") :]
    text = without_plan.replace("Best regards,", "P.S. I would love to join [Company] this spring.\n\nBest regards,")
    with serve(FakeModel()) as url:
        page = open_page(browser, url)
        page.click("#tab-check")
        page.fill("#check-text", text)
        page.wait_for_selector("#check-verdict")
        # Each present element's evidence is painted in its own colour; missing ones are listed with what to add.
        colours = {page.locator(f"#check-view mark.{c}").count() > 0 for c in ("c0", "c1", "c2", "c3", "c4")}
        assert colours == {True}
        assert "Plan" in page.inner_text("#missing") and "first 60 days" in page.inner_text("#missing")
        assert "✗ Plan" in page.inner_text("#check-legend")
        finding = page.locator(".inline-finding:has-text('[Company]')")
        line = text[: text.index("[Company]")].count("\n") + 1
        assert finding.get_attribute("data-line") == str(line)
        column = text.index("[Company]") - text.rindex("\n", 0, text.index("[Company]"))
        assert f"line {line}, col {column}" in finding.inner_text()
        # Questions are optional: one the letter never answers shows up as a finding.
        page.click("#check-questions-box summary")
        page.fill("#check-questions", "1. What is your experience with Kubernetes operators?")
        page.wait_for_selector(".inline-finding:has-text('Kubernetes')")
        shot(page, "serve-check.png", readme=True)

        # Markup in a letter is shown as text, never run.
        hostile = '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">'
        page.fill("#check-text", text.replace("this spring.", "this spring. " + hostile))
        page.wait_for_selector("#check-view .lt:has-text('window.__pwned = 2')")
        assert page.evaluate("window.__pwned") is None
        assert hostile in page.inner_text("#check-view")
        assert page.locator("#check-view img").count() == 0 and page.locator("#check-view script").count() == 0

        # Open an .eml: what the reader sees is checked.
        from email.message import EmailMessage

        message = EmailMessage()
        message["Subject"] = "Following up"
        message.set_content(LETTER)
        (tmp_path / "letter.eml").write_text(message.as_string())
        page.fill("#check-questions", "")
        page.set_input_files("#check-file", str(tmp_path / "letter.eml"))
        page.wait_for_selector("#check-view .lt:has-text('Subject: Following up on')")
        page.wait_for_selector("#check-verdict:has-text('PASS')")
        page.reload()
        assert page.input_value("#check-text") == LETTER


def test_a_letter_with_markup_stays_text_in_the_editor(browser: Any):
    with serve(FakeModel()) as url:
        page = open_page(browser, url)
        page.fill("#notes", NOTES)
        page.fill("#questions", QUESTIONS)
        page.click("#draft-btn")
        page.wait_for_selector("#result:not([hidden]) #elements")
        hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> [Company]'
        page.fill("#letter", page.input_value("#letter") + hostile)
        page.wait_for_selector("#placeholders .ph-link:has-text('[Company]')")
        assert page.evaluate("window.__pwned") is None
        assert hostile in page.locator("#letter-backdrop").text_content()
        assert page.locator("#letter-backdrop img, #report img, #letter-backdrop script").count() == 0


def test_an_api_key_typed_in_the_page_is_never_stored(browser: Any):
    model = FakeModel()
    key = "sk-test-NEVER-STORED-42"
    with serve(model) as url:
        page = open_page(browser, url)
        page.fill("#notes", NOTES)
        page.fill("#questions", QUESTIONS)
        page.click("#model-box summary")
        page.check("input[name=backend][value=openai]")
        page.fill("#base-url", "http://127.0.0.1:9/v1")
        page.fill("#model-id", "llama3.1:8b")
        page.fill("#api-key", key)
        page.click("#draft-btn")
        page.wait_for_selector("#result:not([hidden]) #elements")
        assert model.settings[-1].api_key == key and model.settings[-1].model == "llama3.1:8b"
        stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
        assert key not in stored and "llama3.1:8b" in stored
        page.reload()
        assert page.input_value("#api-key") == "" and page.input_value("#base-url") == "http://127.0.0.1:9/v1"
