"""Running one crawl in this process and handing back its counts."""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import Sequence

from scraper.crawl.settings import CrawlOptions, crawl_settings
from scraper.crawl.spider import CongressSpider, Target
from scraper.crawl.summary import CrawlCounts


def run_crawl(targets: Sequence[Target], options: CrawlOptions) -> CrawlCounts:
    """Crawl ``targets`` into ``options.docs_dir``; blocks until done (Ctrl-C stops cleanly).

    Scrapy's reactor runs once per process, so this is called once per process too; tests and
    the benchmark start ``python -m scraper crawl`` as a subprocess.
    """
    from scrapy.crawler import CrawlerProcess

    verbose = logging.getLogger().isEnabledFor(logging.DEBUG)
    settings = crawl_settings(options)
    # rdkb's CLI has configured logging already; Scrapy must not add a second root handler.
    settings["LOG_INSTALL_ROOT_HANDLER"] = False
    if options.redis_url:
        # scrapy-redis 0.9.1 still passes `spider=` to the stats collector; harmless, noisy.
        warnings.filterwarnings("ignore", message=".*'spider' argument", module="scrapy_redis")
    if not verbose:
        logging.disable(logging.INFO)  # Scrapy's start-up banner, logged while it is built
    try:
        process = CrawlerProcess(settings)
    finally:
        logging.disable(logging.NOTSET)
    # Scrapy sets its loggers to DEBUG; the spider reports every failure itself as `url: reason`,
    # so Scrapy's own lines are only wanted when they are errors (or with rdkb -v).
    logging.getLogger("scrapy").setLevel(logging.INFO if verbose else logging.ERROR)
    # A robots.txt that cannot be fetched (host unreachable) is logged with two tracebacks; the
    # page's own request fails the same way and the spider reports it in one line.
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(
        logging.INFO if verbose else logging.CRITICAL
    )
    crawler = process.create_crawler(CongressSpider)
    process.crawl(crawler, targets=tuple(targets), options=options)
    started = time.monotonic()
    process.start()
    spider = crawler.spider
    counts = spider.counts if isinstance(spider, CongressSpider) else CrawlCounts()
    counts.seconds = time.monotonic() - started
    return counts
