"""Shared test helpers: where fixtures live, and reading Markdown bodies back as plain text."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bench.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_ESCAPE = re.compile(r"\\(.)")


def unescape_markdown(text: str) -> str:
    return _ESCAPE.sub(r"\1", text).replace("&amp;", "&")


def paragraphs(body: str) -> list[str]:
    """Plain-text paragraphs of a Markdown body (headings left out)."""
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    return [unescape_markdown(b) for b in blocks if not b.startswith("#")]


def headings(body: str) -> list[str]:
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    return [unescape_markdown(b.lstrip("#").strip()) for b in blocks if b.startswith("#")]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """A plain static file server on 127.0.0.1 for a built site; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright, one per test module (each test opens its own
    context or page in it)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
