"""Re-draft one part of a letter and keep the rest as it was ("Redo this part" in `reviser serve`).

With an endpoint it runs the whole draft again and takes the chosen part from the new one. With the embedded
model or none, whose drafts are the same each time, an answer is redone from the next most relevant fact.
"""

from __future__ import annotations

import re

from reviser import fallback
from reviser.draft import DraftOptions, run_draft
from reviser.errors import InputError
from reviser.llm.base import Backend
from reviser.models import Answer, LetterDraft
from reviser.notes import read_notes
from reviser.questions import Question

PARTS = ("subject", "apology", "challenges", "skills", "plan", "ask")
_ANSWER = re.compile(r"^answers\[(\d+)\]$")


def check_part(draft: LetterDraft, part: str) -> int | None:
    """None for a prose part, the answer's index for "answers[i]"; InputError for anything else."""
    if part in PARTS:
        return None
    answer = _ANSWER.match(part)
    if not answer:
        raise InputError(f"cannot redo {part!r}; choose one of {', '.join(PARTS)} or answers[i]")
    index = int(answer.group(1))
    if index >= len(draft.answers):
        raise InputError(f"the letter has {len(draft.answers)} answers; there is no {part}")
    return index


def redo_part(
    notes: str,
    questions: list[Question],
    backend: Backend,
    draft: LetterDraft,
    part: str,
    options: DraftOptions | None = None,
) -> LetterDraft:
    """`draft` with `part` re-drafted: one of PARTS, or "answers[i]" with i the 0-based index in draft.answers."""
    index = check_part(draft, part)
    if index is not None and backend.name in ("local", "none"):
        return _next_example(notes, draft, index)
    fresh = run_draft(notes, questions, backend, options).draft
    if index is None:
        return draft.model_copy(update={part: getattr(fresh, part)})
    old = draft.answers[index]
    # Matched by question, not position: the new run may have found the questions in another order.
    new = next((a for a in fresh.answers if a.question == old.question), None)
    if new is None:
        if index >= len(fresh.answers):
            raise InputError(f"the new draft has no answer for {old.question!r}")
        new = fresh.answers[index]
    answers = [*draft.answers[:index], new, *draft.answers[index + 1 :]]
    return draft.model_copy(update={"answers": answers})


def _next_example(notes: str, draft: LetterDraft, index: int) -> LetterDraft:
    """With the embedded model or none, a fresh draft would write the same answer again: instead, the answer
    is written from the next most relevant fact of the notes that no answer of the letter uses yet."""
    old = draft.answers[index]
    taken = {i for a in draft.answers for i in a.fact_ids}
    new = Answer(question=old.question, question_line=old.question_line, text="", rebuilt=True)
    fallback.rebuild_answers([new], read_notes(notes), taken=taken, attachments=[])
    if not new.fact_ids:
        raise InputError("your notes hold no other example for this question; add one to your notes, then redo it")
    answers = [*draft.answers[:index], new, *draft.answers[index + 1 :]]
    return draft.model_copy(update={"answers": answers})
