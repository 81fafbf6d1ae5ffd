"""Any OpenAI-compatible chat endpoint (api.openai.com, llama.cpp's server, vLLM, Ollama ...) via openai.

Servers differ in how they accept a JSON schema, so the structured mode is negotiated: `json_schema`
(OpenAI), then `json_object` with a `schema` (llama.cpp), then the schema in the prompt. Retries are ours,
not the SDK's, so they can be counted and bounded.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import math
import os
import re
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from reviser.errors import ModelError
from reviser.llm.base import Completion, Message, TokenCount
from reviser.llm.structured import with_schema_in_prompt

if TYPE_CHECKING:
    import httpx2
    import openai
    import tiktoken

StructuredMode = Literal["auto", "json_schema", "json_object", "prompt"]
STRUCTURED_MODES: tuple[str, ...] = ("auto", "json_schema", "json_object", "prompt")
# The order `auto` tries; each later mode is accepted by more servers and constrains less.
_FALLBACK: dict[str, str] = {"json_schema": "json_object", "json_object": "prompt"}

DEFAULT_MODEL = "gpt-4o-mini"
MAX_WAIT = 60.0  # never sleep longer than this between retries, whatever Retry-After says
FIRST_BACKOFF = 1.0
# An endpoint that needs no key still needs a non-empty one for the SDK; local servers ignore it.
NO_KEY = "no-key"

_ENCODING_URLS = {
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
}
_O200K_MODELS = re.compile(r"^(chatgpt-4o|gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4)")
_CONTEXT_HINTS = (
    "context_length_exceeded",
    "context length",
    "context window",
    "context size",
    "exceed_context_size",
    "too long",
)


def encoding_name(model: str) -> str:
    """o200k_base for the gpt-4o generation and later, cl100k_base for everything else."""
    return "o200k_base" if _O200K_MODELS.match(model.lower().rsplit("/", 1)[-1]) else "cl100k_base"


def tiktoken_cache_file(name: str) -> str | None:
    """Where tiktoken would cache encoding `name`; None when caching is disabled (it would download)."""
    cache_dir = os.environ.get("TIKTOKEN_CACHE_DIR", os.environ.get("DATA_GYM_CACHE_DIR"))
    if cache_dir is None:
        cache_dir = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if not cache_dir:
        return None
    return os.path.join(cache_dir, hashlib.sha1(_ENCODING_URLS[name].encode()).hexdigest())


@cache
def _offline_encoding(name: str) -> tiktoken.Encoding | None:
    """The tiktoken encoding, but only if it is already on disk: tiktoken downloads missing ones."""
    cache_file = tiktoken_cache_file(name)
    if cache_file is None or not os.path.isfile(cache_file):
        return None
    import tiktoken

    try:
        return tiktoken.get_encoding(name)
    except Exception:  # a corrupt cache makes tiktoken try the network, which fails here; approximate instead
        return None


def count_chat_tokens(model: str, messages: list[Message]) -> TokenCount:
    # OpenAI's published framing: 3 tokens per message, 3 to prime the reply.
    encoding = _offline_encoding(encoding_name(model))
    if encoding is None:
        chars = sum(len(m["content"]) + len(m["role"]) for m in messages)
        return TokenCount(math.ceil(chars / 4) + 3 * len(messages) + 3, approximate=True)
    tokens = sum(len(encoding.encode(m["content"], disallowed_special=())) + 1 for m in messages)
    return TokenCount(tokens + 3 * len(messages) + 3, approximate=False)


def _display_url(url: str) -> str:
    """The URL without any user:password@ part, which may hold a secret."""
    parts = urllib.parse.urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def retry_after_seconds(headers: Any) -> float | None:
    """Retry-After-Ms, Retry-After in seconds or as an HTTP date; None if absent or unreadable."""
    if headers is None:
        return None
    for header, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(header)
        if value is None:
            continue
        try:
            seconds = float(value) / divisor
        except ValueError:
            if header != "retry-after":
                continue
            try:
                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                continue
        if math.isfinite(seconds):
            return max(seconds, 0.0)
    return None


class OpenAIBackend:
    name = "openai"

    def __init__(
        self,
        model: str,
        base_url: str | None,
        api_key: str | None,
        structured: StructuredMode = "auto",
        timeout: float = 120.0,
        max_retries: int = 3,
        *,
        temperature: float | None = 0.0,
        max_concurrency: int = 16,  # the pipeline's --concurrency is the real bound
        sleep: Callable[[float], None] = time.sleep,
        http_client: httpx2.Client | None = None,
    ) -> None:
        if structured not in STRUCTURED_MODES:
            choices = ", ".join(STRUCTURED_MODES)
            raise ModelError(f"unknown structured mode {structured!r}; use one of {choices}")
        self.model = model
        self.base_url = base_url
        self.structured = structured
        # The mode in use; `auto` starts with the strictest and steps down when the server refuses it.
        self.structured_mode: str = "json_schema" if structured == "auto" else structured
        self.schema_in_prompt = self.structured_mode == "prompt"
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_concurrency = max_concurrency
        self._sleep = sleep
        # A caller-built HTTP client (proxies, custom CAs, or a test transport); None lets the SDK build one.
        self._http_client = http_client
        self._api_key = api_key or os.environ.get("OPENAI_API_KEY") or NO_KEY
        self._token_param = "max_tokens"
        # Greedy by default so reruns and recorded cassettes repeat; dropped if the model refuses it.
        self.temperature = temperature
        self._lock = threading.Lock()
        self._client: openai.OpenAI | None = None

    def _openai(self) -> openai.OpenAI:
        with self._lock:
            if self._client is None:
                import openai

                self._client = openai.OpenAI(
                    api_key=self._api_key,
                    base_url=self.base_url,
                    timeout=self.timeout,
                    max_retries=0,
                    http_client=self._http_client,
                )
            return self._client

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, "***") if self._api_key != NO_KEY else text

    def _request(
        self,
        messages: list[Message],
        schema: dict[str, Any] | None,
        schema_name: str,
        max_tokens: int,
        mode: str,
    ) -> dict[str, Any]:
        request: dict[str, Any] = {"model": self.model, "messages": messages, self._token_param: max_tokens}
        if self.temperature is not None:
            request["temperature"] = self.temperature
        if schema is None:
            return request
        if mode == "json_schema":
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": schema, "strict": False},
            }
        elif mode == "json_object":
            request["response_format"] = {"type": "json_object", "schema": schema}
        else:
            # Stepped down to `prompt` mid-run: this call's messages were built without the schema.
            request["messages"] = with_schema_in_prompt(messages, schema)
        return request

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        import openai

        client = self._openai()
        retries = 0
        while True:
            mode = self.structured_mode
            try:
                response = client.chat.completions.create(
                    **self._request(messages, schema, schema_name, max_tokens, mode)
                )
            except openai.APIStatusError as exc:
                if self._step_down(exc, mode, schema):
                    continue
                if exc.status_code in (408, 429) or exc.status_code >= 500:
                    if exc.code == "insufficient_quota":
                        raise ModelError(
                            "the account behind the API key has no quota left (429 insufficient_quota)"
                        ) from None
                    if retries < self.max_retries:
                        self._sleep(self._backoff(retries, exc.response.headers))
                        retries += 1
                        continue
                raise self._status_error(exc, retries) from None
            except openai.APIConnectionError as exc:  # includes APITimeoutError
                if retries < self.max_retries:
                    self._sleep(self._backoff(retries, None))
                    retries += 1
                    continue
                raise self._connection_error(exc, retries) from None
            except (openai.OpenAIError, ValueError) as exc:  # e.g. a 200 whose body is not JSON
                raise ModelError(
                    f"the endpoint's answer could not be read: {self._redact(str(exc))}"
                ) from None
            return self._completion(response, messages, schema_name, retries)

    def _backoff(self, retries: int, headers: Any) -> float:
        wait = retry_after_seconds(headers)
        if wait is None:
            wait = FIRST_BACKOFF * 2**retries
        return min(wait, MAX_WAIT)

    def _step_down(self, exc: Any, mode: str, schema: dict[str, Any] | None) -> bool:
        """On an error that rejects what we sent, switch to what the server accepts; True to resend."""
        # llama-cpp-python's server reports an unsupported response_format as a 500, not a 400.
        if exc.status_code not in (400, 422, 500):
            return False
        text = self._server_message(exc).lower()
        if self._token_param == "max_tokens" and "max_completion_tokens" in text:
            self._token_param = "max_completion_tokens"  # newer OpenAI models refuse the old name
            return True
        if self.temperature is not None and "temperature" in text:
            self.temperature = None  # reasoning models accept only their default temperature
            return True
        if (
            self.structured == "auto"
            and schema is not None
            and mode in _FALLBACK
            and any(word in text for word in ("response_format", "json_schema", "json_object"))
        ):
            with self._lock:
                if self.structured_mode == mode:  # another thread may have stepped down already
                    self.structured_mode = _FALLBACK[mode]
                    self.schema_in_prompt = self.structured_mode == "prompt"
            return True
        return False

    def _server_message(self, exc: Any) -> str:
        """The server's own words: its error message, else the whole body (str(exc) varies by SDK version)."""
        body = exc.body
        if isinstance(body, dict) and isinstance(body.get("message"), str) and body["message"]:
            text = body["message"]
        elif body:
            text = body if isinstance(body, str) else json.dumps(body)
        else:
            text = exc.message
        return self._redact(" ".join(text.split()))[:500]

    def _status_error(self, exc: Any, retries: int) -> ModelError:
        status = exc.status_code
        message = self._server_message(exc)
        lowered = f"{exc.code or ''} {exc.type or ''} {message}".lower()
        if status == 401:
            return ModelError("the endpoint rejected the API key (401); set --api-key or OPENAI_API_KEY")
        if exc.code == "model_not_found" or (status == 404 and "model" in lowered):
            return ModelError(
                f"the endpoint does not know the model '{self.model}' ({status}); "
                "check --model / REVISER_MODEL"
            )
        if status == 404:
            return ModelError(
                f"the endpoint answered 404 for chat/completions ({message}); check --base-url "
                "(OpenAI-compatible servers usually end in /v1)"
            )
        if any(hint in lowered for hint in _CONTEXT_HINTS):
            return ModelError(
                "the prompt is longer than the model's context window; shorten the notes, or raise the "
                "model's context / lower --max-input-tokens"
            )
        if status == 429:
            return ModelError(
                f"the endpoint is still rate-limiting (429) after {retries + 1} attempts; try again later"
            )
        if status >= 500 or status == 408:
            return ModelError(f"the endpoint failed with {status} after {retries + 1} attempts: {message}")
        return ModelError(f"the endpoint rejected the request ({status}): {message}")

    def _connection_error(self, exc: Any, retries: int) -> ModelError:
        import openai

        where = _display_url(self.base_url) if self.base_url else "api.openai.com"
        if isinstance(exc, openai.APITimeoutError):
            return ModelError(
                f"the endpoint {where} did not answer within {self.timeout:g}s ({retries + 1} attempts); "
                "raise --timeout or check the server"
            )
        return ModelError(
            f"could not connect to {where} ({retries + 1} attempts); "
            "check --base-url and that the server is running"
        )

    def _completion(
        self, response: Any, messages: list[Message], schema_name: str, retries: int
    ) -> Completion:
        if not response.choices:
            raise ModelError(f"the endpoint returned no choices for {schema_name}")
        choice = response.choices[0]
        refusal = getattr(choice.message, "refusal", None)
        if refusal or choice.finish_reason == "content_filter":
            reason = f": {self._redact(refusal)}" if refusal else " (content filter)"
            raise ModelError(f"the model refused to answer {schema_name}{reason}")
        text = choice.message.content or ""
        usage = response.usage
        if usage is not None:
            prompt_tokens, completion_tokens = usage.prompt_tokens, usage.completion_tokens
        else:  # some servers omit usage; an estimate keeps the report's totals meaningful
            prompt_tokens = self.count_tokens(messages).tokens
            completion_tokens = math.ceil(len(text) / 4)
        return Completion(
            text=text,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            finish_reason=choice.finish_reason or "stop",
            retries=retries,
        )

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        return count_chat_tokens(self.model, messages)
