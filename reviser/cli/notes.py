"""`reviser notes`: show how the notes were read, so a user can check it before drafting."""

from __future__ import annotations

import dataclasses
import json

import click

from reviser.errors import InputError


@click.command()
@click.argument("file", metavar="FILE|-")
@click.option("-q", "--questions", "questions_path", metavar="FILE", help="Also show the questions found here.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a readable summary; json: {version, reading, questions} for tools.",
)
def notes(file: str, questions_path: str | None, fmt: str) -> None:
    """Show what reviser reads in your NOTES file ('-' for stdin): who will be greeted and who will not, the
    role, company and you, your references and attachments, each fact with its kind and line, and the lines
    ignored as instructions to a model. Nothing is sent to any model."""
    from reviser.inputs import read_text
    from reviser.notes import read_notes
    from reviser.questions import extract_questions

    source = read_text(file)
    reading = read_notes(source.text)
    asked = extract_questions(read_text(questions_path).text, listed=True) if questions_path else None
    if questions_path and not asked:
        raise InputError(f"{questions_path}: no interview questions found")
    if asked:  # as draft greets: the people who asked, when the notes name no interviewer
        from reviser.draft import greet_the_askers
        from reviser.questions import answerable

        reading = greet_the_askers(reading, answerable(asked, reading.others)[0] or asked, source.text)
    if fmt == "json":
        payload = {
            "version": 1,
            "reading": reading.model_dump(),
            "questions": [dataclasses.asdict(q) for q in asked] if asked is not None else None,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    from reviser.draft import greeting

    def show(label: str, value: str | None) -> None:
        click.echo(f"{label:<13}{value if value else '(not found)'}")

    show("greeting:", greeting(reading.interviewers) + ("" if reading.interviewers else "  (no interviewer found)"))
    show("interviewers:", ", ".join(reading.interviewers))
    if reading.others:
        show("not greeted:", ", ".join(reading.others))
    show("role:", reading.role)
    show("company:", reading.company)
    you = ", ".join(x for x in (reading.candidate_name, reading.candidate_email, reading.candidate_phone) if x)
    show("you:", you)
    click.echo(f"references:  {len(reading.references)}")
    for ref in reading.references:
        contact = ", ".join(c for c in (ref.email, ref.phone) if c) or "no e-mail or phone: add one"
        detail = f" ({ref.detail})" if ref.detail else ""
        click.echo(f"  line {ref.line:>3}  {ref.name}{detail}: {contact}")
    click.echo(f"attachments: {len(reading.attachments)}")
    for item in reading.attachments:
        click.echo(f"  line {item.line:>3}  {item.file_name}" + (f": {item.description}" if item.description else ""))
    click.echo(f"facts:       {len(reading.facts)}")
    for fact in reading.facts:
        click.echo(f"  line {fact.line:>3}  {fact.kind:<14} {fact.text}")
    kinds = {f.kind for f in reading.facts}
    missing = [k for k in ("mistake", "challenge", "accomplishment", "skill", "plan") if k not in kinds]
    if missing:
        click.echo("none found:  " + ", ".join(missing) + " (the letter will show a placeholder for each)")
    if reading.ignored_lines:
        lines = ", ".join(map(str, reading.ignored_lines))
        click.echo(f"ignored:     line(s) {lines}, read as instructions to a model")
    if asked is not None:
        click.echo(f"questions:   {len(asked)}")
        for number, question in enumerate(asked, start=1):
            click.echo(f"  {number}. (line {question.line}) {question.text}")
