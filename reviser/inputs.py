"""Reading letters, notes and transcripts: encodings, size limits and clear errors."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO, NamedTuple

from reviser.errors import InputError

MAX_BYTES = 1_000_000  # an e-mail letter or a page of notes is far below this; anything larger is a mistake


class TextSource(NamedTuple):
    # A named tuple, not a frozen dataclass: `reviser check` reads through this module, and generating the
    # dataclass methods took longer than reading the letter.
    path: str  # as the user gave it; "-" for stdin
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16" or "cp1252"

    @property
    def display_name(self) -> str:
        return "<stdin>" if self.path == "-" else self.path


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with its BOM (Windows' "Unicode"), else cp1252;
    refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: judged as binary or text below
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid text (tried UTF-8, UTF-8 with BOM and cp1252; byte {exc.start} fails); "
            "save it as UTF-8"
        ) from None
    return text, "cp1252"


def read_bytes(path: str, stdin: BinaryIO | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    name = "<stdin>" if path == "-" else path
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
    else:
        if not os.path.exists(path):
            raise InputError(f"{name}: no such file")
        if os.path.isdir(path):
            raise InputError(f"{name}: is a directory, not a file")
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes // 1_000_000} MB; is this the right file?")
    return data


def mail_body(text: str, name: str) -> str:
    """The plain-text body of an e-mail message (.eml), which is what a reader of the letter sees."""
    from email import message_from_string, policy

    message = message_from_string(text, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        raise InputError(f"{name}: an e-mail message without a plain-text part; save the letter as text")
    content: str = body.get_content()
    return content


def read_text(
    path: str, *, stdin: BinaryIO | None = None, max_bytes: int = MAX_BYTES, allow_empty: bool = False
) -> TextSource:
    """Read one input file (or stdin for "-") as text, raising InputError with one clear line."""
    name = "<stdin>" if path == "-" else path
    data = read_bytes(path, stdin, max_bytes)
    text, encoding = decode(data, name)
    if not allow_empty and not text.strip():
        raise InputError(f"{name}: is empty")
    return TextSource(path=path, text=text, encoding=encoding)
