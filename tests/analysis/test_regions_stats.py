from __future__ import annotations

from scraper.analysis import stats
from scraper.analysis.region_tree import build_region_tree
from tests.analysis.conftest import article


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
    arts = [
        article("a", "", "2019-01-01", ("甘肃省",)),
        article("b", "", "2019-05-01", ("甘肃省", "张掖市")),
        article("c", "", "2024-01-01"),
    ]
    assert stats.per_year(arts) == [("2019", 2), ("2024", 1)]
    assert stats.per_province(arts) == [("甘肃省", 2), ("未标注地区", 1)]
    assert stats.per_theme([("x",), ("x", "y"), ()], [("x", "X"), ("y", "Y"), ("z", "Z")]) == [
        ("X", 2),
        ("Y", 1),
        ("Z", 0),
    ]
