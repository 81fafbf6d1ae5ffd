"""`reviser draft`: notes + interview questions → a grounded, rubric-checked letter."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from reviser.errors import InputError

if TYPE_CHECKING:
    from reviser.draft import DraftResult, PlannedCall
    from reviser.questions import Question

EPILOG = """\b
Exit codes:
  0  the letter passes the rubric with nothing left to fill in
  1  a letter was written, but it has placeholders or unresolved failures
  2  usage or input error (nothing was sent to a model)
  3  model or endpoint error (partial work is saved; the message says where)
"""


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _read_until_eof() -> str:
    # On a terminal, Ctrl-D ends one read() without closing stdin, so notes and questions can follow each other.
    return sys.stdin.read()


def _read_pasted(what: str) -> str:
    click.echo(f"Paste your {what}, then press Ctrl-D on an empty line:", err=True)
    return _read_until_eof()


def _read_inputs(notes_path: str | None, questions_path: str | None) -> tuple[str, str | list[Question], bool]:
    """Notes text, questions text (or the questions the notes recall, when none are given), and whether any of it
    came from stdin or a paste (and may exist nowhere else)."""
    from reviser.inputs import TextSource, read_text

    stdin_tty = _stdin_is_tty()
    if notes_path == "-" and questions_path == "-":
        raise InputError("notes and questions cannot both come from stdin; give one of them as a file")
    for path in (notes_path, questions_path):
        if path == "-" and stdin_tty:
            raise InputError("'-' reads from a pipe; pipe a file in (reviser draft - < notes.txt) or give a path")
    pasted = False
    if notes_path is None:
        if not stdin_tty:
            notes_path = "-"
        else:
            notes = TextSource("-", _read_pasted("notes"), "utf-8")
            pasted = True
    if notes_path is not None:
        notes = read_text(notes_path)
        pasted = pasted or notes_path == "-"
    elif not notes.text.strip():
        raise InputError("no notes were pasted")
    if questions_path is None:
        from reviser.questions import extract_questions

        recalled = extract_questions(notes.text)
        if recalled:
            return notes.text, recalled, pasted  # notes that recall the questions asked need no second file
        if not stdin_tty:
            raise InputError("give the interview questions with --questions FILE (none were found in the notes)")
        questions = TextSource("-", _read_pasted("interview questions (one per line)"), "utf-8")
        pasted = True
        if not questions.text.strip():
            raise InputError("no questions were pasted")
    else:
        questions = read_text(questions_path)
        pasted = pasted or questions_path == "-"
    return notes.text, questions.text, pasted


@click.command(epilog=EPILOG)
@click.argument("notes", required=False, metavar="[NOTES|-]")
@click.option(
    "-q",
    "--questions",
    "questions_path",
    metavar="FILE|-",
    help="The interview questions (a list or transcript). Without it, the questions the notes recall are used.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "eml"]),
    default="text",
    show_default=True,
    help="Letter format.",
)
@click.option("-o", "--output", metavar="FILE", help="Write the letter here (atomically) instead of stdout.")
@click.option("--force", is_flag=True, help="Overwrite existing --output/--report files.")
@click.option("--report", "report_path", metavar="FILE", help="Also write the full report as JSON.")
@click.option(
    "--backend",
    type=click.Choice(["auto", "local", "openai", "none"]),
    default="auto",
    show_default=True,
    envvar="REVISER_BACKEND",
    help="auto: an endpoint if --base-url or a key is set, else the local model; none: no model, the letter is "
    "written from your notes alone, instantly [env: REVISER_BACKEND].",
)
@click.option("-m", "--model", envvar="REVISER_MODEL", help="Endpoint model id [env: REVISER_MODEL].")
@click.option("--base-url", envvar="OPENAI_BASE_URL", help="OpenAI-compatible endpoint URL [env: OPENAI_BASE_URL].")
@click.option("--api-key", envvar="OPENAI_API_KEY", help="API key for the endpoint [env: OPENAI_API_KEY].")
@click.option(
    "--model-path",
    envvar="REVISER_MODEL_PATH",
    metavar="FILE.gguf",
    help="GGUF weights for the local backend [env: REVISER_MODEL_PATH].",
)
@click.option(
    "--structured",
    type=click.Choice(["auto", "json_schema", "json_object", "prompt"]),
    default="auto",
    show_default=True,
    help="How the endpoint is asked for JSON.",
)
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds per model call.")
@click.option(
    "--max-repairs",
    type=click.IntRange(0, 5),
    default=None,
    help="Rounds of re-asking the model to fix failing parts [default: 2; 1 with the local model].",
)
@click.option(
    "--max-input-tokens",
    type=click.IntRange(256),
    default=6000,
    show_default=True,
    help="Refuse any call whose prompt is longer.",
)
@click.option(
    "--concurrency",
    type=click.IntRange(1, 16),
    default=8,
    show_default=True,
    help="Questions answered at once (endpoints only).",
)
@click.option("--rubric", "rubric_path", metavar="FILE", help="A rubric file merged over the default.")
@click.option("--dry-run", is_flag=True, help="Print the call plan, prompts and token counts; call nothing.")
@click.option("--quiet", is_flag=True, help="No progress or report on stderr.")
def draft(
    notes: str | None,
    questions_path: str | None,
    fmt: str,
    output: str | None,
    force: bool,
    report_path: str | None,
    backend: str,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    model_path: str | None,
    structured: str,
    timeout: float,
    max_repairs: int | None,
    max_input_tokens: int,
    concurrency: int,
    rubric_path: str | None,
    dry_run: bool,
    quiet: bool,
) -> None:
    """Draft a recalibration letter from NOTES and the interview questions.

    NOTES is a text file of rough notes ('-' for stdin). With no NOTES on a terminal, you are asked to
    paste the notes and then the questions.
    """
    from reviser.draft import DraftInterrupted, DraftOptions, plan_calls, run_draft
    from reviser.files import ensure_writable, unused_path, write_atomic
    from reviser.llm.select import ModelSettings, make_backend
    from reviser.questions import extract_questions
    from reviser.rubric import load_rubric

    for path in (output, report_path):
        if path:
            ensure_writable(path, force)
    rubric = load_rubric(rubric_path)
    notes_text, asked, typed = _read_inputs(notes, questions_path)
    if isinstance(asked, list):
        questions, questions_text = asked, ""
        if not quiet:
            click.echo(f"reviser: {len(questions)} interview question{'s' * (len(questions) != 1)} read from the "
                       "notes; give --questions FILE to use another list", err=True)
    else:
        questions, questions_text = extract_questions(asked, listed=True), asked
    if not questions:
        where = "in the pasted text" if questions_path in (None, "-") else f"in {questions_path}"
        raise InputError(f"no interview questions found {where}; list them one per line, numbered or ending with '?'")
    settings = ModelSettings(
        backend=backend,  # type: ignore[arg-type]
        model=model,
        base_url=base_url,
        api_key=api_key,
        model_path=model_path,
        structured=structured,  # type: ignore[arg-type]
        timeout=timeout,
    )
    chosen = make_backend(settings)
    if dry_run:
        _print_plan(plan_calls(notes_text, questions, chosen), max_input_tokens)
        return
    show = _progress(quiet, chosen)
    options = DraftOptions(max_repairs=max_repairs, max_input_tokens=max_input_tokens,
                           concurrency=concurrency, rubric=rubric)  # fmt: skip
    # Text that exists nowhere else is on disk before the first model call: a crash cannot take it.
    saved = _save_typed_input(notes_text, questions_text, output) if typed else None
    try:
        result = run_draft(notes_text, questions, chosen, options, progress=show)
    except DraftInterrupted as exc:
        from reviser.draft import partial_json

        where = unused_path(f"{output}.partial.json" if output else time.strftime("reviser-partial-%Y%m%d-%H%M%S.json"))
        write_atomic(where, partial_json(exc.partial))
        exc.args = (f"{exc.args[0]}; your notes, questions and the work so far are saved in {where}",)
        raise
    except BaseException:
        if typed:
            kept = f"are saved in {saved}" if saved else "could not be saved"
            click.echo(f"Your notes and questions {kept}; nothing else was written.", err=True)
        raise
    from reviser.render import render_letter

    letter = render_letter(result.draft, fmt)
    if output:
        write_atomic(output, letter, force)
    else:
        click.echo(letter, nl=not letter.endswith("\n"))  # the report on stderr starts on a line of its own
    if report_path:
        write_atomic(report_path, result.report.model_dump_json(indent=2), force)
    if not quiet:
        _print_report(result, output)
        if saved:
            click.echo(f"your notes and questions are saved in {saved}", err=True)
    sys.exit(0 if result.report.passed else 1)


def _save_typed_input(notes: str, questions: str, output: str | None) -> str | None:
    """Save notes and questions that came from stdin or a paste; the path, or None (with a warning)."""
    import json

    from reviser.files import unused_path, write_atomic

    where = unused_path(f"{output}.input.json" if output else time.strftime("reviser-input-%Y%m%d-%H%M%S.json"))
    try:
        write_atomic(where, json.dumps({"notes": notes, "questions": questions}, indent=2, ensure_ascii=False))
    except (OSError, InputError) as exc:
        click.echo(f"warning: could not save your notes and questions to {where}: {exc}", err=True)
        return None
    return where


def _progress(quiet: bool, backend: Any) -> Callable[[str], None] | None:
    """Stage messages (and the local model's speed) on stderr when it is a terminal; nothing on a pipe."""
    if quiet or not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(label: str) -> None:
        click.echo(f"  [{time.monotonic() - started:5.1f}s] {label}…", err=True)

    def speed(label: str, tokens: int, seconds: float) -> None:
        rate = tokens / seconds if seconds > 0 else 0.0
        click.echo(f"  [{time.monotonic() - started:5.1f}s] {label}: {tokens} tokens, {rate:.0f} tokens/s", err=True)

    if hasattr(backend, "progress"):
        backend.progress = speed
    return show


def _print_plan(planned: list[PlannedCall], limit: int) -> None:
    total = 0
    for number, call in enumerate(planned, start=1):
        approx = " (approximate)" if call.approximate else ""
        flag = "  OVER --max-input-tokens" if call.tokens > limit else ""
        click.echo(f"=== call {number}: {call.label}: {call.tokens} prompt tokens{approx}{flag}")
        for message in call.messages:
            click.echo(f"--- {message['role']}")
            click.echo(message["content"])
        total += call.tokens
    click.echo(f"=== {len(planned)} calls, {total} prompt tokens in all, before any repair; nothing was called.")


def _print_report(result: DraftResult, output: str | None) -> None:
    report = result.report
    echo = lambda line: click.echo(line, err=True)  # noqa: E731
    marks = {"present": "✓", "weak": "~", "missing": "✗"}
    tokens = f"{report.prompt_tokens} prompt + {report.completion_tokens} completion tokens"
    echo(
        f"reviser: {report.backend.get('backend')} model {report.backend.get('model')}, "
        f"{report.calls} call{'s' * (report.calls != 1)} ({report.reasks} re-asks, {report.retries} retries), "
        f"{tokens}, {report.seconds} s"
    )
    echo("rubric:  " + "  ".join(f"{marks[s]} {e}" for e, s in report.elements.items()))
    rebuilt = sum(a.rebuilt for a in report.answers)
    waiting = sum(a.text.startswith("[ADD ") for a in report.answers)  # a placeholder is no answer yet
    echo(
        f"answers: {len(report.answers) - waiting} of {len(report.answers)} questions answered"
        + (f" ({rebuilt} written from your notes)" if rebuilt else "")
        + (f", {waiting} waiting for your answer" if waiting else "")
        + (f"; {report.model_words} of the letter's {report.words} words are the model's" if report.calls else "")
    )
    # The outcome per part; every failure the model was told about is in --report.
    rewrites = [r for r in report.repairs if "the model's rewrite was not kept" in r]
    from_notes = [r for r in report.repairs if "rebuilt" in r or "placeholder" in r]
    asked = len(report.repairs) - len(from_notes) - len(rewrites)
    if asked:
        echo(f"repairs: the model was asked {asked} time(s) to fix failing parts (details: --report FILE)")
    if report.backend.get("backend") == "local":
        tried = len(report.answers) - sum(a.rebuilt and not a.fact_ids for a in report.answers)
        echo(f"model:   its rewrite was kept for {tried - len(rewrites)} of {tried} answers; the rest is written "
             "from your notes (details: --report FILE)")
    for repair in from_notes:
        echo(f"{'rebuilt' if 'rebuilt' in repair else 'missing'}: {repair.split(' (', 1)[0]}")
    for issue in report.grounding:
        echo(f"grounding: {issue.field}: '{issue.value}' ({issue.kind}) is not in your notes: {issue.action}")
    for question in report.left_out:
        echo(f"left out: {question}")
    for warning in report.warnings:
        echo(f"warning: {warning}")
    for placeholder in report.placeholders:
        echo(f"to fill: {placeholder}")
    for item in report.to_add:
        echo(f"add to your notes: {item}")
    if output:
        echo(f"letter written to {output}")
    echo(
        "passed: the letter is ready to review and send"
        if report.passed
        else "not ready: fill the placeholders above (or add to your notes and run again)"
    )
