"""The end-of-crawl summary and the progress line."""

from __future__ import annotations

from scraper.crawl.summary import CrawlCounts


def test_summary_names_every_count() -> None:
    counts = CrawlCounts(lists_fetched=3, articles_fetched=7, requested=12, answered=11)
    counts.stored.update({"new": 4, "unchanged": 1, "duplicate": 1})
    counts.failures.update({"HTTP 404": 2, "timeout": 1})
    counts.skipped["robots.txt"] = 1
    text = counts.render()
    assert "pages fetched       10 (3 lists, 7 articles)" in text
    assert "4 new, 0 updated, 1 unchanged" in text
    assert "duplicates merged   1" in text
    assert "failures            3" in text and "2  HTTP 404" in text and "1  timeout" in text
    assert "1  robots.txt" in text
    assert counts.to_dict()["failures"] == {"HTTP 404": 2, "timeout": 1}
    assert counts.progress_line().endswith("3 failed · 1 in flight")


def test_counts_agree_in_number() -> None:
    """Issue 13 (7): `1 pages (1 lists, 0 articles)`."""
    counts = CrawlCounts(lists_fetched=1)
    counts.stored["duplicate"] = 1
    assert counts.progress_line().startswith("rdkb crawl: 1 page (1 list, 0 articles)")
    assert "1 duplicate ·" in counts.progress_line()
    assert "pages fetched       1 (1 list, 0 articles)" in counts.render()


def test_traps_and_challenges_are_reported_as_such() -> None:
    counts = CrawlCounts()
    counts.traps["a.example: list pages that differ only in ?day= (ignored)"] += 2
    counts.challenges["b.example"] += 1
    text = counts.render()
    assert "traps               2 links not followed" in text and "?day=" in text
    assert "challenge           1 page (b.example 1)" in text
