"""Building the trusted fact list: the model's extraction, checked against the notes, plus what code parses."""

from __future__ import annotations

from reviser.grounding import Sources, ungrounded
from reviser.models import ExtractedFacts, Fact, FactKind, Facts
from reviser.notes import (
    INTERVIEWER_LINE,
    NoteLine,
    parse_attachments,
    parse_interviewers,
    parse_references,
    parse_self,
    section_kind,
)
from reviser.rubric.engine import content_words  # the same word matching as question coverage


def _grounded_name(value: str | None, sources: Sources) -> str | None:
    if not value or not value.strip():
        return None
    return value.strip() if not ungrounded(value, sources) and value.lower() in sources.lower else None


def hard_line_numbers(lines: list[NoteLine]) -> set[int]:
    """Lines with contact details, attachments, the candidate's own line or the interviewers: parsed in code only."""
    me = parse_self(lines)
    hard = {me.line} if me.line else set()
    hard |= {r.line for r in parse_references(lines, exclude=hard)}
    hard |= {line.number for line in lines if INTERVIEWER_LINE.match(line.text)}
    hard |= {a.line for a in parse_attachments(lines, exclude=hard)}
    return hard


def lines_to_classify(lines: list[NoteLine]) -> list[NoteLine]:
    """The note lines whose kind the notes' own headings do not give: only these go to the model."""
    hard = hard_line_numbers(lines)
    return [line for line in lines if section_kind(line) is None and line.number not in hard]


def build_facts(
    lines: list[NoteLine], extracted: ExtractedFacts | None, sources: Sources, ignored: list[int]
) -> tuple[Facts, list[str]]:
    """Every usable note line becomes a fact, its kind from the notes' own headings or else from the model.
    Returns the facts and warnings about model output that cited lines without facts."""
    warnings: list[str] = []
    me = parse_self(lines)
    hard_lines = hard_line_numbers(lines)
    own = {me.line} if me.line else set()
    references = parse_references(lines, exclude=own)
    attachments = parse_attachments(lines, exclude=own | {r.line for r in references})
    by_number = {line.number: line for line in lines}

    # The user's own headings win; the model classifies the lines that have none.
    kinds: dict[int, FactKind] = {}
    wrong: list[int] = []
    for item in extracted.facts if extracted else []:
        if item.line not in by_number or item.line in hard_lines:
            wrong.append(item.line)
        elif section_kind(by_number[item.line]) is None:
            kinds.setdefault(item.line, item.kind)
    if wrong:
        lines_text = ", ".join(map(str, sorted(set(wrong))))
        warnings.append(f"ignored the model's facts for note line(s) {lines_text}, which hold no such facts")
    facts: list[Fact] = []
    for line in lines:
        if line.number in hard_lines:
            continue
        kind = section_kind(line)
        if kind:
            facts.append(Fact(id="", kind=kind, text=line.text, line=line.number, source="notes"))
        elif line.number in kinds and kinds[line.number] != "other":
            facts.append(Fact(id="", kind=kinds[line.number], text=line.text, line=line.number, source="model"))
    for number, fact in enumerate(facts, start=1):
        fact.id = f"F{number}"

    interviewers = parse_interviewers(lines)
    if not interviewers and extracted:
        interviewers = [n for n in (_grounded_name(i, sources) for i in extracted.interviewers) if n]
    return (
        Facts(
            candidate_name=me.name or _grounded_name(extracted.candidate_name if extracted else None, sources),
            candidate_email=me.email,
            candidate_phone=me.phone,
            company=_grounded_name(extracted.company if extracted else None, sources),
            role=_grounded_name(extracted.role if extracted else None, sources),
            interviewers=interviewers,
            facts=facts,
            references=references,
            attachments=attachments,
            ignored_lines=ignored,
        ),
        warnings,
    )


def relevant_facts(question: str, facts: list[Fact], limit: int = 6) -> list[Fact]:
    """The facts that share the most content words with the question, with at least one accomplishment,
    so that each answer call stays small and still has a concrete example to use."""
    wanted = content_words(question)
    usable = [f for f in facts if f.kind != "mistake"]

    def score(fact: Fact) -> float:
        overlap = len(wanted & content_words(fact.text))
        return overlap + (0.5 if fact.kind == "accomplishment" else 0.0)

    ranked = sorted(usable, key=lambda f: (-score(f), f.line))[:limit]
    if not any(f.kind == "accomplishment" for f in ranked):
        best = next((f for f in sorted(usable, key=lambda f: -score(f)) if f.kind == "accomplishment"), None)
        if best:
            ranked = [*ranked[: limit - 1], best]
    return sorted(ranked, key=lambda f: f.line)
