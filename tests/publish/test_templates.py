"""The templates of the generated pages and article additions (scraper/publish/templates/):
a site owner's override is used, scraped text is printed escaped in every template, and a name
a template needs but is not given is an error."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest
from lxml import html as lxml_html

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.entries import Entry
from scraper.analysis.themes import load_taxonomy
from scraper.publish import article, charts
from scraper.publish.generated import Settings, SitePages
from scraper.publish.templating import TEMPLATES, make_environment
from scraper.records import Author
from tests.analysis.conftest import article as make
from tests.analysis.conftest import entries

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
HOSTILE_TITLE = f"执法检查{SCRIPT}{IMG}"
HOSTILE_AUTHOR = Author(f"王{IMG}", f"主任{SCRIPT}")
HOSTILE_UNIT = Author(None, f"{IMG}县人大常委会办公室")

# The hostile article is not a sample (not on an .example host), so its quotation is indexed.
HOSTILE = make(
    HOSTILE_TITLE,
    f"{SCRIPT}市人大常委会开展执法检查，听取专项工作报告。{IMG}执法检查发现问题后跟踪监督。"
    f"习近平总书记指出：“人大代表要{SCRIPT}密切联系群众。”",
    "2024-05-19",
    (f"甘肃省{IMG}", f"张掖市{SCRIPT}"),
    (HOSTILE_AUTHOR,),
    url=f"https://evil.test/1?{IMG}",
)
OTHERS = [
    make(
        "代表之家里的接待日",
        "人大代表走进代表之家，联系群众，收集代表建议，开展执法检查。",
        "2024-05-20",
        ("甘肃省",),
        (HOSTILE_AUTHOR,),
        url="https://a.example/2",
    ),
    make(
        "地方立法",
        "制定地方性法规，发挥基层立法联系点作用。执法检查。",
        "2024-05-18",
        authors=(HOSTILE_UNIT,),  # an organisation byline (机构署名), hostile too
    ),
]


def _archive(*extra: object) -> list[object]:
    hostile = dataclasses.replace(
        HOSTILE,
        source=f"人大网{SCRIPT}",
        site=f"网站{IMG}",
        original_url=f"javascript:alert(3)//{IMG}",
        also_at=(f"https://repost.test/{IMG}", "javascript:alert(4)"),
    )
    return [hostile, *OTHERS, *extra]


def _site(templates: jinja2.Environment | None = None, more: int = 0) -> SitePages:
    """The hostile archive, an undated article, and ``more`` articles citing one passage."""
    archive = entries(*_archive())  # type: ignore[arg-type]
    undated = dataclasses.replace(make("日期不详的文章", "人大代表联系群众。"), date=None)
    archive.append(Entry("articles/undated/undated-1.md", undated))
    citing = [
        make(f"引用{n}", "习近平总书记强调：“人大工作要坚持党的领导。”", f"2020-01-{n + 1:02d}")
        for n in range(more)
    ]
    archive += [Entry(f"articles/2020/c-{n}.md", a) for n, a in enumerate(citing)]
    analysis = analyse(archive, load_taxonomy(), load_glossary())
    return SitePages(analysis, Settings(page_size=2, compact_page_size=2), templates)


def _everything(site: SitePages) -> dict[str, str]:
    """Every piece of HTML (or Markdown with HTML blocks) the templates render for this site."""
    out = {}
    for f in site.files():
        out[f.src_uri] = f.content + f.html
    for info in site.analysis.infos:
        out[f"header:{info.src_uri}"] = article.header(info, site)
        out[f"footer:{info.src_uri}"] = article.footer(info, site)
    out["home:latest"] = site.home_latest("index.md")
    out["home:themes"] = site.home_themes("index.md")
    out["home:counts"] = site.home_counts("index.md")
    return out


class _Recorder(jinja2.BaseLoader):
    """A loader that has no template and notes every name asked for."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, None, None]:
        self.names.add(template)
        raise jinja2.TemplateNotFound(template)


def test_every_packaged_template_is_used() -> None:
    """No stale template: each one is rendered (or included, extended, imported) by the site."""
    recorder = _Recorder()
    # 21 citations of one passage: more than the quotations page lists (its own page)
    _everything(_site(make_environment(base=recorder), more=21))
    charts.bar_chart("标题", [("a", 1)], templates=make_environment(base=recorder))
    assert {p.name for p in TEMPLATES.glob("*.html")} - recorder.names == set()


def test_hostile_front_matter_is_escaped_in_every_template() -> None:
    site = _site()
    rendered = _everything(site)
    shown_title = 0
    for name, text in rendered.items():
        if name.endswith(".svg") or name == "feed.xml":
            continue
        root = lxml_html.fragment_fromstring(text, create_parent="div")
        # the one SVG allowed: the statistics page's own charts (bar_chart.html)
        allowed = "//svg[not(@class='rdkb-chart__svg')]"
        assert not root.xpath(f"//script | //img | //iframe | //foreignobject | {allowed}"), name
        assert not root.xpath("//@*[starts-with(name(), 'on')]"), name
        for href in root.xpath("//a/@href"):
            assert not href.strip().lower().startswith("javascript:"), (name, href)
        shown_title += HOSTILE_TITLE in root.text_content()
    # the title is printed (as text) by the listings, the header, related lists, the home page
    assert shown_title >= 5
    head = lxml_html.fragment_fromstring(
        article.header(site.analysis.infos[0], site), create_parent="div"
    )
    text = head.text_content()
    for shown in (HOSTILE_TITLE, "王" + IMG, "人大网" + SCRIPT, "网站" + IMG, "甘肃省" + IMG):
        assert shown in text, shown
    # a javascript: URL is shown, not linked
    assert head.cssselect(".rdkb-not-link")
    foot = article.footer(site.analysis.infos[0], site)
    assert "javascript:alert(4)" in lxml_html.fragment_fromstring(foot, "div").text_content()


def test_hostile_text_in_the_svg_charts_is_escaped() -> None:
    svg = charts.bar_chart(f"标题{SCRIPT}", [(f"甘肃省{IMG}", 3)])
    from lxml import etree

    root = etree.fromstring(svg.encode())
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f".//{ns}script") is None and root.find(f".//{ns}img") is None
    texts = [t.text for t in root.iter(f"{ns}text")]
    # a label too wide for the label column is cut (…); its tooltip keeps it whole
    assert texts[0] == f"标题{SCRIPT}" and f"甘肃省{IMG}".startswith(texts[1].removesuffix("…"))
    assert [t.text for t in root.iter(f"{ns}title")] == [f"标题{SCRIPT}", f"甘肃省{IMG}：3 篇"]


def test_a_site_owners_override_is_used(tmp_path: Path) -> None:
    custom = tmp_path / "overrides" / "rdkb"
    custom.mkdir(parents=True)
    # a listing entry restyled: title and date only, in the owner's own markup
    (custom / "entry.html").write_text(
        '<li class="owner-entry"><a href="{{ href }}">{{ info.article.title }}</a>'
        "<em>{{ info.article.date | day }}</em></li>",
        encoding="utf-8",
    )
    # a listing's intro extended, the rest of listing.html kept
    (custom / "theme.html").write_text(
        '{% extends "listing.html" %}{% block intro %}<p class="owner-lead">专题：'
        "{{ theme.name }}</p>{% endblock %}",
        encoding="utf-8",
    )
    site = _site(make_environment([tmp_path / "overrides"]))
    files = {f.src_uri: f for f in site.files()}
    page = lxml_html.fragment_fromstring(files["themes/supervision/index.md"].html, "div")
    entries_ = page.cssselect("li.owner-entry")
    assert entries_ and not page.cssselect("li.rdkb-entry")
    assert "2024年5月19日" in [e.cssselect("em")[0].text for e in entries_]
    assert page.cssselect("p.owner-lead")[0].text_content() == "专题：监督工作"
    assert page.cssselect("p.rdkb-count")  # from the packaged listing.html
    # the owner's template escapes too (autoescape is the environment's, not the template's)
    assert HOSTILE_TITLE in page.text_content() and not page.cssselect("script, img")
    # without the override: the packaged templates
    default = {f.src_uri: f for f in _site().files()}["themes/supervision/index.md"]
    assert "owner-entry" not in default.html and "rdkb-entry" in default.html


def test_an_override_folder_beats_the_base_loader_which_beats_the_package(tmp_path: Path) -> None:
    (tmp_path / "rdkb").mkdir()
    (tmp_path / "rdkb" / "pager.html").write_text("owner", encoding="utf-8")
    base = jinja2.DictLoader({"pager.html": "base", "entries.html": "base entries"})
    env = make_environment([tmp_path], base)
    assert env.get_template("pager.html").render(pager=[]) == "owner"
    assert env.get_template("entries.html").render() == "base entries"
    assert "rdkb-cards" in env.get_template("theme_cards.html").render(cards=[])


def test_a_missing_variable_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(jinja2.UndefinedError):
        make_environment().get_template("listing.html").render(count=1)
    (tmp_path / "rdkb").mkdir()
    (tmp_path / "rdkb" / "author.html").write_text(
        '{% extends "listing.html" %}{% block intro %}{{ no_such_name }}{% endblock %}',
        encoding="utf-8",
    )
    site = _site(make_environment([tmp_path]))
    page = next(f for f in site.files() if f.src_uri.startswith("authors/王"))
    with pytest.raises(jinja2.UndefinedError, match="no_such_name"):
        _ = page.html
