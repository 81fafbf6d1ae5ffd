"""Pick and build the backend from the user's settings; describe it for the report without secrets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from reviser.errors import ModelError
from reviser.llm.base import Backend

if TYPE_CHECKING:
    from reviser.llm.openai_backend import StructuredMode

BackendKind = Literal["auto", "local", "openai", "none"]


@dataclass
class ModelSettings:
    backend: BackendKind = "auto"
    model: str | None = None  # endpoint model id; the local backend names its GGUF file instead
    base_url: str | None = None
    api_key: str | None = None
    model_path: str | None = None
    structured: StructuredMode = "auto"
    timeout: float = 120.0
    max_retries: int = 3


def make_backend(settings: ModelSettings) -> Backend:
    """An endpoint when --base-url or an API key is given, else the embedded model; --backend overrides."""
    kind = settings.backend
    if kind == "auto":
        kind = "openai" if settings.base_url or settings.api_key else "local"
    if kind == "openai":
        if not settings.base_url and not settings.api_key:
            raise ModelError(
                "the openai backend needs an endpoint: --base-url for an OpenAI-compatible server, "
                "or --api-key / OPENAI_API_KEY for api.openai.com"
            )
        # Imported here so `reviser check` never pays for these modules.
        from reviser.llm.openai_backend import DEFAULT_MODEL, OpenAIBackend

        return OpenAIBackend(
            model=settings.model or DEFAULT_MODEL,
            base_url=settings.base_url,
            api_key=settings.api_key,
            structured=settings.structured,
            timeout=settings.timeout,
            max_retries=settings.max_retries,
        )
    if kind == "local":
        from reviser.llm.local import LocalBackend

        return LocalBackend(settings.model_path)
    if kind == "none":
        from reviser.llm.none import NoModel

        return NoModel()
    raise ModelError(f"unknown backend {kind!r}; use auto, local, openai or none")


def describe(backend: Backend) -> dict[str, Any]:
    """Backend, model and structured-output mode for the report (never the key or the URL's credentials)."""
    mode = getattr(backend, "structured_mode", None)
    if mode is None:
        mode = "prompt" if backend.schema_in_prompt else "schema"
    return {"backend": backend.name, "model": backend.model, "structured": mode}
