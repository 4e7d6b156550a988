"""The one spider: column pages → article links (+ further column pages) → archived articles.

Handlers guard and delegate: link discovery is :mod:`.links`, extraction and storage are
:class:`.worker.ArticleWorker` (in a thread of its own), memory is the :class:`.catalog.Catalog`,
and every failure becomes a :class:`.faults.Fault` that is logged as ``url: reason``, counted,
and recorded — the crawl goes on.

Bounds against traps: list pages lose their unbounded query parameters (a calendar's ``?day=``,
:func:`.links.canonical_list_url`), list pages are followed at most ``max_depth`` hops from a start
URL, and at most ``max_site_pages`` pages are requested from one site; each stop is counted as a
trap in the summary. Anti-bot challenge pages (:mod:`.challenge`) are asked for once more at the
end of the queue, then counted as «challenge» for their site; never decoded or archived.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Request, Response

from scraper.archive import Archive
from scraper.crawl import faults, links
from scraper.crawl.catalog import Catalog
from scraper.crawl.challenge import challenge_kind
from scraper.crawl.rawstore import RawStore, content_hash
from scraper.crawl.settings import CrawlOptions
from scraper.crawl.shared import SharedClaims
from scraper.crawl.sites import SiteConfig
from scraper.crawl.summary import CrawlCounts
from scraper.crawl.worker import ArticleWorker
from scraper.decode import decode_page
from scraper.errors import InputError
from scraper.records import PageHints, RawPage

logger = logging.getLogger("rdkb.crawl")

# Articles first, so a crawl finishes what it found before widening (and a kill loses little).
ARTICLE_PRIORITY = 10
LIST_PRIORITY = 0
CHALLENGE_PRIORITY = -10  # asked for again once everything else is done


@dataclass(frozen=True)
class Target:
    """Where a crawl starts, and the adapter that knows the site (None: generic mode)."""

    url: str
    site: SiteConfig | None = None


class CongressSpider(scrapy.Spider):
    name = "rdkb"

    def __init__(self, *, targets: Sequence[Target], options: CrawlOptions, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets = tuple(targets)
        self.options = options
        self.archive = Archive(options.docs_dir)
        data_dir = self.archive.data_dir
        self.catalog = Catalog(data_dir / "catalog.sqlite")
        self.worker = ArticleWorker(
            self.archive,
            RawStore(data_dir / "raw"),
            since=options.since,
            keep_raw=options.keep_raw,
        )
        self.counts = CrawlCounts()
        self._scheduled: set[str] = set()
        self._claims = (
            SharedClaims(options.redis_url, options.redis_key) if options.redis_url else None
        )
        self._sites: dict[str, SiteConfig] = {}
        for target in self.targets:
            if target.site is not None:
                for host in target.site.allowed_hosts:
                    self._sites[_host(host)] = target.site

    # Scrapy entry points

    async def start(self) -> AsyncIterator[Request]:
        for target in self.targets:
            request = self._request(target.url, "list")
            if request is not None:
                yield request
        # Resume: articles an earlier, interrupted run found but did not finish.
        hosts = {_host(t.url) for t in self.targets} | set(self._sites)
        for row in self.catalog.pending_articles():
            if _host(row.url) in hosts:
                request = self._request(row.url, "article", resume=True)
                if request is not None:
                    yield request

    def closed(self, reason: str) -> None:
        self.worker.close()
        self.catalog.close()

    # Callbacks

    def parse_list(self, response: Response) -> Iterator[Request]:
        url = self._answered(response.meta)
        kind = challenge_kind(response.status, response.body)
        if kind is not None:
            yield from self._challenged(response.meta, kind, response.status)
            return
        self.counts.lists_fetched += 1
        self.catalog.fetched(
            url,
            http_status=response.status,
            content_type=_content_type(response),
            content_hash=content_hash(response.body),
            raw_path=None,
        )
        site = self._site_for(url)
        try:
            page = decode_page(
                RawPage(
                    response.body,
                    origin=url,
                    url=response.url,
                    content_type=_content_type(response),
                ),
                site.encoding if site else None,
            )
        except InputError as error:
            self._fail(url, faults.from_input_error(error))
            return
        depth = response.meta.get("rdkb_depth", 0) + 1
        found = links.discover(
            page.text,
            response.url,
            hosts=site.allowed_hosts if site else (urlsplit(url).hostname or "",),
            article_pattern=site.article_pattern if site else None,
            pagination_pattern=site.pagination_pattern if site else None,
        )
        all_too_old = bool(found.articles)
        for link in found.articles:
            too_old = self._older_than_since(link.url)
            all_too_old = all_too_old and too_old
            if link.url in self._scheduled:
                continue
            if too_old:
                self.catalog.discovered(link.url, "article", site.id if site else None)
                self._scheduled.add(link.url)
                self.counts.skipped["older than --since"] += 1
                self.catalog.skipped(link.url, "older than --since")
                continue
            if not self.catalog.needs_fetch(link.url, refresh=self.options.refresh):
                self._scheduled.add(link.url)
                self._count_known(link.url)
                continue
            request = self._request(link.url, "article", depth=depth)
            if request is not None:
                yield request
        if self.options.since is not None and all_too_old:
            return  # lists run newest first: the next page is older still
        for page_url in found.pages:
            canonical, dropped = links.canonical_list_url(page_url)
            if dropped:
                names = ", ".join(f"?{name}=" for name in dropped)
                trap = f"{_host(url)}: list pages that differ only in {names} (ignored)"
                self.counts.traps[trap] += 1
            request = self._request(canonical, "list", depth=depth)
            if request is not None:
                yield request

    async def parse_article(self, response: Response) -> AsyncIterator[Request]:
        url = self._answered(response.meta)
        kind = challenge_kind(response.status, response.body)
        if kind is not None:
            for request in self._challenged(response.meta, kind, response.status):
                yield request
            return
        ctype = _content_type(response)
        self.counts.articles_fetched += 1
        fault = faults.from_content_type(ctype)
        if fault is not None:
            self._fail(url, fault, http_status=response.status)
            return
        # The URL the list linked to (as `rdkb reextract` will see it), even after a redirect.
        raw = RawPage(response.body, origin=url, url=url, content_type=ctype)
        outcome = await self.worker.process(raw, self._hints(url))
        self.counts.processing_seconds += outcome.seconds
        self.catalog.fetched(
            url,
            http_status=response.status,
            content_type=ctype,
            content_hash=content_hash(response.body),
            raw_path=outcome.raw_path,
        )
        if outcome.fault is not None:
            self._fail(url, outcome.fault)
        elif outcome.too_old:
            self.counts.skipped["older than --since"] += 1
            self.catalog.skipped(url, "older than --since")
        elif outcome.status is not None and outcome.article_path is not None:
            self.counts.stored[outcome.status] += 1
            self.catalog.archived(
                url, article_path=outcome.article_path, store_status=outcome.status
            )

    def errback(self, failure: Any) -> Iterator[Request]:
        url = self._answered(failure.request.meta)
        error = failure.value
        response = getattr(error, "response", None)
        if response is not None and hasattr(response, "status"):
            status = int(response.status)
            kind = challenge_kind(status, response.body)
            if kind is not None:
                yield from self._challenged(failure.request.meta, kind, status)
                return
            self._fail(url, faults.from_http_status(status), http_status=status)
            return
        fault = faults.from_exception(error)
        if fault.reason == "robots.txt":
            self.counts.skipped["robots.txt"] += 1
            self.catalog.skipped(url, fault.detail)
            logger.info("%s: %s", url, fault.detail)
            return
        self._fail(url, fault)

    def _challenged(self, meta: dict[str, Any], kind: str, status: int) -> Iterator[Request]:
        """An anti-bot page: ask once more when the rest is done (the site may let a slower
        visitor through), then give up on the page for this run."""
        url: str = meta["rdkb_url"]
        if not meta.get("rdkb_challenged"):
            self.counts.requested += 1
            yield self._build(url, meta["rdkb_kind"], meta.get("rdkb_depth", 0), challenged=True)
            return
        self.counts.challenges[_host(url)] += 1
        self._fail(url, faults.challenge(kind), http_status=status)

    # Helpers

    def _answered(self, meta: dict[str, Any]) -> str:
        """Count an answered request and make sure this machine's catalog has its URL (with
        --redis, another machine may have found it)."""
        self.counts.answered += 1
        url: str = meta["rdkb_url"]
        site = self._site_for(url)
        self.catalog.discovered(url, meta["rdkb_kind"], site.id if site else None)
        return url

    def _request(
        self, url: str, kind: str, *, depth: int = 0, resume: bool = False
    ) -> Request | None:
        """A request for ``url`` unless this run has it already, another machine has claimed it
        (``--redis``; not for this machine's own unfinished pages), a page budget is spent, or
        it is a list page too many hops from the start."""
        if url in self._scheduled:
            return None
        if self._claims is not None and not resume and not self._claims.claim(url):
            self._scheduled.add(url)
            self.counts.skipped["taken by another machine"] += 1
            return None
        site = self._site_for(url)
        self.catalog.discovered(url, kind, site.id if site else None)
        self._scheduled.add(url)
        over = self._over_limit(url, kind, depth)
        if over is not None:
            self.counts.skipped[over] += 1
            self.catalog.skipped(url, over)
            return None
        self.counts.requested += 1
        self.counts.by_site[_host(url)] += 1
        return self._build(url, kind, depth)

    def _over_limit(self, url: str, kind: str, depth: int) -> str | None:
        """Which bound ``url`` is over, if any; the site bounds are counted as traps."""
        limit = self.options.max_pages
        if limit is not None and self.counts.requested >= limit:
            return "over --max-pages"
        host = _host(url)
        if self.counts.by_site[host] >= self.options.max_site_pages:
            over = "over --max-site-pages"
            self.counts.traps[
                f"{host}: {self.options.max_site_pages} pages requested ({over})"
            ] += 1
            return over
        if kind == "list" and depth > self.options.max_depth:
            over = "over --max-depth"
            self.counts.traps[
                f"{host}: lists lead on past {self.options.max_depth} pages ({over})"
            ] += 1
            return over
        return None

    def _build(self, url: str, kind: str, depth: int, *, challenged: bool = False) -> Request:
        is_list = kind == "list"
        priority = LIST_PRIORITY if is_list else ARTICLE_PRIORITY
        return Request(
            url,
            callback=self.parse_list if is_list else self.parse_article,
            errback=self.errback,
            meta={
                "rdkb_url": url,
                "rdkb_kind": kind,
                "rdkb_depth": depth,
                "rdkb_challenged": challenged,
            },
            priority=CHALLENGE_PRIORITY if challenged else priority,
            # The catalog, _scheduled and (with --redis) the shared claims deduplicate; Scrapy's
            # filter would drop the second hop of a redirect loop silently.
            dont_filter=True,
        )

    def _count_known(self, url: str) -> None:
        row = self.catalog.get(url)
        if row is not None and row.status == "archived":
            self.counts.already_archived += 1
        else:
            self.counts.skipped["failed before (not retried)"] += 1

    def _fail(self, url: str, fault: faults.Fault, *, http_status: int | None = None) -> None:
        self.counts.failures[fault.reason] += 1
        self.catalog.failed(url, fault.detail, transient=fault.transient, http_status=http_status)
        logger.warning("%s: %s", url, fault.detail)

    def _site_for(self, url: str) -> SiteConfig | None:
        return self._sites.get(_host(url))

    def _hints(self, url: str) -> PageHints | None:
        site = self._site_for(url)
        return site.hints() if site else None

    def _older_than_since(self, url: str) -> bool:
        since = self.options.since
        if since is None:
            return False
        latest = links.url_date(url)
        return latest is not None and latest < since


def _host(url_or_host: str) -> str:
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host
    host = (host or "").lower()
    return host[4:] if host.startswith("www.") else host


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None
