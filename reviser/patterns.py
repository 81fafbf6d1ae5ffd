"""Regular expressions for hard facts, shared by note parsing and the grounding gate."""

from __future__ import annotations

import re

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
# Phone numbers: 7+ digits with optional +country, spaces, dots, dashes and brackets.
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,12}(?:[\s.-]\d{2,6}){0,4}(?![\w])")
FILE_NAME = re.compile(
    r"\b[\w][\w.-]*\.(?:pdf|docx?|pptx?|xlsx?|csv|md|txt|png|jpe?g|gif|zip|ipynb|html?|key|fig|sketch|"
    r"mp4|mov|mp3|wav|webm|odt|ods|rtf|svg|psd|heic)\b",  # a reel, a recording or a design file too
    re.IGNORECASE,
)
INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|prompts?|rules?|above|previous)\b"
    r"|\byou are now\b|\bsystem prompt\b|^\s*(?:system|assistant)\s*:"
    # told to the model, not of a referee: "say I have a PhD", "and write that I won", not "who'll say I was never late"
    r"|(?:^|[.!?:;,]\s*|\b(?:please|just|also|and|then|now)\s+)(?:say|write|claim|state|pretend)\s+(?:that\s+)?I\s+"
    r"(?:have|am|was|hold|won)\b",
    re.IGNORECASE | re.MULTILINE,
)


# The writer's own verdict on what they said in the room, at the end of a clause: "said i'd never done a
# disciplinary which is rubbish". The reader takes the deed after it as the truth; the composer drops it.
OWN_VERDICT = r"(?:which|that) (?:is|was) (?:rubbish|wrong|not true|untrue|a lie|nonsense)\W*$"


# A full stop after these is no sentence end ("Dr. Amara Lee", "incl. a 3-week one"): lookbehinds to put before
# a sentence-end pattern.
_ABBREVIATIONS = "dr mr mrs ms mx st prof incl approx vs etc esp eg ie co ltd inc corp"
# A row of a Markdown table: "| Tell me about a dashboard | rambled | the leakage dashboard ... |".
TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
NO_STOP = "".join(rf"(?<!\b(?i:{a})\.)" for a in _ABBREVIATIONS.split())  # "Dr.", "Prof." too


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def phones(text: str) -> list[str]:
    """Phone-like spans with at least 7 digits that are not dates, money or plain years."""
    found = []
    for match in PHONE.finditer(text):
        value = match.group(0)
        if len(digits(value)) >= 7:
            found.append(value)
    return found


# --- phone numbers for grounding: libphonenumber where it knows the number, the pattern above otherwise ------
# Regions tried when a number has no +country prefix; a number written with one is read from it.
PHONE_REGIONS = ("US", "GB")


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers in text: every number libphonenumber finds valid for a region above (so that
    '020 7946 0958' or '(415) 555-0199' is read whole), and every PHONE match with 7+ digits (fictional
    numbers such as 555-0147, which libphonenumber rightly calls invalid, are still phone numbers here)."""
    import phonenumbers

    spans: list[tuple[int, int]] = []

    def add(start: int, end: int) -> None:
        if not any(s < end and start < e for s, e in spans):
            spans.append((start, end))

    if sum(ch.isdigit() for ch in text) >= 7:
        for region in PHONE_REGIONS:
            for found in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
                add(found.start, found.end)
        for match in PHONE.finditer(text):
            if len(digits(match.group(0))) >= 7:
                add(*match.span())
    return sorted(spans)


def phone_keys(value: str) -> set[str]:
    """What two ways of writing one phone number share: the national number, without country code or trunk
    prefix ('+44 7700 900412' = '07700 900412'; '+1 555 0142' = '555 0142'), and all its digits."""
    import phonenumbers

    keys = {digits(value).lstrip("0")}
    for region in PHONE_REGIONS:
        try:
            keys.add(str(phonenumbers.parse(value, region).national_number))
        except phonenumbers.NumberParseException:
            continue
    return keys - {""}
