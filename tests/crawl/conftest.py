"""Fixtures for crawl tests: the demo congress site on 127.0.0.1 and a crawl run as a subprocess.

Crawls run in a subprocess (``python -m scraper crawl``) because Scrapy's reactor runs once per
process; that is also how the kill-and-resume test stops one midway.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scraper.crawl.demo.server import DemoServer

ROOT = Path(__file__).resolve().parents[2]
# Timeout and retries small enough for a quick suite, large enough for a loaded CI machine;
# the demo's slow page answers after SLOW_SECONDS, well beyond TIMEOUT.
TIMEOUT = 2.0
SLOW_SECONDS = 5.0


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    with DemoServer(slow_seconds=SLOW_SECONDS) as server:
        yield server


def crawl_command(docs: Path, urls: list[str], *extra: str, polite: bool = False) -> list[str]:
    command = [sys.executable, "-m", "scraper", "crawl", "--docs", str(docs), "--json"]
    command += ["--contact", "rdkb-tests@localhost", "--progress-interval", "0"]
    if not polite:
        command += ["--no-politeness", "--timeout", str(TIMEOUT), "--retries", "1"]
    return [*command, *extra, *urls]


def run_crawl(docs: Path, urls: list[str], *extra: str, polite: bool = False) -> dict[str, Any]:
    """Run one crawl to its end; returns its JSON summary."""
    done = subprocess.run(
        crawl_command(docs, urls, *extra, polite=polite),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    assert done.returncode in (0, 1), done.stderr
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    # non-zero exactly when something failed (issue 13, point 4)
    assert done.returncode == (1 if summary["failures"] else 0), done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    summary["stderr"] = done.stderr
    return summary
