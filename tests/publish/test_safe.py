"""Front matter made fit to publish: URLs, headings, bidi controls (issue 13, point 1)."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from scraper.analysis.entries import Entry
from scraper.publish.feed import FeedItem, atom
from scraper.publish.safe import markdown_text, outside_link, published, web_url
from scraper.publish.urls import slug_path
from scraper.records import Article, Author

OPENING = '<a class="x" href="'


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https:javascript:alert(1)",  # no host
        "//evil.example/x",
        "/relative/path",
        "http://[::1",
        "",
    ],
)
def test_only_web_addresses_are_links(url: str) -> None:
    assert web_url(url) is None
    shown = outside_link(url, "原文链接", OPENING)
    assert "<a" not in shown and 'href="' not in shown
    assert shown.startswith('<span class="rdkb-not-link"')


def test_a_web_address_is_a_link_escaped() -> None:
    assert web_url(" https://a.example/x?q=1\n") == "https://a.example/x?q=1"
    html = outside_link('http://a.example/"><script>', "<b>原文</b>", OPENING)
    assert (
        html == f'{OPENING}http://a.example/&quot;&gt;&lt;script&gt;">&lt;b&gt;原文&lt;/b&gt;</a>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "&lt;script&gt;",
        "x {: onclick=alert(1) }",
        "[点我](javascript:alert(1))",
        "x\n<script>alert(1)</script>",
        "*强调* _下划线_ `代码` # 井号 \\ 反斜杠",
    ],
)
def test_a_heading_shows_its_text_and_nothing_else(text: str) -> None:
    html = markdown.markdown("# " + markdown_text(text), extensions=["attr_list"])
    assert html.startswith("<h1>") and html.count("<") == 2, html  # <h1> and </h1> only
    inner = html.removeprefix("<h1>").removesuffix("</h1>")
    assert inner == " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(
        ">", "&gt;"
    )


def test_bidi_controls_and_unknown_keys_are_dropped() -> None:
    rlo = "\u202e\u2066"
    article = Article(
        title=f"{rlo}县人大\u200f常委会\u202c",
        date=dt.date(2024, 5, 1),
        body="正文",
        authors=(Author(f"王{rlo}某", f"主任{rlo}"),),
        region=(f"浙江省{rlo}",),
        source=f"来源{rlo}",
        site=f"网站{rlo}",
    )
    meta = {
        "title": article.title,
        "authors": [{"name": f"王{rlo}某"}],
        "region": ["浙江省\u200e"],
        "template": "redirect.html",  # Material would act on these two: not page.meta's
        "location": "javascript:alert(1)",
    }
    entry = published(Entry("articles/2024/a.md", article, meta))
    a = entry.article
    assert a.title == "县人大常委会"
    assert (a.authors[0].name, a.authors[0].position) == ("王某", "主任")
    assert (a.region, a.source, a.site) == (("浙江省",), "来源", "网站")
    assert entry.meta == {
        "title": "县人大常委会",
        "authors": [{"name": "王某"}],
        "region": ["浙江省"],
    }


def test_a_slug_holds_no_line_break_or_control() -> None:
    assert slug_path("x\n\n---\n<img>") == "x-------img"
    assert slug_path("a\x00b\u202ec") == "a-b-c"


def test_the_feed_stays_xml_whatever_a_title_holds() -> None:
    from lxml import etree

    item = FeedItem("标题\x01\x0b\ufffe<script>", "a/", dt.date(2024, 5, 1), ("王\x00某",), "摘要")
    feed = etree.fromstring(atom("站", "", [item]).encode())
    title = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")
    assert title is not None and title.text == "标题<script>"
