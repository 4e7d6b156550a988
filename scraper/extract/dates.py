"""Publication dates in every shape these sites use — and never the crawl date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from scraper.extract.patterns import COLON, DATE_LABEL

# 2024-05-19, 2024/5/19, 2024.05.19, 2024年5月19日, 2024 年 5 月 19 日, 2023 12/29.
_YMD = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*(?:[-/.]|年)\s*|\s+(?=\d{1,2}/))(?P<m>\d{1,2})"
    r"\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})(?!\d)\s*日?"
)
# Day first, as some sites print it: 05.03.2018.
_DMY = r"(?<![\d.])(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d{2})(?![\d.])"
_TIME = r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_ANY_DATE = re.compile(f"{_YMD}|{_DMY}")
# A line that opens with the date and carries only short fields after it (names, a view
# counter, a source): 2016-11-21李春成张慧娟 · 2018-11-14 15:01:11发布61次查看.
DATE_LEAD = re.compile(r"^\s*[\[【(（]?\s*(?:" + _YMD + "|" + _DMY + ")" + _TIME)
# A short line that ends with the date: 新浪国内新闻 2025-11-27 23:00:14.
DATE_TAIL = re.compile(r"(?:" + _YMD + "|" + _DMY + ")" + _TIME + r"\s*[\]】)）]?\s*$")
LABELLED_DATE = re.compile(DATE_LABEL + COLON + _YMD)
DATE_ALONE = re.compile(
    r"^\s*[\[【(（]?\s*(?:" + _YMD + "|" + _DMY + ")" + _TIME + r"\s*[\]】)）]?\s*$"
)
# Dates inside URLs: /2024/0519/, /202405/19/, /2024-05/19/, t20240519_123, /20240519/, _20240519
_URL_DATES = (
    re.compile(r"(?<!\d)(?P<y>20\d{2}|19\d{2})[-/_]?(?P<m>[01]\d)[-/_]?(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
)


def make_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date if dt.date(1990, 1, 1) <= date <= dt.date.today() + dt.timedelta(days=1) else None


def _date_of(match: re.Match[str]) -> dt.date | None:
    if match["y"]:
        return make_date(match["y"], match["m"], match["d"])
    return make_date(match["y2"], match["m2"], match["d2"])


def parse_date(text: str | None) -> dt.date | None:
    """The first plausible date in ``text`` (ISO timestamps, 2024年5月19日, 05.03.2018 …)."""
    if not text:
        return None
    for match in _ANY_DATE.finditer(text):
        date = _date_of(match)
        if date:
            return date
    return None


def date_from_labelled_lines(lines: Iterable[str]) -> dt.date | None:
    """发布时间:2024-05-19 / 日期：2024年10月31日 in the given lines."""
    for line in lines:
        for match in LABELLED_DATE.finditer(line):
            date = make_date(match["y"], match["m"], match["d"])
            if date:
                return date
    return None


def date_from_lone_lines(lines: Iterable[str]) -> dt.date | None:
    """A date (optionally with a time) standing alone on its line."""
    for line in lines:
        match = DATE_ALONE.match(line)
        if match:
            date = _date_of(match)
            if date:
                return date
    return None


def date_in_line(line: str) -> dt.date | None:
    """A date anywhere in a short info line such as ``2023-06-01 09:30 来源：…``."""
    return parse_date(line)


def date_from_url(url: str | None) -> dt.date | None:
    """Dates that CMSs put in article paths; tried last because ids can look like dates."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            date = make_date(match["y"], match["m"], match["d"])
            if date:
                return date
    return None


_DATELINE_CHARS = 80  # a dateline sits at the very start of the lead
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_URL_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)")
_LEAD_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})年")
_LEAD_YEAR_CHARS = 200


def date_from_dateline(lead: str, url: str | None) -> dt.date | None:
    """The date that opens the lead (深圳新闻网2026年3月12日讯, 2025年3月7日出版的…), or a
    month and day there (人民网北京6月29日电) completed with the year in the URL's path, else
    with the year the lead itself names (…记者从2025年某省两会新闻发布会上获悉)."""
    opening = lead[:_DATELINE_CHARS]
    found = parse_date(opening)
    if found:
        return found
    month_day = _MONTH_DAY.search(opening)
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.IGNORECASE)
    year = _URL_YEAR.search(path) or _LEAD_YEAR.search(lead[:_LEAD_YEAR_CHARS])
    if month_day and year:
        return make_date(year["y"], month_day["m"], month_day["d"])
    return None
