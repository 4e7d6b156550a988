"""Crawl options and the Scrapy settings they turn into. Polite unless told otherwise.

Defaults: robots.txt obeyed; a User-Agent naming rdkb and a contact; at most one request per
second per site (``DOWNLOAD_DELAY`` is AutoThrottle's floor, one request in flight per site);
bounded concurrency overall; timeouts; retries with exponential backoff on 5xx, timeouts and
dropped connections only (never on 4xx); responses over 10 MB refused; at most 5 redirects.
``polite=False`` (``rdkb crawl --no-politeness``) removes the delays and backoff for tests and
benchmarks against our own server — robots.txt is still obeyed.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper import __version__

CONTACT_ENV = "RDKB_CONTACT"
# Bounds a real congress site never reaches (its longest column is a few hundred list pages
# deep; its whole archive some tens of thousands of pages), but a trap does.
DEFAULT_MAX_DEPTH = 2000
DEFAULT_MAX_SITE_PAGES = 200_000
DEFAULT_CONTACT = "set RDKB_CONTACT or --contact"
MAX_RESPONSE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CrawlOptions:
    docs_dir: Path
    max_pages: int | None = None  # pages requested in this run, lists and articles together
    max_site_pages: int = DEFAULT_MAX_SITE_PAGES  # pages requested from one site in this run
    max_depth: int = DEFAULT_MAX_DEPTH  # list pages followed from a start URL, one after another
    since: dt.date | None = None  # articles published before this day are not archived
    refresh: bool = False  # fetch archived articles again
    polite: bool = True
    contact: str | None = None  # how a site operator reaches whoever runs the crawl
    timeout: float = 30.0  # seconds per download
    retries: int = 2  # retries after the first attempt, 5xx and timeouts only
    concurrency: int | None = None  # requests in flight per site (default: 1 polite, 32 not)
    delay: float | None = None  # seconds between requests to one site (default: 1 polite, 0 not)
    redis_url: str | None = None  # share the request queue with other machines (scrapy-redis)
    redis_key: str = "rdkb"  # key prefix of the shared queue; one per crawl campaign
    progress_interval: float = 2.0  # seconds between progress lines; 0 turns them off
    keep_raw: bool = True


def user_agent(contact: str | None) -> str:
    reach = contact or os.environ.get(CONTACT_ENV) or DEFAULT_CONTACT
    return f"rdkb/{__version__} (人大知识库 study archive crawler; +{reach})"


def crawl_settings(options: CrawlOptions) -> dict[str, Any]:
    """Scrapy settings for one crawl."""
    settings: dict[str, Any] = {
        "BOT_NAME": "rdkb",
        "USER_AGENT": user_agent(options.contact),
        "ROBOTSTXT_OBEY": True,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        # Bounded concurrency: many sites at once, one request in flight per site.
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 1.0,
        "DOWNLOAD_DELAY_JITTER": 0.0,  # exactly the delay: never faster than 1 request/s
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_TIMEOUT": options.timeout,
        "DOWNLOAD_MAXSIZE": MAX_RESPONSE_BYTES,
        "DOWNLOAD_WARNSIZE": MAX_RESPONSE_BYTES // 4,
        "REDIRECT_MAX_TIMES": 5,
        "RETRY_ENABLED": options.retries > 0,
        "RETRY_TIMES": options.retries,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524],
        "RETRY_EXCEPTIONS": [
            "scrapy.exceptions.DownloadTimeoutError",
            "scrapy.exceptions.DownloadFailedError",
            "scrapy.exceptions.ResponseDataLossError",
            "twisted.internet.error.ConnectionLost",
            "twisted.internet.error.TimeoutError",
            "twisted.internet.error.TCPTimedOutError",
        ],
        "RETRY_GIVE_UP_LOG_LEVEL": "DEBUG",  # the spider logs the final failure itself
        "RDKB_RETRY_BACKOFF": 2.0,  # seconds before the first retry, doubled for each next one
        "DOWNLOADER_MIDDLEWARES": {
            # robots.txt as RFC 9309 reads it: unreadable means keep out (same place, 100).
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "scraper.crawl.robots.StrictRobotsTxtMiddleware": 100,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            # Same place as the stock middleware it replaces (550).
            "scraper.crawl.backoff.BackoffRetryMiddleware": 550,
        },
        "EXTENSIONS": {"scraper.crawl.progress.Progress": 500},
        "RDKB_PROGRESS_INTERVAL": options.progress_interval,
        # The catalog decides what to fetch; requests carry dont_filter so that a redirect loop
        # runs into REDIRECT_MAX_TIMES (and is reported) instead of being dropped silently.
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
    }
    if not options.polite:
        settings.update(
            {
                "CONCURRENT_REQUESTS": 32,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
                "DOWNLOAD_DELAY": 0.0,
                "AUTOTHROTTLE_ENABLED": False,
                "RDKB_RETRY_BACKOFF": 0.0,
            }
        )
    if options.delay is not None:
        settings["DOWNLOAD_DELAY"] = options.delay
        settings["AUTOTHROTTLE_START_DELAY"] = max(options.delay, 0.1)
    # Note: Scrapy 2.19 enforces the per-site concurrency only together with a delay (its slot
    # queue hands out every waiting request at once when the delay is 0).
    if options.concurrency is not None:
        settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = options.concurrency
        settings["CONCURRENT_REQUESTS"] = max(settings["CONCURRENT_REQUESTS"], options.concurrency)
    if options.redis_url:
        settings.update(redis_settings(options.redis_url, options.redis_key))
    return settings


def redis_settings(url: str, key: str) -> dict[str, Any]:
    """scrapy-redis: one request queue in Redis, shared by every machine.

    Which machine fetches a URL is decided by :mod:`.shared` (requests are ``dont_filter``, so
    scrapy-redis' filter stays idle). The queue persists when one worker finishes (others may still
    be crawling); a new ``key`` per crawl campaign makes column pages be read again next time.
    """
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{key}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{key}:dupefilter",
        "REDIS_URL": url,
    }
