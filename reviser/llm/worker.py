"""The embedded model's worker process: `python -m reviser.llm.worker`, started by `reviser.llm.local`.

llama.cpp is native code, and native code can crash (a CPU feature it mishandles, memory pressure, a user's
own GGUF file). Here it can only take this process down: the CLI sees the pipe close, reports the signal
and saves the user's work. The protocol is one JSON object a line each way on stdin/stdout:

    → {"op": "count", "messages": [...]}            ← {"ok": true, "tokens": 123}
    → {"op": "complete", "messages": [...], "schema": {...} | null, "schema_name": "...", "max_tokens": 200}
    ← {"ok": true, "text": "...", "prompt_tokens": 1, "completion_tokens": 2, "finish_reason": "stop", "seconds": 0.5}
    ← {"ok": false, "error": "model" | "input", "message": "..."}     (a failure the engine reported)

The settings come as the first line: {"model_path": "...", "n_ctx": 8192, "n_threads": null, "seed": 0};
the worker loads the model and answers {"ok": true} (or the error) before reading requests. It ends when
stdin closes.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

# Test hook: "SIGNAL:N" makes the worker kill itself with SIGNAL after generating N tokens (e.g. "SEGV:5"),
# so the tests can show what a native crash mid-generation does to a draft.
KILL_ENV = "REVISER_TEST_KILL_MODEL"


def _kill_hook(spec: str) -> Any:
    name, _, after = spec.partition(":")
    signum = getattr(signal, f"SIG{name.upper().removeprefix('SIG')}")
    limit = int(after or 1)

    def hook(generated: int) -> None:
        if generated >= limit:
            os.kill(os.getpid(), signum)

    return hook


def serve(stdin: TextIO, stdout: TextIO) -> None:
    from reviser.errors import InputError, ModelError
    from reviser.llm.engine import LlamaEngine

    settings = json.loads(stdin.readline() or "{}")
    engine = LlamaEngine(
        Path(settings["model_path"]),
        n_ctx=settings.get("n_ctx", 8192),
        n_threads=settings.get("n_threads"),
        seed=settings.get("seed", 0),
    )
    if os.environ.get(KILL_ENV):
        engine.on_token = _kill_hook(os.environ[KILL_ENV])
    # The first request is implicit: load the model, so that a bad file is reported before any prompt.
    for line in itertools.chain([json.dumps({"op": "load"})], stdin):
        request = json.loads(line)
        reply: dict[str, Any]
        try:
            if request["op"] == "load":
                engine.load()
                reply = {"ok": True}
            elif request["op"] == "count":
                reply = {"ok": True, "tokens": engine.count_tokens(request["messages"]).tokens}
            else:
                done = engine.complete(
                    request["messages"],
                    schema=request["schema"],
                    schema_name=request["schema_name"],
                    max_tokens=request["max_tokens"],
                )
                reply = {"ok": True, "text": done.text, "prompt_tokens": done.prompt_tokens,
                         "completion_tokens": done.completion_tokens, "finish_reason": done.finish_reason,
                         "seconds": done.seconds}  # fmt: skip
        except InputError as exc:
            reply = {"ok": False, "error": "input", "message": str(exc)}
        except ModelError as exc:
            reply = {"ok": False, "error": "model", "message": str(exc)}
        stdout.write(json.dumps(reply) + "\n")
        stdout.flush()


def main() -> None:
    # The protocol owns stdout; anything else written there (a library's print) would corrupt it.
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Ctrl-C reaches the whole process group: the worker just ends (no traceback), the CLI reports it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    serve(sys.stdin, channel)


if __name__ == "__main__":
    main()
