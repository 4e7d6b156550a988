from __future__ import annotations

import datetime as dt

import pytest

from scraper.extract import dates

D = dt.date


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["发布时间:2024-05-19 作者:佚名 来源:甘肃人大网"], D(2024, 5, 19)),
        (["发布时间：2024年10月31日  来源：本网"], D(2024, 10, 31)),
        (["日期：2019/6/12"], D(2019, 6, 12)),
        (["发布日期: 2020.3.8 浏览次数:100"], D(2020, 3, 8)),
        (["标题 发布时间:2024-08-31 10:49 来源:黑龙江网"], D(2024, 8, 31)),
    ],
)
def test_labelled_dates(lines: list[str], expected: dt.date) -> None:
    assert dates.date_from_labelled_lines(lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2021-03-08", D(2021, 3, 8)),
        ("2021年3月8日", D(2021, 3, 8)),
        ("2023-06-01 09:30:00", D(2023, 6, 1)),
        ("【2018-11-02】", D(2018, 11, 2)),
        ("2021年3月8日上午，市人大常委会召开会议", None),  # a sentence, not a date line
        ("2024-13-45", None),  # not a calendar date
    ],
)
def test_lone_dates(line: str, expected: dt.date | None) -> None:
    assert dates.date_from_lone_lines([line]) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.npc.gov.cn/npc/c2/c30834/201906/t20190612_298123.html", D(2019, 6, 12)),
        ("http://paper.example/2019/0612/c123-456.html", D(2019, 6, 12)),
        ("http://news.example/system/2024/05/19/030123456.shtml", D(2024, 5, 19)),
        ("http://site.example/content/2023-02/06/content_12345.htm", D(2023, 2, 6)),
        ("http://site.example/art/123456.html", None),
        (None, None),
    ],
)
def test_dates_in_urls(url: str | None, expected: dt.date | None) -> None:
    assert dates.date_from_url(url) == expected


def test_future_dates_are_not_publication_dates() -> None:
    next_year = dt.date.today().year + 1
    assert dates.parse_date(f"{next_year}-01-01") is None
