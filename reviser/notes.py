"""Deterministic reading of the user's notes: sections, references, attachments, the candidate's own line,
and lines that look like instructions to the model.

Hard facts (contact details, reference names, file names) are parsed here in code, never by the model,
so a letter can only ever carry the ones the user typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviser.models import Attachment, FactKind, Reference
from reviser.patterns import EMAIL, FILE_NAME, INJECTION, phones

# Heading keywords → the kind of fact the lines under that heading describe.
SECTION_CUES: list[tuple[str, str]] = [
    (r"wrong|badly|mistake|mess(ed)? up|blew|weak", "mistake"),
    (r"struggl|challeng|problem|pain|need|goal|their (team|side)|they want", "challenge"),
    (
        r"accomplish|achiev|wins?\b|proud|results?|track record|experience|evidence|what i (?:actually )?did|"
        r"delivered|highlights|my work",
        "accomplishment",
    ),
    (r"skill|strength|tool", "skill"),
    (r"attach|sample|portfolio|work i can send|links?\b", "attachment"),
    (r"referee|reference", "reference"),
    (r"plan|first \d+ days|30|60|90", "plan"),
    (r"why (i|this)|motivat|interest", "motivation"),
]
_SECTION_RES = [(re.compile(rf"\b(?:{cue})", re.IGNORECASE), kind) for cue, kind in SECTION_CUES]
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+|^\s*\*\*(.+)\*\*\s*:?\s*$")
_SELF = re.compile(r"^\s*(?:me|myself|my name|name|candidate|from)\s*:\s*(.+)$", re.IGNORECASE)
INTERVIEWER_LINE = re.compile(r"^\s*(?:interviewers?|panel|met with|hiring manager)\s*:\s*(.+)$", re.IGNORECASE)
_INTRO = re.compile(r"\b(?:I'm|I am|my name is)\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2})")
_NAME = re.compile(r"\b([A-Z][a-z'’-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][a-z'’-]+){0,3})\b")


@dataclass(frozen=True)
class NoteLine:
    number: int  # 1-based
    text: str  # the line without its bullet marker
    section: str | None  # "challenge", "plan", ... from the heading above it (or inline "Skills: ...")


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line).strip()


def _section_of(heading: str) -> str | None:
    for pattern, kind in _SECTION_RES:
        if pattern.search(heading):
            return kind
    return None


def _is_heading(raw: str) -> bool:
    text = raw.strip()
    if not text or _BULLET.match(raw):
        return False
    if _HEADING.match(raw):
        return True
    if text.partition(":")[2].strip():  # "Interviewer: Dana Reyes" is a labelled value, not a heading
        return False
    # "What they are struggling with" / "References:": short, no sentence punctuation inside.
    return len(text.split()) <= 8 and not re.search(r"[.?!,;@]", text.rstrip(":"))


def note_lines(text: str) -> list[NoteLine]:
    """Every non-empty note line with the section it belongs to."""
    lines: list[NoteLine] = []
    section: str | None = None
    after_blank = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            after_blank = True
            continue
        head, sep, rest = raw.partition(":")
        if _is_heading(raw):
            section, after_blank = _section_of(raw), False
            continue
        if after_blank and not _BULLET.match(raw):
            section = None  # a plain paragraph after a blank line has left the list under the heading
        after_blank = False
        inline = _section_of(head) if sep and len(head.split()) <= 3 and not _BULLET.match(raw) else None
        lines.append(NoteLine(number, strip_bullet(raw), inline or section))
    return lines


def injection_lines(text: str) -> list[int]:
    """Lines that read as instructions to a model; they are fenced out of prompts and grounding."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if INJECTION.search(line)]


def _split_contact(text: str) -> tuple[str, str | None]:
    """'Maria Okafor, my manager at X' → ('Maria Okafor', 'my manager at X')."""
    text = re.sub(r"^(?:references?|referees?)\s*:\s*", "", text, flags=re.IGNORECASE)
    for contact in [*EMAIL.findall(text), *phones(text)]:
        text = text.replace(contact, " ")
    text = re.sub(r"\b(?:e-?mail|phone|tel|mobile|cell)\b\s*:?", " ", text, flags=re.IGNORECASE)
    parts = [p.strip(" -–—:;,()") for p in re.split(r"[,;(–—]|\s-\s", text)]
    parts = [p for p in parts if p]
    if not parts:
        return "", None
    name, detail = parts[0], ", ".join(parts[1:]) or None
    return name, detail


def parse_references(lines: list[NoteLine], exclude: set[int]) -> list[Reference]:
    """A reference is a note line with a name and an e-mail or phone number (the candidate's own excluded)."""
    refs: list[Reference] = []
    for line in lines:
        if line.number in exclude:
            continue
        emails = EMAIL.findall(line.text)
        numbers = phones(line.text)
        if not emails and not numbers:
            continue
        name, detail = _split_contact(line.text)
        if not _NAME.fullmatch(name):
            continue
        refs.append(
            Reference(
                name=name,
                detail=detail,
                email=emails[0] if emails else None,
                phone=numbers[0].strip() if numbers else None,
                line=line.number,
            )
        )
    return refs


def parse_attachments(lines: list[NoteLine], exclude: set[int]) -> list[Attachment]:
    found: list[Attachment] = []
    seen: set[str] = set()
    for line in lines:
        if line.number in exclude:
            continue
        for match in FILE_NAME.finditer(line.text):
            name = match.group(0)
            if name.lower() in seen or EMAIL.search(name):
                continue
            seen.add(name.lower())
            rest = line.text[match.end() :].strip(" :-–—")
            found.append(Attachment(file_name=name, description=rest or None, line=line.number))
    return found


@dataclass(frozen=True)
class Self:
    name: str | None
    email: str | None
    phone: str | None
    line: int | None


def parse_self(lines: list[NoteLine]) -> Self:
    """The candidate's own line: 'Me: Name, email, phone' (or Name:/Candidate:/From:, or 'I'm Name, email')."""
    for line in lines:
        match = _SELF.match(line.text) or (_INTRO.search(line.text) if EMAIL.search(line.text) else None)
        if match:
            value = match.group(1)
            emails = EMAIL.findall(value) or EMAIL.findall(line.text)
            numbers = phones(value)
            name = _NAME.search(EMAIL.sub("", value))
            return Self(
                name.group(1) if name else None,
                emails[0] if emails else None,
                numbers[0].strip() if numbers else None,
                line.number,
            )
    return Self(None, None, None, None)


def parse_interviewers(lines: list[NoteLine]) -> list[str]:
    for line in lines:
        match = INTERVIEWER_LINE.match(line.text)
        if match:
            return [m.group(1) for m in _NAME.finditer(re.sub(r"\(.*?\)", "", match.group(1)))]
    return []


def section_kind(line: NoteLine) -> FactKind | None:
    """The fact kind a note line carries by its section, for facts parsed without the model."""
    kinds: dict[str, FactKind] = {
        "mistake": "mistake",
        "challenge": "challenge",
        "accomplishment": "accomplishment",
        "skill": "skill",
        "plan": "plan",
        "motivation": "motivation",
    }
    return kinds.get(line.section or "")
