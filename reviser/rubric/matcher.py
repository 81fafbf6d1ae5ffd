"""Cue phrases and patterns, compiled once per rubric and matched against a prepared letter in one pass.

Cue phrase syntax (words compare after normalization: case, curly apostrophes, contractions such as
"I'm" = "I am" and "didn't" = "did not", and British -ise/-our spellings all fold together):

- ``I apologize``        the words in order, within one sentence (punctuation between words is ignored)
- ``*``                  exactly one word of any kind
- ``...``                up to four words of any kind (``sorry ... answer``)
- ``apolog*``            a word starting with "apolog" (apology, apologies, apologise ...)
- ``(answer|my reply)``  one of several words or word sequences
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from reviser.rubric.text import Doc, spelling, words

MAX_GAP = 4

# Slot kinds
WORD, ALT, PREFIX, ANY, GAP = range(5)
Slot = tuple[int, object]


class CueSyntaxError(ValueError):
    """A cue phrase that cannot be compiled; the message says why."""


@dataclass(frozen=True)
class Hit:
    group: int
    sentence: int
    first_tok: int  # token range [first_tok, end_tok); equal for a pattern hit between tokens
    end_tok: int
    start: int  # visible offsets
    end: int


_PART = re.compile(r"\([^()]*\)|\S+")


def compile_phrase(phrase: str) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    for part in _PART.findall(phrase):
        if part == "*":
            slots.append((ANY, None))
        elif part == "...":
            slots.append((GAP, None))
        elif part.startswith("(") and part.endswith(")"):
            options = tuple(tuple(words(option)) for option in part[1:-1].split("|"))
            if any(not option for option in options):
                raise CueSyntaxError(f"{phrase!r}: empty choice in {part!r}")
            slots.append((ALT, options))
        elif part.endswith("*"):
            found = words(part[:-1])
            if len(found) != 1 or len(found[0]) < 3:
                raise CueSyntaxError(f"{phrase!r}: a word* prefix needs at least three letters in {part!r}")
            stem = found[0]
            # Tokens are spelling-folded, so the prefix must be too ("organis*" → "organiz").
            folded = spelling(stem + "e")[:-1] if stem.endswith(("is", "ys")) else stem
            slots.append((PREFIX, (stem, folded)))
        else:
            slots.extend((WORD, w) for w in words(part))
    if not slots:
        raise CueSyntaxError(f"{phrase!r}: has no words")
    if slots[0][0] in (ANY, GAP):
        raise CueSyntaxError(f"{phrase!r}: cannot start with * or ...")
    if slots[-1][0] == GAP:
        raise CueSyntaxError(f"{phrase!r}: cannot end with ...")
    return tuple(slots)


class PhraseIndex:
    """All cue phrases of a rubric, indexed by their first word."""

    def __init__(self) -> None:
        self.by_word: dict[str, list[tuple[tuple[Slot, ...], int]]] = {}
        self.by_prefix: dict[str, list[tuple[tuple[Slot, ...], int]]] = {}

    def add(self, phrase: str, group: int) -> None:
        slots = compile_phrase(phrase)
        entry = (slots, group)
        kind, value = slots[0]
        if kind == WORD:
            self.by_word.setdefault(str(value), []).append(entry)
        elif kind == ALT:
            for first in {option[0] for option in value}:  # type: ignore[attr-defined]
                self.by_word.setdefault(first, []).append(entry)
        else:
            for key in {stem[:3] for stem in value}:  # type: ignore[attr-defined]
                self.by_prefix.setdefault(key, []).append(entry)

    def match(self, doc: Doc) -> list[Hit]:
        toks = doc.tok_norm
        sents = doc.tok_sent
        starts = doc.tok_start
        ends = doc.tok_end
        by_word = self.by_word
        by_prefix = self.by_prefix
        hits: list[Hit] = []
        for i, w in enumerate(toks):
            entries = by_word.get(w)
            if by_prefix:
                more = by_prefix.get(w[:3])
                if more:
                    entries = (entries or []) + more
            if not entries:
                continue
            sent = sents[i]
            for slots, group in entries:
                end = _match(slots, 0, i, sent, toks, sents)
                if end > 0:
                    hits.append(Hit(group, sent, i, end, starts[i], ends[end - 1]))
        return hits


def _match(slots: tuple[Slot, ...], k: int, j: int, sent: int, toks: list[str], sents: list[int]) -> int:
    """End token index (exclusive) of a match of slots[k:] starting at token j, or -1."""
    n = len(toks)
    while k < len(slots):
        kind, value = slots[k]
        if kind == GAP:
            for skip in range(MAX_GAP + 1):
                end = _match(slots, k + 1, j + skip, sent, toks, sents)
                if end > 0:
                    return end
                if j + skip >= n or sents[j + skip] != sent:
                    break
            return -1
        if kind == ALT:
            for option in value:  # type: ignore[attr-defined]
                stop = j + len(option)
                if stop <= n and sents[stop - 1] == sent and tuple(toks[j:stop]) == option:
                    end = _match(slots, k + 1, stop, sent, toks, sents)
                    if end > 0:
                        return end
            return -1
        if j >= n or sents[j] != sent:
            return -1
        w = toks[j]
        if kind == WORD:
            if w != value:
                return -1
        elif kind == PREFIX:
            stem, folded = value  # type: ignore[misc]
            if not (w.startswith(stem) or w.startswith(folded)):
                return -1
        k += 1
        j += 1
    return j


def match_patterns(doc: Doc, patterns: list[tuple[re.Pattern[str], int]]) -> list[Hit]:
    """Regex hits on the visible text, each placed in the sentence (and token range) where it starts."""
    if not patterns:
        return []
    hits: list[Hit] = []
    sent_starts = [s.start for s in doc.sentences]
    text = doc.vis.text
    for regex, group in patterns:
        for m in regex.finditer(text):
            start, end = m.span()
            if end == start:
                continue
            si = bisect_right(sent_starts, start) - 1
            if si < 0 or start >= doc.sentences[si].end:
                continue
            first = bisect_right(doc.tok_start, start - 1)
            last = max(first, bisect_right(doc.tok_start, end - 1))
            hits.append(Hit(group, si, first, last, start, end))
    return hits
