"""Measure the notes reader against the labelled notes corpus in fixtures/notes/ (labels.toml, see FORMAT.md).

    python scripts/eval_notes.py [--notes-dir fixtures/notes] [--json] [--verbose]

Prints precision / recall / F1 per field: interviewer, candidate, role, company, references, attachments,
attachment descriptions, questions, fact kinds (micro and per kind) and fact spans (kind ignored), and how many
of the people who must not be greeted (`others`) were returned as interviewers (each one is also a false
positive for interviewer). `--verbose` adds a per-case table of misses.

The reader is `reviser.notes.read_notes(text) -> reviser.models.Facts`. Questions come from
`reviser.questions.extract_questions`, called on the questions file or, when a case has none, on the notes, and
are kept as the draft keeps them (`answerable`).

Matching rules:
- Names: compared after dropping honorifics (Mr, Ms, Mrs, Miss, Mx, Dr, Prof), accents, case and punctuation.
- Role / company: the same normalisation, plus "&" = "and", a leading "the" and any bracketed part dropped,
  and a trailing "job"/"role"/"position"/"post" dropped ("UX Designer (Checkout)" = "ux designer").
- References: one-to-one by name; a pair counts only when every contact detail in the truth matches the
  prediction (e-mail case-insensitively, phone by digits, ignoring a leading 0 or country code).
- Attachments: file name exact, case-insensitive, one-to-one. A description counts for a matched file when its
  tokens overlap the truth's (Jaccard >= 0.5).
- Questions: one-to-one by normalised token Jaccard >= 0.5, best pairs first.
- Facts: a predicted fact (kind != "other") matches a truth fact when their character spans in the notes overlap
  and their kinds are equal, one-to-one, largest overlap first. A predicted span is `.start`/`.end` within
  line `.line` of the notes file; the whole line when those are missing or both 0.

tests/test_notes_corpus.py imports the scoring functions from here.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "fixtures" / "notes"
FACT_KINDS = ("mistake", "challenge", "accomplishment", "skill", "plan", "motivation")
FIELDS = (
    "interviewer",
    "candidate",
    "role",
    "company",
    "references",
    "attachments",
    "attachment descriptions",
    "questions",
    "facts (micro)",
    "fact spans",
)
QUESTION_JACCARD = 0.5
DESCRIPTION_JACCARD = 0.5
HONORIFICS = {"mr", "ms", "mrs", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "cllr", "sir", "dame"}
ROLE_SUFFIXES = {"job", "role", "position", "post", "vacancy"}

T = TypeVar("T")
P = TypeVar("P")


# --- scores --------------------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)  # "missed: ..." / "extra: ..." / "wrong: ..."

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


# --- normalisation ---------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case, accents removed, every run of non-alphanumerics a single space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’]", "", text.lower())
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def normalize_name(name: str | None) -> str:
    """'Dr. Ahmed Siddiqui' → 'ahmed siddiqui'; 'marco BELLINI' → 'marco bellini'."""
    words = _fold(name or "").split()
    while words and words[0].rstrip(".") in HONORIFICS:  # "rev. peter hale" too
        words = words[1:]
    return " ".join(words)


def normalize_value(value: str | None) -> str:
    """Role / company: 'The Ashby Hotel' → 'ashby hotel'; 'UX Designer (Checkout) role' → 'ux designer'."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", value or "").replace("&", " and ")
    words = _fold(text).split()
    if words and words[0] == "the":
        words = words[1:]
    while words and words[-1] in ROLE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def tokens(text: str | None) -> set[str]:
    return set(_fold(text or "").split())


def jaccard(a: str | None, b: str | None) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)


def phone_digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")


def phones_match(truth: str | None, predicted: str | None) -> bool:
    """By digits; '07700 900214' = '+44 7700 900214', '555-0142' = '+1 555 0142'."""
    a, b = phone_digits(truth).lstrip("0"), phone_digits(predicted).lstrip("0")
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 7 and long.endswith(short) and len(long) - len(short) <= 3)


def emails_match(truth: str | None, predicted: str | None) -> bool:
    return bool(truth) and (truth or "").strip().lower() == (predicted or "").strip().lower()


# --- one-to-one matching ---------------------------------------------------------------------------


def pair_up(
    truth: Sequence[T], predicted: Sequence[P], similarity: Callable[[T, P], float], threshold: float
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (truth index, predicted index), best similarity first, ties in order."""
    candidates = [(similarity(t, p), ti, pi) for ti, t in enumerate(truth) for pi, p in enumerate(predicted)]
    candidates = [c for c in candidates if c[0] >= threshold and c[0] > 0]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_t: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, ti, pi in candidates:
        if ti in used_t or pi in used_p:
            continue
        used_t.add(ti)
        used_p.add(pi)
        pairs.append((ti, pi))
    return sorted(pairs)


def score_names(truth: Sequence[str], predicted: Sequence[str]) -> Score:
    """Interviewers: one-to-one by normalised name."""
    t_norm = [normalize_name(n) for n in truth]
    p_norm = [normalize_name(n) for n in predicted if normalize_name(n)]
    p_raw = [n for n in predicted if normalize_name(n)]
    pairs = pair_up(t_norm, p_norm, lambda a, b: float(a == b), 1.0)
    score = Score(tp=len(pairs), fp=len(p_norm) - len(pairs), fn=len(t_norm) - len(pairs))
    matched_t = {ti for ti, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    score.misses += [f"missed: {truth[i]!r}" for i in range(len(truth)) if i not in matched_t]
    score.misses += [f"extra: {p_raw[i]!r}" for i in range(len(p_raw)) if i not in matched_p]
    return score


def score_value(truth: str | None, predicted: str | None, *, names: bool = False) -> Score:
    """A single-valued field (candidate, role, company): "" in the truth means the notes do not give it."""
    norm = normalize_name if names else normalize_value
    t, p = norm(truth), norm(predicted)
    if t and p and t == p:
        return Score(tp=1)
    score = Score(fn=1 if t else 0, fp=1 if p else 0)
    if t and p:
        score.misses.append(f"wrong: {predicted!r}, truth {truth!r}")
    elif t:
        score.misses.append(f"missed: {truth!r}")
    elif p:
        score.misses.append(f"extra: {predicted!r}")
    return score


@dataclass(frozen=True)
class Ref:
    name: str
    email: str = ""
    phone: str = ""


def reference_matches(truth: Ref, predicted: Ref) -> bool:
    if normalize_name(truth.name) != normalize_name(predicted.name) or not normalize_name(truth.name):
        return False
    if truth.email and not emails_match(truth.email, predicted.email):
        return False
    return not truth.phone or phones_match(truth.phone, predicted.phone)


def score_references(truth: Sequence[Ref], predicted: Sequence[Ref]) -> Score:
    pairs = pair_up(truth, predicted, lambda t, p: float(reference_matches(t, p)), 1.0)
    score = Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(truth) - len(pairs))
    matched_t = {ti for ti, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for i, ref in enumerate(truth):
        if i not in matched_t:
            score.misses.append(f"missed: {ref.name} <{ref.email}> {ref.phone}".rstrip())
    for i, ref in enumerate(predicted):
        if i not in matched_p:
            score.misses.append(f"extra: {ref.name} <{ref.email}> {ref.phone}".rstrip())
    return score


@dataclass(frozen=True)
class Att:
    file: str
    description: str = ""


def descriptions_match(truth: str, predicted: str) -> bool:
    if not tokens(truth) or not tokens(predicted):
        return False
    return jaccard(truth, predicted) >= DESCRIPTION_JACCARD


def score_attachments(truth: Sequence[Att], predicted: Sequence[Att]) -> tuple[Score, Score]:
    """(file names, descriptions). A description is scored only as part of a matched file; a description
    given for a file that is not in the truth, or for one whose truth has none, is a false positive."""
    pairs = pair_up(truth, predicted, lambda t, p: float(t.file.strip().lower() == p.file.strip().lower()), 1.0)
    files = Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(truth) - len(pairs))
    described = Score()
    matched_t = {ti: pi for ti, pi in pairs}
    matched_p = set(matched_t.values())
    for ti, att in enumerate(truth):
        if ti not in matched_t:
            files.misses.append(f"missed: {att.file}")
            if att.description:
                described.fn += 1
                described.misses.append(f"missed: {att.file}: {att.description!r}")
            continue
        got = predicted[matched_t[ti]].description
        if att.description and got and descriptions_match(att.description, got):
            described.tp += 1
            continue
        if att.description:
            described.fn += 1
        if got:
            described.fp += 1
        if att.description or got:
            described.misses.append(f"wrong: {att.file}: {got!r}, truth {att.description!r}")
    for pi, att in enumerate(predicted):
        if pi not in matched_p:
            files.misses.append(f"extra: {att.file}")
            if att.description:
                described.fp += 1
    return files, described


# A question is labelled as remembered ("why I went into care", "how wd u deal w ...") or as asked ("Why did you
# go into care?"); both are compared in one voice, with verbs as lemmas and the auxiliaries that turn one into
# the other left out.
_VOICE = {"i": "you", "u": "you", "me": "you", "my": "your", "ur": "your", "myself": "yourself",
          "urself": "yourself", "abt": "about", "w": "with", "thru": "through"}  # fmt: skip
_AUXILIARIES = {"do", "did", "does", "would", "wd", "will", "id", "youd", "im", "youre", "ive", "youve", "d"}


def question_tokens(text: str) -> set[str]:
    from lemminflect import getLemma

    words = [_VOICE.get(w, w) for w in _fold(text.replace("'", "")).split()]
    return {(getLemma(w, upos="VERB") or (w,))[0] for w in words if w not in _AUXILIARIES}


def question_jaccard(a: str, b: str) -> float:
    ta, tb = question_tokens(a), question_tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 1.0


def score_questions(truth: Sequence[str], predicted: Sequence[str]) -> Score:
    pairs = pair_up(truth, predicted, question_jaccard, QUESTION_JACCARD)
    score = Score(tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(truth) - len(pairs))
    matched_t = {ti for ti, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    score.misses += [f"missed: {q!r}" for i, q in enumerate(truth) if i not in matched_t]
    score.misses += [f"extra: {q!r}" for i, q in enumerate(predicted) if i not in matched_p]
    return score


def others_greeted(others: Sequence[str], predicted_interviewers: Sequence[str]) -> list[str]:
    """The people who must not be greeted that the reader returned as interviewers."""
    greeted = {normalize_name(n) for n in predicted_interviewers}
    return [name for name in others if normalize_name(name) in greeted]


@dataclass(frozen=True)
class Span:
    kind: str
    start: int  # absolute character offsets into the notes text, end exclusive
    end: int
    text: str = ""


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score_facts(truth: Sequence[Span], predicted: Sequence[Span]) -> tuple[dict[str, Score], Score]:
    """Per kind (with "micro" for all kinds) and spans with the kind ignored. Predicted "other" facts are skipped."""
    predicted = [p for p in predicted if p.kind != "other"]
    per_kind = {kind: Score() for kind in ("micro", *FACT_KINDS)}

    def same_kind(t: Span, p: Span) -> float:
        return float(_overlap(t, p)) if t.kind == p.kind else 0.0

    pairs = pair_up(truth, predicted, same_kind, 1.0)
    matched_t = {ti for ti, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for ti, t in enumerate(truth):
        hit = ti in matched_t
        for kind in ("micro", t.kind):
            if kind in per_kind:
                if hit:
                    per_kind[kind].tp += 1
                else:
                    per_kind[kind].fn += 1
        if not hit:
            per_kind["micro"].misses.append(f"missed {t.kind}: {t.text!r}")
    for pi, p in enumerate(predicted):
        if pi in matched_p:
            continue
        for kind in ("micro", p.kind):
            per_kind.setdefault(kind, Score()).fp += 1
        per_kind["micro"].misses.append(f"extra {p.kind}: {p.text!r}")

    spans = pair_up(truth, predicted, lambda t, p: float(_overlap(t, p)), 1.0)
    any_kind = Score(tp=len(spans), fp=len(predicted) - len(spans), fn=len(truth) - len(spans))
    return per_kind, any_kind


# --- the corpus ------------------------------------------------------------------------------------


@dataclass
class Case:
    file: str
    notes: str
    questions_text: str | None
    interviewers: list[str]
    candidate: str
    role: str
    company: str
    references: list[Ref]
    attachments: list[Att]
    questions: list[str]
    others: list[tuple[str, str]]  # (name, relation)
    facts: list[Span]


def line_starts(text: str) -> list[int]:
    """Character offset of the start of each line (index 0 = line 1), as str.splitlines counts lines."""
    starts, offset = [], 0
    for line in text.splitlines(keepends=True):
        starts.append(offset)
        offset += len(line)
    return starts or [0]


def load_cases(notes_dir: Path = NOTES) -> list[Case]:
    labels = tomllib.loads((notes_dir / "labels.toml").read_text(encoding="utf-8"))
    cases: list[Case] = []
    for raw in labels.get("case", []):
        notes = (notes_dir / raw["file"]).read_text(encoding="utf-8")
        questions_file = raw.get("questions_file")
        questions_text = (notes_dir / questions_file).read_text(encoding="utf-8") if questions_file else None
        facts: list[Span] = []
        for fact in raw.get("facts", []):
            start = notes.find(fact["text"])
            if start < 0:
                raise ValueError(f"{raw['file']}: fact text not in the notes: {fact['text']!r}")
            facts.append(Span(fact["kind"], start, start + len(fact["text"]), fact["text"]))
        cases.append(
            Case(
                file=raw["file"],
                notes=notes,
                questions_text=questions_text,
                interviewers=list(raw.get("interviewers", [])),
                candidate=raw.get("candidate", ""),
                role=raw.get("role", ""),
                company=raw.get("company", ""),
                references=[Ref(r["name"], r.get("email", ""), r.get("phone", "")) for r in raw.get("references", [])],
                attachments=[Att(a["file"], a.get("description", "")) for a in raw.get("attachments", [])],
                questions=list(raw.get("questions", [])),
                others=[(o["name"], o.get("relation", "other")) for o in raw.get("others", [])],
                facts=facts,
            )
        )
    return cases


# --- the reader under test -------------------------------------------------------------------------


@dataclass
class Prediction:
    interviewers: list[str] = field(default_factory=list)
    candidate: str = ""
    role: str = ""
    company: str = ""
    references: list[Ref] = field(default_factory=list)
    attachments: list[Att] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    facts: list[Span] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


Reader = Callable[[str], Any]
QuestionReader = Callable[..., Any]


def load_reader() -> tuple[str, Reader]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return "reviser.notes.read_notes", importlib.import_module("reviser.notes").read_notes


def load_question_reader() -> tuple[str, QuestionReader]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return "reviser.questions.extract_questions", importlib.import_module("reviser.questions").extract_questions


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def fact_span(fact: Any, notes: str, starts: list[int], lines: list[str]) -> Span | None:
    """A reader's fact as an absolute span: `.start`/`.end` within line `.line`, else the whole line."""
    number = getattr(fact, "line", None)
    kind = str(getattr(fact, "kind", "other"))
    if not isinstance(number, int) or not 1 <= number <= len(lines):
        return None
    line = lines[number - 1]
    start, end = getattr(fact, "start", None), getattr(fact, "end", None)
    if not isinstance(start, int) or not isinstance(end, int) or (start == 0 and end == 0) or end <= start:
        start, end = 0, len(line)
    start, end = max(0, min(start, len(line))), max(0, min(end, len(line)))
    base = starts[number - 1]
    return Span(kind, base + start, base + end, notes[base + start : base + end])


def predict(case: Case, reader: Reader, questions: QuestionReader) -> Prediction:
    out = Prediction()
    try:
        facts = reader(case.notes)
    except Exception as error:  # a crash on one case is a miss for that case, not the end of the run
        out.errors.append(f"reader: {type(error).__name__}: {error}")
        facts = None
    if facts is not None:
        out.interviewers = [_text(n) for n in getattr(facts, "interviewers", None) or [] if _text(n)]
        out.candidate = _text(getattr(facts, "candidate_name", None))
        out.role = _text(getattr(facts, "role", None))
        out.company = _text(getattr(facts, "company", None))
        out.references = [
            Ref(_text(getattr(r, "name", "")), _text(getattr(r, "email", "")), _text(getattr(r, "phone", "")))
            for r in getattr(facts, "references", None) or []
        ]
        out.attachments = [
            Att(_text(getattr(a, "file_name", "")), _text(getattr(a, "description", "")))
            for a in getattr(facts, "attachments", None) or []
        ]
        starts, lines = line_starts(case.notes), case.notes.splitlines()
        spans = [fact_span(f, case.notes, starts, lines) for f in getattr(facts, "facts", None) or []]
        out.facts = [s for s in spans if s is not None]
    source = case.questions_text if case.questions_text is not None else case.notes
    try:
        # a questions file is read as draft reads it: a plain list of lines is a list of questions
        found = questions(source, listed=True) if case.questions_text is not None else questions(source)
        # What the draft answers: without logistics and asides from people who were not interviewing.
        if all(hasattr(q, "speaker") for q in found):
            answerable = importlib.import_module("reviser.questions").answerable
            found = answerable(found, list(getattr(facts, "others", None) or []))[0]
        out.questions = [q if isinstance(q, str) else str(getattr(q, "text", "")) for q in found]
    except Exception as error:
        out.errors.append(f"questions: {type(error).__name__}: {error}")
    return out


# --- evaluation ------------------------------------------------------------------------------------


@dataclass
class CaseResult:
    file: str
    scores: dict[str, Score]
    greeted_others: list[str]
    errors: list[str]


@dataclass
class Result:
    reader: str
    question_reader: str
    cases: list[CaseResult]
    fields: dict[str, Score]
    kinds: dict[str, Score]
    others: int
    greeted: list[str]  # "file: name (relation)"

    @property
    def others_not_greeted(self) -> float:
        return 1 - len(self.greeted) / self.others if self.others else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "reader": self.reader,
            "question_reader": self.question_reader,
            "cases": len(self.cases),
            "fields": {name: s.as_dict() for name, s in self.fields.items()},
            "fact_kinds": {name: s.as_dict() for name, s in self.kinds.items()},
            "others_not_greeted": {
                "others": self.others,
                "greeted": self.greeted,
                "rate": round(self.others_not_greeted, 4),
            },
            "errors": {c.file: c.errors for c in self.cases if c.errors},
            "misses": {
                c.file: {name: s.misses for name, s in c.scores.items() if s.misses}
                for c in self.cases
                if any(s.misses for s in c.scores.values())
            },
        }


def score_case(case: Case, prediction: Prediction) -> CaseResult:
    files, described = score_attachments(case.attachments, prediction.attachments)
    kinds, spans = score_facts(case.facts, prediction.facts)
    scores = {
        "interviewer": score_names(case.interviewers, prediction.interviewers),
        "candidate": score_value(case.candidate, prediction.candidate, names=True),
        "role": score_value(case.role, prediction.role),
        "company": score_value(case.company, prediction.company),
        "references": score_references(case.references, prediction.references),
        "attachments": files,
        "attachment descriptions": described,
        "questions": score_questions(case.questions, prediction.questions),
        "facts (micro)": kinds.pop("micro"),
        "fact spans": spans,
    }
    for kind, score in kinds.items():
        scores[f"facts: {kind}"] = score
    greeted = others_greeted([name for name, _ in case.others], prediction.interviewers)
    if greeted:
        scores["interviewer"].misses.append(f"greeted someone who must not be: {', '.join(greeted)}")
    return CaseResult(case.file, scores, greeted, prediction.errors)


def evaluate(
    notes_dir: Path = NOTES,
    reader: tuple[str, Reader] | None = None,
    question_reader: tuple[str, QuestionReader] | None = None,
) -> Result:
    reader_name, read = reader or load_reader()
    questions_name, questions = question_reader or load_question_reader()
    cases = load_cases(notes_dir)
    fields = {name: Score() for name in FIELDS}
    kinds = {kind: Score() for kind in FACT_KINDS}
    results: list[CaseResult] = []
    greeted: list[str] = []
    others = 0
    for case in cases:
        result = score_case(case, predict(case, read, questions))
        results.append(result)
        for name, score in result.scores.items():
            if name.startswith("facts: "):
                kinds.setdefault(name.removeprefix("facts: "), Score()).add(score)
            else:
                fields[name].add(score)
        relation = dict(case.others)
        greeted += [f"{case.file}: {name} ({relation.get(name, 'other')})" for name in result.greeted_others]
        others += len(case.others)
    return Result(reader_name, questions_name, results, fields, kinds, others, greeted)


def _row(name: str, score: Score) -> str:
    return (
        f"  {name:<26} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}"
        f" {score.tp:5d} {score.fp:5d} {score.fn:5d}"
    )


def report(result: Result, verbose: bool = False) -> str:
    out = [
        f"reader: {result.reader}",
        f"questions: {result.question_reader}",
        f"cases: {len(result.cases)}",
        "",
        f"  {'field':<26} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name, score in result.fields.items():
        out.append(_row(name, score))
        if name == "facts (micro)":
            out += [_row(f"  {kind}", s) for kind, s in result.kinds.items()]
    out.append(
        f"  {'others-not-greeted':<26} {len(result.greeted)} of {result.others} greeted"
        f" (rate not greeted {result.others_not_greeted:.3f}; each greeted one is an interviewer fp)"
    )
    for item in result.greeted:
        out.append(f"    greeted: {item}")
    errors = [(c.file, e) for c in result.cases for e in c.errors]
    if errors:
        out += ["", "errors:"] + [f"  {file}: {error}" for file, error in errors]
    if verbose:
        out += ["", "misses per case:"]
        for case in result.cases:
            rows = [
                (name, miss) for name, s in case.scores.items() if not name.startswith("facts: ") for miss in s.misses
            ]
            if not rows:
                continue
            out.append(f"  {case.file}")
            out += [f"    {name:<24} {miss}" for name, miss in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--notes-dir", type=Path, default=NOTES, help="folder with labels.toml (fixtures/notes)")
    parser.add_argument("--json", action="store_true", help="print the figures (and misses) as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="add a per-case table of misses")
    args = parser.parse_args(argv)
    result = evaluate(args.notes_dir)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(report(result, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
