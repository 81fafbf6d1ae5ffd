"""The rubric file format as pydantic models: unknown keys and wrong types are errors.

Every field is optional here; defaults live in one place, `reviser.rubric.loader`, which also checks what a
schema cannot (cue syntax, regular expressions, signal names). Only user rubrics are validated with these
models at run time: the shipped default is validated by the test suite, so `reviser check` does not pay for
importing pydantic on every start.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from reviser.models import Strict

SeverityOrOff = Literal["error", "warning", "info", "off"]


class SignalSpec(Strict):
    cues: list[str] | None = None
    patterns: list[str] | None = None


class RuleSpec(Strict):
    level: Literal["present", "weak"] | None = None
    cues: list[str] | None = None
    patterns: list[str] | None = None
    requires: list[str] | None = None
    unless: list[str] | None = None
    scope: Literal["sentence", "paragraph"] | None = None
    negation: bool | None = None
    min_sentences: int | None = Field(None, ge=1)


class ElementSpec(Strict):
    title: str | None = None
    severity: SeverityOrOff | None = None
    description: str | None = None
    weak: str | None = None
    why: str | None = None
    suggestion: str | None = None
    weak_suggestion: str | None = None
    cues: list[str] | None = None
    patterns: list[str] | None = None
    weak_cues: list[str] | None = None
    weak_patterns: list[str] | None = None
    exclude: list[str] | None = None
    exclude_patterns: list[str] | None = None
    rules: list[RuleSpec] | None = None


class PlaceholderPattern(Strict):
    pattern: str
    label: str


class PlaceholderSpec(Strict):
    severity: SeverityOrOff | None = None
    patterns: list[PlaceholderPattern] | None = None


class OverApologySpec(Strict):
    severity: SeverityOrOff | None = None
    element: str | None = None
    min_sentences: int | None = Field(None, ge=2)


class LengthSpec(Strict):
    severity: SeverityOrOff | None = None
    min_words: int | None = Field(None, ge=0)
    max_words: int | None = Field(None, ge=1)


class CoverageSpec(Strict):
    severity: SeverityOrOff | None = None
    min_overlap: float | None = Field(None, gt=0, le=1)


class FindingsSpec(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=False)

    placeholder: PlaceholderSpec | None = None
    over_apology: OverApologySpec | None = Field(None, alias="over-apology")
    length: LengthSpec | None = None
    unanswered_question: CoverageSpec | None = Field(None, alias="unanswered-question")


class RubricSpec(Strict):
    version: Literal[1] | None = None
    elements: dict[str, ElementSpec] | None = None
    signals: dict[str, SignalSpec] | None = None
    findings: FindingsSpec | None = None
