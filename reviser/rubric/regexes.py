"""Regular expressions compiled once per installation rather than once per run.

`re` parses and compiles patterns in Python, and compiling the rubric's patterns and the text preparation's
was the largest part of `reviser check`'s own start-up. What that compiler hands CPython's regex engine is
plain data (32-bit code words and the group names), so the compiled-rubric cache stores it with the rubric
(`programs`) and later runs give it straight to the engine (`install`, `compile`). This leans on CPython
internals, unchanged from 3.10 to 3.13: the cache key holds the exact Python version, and anything
unexpected falls back to re.compile, so a pattern matches the same either way.
"""

from __future__ import annotations

import _sre  # CPython's regex engine, which re.compile feeds
import importlib
import re
import sys
from collections.abc import Iterable
from typing import Any

Key = tuple[str, int]  # pattern, flags
# What the engine's compile() takes after the pattern: flags, code, group count, group names. The code is
# kept as bytes until a run needs the pattern: most runs need few of them.
Program = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]

KNOWN: list[Key] = []  # the module-level expressions (Lazy), cached with the rubric's
_programs: dict[Key, Program] = {}
_compiled: dict[Key, re.Pattern[str]] = {}


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile, from an installed program when there is one."""
    key = (pattern, int(flags))
    compiled = _compiled.get(key)
    if compiled is None:
        program = _programs.pop(key, None)
        if program is not None:
            compiled = _from_program(pattern, program)
        if compiled is None:
            compiled = re.compile(pattern, flags)
        _compiled[key] = compiled
    return compiled


def install(programs: dict[Key, Program]) -> None:
    """Make programs read from the cache available to compile()."""
    _programs.update(programs)


def programs(keys: Iterable[Key]) -> dict[Key, Program]:
    """The programs of these patterns, for the cache; empty where this interpreter's internals differ."""
    from array import array

    if sys.implementation.name != "cpython" or array("I").itemsize != 4:
        return {}
    try:
        if sys.version_info >= (3, 11):
            parser, compiler = importlib.import_module("re._parser"), importlib.import_module("re._compiler")
        else:  # pragma: no cover - exercised only on Python 3.10
            parser, compiler = importlib.import_module("sre_parse"), importlib.import_module("sre_compile")
    except ImportError:
        return {}
    if _sre.CODESIZE != 4:
        return {}
    out: dict[Key, Program] = {}
    for pattern, flags in keys:
        try:  # the steps of re's compile() before it calls the engine
            parsed = parser.parse(pattern, flags)
            code = array("I", compiler._code(parsed, flags)).tobytes()  # native 32-bit words
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            out[(pattern, flags)] = (
                flags | parsed.state.flags,
                code,
                parsed.state.groups - 1,
                groupindex,
                tuple(indexgroup),
            )
        except Exception:
            continue  # this one is compiled the usual way
    return out


def _from_program(pattern: str, program: Program) -> re.Pattern[str] | None:
    flags, code, groups, groupindex, indexgroup = program
    try:
        words = memoryview(code).cast("I").tolist()  # not array: its extension module takes longer to load
        compiled: re.Pattern[str] = _sre.compile(pattern, flags, words, groups, groupindex, indexgroup)
        return compiled
    except Exception:  # not what this interpreter expects
        return None


class Lazy:
    """A module-level regular expression, compiled on first use (from an installed program if any)."""

    __slots__ = ("key", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.key = (pattern, int(flags))
        self._compiled: re.Pattern[str] | None = None
        KNOWN.append(self.key)

    def get(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile(*self.key)
        return compiled
