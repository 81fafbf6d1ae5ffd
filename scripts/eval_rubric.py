"""Measure the rubric against the labelled letters in fixtures/letters/ (labels.toml).

    python scripts/eval_rubric.py [--letters DIR] [--labels FILE] [--only GLOB] [--errors] [--baseline]
    python scripts/eval_rubric.py --real [--baseline] [--errors]

Prints, per element, precision / recall / F1 with "present" as the positive class, the three-way accuracy
(present / weak / missing) with how the weak labels fared, a confusion summary, and the placeholder
finding against the `placeholders` labels. tests/test_rubric_eval.py uses `evaluate` from here.

--real measures the published sample letters: the text in the git-ignored cache .cache/real-letters/
(rebuilt by scripts/fetch_real_letters.py) against fixtures/real-letters/labels.toml. --baseline scores a
plain keyword rule instead of the rubric (an element is present when one of its keywords occurs anywhere in
the letter; see KEYWORDS), the floor the rubric must beat.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "fixtures" / "letters"
REAL_LABELS = ROOT / "fixtures" / "real-letters" / "labels.toml"
STATUSES = ("present", "weak", "missing")

# The keyword baseline: the words a reader would grep for. An element is "present" when any of its keywords
# occurs in the letter (case-insensitive, at a word start), else "weak" when a weak keyword does, else
# "missing". References need an e-mail address or phone number besides the word.
KEYWORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "apology": (("sorry", "apolog", "regret", "forgive"), ()),
    "challenges": (("challenge", "problem", "issue", "need", "goal", "priorit", "struggl"), ()),
    "skills": (("skill", "experience", "expertise", "proficien", "strength", "background"), ()),
    "examples": (("for example", "for instance", "attach", "enclos", "portfolio", "increased", "reduced"), ()),
    "references": (("reference", "referee"), ()),
    "plan": (("first 30", "first 60", "first 90", "30 days", "60 days", "90 days", "month 1", "week 1"),
             ("plan",)),
    "ask": (("reschedul", "another interview", "second interview", "another chance", "second chance",
             "meet again", "call you", "another opportunity", "postpone", "another time", "another date"),
            ("look forward", "hear from you", "contact me", "get in touch")),
}
_CONTACT = re.compile(r"@[\w-]+\.[a-z]{2,}|\d{3}[ .-]?\d{4}", re.I)


def keyword_status(element: str, text: str) -> str:
    present, weak = KEYWORDS[element]
    lowered = text.lower()

    def found(keys: tuple[str, ...]) -> bool:
        return any(re.search(r"\b" + re.escape(k), lowered) for k in keys)

    if found(present) and (element != "references" or _CONTACT.search(text)):
        return "present"
    if found(weak) or (element == "references" and found(present)):
        return "weak"
    return "missing"


@dataclass
class Scores:
    element: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    # confusion[truth][predicted]
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: {p: 0 for p in STATUSES} for t in STATUSES}
    )
    errors: list[str] = field(default_factory=list)  # "file: truth → predicted"

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

    @property
    def accuracy(self) -> float:
        total = sum(sum(row.values()) for row in self.confusion.values())
        return sum(self.confusion[s][s] for s in STATUSES) / total if total else 1.0


@dataclass
class Evaluation:
    letters: int
    elements: dict[str, Scores]
    placeholder_errors: list[str]
    placeholder_correct: int


def real_letters_dir() -> Path:
    """The cache of published letters that scripts/fetch_real_letters.py rebuilds."""
    return Path(os.environ.get("REVISER_REAL_LETTERS") or ROOT / ".cache" / "real-letters")


def evaluate(
    letters_dir: Path = LETTERS,
    only: str | None = None,
    labels_path: Path | None = None,
    baseline: bool = False,
) -> Evaluation:
    """Run the rubric (or, with `baseline`, the keyword rule) on every labelled letter and score each element."""
    from reviser.rubric import analyse, load_rubric

    rubric = load_rubric(None)
    labels_file = labels_path or letters_dir / "labels.toml"
    labels = tomllib.loads(labels_file.read_text(encoding="utf-8"))["letters"]
    scores: dict[str, Scores] = {}
    placeholder_errors: list[str] = []
    placeholder_correct = 0
    count = 0
    for name, truth in sorted(labels.items()):
        if only and not fnmatch.fnmatch(name, only):
            continue
        count += 1
        text = (letters_dir / name).read_text(encoding="utf-8")
        outcome = analyse(text, rubric, path=name)
        for element in outcome.elements:
            if element.id not in truth:
                continue
            s = scores.setdefault(element.id, Scores(element.id))
            want = truth[element.id]
            got = keyword_status(element.id, text) if baseline else element.status
            s.confusion[want][got] += 1
            if want != got:
                s.errors.append(f"{name}: {want} → {got}")
            if want == "present":
                s.tp += got == "present"
                s.fn += got != "present"
            else:
                s.fp += got == "present"
                s.tn += got != "present"
        has_placeholder = any(f.rule == "placeholder" for f in outcome.findings)
        if has_placeholder == bool(truth.get("placeholders", False)):
            placeholder_correct += 1
        else:
            placeholder_errors.append(
                f"{name}: labelled {truth.get('placeholders')} → found {has_placeholder}"
            )
    return Evaluation(count, scores, placeholder_errors, placeholder_correct)


def report(result: Evaluation, show_errors: bool) -> str:
    lines = [f"{result.letters} labelled letters; positive class = present", ""]
    lines.append(
        f"{'element':<12}{'TP':>4}{'FP':>4}{'FN':>4}{'TN':>4}{'prec':>7}{'recall':>8}{'F1':>7}"
        f"{'3-way acc':>11}{'weak right':>12}"
    )
    for s in result.elements.values():
        weak_total = sum(s.confusion["weak"].values())
        weak = f"{s.confusion['weak']['weak']}/{weak_total}" if weak_total else "-"
        lines.append(
            f"{s.element:<12}{s.tp:>4}{s.fp:>4}{s.fn:>4}{s.tn:>4}{s.precision:>7.2f}{s.recall:>8.2f}"
            f"{s.f1:>7.2f}{s.accuracy:>11.2f}{weak:>12}"
        )
    lines.append("")
    lines.append("confusion (truth → predicted, only cells off the diagonal):")
    for s in result.elements.values():
        cells = [f"{t}→{p}: {n}" for t in STATUSES for p in STATUSES if t != p and (n := s.confusion[t][p])]
        lines.append(f"  {s.element:<12}{', '.join(cells) or 'none'}")
    lines.append("")
    lines.append(
        f"placeholder finding agrees with the label on {result.placeholder_correct}/{result.letters} letters"
    )
    if show_errors:
        lines.append("")
        for s in result.elements.values():
            lines.extend(f"  {s.element}: {e}" for e in s.errors)
        lines.extend(f"  placeholder: {e}" for e in result.placeholder_errors)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--letters", type=Path, default=LETTERS, help="folder with the letters and labels.toml"
    )
    parser.add_argument("--labels", type=Path, help="labels file (default: labels.toml in the letters folder)")
    parser.add_argument(
        "--real", action="store_true", help="the published letters: the cache and fixtures/real-letters/labels.toml"
    )
    parser.add_argument("--baseline", action="store_true", help="score the plain keyword rule instead")
    parser.add_argument("--only", help="only letters whose file name matches this glob, e.g. '0*'")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    letters, labels = args.letters, args.labels
    if args.real:
        letters, labels = real_letters_dir(), REAL_LABELS
        if not letters.is_dir():
            print(f"{letters} is missing: rebuild it with scripts/fetch_real_letters.py", file=sys.stderr)
            return 2
    result = evaluate(letters, args.only, labels, args.baseline)
    print(("keyword baseline: " if args.baseline else "") + report(result, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
