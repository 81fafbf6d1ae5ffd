"""Tracing every hard fact in a draft back to the user's inputs.

A "claim" is anything a reader would take as a fact about the candidate or the employer: an e-mail address,
phone number, URL, number (money, percentage, count, year), date word, proper name or attachment file name.
A claim is grounded when the same value appears in the notes or questions the user typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviser.patterns import EMAIL, FILE_NAME, URL, digits, phones

NUMBER = re.compile(r"(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|k|m|bn|K|M|B)\b|%)?")
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "ninety": "90", "hundred": "100", "thousand": "1000",
    "million": "1000000", "billion": "1000000000", "dozen": "12", "half": "0.5", "double": "2", "twice": "2",
    "triple": "3", "tripled": "3", "doubled": "2", "halved": "0.5",
}  # fmt: skip
DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
# The plan's own structure ("my first 30 days", "a 60-day plan") is not a claim about the candidate.
PLAN_NUMBER = re.compile(r"^(?:1|30|31|60|61|90)$")
PLAN_AFTER = re.compile(r"^\s*-?\s*days?\b", re.IGNORECASE)  # "30 days", "60-day"
PLAN_BEFORE = re.compile(r"\bdays?\s+(?:\d+\s*[-–]\s*)?$", re.IGNORECASE)  # "day 60", "days 31-60"
# Capitalised words that start sentences or letters without naming anyone.
COMMON_STARTERS = set(
    """a about after again also although an and another any apologies are as at based be because before being
    attached best both but by call can could feel glad great happy day days dear did do does during each even
    every finally first for from given
    having he hello her here hi his how however i if in instead is it its just kind last let looking many may
    me might more most my next no not now of on once one only or our over overall please re regards rather
    second she since sincerely so some sorry specifically still subject thank thanks that the their then there
    these they this those through to today together unfortunately until using was we week weeks were what when
    where which while who why will with working would yes yet you your""".split()
)
ENGLISH_ENDING = re.compile(r"(?:ing|ed|ly|tion|sion|ment|ness|ful|ous|ive|able|ible|ise|ize|ity)$")
PLACEHOLDER = re.compile(r"\[ADD [^\]]*\]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")  # a colon starts a new clause too ("Subject: Following up")


@dataclass(frozen=True)
class Claim:
    kind: str  # "email" | "phone" | "url" | "number" | "date" | "name" | "file"
    value: str
    start: int
    end: int


def _norm_number(value: str) -> str:
    value = value.replace(",", "").strip("$£€%kKmMbBn ")
    return value.rstrip("0").rstrip(".") if "." in value else value


class Sources:
    """The user's inputs, indexed for fast look-ups."""

    def __init__(self, *texts: str) -> None:
        joined = "\n".join(texts)
        self.lower = joined.lower()
        self.words = {w.lower().strip(".'’-") for w in WORD.findall(joined)}
        self.numbers = {_norm_number(m.group(0)) for m in NUMBER.finditer(joined)}
        self.numbers |= {NUMBER_WORDS[w] for w in self.words if w in NUMBER_WORDS}
        self.phones = {digits(p) for p in phones(joined)}

    def has_word(self, word: str) -> bool:
        word = re.sub(r"['’]s$", "", word.lower().strip(".'’-"))
        return word in self.words or (word.endswith("s") and word[:-1] in self.words)


def claims(text: str) -> list[Claim]:
    """Every checkable fact in text, with its span."""
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str]) -> None:
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Claim(kind, match.group(0), start, end))

    for match in PLACEHOLDER.finditer(text):  # reviser's own visible blanks are not claims
        taken.append(match.span())
    for pattern, kind in ((EMAIL, "email"), (URL, "url"), (FILE_NAME, "file")):
        for match in pattern.finditer(text):
            add(kind, match)
    for value in phones(text):
        for match in re.finditer(re.escape(value), text):
            add("phone", match)
    for match in NUMBER.finditer(text):
        number = _norm_number(match.group(0))
        if PLAN_NUMBER.match(number) and (
            PLAN_AFTER.match(text[match.end() : match.end() + 6])
            or PLAN_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        ):
            continue
        add("number", match)
    for sentence_start, sentence in _sentences(text):
        for index, match in enumerate(WORD.finditer(sentence)):
            word = match.group(0)
            lower = word.lower()
            located = re.compile(re.escape(word)).match(text, sentence_start + match.start())
            if located is None:
                continue
            if lower in NUMBER_WORDS:
                add("number", located)
            elif lower in DATE_WORDS and word[0].isupper():
                add("date", located)
            elif _is_name(word, first=index == 0):
                add("name", located)
    return sorted(found, key=lambda c: c.start)


def _is_name(word: str, *, first: bool) -> bool:
    if len(word) == 1 or not word[0].isupper() or word in {"I'm", "I’m", "I've", "I'd", "I'll"}:
        return False
    inner_caps = any(ch.isupper() for ch in word[1:])  # SQL, PhD, McKinsey
    if first and not inner_caps:
        lower = word.lower()
        # A capitalised first word is usually just the start of a sentence ("Following up ...",
        # "Revisiting ..."); names rarely carry these English word endings.
        return not (lower in COMMON_STARTERS or lower.startswith(("i'", "i’")) or ENGLISH_ENDING.search(lower))
    return True


def _sentences(text: str) -> list[tuple[int, str]]:
    result = []
    position = 0
    for piece in SENTENCE_END.split(text):
        start = text.find(piece, position)
        if piece.strip():
            lead = len(piece) - len(piece.lstrip(" -*•\t\"'(“"))
            result.append((start + lead, piece[lead:]))
        position = start + len(piece)
    return result


def is_grounded(claim: Claim, sources: Sources) -> bool:
    value = claim.value
    if claim.kind in {"email", "url", "file"}:
        return value.lower() in sources.lower
    if claim.kind == "phone":
        return digits(value) in sources.phones
    if claim.kind == "number":
        lower = value.lower()
        return NUMBER_WORDS.get(lower, _norm_number(value)) in sources.numbers or lower in sources.words
    return sources.has_word(value)


def ungrounded(text: str, sources: Sources) -> list[Claim]:
    return [claim for claim in claims(text) if not is_grounded(claim, sources)]


def drop_ungrounded_sentences(text: str, sources: Sources) -> tuple[str, list[Claim]]:
    """Remove every sentence that carries an ungrounded claim; return the rest and what was dropped."""
    kept: list[str] = []
    dropped: list[Claim] = []
    for _, sentence in _sentences(text):
        bad = ungrounded(sentence, sources)
        if bad:
            dropped.extend(bad)
        else:
            kept.append(sentence.strip())
    return " ".join(kept), dropped
