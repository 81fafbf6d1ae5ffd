"""The page's files ship inside the wheel, so `pip install reviser[web]` alone serves a working page."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "reviser" / "web" / "static"


def test_the_page_refers_only_to_files_it_ships():
    html = (STATIC / "index.html").read_text()
    for ref in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert (STATIC / ref).is_file(), ref


def test_the_wheel_carries_the_web_package_and_its_static_files(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True)  # fmt: skip
    (wheel,) = tmp_path.glob("reviser-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {"reviser/cli/serve.py", "reviser/redo.py", "reviser/web/app.py", "reviser/web/jobs.py",
              "reviser/web/static/index.html", "reviser/web/static/app.js", "reviser/web/static/app.css"}  # fmt: skip
    assert wanted <= names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "Provides-Extra: web" in metadata and "starlette" in metadata and "uvicorn" in metadata
