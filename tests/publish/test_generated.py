"""Generated pages from a small hand-made archive (no MkDocs)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote, urljoin

from lxml import html as lxml_html

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.themes import load_taxonomy
from scraper.publish import article, charts, feed
from scraper.publish.downloads import plan_downloads
from scraper.publish.generated import Settings, SitePages
from scraper.records import Article, Author
from tests.analysis.conftest import article as make
from tests.analysis.conftest import entries
from tests.conftest import ROOT

ARTICLES = [
    make(
        "开展执法检查 推动法律落地",
        "市人大常委会开展执法检查和专题询问，听取专项工作报告。执法检查发现问题后跟踪监督。",
        "2024-05-19",
        ("甘肃省", "张掖市"),
        (Author("王海峰", "张掖市人大常委会主任"),),
        url="https://a.example/1",
    ),
    make(
        "代表之家里的接待日",
        "人大代表走进代表之家，联系群众，收集代表建议。习近平总书记指出：“人大代表要密切联系群众。”",
        "2023-01-02",
        ("甘肃省", "张掖市", "甘州区"),
        (Author(None, "甘州区人大常委会办公室"),),
    ),
    make("地方立法", "制定地方性法规，发挥基层立法联系点作用。", "2022-03-04", themes=["立法工作"]),
    make("执法检查回头看", "执法检查发现的问题整改情况，常委会听取专项工作报告。", "2021-06-01"),
]


def _site(page_size: int = 50) -> SitePages:
    analysis = analyse(entries(*ARTICLES), load_taxonomy(), load_glossary())
    return SitePages(analysis, Settings(page_size=page_size, compact_page_size=1))


def test_every_generated_page_and_its_links() -> None:
    site = _site()
    files = {f.src_uri: f for f in site.files()}
    for required in (
        "themes/index.md",
        "themes/supervision/index.md",
        "regions/index.md",
        "regions/甘肃省/index.md",
        "regions/甘肃省/张掖市/甘州区/index.md",
        "regions/none/index.md",
        "archive/index.md",
        "archive/2024/05/index.md",
        "authors/王海峰/index.md",
        "authors/unsigned/index.md",
        "concepts/zhifa-jiancha/index.md",
        "quotes/index.md",
        "stats/index.md",
        "feed.xml",
    ):
        assert required in files, required
    # compact listings paginate at 1 per page: the province has two articles → two pages
    assert "regions/甘肃省/page-2.md" in files
    province = lxml_html.fromstring(files["regions/甘肃省/index.md"].html)
    assert [a.get("href") for a in province.cssselect("a.rdkb-entry__title")] == [
        "../../articles/2024/2024-05-19-0/"
    ]
    assert province.cssselect("nav.rdkb-pager a[rel=next]")[0].get("href") == "page-2/"
    # an article without a byline is listed as unsigned (on one of the pages)
    unsigned = [
        a.text_content()
        for uri, f in files.items()
        if uri.startswith("authors/unsigned/")
        for a in lxml_html.fromstring(f.html).cssselect("a.rdkb-entry__title")
    ]
    assert "地方立法" in unsigned
    legislation = lxml_html.fromstring(files["themes/legislation/index.md"].html)
    assert "地方立法" in legislation.text_content()


def test_article_header_and_footer() -> None:
    site = _site()
    info = site.analysis.infos[0]
    head = lxml_html.fromstring(article.header(info, site))
    assert head.cssselect(".rdkb-sample-notice")  # url on a .example host
    assert "王海峰（张掖市人大常委会主任）" in head.text_content()
    regions = [
        a.get("href") for a in head.cssselect("dl.rdkb-meta a") if "regions" in a.get("href")
    ]
    assert regions == [
        "../../../regions/%E7%94%98%E8%82%83%E7%9C%81/",
        "../../../regions/%E7%94%98%E8%82%83%E7%9C%81/%E5%BC%A0%E6%8E%96%E5%B8%82/",
    ]
    assert "supervision" in info.themes
    foot = lxml_html.fromstring(article.footer(info, site))
    assert foot.cssselect("section.rdkb-related li a")
    second = site.analysis.infos[1]
    assert not lxml_html.fromstring(article.header(second, site)).cssselect(".rdkb-sample-notice")
    assert (
        "甘州区人大常委会办公室"
        in lxml_html.fromstring(article.header(second, site)).text_content()
    )


def test_quotes_and_feed_and_chart() -> None:
    site = _site()
    quotes = {f.src_uri: f for f in site.files()}["quotes/index.md"]
    assert "人大代表要密切联系群众。" in quotes.content + quotes.html
    atom = feed.atom(
        "人大知识库",
        "https://rdkb.example/",
        [
            feed.FeedItem(
                "标题",
                "articles/2024/a/",
                __import__("datetime").date(2024, 5, 19),
                ("王",),
                "摘要",
            )
        ],
    )
    assert '<link rel="alternate" href="https://rdkb.example/articles/2024/a/"/>' in atom
    svg = charts.bar_chart("各年份文章数", [("2023", 3), ("2024", 6)])
    assert svg.count("<rect") == 2 and "各年份文章数" in svg


def test_feed_keeps_each_author_whole() -> None:
    """Issue 14, point 8: one <author> per author, a position with 、 in it never cut there."""
    from lxml import etree

    arts = [
        make(
            "代表履职 情系民生",
            "利川市人大常委会组织代表开展视察，听取代表建议，推动民生实事落地。",
            "2024-05-19",
            ("湖北省", "恩施土家族苗族自治州", "利川市"),
            (
                Author("谭家富", "利川市人大常委会党组书记、主任"),
                Author(None, "利川市人大常委会办公室"),
            ),
        ),
        make("地方立法", "制定地方性法规，发挥基层立法联系点作用。", "2024-05-18"),
    ]
    analysis = analyse(entries(*arts), load_taxonomy(), load_glossary())
    atom = SitePages(analysis, Settings()).feed()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries_ = etree.fromstring(atom.encode()).findall("a:entry", ns)
    names = [[n.text for n in e.findall("a:author/a:name", ns)] for e in entries_]
    assert names == [
        ["谭家富（利川市人大常委会党组书记、主任）", "利川市人大常委会办公室"],
        ["未署名"],
    ]


# -- issue 15: trust, study downloads, Chinese polish, organisation bylines -------------------


def resolve(page_url: str, href: str) -> str:
    """The site path (no leading /) ``href`` leads to from the page at ``page_url``."""
    return unquote(urljoin("http://site/" + page_url, href)).removeprefix("http://site/")


def _pages(*articles: Article, **settings: Any) -> SitePages:
    analysis = analyse(entries(*articles), load_taxonomy(), load_glossary())
    return SitePages(analysis, Settings(**settings))


def _text(markup: str) -> str:
    return " ".join(lxml_html.fromstring(f"<div>{markup}</div>").text_content().split())


def _visible(site: SitePages) -> dict[str, str]:
    """Every generated page's visible text, and the article header and footer of each article."""
    out = {f.src_uri: _text(f.content + f.html) for f in site.files() if f.src_uri.endswith(".md")}
    for info in site.analysis.infos:
        out[info.src_uri] = _text(article.header(info, site) + article.footer(info, site))
    return out


def test_the_home_page_says_when_the_archive_holds_samples() -> None:
    sample = replace(ARTICLES[0], title="样例一")
    only = _pages(sample, replace(sample, title="样例二", url="https://b.example/2"))
    assert "本站目前只收录了 2 篇样例文章" in _text(only.home_counts("index.md"))
    mixed = _text(_pages(*ARTICLES).home_counts("index.md"))
    assert "有 1 篇是本项目自行撰写的样例文章" in mixed and "只收录" not in mixed
    real = _text(_pages(*ARTICLES[1:]).home_counts("index.md"))
    assert "样例" not in real and "收录文章 3 篇" in real


def test_sample_articles_are_marked_in_related_and_previous_next() -> None:
    site = _pages(*ARTICLES)
    sample = site.analysis.infos[0]
    marked = 0
    for info in site.analysis.infos[1:]:
        foot = lxml_html.fromstring(f"<div>{article.footer(info, site)}</div>")
        for link in foot.cssselect("section.rdkb-related li, nav.rdkb-prevnext a"):
            is_sample = sample.article.title in link.text_content()
            assert bool(link.cssselect(".rdkb-tag")) == is_sample, link.text_content()
            marked += is_sample
    assert marked, "the sample article is related to another one"


def test_quotations_carry_the_source_and_date_and_say_samples_are_left_out() -> None:
    quoting = replace(ARTICLES[1], source="张掖日报")
    site = _pages(ARTICLES[0], quoting)
    quotes = {f.src_uri: f for f in site.files()}["quotes/index.md"]
    doc = lxml_html.fromstring(f"<div>{quotes.content}</div>")
    (cite,) = doc.cssselect("figure.rdkb-quote li")
    assert cite.cssselect("a")[0].get("href") == "../articles/2023/2023-01-02-1/"
    assert "张掖日报，2023年1月2日" in cite.text_content()
    assert "本站的 1 篇样例文章是本项目自行撰写的示例，不收入本页" in doc.text_content()


def test_theme_and_month_pages_link_their_word_documents() -> None:
    site = _pages(*ARTICLES, downloads=True, theme_download_size=1)
    planned = {d.src_uri for d in plan_downloads(site.analysis, 1)}
    linked = {}
    for f in site.files():
        for a in lxml_html.fromstring(f"<div>{f.html}</div>").cssselect(".rdkb-download a"):
            linked[f.src_uri] = resolve(site.url(f.src_uri), a.get("href"))
    assert set(linked.values()) == planned
    assert linked["themes/supervision/index.md"] == "downloads/themes/supervision.docx"
    assert linked["archive/2024/05/index.md"] == "downloads/months/2024-05.docx"
    supervision = {f.src_uri: f for f in site.files()}["themes/supervision/index.md"]
    assert "最新的 1 篇" in _text(supervision.html)  # two articles, a document of the newest
    assert not any(".rdkb-download" in f.html for f in _pages(*ARTICLES).files())


def test_an_organisation_byline_has_its_own_listing_not_unsigned() -> None:
    site = _pages(*ARTICLES)
    files = {f.src_uri: f for f in site.files()}
    unit = "甘州区人大常委会办公室"
    listing = files[f"authors/organisations/{unit}/index.md"]
    titles = [a.text_content() for a in lxml_html.fromstring(listing.html).iter("a")]
    assert "代表之家里的接待日" in titles
    unsigned = " ".join(f.html for uri, f in files.items() if uri.startswith("authors/unsigned"))
    assert "代表之家里的接待日" not in unsigned
    index = lxml_html.fromstring(f"<div>{files['authors/index.md'].content}</div>")
    assert [a.text_content() for a in index.cssselect("ul.rdkb-organisations a")] == [unit]
    head = lxml_html.fromstring(article.header(site.analysis.infos[1], site))
    (byline,) = [a for a in head.cssselect("dl.rdkb-meta a") if a.text_content() == unit]
    target = resolve(site.url(site.analysis.infos[1].src_uri), byline.get("href"))
    assert target == f"authors/organisations/{unit}/"


def test_reposts_are_named_by_their_site() -> None:
    reposted = replace(
        ARTICLES[1],
        also_at=("https://www.npc.gov.cn/npc/c1/1.html", "https://unknown.example.cn/a.html"),
    )
    site = _pages(reposted)
    foot = lxml_html.fromstring(article.footer(site.analysis.infos[0], site))
    links = [(a.text_content(), a.get("href")) for a in foot.cssselect("section.rdkb-also a")]
    assert links == [
        ("中国人大网", "https://www.npc.gov.cn/npc/c1/1.html"),
        ("unknown.example.cn", "https://unknown.example.cn/a.html"),
    ]


NOT_CHINESE_DATE = r"\d\s+[年月日]|年\s+\d{1,2}月|月\s+\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}"


def test_dates_are_in_chinese_typography_everywhere() -> None:
    """2024年5月19日 and 2024年5月: no spaces, no ISO dates in what a reader sees."""
    pages = _visible(_pages(*ARTICLES))
    assert "2024年5月19日" in pages["articles/2024/2024-05-19-0.md"]
    assert "2024年5月" in pages["archive/2024/05/index.md"]
    for uri, text in pages.items():
        assert not re.search(NOT_CHINESE_DATE, text), uri


JARGON = ("元数据", "TF-IDF", "front matter", "YAML", "Markdown", "jieba", "结巴", "余弦")


def test_readers_see_no_internal_jargon() -> None:
    texts = dict(_visible(_pages(*ARTICLES)))
    for page in ("about.md", "index.md"):
        texts[page] = (ROOT / "docs" / page).read_text(encoding="utf-8")
    for uri, text in texts.items():
        assert not [w for w in JARGON if w.lower() in text.lower()], uri
