"""A hostile site on 127.0.0.1 for the crawl bounds (issue 13, point 5): a calendar trap, an
endless chain of list pages, and anti-bot challenge pages of the 瑞数 and 加速乐 kinds.

Article pages are the demo site's (:mod:`scraper.crawl.demo`), served under this site's URLs.
Every request is logged, so tests assert what was fetched and how often.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scraper.crawl.demo import pages
from scraper.crawl.demo.articles import ARTICLES

# 瑞数: HTTP 412, a meta tag and obfuscated script computing the cookie.
RUISHU = (
    b'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
    b'charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="abc" r="m">'
    b"<script>var $_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=12345;$_ts.cd='qqqq';</script>"
    b'<script type="text/javascript" charset="utf-8" src="/abc.js" r="m"></script>'
    b"</head><body></body></html>"
)
# 加速乐: HTTP 521, a script that sets __jsl_clearance and reloads.
JIASULE = (
    b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')"
    b"+'earance=1700000000.123|0|abc'+';max-age=3600;path=/';"
    b"location.href=location.pathname+location.search</script></body></html>"
)
# The same kind of page with HTTP 200.
COOKIE_RELOAD = (
    b"<html><head><title>Loading</title></head><body><script>"
    b'document.cookie="clearance=abc123; path=/"; window.location.reload();'
    b"</script></body></html>"
)
CHALLENGED = {  # path -> (status, body)
    "/guard/t20240101_1.html": (412, RUISHU),
    "/guard/t20240102_2.html": (521, JIASULE),
    "/guard/t20240103_3.html": (200, COOKIE_RELOAD),
}
ONCE_CHALLENGED = "/guard/t20240104_4.html"  # a challenge the first time, the page the second


def _article(index: int) -> bytes:
    page = pages.page_for(ARTICLES[index % 4].path, "http://localhost")
    assert page is not None
    return page.body


def _list(links: list[tuple[str, str]]) -> bytes:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    head = "<head><meta charset='utf-8'><title>列表</title></head>"
    return f"<html>{head}<body><ul>{items}</ul></body></html>".encode()


class HostileSite:
    def __init__(self) -> None:
        self.paths: list[str] = []
        self._lock = threading.Lock()
        self._served_once: set[str] = set()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.site = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def __enter__(self) -> HostileSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def count(self, prefix: str) -> int:
        with self._lock:
            return sum(1 for p in self.paths if p.startswith(prefix))

    def answer(self, path: str) -> tuple[int, bytes]:
        with self._lock:
            self.paths.append(path)
        parts = urlsplit(path)
        if parts.path == "/robots.txt":
            return 200, b"User-agent: *\nAllow: /\n"
        if parts.path == "/cal/":  # a calendar: every day links the next, and that day's news
            day = int(parse_qs(parts.query).get("day", ["0"])[0])
            return 200, _list(
                [
                    (
                        f"/cal/t2024{1 + day // 28:02d}{1 + day % 28:02d}_{day}.html",
                        f"当日要闻第{day}篇报道",
                    ),
                    (f"/cal/?day={day + 1}", "下一页"),
                ]
            )
        if parts.path.startswith("/cal/t"):
            return 200, _article(int(parts.path.rsplit("_", 1)[1].split(".")[0]))
        if parts.path.startswith("/deep/list_"):  # list pages without end, no parameters
            number = int(parts.path.removeprefix("/deep/list_").split(".")[0])
            return 200, _list([(f"/deep/list_{number + 1}.html", "下一页")])
        if parts.path == "/guard/":
            links = [
                (p, f"受保护的文章第{i}篇") for i, p in enumerate([*CHALLENGED, ONCE_CHALLENGED])
            ]
            return 200, _list(links)
        if parts.path in CHALLENGED:
            return CHALLENGED[parts.path]
        if parts.path == ONCE_CHALLENGED:
            with self._lock:
                first = parts.path not in self._served_once
                self._served_once.add(parts.path)
            return (521, JIASULE) if first else (200, _article(1))
        return 404, b"<h1>404</h1>"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status, body = self.server.site.answer(self.path)  # type: ignore[attr-defined]
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
