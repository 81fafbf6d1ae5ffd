"""The `reviser` command line: parse options, call the core, print, map errors to exit codes.

Each sub-command lives in its own module; this one holds the group and the error edge. Importing click
is about half of a cold `reviser check`, so a plain `reviser check FILE... [--format F] [--strict]
[--rubric FILE] [--questions FILE]` goes straight to reviser.cli.check.run without it; every other command
line (help, --explain, usage errors, the other sub-commands) goes through the click group, which is built
the first time it is needed (`from reviser.cli import cli` builds it too).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

from reviser import __version__
from reviser.errors import ReviserError

# What the group's error edge maps a ReviserError's exit code to; any other code exits 1.
EXIT_CODES = (2, 3)


def _build() -> None:
    import importlib

    import click

    class InputFailure(click.ClickException):
        exit_code = 2

    class ModelFailure(click.ClickException):
        exit_code = 3

    # Click prints each as `Error: message` on stderr and exits with the class's code.
    failures: dict[int, type[click.ClickException]] = {2: InputFailure, 3: ModelFailure}

    class ReviserGroup(click.Group):
        """Turns typed core errors into one line on stderr and a documented exit code.

        REVISER_DEBUG=1 lets the traceback through instead. Sub-commands are imported when they are used,
        so `reviser check` does not pay for the modules of the others.
        """

        # Each is defined in the module of the same name under reviser.cli.
        lazy_commands = ("check", "draft", "notes", "questions", "serve")

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
                raise failures.get(exc.exit_code, click.ClickException)(str(exc)) from None

    @click.group(cls=ReviserGroup, context_settings={"help_option_names": ["-h", "--help"]})
    @click.version_option(__version__, prog_name="reviser")
    def cli() -> None:
        """Draft and check recalibration letters after a job interview that went badly."""

    globals().update(
        cli=cli, ReviserGroup=ReviserGroup, InputFailure=InputFailure, ModelFailure=ModelFailure, FAILURES=failures
    )


_LAZY = ("cli", "ReviserGroup", "InputFailure", "ModelFailure", "FAILURES")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        _build()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _plain_check(args: list[str]) -> int | None:
    """The exit code of a plain `reviser check ...` run without click, or None when click must handle it."""
    if not args or args[0] != "check":
        return None
    from reviser.cli import check

    parsed = check.parse_plain(args[1:])
    if parsed is None:
        return None
    try:
        return check.run(*parsed)
    except ReviserError as exc:
        if os.environ.get("REVISER_DEBUG") == "1":
            raise
        sys.stderr.write(f"Error: {exc}\n")  # what the group's error edge prints
        return exc.exit_code if exc.exit_code in EXIT_CODES else 1


def main() -> None:
    # What is loaded by now (the interpreter, the modules) lives until exit: keep the garbage collector from
    # traversing it again at every full collection, a few milliseconds of each short run.
    gc.freeze()
    try:
        code = _plain_check(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        gc.freeze()
        __getattr__("cli").main(prog_name="reviser")
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)
