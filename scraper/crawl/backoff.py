"""Scrapy's retry middleware with exponential backoff: wait ``RDKB_RETRY_BACKOFF`` seconds before
the first retry, twice that before the second, and so on (capped at a minute).

Stock Scrapy retries at once; a struggling government server deserves a pause. The wait happens
in the middleware (asyncio reactor), so other sites keep crawling meanwhile. The decision whether
to retry (which statuses, which exceptions, how often) stays with the stock middleware.
"""

from __future__ import annotations

import asyncio

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

MAX_BACKOFF = 60.0


class BackoffRetryMiddleware:
    def __init__(self, retry: RetryMiddleware, backoff: float) -> None:
        self.retry = retry
        self.backoff = backoff

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        # Raises NotConfigured when RETRY_ENABLED is off, which disables this middleware too.
        retry = RetryMiddleware.from_crawler(crawler)
        return cls(retry, crawler.settings.getfloat("RDKB_RETRY_BACKOFF", 0.0))

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        result = self.retry.process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result)
        return result

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = self.retry.process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result)
        return result

    async def _wait(self, retry: Request) -> None:
        if self.backoff <= 0:
            return
        attempt = int(retry.meta.get("retry_times", 1))
        await asyncio.sleep(min(MAX_BACKOFF, self.backoff * 2 ** (attempt - 1)))
