"""End-to-end crawls of the demo congress site over real HTTP on 127.0.0.1 (no mocks, no internet).

The server logs every request it receives; the tests assert on that log (what was fetched, how
often, what never was), on the archive the crawl leaves behind, and on its summary.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from scraper.archive import Archive
from scraper.crawl.catalog import Catalog
from scraper.crawl.demo import pages
from scraper.crawl.demo.articles import ARTICLES, originals
from scraper.crawl.demo.server import DemoServer, LoggedRequest
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


def _differences(
    left: dict[frozenset[str], dict[str, Any]], right: dict[frozenset[str], dict[str, Any]]
) -> list[str]:
    """Where two archives differ (empty: the same articles under the same URLs).

    For an article found at several URLs, the copy that happened to arrive first supplies the
    front matter (its site, source), so only title, date and text are compared there: concurrent
    fetching decides that order, not the crawler."""
    found = [f"only left: {sorted(k)}" for k in left.keys() - right.keys()]
    found += [f"only right: {sorted(k)}" for k in right.keys() - left.keys()]
    for urls in left.keys() & right.keys():
        record, other = left[urls], right[urls]
        keys = ("title", "date", "body") if len(urls) > 1 else tuple(record | other)
        found += [
            f"{sorted(urls)} {key}: {record.get(key)!r} != {other.get(key)!r}"
            for key in keys
            if record.get(key) != other.get(key)
        ]
    return found


def _expected_groups(demo: DemoServer) -> dict[frozenset[str], Any]:
    groups: dict[frozenset[str], Any] = {}
    for article in originals():
        reposts = [demo.url(a.path) for a in ARTICLES if a.repost_of == article.path]
        groups[frozenset({demo.url(article.path), *reposts})] = article
    return groups


@dataclass(frozen=True)
class FirstCrawl:
    demo: DemoServer
    docs: Path
    summary: dict[str, Any]
    requests: tuple[LoggedRequest, ...]


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(slow_seconds=SLOW_SECONDS) as demo:
        yield demo


@pytest.fixture(scope="module")
def first(server: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> FirstCrawl:
    """One uninterrupted crawl of the whole demo site; tests copy its archive before changing it."""
    docs = tmp_path_factory.mktemp("first") / "docs"
    server.clear()
    summary = run_crawl(docs, server.start_urls(), "--progress-interval", "0.5")
    return FirstCrawl(server, docs, summary, tuple(server.requests))


def _copy(first: FirstCrawl, tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(first.docs, docs)
    first.demo.clear()
    return docs


def test_full_crawl_archives_exactly_the_articles(first: FirstCrawl) -> None:
    demo, docs = first.demo, first.docs
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


def test_full_crawl_reports_every_fault(first: FirstCrawl) -> None:
    summary = first.summary
    assert summary["articles"] == {"new": 9, "updated": 0, "unchanged": 0, "duplicate": 1}
    assert summary["failures"] == EXPECTED_FAILURES
    assert summary["skipped"] == {"robots.txt": 1}
    assert summary["lists_fetched"] == 8
    for line in (
        "t20240513_1903.html: the server answered HTTP 404 (Not Found)",
        "t20240514_1902.html: the server answered HTTP 500 (Internal Server Error)",
        "t20240515_1901.html: no response in time",
        "t20240512_1904.html: too many redirects",
        "t20240511_1905.html: response too large",
        "t20240521_5002.html: not a web page: the server sent application/pdf",
        "t20240521_5004.html: not a web page: the server sent image/png",
        "t20240521_5003.html: ",  # no article: the extraction's own reason follows
    ):
        assert line in summary["stderr"]
    # progress lines while it ran (stderr is not a terminal here: one line every 0.5 s)
    assert "rdkb crawl: " in summary["stderr"] and " in flight" in summary["stderr"]


def test_full_crawl_requests(first: FirstCrawl) -> None:
    requested = [r.path for r in first.requests]
    assert pages.PRIVATE not in requested  # robots.txt disallows /private/
    assert not any(p.startswith("/other/") for p in requested)  # another host: never followed
    assert requested.count("/robots.txt") == 1
    for path in ARTICLE_PATHS:
        assert requested.count(path) == 1, path
    assert requested.count(pages.ERROR_500) == 2  # one retry (the tests' --retries 1)
    assert requested.count(pages.MISSING_404) == 1  # never retried
    assert all(r.user_agent.startswith("rdkb/") for r in first.requests)
    assert all("rdkb-tests@localhost" in r.user_agent for r in first.requests)


def test_full_crawl_catalog(first: FirstCrawl) -> None:
    demo, data_dir = first.demo, Archive(first.docs).data_dir
    catalog = Catalog(data_dir / "catalog.sqlite")
    rows = {row.url: row for row in catalog.rows()}
    assert rows[demo.url(pages.MISSING_404)].reason == "the server answered HTTP 404 (Not Found)"
    assert rows[demo.url(pages.ERROR_500)].transient
    assert rows[demo.url(pages.PRIVATE)].status == "skipped"
    assert {rows[demo.url(p)].kind for p in pages.COLUMNS} == {"list"}
    for article in ARTICLES:
        row = rows[demo.url(article.path)]
        assert row.kind == "article" and row.status == "archived"
        assert row.raw_path and row.content_hash and row.article_path
        assert (data_dir / row.raw_path).exists()
    catalog.close()


def test_second_run_fetches_no_article_again(first: FirstCrawl, tmp_path: Path) -> None:
    demo, docs = first.demo, _copy(first, tmp_path)
    summary = run_crawl(docs, demo.start_urls())

    requested = demo.paths()
    assert not ARTICLE_PATHS & set(requested)
    assert set(pages.START_PATHS) <= set(requested)  # list pages are always read again
    # Only transient failures are tried again; permanent ones wait for --refresh.
    article_requests = {p for p in requested if p not in pages.COLUMNS and p != "/robots.txt"}
    assert article_requests == {pages.ERROR_500, pages.SLOW}
    assert summary["already_archived"] == 10
    assert summary["articles"] == {"new": 0, "updated": 0, "unchanged": 0, "duplicate": 0}
    assert _groups(docs) == _groups(first.docs)


def test_reextract_rebuilds_the_archive_offline(first: FirstCrawl, tmp_path: Path) -> None:
    demo, docs = first.demo, _copy(first, tmp_path)
    shutil.rmtree(docs / "articles")

    done = subprocess.run(
        [sys.executable, "-m", "scraper", "reextract", "--docs", str(docs), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert demo.paths() == []  # no network
    assert not _differences(_groups(docs), _groups(first.docs))


def test_killed_crawl_resumes_to_the_same_archive(first: FirstCrawl, tmp_path: Path) -> None:
    demo, killed = first.demo, tmp_path / "killed"
    demo.clear()
    # One request every 0.1 s and one at a time; killed once the catalog records two archived
    # articles, with pages fetched but not yet archived and pages not yet fetched.
    process = subprocess.Popen(
        crawl_command(killed, demo.start_urls(), "--delay", "0.1", "--concurrency", "1"),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while _archived_in_catalog(killed) < 2:
        assert process.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(_groups(killed)) < len(originals())
    catalog = Catalog(Archive(killed).data_dir / "catalog.sqlite")
    recorded = {row.url for row in catalog.rows() if row.status == "archived"}
    catalog.close()
    assert len(recorded) >= 2
    demo.clear()

    run_crawl(killed, demo.start_urls())

    assert not _differences(_groups(killed), _groups(first.docs))
    # Nothing the catalog had recorded as archived was fetched again. (A page stored in the
    # moment before the kill but not yet recorded is fetched again and comes out unchanged.)
    assert not {demo.url(p) for p in demo.paths()} & recorded


def _archived_in_catalog(docs: Path) -> int:
    path = Archive(docs).data_dir / "catalog.sqlite"
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as db:
        try:
            row = db.execute("SELECT count(*) FROM pages WHERE status = 'archived'").fetchone()
        except sqlite3.OperationalError:  # the crawl has not created the table yet
            return 0
    return int(row[0])


def test_refresh_fetches_archived_articles_again(first: FirstCrawl, tmp_path: Path) -> None:
    demo, docs = first.demo, _copy(first, tmp_path)
    summary = run_crawl(docs, [demo.url("/lfgz/index.html")], "--refresh")
    assert summary["articles"]["unchanged"] == 3
    assert {p for p in demo.paths() if p in ARTICLE_PATHS} == {
        "/lfgz/art_12_3001.html",
        "/lfgz/202402/t20240221_3002.html",
        "/lfgz/202401/t20240115_3003.html",
    }


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
    assert log[0].path == "/robots.txt"
    assert len(log) == 4
    gaps = [b.time - a.time for a, b in itertools.pairwise(log[1:])]
    assert min(gaps) >= 0.95, gaps


def test_archives_of_several_machines_merge_into_one(first: FirstCrawl, tmp_path: Path) -> None:
    """Two crawls of different columns (as on two machines), then one archive from both."""
    demo = first.demo
    one, two, merged = tmp_path / "one", tmp_path / "two", tmp_path / "merged"
    columns = demo.start_urls()
    run_crawl(one, columns[:2])
    run_crawl(two, columns[2:])
    demo.clear()

    command = [sys.executable, "-m", "scraper", "reextract", "--docs", str(merged), "--json"]
    done = subprocess.run(
        [*command, "--from", str(one), "--from", str(two)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 0, done.stderr
    assert demo.paths() == []
    assert not _differences(_groups(merged), _groups(first.docs))
    catalog = Catalog(Archive(merged).data_dir / "catalog.sqlite")
    assert all(not catalog.needs_fetch(demo.url(a.path)) for a in ARTICLES)
    catalog.close()


@pytest.mark.skipif(
    shutil.which("redis-server") is None or importlib.util.find_spec("scrapy_redis") is None,
    reason="needs a redis-server binary and scrapy-redis",
)
def test_two_machines_share_one_queue_through_redis(first: FirstCrawl, tmp_path: Path) -> None:
    """Two crawls at once sharing a Redis queue: every page fetched once, one merged archive."""
    demo = first.demo
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    redis = subprocess.Popen([*server, "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        _wait_for_port(port)
        shared = ("--redis", f"redis://127.0.0.1:{port}/0", "--redis-key", "test")
        # Two crawlers share the cores: a longer timeout (still under the slow page's delay) so
        # that a loaded machine does not turn an ordinary page into a retry, fetched twice.
        shared += ("--timeout", str(SLOW_SECONDS - 1))
        demo.clear()
        workers = [
            subprocess.Popen(
                crawl_command(tmp_path / name, demo.start_urls(), *shared),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for name in ("one", "two")
        ]
        # A worker that finds every page claimed by the other ends early; that is fine too. The
        # demo site serves faulty pages on purpose, and a crawl that met one exits 1.
        assert all(w.wait(timeout=120) in (0, 1) for w in workers)
    finally:
        redis.terminate()
        redis.wait()

    requested = demo.paths()
    for path in ARTICLE_PATHS:
        assert requested.count(path) == 1, path
    assert pages.PRIVATE not in requested
    merged = tmp_path / "merged"
    command = [sys.executable, "-m", "scraper", "reextract", "--docs", str(merged)]
    done = subprocess.run(
        [*command, "--from", str(tmp_path / "one"), "--from", str(tmp_path / "two")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert not _differences(_groups(merged), _groups(first.docs))


def _wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)


def test_crawl_with_a_site_adapter(demo: DemoServer, tmp_path: Path) -> None:
    """``--site``: the adapter's start URLs, link patterns and hints (site name) are used."""
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "demo.yml").write_text(
        f"name: 示例人大网\nregion: [甘肃省, 张掖市]\nverified: true\n"
        f"start_urls: [{demo.url('/lfgz/index.html')}]\n"
        r"links: {article: '/t\d{8}_\d+\.html$'}"
        "\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    run_crawl(docs, [], "--sites-dir", str(sites), "--site", "demo")

    archived = {a.url: a for _, a in Archive(docs).load_all()}
    # The pattern admits TRS-style URLs only: art_12_3001.html is left out.
    assert set(archived) == {
        demo.url("/lfgz/202402/t20240221_3002.html"),
        demo.url("/lfgz/202401/t20240115_3003.html"),
    }
    assert {a.site for a in archived.values()} == {"示例人大网"}
    catalog = Catalog(Archive(docs).data_dir / "catalog.sqlite")
    assert {row.site for row in catalog.rows()} == {"demo"}
    catalog.close()
