"""Letters drafted from a labelled notes corpus, judged against the labels (issue 9's figures).

    python scripts/eval_letters.py [--notes-dir fixtures/notes] [--backend none|local]

For every case with questions: is the right person greeted, are the references carried exactly (name and every
contact detail; a reference offered without a contact yet is expected only while fewer than two have one), and
how many of the parts the notes support (challenges, skills, example, plan, answers when the notes hold an
accomplishment or skill) carry a placeholder instead. With --backend local the embedded model runs (slow); none
is the composer alone.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # an installed checkout, or PYTHONPATH naming another one, comes first
    sys.path.insert(0, str(ROOT))

from reviser.draft import DraftOptions, run_draft  # noqa: E402
from reviser.errors import InputError  # noqa: E402
from reviser.llm.select import ModelSettings, make_backend  # noqa: E402
from reviser.questions import extract_questions  # noqa: E402
from reviser.render import render_letter  # noqa: E402

SUPPORTED = {  # placeholder -> the fact kinds in the labels that would have filled it
    "[ADD CHALLENGES": {"challenge"},
    "[ADD SKILLS": {"skill"},
    "[ADD EXAMPLE": {"accomplishment"},
    "[ADD PLAN": {"plan"},
    "[ADD ANSWER": {"accomplishment", "skill"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes-dir", default="fixtures/notes")
    parser.add_argument("--backend", default="none", choices=["none", "local"])
    args = parser.parse_args()
    folder = ROOT / args.notes_dir
    cases = tomllib.loads((folder / "labels.toml").read_text())["case"]
    backend = make_backend(ModelSettings(backend=args.backend))
    greeted = refs_ok = refs_total = supported = with_placeholder = letters = 0
    for case in cases:
        notes = (folder / case["file"]).read_text()
        source = (folder / case["questions_file"]).read_text() if case.get("questions_file") else notes
        questions = extract_questions(source, listed=bool(case.get("questions_file")))
        if not questions:
            print(f"{case['file']}: no questions found, no letter")
            continue
        try:
            draft = run_draft(notes, questions, backend, DraftOptions()).draft
        except InputError as exc:  # what the user would see: one line, no letter
            print(f"{case['file']}: no letter: {exc}")
            continue
        letters += 1
        letter = render_letter(draft)
        want = case["interviewers"][0].lower() if case["interviewers"] else "hiring manager"
        ok = want in draft.greeting.lower()
        greeted += ok
        lower = letter.lower()
        # The letter carries every reference with a contact; one offered without a contact yet takes a place
        # (with its placeholder) only while fewer than two have one, and is otherwise named in the report.
        reachable = sum(bool(r["email"] or r["phone"]) for r in case["references"])
        spare = 2 - reachable
        for ref in case["references"]:
            if not (ref["email"] or ref["phone"]):
                if spare <= 0:
                    continue
                spare -= 1
            refs_total += 1
            digits = re.sub(r"\D", "", ref["phone"])
            carried = ref["name"].lower() in lower and (not ref["email"] or ref["email"].lower() in lower) and (
                not digits or digits in re.sub(r"\D", "", letter))
            refs_ok += carried
            if not carried:
                print(f"{case['file']}: reference not carried exactly: {ref['name']}")
        kinds = {f["kind"] for f in case["facts"]}
        missing = 0
        for placeholder, needs in SUPPORTED.items():
            if kinds & needs:
                # Every answer is a part of its own; each other placeholder stands for one part.
                supported += len(draft.answers) if placeholder == "[ADD ANSWER" else 1
                missing += letter.count(placeholder)
        with_placeholder += missing
        print(f"{case['file']}: greeting {'ok' if ok else 'WRONG: ' + draft.greeting}"
              + (f", {missing} placeholder{'s' * (missing != 1)} for parts the notes support" if missing else ""))
    print(f"\nletters: {letters}; greeting names the right person: {greeted} of {letters}")
    print(f"references carried exactly: {refs_ok} of {refs_total}")
    print(f"parts the notes support that carry a placeholder instead: {with_placeholder} of {supported} "
          f"({with_placeholder / max(supported, 1):.0%})")


if __name__ == "__main__":
    main()
