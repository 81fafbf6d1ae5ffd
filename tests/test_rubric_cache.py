"""The compiled-rubric cache that `reviser check` uses to start faster."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from reviser.errors import RubricError
from reviser.rubric import check_text, load_rubric, loader

ROOT = Path(__file__).resolve().parent.parent
LETTERS = sorted((ROOT / "fixtures" / "letters").glob("[0-9]*"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes, path: str) -> dict[str, Any]:
        raise AssertionError(f"parsed {path} although the cache should have been used")

    monkeypatch.setattr(loader, "_parse", refuse)


def test_second_load_comes_from_the_cache_and_checks_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load_rubric(None, cache_dir=str(tmp_path))
    assert len(list(tmp_path.glob("rubric-*.marshal"))) == 1
    no_parsing(monkeypatch)
    cached = load_rubric(None, cache_dir=str(tmp_path))
    for path in LETTERS:
        text = path.read_text(encoding="utf-8")
        assert check_text(text, cached) == check_text(text, fresh)


def severity(rubric: loader.Rubric) -> str:
    return next(e.severity for e in rubric.elements if e.id == "apology")


def test_user_rubric_change_is_a_new_entry(tmp_path: Path) -> None:
    rubric_file = tmp_path / "r.toml"
    cache = str(tmp_path / "cache")
    rubric_file.write_text('[elements.apology]\nseverity = "warning"\n', encoding="utf-8")
    assert severity(load_rubric(rubric_file, cache_dir=cache)) == "warning"
    rubric_file.write_text('[elements.apology]\nseverity = "info"\n', encoding="utf-8")
    assert severity(load_rubric(rubric_file, cache_dir=cache)) == "info"
    assert len(os.listdir(cache)) == 2


def test_malformed_user_rubric_still_fails_with_a_cache(tmp_path: Path) -> None:
    rubric_file = tmp_path / "r.toml"
    rubric_file.write_text('[elements.apology]\nseverity = "never"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RubricError, match="elements.apology.severity"):
            load_rubric(rubric_file, cache_dir=str(tmp_path / "cache"))


def test_damaged_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_rubric(None, cache_dir=str(tmp_path))
    (cache_file,) = tmp_path.glob("rubric-*.marshal")
    cache_file.write_bytes(b"not marshal data")
    rubric = load_rubric(None, cache_dir=str(tmp_path))
    assert [e.id for e in rubric.elements][0] == "apology"
    no_parsing(monkeypatch)
    load_rubric(None, cache_dir=str(tmp_path))  # rewritten, so read back without parsing


def test_a_cache_entry_for_other_inputs_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_rubric(None, cache_dir=str(tmp_path))
    (cache_file,) = tmp_path.glob("rubric-*.marshal")
    monkeypatch.setattr(loader, "_cache_key", lambda path, data: b"another key")
    monkeypatch.setattr(loader, "_cache_file", lambda cache_dir, key: str(cache_file))
    calls: list[str] = []
    real_parse = loader._parse
    monkeypatch.setattr(loader, "_parse", lambda data, path: calls.append(path) or real_parse(data, path))
    load_rubric(None, cache_dir=str(tmp_path))
    assert calls == [loader.DEFAULT_PATH]


def test_unwritable_cache_dir_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    rubric = load_rubric(None, cache_dir=str(blocker / "cache"))
    assert len(rubric.elements) == 7


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    for i in range(25):
        old = tmp_path / f"rubric-old{i:02d}.marshal"
        old.write_bytes(b"")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    load_rubric(None, cache_dir=str(tmp_path))
    names = sorted(p.name for p in tmp_path.glob("rubric-*"))
    assert len(names) == 20
    assert "rubric-old00.marshal" not in names and "rubric-old24.marshal" in names


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVISER_CACHE_DIR", "/somewhere")
    assert loader.default_cache_dir() == "/somewhere"
    monkeypatch.setenv("REVISER_CACHE_DIR", "")
    assert loader.default_cache_dir() is None
    monkeypatch.delenv("REVISER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert loader.default_cache_dir() == os.path.join("/xdg", "reviser")
