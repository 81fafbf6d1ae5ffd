"""Jinja2 rendering of prompts and letters (text, markdown, html, eml)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate
from functools import cache
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from reviser.models import LetterDraft, Reference

LetterFormat = Literal["text", "markdown", "html", "eml"]
FORMATS: tuple[str, ...] = ("text", "markdown", "html", "eml")
REFERENCES_WANTED = 2
ADD_REFERENCE = "[ADD REFERENCE: name, email, phone]"


def prompts_dir() -> Path:
    """The installed reviser/prompts (wheel), or the repository's top-level prompts/ (editable install)."""
    packaged = Path(__file__).parent / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "prompts"


@cache
def environment(html: bool = False) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(prompts_dir())),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
    )
    env.filters["p"] = _paragraph
    return env


def _paragraph(text: str) -> Markup:
    """Escape, then keep the author's line breaks (plans are often lists)."""
    return Markup("<br>\n").join(escape(line) for line in text.split("\n"))


def render_prompt(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context).strip()


def reference_line(ref: Reference) -> str:
    contacts = [c for c in (ref.email, ref.phone) if c]
    who = f"{ref.name}, {ref.detail}" if ref.detail else ref.name
    if not contacts:
        return f"{who}: [ADD CONTACT for {ref.name}: email or phone]"
    return f"{who}: {', '.join(contacts)}"


def reference_placeholders(draft: LetterDraft) -> list[str]:
    return [ADD_REFERENCE] * max(0, REFERENCES_WANTED - len(draft.references))


def render_letter(
    draft: LetterDraft, fmt: str = "text", *, show_sources: bool = True, with_subject: bool = True
) -> str:
    """The letter in one format; the HTML page shows each answer's note lines unless show_sources is off."""
    if fmt == "eml":
        return render_eml(draft)
    name = {"text": "letter/text.j2", "markdown": "letter/markdown.j2", "html": "letter/html.j2"}[fmt]
    template = environment(html=fmt == "html").get_template(name)
    text = template.render(
        d=draft,
        show_sources=show_sources,
        with_subject=with_subject,
        reference_line=reference_line,
        reference_placeholders=reference_placeholders(draft),
    )
    return _tidy(text)


def render_eml(draft: LetterDraft, sender: str | None = None) -> str:
    """A MIME message with Subject and a plain-text body, ready to open in a mail client."""
    body = (
        environment()
        .get_template("letter/text.j2")
        .render(
            d=draft,
            with_subject=False,
            reference_line=reference_line,
            reference_placeholders=reference_placeholders(draft),
        )
    )
    message = EmailMessage()
    message["Subject"] = draft.subject
    if sender:
        message["From"] = sender
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # mail clients open it as a draft to edit and send
    message.set_content(_tidy(body))
    # The HTML part is what a mail client shows and sends: no internal note-line sources in it.
    # The subject is the message's own header there, not a line of its body.
    message.add_alternative(render_letter(draft, "html", show_sources=False, with_subject=False), subtype="html")
    return message.as_string()


def _tidy(text: str) -> str:
    """Collapse the blank lines left by empty optional parts."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
