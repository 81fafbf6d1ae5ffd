"""Measure the fallback composer (reviser/fallback.py) on the labelled notes corpus in fixtures/notes/.

    python scripts/eval_fallback.py [--show N] [--case FILE]

For every case, the labelled facts become Facts (one Fact per labelled clause, with its kind and text) and the
labelled questions become the answers to rebuild; then every part and answer is rebuilt and checked:

- grounded: `reviser.grounding.ungrounded` on the case's notes and questions finds nothing in any part or answer;
- rubric: each part, read alone, carries its own rubric element (apology, challenges, skills, plan, ask), and
  each rebuilt answer is a finished sentence;
- relevance: on tests/data/fallback_relevance.toml (question → the fact a reader would pick), how often the
  composer's meaning-matching picks that fact, against the shared-word matching the composer used before.

`--show N` prints the first N rebuilt letters (parts and answers) for reading; `--case` picks one case.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # an installed checkout, or PYTHONPATH naming another one, comes first
    sys.path.insert(0, str(ROOT))

from reviser import fallback  # noqa: E402
from reviser.gate import FIELD_ELEMENT, PROSE_FIELDS  # noqa: E402
from reviser.grounding import Sources, ungrounded  # noqa: E402
from reviser.models import Answer, Attachment, Fact, Facts  # noqa: E402
from reviser.rubric import analyse, load_rubric  # noqa: E402
from reviser.rubric.engine import content_words  # noqa: E402

NOTES = ROOT / "fixtures" / "notes"
RELEVANCE = ROOT / "tests" / "data" / "fallback_relevance.toml"


def load_cases() -> list[dict[str, Any]]:
    with open(NOTES / "labels.toml", "rb") as f:
        return list(tomllib.load(f)["case"])


def case_facts(case: dict[str, Any]) -> Facts:
    notes = (NOTES / case["file"]).read_text()
    facts = []
    for number, item in enumerate(case.get("facts", []), start=1):
        offset = notes.find(item["text"])
        line = notes.count("\n", 0, offset) + 1 if offset >= 0 else 1
        facts.append(Fact(id=f"F{number}", kind=item["kind"], text=item["text"], line=line, source="notes"))
    attachments = [Attachment(file_name=a["file"], description=a.get("description") or None, line=1)
                   for a in case.get("attachments", [])]  # fmt: skip
    return Facts(role=case.get("role") or None, facts=facts, attachments=attachments)


def case_sources(case: dict[str, Any]) -> Sources:
    texts = [(NOTES / case["file"]).read_text()]
    if case.get("questions_file"):
        texts.append((NOTES / case["questions_file"]).read_text())
    return Sources(*texts, *case.get("questions", []))


@dataclass
class Letter:
    case: str
    parts: dict[str, str]
    answers: list[Answer]
    ungrounded: list[str] = field(default_factory=list)
    rubric_failures: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)


def rebuild_case(case: dict[str, Any]) -> Letter:
    facts = case_facts(case)
    sources = case_sources(case)
    rubric = load_rubric(None)
    parts = {name: fallback.rebuild(name, facts) for name in PROSE_FIELDS}
    questions = case.get("questions", [])
    answers = [Answer(question=q, question_line=i + 1, text="", rebuilt=True) for i, q in enumerate(questions)]
    fallback.rebuild_answers(answers, facts, taken=set())
    letter = Letter(case["file"], parts, answers)
    texts = {**parts, **{f"answers[{i + 1}]": a.text for i, a in enumerate(answers)}}
    for name, text in texts.items():
        letter.ungrounded += [f"{name}: {c.kind} {c.value!r}" for c in ungrounded(text, sources)]
    for name, element in FIELD_ELEMENT.items():
        text = parts[name]
        if fallback.PLACEHOLDER_START in text:
            continue  # a placeholder asks the user for the facts; it is not prose to check
        outcome = analyse(text, rubric, path=name)
        if not any(e.id == element and e.status == "present" for e in outcome.elements):
            letter.rubric_failures.append(f"{name}: {text}")
    for i, a in enumerate(answers):
        if not a.text.startswith("[ADD") and not re.search(r"[.!?][\"”’')]?$", a.text):
            letter.unfinished.append(f"answers[{i + 1}]: {a.text}")
    return letter


def shared_word_pick(question: str, facts: list[Fact]) -> Fact:
    """The composer's matching before meaning-matching: shared words, +1 for an accomplishment, +2 for a
    motivation when the question asks why (accomplishment, motivation and skill facts only)."""
    order = ("accomplishment", "motivation", "skill")
    usable = [f for f in facts if f.kind in order]
    asks_why = question.lower().lstrip().startswith("why")

    def score(f: Fact) -> tuple[int, int]:
        overlap = len(content_words(question) & content_words(f.text))
        bonus = (f.kind == "accomplishment") + 2 * (asks_why and f.kind == "motivation")
        return -(overlap + bonus), order.index(f.kind)

    return sorted(usable, key=score)[0]


def meaning_pick(question: str, facts: list[Fact]) -> Fact:
    usable = [f for f in facts if f.kind in fallback.ANSWER_KINDS]
    scores = fallback.fit(question, usable)
    return usable[max(range(len(usable)), key=scores.__getitem__)]


def relevance() -> dict[str, Any]:
    cases = {c["file"]: c for c in load_cases()}
    with open(RELEVANCE, "rb") as f:
        pairs = tomllib.load(f)["pair"]
    result: dict[str, Any] = {"pairs": len(pairs), "meaning": 0, "shared_words": 0, "misses": []}
    for pair in pairs:
        facts = case_facts(cases[pair["file"]]).facts
        good = {pair["best"], *pair.get("also", [])}
        picked = meaning_pick(pair["question"], facts)
        result["meaning"] += picked.text in good
        result["shared_words"] += shared_word_pick(pair["question"], facts).text in good
        if picked.text not in good:
            result["misses"].append((pair["question"], picked.text))
    return result


def show(letter: Letter) -> None:
    print(f"==== {letter.case}")
    for name, text in letter.parts.items():
        print(f"[{name}] {text}")
    for a in letter.answers:
        print(f"  Q: {a.question}\n  A: {a.text}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print the first N rebuilt letters")
    parser.add_argument("--case", help="only this case (its notes file name)")
    args = parser.parse_args(argv)
    cases = [c for c in load_cases() if not args.case or c["file"] == args.case]
    letters = [rebuild_case(c) for c in cases]
    for letter in letters[: args.show or (len(letters) if args.case else 0)]:
        show(letter)
    parts = sum(len(letter.parts) + len(letter.answers) for letter in letters)
    bad_ground = [u for letter in letters for u in letter.ungrounded]
    bad_rubric = [u for letter in letters for u in letter.rubric_failures]
    unfinished = [u for letter in letters for u in letter.unfinished]
    checked = sum(1 for letter in letters for n in FIELD_ELEMENT if fallback.PLACEHOLDER_START not in letter.parts[n])
    print(f"cases: {len(letters)}, parts and answers rebuilt: {parts}")
    print(f"(a) ungrounded claims: {len(bad_ground)}")
    for item in bad_ground:
        print("    ", item)
    print(f"(c) parts failing their own rubric element: {len(bad_rubric)} of {checked} (placeholders not counted)")
    for item in bad_rubric:
        print("    ", item)
    print(f"    answers not ending in a full sentence: {len(unfinished)}")
    if not args.case:
        rel = relevance()
        n = rel["pairs"]
        meaning, words = rel["meaning"], rel["shared_words"]
        print(f"(b) relevance on {n} labelled question → best-fact pairs: meaning-matching {meaning}/{n} "
              f"({meaning / n:.0%}), shared-word matching {words}/{n} ({words / n:.0%})")  # fmt: skip
        for question, picked in rel["misses"]:
            print(f"     miss: {question!r} → {picked!r}")
    return 0 if not (bad_ground or bad_rubric or unfinished) else 1


if __name__ == "__main__":
    sys.exit(main())
