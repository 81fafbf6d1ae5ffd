"""The `reviser` command line: parse options, call the core, print, map errors to exit codes.

Each sub-command lives in its own module; this one holds the group and the error edge.
"""

from __future__ import annotations

import gc
import importlib
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

    REVISER_DEBUG=1 lets the traceback through instead. Sub-commands are imported when they are used, so
    `reviser check` does not pay for the modules of the others.
    """

    # Each is defined in the module of the same name under reviser.cli.
    lazy_commands = ("check", "draft", "questions", "serve")

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module = importlib.import_module(f"reviser.cli.{cmd_name}")
            self.add_command(getattr(module, cmd_name))
        return super().get_command(ctx, cmd_name)

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


def main() -> None:
    # What is loaded by now (the interpreter, click) lives until exit: keep the garbage collector from
    # traversing it again at every full collection, a few milliseconds of each short run.
    gc.freeze()
    try:
        cli.main(prog_name="reviser")
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
