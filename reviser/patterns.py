"""Regular expressions for hard facts, shared by note parsing and the grounding gate."""

from __future__ import annotations

import re

EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]")
# Phone numbers: 7+ digits with optional +country, spaces, dots, dashes and brackets.
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,12}(?:[\s.-]\d{2,6}){0,4}(?![\w])")
FILE_NAME = re.compile(
    r"\b[\w][\w.-]*\.(?:pdf|docx?|pptx?|xlsx?|csv|md|txt|png|jpe?g|gif|zip|ipynb|html?|key|fig|sketch)\b",
    re.IGNORECASE,
)
INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|prompts?|rules?|above|previous)\b"
    r"|\byou are now\b|\bsystem prompt\b|^\s*(?:system|assistant)\s*:"
    r"|\b(?:say|write|claim|state|pretend)\s+(?:that\s+)?I\s+(?:have|am|was|hold|won)\b",
    re.IGNORECASE | re.MULTILINE,
)


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
