"""reviser.inputs.read_text: encodings accepted, and one clear InputError line for each bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from reviser.errors import InputError
from reviser.inputs import MAX_BYTES, read_text


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Café résumé — done.\n".encode(), "Café résumé — done.\n", "utf-8"),
        (b"\xef\xbb\xbfDear Ana,\n", "Dear Ana,\n", "utf-8-sig"),
        (b"Caf\xe9 \x93quoted\x94 \x96 dash\n", "Café “quoted” – dash\n", "cp1252"),
    ],
)
def test_accepted_encodings(tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    source = read_text(write(tmp_path, "letter.txt", data))
    assert (source.text, source.encoding) == (text, encoding)


def test_stdin(tmp_path: Path) -> None:
    source = read_text("-", stdin=io.BytesIO(b"Dear Ana,\n"))
    assert (source.text, source.display_name, source.path) == ("Dear Ana,\n", "<stdin>", "-")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\n", "is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not text"),
        (
            "bad.txt",
            b"hello \x81\x8d world",
            "not valid text (tried UTF-8, UTF-8 with BOM and cp1252; byte 6 fails); save it as UTF-8",
        ),
        ("big.txt", b"a" * (MAX_BYTES + 1), "larger than 1 MB; is this the right file?"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: {message}"
    assert info.value.exit_code == 2


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        read_text(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match=r": is a directory, not a file$"):
        read_text(str(tmp_path))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who can read anything; simulate the permission error instead.
    path = write(tmp_path, "secret.txt", b"text")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reviser.inputs.open", refuse, raising=False)
    with pytest.raises(InputError, match=r"secret\.txt: cannot read \(Permission denied\)$"):
        read_text(path)


def test_empty_stdin() -> None:
    with pytest.raises(InputError, match=r"^<stdin>: is empty$"):
        read_text("-", stdin=io.BytesIO(b"\n"))


def test_utf16_with_its_bom_is_text(tmp_path):
    # Windows Notepad's "Unicode": UTF-16 with a byte-order mark, NUL bytes and all.
    path = tmp_path / "notes.txt"
    path.write_bytes("Interviewer: Zoë Brandt\n".encode("utf-16"))
    source = read_text(str(path))
    assert (source.text, source.encoding) == ("Interviewer: Zoë Brandt\n", "utf-16")
