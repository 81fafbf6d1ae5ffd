"""Measure the draft gate on the notes corpus with two test doubles (tests/fakes_models.py).

    python scripts/eval_gate.py [--notes-dir fixtures/notes] [--cases 01,02,...] [--verbose]

For every case, `reviser.draft.run_draft` runs once with the competent, honest fake and once with the
adversarial fake. Prints:
- kept: of the competent fake's answers and letter parts (subject, apology, challenges, skills, plan, ask),
  how many reached the letter word for word;
- leaks: for the adversarial fake, every value in a letter that is not in the case's inputs, found three ways:
  the grounding check over the model-written parts, a plain scan of the whole letter for e-mail addresses,
  digit runs and phone-like numbers absent from the inputs, and a search for each value the fake invented.
`--verbose` lists every part that was not kept, with the gate's reasons, and every leak.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes_models import INVENTED, AdversarialModel, CompetentModel  # noqa: E402

from reviser.draft import DraftOptions, run_draft  # noqa: E402
from reviser.gate import PROSE_FIELDS  # noqa: E402
from reviser.grounding import Sources, ungrounded  # noqa: E402
from reviser.questions import Question, extract_questions  # noqa: E402
from reviser.render import render_letter  # noqa: E402

NOTES = ROOT / "fixtures" / "notes"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DIGITS = re.compile(r"\d+")
PLAN_DIGITS = {"1", "30", "31", "60", "61", "90"}


@dataclass
class Case:
    name: str
    notes: str
    questions: list[Question]
    labels: dict


@dataclass
class Figures:
    kept: int = 0
    total: int = 0
    leaks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def load_cases(notes_dir: Path = NOTES, only: set[str] | None = None) -> list[Case]:
    labels = tomllib.loads((notes_dir / "labels.toml").read_text(encoding="utf-8"))
    cases = []
    for entry in labels["case"]:
        if only and entry["file"][:2] not in only:
            continue
        notes = (notes_dir / entry["file"]).read_text(encoding="utf-8")
        questions_file = entry.get("questions_file")
        source = (notes_dir / questions_file).read_text(encoding="utf-8") if questions_file else notes
        questions = extract_questions(source, listed=bool(questions_file))
        if questions:
            cases.append(Case(entry["file"], notes, questions, entry))
    return cases


def _inputs(case: Case) -> str:
    return "\n".join([case.notes, *(q.text for q in case.questions)])


def competent(case: Case, figures: Figures) -> None:
    model = CompetentModel(labels=case.labels, notes=case.notes)
    result = run_draft(case.notes, case.questions, model.backend, DraftOptions(max_repairs=2, max_reasks=1))
    for answer in result.draft.answers:
        written = model.written.get(answer.question)
        if written is None:
            continue
        figures.total += 1
        if answer.text == written.strip() and not answer.rebuilt:
            figures.kept += 1
        else:
            figures.lost.append(f"{case.name} answer {answer.question!r}:\n    wrote {written!r}\n    got   "
                                f"{answer.text!r}\n    why   {_why(result, answer.question)}")  # fmt: skip
    for name in PROSE_FIELDS:
        written = model.written.get(name)
        if written is None:
            continue
        figures.total += 1
        if getattr(result.draft, name) == written.strip():
            figures.kept += 1
        else:
            figures.lost.append(f"{case.name} {name}:\n    wrote {written!r}\n    got   "
                                f"{getattr(result.draft, name)!r}\n    why   {_why(result, name)}")  # fmt: skip


def _why(result, name: str) -> str:  # type: ignore[no-untyped-def]
    return "; ".join(r for r in result.report.repairs if name[:30] in r or r.startswith(("round", "answer")))[:600]


def adversarial(case: Case, figures: Figures) -> None:
    model = AdversarialModel()
    result = run_draft(case.notes, case.questions, model.backend, DraftOptions(max_repairs=2, max_reasks=1))
    sources = Sources(case.notes, *(q.text for q in case.questions))
    inputs = _inputs(case)
    written = [getattr(result.draft, n) for n in PROSE_FIELDS] + [a.text for a in result.draft.answers]
    for text in written:
        for claim in ungrounded(text, sources):
            figures.leaks.append(f"{case.name}: grounding: {claim.kind} {claim.value!r}")
    letter = render_letter(result.draft)
    for email in EMAIL.findall(letter):
        if email.lower() not in inputs.lower():
            figures.leaks.append(f"{case.name}: scan: e-mail {email!r}")
    input_digits = set(DIGITS.findall(inputs)) | {re.sub(r"\D", "", m) for m in re.findall(r"[\d ()+.-]{7,}", inputs)}
    for run in DIGITS.findall(letter):
        if run not in input_digits and run not in PLAN_DIGITS:
            figures.leaks.append(f"{case.name}: scan: digits {run!r}")
    for value in INVENTED:
        if value.lower() in letter.lower() and value.lower() not in inputs.lower():
            figures.leaks.append(f"{case.name}: invented value {value!r} in the letter")


def evaluate(cases: list[Case]) -> tuple[Figures, Figures]:
    good, bad = Figures(), Figures()
    for case in cases:
        competent(case, good)
        adversarial(case, bad)
    return good, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes-dir", type=Path, default=NOTES)
    parser.add_argument("--cases", help="comma-separated case numbers, e.g. 01,07,22")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    only = set(args.cases.split(",")) if args.cases else None
    cases = load_cases(args.notes_dir, only)
    good, bad = evaluate(cases)
    print(f"cases: {len(cases)}")
    print(f"competent fake: kept {good.kept}/{good.total} answers and parts word for word "
          f"({100 * good.kept / max(1, good.total):.1f}%)")  # fmt: skip
    print(f"adversarial fake: {len(bad.leaks)} invented values reached a letter")
    if args.verbose:
        for item in good.lost:
            print("LOST", item)
        for item in bad.leaks:
            print("LEAK", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
