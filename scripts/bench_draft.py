"""Benchmark: wall time of a draft with 8 questions against a stub endpoint with a fixed delay per call.

Target (issue 3): the draft stays within 4 call-delays, because the answers run concurrently.
Run: .venv/bin/python scripts/bench_draft.py [--delay 1.0] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stub_openai_server import serve  # noqa: E402

from reviser.draft import DraftOptions, run_draft  # noqa: E402
from reviser.llm.select import ModelSettings, make_backend  # noqa: E402
from reviser.questions import extract_questions  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delay", type=float, default=1.0, help="seconds the stub waits before each reply")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    notes = (ROOT / "fixtures/examples/notes.txt").read_text()
    questions = extract_questions((ROOT / "fixtures/bench/questions-8.txt").read_text())
    server, url = serve(args.delay)
    walls = []
    try:
        for _ in range(args.runs):
            backend = make_backend(ModelSettings(base_url=url, api_key="stub", model="stub"))
            started = time.perf_counter()
            result = run_draft(notes, questions, backend, DraftOptions())
            walls.append(time.perf_counter() - started)
            report = result.report
    finally:
        server.shutdown()
    wall = statistics.median(walls)
    print(f"questions: {len(questions)}, delay per call: {args.delay:.2f} s, runs: {args.runs}")
    print(f"calls per draft: {report.calls} (re-asks {report.reasks}), passed: {report.passed}")
    print(
        f"tokens per draft: {report.prompt_tokens} prompt + {report.completion_tokens} completion "
        "(as the stub counts them: whitespace words)"
    )
    print(f"wall per draft (median): {wall:.2f} s = {wall / args.delay:.2f} call-delays (target <= 4)")
    sys.exit(0 if wall <= 4 * args.delay else 1)


if __name__ == "__main__":
    main()
