"""Printing `reviser check` results: the readable text report, one-line-per-finding, JSON, and --explain.

Text and line output work on the engine's plain records, so a check never imports pydantic; only JSON
goes through the `CheckReport` model. Nothing here imports click either: `reviser check` runs without it
(see reviser.cli.main), so the styles below are the ANSI codes click.style would write.
"""

from __future__ import annotations

import os
from typing import TextIO

from reviser.rubric.engine import ElementOutcome, FindingOutcome, Outcome
from reviser.rubric.loader import Rubric

SNIPPET = 72
_ELEMENT_MARKS = {"present": "✓", "weak": "~", "missing": "✗"}
_FINDING_MARKS = {"error": "✗", "warning": "!", "info": "·"}
_SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


_FG = {"red": 31, "green": 32, "yellow": 33, "cyan": 36}


def _style(text: str, color: bool, fg: str | None = None, bold: bool = False, dim: bool = False) -> str:
    """`text` with ANSI styles, as click.style writes them, when `color`; else unchanged."""
    if not color:
        return text
    codes = ([f"\x1b[{_FG[fg]}m"] if fg else []) + (["\x1b[1m"] if bold else []) + (["\x1b[2m"] if dim else [])
    return "".join(codes) + text + "\x1b[0m"


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, width: int = SNIPPET) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


# --- text -------------------------------------------------------------------------------------------


def text_report(outcomes: list[Outcome], strict: bool = False, color: bool = False) -> str:
    """The readable report, with ANSI colour when `color`."""
    blocks = [_text_file(o, color) for o in outcomes]
    if len(outcomes) > 1:
        passed = sum(o.passed for o in outcomes)
        blocks.append(
            f"{len(outcomes)} files checked: {passed} passed, {len(outcomes) - passed} failed"
            + (" (strict)" if strict else "")
        )
    return "\n\n".join(blocks)


def _text_file(outcome: Outcome, color: bool) -> str:
    verdict = (
        _style("PASS", color, fg="green", bold=True)
        if outcome.passed
        else _style("FAIL", color, fg="red", bold=True)
    )
    details = ", ".join(x for x in (outcome.encoding, f"{outcome.words} words") if x)
    lines = [f"{_style(outcome.path, color, bold=True)} ({details}): {verdict}"]
    width = max((len(e.title) for e in outcome.elements), default=0)
    for element in outcome.elements:
        lines.append(_text_element(element, width, color))
    if outcome.findings:
        lines.append("  findings:")
        lines.extend(_text_finding(f, color) for f in outcome.findings)
    return "\n".join(lines)


def _text_element(element: ElementOutcome, width: int, color: bool) -> str:
    mark = _ELEMENT_MARKS[element.status]
    if element.status == "present":
        styled = _style(mark, color, fg="green")
    else:
        styled = _style(
            mark, color, fg=_SEVERITY_COLORS[element.severity] if element.status == "missing" else "yellow"
        )
    title = element.title.ljust(width)
    if element.status == "missing":
        return f"  {styled} {title}  {'-'.ljust(7)} missing ({element.severity}): {element.message}"
    first = element.evidence[0]
    where = f"{first.line}:{first.column}".ljust(7)
    if element.status == "weak":
        return f"  {styled} {title}  {where} weak ({element.severity}): {element.message}"
    return f"  {styled} {title}  {where} {_style(_clip(first.text), color, dim=True)}"


def _text_finding(finding: FindingOutcome, color: bool) -> str:
    mark = _style(_FINDING_MARKS[finding.severity], color, fg=_SEVERITY_COLORS[finding.severity])
    where = f"{finding.line}:{finding.column}".ljust(7)
    return f"  {mark} {where} {finding.rule} ({finding.severity}): {finding.message}"


# --- line -------------------------------------------------------------------------------------------


def line_report(outcomes: list[Outcome]) -> str:
    """path:line:col:rule:severity:message, one per missing or weak element and per finding."""
    rows: list[tuple[int, int, str]] = []
    out: list[str] = []
    for outcome in outcomes:
        rows.clear()
        for element in outcome.elements:
            if element.status == "missing":
                rows.append((1, 1, f"{element.id}:{element.severity}:missing: {_one_line(element.message)}"))
            elif element.status == "weak":
                first = element.evidence[0]
                rows.append(
                    (
                        first.line,
                        first.column,
                        f"{element.id}:{element.severity}:weak: {_one_line(element.message)}",
                    )
                )
        for finding in outcome.findings:
            rows.append(
                (
                    finding.line,
                    finding.column,
                    f"{finding.rule}:{finding.severity}:{_one_line(finding.message)}",
                )
            )
        out.extend(f"{outcome.path}:{line}:{column}:{rest}" for line, column, rest in sorted(rows))
    return "\n".join(out)


# --- json -------------------------------------------------------------------------------------------


def json_report(outcomes: list[Outcome]) -> str:
    from reviser.models import CheckReport
    from reviser.rubric.engine import to_report

    return CheckReport(files=[to_report(o) for o in outcomes]).model_dump_json(indent=2)


# --- explain ----------------------------------------------------------------------------------------


def explain(rubric: Rubric, color: bool = False) -> str:
    """The rubric in words: each element, what counts, why it matters, and the extra findings."""
    out = [
        _style("The recalibration-letter rubric", color, bold=True) + f" ({rubric.source})",
        "",
        "A letter fails when an element marked [error] is missing or an [error] finding is present;",
        "with --strict, [warning] elements and findings and weak elements fail too. [info] never fails.",
    ]
    for element in rubric.elements:
        out.append("")
        out.append(_style(f"{element.title}", color, bold=True) + f"  ({element.id}) [{element.severity}]")
        if element.description:
            out.append(f"  What counts:    {element.description}")
        if element.weak:
            out.append(f"  Weak:           {element.weak}")
        if element.why:
            out.append(f"  Why it matters: {element.why}")
        out.append(f"  If missing:     {element.suggestion}")
    f = rubric.findings
    out += [
        "",
        _style("Extra findings", color, bold=True),
        f'  placeholder [{f.placeholder_severity}]: unfilled blanks such as [Company], <name>, TODO, "..", '
        "____ and stage directions like (Mention the project.)",
        f"  over-apology [{f.over_apology_severity}]: {f.over_apology_min} or more sentences that apologise "
        "or dwell on the interview",
        f"  length [{f.length_severity}]: fewer than {f.min_words} or more than {f.max_words} words",
        f"  unanswered-question [{f.unanswered_severity}]: with --questions, an interview question whose "
        f"content words do not appear together in any paragraph (at least {f.min_overlap:.0%} of them, "
        "and at least two)",
    ]
    return "\n".join(out)
