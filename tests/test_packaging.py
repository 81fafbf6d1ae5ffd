"""The built wheel ships the default rubric and the prompt templates, and `reviser check` runs from it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contents_and_check_from_the_installed_wheel(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("reviser-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reviser/rubric/default.toml" in names
    assert "reviser/checkformat.py" in names
    if list((ROOT / "prompts").glob("*.j2")):
        assert any(n.startswith("reviser/prompts/") and n.endswith(".j2") for n in names)

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1", "REVISER_CACHE_DIR": str(tmp_path / "cache")}
    where = subprocess.run(
        [sys.executable, "-c", "import reviser.rubric; print(reviser.rubric.__file__)"],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip().startswith(str(target))
    letter = ROOT / "fixtures" / "examples" / "letter.txt"
    run = subprocess.run(
        [sys.executable, "-m", "reviser", "check", str(letter)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"{letter} (utf-8, 321 words): PASS\n")
    assert run.stdout.count("✓") == 7
