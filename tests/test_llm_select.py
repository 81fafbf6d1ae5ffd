"""make_backend / describe: which backend the settings pick, and what the report may show."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import ScriptedBackend

from reviser.errors import ModelError
from reviser.llm.local import DEFAULT_WEIGHTS, LocalBackend
from reviser.llm.openai_backend import OpenAIBackend
from reviser.llm.select import ModelSettings, describe, make_backend

KEY = "sk-select-secret-77"


@pytest.fixture
def weights(tmp_path: Path) -> str:
    # LocalBackend loads weights lazily, so any existing file is enough to build one.
    path = tmp_path / "tiny.gguf"
    path.write_bytes(b"GGUF")
    return str(path)


def test_nothing_set_means_the_embedded_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REVISER_MODEL_PATH", raising=False)
    backend = make_backend(ModelSettings())
    assert isinstance(backend, LocalBackend)
    assert describe(backend) == {"backend": "local", "model": DEFAULT_WEIGHTS, "structured": "grammar"}
    assert backend.max_concurrency == 1


def test_model_path_is_passed_to_the_local_backend(weights: str) -> None:
    backend = make_backend(ModelSettings(model_path=weights))
    assert isinstance(backend, LocalBackend)
    assert backend.model == "tiny.gguf"


def test_base_url_means_openai_with_default_model() -> None:
    backend = make_backend(ModelSettings(base_url="http://127.0.0.1:8080/v1", timeout=5.0, max_retries=1))
    assert isinstance(backend, OpenAIBackend)
    assert (backend.model, backend.base_url, backend.timeout, backend.max_retries) == (
        "gpt-4o-mini",
        "http://127.0.0.1:8080/v1",
        5.0,
        1,
    )
    assert describe(backend) == {"backend": "openai", "model": "gpt-4o-mini", "structured": "json_schema"}


def test_api_key_alone_means_openai() -> None:
    backend = make_backend(ModelSettings(api_key=KEY, model="gpt-4.1-mini", structured="prompt"))
    assert isinstance(backend, OpenAIBackend)
    assert backend.base_url is None
    info = describe(backend)
    assert info == {"backend": "openai", "model": "gpt-4.1-mini", "structured": "prompt"}
    assert KEY not in repr(info)


def test_explicit_local_beats_base_url(weights: str) -> None:
    backend = make_backend(
        ModelSettings(backend="local", base_url="http://x/v1", api_key=KEY, model_path=weights)
    )
    assert isinstance(backend, LocalBackend)


def test_explicit_openai_needs_an_endpoint_or_key() -> None:
    with pytest.raises(ModelError) as info:
        make_backend(ModelSettings(backend="openai", model="gpt-4o"))
    assert str(info.value) == (
        "the openai backend needs an endpoint: --base-url for an OpenAI-compatible server, "
        "or --api-key / OPENAI_API_KEY for api.openai.com"
    )


def test_unknown_structured_mode_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="unknown structured mode 'yaml'"):
        make_backend(ModelSettings(base_url="http://x/v1", structured="yaml"))  # type: ignore[arg-type]


def test_unknown_backend_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="unknown backend 'cloud'; use auto, local, openai or none"):
        make_backend(ModelSettings(backend="cloud"))  # type: ignore[arg-type]


def test_describe_a_backend_without_structured_mode() -> None:
    assert describe(ScriptedBackend([])) == {"backend": "fake", "model": "scripted", "structured": "schema"}
    assert describe(ScriptedBackend([], schema_in_prompt=True))["structured"] == "prompt"
