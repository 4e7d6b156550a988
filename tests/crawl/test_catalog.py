"""The crawl catalog and the raw page store, without a crawl."""

from __future__ import annotations

from pathlib import Path

from scraper.crawl.catalog import Catalog
from scraper.crawl.rawstore import RawStore, content_hash

URL = "http://127.0.0.1/xwzx/202405/t20240519_1.html"


def test_a_new_url_is_pending_and_needs_fetching(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.discovered(URL, "article", "demo")
    catalog.discovered(URL, "list", None)  # later sightings change nothing
    row = catalog.get(URL)
    assert row is not None
    assert (row.kind, row.site, row.status) == ("article", "demo", "pending")
    assert catalog.needs_fetch(URL)
    assert [r.url for r in catalog.pending_articles()] == [URL]


def test_archived_articles_are_not_fetched_again_unless_refreshed(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    catalog.discovered(URL, "article", None)
    catalog.fetched(URL, http_status=200, content_type="text/html", content_hash="h", raw_path="r")
    catalog.archived(URL, article_path="docs/articles/2024/a.md", store_status="new")
    assert not catalog.needs_fetch(URL)
    assert catalog.needs_fetch(URL, refresh=True)
    assert catalog.pending_articles() == []
    row = catalog.get(URL)
    assert row is not None
    assert (row.status, row.store_status, row.content_hash, row.fetch_count) == (
        "archived",
        "new",
        "h",
        1,
    )


def test_only_transient_failures_are_tried_again(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    for url, transient in ((URL + "?500", True), (URL + "?404", False)):
        catalog.discovered(url, "article", None)
        catalog.failed(url, "HTTP x", transient=transient, http_status=500 if transient else 404)
    assert catalog.needs_fetch(URL + "?500")
    assert not catalog.needs_fetch(URL + "?404")
    row = catalog.get(URL + "?404")
    assert row is not None
    assert (row.status, row.reason, row.http_status) == ("failed", "HTTP x", 404)


def test_catalog_survives_reopening(tmp_path: Path) -> None:
    first = Catalog(tmp_path / "catalog.sqlite")
    first.discovered(URL, "article", None)
    # no close(): every write is committed at once, as after a kill
    second = Catalog(tmp_path / "catalog.sqlite")
    assert second.needs_fetch(URL)
    assert [r.url for r in second.rows()] == [URL]


def test_raw_pages_round_trip_compressed(tmp_path: Path) -> None:
    store = RawStore(tmp_path / ".rdkb" / "raw")
    body = "<html>人大常委会</html>".encode("gbk") * 200
    relative = store.save(URL, body)
    assert not relative.is_absolute() and relative.parts[0] == "raw"
    assert (tmp_path / ".rdkb" / relative).stat().st_size < len(body) / 5
    assert store.load(str(relative)) == body
    assert content_hash(body) == content_hash(store.load(str(relative)))
