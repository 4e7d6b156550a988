"""Crawl bounds and hostile answers (issue 13, points 4, 5 and 7), over real HTTP on 127.0.0.1:
a calendar trap, endless list pages, anti-bot challenge pages, a broken archive file, bad start
URLs and unreachable hosts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.archive import Archive
from scraper.crawl.catalog import Catalog
from tests.crawl.conftest import ROOT, crawl_command, run_crawl
from tests.crawl.hostile_site import CHALLENGED, ONCE_CHALLENGED, HostileSite

pytestmark = pytest.mark.slow


@pytest.fixture
def site() -> Iterator[HostileSite]:
    with HostileSite() as server:
        yield server


def test_a_calendar_trap_is_closed_and_reported(site: HostileSite, tmp_path: Path) -> None:
    """Before: every ?day=N was a new list page with a new junk article, up to --max-pages."""
    summary = run_crawl(tmp_path / "docs", [site.url("/cal/")], "--max-pages", "100")
    assert site.count("/cal/?") == 0 and site.count("/cal/t") == 1
    assert summary["lists_fetched"] == 1
    ((trap, count),) = summary["traps"].items()
    assert "?day=" in trap and count == 1


def test_endless_list_pages_stop_at_the_depth_limit(site: HostileSite, tmp_path: Path) -> None:
    summary = run_crawl(tmp_path / "docs", [site.url("/deep/list_0.html")], "--max-depth", "5")
    assert site.count("/deep/") == 6  # the start page and five hops
    assert summary["skipped"] == {"over --max-depth": 1}
    assert any("--max-depth" in trap for trap in summary["traps"])


def test_the_per_site_budget_bounds_one_site(site: HostileSite, tmp_path: Path) -> None:
    summary = run_crawl(tmp_path / "docs", [site.url("/deep/list_0.html")], "--max-site-pages", "3")
    assert site.count("/deep/") == 3
    assert summary["skipped"] == {"over --max-site-pages": 1}
    assert any("--max-site-pages" in trap for trap in summary["traps"])


def test_challenge_pages_are_retried_once_counted_and_never_archived(
    site: HostileSite, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    summary = run_crawl(docs, [site.url("/guard/")])
    for path in [*CHALLENGED, ONCE_CHALLENGED]:
        assert site.count(path) == 2, path  # asked for once more, never a third time
    assert summary["challenges"] == {"127.0.0.1": 3}  # per site
    assert summary["failures"] == {"challenge": 3}
    assert summary["articles"]["new"] == 1  # the page that let the second visit through
    (only,) = [article for _path, article in Archive(docs).load_all()]
    assert only.url == site.url(ONCE_CHALLENGED)
    catalog = Catalog(docs / ".rdkb" / "catalog.sqlite")
    rows = {row.url: row for row in catalog.rows()}
    catalog.close()
    for path in CHALLENGED:
        assert rows[site.url(path)].transient, path  # tried again on the next run
        assert "anti-bot challenge" in (rows[site.url(path)].reason or "")
    assert "challenge" in summary["stderr"]


def test_a_broken_archive_file_is_no_permanent_failure(site: HostileSite, tmp_path: Path) -> None:
    """Before: the article was recorded as failed for good (exit 0), and never fetched again."""
    docs = tmp_path / "docs"
    start = site.url("/cal/")
    run_crawl(docs, [start])
    ((path, _article),) = list(Archive(docs).load_all())
    good = path.read_text("utf-8")
    path.write_text(good.replace("title:", "title: [", 1), "utf-8")
    (docs / ".rdkb" / "catalog.sqlite").unlink()
    broken = run_crawl(docs, [start])
    assert broken["failures"] == {"archive error": 1}  # and the exit status was 1
    assert path.name in broken["stderr"] and "not valid YAML" in broken["stderr"]
    path.write_text(good, "utf-8")  # the maintainer fixes the typo
    fixed = run_crawl(docs, [start])
    assert fixed["failures"] == {} and fixed["articles"]["unchanged"] == 1


def _crawl(tmp_path: Path, *urls: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        crawl_command(tmp_path / "docs", list(urls))[: -0 or None],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("url", ["htp:/bad", "example.org/news/", "http://"])
def test_a_bad_start_url_is_one_line_and_exit_2(url: str, tmp_path: Path) -> None:
    done = _crawl(tmp_path, url)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"rdkb crawl: {url}: not a web address; give a full http:// or https:// URL of a "
        "column page"
    ]


def test_an_unreachable_host_is_one_sentence_without_traceback(tmp_path: Path) -> None:
    done = _crawl(tmp_path, "http://127.0.0.1:9/news/")  # nothing listens on the discard port
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = [line for line in done.stderr.splitlines() if "127.0.0.1:9" in line]
    assert line.endswith("http://127.0.0.1:9/news/: the server refused the connection")


def test_reextract_names_a_broken_archive_file_and_goes_on(
    site: HostileSite, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    run_crawl(docs, [site.url("/cal/")])
    ((path, _article),) = list(Archive(docs).load_all())
    path.write_text(path.read_text("utf-8").replace("date:", "date: 2024-13-01\nx:", 1), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "reextract", "--docs", str(docs), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{path}: 'date' must be a real YYYY-MM-DD date" in done.stderr
    assert json.loads(done.stdout)["failures"] == {"archive error": 1}
