"""Writing output files atomically, never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reviser.errors import InputError


def ensure_writable(path: str, force: bool) -> None:
    """Fail before any work is done when the output would overwrite a file without --force."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path}: is a directory; give a file name")
    if target.exists() and not force:
        raise InputError(f"{path}: already exists; use --force to overwrite it")
    if not target.parent.resolve().is_dir():
        raise InputError(f"{path}: folder {target.parent} does not exist")


def write_atomic(path: str, text: str, force: bool = False) -> None:
    """Write to a temporary file beside the target, then rename it into place in one step."""
    ensure_writable(path, force)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent.resolve())
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unused_path(path: str) -> str:
    """`path`, or `path` with -1, -2 ... before the suffix, whichever does not exist yet."""
    candidate, stem, suffix, n = Path(path), Path(path).stem, Path(path).suffix, 0
    while candidate.exists():
        n += 1
        candidate = candidate.with_name(f"{stem}-{n}{suffix}")
    return str(candidate)
