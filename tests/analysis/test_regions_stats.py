from __future__ import annotations

from scraper.analysis import stats
from scraper.analysis.region_tree import build_region_tree


def test_tree_counts_include_subregions() -> None:
    root = build_region_tree(
        [
            ("甘肃省", "张掖市", "甘州区"),
            ("甘肃省", "张掖市"),
            ("甘肃省",),
            ("贵州省", "六盘水市", "水城区"),
            (),
        ]
    )
    gansu = root.children["甘肃省"]
    assert gansu.count == 3
    assert gansu.articles == [0, 1, 2]
    assert gansu.children["张掖市"].articles == [0, 1]
    assert gansu.children["张掖市"].children["甘州区"].path == ("甘肃省", "张掖市", "甘州区")
    assert root.direct == [4]
    assert [n.name for n in root.walk()] == [
        "甘肃省",
        "张掖市",
        "甘州区",
        "贵州省",
        "六盘水市",
        "水城区",
    ]


def test_stats_counts() -> None:
    """A year counts what its month pages list, oldest year first."""
    by_month = {(2024, 1): [2], (2019, 5): [1, 3], (2019, 1): [0]}
    assert stats.per_year_of_months(by_month) == [(2019, 3), (2024, 1)]
