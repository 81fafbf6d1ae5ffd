"""What kind of word a word is: an ordinary English word, a proper name, or a number written out.

Names are told from ordinary words by a case-preserving dictionary, not by a hand list: Webster's Second
International word list (`web2`, as shipped in the `english-words` package) writes common words in lower case and
proper nouns capitalised ("within", "neither"; "Sarah", "Paris"). A word frequency list cannot do this, because
it folds case ("google" and "within" are both frequent). Words the dictionary lacks in any form (modern names:
"Google", "Priya", "Stanford") count as names, so an unknown capitalised word is always checked.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

WordClass = Literal["ordinary", "proper", "both", "unknown"]


@cache
def _web2() -> tuple[frozenset[str], frozenset[str]]:
    """(lower-case entries, capitalised entries lower-cased) of the web2 list."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=False)
    lower = frozenset(w for w in words if w[:1].islower())
    proper = frozenset(w.lower() for w in words if w[:1].isupper())
    return lower, proper


def lemmas(word: str) -> list[str]:
    """The word and the forms it may be inflected from: plural, possessive, -ing, -ed, -ly, -er, -est."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    forms = [w]
    rules = [
        ("ies", "y"), ("es", ""), ("s", ""), ("ying", "ie"), ("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""),
        ("ed", "e"), ("ily", "y"), ("ly", ""), ("ier", "y"), ("iest", "y"), ("er", ""), ("er", "e"), ("est", ""),
        ("ers", ""), ("ers", "e"), ("ments", ""), ("ment", ""), ("ness", ""), ("isation", "ise"),
        ("ization", "ize"), ("ations", "e"), ("ation", "e"), ("ation", ""), ("ised", "ize"), ("ising", "ize"),
        ("ise", "ize"), ("ises", "ize"), ("our", "or"),
    ]  # fmt: skip
    for suffix, replacement in rules:
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: -len(suffix)] + replacement
            forms.append(stem)
            if replacement == "" and len(stem) > 2 and stem[-1] == stem[-2]:  # "planned" -> "plan"
                forms.append(stem[:-1])
    return list(dict.fromkeys(forms))


def verb_lemma(word: str) -> str:
    """'left' → 'leave', 'supported' → 'support' (lemminflect's lexicon); the word itself when it knows none."""
    from lemminflect import getLemma

    return (getLemma(word.lower(), upos="VERB") or (word.lower(),))[0]


def inflected_as(word: str, tag: str) -> bool:
    """Whether the word is its verb's form `tag` (Penn: "VBD" simple past, "VBN" past participle) and not also
    the base form: 'ran' and 'hired' are VBD, 'cut' and 'set' are not; 'done' and 'let' are VBN after "I'd"."""
    from lemminflect import getInflection

    lemma = verb_lemma(word)
    return word.lower() != lemma and word.lower() in (getInflection(lemma, tag=tag) or ())


@cache
def word_class(word: str) -> WordClass:
    """'ordinary' when the dictionary has the word (or a form it is inflected from) only in lower case, 'proper'
    when only capitalised, 'both' when both ("Mark", "Will"), 'unknown' when in neither form."""
    lower, proper = _web2()
    parts = [p for p in re.split(r"[-–]", word) if p]
    if len(parts) > 1:  # "Stock-outs", "Train-the-trainer": ordinary when every part is
        classes = {word_class(p) for p in parts}
        return "ordinary" if classes <= {"ordinary", "both"} and "ordinary" in classes else "unknown"
    forms = lemmas(word)
    is_lower = any(f in lower for f in forms)
    is_proper = forms[0] in proper
    if is_lower and is_proper:
        return "both"
    if is_lower:
        return "ordinary"
    return "proper" if is_proper or any(f in proper for f in forms[1:]) else "unknown"


# A word the dictionary has both ways is ordinary when it is this common (Zipf scale: 5.5 is about once in
# 300,000 words): "for", "the", "will", "may" are; "mark" (5.1), "grace" (4.6), "colin" (4.1) are not.
COMMON_ZIPF = 5.5


@cache
def common(word: str) -> bool:
    """Very frequent in English text (wordfreq, which folds case, so only for words already known as common)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


# --- numbers written as words -----------------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a": 1, "an": 1,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Words that state an amount without digits: each is a claim of its own.
MULTIPLIERS = {"half": 0.5, "halved": 0.5, "double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3,
               "quadrupled": 4}  # fmt: skip
VAGUE = {"dozens", "hundreds", "thousands", "millions", "billions"}
NUMBER_WORD = re.compile(
    r"\b(?:(?:" + "|".join(sorted(set(UNITS) | set(SCALES), key=len, reverse=True)) + r")(?:[\s-]+(?:and\s+)?|\b))+",
    re.IGNORECASE,
)
PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)


def parse_number_words(phrase: str) -> float | None:
    """'forty-two' -> 42, 'three hundred and ten' -> 310, 'a dozen' -> 12, 'one and a half' -> None (not handled:
    the caller treats what it cannot parse as a claim of its own)."""
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t != "and"]
    if not tokens or all(t in {"a", "an"} for t in tokens):
        return None
    total, current, seen = 0.0, 0.0, False
    for token in tokens:
        if token in {"a", "an"}:
            current = current or 1
        elif token == "dozen":
            current = (current or 1) * 12
            seen = True
        elif token in UNITS:
            current += UNITS[token]
            seen = True
        elif token in SCALES:
            current = (current or 1) * SCALES[token]
            if SCALES[token] >= 1000:
                total, current = total + current, 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def number_word_spans(text: str) -> list[tuple[int, int, float]]:
    """Numbers written as words in text: (start, end, value). A lone 'a'/'an' is not a number."""
    found = []
    for match in NUMBER_WORD.finditer(text):
        phrase = match.group(0).rstrip(" -")
        # Leading articles are not part of the number unless a scale or 'dozen' follows ("a hundred", "a dozen").
        lead = re.match(r"(?:an?\s+)+", phrase, re.IGNORECASE)
        start = match.start()
        if lead and not re.match(r"(?:hundred|thousand|million|billion|dozen)\b", phrase[lead.end() :], re.I):
            phrase, start = phrase[lead.end() :], start + lead.end()
        phrase = re.sub(r"(?:[\s-]+(?:and|an?))+$", "", phrase, flags=re.IGNORECASE)
        value = parse_number_words(phrase)
        if value is not None and phrase:
            found.append((start, start + len(phrase), value))
    return found
