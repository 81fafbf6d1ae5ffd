"""The embedded model's engine: a GGUF file run by llama-cpp-python, output held to a JSON grammar.

This code runs inside the model worker process (`reviser.llm.worker`), never in the CLI's own process: a
crash in llama.cpp's native code then ends the worker, not the user's session (see `reviser.llm.local`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reviser.errors import ModelError
from reviser.llm.base import Completion, Message, TokenCount

# REVISER_REPACK=1 or 0 overrides the choice made from the CPU's flags (see repack_weights).
REPACK_ENV = "REVISER_REPACK"


def cpu_flags(cpuinfo: str | None = None) -> set[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty where there is none, e.g. macOS)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        except OSError:
            return set()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.split())
    return set()


def repack_weights(flags: set[str] | None = None, env: str | None = None) -> bool:
    """Whether llama.cpp may repack the weights into its "extra" CPU buffer types.

    On CPUs with Intel AMX, llama.cpp repacks the weights for AMX and then crashes in
    ggml_backend_amx_mul_mat (ggml-org/llama.cpp#20824, unfixed); `--no-repack` (use_extra_bufts = false)
    avoids it. Elsewhere repacking is safe and speeds up some quantisations (Q4_0, IQ4_NL on AVX2), so it
    stays on. The bundled Q4_1 model is not repacked on AVX2/AVX-512 CPUs either way.
    """
    env = os.environ.get(REPACK_ENV) if env is None else env
    if env in ("0", "1"):
        return env == "1"
    flags = cpu_flags() if flags is None else flags
    return not any(flag.startswith("amx") for flag in flags)


@contextlib.contextmanager
def _model_params(use_extra_bufts: bool) -> Iterator[None]:
    """Make Llama() load with use_extra_bufts as given.

    llama-cpp-python 0.3.x has the llama_model_params field but no Llama() argument for it, and Llama()
    loads the model inside its constructor from llama_model_default_params(); so that function is wrapped
    for the time of the constructor. The worker is single-threaded, so nothing else sees the wrapper.
    """
    import llama_cpp.llama_cpp as low

    default = low.llama_model_default_params
    if use_extra_bufts or not any(field[0] == "use_extra_bufts" for field in low.llama_model_params._fields_):
        yield
        return

    def params() -> Any:
        value = default()
        value.use_extra_bufts = False
        return value

    low.llama_model_default_params = params
    try:
        yield
    finally:
        low.llama_model_default_params = default


class LlamaEngine:
    """llama-cpp-python in this process; one call at a time, greedy decoding with a fixed seed."""

    def __init__(self, path: Path, n_ctx: int = 8192, n_threads: int | None = None, seed: int = 0) -> None:
        self.path = path
        self.n_ctx = n_ctx
        # llama-cpp-python's default: half the logical cores, as physical cores are what ggml can use.
        self.n_threads = n_threads or max((os.cpu_count() or 2) // 2, 1)
        self.seed = seed
        self.repack = repack_weights()
        # Called with the number of tokens generated so far, after each one (the worker's test hook).
        self.on_token: Callable[[int], None] | None = None
        self._llm: Any = None
        self._formatter: Any = None
        self._grammars: dict[str, str] = {}

    def load(self) -> Any:
        """Load the weights on first use, so starting the worker stays cheap."""
        if self._llm is None:
            import llama_cpp
            from llama_cpp import llama_chat_format

            try:
                with _model_params(self.repack):
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
        llm = self.load()
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
        return Completion(
            text=text,
            prompt_tokens=len(prompt),
            completion_tokens=len(tokens),
            finish_reason=finish_reason,
            seconds=seconds,
        )

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
                if self.on_token is not None:
                    self.on_token(len(tokens))
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
        self.load()
        return TokenCount(len(self._prompt(messages)), approximate=False)

    def _prompt(self, messages: list[Message]) -> list[int]:
        """The prompt tokens for `messages` (the model is loaded)."""
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
