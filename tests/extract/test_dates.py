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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-11-21张某某李某某", D(2016, 11, 21)),
        ("2018-11-14 15:01:11发布61次查看", D(2018, 11, 14)),
        ("05.03.2018  02:21", D(2018, 3, 5)),
        ("2023 12/29 11:47:09", D(2023, 12, 29)),
        ("2024 年 5 月 19 日", D(2024, 5, 19)),
        ("某某新闻 2025-11-27 23:00:14", D(2025, 11, 27)),
        ("编号12345678", None),
    ],
)
def test_dates_glued_spaced_and_day_first(text: str, expected: dt.date | None) -> None:
    assert dates.parse_date(text) == expected


def test_date_lead_and_tail_lines() -> None:
    assert dates.DATE_LEAD.match("2016-11-21张某某李某某")
    assert dates.DATE_TAIL.search("某某新闻 2025-11-27 23:00:14")
    assert not dates.DATE_LEAD.match("5月19日上午，某县人大常委会召开会议。")


@pytest.mark.parametrize(
    ("lead", "url", "expected"),
    [
        ("某新闻网2026年3月12日讯(记者 某某)3月11日下午", None, D(2026, 3, 12)),
        ("2025年3月7日出版的《某某晚报》第6版刊登了报道。", None, D(2025, 3, 7)),
        (
            "某网北京6月29日电 (记者某某)在发布会上",
            "http://x.example/2022/a/1.html",
            D(2022, 6, 29),
        ),
        ("某网北京6月29日电 (记者某某)在发布会上", None, None),
        ("某网南昌1月15日电 (某某)15日，记者从2025年某省两会发布会上获悉", None, D(2025, 1, 15)),
        ("会议强调，要把监督工作做实。" * 10 + "2024年1月1日", None, None),
    ],
)
def test_date_from_dateline(lead: str, url: str | None, expected: dt.date | None) -> None:
    assert dates.date_from_dateline(lead, url) == expected
