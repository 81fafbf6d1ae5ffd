"""A stand-in OpenAI-compatible server for benchmarks: fixed delay per call, deterministic grounded replies.

It answers /v1/chat/completions with JSON built from the facts in the prompt (as a careful model would), so a
draft passes the gate without repairs and the benchmark measures the pipeline's scheduling, not a model.
Listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _facts(prompt: str) -> list[tuple[str, str]]:
    return re.findall(r"^(F\d+|[a-z]+): (.+)$", prompt.split("<notes>", 1)[-1], flags=re.M)


def reply_for(schema_name: str, prompt: str) -> dict[str, Any]:
    if "Current draft:" in prompt:  # a repair: the facts are in the first user message, not in this one
        prompt = prompt.split("Current draft:")[0]
    facts = _facts(prompt)
    if schema_name == "ExtractedFacts":
        return {"candidate_name": None, "company": None, "role": None, "interviewers": [], "facts": []}
    if schema_name == "AnswerOut":
        fact_id, text = next(((i, t) for i, t in facts if re.search(r"\d", t)), facts[0])
        return {
            "answer": f"A better answer: {text.rstrip('.')}. I would take the same approach with your team, "
            "starting from the people who use the numbers every day.",
            "fact_ids": [fact_id],
        }
    by_kind: dict[str, list[str]] = {}
    for kind, text in facts:
        by_kind.setdefault(kind, []).append(text)
    first = lambda kind: by_kind.get(kind, ["the work we discussed"])[0]  # noqa: E731
    return {
        "subject": "Following up on our interview",
        "apology": f"I'm sorry that I did not do myself justice in our interview; I {first('mistake')}.",
        "challenges": f"You mentioned that {first('challenge')}.",
        "skills": f"I bring {first('skill').split(':')[-1].strip()}. For example, {first('accomplishment')}.",
        "plan": " ".join(f"{t[:1].upper()}{t[1:]}." for t in by_kind.get("plan", [])) or "Days 1-30: listen.",
        "ask": "Would you be open to another conversation next week?",
    }


class _Handler(BaseHTTPRequestHandler):
    delay = 0.5
    calls = 0
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        fmt = body.get("response_format") or {}
        schema = fmt.get("json_schema", {}).get("schema") or fmt.get("schema") or {}
        name = fmt.get("json_schema", {}).get("name") or schema.get("title", "")
        prompt = body["messages"][-1]["content"]
        time.sleep(self.delay)
        with self.lock:
            type(self).calls += 1
        reply = reply_for(name, prompt)
        if schema.get("properties") and name != "AnswerOut":  # a repair asks for the failing parts only
            reply = {k: v for k, v in reply.items() if k in schema["properties"]}
        content = json.dumps(reply)
        prompt_tokens = sum(len(m["content"].split()) for m in body["messages"])
        data = json.dumps({
            "id": "stub", "object": "chat.completion", "created": 0, "model": body.get("model", "stub"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(content.split()),
                      "total_tokens": prompt_tokens + len(content.split())},
        }).encode()  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def serve(delay: float) -> tuple[ThreadingHTTPServer, str]:
    """Start the stub in a thread; returns the server (call .shutdown()) and its base URL."""
    handler = type("Handler", (_Handler,), {"delay": delay, "calls": 0})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1"
