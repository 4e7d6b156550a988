"""robots.txt as RFC 9309 reads it: a robots.txt that cannot be read keeps the crawler out.

Scrapy's middleware treats a robots.txt it could not fetch (a timeout, a refused connection) or
one answered with a server error as "everything allowed", so a site under load or a passing
network fault would have its private pages fetched. RFC 9309 (2.3.1.3-4) asks for complete
disallow instead. Here each page of such a site fails the way the robots.txt request failed (so
the crawl reports "no response in time" or "the server refused the connection" and tries again
next run); a robots.txt that is missing (4xx) still allows everything, as the RFC says.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached


class RobotsUnavailable(Exception):
    """robots.txt answered with a server error: the site is left alone for this run."""


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._unreadable: dict[str, Exception] = {}

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if not isinstance(exc, IgnoreRequest):
            self._unreadable[netloc] = exc
        super()._robots_error(exc, netloc)

    async def _parse_robots(self, response: Any, netloc: str, request: Any) -> None:
        if response.status >= 500:
            reason = f"robots.txt answered HTTP {response.status}"
            self._robots_error(RobotsUnavailable(reason), netloc)
            return
        await super()._parse_robots(response, netloc, request)

    def process_request_2(self, rp: Any, request: Any) -> None:
        if rp is None:
            error = self._unreadable.get(urlparse_cached(request).netloc)
            if error is not None:
                raise error
        super().process_request_2(rp, request)
