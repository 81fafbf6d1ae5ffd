"""Matching a rubric against a prepared letter: cue phrases, compiled once per rubric and matched in one
pass over the letter's words, and regular expressions, run on demand.

Cue phrase syntax (words compare after normalization: case, curly apostrophes, contractions such as
"I'm" = "I am" and "didn't" = "did not", and British -ise/-our spellings all fold together):

- ``I apologize``        the words in order, within one sentence (punctuation between words is ignored)
- ``*``                  exactly one word of any kind
- ``#``                  one number written in digits ("30" in "days 1-30")
- ``...``                up to four words of any kind (``sorry ... answer``)
- ``apolog*``            a word starting with "apolog" (apology, apologies, apologise ...)
- ``(answer|my reply)``  one of several words or word sequences
- ``^ built``            "^" first: only at the start of a sentence or list item
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from reviser.rubric import regexes
from reviser.rubric.regexes import Lazy
from reviser.rubric.text import Doc, spelling, words

MAX_GAP = 4
PATTERN_FLAGS = int(re.IGNORECASE)  # of every rubric pattern

# Slot kinds
WORD, ALT, PREFIX, ANY, GAP, NUM = range(6)
# A slot is (kind, value): the word for WORD; for ALT (one-word options as a frozenset, longer options by
# their first word); (stem, spelling-folded stem) for PREFIX; None for the rest.
Slot = tuple[int, Any]


class CueSyntaxError(ValueError):
    """A cue phrase that cannot be compiled; the message says why."""


class Hit:
    __slots__ = ("group", "sentence", "first_tok", "end_tok", "start", "end")

    def __init__(self, group: int, sentence: int, first_tok: int, end_tok: int, start: int, end: int) -> None:
        self.group = group
        self.sentence = sentence
        self.first_tok = first_tok  # token range [first_tok, end_tok); equal for a pattern hit between tokens
        self.end_tok = end_tok
        self.start = start  # visible offsets
        self.end = end


_PART = Lazy(r"\([^()]*\)|\S+")


def compile_phrase(phrase: str) -> tuple[bool, tuple[Slot, ...]]:
    """(only at a sentence start, slots) of one cue phrase."""
    slots: list[Slot] = []
    parts = _PART.get().findall(phrase)
    at_start = bool(parts) and parts[0] == "^"
    for part in parts[1:] if at_start else parts:
        if part == "*":
            slots.append((ANY, None))
        elif part == "#":
            slots.append((NUM, None))
        elif part == "...":
            slots.append((GAP, None))
        elif "(" in part or ")" in part or part == "^":
            inner = part[1:-1]
            if not (part.startswith("(") and part.endswith(")")) or "(" in inner or ")" in inner:
                raise CueSyntaxError(f"{phrase!r}: unbalanced or nested brackets, or a misplaced ^, at {part!r}")
            options = [tuple(words(option)) for option in inner.split("|")]
            if any(not option for option in options):
                raise CueSyntaxError(f"{phrase!r}: empty choice in {part!r}")
            longer: dict[str, list[tuple[str, ...]]] = {}
            for option in options:
                if len(option) > 1:
                    longer.setdefault(option[0], []).append(option)
            slots.append((ALT, (frozenset(o[0] for o in options if len(o) == 1), longer)))
        elif part.endswith("*"):
            found = words(part[:-1])
            if not found or len(found[-1]) < 3:
                raise CueSyntaxError(f"{phrase!r}: a word* prefix needs at least three letters in {part!r}")
            slots.extend((WORD, w) for w in found[:-1])
            stem = found[-1]
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
    return at_start, tuple(slots)


_Entry = tuple[tuple[Slot, ...], int, bool]  # slots, hit group, only at a sentence start
_Plan = tuple[list[_Entry], dict[str, list[_Entry]]]
_PLAN_CACHE_MAX = 50_000


class PhraseIndex:
    """All cue phrases of a rubric, indexed by their first two words where those are fixed (most cues start
    with "I" or "you", so one word alone would try dozens of phrases at every "I"), else by the first word,
    else by the first letters of a leading prefix; cues starting with a number by the word after it."""

    def __init__(self) -> None:
        self.by_word: dict[str, list[_Entry]] = {}
        self.by_pair: dict[str, dict[str, list[_Entry]]] = {}  # first word → second word → entries
        self.by_prefix: dict[str, list[_Entry]] = {}
        self.after_number: dict[str, list[_Entry]] = {}
        self.by_number: list[_Entry] = []
        self._plans: dict[str, _Plan | None] = {}  # per word seen in letters: what can start there

    def to_plain(self) -> tuple[Any, ...]:
        return (self.by_word, self.by_pair, self.by_prefix, self.after_number, self.by_number)

    @classmethod
    def from_plain(cls, data: tuple[Any, ...]) -> PhraseIndex:
        index = cls()
        index.by_word, index.by_pair, index.by_prefix, index.after_number, index.by_number = data
        return index

    def add(self, phrase: str, group: int) -> None:
        at_start, slots = compile_phrase(phrase)
        entry = (slots, group, at_start)
        kind, value = slots[0]
        if kind == NUM:
            following = _first_words(slots[1]) if len(slots) > 1 else None
            if following is None:
                self.by_number.append(entry)
            for second in following or ():
                self.after_number.setdefault(second, []).append(entry)
            return
        if kind == PREFIX:
            for key in {stem[:3] for stem in value}:
                self.by_prefix.setdefault(key, []).append(entry)
            return
        firsts: list[tuple[str, ...]] = (
            [(value,)] if kind == WORD else [(w,) for w in value[0]] + [o for os in value[1].values() for o in os]
        )
        seconds = _first_words(slots[1]) if len(slots) > 1 else None
        pairs: dict[str, set[str] | None] = {}
        for option in firsts:
            following = {option[1]} if len(option) > 1 else seconds
            known = pairs.get(option[0], set())
            pairs[option[0]] = None if following is None or known is None else known | following
        for first, following in pairs.items():
            if following is None:
                self.by_word.setdefault(first, []).append(entry)
            else:
                for second in following:
                    self.by_pair.setdefault(first, {}).setdefault(second, []).append(entry)

    def match(self, doc: Doc) -> list[Hit]:
        toks = doc.tok_norm
        sents = doc.tok_sent
        starts = doc.tok_start
        ends = doc.tok_end
        first_tok = doc.sent_first_tok
        plans = self._plans
        last = len(toks) - 1
        hits: list[Hit] = []
        for i, w in enumerate(toks):
            try:
                plan = plans[w]
            except KeyError:
                plan = self._plan(w)
            if plan is None:
                continue  # nothing starts with this word: the common case
            entries, after = plan
            if after and i < last and sents[i + 1] == sents[i]:
                paired = after.get(toks[i + 1])
                if paired:
                    entries = entries + paired
            sent = sents[i]
            for slots, group, at_start in entries:
                if at_start and first_tok[sent] != i:
                    continue
                end = _match(slots, 0, i, sent, toks, sents)
                if end > 0:
                    hits.append(Hit(group, sent, i, end, starts[i], ends[end - 1]))
        return hits

    def _plan(self, w: str) -> _Plan | None:
        """The cues that can start at word w: (single-word-indexed entries, next word → entries)."""
        entries = list(self.by_word.get(w, ()))
        entries.extend(e for e in self.by_prefix.get(w[:3], ()) if _prefix_ok(e[0][0], w))
        after: dict[str, list[_Entry]] = {}
        for second, paired in self.by_pair.get(w, {}).items():
            after.setdefault(second, []).extend(paired)
        if w.isdigit():
            entries.extend(self.by_number)
            for second, paired in self.after_number.items():
                after.setdefault(second, []).extend(paired)
        plan = (entries, after) if entries or after else None
        if len(self._plans) > _PLAN_CACHE_MAX:
            self._plans.clear()
        self._plans[w] = plan
        return plan


def _prefix_ok(slot: Slot, w: str) -> bool:
    stem, folded = slot[1]
    return bool(w.startswith(stem) or w.startswith(folded))


def _first_words(slot: Slot) -> set[str] | None:
    """The words a slot can start with, or None when it can start with any word."""
    kind, value = slot
    if kind == WORD:
        return {str(value)}
    if kind == ALT:
        return set(value[0]) | set(value[1])
    return None


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
            if j >= n or sents[j] != sent:
                return -1
            singles, longer = value
            if toks[j] in singles:
                end = _match(slots, k + 1, j + 1, sent, toks, sents)
                if end > 0:
                    return end
            for option in longer.get(toks[j], ()):
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
            stem, folded = value
            if not (w.startswith(stem) or w.startswith(folded)):
                return -1
        elif kind == NUM and not w.isdigit():
            return -1
        k += 1
        j += 1
    return j


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Rubric patterns are case-insensitive. Compiled on first use and kept: a check often never needs
    some of them (a phone number only matters next to a reference)."""
    return regexes.compile(pattern, PATTERN_FLAGS)


def match_patterns(doc: Doc, patterns: list[str], group: int) -> list[Hit]:
    """Regex hits on the visible text, each placed in the sentence (and token range) where it starts."""
    hits: list[Hit] = []
    sent_starts = [s.start for s in doc.sentences]
    text = doc.vis.text
    for pattern in patterns:
        for m in compile_pattern(pattern).finditer(text):
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
