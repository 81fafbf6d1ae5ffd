"""The regex programs cached with the rubric must behave exactly like re.compile."""

from __future__ import annotations

import re
from pathlib import Path

from reviser.rubric import load_rubric, regexes
from reviser.rubric.loader import PATTERN_FLAGS

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "letters").glob("[0-9]*"))]


def test_every_cached_program_matches_like_re_compile() -> None:
    rubric = load_rubric(None)
    keys = list(
        dict.fromkeys(  # the same expressions the cache stores
            [
                *regexes.KNOWN,
                *((p, PATTERN_FLAGS) for group in rubric.patterns.values() for p in group),
                *((kind.pattern, PATTERN_FLAGS) for kind in rubric.findings.placeholders),
            ]
        )
    )
    assert len(keys) > 20
    programs = regexes.programs(keys)
    assert len(programs) >= len(keys) * 0.9, "most patterns should be cacheable on CPython"
    for (pattern, flags), program in programs.items():
        cached = regexes._from_program(pattern, program)
        assert cached is not None, pattern
        plain = re.compile(pattern, flags)
        assert cached.groupindex == plain.groupindex and cached.groups == plain.groups
        for text in TEXTS[:20]:
            assert [m.span() for m in cached.finditer(text)] == [m.span() for m in plain.finditer(text)], pattern
