"""Draft jobs for `reviser serve`: each runs in a thread, reports its progress, and keeps its result.

A job outlives the browser tab that started it: the server keeps it until the page has fetched the result and
deleted it, or until the server stops. Nothing here is written to disk, and no job holds the settings it was
started with (an API key lives only in the closure of the running thread).
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from reviser.errors import ReviserError
from reviser.llm.base import Backend, Completion, Message, TokenCount

log = logging.getLogger("reviser.web")

# What run_draft's progress labels name; anything else is shown as it is.
_ANSWER_LABEL = re.compile(r"^answer (\d+)/(\d+)")
_STAGES = (("extract", "extract"), ("answer", "answer"), ("compose", "compose"), ("repair", "repair"))
MAX_FINISHED = 32  # finished jobs nobody fetched; the oldest go first


class Job:
    def __init__(self, kind: str) -> None:
        self.id = secrets.token_urlsafe(16)  # unguessable: it is the only handle on someone's letter
        self.kind = kind
        self.status = "running"  # "running" | "done" | "failed"
        self.started = time.monotonic()
        self.finished: float | None = None
        self.label = "starting"
        self.stage = "start"
        self.question: int | None = None
        self.of: int | None = None
        self.calls = 0
        self.completion_tokens = 0
        self.tokens_per_s: float | None = None
        self.result: dict[str, Any] | None = None
        self.error: str | None = None
        self.partial: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def progress(self, label: str) -> None:
        """run_draft's progress callback; answers are drafted concurrently, so this is called from threads."""
        with self._lock:
            self.label = label
            self.stage = next((stage for word, stage in _STAGES if label.startswith(word)), "other")
            if "repair" in label:
                self.stage = "repair"
            found = _ANSWER_LABEL.match(label)
            if found:
                self.question, self.of = int(found.group(1)), int(found.group(2))

    def record_call(self, completion_tokens: int, seconds: float) -> None:
        with self._lock:
            self.calls += 1
            self.completion_tokens += completion_tokens
            if seconds > 0:
                self.tokens_per_s = round(completion_tokens / seconds, 1)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            end = self.finished if self.finished is not None else time.monotonic()
            return {
                "id": self.id,
                "kind": self.kind,
                "status": self.status,
                "progress": {
                    "stage": self.stage,
                    "label": self.label,
                    "question": self.question,
                    "of": self.of,
                    "calls": self.calls,
                    "completion_tokens": self.completion_tokens,
                    "tokens_per_s": self.tokens_per_s,
                    "seconds": round(end - self.started, 1),
                },
                "result": self.result,
                "error": self.error,
                "partial": self.partial,
            }


class MeteredBackend:
    """Wraps a backend to time each call, so the page can show tokens/s for any model, local or remote."""

    def __init__(self, inner: Backend, job: Job) -> None:
        self._inner = inner
        self._job = job
        self.name = inner.name
        self.model = inner.model
        self.schema_in_prompt = inner.schema_in_prompt
        self.max_concurrency = inner.max_concurrency

    def __getattr__(self, name: str) -> Any:
        # Anything else the pipeline or the report asks for (structured_mode, ...) is the inner backend's.
        return getattr(self._inner, name)

    def complete(
        self, messages: list[Message], *, schema: dict[str, Any] | None, schema_name: str, max_tokens: int
    ) -> Completion:
        started = time.monotonic()
        completion = self._inner.complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens)
        self._job.record_call(completion.completion_tokens, time.monotonic() - started)
        return completion

    def count_tokens(self, messages: list[Message]) -> TokenCount:
        return self._inner.count_tokens(messages)


Work = Callable[[Job], dict[str, Any]]


class JobStore:
    """The running and finished jobs of one server, in memory only."""

    def __init__(self, max_finished: int = MAX_FINISHED) -> None:
        self.max_finished = max_finished
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, kind: str, work: Work) -> Job:
        job = Job(kind)
        with self._lock:
            self._jobs[job.id] = job
            self._prune()
        threading.Thread(target=self._run, args=(job, work), name=f"reviser-{kind}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def remove(self, job_id: str) -> bool:
        with self._lock:
            return self._jobs.pop(job_id, None) is not None

    def _prune(self) -> None:
        finished = sorted((j for j in self._jobs.values() if j.finished is not None), key=lambda j: j.finished or 0)
        for job in finished[: max(0, len(finished) - self.max_finished)]:
            del self._jobs[job.id]

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        from reviser.draft import DraftInterrupted, partial_json

        result: dict[str, Any] | None = None
        error: str | None = None
        partial: dict[str, Any] | None = None
        try:
            result = work(job)
        except DraftInterrupted as exc:
            error = str(exc)
            partial = {"data": exc.partial, "json": partial_json(exc.partial)}
        except ReviserError as exc:
            error = str(exc)
        except Exception as exc:  # a bug: say so on the page rather than leave the job running forever
            log.exception("draft job failed")
            error = f"internal error ({type(exc).__name__}); see the terminal running reviser serve"
        with job._lock:
            job.result, job.error, job.partial = result, error, partial
            job.status = "done" if error is None else "failed"
            job.stage = job.label = job.status
            job.finished = time.monotonic()
