"""End-to-end crawls of the demo congress site over real HTTP on 127.0.0.1 (no mocks, no internet).

The server logs every request it receives; the tests assert on that log (what was fetched, how
often, what never was), on the archive the crawl leaves behind, and on its summary.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from scraper.archive import Archive
from scraper.crawl.catalog import Catalog
from scraper.crawl.demo import pages
from scraper.crawl.demo.articles import ARTICLES, originals
from scraper.crawl.demo.server import DemoServer
from tests.crawl.conftest import ROOT, SLOW_SECONDS, crawl_command, run_crawl

pytestmark = pytest.mark.slow

ARTICLE_PATHS = {a.path for a in ARTICLES}
EXPECTED_FAILURES = {
    "HTTP 404": 1,
    "HTTP 500": 1,
    "timeout": 1,
    "redirect loop": 1,
    "too large": 1,
    "not a web page": 2,  # the PDF and the image
    "no article": 1,
}


def _groups(docs: Path) -> dict[frozenset[str], dict[str, Any]]:
    """The archive as {every URL of an article: its record}, independent of which URL came first."""
    archive: dict[frozenset[str], dict[str, Any]] = {}
    for _path, article in Archive(docs).load_all():
        urls = frozenset({article.url or "", *article.also_at})
        record = article.to_dict()
        del record["url"], record["also_at"]
        archive[urls] = record
    return archive


def _expected_groups(demo: DemoServer) -> dict[frozenset[str], Any]:
    groups: dict[frozenset[str], Any] = {}
    for article in originals():
        reposts = [demo.url(a.path) for a in ARTICLES if a.repost_of == article.path]
        groups[frozenset({demo.url(article.path), *reposts})] = article
    return groups


def test_full_crawl_archives_exactly_the_articles(demo: DemoServer, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    summary = run_crawl(docs, demo.start_urls())

    archive = _groups(docs)
    expected = _expected_groups(demo)
    assert set(archive) == set(expected)  # nine articles, the repost merged into its original
    for urls, article in expected.items():
        record = archive[urls]
        assert (record["title"], record["date"]) == (article.title, article.date.isoformat())
        if article.source:
            assert record["source"] == article.source, article.path
        if article.author_name:
            assert [a["name"] for a in record["authors"]] == [article.author_name], article.path
        assert article.paragraphs[-1][:20] in record["body"], article.path

    assert summary["articles"] == {"new": 9, "updated": 0, "unchanged": 0, "duplicate": 1}
    assert summary["failures"] == EXPECTED_FAILURES
    assert summary["skipped"] == {"robots.txt": 1}
    assert summary["lists_fetched"] == 8
    for line in ("t20240513_1903.html: HTTP 404", "t20240514_1902.html: HTTP 500",
                 "t20240515_1901.html: no response in time", "t20240512_1904.html: too many redirects",
                 "t20240511_1905.html: response too large", "t20240521_5002.html: not a web page"):  # fmt: skip
        assert line in summary["stderr"]

    requested = demo.paths()
    assert pages.PRIVATE not in requested  # robots.txt disallows /private/
    assert not any(p.startswith("/other/") for p in requested)  # another host: never followed
    assert requested.count("/robots.txt") == 1
    for path in ARTICLE_PATHS:
        assert requested.count(path) == 1, path
    assert all(r.user_agent.startswith("rdkb/") for r in demo.requests)
    assert all("rdkb-tests@localhost" in r.user_agent for r in demo.requests)

    catalog = Catalog(Archive(docs).data_dir / "catalog.sqlite")
    rows = {row.url: row for row in catalog.rows()}
    assert rows[demo.url(pages.MISSING_404)].reason == "HTTP 404"
    assert rows[demo.url(pages.PRIVATE)].status == "skipped"
    for article in ARTICLES:
        row = rows[demo.url(article.path)]
        assert row.status == "archived" and row.raw_path and row.content_hash
        assert (Archive(docs).data_dir / row.raw_path).exists()


def test_second_run_fetches_no_article_again(demo: DemoServer, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    run_crawl(docs, demo.start_urls())
    before = _groups(docs)
    demo.clear()

    summary = run_crawl(docs, demo.start_urls())

    requested = demo.paths()
    assert not ARTICLE_PATHS & set(requested)
    assert set(pages.START_PATHS) <= set(requested)  # list pages are always read again
    # Only transient failures are tried again; permanent ones wait for --refresh.
    article_requests = {p for p in requested if p not in pages.COLUMNS and p != "/robots.txt"}
    assert article_requests == {pages.ERROR_500, pages.SLOW}
    assert summary["already_archived"] == 10
    assert summary["articles"] == {"new": 0, "updated": 0, "unchanged": 0, "duplicate": 0}
    assert _groups(docs) == before


def test_refresh_fetches_archived_articles_again(demo: DemoServer, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    urls = [demo.url("/lfgz/index.html")]
    run_crawl(docs, urls)
    demo.clear()
    summary = run_crawl(docs, urls, "--refresh")
    assert summary["articles"]["unchanged"] == 3
    assert {p for p in demo.paths() if p in ARTICLE_PATHS} == {
        "/lfgz/art_12_3001.html",
        "/lfgz/202402/t20240221_3002.html",
        "/lfgz/202401/t20240115_3003.html",
    }


def test_killed_crawl_resumes_to_the_same_archive(tmp_path: Path) -> None:
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    # One request every 0.1 s, so the kill lands midway.
    with DemoServer(slow_seconds=SLOW_SECONDS) as demo:
        urls = demo.start_urls()
        process = subprocess.Popen(
            crawl_command(killed, urls, "--delay", "0.1", "--concurrency", "1"),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while sum(p in ARTICLE_PATHS for p in demo.paths()) < 4:
            assert process.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        archived_before_kill = {url for urls in _groups(killed) for url in urls}
        assert 0 < len(_groups(killed)) < len(originals())
        demo.clear()

        run_crawl(killed, urls)
        resumed_requests = demo.paths()
        run_crawl(whole, urls)

    assert _groups(killed) == _groups(whole)
    # Nothing archived before the kill was fetched again.
    assert not {demo.url(p) for p in resumed_requests} & archived_before_kill


def test_reextract_rebuilds_the_archive_offline(demo: DemoServer, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    run_crawl(docs, demo.start_urls())
    before = _groups(docs)
    shutil.rmtree(docs / "articles")
    demo.clear()

    done = subprocess.run(
        [*crawl_command(docs, [])[:3], "reextract", "--docs", str(docs), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert demo.paths() == []  # no network
    assert _groups(docs) == before


def test_since_skips_older_articles_and_stops_paginating(demo: DemoServer, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    urls = [demo.url("/lfgz/index.html"), demo.url("/dbgz/list.shtml")]
    summary = run_crawl(docs, urls, "--since", "2024-02-01")

    assert {a.url for _, a in Archive(docs).load_all()} == {
        demo.url("/lfgz/art_12_3001.html"),
        demo.url("/lfgz/202402/t20240221_3002.html"),
    }
    requested = demo.paths()
    assert "/lfgz/202401/t20240115_3003.html" not in requested  # its URL says January
    assert "/dbgz/2023-11/08/content_2001.htm" not in requested
    assert "/dbgz/list.shtml?page=2" not in requested  # a page of old articles leads to older ones
    assert summary["skipped"]["older than --since"] == 2


def test_max_pages_bounds_the_requests(demo: DemoServer, tmp_path: Path) -> None:
    summary = run_crawl(tmp_path / "docs", [demo.url("/xwzx/index.html")], "--max-pages", "3")
    assert len([p for p in demo.paths() if p != "/robots.txt"]) == 3
    assert summary["skipped"]["over --max-pages"] >= 1


def test_polite_by_default(demo: DemoServer, tmp_path: Path) -> None:
    """Without --no-politeness: robots.txt first, then at most one request per second."""
    run_crawl(tmp_path / "docs", [demo.url("/lfgz/index.html")], "--max-pages", "3", polite=True)
    log = demo.requests
    assert [r.path for r in log][0] == "/robots.txt"
    assert len(log) == 4
    gaps = [b.time - a.time for a, b in zip(log[1:], log[2:], strict=False)]
    assert min(gaps) >= 0.95, gaps
