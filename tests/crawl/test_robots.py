"""robots.txt that cannot be read keeps the crawler out (RFC 9309), on a server of our own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scraper.crawl.demo import pages
from scraper.crawl.demo.articles import ARTICLES
from tests.crawl.conftest import run_crawl

ARTICLE = "/news/t20240101_1.html"
LIST = "/news/"


class _Site(ThreadingHTTPServer):
    robots_status = 503
    requested: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:
        self.server.requested.append(self.path)
        if self.path == "/robots.txt":
            self._send(self.server.robots_status, b"Service Unavailable", "text/plain")
        elif self.path == LIST:
            link = f'<li><a href="{ARTICLE}">某县人大常委会召开第十次会议</a></li>'
            body = f"<html><head><meta charset='utf-8'></head><body><ul>{link}</ul></body></html>"
            self._send(200, body.encode(), "text/html; charset=utf-8")
        elif self.path == ARTICLE:
            page = pages.page_for(ARTICLES[0].path, "http://localhost")
            assert page is not None
            self._send(200, page.body, "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[_Site]:
    server = _Site(("127.0.0.1", 0), _Handler)
    server.requested = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_a_robots_txt_answered_with_a_server_error_keeps_the_crawler_out(
    site: _Site, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{site.server_address[1]}{LIST}"
    summary = run_crawl(tmp_path / "docs", [url])
    assert set(site.requested) == {"/robots.txt"}  # not even the list page (asked twice: a retry)
    assert summary["failures"], summary
    assert "robots.txt answered HTTP 503" in summary["stderr"]


@pytest.mark.slow
def test_a_missing_robots_txt_allows_everything(site: _Site, tmp_path: Path) -> None:
    site.robots_status = 404
    url = f"http://127.0.0.1:{site.server_address[1]}{LIST}"
    run_crawl(tmp_path / "docs", [url])
    assert ARTICLE in site.requested
