"""Typed user-facing errors. The CLI maps each to one line on stderr and its exit code."""

from __future__ import annotations


class ReviserError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    exit_code = 1


class InputError(ReviserError):
    """A bad file, option or input text (exit 2)."""

    exit_code = 2


class RubricError(InputError):
    """A rubric file that cannot be loaded; the message names the file, key and problem."""


class ModelError(ReviserError):
    """The model or endpoint failed (exit 3)."""

    exit_code = 3
