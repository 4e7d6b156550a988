"""Generated pages from a small hand-made archive (no MkDocs)."""

from __future__ import annotations

from lxml import html as lxml_html

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.themes import load_taxonomy
from scraper.publish import article, charts, feed
from scraper.publish.generated import Settings, SitePages
from scraper.records import Author
from tests.analysis.conftest import article as make
from tests.analysis.conftest import entries

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
        "stats/years.svg",
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
