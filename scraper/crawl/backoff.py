"""Scrapy's retry middleware with exponential backoff: wait ``RDKB_RETRY_BACKOFF`` seconds before
the first retry, twice that before the second, and so on (capped at a minute).

Stock Scrapy retries at once; a struggling government server deserves a pause. The wait happens
in the middleware (asyncio reactor), so other sites keep crawling meanwhile.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

MAX_BACKOFF = 60.0


class BackoffRetryMiddleware(RetryMiddleware):  # type: ignore[misc]
    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("RDKB_RETRY_BACKOFF", 0.0)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        result: Request | Response = super().process_response(request, response)
        if isinstance(result, Request):
            await self._wait(result)
        return result

    async def process_exception(
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result: Request | Response | None = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._wait(result)
        return result

    async def _wait(self, retry: Request) -> None:
        if self.backoff <= 0:
            return
        attempt = int(retry.meta.get("retry_times", 1))
        await asyncio.sleep(min(MAX_BACKOFF, self.backoff * 2 ** (attempt - 1)))
