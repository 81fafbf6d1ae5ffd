"""Checking one letter against a compiled rubric: elements, evidence and the extra findings.

The results are plain records so that `reviser check` can print them without importing pydantic;
`check_text` turns them into the `FileReport` model everybody else uses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviser.rubric.loader import Element, Rubric, Rule
from reviser.rubric.matcher import Hit, compile_pattern, match_patterns
from reviser.rubric.text import NEGATORS, Doc, prepare, words

if TYPE_CHECKING:
    from reviser.models import FileReport

NEGATION_WINDOW = 3  # words before a cue that can negate it ("I won't apologise", "not really sorry")
SNIPPET = 60


# Plain classes rather than dataclasses, like the rubric's records: they are defined on every start.


class Span:
    __slots__ = ("start", "end", "line", "column", "text")

    def __init__(self, start: int, end: int, line: int, column: int, text: str) -> None:
        self.start = start  # original offsets
        self.end = end
        self.line = line
        self.column = column
        self.text = text


class ElementOutcome:
    __slots__ = ("id", "title", "status", "severity", "message", "evidence", "anchors")

    def __init__(
        self,
        id: str,
        title: str,
        status: str,  # "present" | "weak" | "missing"
        severity: str,
        message: str,
        evidence: list[Span] | None = None,
        anchors: int = 0,  # sentences that triggered it (the over-apology count)
    ) -> None:
        self.id = id
        self.title = title
        self.status = status
        self.severity = severity
        self.message = message
        self.evidence = [] if evidence is None else evidence
        self.anchors = anchors


class FindingOutcome:
    __slots__ = ("rule", "severity", "message", "start", "end", "line", "column")

    def __init__(
        self, rule: str, severity: str, message: str, start: int, end: int, line: int, column: int
    ) -> None:
        self.rule = rule
        self.severity = severity
        self.message = message
        self.start = start
        self.end = end
        self.line = line
        self.column = column


class Outcome:
    __slots__ = ("path", "passed", "elements", "findings", "words", "encoding")

    def __init__(
        self,
        path: str,
        passed: bool,
        elements: list[ElementOutcome],
        findings: list[FindingOutcome],
        words: int,
        encoding: str | None = None,
    ) -> None:
        self.path = path
        self.passed = passed
        self.elements = elements
        self.findings = findings
        self.words = words
        self.encoding = encoding


def check_text(
    text: str,
    rubric: Rubric,
    path: str = "<text>",
    questions: Sequence[str] | None = None,
    strict: bool = False,
) -> FileReport:
    """Check one letter; pure and offline. `passed` is False when a required element is missing or an
    error finding exists; with strict, weak elements and warnings fail too."""
    return to_report(analyse(text, rubric, path=path, questions=questions, strict=strict))


def analyse(
    text: str,
    rubric: Rubric,
    path: str = "<text>",
    questions: Sequence[str] | None = None,
    strict: bool = False,
    encoding: str | None = None,
) -> Outcome:
    """What check_text checks, as plain records: `reviser check` prints these without building models."""
    doc = prepare(text)
    checker = _Checker(doc, rubric)
    elements = [checker.element(e) for e in rubric.elements if e.severity != "off"]
    findings = _findings(doc, rubric, elements, questions)
    failing = ("error", "warning") if strict else ("error",)
    passed = not any(
        (e.status == "missing" or (strict and e.status == "weak")) and e.severity in failing for e in elements
    ) and not any(f.severity in failing for f in findings)
    return Outcome(path, passed, elements, findings, doc.word_count, encoding)


def to_report(outcome: Outcome) -> FileReport:
    from reviser.models import FileReport

    return FileReport.model_validate(
        {
            "path": outcome.path,
            "passed": outcome.passed,
            "encoding": outcome.encoding,
            "elements": [
                _fields(e) | {"evidence": [_fields(s) for s in e.evidence]} for e in outcome.elements
            ],
            "findings": [_fields(f) for f in outcome.findings],
        }
    )


def _fields(record: Span | ElementOutcome | FindingOutcome) -> dict[str, object]:
    """A record as the report model's fields (`anchors` is internal)."""
    return {name: getattr(record, name) for name in record.__slots__ if name != "anchors"}


class _Checker:
    def __init__(self, doc: Doc, rubric: Rubric) -> None:
        self.doc = doc
        self.rubric = rubric
        # Cue phrases are matched in one pass; a group's patterns run only when a rule asks for the group.
        self.by_group: dict[int, list[Hit]] = {}
        for hit in rubric.phrases.match(doc):
            self.by_group.setdefault(hit.group, []).append(hit)
        self.done: set[int] = set()
        self.signal_cache: dict[int, dict[int, list[Hit]]] = {}

    def hits(self, group: int) -> list[Hit]:
        if group not in self.done:
            self.done.add(group)
            patterns = self.rubric.patterns.get(group)
            if patterns:
                self.by_group.setdefault(group, []).extend(match_patterns(self.doc, patterns, group))
        return self.by_group.get(group, [])

    def element(self, element: Element) -> ElementOutcome:
        excluded = self.hits(element.exclude_group) if element.exclude_group >= 0 else []
        for level in ("present", "weak"):
            for rule in element.rules:
                if rule.level != level:
                    continue
                found = self.rule(rule, excluded)
                if found:
                    anchors, support = found
                    evidence = [self.span(s) for s in dict.fromkeys(anchors + support)]
                    message = "found" if level == "present" else element.weak_suggestion
                    return ElementOutcome(
                        element.id, element.title, level, element.severity, message, evidence, len(anchors)
                    )
        return ElementOutcome(element.id, element.title, "missing", element.severity, element.suggestion)

    def rule(self, rule: Rule, excluded: list[Hit]) -> tuple[list[int], list[int]] | None:
        """(anchor sentences, supporting sentences) when the rule fires, else None."""
        doc = self.doc
        anchors: list[int] = []
        support: list[int] = []
        vetoed = {h.sentence for h in self.hits(rule.unless)} if rule.unless >= 0 else set()
        for hit in self.hits(rule.group):
            sentence = doc.sentences[hit.sentence]
            if sentence.signature or hit.sentence in anchors or hit.sentence in vetoed:
                continue
            if rule.negation and self.negated(hit):
                continue
            if any(
                x.sentence == hit.sentence and hit.first_tok < x.end_tok and x.first_tok < hit.end_tok for x in excluded
            ):
                continue
            found = self.requirements(rule, hit)
            if found is None:
                continue
            anchors.append(hit.sentence)
            support.extend(found)
        if len(anchors) < rule.min_sentences:
            return None
        return anchors, support

    def negated(self, hit: Hit) -> bool:
        doc = self.doc
        first = max(doc.sent_first_tok[hit.sentence], hit.first_tok - NEGATION_WINDOW)
        return any(doc.tok_norm[i] in NEGATORS for i in range(first, hit.first_tok))

    def requirements(self, rule: Rule, anchor: Hit) -> list[int] | None:
        """Sentences holding one signal of every `requires` entry in the rule's scope (None if one is absent).
        A signal inside the anchor itself does not count: "you need" is not both anchor and problem."""
        if not rule.requires:
            return []
        scope = self.scope(anchor.sentence, rule.scope)
        found: list[int] = []
        for options in rule.requires:
            where = self.where(options, scope, anchor)
            if where < 0:
                return None
            found.append(where)
        return found

    def where(self, options: tuple[int, ...], scope: list[int], anchor: Hit) -> int:
        for group in options:
            per_sentence = self.signal_hits(group)
            for s in scope:
                for hit in per_sentence.get(s, ()):
                    inside = (
                        s == anchor.sentence and anchor.first_tok <= hit.first_tok and hit.end_tok <= anchor.end_tok
                    )
                    if not inside:
                        return s
        return -1

    def signal_hits(self, group: int) -> dict[int, list[Hit]]:
        cached = self.signal_cache.get(group)
        if cached is None:
            cached = {}
            for hit in self.hits(group):
                if not self.doc.sentences[hit.sentence].signature:
                    cached.setdefault(hit.sentence, []).append(hit)
            self.signal_cache[group] = cached
        return cached

    def scope(self, s: int, kind: str) -> list[int]:
        """The anchor sentence first, then its lead-in and the items it leads (and for "paragraph", the
        rest of its paragraph with theirs)."""
        doc = self.doc
        sentences = doc.sentences
        core = [s]
        if kind == "paragraph":
            core += [i for i, x in enumerate(sentences) if x.block == sentences[s].block and i != s]
        out = list(core)
        for i in core:
            if sentences[i].lead >= 0:
                out.append(sentences[i].lead)
            out.extend(doc.followers[i])
        return list(dict.fromkeys(out))

    def span(self, s: int) -> Span:
        sentence = self.doc.sentences[s]
        return make_span(self.doc, *self.doc.vis.span(sentence.start, sentence.end))


def make_span(doc: Doc, start: int, end: int) -> Span:
    line, column = doc.position(start)
    return Span(start, end, line, column, doc.vis.original[start:end])


# --- extra findings ------------------------------------------------------------------------------


def _findings(
    doc: Doc, rubric: Rubric, elements: list[ElementOutcome], questions: Sequence[str] | None
) -> list[FindingOutcome]:
    settings = rubric.findings
    found: list[FindingOutcome] = []
    if settings.placeholder_severity != "off":
        found.extend(_placeholders(doc, rubric))
    apology = next((e for e in elements if e.id == settings.over_apology_element), None)
    if settings.over_apology_severity != "off" and apology and apology.anchors >= settings.over_apology_min:
        first = apology.evidence[0]
        lines = ", ".join(str(s.line) for s in apology.evidence)
        found.append(
            FindingOutcome(
                "over-apology",
                settings.over_apology_severity,
                f"{apology.anchors} sentences apologise or dwell on the interview (lines {lines}); "
                "one or two short sentences are enough, then move on to what you can do",
                first.start,
                first.end,
                first.line,
                first.column,
            )
        )
    if settings.length_severity != "off":
        found.extend(_length(doc, rubric))
    if questions and settings.unanswered_severity != "off":
        for question in unanswered(doc, questions, settings.min_overlap):
            found.append(
                FindingOutcome(
                    "unanswered-question",
                    settings.unanswered_severity,
                    "the letter does not answer this interview question again: "
                    f'"{_clip(question)}"; answer it with a concrete example',
                    0,
                    0,
                    1,
                    1,
                )
            )
    found.sort(key=lambda f: (f.start, f.rule))
    return found


def _placeholders(doc: Doc, rubric: Rubric) -> list[FindingOutcome]:
    out: list[FindingOutcome] = []
    taken: list[tuple[int, int]] = []
    for kind in rubric.findings.placeholders:
        for m in compile_pattern(kind.pattern).finditer(doc.vis.text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue  # one finding per blank, from the first pattern that matches it
            taken.append(m.span())
            span = make_span(doc, *doc.vis.span(*m.span()))
            out.append(
                FindingOutcome(
                    "placeholder",
                    rubric.findings.placeholder_severity,
                    f'unfilled placeholder "{_clip(m.group())}" ({kind.label}): replace it with real text',
                    span.start,
                    span.end,
                    span.line,
                    span.column,
                )
            )
    return out


def _length(doc: Doc, rubric: Rubric) -> list[FindingOutcome]:
    settings = rubric.findings
    count = doc.word_count
    end = len(doc.vis.original)
    if count < settings.min_words:
        message = f"{count} words is too short to cover the letter's parts; aim for at least {settings.min_words}"
        return [FindingOutcome("length", settings.length_severity, message, 0, end, 1, 1)]
    if count > settings.max_words:
        message = (
            f"{count} words is too long for an e-mail; cut it to at most {settings.max_words} "
            "(the position is where the limit is passed)"
        )
        start = _word_start(doc, settings.max_words)
        line, column = doc.position(start)
        return [FindingOutcome("length", settings.length_severity, message, start, end, line, column)]
    return []


def _word_start(doc: Doc, n: int) -> int:
    """Original offset of the (n+1)-th word as written (contractions count once)."""
    seen = -1
    count = 0
    for start in doc.tok_start:
        if start != seen:
            seen = start
            count += 1
            if count > n:
                return doc.vis.span(start, start + 1)[0]
    return 0


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


# --- question coverage ---------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    tell describe walk give example time times explain share talk something someone thing things way ways
    think like make sure want know get got go going well really also us let please might must may shall
    one ever many much every first last kind sort lot""".split()
)


def stem(word: str) -> str:
    """A light suffix stripper, enough to match "automated" with "automating" and "reports" with "report"."""
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_words(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in _STOPWORDS and (len(w) > 2 or w.isdigit())}


def unanswered(doc: Doc, questions: Sequence[str], min_overlap: float) -> list[str]:
    """Questions for which no paragraph holds enough of the question's content words together."""
    paragraphs: dict[int, set[str]] = {}
    for i, w in enumerate(doc.tok_norm):
        sentence = doc.sentences[doc.tok_sent[i]]
        if not sentence.signature and w not in _STOPWORDS:
            paragraphs.setdefault(sentence.block, set()).add(stem(w))
    missing: list[str] = []
    for question in questions:
        wanted = content_words(question)
        if not wanted:
            continue
        need = max(min(2, len(wanted)), math.ceil(min_overlap * len(wanted)))
        if not any(len(wanted & found) >= need for found in paragraphs.values()):
            missing.append(question)
    return missing
