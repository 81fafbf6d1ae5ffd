"""Tracing every hard fact in a draft back to the user's inputs (grounding by provenance).

A "claim" is anything a reader would take as a fact about the candidate or the employer: an e-mail address,
phone number, URL, number (money, percentage, count, year; in digits or in words), date word, proper name
(person, company, product, place, degree) or attachment file name. A claim is grounded when it traces to a span
of the notes or questions the user typed: `trace` returns that span, or None.

What is a name is decided by data, not by position: a capitalised word in mid-sentence is a name; at the start
of a sentence (or in a title-case line) it is one unless the dictionary knows it as an ordinary lower-case word
(`reviser.lexicon`). A name of several words ("Harbor Freight Co") must appear as a whole in the inputs, so two
real names cannot be spliced into an invented one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reviser.lexicon import MULTIPLIERS, PERCENT_AFTER, VAGUE, common, lemmas, number_word_spans, word_class
from reviser.patterns import EMAIL, FILE_NAME, URL, phone_keys, phone_spans

TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?\b|\b\d{1,2}\s?[ap]\.?m\b\.?", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])([$£€]?)(\d[\d,]*(?:\.\d+)?)(?:\s?(%|k|m|bn|K|M|B)\b|(%))?")
SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9}
DATE_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
# The plan's own structure ("my first 30 days", "a 60-day plan", "days 31-60") is not a claim about the candidate.
PLAN_NUMBERS = {1, 30, 31, 60, 61, 90}
PLAN_AFTER = re.compile(r"^(?:\s*(?:and|to|or|[-–/])\s*\d+)*\s*-?\s*days?\b", re.IGNORECASE)  # "30 and 60 days"
PLAN_BEFORE = re.compile(r"\bdays?\s+(?:\d+\s*(?:[-–]|to|and)\s*)?$", re.IGNORECASE)  # "day 60", "days 31-60"
# Titles are part of how a name is written, not part of the name.
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof"}
PRONOUN_I = re.compile(r"^I(?:['’](?:m|ve|d|ll))?$")
# After an ambiguous sentence-initial word ("Will", "May", "Mark"), these say it is a verb, not a name.
FUNCTION_AFTER = {"i", "you", "we", "they", "he", "she", "it", "the", "a", "an", "this", "that", "these", "those",
                  "there", "my", "your", "our", "their", "me", "us", "not", "be"}  # fmt: skip
PLACEHOLDER = re.compile(r"\[ADD [^\]]*\]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]|[A-Za-z]")
# Abbreviated titles do not end a sentence ("Dr. Helena Marsh").
NOT_AN_END = r"(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bProf\.)"
# A colon or semicolon starts a new clause too, and so does the end of one of reviser's placeholders.
SENTENCE_END = re.compile(NOT_AN_END + r"(?<=[.!?:;\]])\s+|\n+|\s+[–—]\s+")
FULL_SENTENCE_END = re.compile(NOT_AN_END + r"(?<=[.!?])\s+|\n+")
LEAD = " -*•\t\"'(“‘[>#"


@dataclass(frozen=True)
class Claim:
    kind: str  # "email" | "phone" | "url" | "number" | "date" | "name" | "file"
    value: str
    start: int
    end: int
    amount: float | None = None  # numbers: the value stated, scaled ("$1.2M" -> 1200000)


@dataclass(frozen=True)
class Span:
    """Where in the user's inputs a claim comes from (offsets into `Sources.text`)."""

    start: int
    end: int


def _amount(match: re.Match[str]) -> float:
    value = float(match.group(2).replace(",", "") or 0)
    scale = (match.group(3) or "").lower()
    return value * SCALE.get(scale, 1)


def _is_percent(match: re.Match[str], text: str) -> bool:
    return "%" in (match.group(3) or "", match.group(4) or "") or bool(PERCENT_AFTER.match(text[match.end() :][:9]))


def _norm(token: str) -> str:
    token = token.lower().replace("’", "'")
    return re.sub(r"'s?$", "", token)


def _same_word(a: str, b: str) -> bool:
    """Inflected forms of one word: 'thursday'/'thursdays', 'team'/'team's', 'nurse'/'nurses'."""
    return a == b or bool(set(lemmas(a)) & set(lemmas(b)) - {""} and min(len(a), len(b)) > 3 and a[:3] == b[:3])


@dataclass
class _List:
    """A list written in the notes: a run of bullet lines or an inline 'a, b and c'."""

    count: int
    context: set[str]  # content words of the lead-in (heading or the words before the list)
    items: list[set[str]]
    span: Span


@dataclass
class Sources:
    """The user's inputs, indexed for tracing claims to spans."""

    texts: tuple[str, ...]
    text: str = ""
    lower: str = ""
    tokens: list[tuple[str, int, int]] = field(default_factory=list)
    numbers: dict[float, Span] = field(default_factory=dict)
    occurrences: dict[float, list[Span]] = field(default_factory=dict)
    phones: dict[str, Span] = field(default_factory=dict)
    lists: list[_List] = field(default_factory=list)
    percents: set[float] = field(default_factory=set)  # amounts the inputs give as percentages
    money: set[float] = field(default_factory=set)  # amounts the inputs give with a currency sign

    def __init__(self, *texts: str) -> None:
        self.texts = texts
        self.text = "\n".join(texts)
        self.lower = self.text.lower()
        self.tokens = [(_norm(m.group(0)), m.start(), m.end()) for m in WORD.finditer(self.text)]
        self.by_first: dict[str, list[int]] = {}
        for index, (token, _, _) in enumerate(self.tokens):
            for form in lemmas(token):
                self.by_first.setdefault(form, []).append(index)
        self.numbers = {}
        self.occurrences = {}
        self.percents, self.money = set(), set()
        times = [m.span() for m in TIME.finditer(self.text)]  # "[00:12:30]" grounds no count of twelve
        for match in NUMBER.finditer(self.text):
            if any(s <= match.start() < e for s, e in times):
                continue
            amount, raw = _amount(match), float(match.group(2).replace(",", "") or 0)
            if _is_percent(match, self.text):
                self.percents.add(amount)
            if match.group(1):
                self.money.update({amount, raw})
            self.numbers.setdefault(amount, Span(*match.span()))
            self.occurrences.setdefault(amount, []).append(Span(*match.span()))
            self.numbers.setdefault(raw, Span(*match.span()))  # "120k" also grounds "120k" written as "120"
        for start, end, value in number_word_spans(self.text):
            if PERCENT_AFTER.match(self.text[end : end + 9]):
                self.percents.add(value)
            self.numbers.setdefault(value, Span(start, end))
            self.occurrences.setdefault(value, []).append(Span(start, end))
        for match in re.finditer(r"\b(?:" + "|".join(MULTIPLIERS) + r")\b", self.text, re.IGNORECASE):
            self.numbers.setdefault(MULTIPLIERS[match.group(0).lower()], Span(*match.span()))
            self.occurrences.setdefault(MULTIPLIERS[match.group(0).lower()], []).append(Span(*match.span()))
        self.phones = {}
        for start, end in phone_spans(self.text):
            for key in phone_keys(self.text[start:end]):
                self.phones.setdefault(key, Span(start, end))
        self.lists = _lists(self.text)

    def find_phrase(self, words: list[str]) -> Span | None:
        """The first place where these words stand together, in this order (inflections allowed)."""
        if not words:
            return None
        first = _norm(words[0])
        candidates = sorted({i for form in lemmas(first) for i in self.by_first.get(form, [])})
        for index in candidates:
            window = self.tokens[index : index + len(words)]
            pairs = zip(words, window, strict=True) if len(window) == len(words) else None
            if pairs and all(_same_word(_norm(w), t) for w, (t, _, _) in pairs):
                return Span(window[0][1], window[-1][2])
        return None

    def has_word(self, word: str) -> bool:
        return self.find_phrase([word]) is not None


def _content(text: str) -> set[str]:
    from reviser.rubric.engine import content_words

    return content_words(text)


BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _lists(text: str) -> list[_List]:
    """Lists in the notes, so that a count word ("three changes") can be traced to what it counts."""
    found: list[_List] = []
    lines = text.splitlines(keepends=True)
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    run: list[int] = []
    for index in range(len(lines) + 1):
        if index < len(lines) and BULLET.match(lines[index]):
            run.append(index)
            continue
        if len(run) >= 2:
            lead = lines[run[0] - 1] if run[0] > 0 else ""
            items = [_content(lines[i]) for i in run]
            end = offsets[run[-1]] + len(lines[run[-1]])
            found.append(_List(len(run), _content(lead), items, Span(offsets[run[0]], end)))
        run = []
    for sentence in re.finditer(r"[^.!?\n]+", text):
        piece = sentence.group(0)
        match = re.search(r"(?:^|[:,;]|\bby\b|\bwith\b)\s*([^:,;]+(?:,\s*[^:,;]+)*,?\s+(?:and|or)\s+[^,;:]+)$", piece)
        if not match:
            continue
        body = match.group(1)
        pieces = [i for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", body) if i.strip()]
        if len(pieces) >= 2:
            context = _content(piece[: match.start(1)])
            found.append(_List(len(pieces), context, [_content(i) for i in pieces],
                               Span(sentence.start(), sentence.end())))  # fmt: skip
    return found


def claims(text: str) -> list[Claim]:
    """Every checkable fact in text, with its span."""
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, amount: float | None = None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Claim(kind, text[start:end], start, end, amount))

    for match in PLACEHOLDER.finditer(text):  # reviser's own visible blanks are not claims
        taken.append(match.span())
    for pattern, kind in ((EMAIL, "email"), (URL, "url"), (FILE_NAME, "file"), (TIME, "time")):
        for match in pattern.finditer(text):
            add(kind, *match.span())
    for start, end in phone_spans(text):
        add("phone", start, end)
    for match in NUMBER.finditer(text):
        amount = _amount(match)
        if amount in PLAN_NUMBERS and (
            PLAN_AFTER.match(text[match.end() : match.end() + 16])
            or PLAN_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
        ):
            continue
        add("number", *match.span(), amount)
    for start, end, value in number_word_spans(text):
        if value == 1 and not re.search(r"\b(?:hundred|thousand|million|billion|dozen)\b", text[start:end], re.I):
            continue  # "one of them", "a" : not an amount
        percent = PERCENT_AFTER.match(text[end : end + 9])
        end += len(percent.group(0)) if percent else 0
        add("number", start, end, value)
    for sentence_start, sentence in _sentences(text):
        _words_in(text, sentence_start, sentence, add)
    return sorted(found, key=lambda c: c.start)


def _title_case(sentence: str) -> bool:
    """A heading or subject line in Title Case: capitals there say nothing about names."""
    words = [w for w in WORD.findall(sentence)[1:] if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


def _words_in(text: str, offset: int, sentence: str, add: Callable[..., None]) -> None:
    matches = list(WORD.finditer(sentence))
    title = _title_case(sentence)
    run: list[re.Match[str]] = []

    def flush() -> None:
        if run:
            add("name", offset + run[0].start(), offset + run[-1].end())
            run.clear()

    for index, match in enumerate(matches):
        word = match.group(0)
        lower = word.lower()
        start = offset + match.start()
        if lower in MULTIPLIERS or lower in VAGUE:
            flush()
            add("number", start, start + len(word), MULTIPLIERS.get(lower))
            continue
        if lower in DATE_WORDS and word[0].isupper() and not (lower in {"may", "march"} and index == 0):
            flush()
            add("date", start, start + len(word))
            continue
        following = matches[index + 1].group(0) if index + 1 < len(matches) else ""
        # A name continues across "St." and "&" only when the next word is part of it too.
        if _is_name(word, first=index == 0, title=title, following=following):
            if run and sentence[run[-1].end() : match.start()].strip() not in {"", "&", "."}:
                flush()
            run.append(match)
        else:
            flush()
    flush()


def _is_name(word: str, *, first: bool, title: bool, following: str) -> bool:
    if len(word) == 1 or PRONOUN_I.match(word) or not (word[0].isupper() or any(c.isupper() for c in word[1:])):
        return False
    if word.lower() in HONORIFICS:
        return False
    if any(ch.isupper() for ch in word[1:]):  # SQL, PhD, McKinsey, iPhone: always a name
        return True
    if not (first or title):
        return True  # capitalised in mid-sentence: the writer says it is a name
    kind = word_class(word)
    if kind == "ordinary":
        return False
    if kind == "both":  # "For example", "Will you ...", "May I ..." vs "Mark and I ..."
        return not (following.lower() in FUNCTION_AFTER or common(word))
    return True


def _sentences(text: str) -> list[tuple[int, str]]:
    result = []
    position = 0
    for piece in SENTENCE_END.split(text):
        start = text.find(piece, position)
        if piece.strip():
            lead = len(piece) - len(piece.lstrip(LEAD))
            result.append((start + lead, piece[lead:]))
        position = start + len(piece)
    return result


def trace(claim: Claim, sources: Sources, context: str = "") -> Span | None:
    """The span of the inputs this claim comes from, or None when it comes from nowhere.

    `context` is the sentence the claim stands in, used for count words ("three changes: ...")."""
    value = claim.value
    if claim.kind in {"email", "url", "file", "time"}:
        index = sources.lower.find(value.lower())
        return Span(index, index + len(value)) if index >= 0 else None
    if claim.kind == "phone":
        return next((sources.phones[k] for k in sorted(phone_keys(value)) if k in sources.phones), None)
    if claim.kind == "number":
        if claim.amount is None:  # "hundreds", "doubled": only when the notes say so themselves
            return sources.find_phrase([value])
        # "37%" is not the notes' "37 schools", nor "£37" their "37 stores": a percentage or a sum of money
        # must be one in the inputs too
        at = context.find(value) if context else -1
        said = context[at + len(value) : at + len(value) + 9] if at >= 0 else ""
        percent = bool(re.search(r"%|per\s?cent|percent", value, re.IGNORECASE) or PERCENT_AFTER.match(said))
        if percent and claim.amount not in sources.percents:
            return None
        if re.match(r"[$£€]", value) and claim.amount not in sources.money:
            return None
        span = sources.numbers.get(claim.amount)
        if span is not None and claim.amount <= SMALL_COUNT and context:
            span = _same_context(claim, sources, context)
        return span or _count(claim, sources, context)
    words = [w for w in WORD.findall(value) if w.lower() not in HONORIFICS]
    return sources.find_phrase(words)


SMALL_COUNT = 20  # small numbers recur by chance ("kept 12 of them"), so they must count the same thing


def _window(text: str, start: int, end: int, size: int = 6) -> set[str]:
    before = re.findall(r"[A-Za-z]\w*", text[max(0, start - 80) : start])[-size:]
    after = re.findall(r"[A-Za-z]\w*", text[end : end + 80])[:size]
    return _content(" ".join(before + after))


def _same_context(claim: Claim, sources: Sources, context: str) -> Span | None:
    """The notes' span of a small number used about the same thing: a content word shared within six words
    either side ('two nurses short' = 'short by two nurses'; 'twelve analysts' is not 'kept 12 of them')."""
    at = context.find(claim.value)
    near = _window(context, at, at + len(claim.value)) if at >= 0 else set()
    spans = sources.occurrences.get(claim.amount or 0, [])
    if not near:
        return spans[0] if spans else None
    # or the words right before it are the notes' own ("you want it under 3" from "they want it under 3")
    lead = _lead(context, at) if at >= 0 else None
    return next((s for s in spans if near & _window(sources.text, s.start, s.end)
                 or lead and lead == _lead(sources.text, s.start)), None)  # fmt: skip


def _lead(text: str, at: int) -> tuple[str, ...] | None:
    words = re.findall(r"[A-Za-z']+", text[max(0, at - 40) : at].lower())[-3:]
    # the letter says to the reader what the notes said of them: "you want under 4" is "they want under 4"
    words = ["you" if w in _THEY else w for w in words]
    return tuple(words) if len(words) == 3 else None


_THEY = frozenset("they them their you your they're you're theyre youre".split())


def _count(claim: Claim, sources: Sources, context: str) -> Span | None:
    """A small count is grounded when it counts a list the notes give ("three changes" for three listed)."""
    if claim.amount is None or not 2 <= claim.amount <= 12 or claim.amount != int(claim.amount):
        return None
    after = context[context.find(claim.value) + len(claim.value) :] if claim.value in context else ""
    noun = _content(" ".join(after.split()[:3]))
    listed = _content(after)
    for item in sources.lists:
        if item.count != claim.amount:
            continue
        if noun & item.context:
            return item.span
        if sum(bool(words & listed) for words in item.items) >= min(int(claim.amount), 2):
            return item.span
    return None


def is_grounded(claim: Claim, sources: Sources, context: str = "") -> bool:
    return trace(claim, sources, context) is not None


def ungrounded(text: str, sources: Sources) -> list[Claim]:
    bad = []
    for claim in claims(text):
        if not is_grounded(claim, sources, _sentence_of(text, claim)):
            bad.append(claim)
    return bad


def _sentence_of(text: str, claim: Claim) -> str:
    start = max(text.rfind(".", 0, claim.start), text.rfind("\n", 0, claim.start)) + 1
    ends = [i for i in (text.find(". ", claim.end), text.find("\n", claim.end)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def drop_ungrounded_sentences(text: str, sources: Sources) -> tuple[str, list[Claim]]:
    """Remove every sentence that carries an ungrounded claim; return the rest and what was dropped."""
    kept: list[str] = []
    dropped: list[Claim] = []
    for sentence in full_sentences(text):
        bad = ungrounded(sentence, sources)
        if bad:
            dropped.extend(bad)
        else:
            kept.append(sentence.strip())
    return " ".join(kept), dropped


def full_sentences(text: str) -> list[str]:
    """Sentences as a reader sees them (a colon does not end one), for dropping whole sentences."""
    return [s for s in FULL_SENTENCE_END.split(text) if s.strip()]
