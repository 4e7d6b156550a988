"""Counting what a crawl did: the progress line while it runs and the summary at the end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

STORE_STATUSES = ("new", "updated", "unchanged", "duplicate")


@dataclass
class CrawlCounts:
    """Running totals; the spider owns one and the progress extension reads it."""

    lists_fetched: int = 0
    articles_fetched: int = 0
    requested: int = 0
    answered: int = 0  # requests that reached a callback or errback
    processing_seconds: float = 0.0  # spent in extraction and archiving (the pipeline's share)
    seconds: float = 0.0  # the crawl itself, from Scrapy's start to its end
    already_archived: int = 0  # article links not fetched because the catalog has them
    stored: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    # links a trap guard stopped ("host: what"), and challenge pages per site (host -> count)
    traps: Counter[str] = field(default_factory=Counter)
    challenges: Counter[str] = field(default_factory=Counter)
    by_site: Counter[str] = field(default_factory=Counter)  # pages requested per host

    @property
    def pages_fetched(self) -> int:
        return self.lists_fetched + self.articles_fetched

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    def in_flight(self) -> int:
        return max(0, self.requested - self.answered)

    def progress_line(self) -> str:
        stored = self.stored
        return (
            f"rdkb crawl: {plural(self.pages_fetched, 'page')} "
            f"({plural(self.lists_fetched, 'list')}, "
            f"{plural(self.articles_fetched, 'article')}) · {stored['new']} new, "
            f"{stored['updated']} updated, "
            f"{stored['unchanged']} unchanged, {plural(stored['duplicate'], 'duplicate')} · "
            f"{self.failed} failed · {self.in_flight()} in flight"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages_fetched": self.pages_fetched,
            "lists_fetched": self.lists_fetched,
            "articles_fetched": self.articles_fetched,
            "articles": {status: self.stored[status] for status in STORE_STATUSES},
            "already_archived": self.already_archived,
            "failures": dict(sorted(self.failures.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "traps": dict(sorted(self.traps.items())),
            "challenges": dict(sorted(self.challenges.items())),
            "processing_seconds": round(self.processing_seconds, 3),
            "seconds": round(self.seconds, 3),
        }

    def render(self) -> str:
        """The end-of-crawl summary, a few aligned lines."""
        stored = self.stored
        lines = [
            f"pages fetched       {self.pages_fetched} ({plural(self.lists_fetched, 'list')}, "
            f"{plural(self.articles_fetched, 'article')})",
            f"articles            {stored['new']} new, {stored['updated']} updated, "
            f"{stored['unchanged']} unchanged",
            f"duplicates merged   {stored['duplicate']}",
            f"already archived    {self.already_archived} (not fetched again; --refresh to force)",
            f"failures            {self.failed}",
        ]
        lines += [f"  {count:>4}  {reason}" for reason, count in sorted(self.failures.items())]
        if self.skipped:
            lines.append(f"skipped             {sum(self.skipped.values())}")
            lines += [f"  {count:>4}  {reason}" for reason, count in sorted(self.skipped.items())]
        if self.challenges:
            sites = ", ".join(f"{host} {n}" for host, n in sorted(self.challenges.items()))
            lines.append(
                f"challenge           {plural(sum(self.challenges.values()), 'page')} ({sites}): "
                "anti-bot pages, not archived; tried again next run"
            )
        if self.traps:
            lines.append(
                f"traps               {plural(sum(self.traps.values()), 'link')} not followed"
            )
            lines += [f"  {count:>4}  {trap}" for trap, count in sorted(self.traps.items())]
        return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    """``1 page``, ``2 pages``: counts agree in number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
