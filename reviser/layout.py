"""The layout of a questions file or of notes read for questions: each line's kind (heading, Q:/A: marker,
numbered or bulleted item, speaker turn, text), speakers' labels, and the units a line and its continuation
lines make. No judgement here of what is a question; that is `reviser.questions`."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Line:
    no: int
    kind: str  # "blank" | "heading" | "question" | "answer" | "numbered" | "bullet" | "speaker" | "text"
    content: str
    name: str = ""  # speaker label, for "speaker" lines
    role: str = ""  # what the label had in brackets: "CTO", "candidate", a timestamp ...
    plain_kind: str = "text"  # what a "speaker" line is when the file turns out not to be a transcript
    plain_content: str = ""


@dataclass
class Unit:
    kind: str
    segments: list[tuple[int, str]]  # (line number, text) of the first line and its continuation lines
    speaker: str = ""  # normalised speaker key, for "speaker" units


# Patterns are plain strings, compiled on first use through re's cache: `reviser check` imports this
# module and should not pay ~10 ms compiling patterns it never uses.
_B = r"(?:\*\*|__)?"  # optional Markdown bold around labels and markers
_BLOCKQUOTE = r"^\s*(?:>\s?)+"
_RULE = r"^\s*([-*_])(?:\s*\1){2,}\s*$"
_FENCE = r"^\s*(?:```|~~~)"
_HEADING = r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$"
# "[00:12:31]", and the dates phone exports put around the time: "[14/03/2024, 17:42]", "[14:08, 12/03]"
_TIMESTAMP = (r"^\s*[\[(]?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
              r"(?:,?\s*\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?[\])]?\s*(?:[-–—|]\s*)?")
Q_MARKER = rf"(?i)^\s*{_B}(?:q|question)\s*#?\s*\d{{0,3}}\s*{_B}\s*(?:[:.)]|\s[-–—]\s){_B}\s*(?P<rest>.*)$"
# "A." and "A)" stay list items (lettered lists); answers need a colon, a number or the whole word.
_A_MARKER = (
    rf"(?i)^\s*{_B}(?:(?:a|ans|answer)\s*\d{{0,3}}\s*:|(?:a|ans)\s*\d{{1,3}}\s*[.)]|answer\s*\d{{0,3}}\s*[.)])"
    rf"{_B}\s*(?P<rest>.*)$"
)
_NUMBERED = r"^\s*\(?\d{1,3}[.)]\s+(?P<rest>.*)$"
_BULLET = r"^\s*[-*+•·◦▪‣]\s+(?:\[[ xX]\]\s+)?(?P<rest>.*)$"
_SPEAKER = (
    rf"^{_B}(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+){{0,3}}?){_B}"
    rf"(?:\s*[\[(](?P<role>[^\])]{{1,40}})[\])])?{_B}\s*:{_B}(?:\s+(?P<rest>.*))?$"
)
# Otter-style exports put the speaker and a timestamp on a line of their own: "Dana Reyes  0:03".
_SPEAKER_STAMP = (
    r"^(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3}?)\s+[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*$"
)
CANDIDATE_NAMES = frozenset({"me", "i", "myself", "candidate", "you", "interviewee", "applicant"})
_ROLE_WORDS = CANDIDATE_NAMES | {"interviewer"}
_NAME_PARTICLES = frozenset({"de", "da", "di", "del", "der", "van", "von", "la", "le", "bin", "al"})
# Words that make "Word: text" a heading or a field rather than a person talking.
_NOT_SPEAKERS = frozenset(
    """note notes summary subject re fwd fw date time to from cc bcc context background update edit ps tldr
    todo example answer answers question questions agenda location role position company interview interviews
    interviewers round part step stage day week section feedback outcome result takeaway takeaways lesson
    lessons my our the what why how when where who which tip warning important reminder goal goals plan
    plans topic topics title link url email phone job team skills skill scenario prompt task exercise bonus
    follow-up followup attachments references reference mistakes challenges strengths weaknesses""".split()
)


def _speaker_label(content: str) -> tuple[str, str, str] | None:
    """(name, role, rest) when the line starts with a plausible speaker label such as "Dana Reyes (CTO):"."""
    match = re.compile(_SPEAKER).match(content) or re.compile(_SPEAKER_STAMP).match(content)
    if match is None:
        return None
    name = " ".join(match.group("name").split())
    words = name.split()
    if len(name) > 40 or any(w.strip(".'’").casefold() in _NOT_SPEAKERS for w in words):
        return None
    if name.casefold() not in _ROLE_WORDS:
        for i, word in enumerate(words):
            if word[0].isupper() or (i and (word.isdigit() or word in _NAME_PARTICLES)):
                continue
            if not (i == 0 and word.casefold() in _ROLE_WORDS):
                return None
    groups = match.groupdict()
    return name, (groups.get("role") or "").strip(), (groups.get("rest") or "").strip()


def _classify(no: int, raw: str) -> Line:
    content = re.compile(_BLOCKQUOTE).sub("", raw).rstrip()
    if not content.strip() or re.compile(_RULE).match(content):
        return Line(no, "blank", "")
    if heading := re.compile(_HEADING).match(content):
        return Line(no, "heading", heading.group(1))
    content = re.compile(_TIMESTAMP).sub("", content, count=1).strip()
    if not content:
        return Line(no, "blank", "")
    for kind, pattern in (("question", Q_MARKER), ("answer", _A_MARKER)):
        if marker := re.compile(pattern).match(content):
            return Line(no, kind, marker.group("rest"))
    if label := _speaker_label(content):
        return Line(no, "speaker", label[2], label[0], label[1], "text", content)
    if numbered := re.compile(_NUMBERED).match(content):
        return Line(no, "numbered", numbered.group("rest"))
    if bullet := re.compile(_BULLET).match(content):
        rest = bullet.group("rest")
        if label := _speaker_label(rest):
            return Line(no, "speaker", label[2], label[0], label[1], "bullet", rest)
        return Line(no, "bullet", rest)
    return Line(no, "text", content)


def read_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    in_code = False
    for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if re.compile(_FENCE).match(raw):
            in_code = not in_code
            lines.append(Line(no, "blank", ""))
        elif in_code:
            lines.append(Line(no, "blank", ""))
        else:
            lines.append(_classify(no, raw))
    # One "Word:" line is a field or an aside; a transcript has at least two labelled turns.
    if sum(line.kind == "speaker" for line in lines) < 2:
        for line in lines:
            if line.kind == "speaker":
                line.kind, line.content = line.plain_kind, line.plain_content
    return lines


def _speaker_keys(lines: list[Line]) -> dict[str, str]:
    """Map each label to one key per person, merging "Dana" into "Dana Reyes" when that is unambiguous."""
    full = {" ".join(line.name.casefold().split()) for line in lines if line.kind == "speaker"}
    keys: dict[str, str] = {}
    for name in full:
        longer = [other for other in full if other.startswith(name + " ")]
        keys[name] = longer[0] if " " not in name and len(longer) == 1 else name
    return keys


def read_units(lines: list[Line]) -> tuple[list[Unit], dict[str, tuple[str, str]]]:
    """Group lines into units (a list item, a turn, a Q or A, a heading, a prose paragraph).

    Also returns, per speaker key, the display name and every bracketed role seen with it.
    """
    keys = _speaker_keys(lines)
    speakers: dict[str, tuple[str, str]] = {}
    units: list[Unit] = []
    current: Unit | None = None
    for line in lines:
        if line.kind == "blank":
            current = None
        elif line.kind == "heading":
            current = None
            units.append(Unit("heading", [(line.no, line.content)]))
        elif line.kind == "text" and current is not None:
            current.segments.append((line.no, line.content))
        else:
            key = ""
            if line.kind == "speaker":
                key = keys[" ".join(line.name.casefold().split())]
                display, roles = speakers.get(key, (line.name, ""))
                speakers[key] = (display, f"{roles} {line.role}".strip())
            current = Unit("prose" if line.kind == "text" else line.kind, [], key)
            if line.content.strip():
                current.segments.append((line.no, line.content))
            units.append(current)
    return units, speakers


def join_segments(segments: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Join a unit's lines into one string, with (offset, line number) marks to map offsets back to lines.

    A short line without end punctuation followed by a capitalised line is a heading or a separate item,
    so it gets a hard break ("\\n") that always ends a sentence; other lines are wrapped text.
    """
    joined = ""
    marks: list[tuple[int, int]] = []
    for no, segment in segments:
        segment = " ".join(segment.split())
        if not segment:
            continue
        if joined:
            prev = joined.rstrip("\"”’')]*_")
            hard = len(prev) - prev.rfind("\n") < 40 and prev[-1:] not in ".?!:;,…" and segment[0].isupper()
            joined += "\n" if hard else " "
        marks.append((len(joined), no))
        joined += segment
    return joined, marks


def line_at(marks: list[tuple[int, int]], offset: int) -> int:
    line = marks[0][1]
    for start, no in marks:
        if start > offset:
            break
        line = no
    return line
