"""Archiving does not stall fetching (issue 13, point 2): extraction and archiving run in one
worker thread off the reactor, so downloads go on while a page is slow to process."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.crawl.conftest import ROOT

pytestmark = pytest.mark.slow

# Every article takes half a second to process; the demo site's pages answer at once.
SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import scraper.crawl.worker as worker
    from scraper.crawl.demo.server import DemoServer
    from scraper.crawl.runner import run_crawl
    from scraper.crawl.settings import CrawlOptions
    from scraper.crawl.spider import Target

    extract = worker.article_from_raw
    def slow(raw, hints):
        time.sleep(0.5)
        return extract(raw, hints)
    worker.article_from_raw = slow
    with DemoServer(slow_seconds=0.1) as server:
        options = CrawlOptions(
            docs_dir=Path(sys.argv[1]), polite=False, timeout=5, retries=0, progress_interval=0
        )
        started = time.monotonic()
        counts = run_crawl([Target(u) for u in server.start_urls()], options)
        last_request = max(r.time for r in server.requests) - started
        print(json.dumps({"last_request": last_request, "seconds": time.monotonic() - started,
                          "processing": counts.processing_seconds}))
    """
)


def test_downloads_go_on_while_articles_are_processed(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "docs")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    timing = json.loads(done.stdout.strip().splitlines()[-1])
    assert timing["processing"] >= 5  # a dozen articles at half a second each
    # every page was downloaded long before the worker was through with them
    assert timing["last_request"] < timing["processing"] / 2, timing
