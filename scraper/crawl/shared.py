"""Claims shared between machines crawling together (``rdkb crawl --redis``).

scrapy-redis shares the request queue; this shares the decision who fetches a URL. A machine
claims a URL in a Redis set before requesting it, and skips it when another machine already has.
Deduplicating here, rather than with scrapy-redis' request filter, keeps requests ``dont_filter``
so that redirect loops still run into the redirect limit and get reported.
"""

from __future__ import annotations

from typing import Any


class SharedClaims:
    def __init__(self, redis_url: str, key: str) -> None:
        import redis

        self._redis: Any = redis.Redis.from_url(redis_url)
        self._key = f"{key}:claimed"

    def claim(self, url: str) -> bool:
        """True when this machine is the first to claim ``url`` in this campaign."""
        return bool(self._redis.sadd(self._key, url))
