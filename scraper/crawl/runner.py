"""Running one crawl in this process and handing back its counts."""

from __future__ import annotations

import logging
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

    settings = crawl_settings(options)
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        settings["LOG_LEVEL"] = "INFO"
    # rdkb's CLI has configured logging already; Scrapy must not add a second root handler.
    process = CrawlerProcess(settings, install_root_handler=False)
    crawler = process.create_crawler(CongressSpider)
    process.crawl(crawler, targets=tuple(targets), options=options)
    process.start()
    spider = crawler.spider
    counts: CrawlCounts = spider.counts if spider is not None else CrawlCounts()
    return counts
