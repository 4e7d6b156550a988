"""The statistics page (issue 15, point 5): each chart inline, each bar and each table row a link
to the listing it counts, with the count that listing lists; scraped names printed as text."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.entries import Entry
from scraper.analysis.themes import load_taxonomy
from scraper.publish import charts
from scraper.publish.generated import Settings, SitePages
from scraper.records import Article, Author
from tests.analysis.conftest import article as make
from tests.analysis.conftest import entries

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
HOSTILE_PROVINCE = f"甘肃省{IMG}"
HOSTILE_THEME = f"立法工作{SCRIPT}"
LONG_THEME = (
    "人大代表工作与代表之家站点建设专题研究"  # wider than the label column: cut in the chart
)

ARTICLES = [
    make(
        "执法检查",
        "市人大常委会开展执法检查，听取专项工作报告。",
        "2024-05-19",
        ("甘肃省", "张掖市"),
    ),
    make("代表之家", "人大代表走进代表之家，联系群众，收集代表建议。", "2024-03-02", ("甘肃省",)),
    make("地方立法", "制定地方性法规。", "2024-01-04", (HOSTILE_PROVINCE,), themes=[HOSTILE_THEME]),
    make(
        "立法联系点", "基层立法联系点。", "2023-06-01", ("浙江省", "杭州市"), themes=[HOSTILE_THEME]
    ),
    make("代表建议", "代表建议办理。", "2022-03-04", themes=[LONG_THEME]),  # no region
    make("接待日", "代表接待选民。", "2022-03-05", ("浙江省",), (Author("王海峰", "主任"),)),
]
UNDATED = dataclasses.replace(make("日期不详的文章", "人大代表联系群众。"), date=None)
SRC = "stats/index.md"


def _site(articles: list[Article] = ARTICLES, undated: bool = True, size: int = 1) -> SitePages:
    """Listings paginated at ``size`` entries, so a count spans several pages."""
    taxonomy = load_taxonomy()
    themes = [
        dataclasses.replace(t, name=HOSTILE_THEME)
        if t.slug == "legislation"
        else dataclasses.replace(t, name=LONG_THEME)
        if t.slug == "deputies"
        else t
        for t in taxonomy.themes
    ]
    archive = entries(*articles)
    if undated:
        archive.append(Entry("articles/undated/undated-1.md", UNDATED))
    analysis = analyse(
        archive, dataclasses.replace(taxonomy, themes=tuple(themes)), load_glossary()
    )
    return SitePages(analysis, Settings(page_size=size, compact_page_size=size))


def _stats(pages: Pages) -> lxml_html.HtmlElement:
    page = pages.files[SRC]
    assert page.content == "# 统计\n"
    return lxml_html.fragment_fromstring(page.html, create_parent="div")


class Pages:
    """The generated files of a site, found by the URL an href leads to."""

    def __init__(self, site: SitePages) -> None:
        self.files = {f.src_uri: f for f in site.files()}
        self.by_url = {site.url(src): src for src in self.files}
        self.url = site.url

    def target(self, src: str, href: str) -> str:
        """The source path of the page ``href`` (on the page ``src``) leads to."""
        absolute = urljoin("http://site.invalid/" + self.url(src), href)
        return self.by_url[absolute.removeprefix("http://site.invalid/")]

    def listed(self, src: str) -> int:
        """Entries a listing lists over all its pages; a year's page: the sum of its months'."""
        page = self.files[src]
        root = lxml_html.fragment_fromstring(page.content + page.html, "div")
        if re.fullmatch(r"archive/\d{4}/index.md", src):
            months = [a.get("href") for a in root.iter("a") if "月全部" in a.text_content()]
            assert months
            return sum(self.listed(self.target(src, href)) for href in months)
        total = len(root.cssselect("a.rdkb-entry__title"))
        nxt = root.cssselect("nav.rdkb-pager a[rel=next]")
        if nxt:
            total += self.listed(self.target(src, nxt[0].get("href")))
        return total


def _chart(doc: lxml_html.HtmlElement, key: str) -> tuple[list[tuple[str, str, int]], ...]:
    """(label, href, count) of each linked bar, and of each linked table row, of one chart."""
    section = doc.get_element_by_id(f"rdkb-stats-{key}").getparent()
    bars = [
        (
            a.cssselect(".rdkb-chart__label")[0].text,
            a.get("href"),
            int(a.cssselect(".rdkb-chart__value")[0].text),
        )
        for a in section.cssselect("svg a.rdkb-chart__bar")
    ]
    rows = [
        (tr.cssselect("th a")[0].text, tr.cssselect("th a")[0].get("href"), int(tr[1].text))
        for tr in section.cssselect("table tbody tr")
        if tr.cssselect("th a")
    ]
    return bars, rows


def _same(bars: list[tuple[str, str, int]], rows: list[tuple[str, str, int]]) -> bool:
    """The chart and the table show the same items (a label cut with … in the chart)."""
    return len(bars) == len(rows) and all(
        bar[1:] == row[1:] and row[0].startswith(bar[0].removesuffix(charts.ELLIPSIS))
        for bar, row in zip(bars, rows, strict=True)
    )


def test_each_bar_and_row_links_to_the_listing_it_counts() -> None:
    pages = Pages(_site())
    doc = _stats(pages)
    expected = {
        "years": [
            ("2022", "../archive/2022/", 2),
            ("2023", "../archive/2023/", 1),
            ("2024", "../archive/2024/", 3),
            ("日期不详", "../archive/undated/", 1),
        ],
        "provinces": [
            ("浙江省", "../regions/%E6%B5%99%E6%B1%9F%E7%9C%81/", 2),  # most first, then by name
            ("甘肃省", "../regions/%E7%94%98%E8%82%83%E7%9C%81/", 2),
            (HOSTILE_PROVINCE, None, 1),  # its href: the slug of a hostile name, checked below
            ("未标注地区", "../regions/none/", 2),
        ],
    }
    for key, want in expected.items():
        bars, rows = _chart(doc, key)
        assert _same(bars, rows), key
        assert [(label, count) for label, _, count in rows] == [(w[0], w[2]) for w in want], key
        for (label, href, count), (_, want_href, _) in zip(rows, want, strict=True):
            assert want_href in (None, href), (label, href)
            assert pages.listed(pages.target(SRC, href)) == count, (label, href)
    bars, rows = _chart(doc, "themes")
    taxonomy = [t.name for t in _site().analysis.taxonomy.themes]
    assert [label for label, _, _ in rows] == taxonomy  # every theme, in the taxonomy's order
    assert _same(bars, rows)
    for _label, href, count in rows:
        assert (
            pages.target(SRC, href).startswith("themes/")
            and pages.listed(pages.target(SRC, href)) == count
        )
    theme_counts = dict((label, count) for label, _, count in rows)
    assert theme_counts[HOSTILE_THEME] == 2 and theme_counts[LONG_THEME] >= 1


def test_numbers_on_the_page_add_up() -> None:
    site = _site()
    doc = _stats(Pages(site))
    lead = doc.cssselect("p.rdkb-lead strong")
    assert [s.text for s in lead] == ["7", "3", "1"]  # articles, provinces, named authors
    for key in ("years", "provinces"):
        assert sum(count for _, _, count in _chart(doc, key)[1]) == 7
    # a bar's length is its share of the largest (the 2024 bar is 3/2 of the 2022 bar)
    svg = doc.get_element_by_id("rdkb-stats-years").getparent().cssselect("svg")[0]
    widths = [float(r.get("width")) for r in svg.cssselect("rect.rdkb-chart__fill")]
    assert abs(widths[2] / widths[0] - 3 / 2) < 0.01 and widths[2] == max(widths)


def test_no_region_row_only_with_a_page_for_it() -> None:
    dated = [a for a in ARTICLES if a.region]
    pages = Pages(_site(dated, undated=False))
    doc = _stats(pages)
    labels = [label for label, _, _ in _chart(doc, "provinces")[1]]
    assert "未标注地区" not in labels and "regions/none/index.md" not in pages.files
    assert "日期不详" not in [label for label, _, _ in _chart(doc, "years")[1]]


def test_scraped_names_are_text_never_markup() -> None:
    pages = Pages(_site())
    doc = _stats(pages)
    assert not doc.xpath("//script | //img | //iframe | //foreignobject | //object | //style")
    assert not doc.xpath("//@*[starts-with(name(), 'on')]")
    for href in doc.xpath("//a/@href"):
        assert not href.strip().lower().startswith(("javascript:", "data:")), href
    table_names = [th.text_content() for th in doc.cssselect("table tbody th")]
    assert HOSTILE_PROVINCE in table_names and HOSTILE_THEME in table_names
    tips = [t.text for t in doc.cssselect("svg title")]
    assert f"{HOSTILE_PROVINCE}：1 篇" in tips and f"{HOSTILE_THEME}：2 篇" in tips
    # the hostile province's bar and row lead to its region page (an escaped slug)
    _bars, rows = _chart(doc, "provinces")
    hostile = [href for label, href, _ in rows if label == HOSTILE_PROVINCE]
    assert hostile and pages.target(SRC, hostile[0]).startswith("regions/")
    assert "<" not in hostile[0] and '"' not in hostile[0]


def test_a_long_name_is_cut_in_the_chart_and_whole_in_the_table() -> None:
    pages = Pages(_site())
    doc = _stats(pages)
    bars, rows = _chart(doc, "themes")
    drawn = [label for label, _, _ in bars]
    assert LONG_THEME in [label for label, _, _ in rows] and LONG_THEME not in drawn
    cut = [label for label in drawn if label.endswith(charts.ELLIPSIS) and label[0] == "人"]
    assert len(cut) == 1 and LONG_THEME.startswith(cut[0][:-1]) and len(cut[0]) > 8
    assert charts.text_width(cut[0], 14) <= 400 * 0.45


def test_a_chart_is_also_a_file_of_its_own() -> None:
    """Well-formed standalone SVG (its namespace, no script), links only where given."""
    svg = charts.bar_chart(
        f"标题{SCRIPT}", [charts.Bar("2024", 3, "../archive/2024/"), ("日期不详", 0)]
    )
    root = etree.fromstring(svg.encode())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg" and root.get("viewBox") == f"0 0 400 {root.get('height')}"
    assert root.find(f".//{ns}script") is None
    assert [a.get("href") for a in root.iter(f"{ns}a")] == ["../archive/2024/"]
    assert [t.text for t in root.iter(f"{ns}text")] == [
        f"标题{SCRIPT}",
        "2024",
        "3",
        "日期不详",
        "0",
    ]
    fills = [float(r.get("width")) for r in root.iter(f"{ns}rect")]
    assert fills[1] == 0.0 and fills[0] > 100


def test_a_year_without_articles_is_a_zero_linked_nowhere() -> None:
    """Between 2020 and 2022 the time line shows 2021 with 0 (no page to link to), not a gap."""
    arts = [a for a in ARTICLES if a.date and a.date.year != 2023]
    arts.append(make("较早的文章", "人大代表联系群众。", "2020-07-01", ("浙江省",)))
    doc = _stats(Pages(_site(arts, undated=False)))
    section = doc.get_element_by_id("rdkb-stats-years").getparent()
    table = [
        (tr[0].text_content(), tr[1].text, bool(tr.cssselect("a"))) for tr in section.iter("tr")
    ]
    assert table[1:] == [
        ("2020", "1", True),
        ("2021", "0", False),
        ("2022", "2", True),
        ("2023", "0", False),
        ("2024", "3", True),
    ]
    drawn = section.cssselect("svg .rdkb-chart__bar")
    assert [(g.tag, g.cssselect(".rdkb-chart__label")[0].text) for g in drawn][1:4] == [
        ("g", "2021"),
        ("a", "2022"),
        ("g", "2023"),
    ]
    assert float(drawn[1].cssselect("rect")[0].get("width")) == 0.0
