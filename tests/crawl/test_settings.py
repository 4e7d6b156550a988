"""Polite by default; ``--no-politeness`` only removes delays."""

from __future__ import annotations

from pathlib import Path

from scraper.crawl.settings import CrawlOptions, crawl_settings, user_agent


def test_polite_defaults() -> None:
    settings = crawl_settings(CrawlOptions(docs_dir=Path("docs"), contact="ops@example.org"))
    assert settings["ROBOTSTXT_OBEY"] is True
    assert (
        settings["USER_AGENT"].startswith("rdkb/") and "ops@example.org" in settings["USER_AGENT"]
    )
    # at most one request per second per site: one in flight, AutoThrottle never below 1 s
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    assert settings["DOWNLOAD_DELAY"] >= 1.0 and settings["DOWNLOAD_DELAY_JITTER"] == 0
    assert settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["AUTOTHROTTLE_START_DELAY"] >= 1.0
    assert settings["CONCURRENT_REQUESTS"] <= 16
    assert 0 < settings["DOWNLOAD_TIMEOUT"] <= 60
    assert settings["DOWNLOAD_MAXSIZE"] < 50 * 1024 * 1024
    assert settings["REDIRECT_MAX_TIMES"] <= 10
    assert all(500 <= code < 600 for code in settings["RETRY_HTTP_CODES"])  # never 4xx
    assert settings["RDKB_RETRY_BACKOFF"] > 0
    assert "scraper.crawl.backoff.BackoffRetryMiddleware" in settings["DOWNLOADER_MIDDLEWARES"]


def test_no_politeness_removes_delays_but_keeps_robots() -> None:
    settings = crawl_settings(CrawlOptions(docs_dir=Path("docs"), polite=False))
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["DOWNLOAD_DELAY"] == 0
    assert settings["AUTOTHROTTLE_ENABLED"] is False
    assert settings["RDKB_RETRY_BACKOFF"] == 0
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] > 1


def test_contact_from_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("RDKB_CONTACT", "https://example.org/rdkb")
    assert user_agent(None).endswith("+https://example.org/rdkb)")
    assert "+me@example.org)" in user_agent("me@example.org")


def test_redis_shares_the_queue_per_campaign() -> None:
    options = CrawlOptions(docs_dir=Path("docs"), redis_url="redis://q:6379/0", redis_key="c1")
    settings = crawl_settings(options)
    assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"
    assert settings["SCHEDULER_PERSIST"] is True
    assert settings["SCHEDULER_QUEUE_KEY"] == "c1:requests"
    assert settings["REDIS_URL"] == "redis://q:6379/0"
    assert "SCHEDULER" not in crawl_settings(CrawlOptions(docs_dir=Path("docs")))
