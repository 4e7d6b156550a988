"""A real HTTP server for the demo congress site, on 127.0.0.1, in a background thread.

It logs every request it receives (tests assert on that log: what was fetched, how often, and what
never was), serves the slow page after ``slow_seconds``, and streams the 50 MB page in chunks
without ever holding it in memory.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from scraper.crawl.demo import pages

_CHUNK = b"<p>" + "示例人大网年度工作要点。".encode() * 1000 + b"</p>\n"


@dataclass(frozen=True)
class LoggedRequest:
    time: float
    method: str
    path: str
    user_agent: str


class DemoServer:
    """``with DemoServer() as server: server.url("/xwzx/index.html")``"""

    def __init__(
        self,
        port: int = 0,
        *,
        slow_seconds: float = 35.0,
        page_delay: float = 0.0,
        echo: bool = False,
    ) -> None:
        self.slow_seconds = slow_seconds
        self.page_delay = page_delay  # added to every response (lets a test stop a crawl midway)
        self.echo = echo
        self.requests: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.demo = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start_urls(self) -> list[str]:
        return [self.url(p) for p in pages.START_PATHS]

    def start(self) -> DemoServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # The request log

    def log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)
        if self.echo:
            print(f"{entry.method} {entry.path}", flush=True)

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a fast crawler opens dozens of connections at once
    block_on_close = False  # the slow page's thread must not hold up shutdown
    demo: DemoServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler hanging up (timeout, size limit, killed) is part of the demo, not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        demo = self.server.demo
        demo.log(
            LoggedRequest(time.monotonic(), "GET", self.path, self.headers.get("User-Agent", ""))
        )
        if demo.page_delay and self.path != "/robots.txt":
            time.sleep(demo.page_delay)
        if self.path == pages.SLOW:
            time.sleep(demo.slow_seconds)
        if self.path == pages.HUGE:
            self._stream_huge()
            return
        external = f"http://localhost:{demo.port}"
        page = pages.page_for(self.path, external)
        if page is None:
            self._send(404, "text/html; charset=utf-8", "<h1>404 页面不存在</h1>".encode())
            return
        self._send(page.status, page.content_type, page.body, page.location)

    def _send(
        self, status: int, content_type: str, body: bytes, location: str | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:
            pass  # the client gave up (timeout): nothing to do

    def _stream_huge(self) -> None:
        """Fifty megabytes, written a chunk at a time until done or the client hangs up."""
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(pages.HUGE_BYTES))
            self.end_headers()
            sent = 0
            while sent < pages.HUGE_BYTES:
                chunk = _CHUNK[: pages.HUGE_BYTES - sent]
                self.wfile.write(chunk)
                sent += len(chunk)
        except ConnectionError:
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the demo server keeps its own log
