"""``rdkb reextract``: rebuild every archived article from its kept raw page, without the network.

With ``--from DIR`` it first takes in other archives' catalogs and raw pages (crawls run on other
machines), so one archive ends up with every article, reposts merged across machines.

Pages are replayed oldest first, so the article first seen stays the canonical one and later
reposts land in its ``also_at`` again, as during the crawl.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from scraper.archive import Archive
from scraper.crawl import faults
from scraper.crawl.catalog import Catalog
from scraper.crawl.rawstore import RawStore
from scraper.crawl.sites import SiteConfig, load_sites
from scraper.crawl.summary import CrawlCounts
from scraper.errors import ArchiveError, InputError
from scraper.pipeline import article_from_raw
from scraper.records import PageHints, RawPage

logger = logging.getLogger("rdkb.reextract")


def reextract(
    docs_dir: Path,
    *,
    sources: Sequence[Path] = (),
    sites: dict[str, SiteConfig] | None = None,
) -> CrawlCounts:
    archive = Archive(docs_dir)
    catalog = Catalog(archive.data_dir / "catalog.sqlite")
    store = RawStore(archive.data_dir / "raw")
    adapters = load_sites() if sites is None else sites
    counts = CrawlCounts()
    try:
        for source in sources:
            _take_in(Archive(source).data_dir, catalog, store)
        for row in catalog.with_raw():
            assert row.raw_path is not None
            try:
                content = store.load(row.raw_path)
            except OSError as exc:
                _fail(catalog, counts, row.url, faults.Fault("raw page missing", str(exc)))
                continue
            counts.articles_fetched += 1
            site = adapters.get(row.site) if row.site else None
            hints: PageHints | None = site.hints() if site else None
            raw = RawPage(content, origin=row.url, url=row.url, content_type=row.content_type)
            try:
                article = article_from_raw(raw, hints)
            except InputError as error:
                _fail(catalog, counts, row.url, faults.from_input_error(error))
                continue
            try:
                result = archive.store(article)
            except (ArchiveError, OSError) as error:  # e.g. a broken archived file: that one only
                _fail(catalog, counts, row.url, faults.from_archive_error(error))
                continue
            counts.stored[result.status] += 1
            catalog.archived(row.url, article_path=str(result.path), store_status=result.status)
    finally:
        catalog.close()
    return counts


def _take_in(data_dir: Path, catalog: Catalog, store: RawStore) -> None:
    """Copy another archive's catalog rows and raw pages into ours."""
    path = data_dir / "catalog.sqlite"
    if not path.exists():
        raise ArchiveError(f"{data_dir}: no crawl catalog here (expected {path.name})")
    other = Catalog(path)
    other_store = RawStore(data_dir / "raw")
    try:
        for row in other.rows():
            if row.raw_path:
                saved = store.save(row.url, other_store.load(row.raw_path))
                row = replace(row, raw_path=str(saved))
            catalog.merge(row)
    finally:
        other.close()


def _fail(catalog: Catalog, counts: CrawlCounts, url: str, fault: faults.Fault) -> None:
    counts.failures[fault.reason] += 1
    catalog.failed(url, fault.detail, transient=fault.transient)
    logger.warning("%s: %s", url, fault.detail)
