"""Counts for the statistics page that the listings do not already hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sized

NO_REGION = "未标注地区"
NO_DATE = "日期不详"


def per_year_of_months(by_month: Mapping[tuple[int, int], Sized]) -> list[tuple[int, int]]:
    """(year, articles) oldest first, summed over the month lists a year's page links to."""
    counts: Counter[int] = Counter()
    for (year, _month), members in by_month.items():
        counts[year] += len(members)
    return sorted(counts.items())
