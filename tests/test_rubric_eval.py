"""The rubric against the labelled letters in fixtures/letters/ (scripts/eval_rubric.py does the scoring)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELEMENTS = {"apology", "challenges", "skills", "examples", "references", "plan", "ask"}


def load_eval_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_rubric", ROOT / "scripts" / "eval_rubric.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_rubric"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_every_element_scores_f1_of_at_least_0_9() -> None:
    result = load_eval_module().evaluate()
    assert result.letters >= 36
    assert set(result.elements) == ELEMENTS
    scores = {name: round(s.f1, 3) for name, s in result.elements.items()}
    assert all(f1 >= 0.9 for f1 in scores.values()), scores


def test_placeholder_finding_agrees_with_the_labels() -> None:
    result = load_eval_module().evaluate()
    assert result.placeholder_errors == []
