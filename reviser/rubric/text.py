"""Text preparation for the rubric: what a reader sees, split into blocks, sentences and word tokens.

Markdown and simple HTML markup are removed for detection, but every visible position maps back to the
original text, so evidence and findings point into the file the user wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reviser.rubric.regexes import Lazy

# Markup inside lines; the order of the branches matters only where two could start at the same position.
# The leading lookahead lets the regex engine skip plain text quickly. Most plain-text letters have none of
# these characters and never need it. (This module's expressions are compiled on first use, see regexes.py.)
_INLINE_CHARS = "<&[*_`"
_INLINE = Lazy(
    r"""(?=[<&!\[*_`])(?:
      (?P<comment><!--.*?-->)
    | (?P<skip>(?i:<(?P<skiptag>script|style|head|title)\b[^>]*>.*?</(?P=skiptag)\s*>))
    | (?P<li>(?i:<li\b[^>]*>))
    | (?P<hopen>(?i:<h[1-6]\b[^>]*>))
    | (?P<block>(?i:</?(?:p|div|h[1-6]|ul|ol|table|tr|blockquote|section|article|header|footer|html|body
                       |pre|hr|main|nav|address|dl|dt|dd|center)\b[^>]*>))
    | (?P<br>(?i:<br\s*/?>|</li\s*>|</t[dh]\s*>))
    | (?P<inline>(?i:</?(?:a|b|i|u|s|em|strong|span|small|big|font|td|th|tbody|thead|tfoot|meta|link
                        |code|sup|sub|img|abbr|cite|mark|q|del|ins|!doctype)\b[^>]*>))
    | (?P<entity>&(?:\#\d{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)
    | (?P<link>!?\[(?P<linktext>[^\[\]\n]*)\]\((?P<url>[^()\s]*)\))
    | (?P<autolink><(?:https?://|mailto:|[^\s<>@]+@)[^\s<>]*>)
    | (?P<blank>_{3,})
    | (?P<emph>\*+|(?<!\w)_{1,2}(?=\w)|(?<=\w)_{1,2}(?!\w)|`+)
    )""",
    re.S | re.X,
)
# Markup at the start of a line, tried only at line starts.
_LINE_START = Lazy(
    r"""
      (?P<heading>[ \t]{0,3}\#{1,6}[ \t]+)
    | (?P<quote>[ \t]*>[ \t]?)
    | (?P<rule>[ \t]*(?:[-*_=][ \t]*){3,}(?=\r?\n|$))
    | (?P<bullet>[ \t]*(?:[-*+•‣◦▪–]|\d{1,2}[.)])[ \t]+)
    """,
    re.X,
)
_BLOCK_BREAK = "\n\n"

_BLANK_LINES = Lazy(r"\n[ \t\r]*\n")  # also Windows line ends
_NEWLINE = Lazy("\n")
_SENTENCE_END = Lazy(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])")
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st jr sr vs e.g i.e approx no fig dept mt ft".split())
_WORD_BEFORE = Lazy(r"([\w.]+)\.$")
_TOKEN = Lazy(r"[^\W_]+(?:['’][^\W_]+)*")
# The closing line before the writer's name; everything from it on is the signature.
_SIGN_OFF = Lazy(
    r"\s*(?:(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|all\s+the\s+best|my\s+best)?\s*"
    r"(?:regards|wishes|thanks|thank\s+you)|yours(?:\s+(?:sincerely|faithfully|truly))?|sincerely(?:\s+yours)?"
    r"|respectfully(?:\s+yours)?|best|cheers|gratefully|with\s+(?:gratitude|appreciation|thanks)|thanks"
    r"(?:\s+again)?|thank\s+you(?:\s+again)?)\s*[,.!]?\s*$",
    re.I,
)
_HEADING_MAX_WORDS = 8
_CONTACT_DIGITS = Lazy(r"\d[\d ().-]{5,}\d")  # a phone number makes a line content, not a heading
_SOFT_WRAP_MIN = 40  # a line at least this long that ends mid-sentence is a wrapped line, not a break

_CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "cannot": ("can", "not"),
    "let's": ("let", "us"),
    "it's": ("it", "is"),
    "that's": ("that", "is"),
    "there's": ("there", "is"),
    "here's": ("here", "is"),
    "what's": ("what", "is"),
    "he's": ("he", "is"),
    "she's": ("she", "is"),
    "who's": ("who", "is"),
}
_SUFFIX_EXPANSIONS = {"ll": "will", "ve": "have", "re": "are", "d": "would", "m": "am"}
# British spellings fold into American ones on both sides of every comparison.
_SPELLINGS = {
    "isation": "ization", "isations": "izations", "ise": "ize", "ised": "ized", "ises": "izes", "ising": "izing",
    "yse": "yze", "ysed": "yzed", "ysing": "yzing", "our": "or", "ours": "ors", "oured": "ored", "ouring": "oring",
    "ourite": "orite", "ourites": "orites", "ourable": "orable", "programme": "program", "programmes": "programs",
    "centre": "center", "centres": "centers",
}  # fmt: skip
_BRITISH_ENDING = Lazy("(?:" + "|".join(sorted(_SPELLINGS, key=len, reverse=True)) + ")$")
_NOT_BRITISH = frozenset("your yours hour hours four tour tours pour sour flour devour detour".split())
_NORM_CACHE: dict[str, tuple[str, ...]] = {}
_NORM_CACHE_MAX = 50_000

NEGATORS = frozenset(("not", "never", "no", "without", "nor", "hardly", "neither"))


def spelling(word: str) -> str:
    """Fold one lower-case word to the spelling the cue lists use (organise → organize, colour → color)."""
    if len(word) > 5 and word not in _NOT_BRITISH:
        m = _BRITISH_ENDING.get().search(word)
        if m:
            return word[: m.start()] + _SPELLINGS[m.group()]
    return word


def normalize(raw: str) -> tuple[str, ...]:
    """One word as written → the words a cue is compared with (lower case, contractions expanded)."""
    cached = _NORM_CACHE.get(raw)
    if cached is not None:
        return cached
    word = raw.lower().replace("’", "'")
    result: tuple[str, ...]
    if word in _CONTRACTIONS:
        result = _CONTRACTIONS[word]
    elif "'" in word:
        stem, _, suffix = word.rpartition("'")
        if suffix == "t" and stem.endswith("n"):
            result = (spelling(stem[:-1]), "not")
        elif suffix in _SUFFIX_EXPANSIONS:
            result = (stem, _SUFFIX_EXPANSIONS[suffix])
        else:  # possessive 's and anything unusual: the word itself
            result = (spelling(stem),)
    else:
        result = (spelling(word),)
    if len(_NORM_CACHE) > _NORM_CACHE_MAX:
        _NORM_CACHE.clear()
    _NORM_CACHE[raw] = result
    return result


def words(text: str) -> list[str]:
    """The normalized words of a phrase or question."""
    if text.isalpha():  # one plain word, the usual case in cue lists: skip the tokenizer
        return list(_NORM_CACHE.get(text) or normalize(text))
    return [w for raw in _TOKEN.get().findall(text) for w in normalize(raw)]


# --- visible text --------------------------------------------------------------------------------


class Visible:
    """The text a reader sees, with a map from each visible position back to the original text.

    (This module's records are plain classes: dataclasses are slow to define, and `reviser check` defines
    them on every start.)"""

    __slots__ = (
        "text", "original", "seg_vis", "seg_orig", "seg_orig_end", "seg_copied", "list_starts",
        "heading_starts",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        original: str,
        seg_vis: list[int],
        seg_orig: list[int],
        seg_orig_end: list[int],
        seg_copied: list[bool],
        list_starts: set[int],  # visible positions where a list item begins
        heading_starts: set[int],
    ) -> None:
        self.text = text
        self.original = original
        # Segments of the visible text, sorted: visible start, original start, original end, copied.
        # A copied segment maps character by character; a replaced one (a tag turned into a line break,
        # an entity) maps every character to the whole markup it replaces.
        self.seg_vis = seg_vis
        self.seg_orig = seg_orig
        self.seg_orig_end = seg_orig_end
        self.seg_copied = seg_copied
        self.list_starts = list_starts
        self.heading_starts = heading_starts

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the visible span [start, end)."""
        if not self.seg_vis:
            return start, end
        i = bisect_right(self.seg_vis, start) - 1
        o_start = self.seg_orig[i] + (start - self.seg_vis[i]) if self.seg_copied[i] else self.seg_orig[i]
        if end <= start:
            return o_start, o_start
        j = bisect_right(self.seg_vis, end - 1) - 1
        o_end = self.seg_orig[j] + (end - self.seg_vis[j]) if self.seg_copied[j] else self.seg_orig_end[j]
        return o_start, o_end


def visible_text(text: str) -> Visible:
    """Strip Markdown and simple HTML for detection, keeping the way back to the original offsets."""
    # Line-start markup sorts before inline markup at the same offset ("* item" is a bullet, not emphasis).
    edits: list[tuple[int, int, int, str, str]] = []  # original start, order, end, replacement, mark
    pos = 0
    while pos < len(text):
        m = _LINE_START.get().match(text, pos)
        if m and m.end() > pos:
            kind = m.lastgroup
            mark = "list" if kind == "bullet" else "heading" if kind == "heading" else ""
            edits.append((pos, 0, m.end(), "", mark))
        nl = text.find("\n", pos)
        pos = len(text) if nl < 0 else nl + 1
    if any(c in text for c in _INLINE_CHARS):
        edits.extend(_inline_edits(text))
    if not edits:
        return Visible(text, text, [], [], [], [], set(), set())
    edits.sort()
    return _apply(text, [(start, end, rep, mark) for start, _, end, rep, mark in edits])


def _inline_edits(text: str) -> list[tuple[int, int, int, str, str]]:
    edits: list[tuple[int, int, int, str, str]] = []
    for m in _INLINE.get().finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "blank":
            continue  # "____" is a fill-in blank: keep it for the placeholder finding
        if kind == "link":
            # [text](url) reads as "text (url)": both stay visible, only the brackets go.
            edits.append((start, 1, m.start("linktext"), "", ""))
            edits.append((m.end("linktext"), 1, m.start("url"), " (", ""))
        elif kind == "autolink":
            edits.append((start, 1, start + 1, "", ""))
            edits.append((end - 1, 1, end, "", ""))
        elif kind == "entity":
            from html import unescape  # only files with entities pay for the entity table

            edits.append((start, 1, end, unescape(m.group()), ""))
        elif kind in ("block", "hopen"):
            edits.append((start, 1, end, _BLOCK_BREAK, "heading" if kind == "hopen" else ""))
        elif kind == "li":
            edits.append((start, 1, end, "\n", "list"))
        elif kind == "br":
            edits.append((start, 1, end, "\n", ""))
        else:  # comment, skipped element, inline tag, emphasis: simply removed
            edits.append((start, 1, end, "", ""))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str, str]]) -> Visible:
    pieces: list[str] = []
    seg_vis: list[int] = []
    seg_orig: list[int] = []
    seg_orig_end: list[int] = []
    seg_copied: list[bool] = []
    marks: dict[str, set[int]] = {"list": set(), "heading": set()}
    vis = 0
    pos = 0

    def add(orig_start: int, orig_end: int, piece: str, copied: bool) -> None:
        nonlocal vis
        pieces.append(piece)
        seg_vis.append(vis)
        seg_orig.append(orig_start)
        seg_orig_end.append(orig_end)
        seg_copied.append(copied)
        vis += len(piece)

    for start, end, replacement, mark in edits:
        if start < pos:  # overlaps an earlier edit (a link inside a link): the earlier one wins
            continue
        if start > pos:
            add(pos, start, text[pos:start], True)
        if replacement:
            add(start, end, replacement, False)
        if mark:
            marks[mark].add(vis)
        pos = end
    # A closing segment keeps positions at the very end (and after trailing markup) mappable.
    add(pos, len(text), text[pos:], True)
    return Visible("".join(pieces), text, seg_vis, seg_orig, seg_orig_end, seg_copied, marks["list"], marks["heading"])


# --- sentences and tokens ------------------------------------------------------------------------


class Sentence:
    __slots__ = ("start", "end", "block", "kind", "lead", "signature")

    def __init__(self, start: int, end: int, block: int, kind: str) -> None:
        self.start = start  # visible offsets
        self.end = end
        self.block = block  # paragraph number (blocks are separated by blank lines)
        self.kind = kind  # "text" | "list" | "heading"
        self.lead = -1  # the heading or "...:" line this sentence sits under, if any
        self.signature = False  # in the sign-off and signature, after the letter proper


class Doc:
    """A letter prepared for detection."""

    __slots__ = (
        "vis", "sentences", "followers", "tok_norm", "tok_start", "tok_end", "tok_sent", "sent_first_tok",
        "word_count", "line_starts",
    )  # fmt: skip

    def __init__(
        self,
        vis: Visible,
        sentences: list[Sentence],
        followers: list[list[int]],  # sentences whose lead is this sentence
        tok_norm: list[str],
        tok_start: list[int],  # visible offsets of each normalized token
        tok_end: list[int],
        tok_sent: list[int],
        sent_first_tok: list[int],  # index of each sentence's first token
        word_count: int,
        line_starts: list[int],  # original offsets where each line starts
    ) -> None:
        self.vis = vis
        self.sentences = sentences
        self.followers = followers
        self.tok_norm = tok_norm
        self.tok_start = tok_start
        self.tok_end = tok_end
        self.tok_sent = tok_sent
        self.sent_first_tok = sent_first_tok
        self.word_count = word_count
        self.line_starts = line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an original offset."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


def prepare(text: str) -> Doc:
    vis = visible_text(text)
    sentences = _segment(vis)
    _mark_leads(vis.text, sentences)
    _mark_signature(vis.text, sentences)
    followers: list[list[int]] = [[] for _ in sentences]
    for i, sentence in enumerate(sentences):
        if sentence.lead >= 0:
            followers[sentence.lead].append(i)
    matches = list(_TOKEN.get().finditer(vis.text))
    spans = [m.span() for m in matches]
    cache = _NORM_CACHE
    norms = [cache.get(raw) or normalize(raw) for raw in (m.group() for m in matches)]
    starts = [s.start for s in sentences]
    sent_of = [bisect_right(starts, start) - 1 for start, _ in spans]
    if all(len(n) == 1 for n in norms):  # the usual case: no contraction to expand
        tok_norm = [n[0] for n in norms]
        tok_start = [start for start, _ in spans]
        tok_end = [end for _, end in spans]
        tok_sent = sent_of
    else:
        tok_norm, tok_start, tok_end, tok_sent = [], [], [], []
        for norm, (start, end), si in zip(norms, spans, sent_of, strict=True):
            for w in norm:
                tok_norm.append(w)
                tok_start.append(start)
                tok_end.append(end)
                tok_sent.append(si)
    sent_first_tok = [bisect_right(tok_sent, i - 1) for i in range(len(sentences))]
    line_starts = [0]
    line_starts.extend(m.end() for m in _NEWLINE.get().finditer(text))
    return Doc(
        vis,
        sentences,
        followers,
        tok_norm,
        tok_start,
        tok_end,
        tok_sent,
        sent_first_tok,
        len(spans),
        line_starts,
    )


def _segment(vis: Visible) -> list[Sentence]:
    """Blocks (blank-line separated) → runs of lines read together → sentences."""
    text = vis.text
    sentences: list[Sentence] = []
    block_starts = [0]
    block_starts.extend(m.end() for m in _BLANK_LINES.get().finditer(text))
    block_ends = [m.start() for m in _BLANK_LINES.get().finditer(text)] + [len(text)]
    block_no = 0
    for b_start, b_end in zip(block_starts, block_ends, strict=True):
        lines = _lines(vis, b_start, b_end)
        if not lines:
            continue
        runs = _runs(text, lines)
        lone_line = len(lines) == 1
        for r_start, r_end, kind in runs:
            if kind == "text" and lone_line and _looks_like_heading(text[r_start:r_end]):
                kind = "heading"
            for s_start, s_end in _split_sentences(text, r_start, r_end):
                sentences.append(Sentence(s_start, s_end, block_no, kind))
        block_no += 1
    return sentences


def _lines(vis: Visible, start: int, end: int) -> list[tuple[int, int, str]]:
    """(content start, content end, kind) of the non-empty lines in a block."""
    text = vis.text
    out: list[tuple[int, int, str]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        c_start, c_end = pos, line_end
        while c_start < c_end and text[c_start].isspace():
            c_start += 1
        while c_end > c_start and text[c_end - 1].isspace():
            c_end -= 1
        if c_start < c_end:
            kind = "text"
            if vis.list_starts and any(p in vis.list_starts for p in range(pos, c_start + 1)):
                kind = "list"
            elif vis.heading_starts and any(p in vis.heading_starts for p in range(pos, c_start + 1)):
                kind = "heading"
            out.append((c_start, c_end, kind))
        pos = line_end + 1
    return out


def _runs(text: str, lines: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join wrapped lines; a list item, a heading, or a short or finished line starts a new run."""
    runs: list[tuple[int, int, str]] = []
    for start, end, kind in lines:
        if runs and kind == "text":
            r_start, r_end, r_kind = runs[-1]
            prev = text[r_start:r_end]
            last_line = prev[prev.rfind("\n") + 1 :]
            if r_kind != "heading" and len(last_line) >= _SOFT_WRAP_MIN and last_line[-1] not in ".!?:;":
                runs[-1] = (r_start, end, r_kind)
                continue
        runs.append((start, end, kind))
    return runs


def _looks_like_heading(line: str) -> bool:
    """A short standalone line without end punctuation; not a sign-off or a contact line."""
    return (
        len(line.split()) <= _HEADING_MAX_WORDS
        and line[-1] not in ".,;:!?"
        and ":" not in line
        and "@" not in line
        and not _CONTACT_DIGITS.get().search(line)
        and not _SIGN_OFF.get().match(line)
    )


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.get().finditer(text, start, end):
        before = _WORD_BEFORE.get().search(text, max(pos, m.start() - 12), m.start())
        if before and before.group(1).lower() in _ABBREVIATIONS:
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _mark_leads(text: str, sentences: list[Sentence]) -> None:
    """A heading leads every sentence up to the next heading. A line ending in ':' leads the rest of its
    block, or, when it ends its block ("Here they are:"), the whole next block."""
    heading = -1
    colon = -1
    colon_block = -1
    for i, sentence in enumerate(sentences):
        if sentence.kind == "heading":
            heading, colon = i, -1
            continue
        if colon >= 0 and sentence.block == colon_block:
            sentence.lead = colon
        else:
            colon = -1
            sentence.lead = heading
        if text[sentence.end - 1] == ":":
            ends_block = i + 1 == len(sentences) or sentences[i + 1].block != sentence.block
            colon, colon_block = i, sentence.block + 1 if ends_block else sentence.block


def _mark_signature(text: str, sentences: list[Sentence]) -> None:
    """Everything from the last sign-off line ("Best regards,") on, if that is in the letter's second half."""
    for i in range(len(sentences) - 1, -1, -1):
        sentence = sentences[i]
        if sentence.start < len(text) // 2:
            return
        if _SIGN_OFF.get().match(text, sentence.start, sentence.end):
            for later in sentences[i:]:
                later.signature = True
            return
