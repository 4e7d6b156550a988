"""Extraction and archiving off the reactor thread.

Extraction is CPU work and archiving is disk work; done in Scrapy's reactor thread they would stall
every download in flight (long enough, for the first page that loads the gazetteer, to make
downloads time out). One worker thread does them instead, one page at a time — which also keeps
:class:`~scraper.archive.Archive`, not made for concurrent use, safe. The catalog stays in the
reactor thread: the spider records each :class:`Outcome`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from scraper.archive import Archive
from scraper.crawl import faults
from scraper.crawl.rawstore import RawStore
from scraper.errors import ArchiveError, InputError
from scraper.pipeline import article_from_raw
from scraper.records import PageHints, RawPage


@dataclass(frozen=True)
class Outcome:
    raw_path: str | None  # where the raw page was kept, relative to the data folder
    status: str | None = None  # new | updated | unchanged | duplicate
    article_path: str | None = None
    fault: faults.Fault | None = None
    too_old: bool = False  # extracted, but published before --since: not archived
    seconds: float = 0.0  # spent extracting and archiving


class ArticleWorker:
    def __init__(
        self, archive: Archive, raw_store: RawStore, *, since: dt.date | None, keep_raw: bool
    ) -> None:
        self.archive = archive
        self.raw_store = raw_store
        self.since = since
        self.keep_raw = keep_raw
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rdkb-archive")

    async def process(self, raw: RawPage, hints: PageHints | None) -> Outcome:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self.process_now, raw, hints)

    def process_now(self, raw: RawPage, hints: PageHints | None) -> Outcome:
        """Keep the raw page, extract the article, store it; failures become a Fault."""
        assert raw.url is not None
        saved = self.raw_store.save(raw.url, raw.content) if self.keep_raw else None
        raw_path = str(saved) if saved else None
        started = time.perf_counter()
        try:
            article = article_from_raw(raw, hints)
            if self.since is not None and article.date is not None and article.date < self.since:
                return Outcome(raw_path, too_old=True, seconds=time.perf_counter() - started)
            result = self.archive.store(article)
        except InputError as error:
            fault = faults.from_input_error(error)
            return Outcome(raw_path, fault=fault, seconds=time.perf_counter() - started)
        except (ArchiveError, OSError) as error:  # the archive's fault, not the page's
            fault = faults.from_archive_error(error)
            return Outcome(raw_path, fault=fault, seconds=time.perf_counter() - started)
        return Outcome(
            raw_path,
            status=result.status,
            article_path=str(result.path),
            seconds=time.perf_counter() - started,
        )

    def close(self) -> None:
        self._executor.shutdown(wait=True)
