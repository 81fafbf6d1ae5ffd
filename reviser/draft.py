"""The draft pipeline: extract → answer → compose → gate (rubric, grounding, coverage) → repair.

Usable without the CLI: `run_draft(notes, questions, backend)` returns a `DraftResult` of pydantic models.
The model writes prose only; structure, references, contact details and attachments come from code, and
the gate below decides, in code, whether the prose may stay.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from reviser import fallback
from reviser import gate as gate_module
from reviser.errors import InputError, ModelError
from reviser.facts import build_facts, content_words, lines_to_classify, relevant_facts
from reviser.gate import PROSE_FIELDS, Gate
from reviser.grounding import (
    PLACEHOLDER,
    Claim,
    Sources,
    claims,
    drop_ungrounded_sentences,
    full_sentences,
    ungrounded,
)
from reviser.llm.base import Backend, Message, Usage
from reviser.llm.structured import ModelOutputError, call_structured
from reviser.models import (
    Answer,
    AnswerOut,
    DraftReport,
    ExtractedFact,
    ExtractedFacts,
    Fact,
    Facts,
    FileReport,
    GroundingIssue,
    LetterDraft,
    LetterParts,
    Reference,
    RewriteOut,
)
from reviser.notes import injection_lines, note_lines, read_notes
from reviser.patterns import FILE_NAME, TABLE_ROW
from reviser.people import full_name
from reviser.phrasing import spell_out
from reviser.questions import Question, answerable
from reviser.render import REFERENCES_WANTED, render_prompt
from reviser.rubric import Rubric, load_rubric

# Output budgets sized to the models' length limits (about 4 characters a token, plus JSON).
ANSWER_TOKENS = 200
COMPOSE_TOKENS = 600
REWRITE_TOKENS = 80
# Words a rewrite may add to its fact and question ("improved", "team"): more is new content, not a rewrite.
REWRITE_NEW_WORDS = 2

Progress = Callable[[str], None]


@dataclass
class DraftOptions:
    # None: 2 for an endpoint, 1 for the embedded model, whose repeated tries rarely succeed and cost seconds.
    max_repairs: int | None = None
    max_reasks: int | None = None
    max_input_tokens: int = 6000
    concurrency: int = 8
    rubric: Rubric | None = None

    def for_backend(self, backend: Backend) -> DraftOptions:
        tries = 1 if backend.name == "local" else 2
        return replace(
            self,
            max_repairs=tries if self.max_repairs is None else self.max_repairs,
            max_reasks=tries if self.max_reasks is None else self.max_reasks,
        )

    @property
    def repair_rounds(self) -> int:
        return self.max_repairs or 0

    @property
    def reask_rounds(self) -> int:
        return self.max_reasks or 0


@dataclass
class DraftResult:
    draft: LetterDraft
    report: DraftReport
    check: FileReport


class DraftInterrupted(ModelError):
    """The model failed mid-way; `partial` holds everything done so far, for the CLI to save."""

    def __init__(self, message: str, partial: dict[str, Any]) -> None:
        super().__init__(message)
        self.partial = partial


@dataclass
class _Run:
    """State of one draft: inputs, the backend and what has been recorded for the report."""

    notes: str
    questions: list[Question]
    backend: Backend
    options: DraftOptions
    progress: Progress
    ignored: list[int] = field(default_factory=list)
    sources: Sources = field(default_factory=Sources)
    usage: Usage = field(default_factory=Usage)
    approximate: bool = False
    repairs: list[str] = field(default_factory=list)
    rebuilt_parts: set[str] = field(default_factory=set)  # prose parts the composer wrote, not the model
    left_out: list[str] = field(default_factory=list)  # questions not answered again, with the reason
    reading: Facts = field(default_factory=Facts)  # the notes as read in code, once per draft
    grounding: list[GroundingIssue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def call(self, label: str, messages: list[Message], output: type[BaseModel], max_tokens: int) -> Any:
        count = self.backend.count_tokens(messages)
        self.approximate = self.approximate or count.approximate
        if count.tokens > self.options.max_input_tokens:
            over = count.tokens - self.options.max_input_tokens
            raise InputError(
                f"the {label} prompt needs {count.tokens} tokens, {over} over --max-input-tokens "
                f"{self.options.max_input_tokens}; shorten the notes or raise the limit"
            )
        self.progress(label)
        return call_structured(
            self.backend, messages, output, max_tokens=max_tokens, usage=self.usage, label=label,
            max_reasks=self.options.reask_rounds,
        )  # fmt: skip


def _messages(template: str, **context: Any) -> list[Message]:
    # The static system prompt comes first so that providers can cache it across calls.
    return [
        {"role": "system", "content": render_prompt("system.j2")},
        {"role": "user", "content": render_prompt(template, **context)},
    ]


def _issue(field_name: str, claim: Claim, action: str) -> GroundingIssue:
    return GroundingIssue(field=field_name, kind=claim.kind, value=claim.value, action=action)


# --- stages ---------------------------------------------------------------------------------------


def extract(run: _Run) -> Facts:
    """The notes as read in code; an endpoint may add kinds for the lines the code took nothing from.

    The embedded 135M model is not asked: it cannot classify notes better than the code does."""
    unclassified = lines_to_classify(run.notes, run.reading)
    if not unclassified or run.backend.name in ("local", "none"):
        return _facts(run, None)
    try:
        # At most one fact per line sent, so a small model cannot loop until the token limit.
        output = create_model("ExtractedFacts", __base__=ExtractedFacts,
                              facts=(list[ExtractedFact], Field(max_length=max(1, len(unclassified)))))  # fmt: skip
        max_tokens = 80 + 20 * len(unclassified)
        extracted = run.call("extract facts", _messages("extract.j2", lines=unclassified), output, max_tokens)
    except ModelOutputError as exc:
        # The code's reading stands; a model that cannot classify lines is not fatal.
        run.warnings.append(f"used only the code's reading of the notes: {exc}")
        extracted = None
    return _facts(run, extracted)


def _facts(run: _Run, extracted: ExtractedFacts | None) -> Facts:
    facts, warnings = build_facts(run.notes, extracted, run.sources, run.reading)
    run.warnings.extend(warnings)
    return facts


FACT_ID_IN_TEXT = re.compile(r"\s*[(\[]?\bF\d+\b[)\]]?:?")


def _clean(out: AnswerOut) -> AnswerOut:
    """Fact ids belong in fact_ids; models sometimes cite them inline as well."""
    return out.model_copy(update={"answer": FACT_ID_IN_TEXT.sub("", out.answer).strip()})


def answer_one(run: _Run, facts: Facts, question: Question, index: int) -> Answer:
    given = relevant_facts(question.text, facts.facts)
    label = f"answer {index + 1}/{len(run.questions)}"
    messages = _messages("answer.j2", question=question.text, facts=given)
    out = AnswerOut(answer="", fact_ids=[])
    try:
        out = _clean(run.call(label, messages, AnswerOut, ANSWER_TOKENS))
        failures, bad = gate_module.answer_failures(out, given, run.sources, question.text)
        for round_number in range(run.options.repair_rounds):
            if not failures:
                break
            run.repairs.append(f"{label}: " + "; ".join(failures))
            repair = render_prompt("repair.j2", failures=failures, current={"answer": out.answer})
            retry = [*messages, {"role": "assistant", "content": out.model_dump_json()},
                     {"role": "user", "content": repair}]  # fmt: skip
            out = _clean(run.call(f"{label} repair {round_number + 1}", retry, AnswerOut, ANSWER_TOKENS))
            failures, bad = gate_module.answer_failures(out, given, run.sources, question.text)
    except ModelOutputError as exc:
        run.warnings.append(str(exc))
        failures, bad = [str(exc)], []
    field_name = f"answers[{index + 1}]"
    text, rebuilt = out.answer.strip(), False
    if bad:
        text, dropped = drop_ungrounded_sentences(text, run.sources)
        run.grounding.extend(_issue(field_name, c, "dropped sentence") for c in dropped)
        trimmed = out.model_copy(update={"answer": text})
        failures, _ = gate_module.answer_failures(trimmed, given, run.sources, question.text)
    used = [f for f in given if f.id in out.fact_ids]
    if failures:
        # Rebuilt later, in question order, so that no two answers repeat the same facts.
        text, used, rebuilt = "", [], True
        rounds = run.options.repair_rounds
        run.repairs.append(f"{label}: rebuilt from the notes after {rounds} repair round{'s' * (rounds != 1)}")
    return Answer(
        question=question.text,
        question_line=question.line,
        text=text,
        fact_ids=[f.id for f in used],
        note_lines=sorted({f.line for f in used}),
        rebuilt=rebuilt,
    )


_EMPTY = {"challenges": fallback.ADD_CHALLENGES, "skills": fallback.ADD_SKILLS, "plan": fallback.ADD_PLAN}


def rebuild_grounded(name: str, facts: Facts, used: frozenset[str], sources: Sources) -> str:
    """A part written by the composer, checked like a model's: a sentence that grounding cannot trace to the
    inputs is dropped, and a part left empty is its placeholder. The composer only copies the user's words, so
    this should never fire; it is the guarantee that no invented fact reaches a letter, whoever wrote it."""
    text, dropped = drop_ungrounded_sentences(fallback.rebuild(name, facts, used), sources)
    if dropped and name == "challenges":
        # composed again without the challenge that could not be traced, so that no "You also mentioned" is left
        # without the first one
        kept = [f for f in facts.facts if f.kind != "challenge"
                or not ungrounded(fallback.rebuild(name, facts.model_copy(update={"facts": [f]}), used), sources)]
        text, _ = drop_ungrounded_sentences(fallback.rebuild(name, facts.model_copy(update={"facts": kept}), used),
                                            sources)
    if text:
        return text
    return _EMPTY[name] if name in _EMPTY else fallback.rebuild(name, Facts(), used)


def keep_grounded_answers(answers: list[Answer], sources: Sources) -> None:
    """The same guarantee for the composer's answers: an answer grounding cannot trace becomes the placeholder."""
    for item in answers:
        if item.rebuilt and ungrounded(item.text, sources):
            item.text, item.fact_ids, item.note_lines = fallback.ADD_ANSWER, [], []


def answer_all(run: _Run, facts: Facts) -> list[Answer]:
    workers = max(1, min(run.options.concurrency, run.backend.max_concurrency, len(run.questions) or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(answer_one, run, facts, q, i) for i, q in enumerate(run.questions)]
        answers = [f.result() for f in futures]
    fallback.rebuild_answers([a for a in answers if a.rebuilt], facts, taken={i for a in answers for i in a.fact_ids},
                             rows=table_rows(run.notes, run.questions))
    keep_grounded_answers(answers, run.sources)
    return answers


def compose(run: _Run, facts: Facts) -> tuple[list[Message], LetterParts]:
    messages = _messages("compose.j2", facts=facts.facts, role=facts.role)
    try:
        return messages, run.call("compose letter", messages, LetterParts, COMPOSE_TOKENS)
    except ModelOutputError as exc:
        run.warnings.append(str(exc))
        run.repairs.append("every part of the letter was rebuilt from the notes")
        return messages, compose_from_notes(run, facts)


def compose_from_notes(run: _Run, facts: Facts, answers: list[Answer] | None = None) -> LetterParts:
    """Every prose part written by the composer from the user's own facts (the answers' facts told last)."""
    run.rebuilt_parts.update(PROSE_FIELDS)
    used = frozenset(i for a in answers or [] for i in a.fact_ids)
    return LetterParts.model_construct(None, **{n: rebuild_grounded(n, facts, used, run.sources) for n in PROSE_FIELDS})


def table_rows(notes: str, questions: list[Question]) -> frozenset[int]:
    """The notes' lines that hold a question in a table ("| Why us? | 'it's near' | I want a bigger site |"):
    there the row's other cells are its answer."""
    lines = notes.splitlines()
    return frozenset(q.line for q in questions if 0 < q.line <= len(lines) and TABLE_ROW.match(lines[q.line - 1])
                     and " ".join(q.text.split()[:3]).casefold() in lines[q.line - 1].casefold())


def answers_from_notes(run: _Run, facts: Facts) -> list[Answer]:
    """Every answer written by the composer: each question's most relevant fact, none used twice."""
    answers = [Answer(question=q.text, question_line=q.line, text="", rebuilt=True) for q in run.questions]
    fallback.rebuild_answers(answers, facts, taken=set(), rows=table_rows(run.notes, run.questions))
    keep_grounded_answers(answers, run.sources)
    return answers


def rewrite_failures(sentence: str, fact: Fact, question: str, sources: Sources) -> list[str]:
    """Why a model's rewrite of one fact may not replace the composer's sentence (empty: it may).

    A rewrite keeps every number, name and file name of its fact, invents none, speaks in the first person,
    is one finished sentence, and adds at most a few words beyond the fact and the question."""
    problems = [gate_module.describe(c) for c in ungrounded(sentence, sources)]
    lower = sentence.lower()
    kept = ("number", "name", "file", "email", "phone")
    problems += [f"it drops '{c.value}' from the note" for c in claims(fact.text)
                 if c.kind in kept and c.value.lower() not in lower]  # fmt: skip
    words = sentence.split()
    if not 5 <= len(words) <= 50:
        problems.append("it is not one sentence of 5 to 50 words")
    if not re.search(r"[.!?][\"”’')]?$", sentence) or re.search(r"[.!?]\s+\S", sentence):
        problems.append("it is not one finished sentence")
    if not re.search(r"\b(?:I|I'm|I've|I'd|my|me)\b", sentence):
        problems.append("it is not in the first person")
    if gate_module.repetitive(sentence):
        problems.append("it repeats itself")
    carried = content_words(fact.text) & content_words(sentence)
    if len(carried) * 2 < len(content_words(fact.text)):
        problems.append("it leaves out most of the note")
    new = content_words(sentence) - content_words(fact.text) - content_words(question)
    if len(new) > REWRITE_NEW_WORDS:
        problems.append("it adds words that are not in the note: " + ", ".join(sorted(new)[:5]))
    return problems


def rewrite_answers(run: _Run, facts: Facts, answers: list[Answer]) -> None:
    """The embedded model's job: turn each answer's chosen fact into one first-person sentence that answers
    the question. A rewrite replaces the composer's sentence only when it passes `rewrite_failures`."""
    by_id = {f.id: f for f in facts.facts}
    for index, answer in enumerate(answers):
        if not answer.fact_ids or answer.fact_ids[0] not in by_id:
            continue
        fact = by_id[answer.fact_ids[0]]
        label = f"answer {index + 1}/{len(answers)}"
        messages = _messages("rewrite.j2", question=answer.question, fact=fact.text)
        try:
            sentence = run.call(label, messages, RewriteOut, REWRITE_TOKENS).sentence.strip()
        except ModelOutputError as exc:
            run.warnings.append(str(exc))
            continue
        problems = rewrite_failures(sentence, fact, answer.question, run.sources)
        if problems:
            run.repairs.append(f"{label}: the model's rewrite was not kept ({problems[0]}); the sentence from your "
                               "notes stays")  # fmt: skip
            continue
        # The composer's pointer to an attachment stays after the model's sentence, with its description.
        pointers = [s.strip() for s in full_sentences(answer.text) if FILE_NAME.search(s)]
        answer.text = " ".join([sentence, *pointers])
        answer.rebuilt = False


def display_name(name: str) -> str:
    """A name as a letter shows it: 'marco bellini' → 'Marco Bellini' (notes typed on a phone are lowercase)."""
    # each part of a hyphenated or apostrophed name too: 'kerry-ann' → 'Kerry-Ann', "o'neill" → "O'Neill"
    words = name.split()
    return " ".join(w if not w.islower() or (i and w in _PARTICLES) else
                    re.sub(r"(?:^|(?<=[-'’]))([a-z])", lambda m: m.group(1).upper(), w) for i, w in enumerate(words))


_PARTICLES = frozenset("de da das do dos du van von der den la le di del bin al ter".split())  # "Ana de Souza"


def greeting(interviewers: list[str]) -> str:
    """Full names (first names alone can be too familiar): 'Dear Helen Okoro and David Pryce,'."""
    names = [display_name(n) for n in interviewers[:3]]
    if not names:
        return "Dear Hiring Manager,"
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Dear {joined},"


def letter_references(references: list[Reference]) -> list[Reference]:
    """Every reference with a contact, in the notes' order; one offered without a contact yet ("steve from the
    union, dont have his num") fills a place, with its placeholder, only while fewer than two have one."""
    spare = REFERENCES_WANTED - sum(bool(r.email or r.phone) for r in references)
    kept = []
    for ref in references:
        if ref.email or ref.phone or spare > 0:
            detail = spell_out(ref.detail) if ref.detail else None  # "dentist i temped" → "dentist I temped"
            kept.append(ref.model_copy(update={"name": display_name(ref.name), "detail": detail}))
            spare -= not (ref.email or ref.phone)
    return kept


def assemble(facts: Facts, parts: LetterParts, answers: list[Answer]) -> LetterDraft:
    return LetterDraft(
        subject=parts.subject.strip(),
        greeting=greeting(facts.interviewers),
        apology=parts.apology.strip(),
        challenges=parts.challenges.strip(),
        answers=answers,
        skills=parts.skills.strip(),
        attachments=facts.attachments,
        references=letter_references(facts.references),
        plan=parts.plan.strip(),
        ask=parts.ask.strip(),
        closing="Best regards",
        signature=[
            display_name(facts.candidate_name) if facts.candidate_name else "[ADD YOUR NAME]",
            *(contact for contact in (facts.candidate_email, facts.candidate_phone) if contact),
        ],
    )


def repair_parts(
    run: _Run, compose_messages: list[Message], parts: LetterParts, failing: dict[str, list[str]]
) -> LetterParts:
    """Re-ask only the failing fields, with the exact failures."""
    names = [n for n in PROSE_FIELDS if n in failing]
    subset: type[BaseModel] = create_model(  # type: ignore[call-overload]
        "LetterRepair", __config__=ConfigDict(extra="forbid"), **{n: (str, ...) for n in names}
    )
    failures = [f"{n}: {msg}" for n in names for msg in failing[n]]
    repair = render_prompt("repair.j2", failures=failures, current={n: getattr(parts, n) for n in names})
    messages = [*compose_messages, {"role": "assistant", "content": parts.model_dump_json()},
                {"role": "user", "content": repair}]  # fmt: skip
    try:
        fixed = run.call("repair letter", messages, subset, COMPOSE_TOKENS)
    except ModelOutputError as exc:
        run.warnings.append(str(exc))
        return parts  # what still fails is rebuilt from the facts after the last round
    return parts.model_copy(update=fixed.model_dump())


def settle(run: _Run, facts: Facts, parts: LetterParts, result: Gate) -> LetterParts:
    """After the last repair round: drop sentences with ungrounded facts, rebuild what still fails from facts."""
    updates: dict[str, str] = {}
    for name, problems in result.failures.items():
        text = getattr(parts, name)
        if name in result.ungrounded:
            text, dropped = drop_ungrounded_sentences(text, run.sources)
            still_bad = bool(ungrounded(text, run.sources))
            rubric_failed = name in result.rubric_failed
            action = "rebuilt from facts" if (not text or rubric_failed or still_bad) else "dropped sentence"
            run.grounding.extend(_issue(name, c, action) for c in dropped)
            if action == "dropped sentence":
                updates[name] = text
                continue
        used = frozenset(i for a in result.draft.answers for i in a.fact_ids)
        updates[name] = rebuild_grounded(name, facts, used, run.sources)
        run.rebuilt_parts.add(name)
        # a part the notes hold nothing for is a placeholder, not something rebuilt from them
        done = "your notes hold nothing for it, so its placeholder stands" if updates[name].startswith("[ADD ") else (
            "rebuilt from the notes")
        run.repairs.append(f"{name}: {done} ({'; '.join(problems)})")
    return parts.model_copy(update=updates)


def _gate(run: _Run, draft: LetterDraft, rubric: Rubric, facts: Facts) -> Gate:
    return gate_module.gate(draft, rubric, run.sources, [q.text for q in run.questions], facts=facts.facts)


# --- the whole pipeline ---------------------------------------------------------------------------


def prepare(notes: str, questions: list[Question]) -> tuple[list[int], Sources]:
    """The ignored (instruction-like) note lines, and the grounding sources: the notes less those lines."""
    if not questions:
        raise InputError("no interview questions found; list them one per line, numbered or ending with '?'")
    ignored = injection_lines(notes)
    if not [line for line in note_lines(notes) if line.number not in ignored]:
        raise InputError("the notes hold nothing to draft from")
    kept_notes = "\n".join(line for n, line in enumerate(notes.splitlines(), 1) if n not in ignored)
    return ignored, Sources(kept_notes, *(q.text for q in questions))


def greet_the_askers(reading: Facts, questions: list[Question], notes: str) -> Facts:
    """Notes that name no interviewer, beside a transcript whose turns do ("Gareth: Why do you want to work for
    us?"): the people who asked the questions are the ones to greet, in full where the notes give the name."""
    if reading.interviewers:
        return reading
    others = {o.lower() for o in reading.others}
    askers = dict.fromkeys(full_name(q.speaker, notes) for q in questions if q.speaker and "(" not in q.speaker)
    return reading.model_copy(update={"interviewers": [a for a in askers if a.lower() not in others]})


def run_draft(
    notes: str,
    questions: list[Question],
    backend: Backend,
    options: DraftOptions | None = None,
    progress: Progress | None = None,
) -> DraftResult:
    options = (options or DraftOptions()).for_backend(backend)
    rubric = options.rubric or load_rubric(None)
    ignored, sources = prepare(notes, questions)
    reading = read_notes(notes)
    kept, left_out = answerable(questions, reading.others)
    questions = kept or questions  # a list of logistics alone is still what the user asked to answer
    reading = greet_the_askers(reading, questions, notes)
    run = _Run(notes, questions, backend, options, progress or (lambda _: None), ignored, sources, reading=reading)
    run.left_out = [f'"{q.text}": {reason}' for q, reason in left_out] if kept else []
    if ignored:
        run.warnings.append(
            "ignored note line(s) " + ", ".join(map(str, ignored)) + ": they read as instructions to the model"
        )
    started = time.monotonic()
    stage, facts, answers, parts = "extract", None, None, None
    writes_letter = backend.name not in ("local", "none")  # a 135M model cannot write a letter: it rewrites
    try:
        facts = extract(run)
        stage = "answer"
        if writes_letter:
            answers = answer_all(run, facts)
        else:
            answers = answers_from_notes(run, facts)
            if backend.name == "local":
                rewrite_answers(run, facts, answers)
        stage = "compose"
        if writes_letter:
            compose_messages, parts = compose(run, facts)
        else:
            compose_messages, parts = [], compose_from_notes(run, facts, answers)
        stage = "repair"
        result = _gate(run, assemble(facts, parts, answers), rubric, facts)
        for round_number in range(options.repair_rounds if writes_letter else 0):
            if not result.failures:
                break
            run.repairs.append(
                f"round {round_number + 1}: " + "; ".join(f"{k}: {v[0]}" for k, v in result.failures.items())
            )
            parts = repair_parts(run, compose_messages, parts, result.failures)
            result = _gate(run, assemble(facts, parts, answers), rubric, facts)
    except ModelError as exc:
        partial = {
            "stage": stage,
            "error": str(exc),
            "notes": notes,
            "questions": [q.text for q in questions],
            "facts": facts.model_dump() if facts else None,
            "answers": [a.model_dump() for a in answers] if answers else None,
            "letter_parts": parts.model_dump() if parts else None,
        }
        raise DraftInterrupted(f"{exc} (during {stage})", partial) from exc
    if result.failures:
        parts = settle(run, facts, parts, result)
        result = _gate(run, assemble(facts, parts, answers), rubric, facts)
    return DraftResult(result.draft, _report(run, facts, result, time.monotonic() - started), result.check)


def _report(run: _Run, facts: Facts, result: Gate, seconds: float) -> DraftReport:
    from reviser.llm.select import describe

    placeholders = sorted(set(PLACEHOLDER.findall(result.text)))
    to_add = [fallback.TO_ADD[p] for p in placeholders if p in fallback.TO_ADD]
    if any(p.startswith("[ADD REFERENCE") or p.startswith("[ADD CONTACT") for p in placeholders):
        to_add.append("two references with a name and an e-mail or phone each (a 'References' section)")
    carried = {(r.name.casefold(), r.line) for r in result.draft.references}  # shown with capitals in the letter
    for ref in facts.references:
        if (ref.name.casefold(), ref.line) not in carried:
            to_add.append(f"an e-mail or phone for {display_name(ref.name)}, to add them as a reference too")
    if "[ADD YOUR NAME]" in placeholders:
        to_add.append("your name and e-mail on a line such as 'Me: Your Name, you@example.com'")
    for element in result.check.elements:
        if element.status != "present" and element.severity == "error" and not placeholders:
            to_add.append(f"{element.title.lower()}: {element.message}")
    unanswered = [f.message for f in result.check.findings if f.rule == "unanswered-question"]
    open_claims = [GroundingIssue(field=k, kind=c.kind, value=c.value, action="open")
                   for k, cs in result.ungrounded.items() for c in cs]  # fmt: skip
    usage = run.usage
    draft = result.draft
    prose = {name: getattr(draft, name) for name in PROSE_FIELDS}
    words = sum(len(t.split()) for t in prose.values()) + sum(len(a.text.split()) for a in draft.answers)
    model_words = sum(len(t.split()) for n, t in prose.items() if n not in run.rebuilt_parts)
    model_words += sum(len(a.text.split()) for a in draft.answers if not a.rebuilt)
    return DraftReport(
        backend={k: str(v) for k, v in describe(run.backend).items()},
        passed=result.check.passed and not placeholders and not open_claims and not unanswered,
        elements={e.id: e.status for e in result.check.elements},
        placeholders=placeholders,
        to_add=to_add,
        repairs=run.repairs,
        grounding=list({(g.field, g.kind, g.value, g.action): g for g in [*run.grounding, *open_claims]}.values()),
        unanswered=unanswered,
        warnings=run.warnings,
        answers=result.draft.answers,
        facts=facts,
        calls=usage.calls,
        reasks=usage.reasks,
        retries=usage.retries,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        tokens_approximate=run.approximate,
        seconds=round(seconds, 2),
        words=words,
        model_words=model_words,
        left_out=run.left_out,
    )


# --- dry run --------------------------------------------------------------------------------------


@dataclass
class PlannedCall:
    label: str
    messages: list[Message]
    tokens: int
    approximate: bool


def plan_calls(notes: str, questions: list[Question], backend: Backend) -> list[PlannedCall]:
    """Every prompt a draft would send first, with token counts; nothing is called.

    Answer and compose prompts are shown with the facts parsed from the notes in code; in a real run the
    model's extraction refines them, so those counts are close but not exact."""
    _, sources = prepare(notes, questions)
    facts, _ = build_facts(notes, None, sources)
    questions = answerable(questions, facts.others)[0] or questions  # what run_draft answers
    unclassified = lines_to_classify(notes, facts)
    calls = []
    if backend.name in ("local", "none"):
        run = _Run(notes, questions, backend, DraftOptions(), lambda _: None, [], sources)
        if backend.name == "local":
            by_id = {f.id: f for f in facts.facts}
            for i, answer in enumerate(answers_from_notes(run, facts)):
                if answer.fact_ids:
                    messages = _messages("rewrite.j2", question=answer.question, fact=by_id[answer.fact_ids[0]].text)
                    calls.append((f"answer {i + 1}/{len(questions)}", messages))
        return [PlannedCall(label, m, *_count(backend, m)) for label, m in calls]
    if unclassified:
        calls.append(("extract facts", _messages("extract.j2", lines=unclassified)))
    for i, q in enumerate(questions):
        calls.append(
            (
                f"answer {i + 1}/{len(questions)}",
                _messages("answer.j2", question=q.text, facts=relevant_facts(q.text, facts.facts)),
            )
        )
    calls.append(("compose letter", _messages("compose.j2", facts=facts.facts, role=facts.role)))
    return [PlannedCall(label, m, *_count(backend, m)) for label, m in calls]


def _count(backend: Backend, messages: list[Message]) -> tuple[int, bool]:
    count = backend.count_tokens(messages)
    return count.tokens, count.approximate


def partial_json(partial: dict[str, Any]) -> str:
    return json.dumps(partial, indent=2, ensure_ascii=False)
