"""A letter the user edited in the page, as Markdown, HTML or an e-mail draft.

An unedited draft is downloaded through render_letter; once the text has been edited there is no draft
behind it any more, only text, so this turns the text itself into each format: paragraphs stay paragraphs,
"- " lines become lists, a first "Subject:" line becomes the subject.
"""

from __future__ import annotations

from html import escape

SUBJECT = "Subject:"


def split_subject(text: str) -> tuple[str | None, str]:
    """The subject from a first 'Subject: ...' line, and the rest of the letter."""
    lines = text.strip("\n").split("\n")
    if lines and lines[0].startswith(SUBJECT):
        return lines[0][len(SUBJECT) :].strip(), "\n".join(lines[1:]).strip("\n")
    return None, text.strip("\n")


def blocks(text: str) -> list[list[str]]:
    """Paragraphs: runs of non-blank lines."""
    out: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            out[-1].append(line.rstrip())
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _is_item(line: str) -> bool:
    return line.lstrip().startswith(("- ", "* "))


def to_markdown(text: str) -> str:
    subject, body = split_subject(text)
    out = [f"**Subject:** {subject}"] if subject else []
    for block in blocks(body):
        if all(_is_item(line) for line in block):
            out.append("\n".join(block))
        else:
            out.append("  \n".join(block))  # Markdown hard breaks keep the author's line breaks
    return "\n\n".join(out) + "\n"


def to_html(text: str) -> str:
    subject, body = split_subject(text)
    parts = [f"<p><strong>Subject:</strong> {escape(subject)}</p>"] if subject else []
    for block in blocks(body):
        if all(_is_item(line) for line in block):
            items = "".join(f"<li>{escape(line.lstrip()[2:])}</li>\n" for line in block)
            parts.append(f"<ul>\n{items}</ul>")
        else:
            parts.append("<p>" + "<br>\n".join(escape(line) for line in block) + "</p>")
    title = escape(subject or "Letter")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        "<style>body { font-family: Georgia, serif; max-width: 42rem; margin: 2rem auto; line-height: 1.5; "
        "padding: 0 1rem; }</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
    )


def to_eml(text: str) -> str:
    from email.message import EmailMessage
    from email.utils import formatdate

    subject, body = split_subject(text)
    message = EmailMessage()
    message["Subject"] = subject or "Following up on our interview"
    message["Date"] = formatdate(localtime=True)
    message["X-Unsent"] = "1"  # mail clients open it as a draft to edit and send
    message.set_content(body.strip() + "\n")
    message.add_alternative(to_html(body), subtype="html")
    return message.as_string()


def convert(text: str, fmt: str) -> str:
    if fmt == "markdown":
        return to_markdown(text)
    if fmt == "html":
        return to_html(text)
    if fmt == "eml":
        return to_eml(text)
    return text if text.endswith("\n") else text + "\n"
