"""`reviser check`: lint recalibration letters against the rubric, offline and deterministic.

Start-up matters here (people run it on every save), so this module imports only the rubric engine and
the formatters; pydantic is imported only for --format json and for a user --rubric file. `run` does the
work without click: `reviser check FILE...` with plain options is dispatched to it straight from
reviser.cli.main, so a check never pays for importing click; the click command (help, --explain, usage
errors) is built on first use and calls the same `run`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from reviser.errors import InputError

if TYPE_CHECKING:
    from reviser.rubric.loader import Rubric

EPILOG = """\b
Exit codes:
  0  every required element is present (warnings alone do not fail without --strict)
  1  a required element is missing or an error finding (such as a placeholder) is
     present; with --strict, weak elements and warnings fail too
  2  usage or input error: a file that cannot be read (missing, a directory, empty,
     binary, not UTF-8/cp1252 text, over 1 MB), or a malformed rubric or questions
     file. With several files, a bad file is reported on stderr, the others are
     still checked, and the exit code is 2.

The compiled rubric is cached in ~/.cache/reviser (or $XDG_CACHE_HOME/reviser);
set REVISER_CACHE_DIR to move it, or to an empty value to turn it off.

\b
Examples:
  reviser check letter.txt
  reviser check drafts/*.md --format line
  reviser check letter.txt --questions questions.txt --strict
  pbpaste | reviser check -
  reviser check --explain
"""

FORMATS = ("text", "json", "line")


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _echo(text: str, err: bool = False) -> None:
    """One line (or block) of output, as click.echo writes it."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    stream.flush()


def run(
    files: tuple[str, ...],
    fmt: str,
    rubric_path: str | None,
    questions_path: str | None,
    strict: bool,
    rubric: Rubric | None = None,
) -> int:
    """Check `files` ("-" is stdin) and print the report; returns the exit code.

    The caller has made sure there is at least one file and at most one "-". Input errors of the rubric,
    the questions or stdin raise (a ReviserError); a file that cannot be read is reported and skipped.
    """
    from reviser import checkformat
    from reviser.inputs import mail_body, read_text
    from reviser.rubric import analyse, load_rubric
    from reviser.rubric.loader import default_cache_dir

    if rubric is None:
        rubric = load_rubric(rubric_path, cache_dir=default_cache_dir())
    if "-" in files and _stdin_is_tty():
        raise InputError(
            "'-' reads a letter from a pipe; pipe one in (reviser check - < letter.txt) or give a path"
        )
    questions = _questions(questions_path) if questions_path else None

    outcomes = []
    bad_input = False
    for path in files:
        try:
            source = read_text(path, stdin=sys.stdin.buffer)
            if path.lower().endswith(".eml"):  # check what the reader sees, not the MIME source
                source = source._replace(text=mail_body(source.text, source.display_name))
        except InputError as exc:
            _echo(f"Error: {exc}", err=True)
            bad_input = True
            continue
        outcomes.append(
            analyse(
                source.text,
                rubric,
                path=source.display_name,
                questions=questions,
                strict=strict,
                encoding=source.encoding,
            )
        )

    if fmt == "json":
        _echo(checkformat.json_report(outcomes))
    elif fmt == "line":
        report = checkformat.line_report(outcomes)
        if report:
            _echo(report)
    elif outcomes:
        _echo(checkformat.text_report(outcomes, strict, color=checkformat.use_color(sys.stdout)))
    return 2 if bad_input else 0 if all(o.passed for o in outcomes) else 1


def _questions(path: str) -> list[str]:
    from reviser.inputs import read_text
    from reviser.questions import answerable, extract_questions

    if path == "-":
        raise _usage_error("--questions needs a file; stdin is for the letter")
    found = extract_questions(read_text(path).text, listed=True)
    if not found:
        raise InputError(
            f"{path}: no interview questions found; list them one per line, numbered or ending with '?'"
        )
    # The questions a letter answers: pay, notice and start dates are left out, as `reviser draft` does.
    return [q.text for q in (answerable(found, [])[0] or found)]


def _usage_error(message: str) -> Exception:
    import click

    return click.UsageError(message)


def parse_plain(args: list[str]) -> tuple[tuple[str, ...], str, str | None, str | None, bool] | None:
    """(files, format, rubric, questions, strict) of a plain `reviser check` command line, or None when it
    needs click: help, --explain, an unknown or malformed option, no file, or "-" twice."""
    files: list[str] = []
    fmt, rubric, questions, strict = "text", None, None, False
    rest = iter(args)
    only_files = False
    for arg in rest:
        if only_files or arg == "-" or not arg.startswith("-"):
            files.append(arg)
        elif arg == "--":
            only_files = True
        elif arg == "--strict":
            strict = True
        else:
            name, eq, value = arg.partition("=")
            if name not in ("--format", "--rubric", "--questions"):
                return None
            if not eq:
                following = next(rest, None)
                if following is None:
                    return None
                value = following
            if name == "--format":
                if value not in FORMATS:
                    return None
                fmt = value
            elif name == "--rubric":
                rubric = value
            else:
                questions = value
    if not files or files.count("-") > 1 or questions == "-":
        return None
    return tuple(files), fmt, rubric, questions, strict


def _build_command() -> Any:
    import click

    @click.command(name="check", epilog=EPILOG)
    @click.argument("files", nargs=-1, metavar="FILE... | -")
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(list(FORMATS)),
        default="text",
        show_default=True,
        help="text: a readable report; line: path:line:col:rule:severity:message; json: machine-readable.",
    )
    @click.option("--rubric", "rubric_path", metavar="FILE", help="A rubric TOML file merged over the default.")
    @click.option(
        "--questions",
        "questions_path",
        metavar="FILE",
        help="Interview questions (a list, Q:/A: notes or a transcript); report those the letter never answers.",
    )
    @click.option("--strict", is_flag=True, help="Weak elements and warnings fail too.")
    @click.option(
        "--explain", is_flag=True, help="Print the rubric: each element, what counts and why it matters."
    )
    def check(
        files: tuple[str, ...],
        fmt: str,
        rubric_path: str | None,
        questions_path: str | None,
        strict: bool,
        explain: bool,
    ) -> None:
        """Check recalibration letters (plain text, Markdown or simple HTML) for the parts they need.

        Reads each FILE, or stdin for "-". Reports every element as present (✓), weak (~) or missing (✗) with
        the line and column of its evidence, plus placeholders, over-apologising, length and, with --questions,
        interview questions the letter does not answer again.
        """
        from reviser import checkformat
        from reviser.rubric import load_rubric
        from reviser.rubric.loader import default_cache_dir

        rubric = load_rubric(rubric_path, cache_dir=default_cache_dir())
        if explain:
            if files:
                raise click.UsageError("--explain prints the rubric only; run the check without it")
            _echo(checkformat.explain(rubric, color=checkformat.use_color(sys.stdout)))
            return
        if not files:
            raise click.UsageError("give one or more letter files to check, or - to read one from stdin")
        if files.count("-") > 1:
            raise click.UsageError("stdin ('-') can be read only once")
        click.get_current_context().exit(run(files, fmt, rubric_path, questions_path, strict, rubric))

    return check


def __getattr__(name: str) -> Any:
    # The click command, built the first time the `reviser` group asks for it.
    if name == "check":
        command = _build_command()
        globals()["check"] = command
        return command
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
