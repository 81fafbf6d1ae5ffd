"""`reviser questions`: list the interview questions found in notes or a transcript."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from reviser.errors import ReviserError
from reviser.inputs import read_text
from reviser.questions import NO_QUESTIONS_HELP, extract_questions


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


@click.command()
@click.argument("file", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one numbered line per question; json: {version, questions: [{text, line, speaker}]}.",
)
@click.option(
    "--candidate",
    metavar="NAME",
    help="Your speaker label in a transcript; your turns are context, not questions. "
    "Default: a speaker labelled Me/I/You/Candidate, else the one who mostly answers.",
)
def questions(file: str, fmt: str, candidate: str | None) -> None:
    """Extract the interview questions from FILE (or - for stdin).

    Understands numbered lists, Q:/A: pairs, speaker transcripts (with or without timestamps), Markdown
    notes, and prose with questions inline. Small talk ("Can you hear me?") is left out.
    """
    if file == "-" and _stdin_is_tty():
        raise click.UsageError(
            "'-' reads the questions from stdin, but stdin is a terminal; pipe a file in "
            "(reviser questions - < notes.txt) or pass a path"
        )
    source = read_text(file)
    found = extract_questions(source.text, candidate=candidate, listed=True)
    if not found:
        raise ReviserError(f"{source.display_name}: no interview questions found; {NO_QUESTIONS_HELP}")
    if fmt == "json":
        payload = {"version": 1, "questions": [dataclasses.asdict(q) for q in found]}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for number, question in enumerate(found, start=1):
        click.echo(f"{number}. (line {question.line}) {question.text}")
