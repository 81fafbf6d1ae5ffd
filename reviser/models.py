"""Pydantic models for every structure that crosses a boundary (files, JSON output, model output)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning", "info"]
Status = Literal["present", "weak", "missing"]


class Strict(BaseModel):
    """Anything loaded from users or models: unknown keys are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# --- check -----------------------------------------------------------------------------------------


class Evidence(Strict):
    start: int  # absolute character offset into the file's text
    end: int
    line: int  # 1-based
    column: int  # 1-based
    text: str


class ElementResult(Strict):
    id: str
    title: str
    status: Status
    severity: Severity
    message: str
    evidence: list[Evidence] = []


class Finding(Strict):
    rule: str  # "placeholder" | "over-apology" | "length" | "unanswered-question" | ...
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int


class FileReport(Strict):
    path: str
    passed: bool
    elements: list[ElementResult] = []
    findings: list[Finding] = []


class CheckReport(Strict):
    version: Literal[1] = 1
    files: list[FileReport] = []
