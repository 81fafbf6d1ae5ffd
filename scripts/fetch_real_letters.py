"""Rebuild the git-ignored cache of published sample letters used by the real-letter evaluation.

    python scripts/fetch_real_letters.py status                 # which cached letters are present and intact
    python scripts/fetch_real_letters.py import rl07 page.txt   # cut one letter out of a saved page text
    python scripts/fetch_real_letters.py fingerprint FILE       # start words, word count and hash of a letter

The letters in the real-letter set are other people's writing (career sites, university career pages,
English-exam samples), so the repository holds only where they were published and how to find them:
fixtures/real-letters/sources.toml gives, per letter, the page's address and heading, the search query that
returned the stored copy of the page, the letter's first five words, its length in words and a SHA-256 of its
normalised text; fixtures/real-letters/labels.toml holds the per-element labels. The text itself goes to
.cache/real-letters/ (git-ignored; REVISER_REAL_LETTERS moves it).

Procedure (the machine this was built on has no general web access, so pages come from a stored copy):

1. For each letter in sources.toml, get the page text: open the address in a browser and save the page as
   text, or run the recorded query against a store of public web pages (the project used the "pages" corpus
   of its search tool, whose answers are page excerpts) and save the excerpt holding the letter.
2. ``python scripts/fetch_real_letters.py import ID SAVED_TEXT`` finds the letter's first words in the saved
   text, takes as many words as sources.toml records, checks the hash and writes .cache/real-letters/ID.txt
   with the letter's own line breaks. A page that has changed since fails the hash check and says so.
3. ``python scripts/fetch_real_letters.py status`` must then report every letter present and intact, and
   ``python scripts/eval_rubric.py --real`` measures the rubric on them (``--baseline`` for the keyword rule).

Letters that stop part-way on their page were cut at their last whole sentence and are labelled as cut
(``truncated = true``). Curly quotes, dashes and runs of white space are folded before hashing, so a copy
that differs only in those still matches.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "real-letters" / "sources.toml"
LABELS = ROOT / "fixtures" / "real-letters" / "labels.toml"
START_WORDS = 5

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u00a0": " ", "\u2026": "..."})


def cache_dir() -> Path:
    return Path(os.environ.get("REVISER_REAL_LETTERS") or ROOT / ".cache" / "real-letters")


def words(text: str) -> list[str]:
    """The letter's words as compared and hashed: quotes and dashes folded, split on white space."""
    return text.translate(_FOLD).split()


def fingerprint(text: str) -> dict[str, object]:
    found = words(text)
    return {
        "start": " ".join(found[:START_WORDS]),
        "words": len(found),
        "sha256": hashlib.sha256(" ".join(found).encode("utf-8")).hexdigest(),
    }


def load_sources() -> dict[str, dict[str, object]]:
    letters: dict[str, dict[str, object]] = tomllib.loads(SOURCES.read_text(encoding="utf-8"))["letters"]
    return letters


def cut_letter(page: str, start: str, count: int) -> str | None:
    """The span of `page` that starts with the words `start` and runs for `count` words, or None."""
    tokens = list(re.finditer(r"\S+", page))
    folded = [t.group().translate(_FOLD).casefold() for t in tokens]
    want = start.casefold().split()
    for i in range(len(folded) - len(want) + 1):
        if folded[i : i + len(want)] == want and i + count <= len(tokens):
            return page[tokens[i].start() : tokens[i + count - 1].end()] + "\n"
    return None


def status() -> int:
    sources = load_sources()
    missing, changed = [], []
    for name, source in sources.items():
        path = cache_dir() / name
        if not path.is_file():
            missing.append(name)
        elif fingerprint(path.read_text(encoding="utf-8"))["sha256"] != source["sha256"]:
            changed.append(name)
    print(f"{len(sources)} letters in {SOURCES.relative_to(ROOT)}; cache {cache_dir()}")
    print(f"  intact: {len(sources) - len(missing) - len(changed)}")
    for name in missing:
        s = sources[name]
        print(f"  missing {name}: {s['url']} (query: {s['query']!r}; starts {s['start']!r})")
    for name in changed:
        print(f"  changed {name}: the cached text no longer matches its hash; import it again")
    return 0 if not missing and not changed else 1


def import_letter(letter_id: str, page_file: Path) -> int:
    name = letter_id if letter_id.endswith(".txt") else f"{letter_id}.txt"
    source = load_sources().get(name)
    if source is None:
        print(f"{name} is not in {SOURCES.relative_to(ROOT)}", file=sys.stderr)
        return 2
    letter = cut_letter(page_file.read_text(encoding="utf-8"), str(source["start"]), int(str(source["words"])))
    if letter is None:
        print(f"{page_file}: the letter's first words {source['start']!r} were not found", file=sys.stderr)
        return 1
    if fingerprint(letter)["sha256"] != source["sha256"]:
        print(f"{page_file}: the text differs from the letter that was labelled (the page changed?)", file=sys.stderr)
        return 1
    cache_dir().mkdir(parents=True, exist_ok=True)
    (cache_dir() / name).write_text(letter, encoding="utf-8")
    print(f"wrote {cache_dir() / name}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("status", help="check the cache against sources.toml")
    imp = sub.add_parser("import", help="cut one letter out of a saved page text into the cache")
    imp.add_argument("id", help="the letter's id, e.g. rl07")
    imp.add_argument("page", type=Path, help="the saved text of the page (or the stored excerpt)")
    fp = sub.add_parser("fingerprint", help="print start, words and sha256 for a letter file (to add a source)")
    fp.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "import":
        return import_letter(args.id, args.page)
    if args.command == "fingerprint":
        for key, value in fingerprint(args.file.read_text(encoding="utf-8")).items():
            print(f"{key} = {value!r}" if isinstance(value, str) else f"{key} = {value}")
        return 0
    return status()


if __name__ == "__main__":
    sys.exit(main())
