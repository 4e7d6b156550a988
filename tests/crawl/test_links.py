"""Link discovery as pure functions, on saved column pages and small hand-written cases."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from scraper.crawl import links
from scraper.crawl.demo import pages
from scraper.crawl.links import anchors, discover, is_article_url, same_site, script_pages, url_date
from scraper.decode import decode_page
from scraper.records import RawPage

PAGES = Path(__file__).parent / "pages"
BASE = "http://127.0.0.1:8000"


def _demo_html(path: str) -> str:
    page = pages.page_for(path, "http://localhost:8000")
    assert page is not None
    raw = RawPage(page.body, origin=path, url=BASE + path, content_type=page.content_type)
    return decode_page(raw).text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.gsrdw.gov.cn/html/rdyw/202405/t20240519_101001.html", True),
        ("https://www.hljrd.gov.cn/rdyw/2024-10/31/content_8821.html", True),
        ("http://www.example.gov.cn/col/col123/art_123_4567.html", True),
        ("http://www.example.gov.cn/news/202405/20240519123.shtml", True),
        ("http://www.example.gov.cn/rdgz/show.php?id=20931", True),
        ("http://www.example.gov.cn/content/2024/05/19/abc.html", True),
        ("http://www.example.gov.cn/rdyw/index.html", False),
        ("http://www.example.gov.cn/rdyw/index_3.html", False),
        ("http://www.example.gov.cn/dbgz/list.shtml", False),
        ("http://www.example.gov.cn/rdyw/202405/P020240515_1.pdf", False),
        ("http://www.example.gov.cn/images/202405/banner.jpg", False),
        ("http://www.example.gov.cn/about.html", False),
        ("http://www.example.gov.cn/", False),
    ],
)
def test_article_urls(url: str, expected: bool) -> None:
    assert is_article_url(url) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://x.gov.cn/a/202405/t20240519_1.html", dt.date(2024, 5, 19)),
        ("http://x.gov.cn/a/2023-11/08/content_2001.htm", dt.date(2023, 11, 8)),
        ("http://x.gov.cn/a/2024/0519/1.html", dt.date(2024, 5, 19)),
        ("http://x.gov.cn/a/202402/abc.html", dt.date(2024, 2, 29)),  # month only: its last day
        ("http://x.gov.cn/a/show.php?id=20931", None),
        ("http://x.gov.cn/a/20241399_1.html", None),
    ],
)
def test_url_dates(url: str, expected: dt.date | None) -> None:
    assert url_date(url) == expected


def test_same_site_ignores_www_but_not_subdomains() -> None:
    assert same_site("http://gsrdw.gov.cn/a.html", ["www.gsrdw.gov.cn"])
    assert same_site("https://WWW.gsrdw.gov.cn/a.html", ["gsrdw.gov.cn"])
    assert not same_site("http://news.gsrdw.gov.cn/a.html", ["www.gsrdw.gov.cn"])
    assert not same_site("http://localhost:8000/a.html", ["127.0.0.1"])


def test_anchors_resolve_base_drop_fragments_and_scripts() -> None:
    html = """<html><head><base href="http://a.gov.cn/col/"></head><body>
    <a href="x/1.html#top">一</a><a href="javascript:void(0)">二</a><a href="#">三</a>
    <a href="mailto:a@b.c">四</a><a title="题目在标题属性里" href="/y/2.html"><img src="i.png"></a>
    </body></html>"""
    found = anchors(html, "http://a.gov.cn/index.html")
    assert [(link.url, link.text) for link in found] == [
        ("http://a.gov.cn/col/x/1.html", "一"),
        ("http://a.gov.cn/y/2.html", "题目在标题属性里"),
    ]


def test_anchors_of_nothing() -> None:
    assert anchors("", BASE) == []
    assert anchors("<?xml version='1.0' encoding='gbk'?><p>无链接</p>", BASE) == []


def test_next_page_link_and_numbered_pages() -> None:
    found = discover(_demo_html("/xwzx/index.html"), BASE + "/xwzx/index.html")
    assert [a.url for a in found.articles] == [
        BASE + "/xwzx/202405/t20240519_1001.html",
        BASE + "/xwzx/202405/t20240516_1002.html",
        BASE + pages.PRIVATE,  # discovery does not know robots.txt; the crawler's middleware does
    ]
    assert found.pages == (BASE + "/xwzx/index_1.html", BASE + "/xwzx/index_2.html")


def test_links_to_another_host_are_never_followed() -> None:
    found = discover(_demo_html("/xwzx/index.html"), BASE + "/xwzx/index.html")
    assert all(url.startswith(BASE) for url in [a.url for a in found.articles] + list(found.pages))


def test_trs_script_pager() -> None:
    found = discover(_demo_html("/lfgz/index.html"), BASE + "/lfgz/index.html")
    assert found.pages == (BASE + "/lfgz/index_1.html",)
    last = discover(_demo_html("/lfgz/index_1.html"), BASE + "/lfgz/index_1.html")
    assert last.pages == (BASE + "/lfgz/index.html",)  # the column's nav link; no page 3
    assert script_pages('createPageHTML(3, 1, "index", "shtml")', BASE + "/a/index_1.shtml") == [
        BASE + "/a/index_2.shtml"
    ]


def test_gbk_list_page_without_any_charset() -> None:
    found = discover(_demo_html("/dbgz/list.shtml"), BASE + "/dbgz/list.shtml")
    assert [(a.url, a.text) for a in found.articles] == [
        (BASE + "/dbgz/2023-11/08/content_2001.htm", "代表建议办理“回头看” 推动民生实事落地见效")
    ]
    assert found.pages == (BASE + "/dbgz/list.shtml?page=2",)


def test_fault_links_are_article_links() -> None:
    found = discover(_demo_html("/xwzx/index_2.html"), BASE + "/xwzx/index_2.html")
    assert [a.url for a in found.articles] == [
        BASE + path
        for path in (
            pages.SLOW,
            pages.ERROR_500,
            pages.MISSING_404,
            pages.REDIRECT_LOOP,
            pages.HUGE,
        )
    ]


def test_adapter_patterns_replace_the_guess() -> None:
    html = """<a href="/yichun/2024/1031/1.html">伊春市人大常委会召开会议</a>
    <a href="/heihe/2024/1031/2.html">黑河市人大常委会召开会议</a>
    <a href="/yichun/p2.html">下一页</a><a href="/yichun/list-3">第三页看看</a>"""
    found = discover(
        html,
        "https://www.chinahlj.cn/yichun/",
        article_pattern=re.compile(r"/yichun/\d{4}/"),
        pagination_pattern=re.compile(r"/yichun/(?:p\d+\.html|list-\d+)$"),
    )
    assert [a.url for a in found.articles] == ["https://www.chinahlj.cn/yichun/2024/1031/1.html"]
    assert found.pages == (
        "https://www.chinahlj.cn/yichun/p2.html",
        "https://www.chinahlj.cn/yichun/list-3",
    )


def test_saved_list_page_with_short_and_repeated_links() -> None:
    html = (PAGES / "column_mixed.html").read_text(encoding="utf-8")
    found = discover(html, "http://www.example.gov.cn/rdxw/index.html")
    assert [a.url for a in found.articles] == [
        "http://www.example.gov.cn/rdxw/202404/t20240402_11.html",
        "http://www.example.gov.cn/rdxw/202403/t20240329_10.html",
    ]
    assert found.pages == ("http://www.example.gov.cn/rdxw/index_1.html",)


@pytest.mark.parametrize(
    ("url", "canonical", "dropped"),
    [
        ("http://a.example/cal/?day=12", "http://a.example/cal/", ("day",)),
        ("http://a.example/l.php?cat=3&date=2024-05-01", "http://a.example/l.php?cat=3", ("date",)),
        ("http://a.example/l.php?page=3&_=1716000000", "http://a.example/l.php?page=3", ("_",)),
        ("http://a.example/index_2.html", "http://a.example/index_2.html", ()),
        ("http://a.example/l.php?page=3", "http://a.example/l.php?page=3", ()),
    ],
)
def test_list_urls_lose_unbounded_parameters(
    url: str, canonical: str, dropped: tuple[str, ...]
) -> None:
    assert links.canonical_list_url(url) == (canonical, dropped)
