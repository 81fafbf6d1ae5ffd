"""The `reviser` command line: parse options, call the core, print, map errors to exit codes.

Each sub-command lives in its own module; this one holds the group and the error edge.
"""

from __future__ import annotations

import os
import sys

import click

from reviser import __version__
from reviser.errors import ReviserError


class InputFailure(click.ClickException):
    exit_code = 2


class ModelFailure(click.ClickException):
    exit_code = 3


# Click prints each as `Error: message` on stderr and exits with the class's code.
FAILURES: dict[int, type[click.ClickException]] = {2: InputFailure, 3: ModelFailure}


class ReviserGroup(click.Group):
    """Turns typed core errors into one line on stderr and a documented exit code.

    REVISER_DEBUG=1 lets the traceback through instead.
    """

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ReviserError as exc:
            if os.environ.get("REVISER_DEBUG") == "1":
                raise
            # One line on stderr, never a usage dump: the message itself says what to fix.
            raise FAILURES.get(exc.exit_code, click.ClickException)(str(exc)) from None


@click.group(cls=ReviserGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reviser")
def cli() -> None:
    """Draft and check recalibration letters after a job interview that went badly."""


# Sub-command modules import only what `--help` needs; heavy work is imported inside commands.
from reviser.cli import check, draft, questions  # noqa: E402

cli.add_command(check.check)
cli.add_command(questions.questions)
cli.add_command(draft.draft)


def main() -> None:
    try:
        cli.main(prog_name="reviser")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
