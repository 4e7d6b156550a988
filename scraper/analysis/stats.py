"""Counts for the statistics page: articles per year, per province and per theme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence, Sized

from scraper.records import Article

NO_REGION = "未标注地区"
NO_DATE = "日期不详"


def per_year(articles: Sequence[Article]) -> list[tuple[str, int]]:
    """(year, articles) oldest first; undated articles last, as 日期不详."""
    counts = Counter(str(a.date.year) for a in articles if a.date)
    undated = sum(1 for a in articles if a.date is None)
    return sorted(counts.items()) + ([(NO_DATE, undated)] if undated else [])


def per_province(articles: Sequence[Article]) -> list[tuple[str, int]]:
    counts = Counter(a.region[0] if a.region else NO_REGION for a in articles)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def per_theme(
    themes: Sequence[Sequence[str]], names: Sequence[tuple[str, str]]
) -> list[tuple[str, int]]:
    """(theme name, articles) in taxonomy order.

    ``names`` is [(slug, name)]; ``themes[i]`` are the slugs of article i."""
    counts = Counter(slug for slugs in themes for slug in slugs)
    return [(name, counts.get(slug, 0)) for slug, name in names]


def per_year_of_months(by_month: Mapping[tuple[int, int], Sized]) -> list[tuple[int, int]]:
    """(year, articles) oldest first, summed over the month lists a year's page links to."""
    counts: Counter[int] = Counter()
    for (year, _month), members in by_month.items():
        counts[year] += len(members)
    return sorted(counts.items())
