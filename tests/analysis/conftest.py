"""Small hand-made Article records for the analysis tests."""

from __future__ import annotations

import datetime as dt

from scraper.analysis.entries import Entry
from scraper.records import Article, Author


def article(
    title: str,
    body: str,
    date: str = "2024-05-19",
    region: tuple[str, ...] = (),
    authors: tuple[Author, ...] = (),
    **extra: object,
) -> Article:
    return Article(
        title=title,
        date=dt.date.fromisoformat(date),
        body=body,
        region=region,
        authors=authors,
        url=str(extra.pop("url")) if "url" in extra else None,
        extra=dict(extra),
    )


def entries(*articles: Article) -> list[Entry]:
    return [
        Entry(f"articles/{a.date.year}/{a.date.isoformat()}-{n}.md", a)
        for n, a in enumerate(articles)
    ]
