"""Benchmark `reviser check`.

    python scripts/bench_check.py [--runs 21] [--letter fixtures/examples/letter.txt] [--seconds 3]

(a) Cold process time: `reviser check LETTER` (the installed console script, else `python -m reviser`)
    against `proselint check LETTER`, alternating runs, medians and their ratio (target: reviser at most
    half of proselint's time), plus two references: `python -c pass`, the interpreter's own start-up (the
    floor of any Python command), and `reviser --version`, the start-up of the click path that help,
    --explain and the other sub-commands take (a plain `reviser check FILE` runs without click, see
    reviser.cli.main). Wall time and the child's
    CPU time (user + system) are both reported: on a busy machine the CPU time is the steadier figure. All
    commands run with bytecode caching on (in a temporary PYTHONPYCACHEPREFIX), as they would after a
    normal install, even if the calling environment sets PYTHONDONTWRITEBYTECODE; reviser's compiled-rubric
    cache goes to a temporary directory too. A first run of each fills those caches and is not counted.
(b) In-process throughput of `check_text` on the one-page letters in fixtures/ (target: 500 letters/s),
    and of `analyse`, the part without building the pydantic report.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = ROOT / "fixtures" / "examples" / "letter.txt"


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f})"


def cold(runs: int, letter: Path) -> tuple[float, float]:
    """Median wall-time and CPU-time ratios of reviser to proselint."""
    script = shutil.which("reviser")
    base = [script] if script else [sys.executable, "-m", "reviser"]
    proselint_path = shutil.which("proselint")
    if proselint_path is None:
        raise SystemExit("proselint is not installed (pip install proselint)")
    commands = {
        "reviser check": [*base, "check", str(letter)],
        "proselint check": [proselint_path, "check", str(letter)],
        "reviser --version (click path)": [*base, "--version"],
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
    }
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cache:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(cache, "pyc")
        env["REVISER_CACHE_DIR"] = os.path.join(cache, "rubric")
        for cmd in commands.values():  # fill the caches and warm the OS file cache
            _time(cmd, env)
        for _ in range(runs):
            for name, cmd in commands.items():
                times[name].append(_time(cmd, env))
    # Other processes skew wall times; the load average says how busy the machine was.
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"cold start, {runs} alternating runs each, {letter.name} (load average after the runs: {load}):")
    for name, runs_ in times.items():
        print(f"  {name}: wall {_ms([w for w, _ in runs_])}; CPU {_ms([c for _, c in runs_])}")
    ours, theirs = times["reviser check"], times["proselint check"]
    wall = statistics.median(w for w, _ in ours) / statistics.median(w for w, _ in theirs)
    cpu = statistics.median(c for _, c in ours) / statistics.median(c for _, c in theirs)
    verdict = "met" if wall <= 0.5 else "NOT met"
    print(f"  ratio reviser/proselint: wall {wall:.2f}, CPU {cpu:.2f} (target <= 0.5 on wall: {verdict})")
    return wall, cpu


def throughput(seconds: float) -> float:
    from reviser.rubric import analyse, check_text, load_rubric

    rubric = load_rubric(None)
    letters = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "letters").glob("[0-9]*"))]
    letters.append(LETTER.read_text(encoding="utf-8"))
    words = statistics.mean(len(t.split()) for t in letters)
    rates = {}
    for name, fn in (("check_text", check_text), ("analyse", analyse)):
        for letter in letters:  # warm caches (token normalisation, cue plans)
            fn(letter, rubric)
        count = 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            for letter in letters:
                fn(letter, rubric)
            count += len(letters)
        rates[name] = count / (time.perf_counter() - start)
    print(f"in-process, {len(letters)} letters of {words:.0f} words on average, {seconds:.0f} s each:")
    print(
        f"  check_text: {rates['check_text']:.0f} letters/s "
        f"(target >= 500: {'met' if rates['check_text'] >= 500 else 'NOT met'})"
    )
    print(f"  analyse (no pydantic report): {rates['analyse']:.0f} letters/s")
    return rates["check_text"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="cold runs of each command")
    parser.add_argument("--letter", type=Path, default=LETTER, help="the letter for the cold-start runs")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to run each throughput loop")
    args = parser.parse_args()
    cold(args.runs, args.letter)
    throughput(args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
