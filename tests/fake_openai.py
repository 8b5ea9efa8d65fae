"""A scripted OpenAI-compatible chat server on 127.0.0.1 for tests (no model, no network).

    with fake_openai(mode="cut", reply="...") as server:     # server.base_url == "http://127.0.0.1:<port>/v1"
        ...

Modes (how `/v1/chat/completions` answers, streaming or not):
- "ok":     the whole reply, then finish_reason "stop" and [DONE];
- "length": the reply, then finish_reason "length" (the server's token limit cut it);
- "cut":    part of the reply, then the connection closes: no finish_reason, no [DONE], no chunked
            encoding (HTTP/1.0, the body ends when the socket does);
- "drip":   one word every `interval` seconds (a slow or overloaded server);
- "warn":   HTTP 503 with a long, multi-line English error body that contains a URL.
"""
from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

DEFAULT_REPLY = ("Nhà trường đã quán triệt và triển khai thực hiện nghiêm túc các nội dung của Chỉ thị, "
                 "tổ chức nhiều hoạt động tuyên truyền cho học sinh và phụ huynh trong suốt giai đoạn.")


@dataclass
class FakeServer:
    base_url: str
    requests: list[dict] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return re.findall(r"\s*\S+", text) or [text]


@contextmanager
def fake_openai(mode: str = "ok", reply: str = DEFAULT_REPLY, *, interval: float = 1.0,
                cut_after: int = 6) -> Iterator[FakeServer]:
    state = FakeServer("")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # close-delimited bodies: a cut is a clean EOF, as in the issue

        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):  # noqa: N802  (/v1/models)
            self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

        def do_POST(self):  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            state.requests.append(body)
            if mode == "warn":
                text = ("Service Unavailable: the upstream model worker is overloaded.\nPlease retry later or see "
                        "https://docs.example.invalid/troubleshooting/errors#overloaded-workers-and-queues for "
                        "details about queue limits, retries and backoff.\nTraceback (most recent call last): ...")
                self._json(503, {"error": {"message": text, "type": "server_error"}})
                return
            words = _words(reply)
            if mode == "cut":
                words = words[:cut_after]
            finish = {"ok": "stop", "drip": "stop", "length": "length"}.get(mode)
            if not body.get("stream"):
                self._json(200, {"id": "x", "object": "chat.completion", "created": 0, "model": "fake",
                                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(words)},
                                              "finish_reason": finish}]})
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            try:
                for i, word in enumerate(words):
                    if mode == "drip" and i:
                        time.sleep(interval)
                    self._event({"content": word} if i else {"role": "assistant", "content": word}, None)
                if finish:
                    self._event({}, finish)
                    self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a deadline): fine
                pass

        def _event(self, delta: dict, finish: str | None) -> None:
            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "fake",
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()

        def _json(self, status: int, data: dict) -> None:
            raw = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_port}/v1"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
