"""The trusted fact list: the notes as read in code (reviser.notes), refined by a model only where code
found nothing, and every model fact checked to point at a span of the notes."""

from __future__ import annotations

from reviser.grounding import Sources, ungrounded
from reviser.models import ExtractedFacts, Fact, Facts
from reviser.notes import NoteLine, note_lines, read_notes
from reviser.rubric.engine import content_words  # the same word matching as question coverage


def _grounded_name(value: str | None, sources: Sources) -> str | None:
    if not value or not value.strip():
        return None
    return value.strip() if not ungrounded(value, sources) and value.lower() in sources.lower else None


def lines_to_classify(notes: str, reading: Facts) -> list[NoteLine]:
    """The note lines the code's reading took nothing from (no fact, reference, attachment, person): only
    these may go to a model, so its answer can add facts but never change or remove the code's."""
    used = {f.line for f in reading.facts} | {r.line for r in reading.references}
    used |= {a.line for a in reading.attachments} | set(reading.ignored_lines)
    people = [p.lower() for p in (*reading.interviewers, *reading.others, reading.candidate_name or "") if p]
    return [line for line in note_lines(notes) if line.number not in used and len(line.text.split()) >= 3
            and not any(p in line.text.lower() for p in people)]  # fmt: skip


def build_facts(
    notes: str, extracted: ExtractedFacts | None, sources: Sources, reading: Facts | None = None
) -> tuple[Facts, list[str]]:
    """The code's reading of the notes (`reading`, else read here), plus the model's kinds for lines the code
    left (each such fact is the whole line as written, so its span is the line's own), plus grounded people the
    code did not find. Returns the facts and warnings about model output that pointed at no usable line."""
    reading = reading or read_notes(notes)
    warnings: list[str] = []
    if extracted is None:
        return reading, warnings
    open_lines = {line.number: line for line in lines_to_classify(notes, reading)}
    wrong: list[int] = []
    added: list[Fact] = []
    for item in extracted.facts:
        line = open_lines.get(item.line)
        if line is None:
            wrong.append(item.line)
        elif item.kind != "other" and all(f.line != item.line for f in added):
            added.append(Fact(id="", kind=item.kind, text=line.text, line=line.number, source="model",
                              start=line.offset, end=line.offset + len(line.text)))  # fmt: skip
    if wrong:
        lines_text = ", ".join(map(str, sorted(set(wrong))))
        warnings.append(f"ignored the model's facts for note line(s) {lines_text}, which the notes' reading already "
                        "used or which hold no such line")  # fmt: skip
    facts = sorted([*reading.facts, *added], key=lambda f: (f.line, f.start))
    for number, fact in enumerate(facts, start=1):
        fact.id = f"F{number}"
    update: dict[str, object] = {"facts": facts}
    if not reading.interviewers:
        update["interviewers"] = [n for n in (_grounded_name(i, sources) for i in extracted.interviewers) if n]
    for name in ("candidate_name", "company", "role"):
        if getattr(reading, name) is None:
            update[name] = _grounded_name(getattr(extracted, name), sources)
    return reading.model_copy(update=update), warnings


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
