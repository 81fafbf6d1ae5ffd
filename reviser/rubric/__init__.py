"""The recalibration-letter rubric: loading it (default plus user overrides) and checking letters with it.

from reviser.rubric import Rubric, load_rubric, check_text
rubric = load_rubric(None)                      # the shipped default; load_rubric(path) merges a user file
report = check_text(text, rubric, path="letter.txt", questions=["Why ...?"], strict=False)
"""

from reviser.rubric.engine import Outcome, analyse, check_text
from reviser.rubric.loader import Rubric, load_rubric

__all__ = ["Outcome", "Rubric", "analyse", "check_text", "load_rubric"]
