"""The study tools' article list (assets/study/articles.json) from a small hand-made archive."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import jinja2
import pytest
from lxml import html as lxml_html

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import Analysis, analyse
from scraper.analysis.entries import Entry
from scraper.analysis.themes import load_taxonomy
from scraper.publish.study import StudyEntry, study_entries, study_index
from scraper.publish.urls import page_url
from tests.analysis.conftest import article as make
from tests.analysis.conftest import entries
from tests.conftest import ROOT

ARTICLES = [
    make("旧文章", "市人大常委会开展执法检查。", "2021-06-01", url="https://rd.gov.cn/1.html"),
    make(
        '标题里有</script>和"引号"&符号',
        "代表之家接待群众。",
        "2024-05-19",
        url="https://www.sample.example/2.html",
    ),
    make("中间的文章", "制定地方性法规。", "2023-01-02"),
]


def _analysis() -> Analysis:
    items = entries(*ARTICLES)
    undated = dataclasses.replace(ARTICLES[0], title="日期不详的文章", date=None)
    items.append(Entry("articles/undated/undated-x.md", undated))
    return analyse(items, load_taxonomy(), load_glossary())


def test_newest_first_with_urls_dates_and_sample_marks() -> None:
    rows = json.loads(study_index(_analysis(), page_url))
    assert rows == [
        {
            "url": "articles/2024/2024-05-19-1/",
            "title": '标题里有</script>和"引号"&符号',
            "date": "2024-05-19",
            "sample": True,
        },
        {
            "url": "articles/2023/2023-01-02-2/",
            "title": "中间的文章",
            "date": "2023-01-02",
            "sample": False,
        },
        {
            "url": "articles/2021/2021-06-01-0/",
            "title": "旧文章",
            "date": "2021-06-01",
            "sample": False,
        },
        {
            "url": "articles/undated/undated-x/",
            "title": "日期不详的文章",
            "date": None,
            "sample": False,
        },
    ]


def test_compact_utf8_json_and_the_url_callable_decides_urls() -> None:
    text = study_index(_analysis(), lambda src: "x/" + src)
    assert "中间的文章" in text  # not \\u escapes: a third of the size for Chinese titles
    assert ", " not in text and ": " not in text
    assert json.loads(text)[0]["url"] == "x/articles/2024/2024-05-19-1.md"


def test_entries_are_frozen_records() -> None:
    entry = study_entries(_analysis(), page_url)[0]
    assert isinstance(entry, StudyEntry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.title = "改"  # type: ignore[misc]


def test_empty_archive() -> None:
    analysis = analyse([], load_taxonomy(), load_glossary())
    assert study_index(analysis, page_url) == "[]"


# The page data the study tools read (overrides/partials/rdkb-study.html), rendered with Jinja as
# MkDocs renders it: front matter is scraped text of any YAML type.


@dataclasses.dataclass
class _File:
    src_uri: str


@dataclasses.dataclass
class _Page:
    meta: dict[str, object]
    url: str
    file: _File
    title: str = ""


def _render(page: _Page | None) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    return env.get_template("partials/rdkb-study.html").render(page=page)


HOSTILE = "</script><script>alert(1)</script><!--' onload='alert(2)' \" x=\"&amp;"


def _data(html: str) -> dict[str, object] | None:
    """The page data as a browser reads it: the attribute of the one element the partial
    writes, parsed by an HTML parser."""
    if not html.strip():
        return None
    elements = lxml_html.fragment_fromstring(html, create_parent="head")
    assert len(elements) == 1 and elements[0].tag == "meta"
    assert dict(elements[0].attrib).keys() == {"name", "content"}
    assert elements[0].get("name") == "rdkb-page"
    data: dict[str, object] = json.loads(elements[0].get("content"))
    return data


def test_page_data_stays_one_inert_attribute_and_reads_back() -> None:
    meta: dict[str, object] = {
        "title": HOSTILE,
        "date": dt.date(2024, 5, 19),
        "authors": [
            {"name": "王海峰", "position": HOSTILE},
            {"name": None, "position": "某县人大常委会办公室"},
            "李明",
            {"name": None, "position": None},
            42,
        ],
        "source": "<b>来源</b>",
        "site": 12345,
        "url": "https://www.rd.gov.cn/a/1.html?x=1&y=</script>",
    }
    html = _render(_Page(meta, "articles/2024/x/", _File("articles/2024/x.md")))
    content = html.strip().split("content='", 1)[1]
    assert content.endswith("'>") and "'" not in content.removesuffix("'>")
    assert "<" not in content and "&" not in content  # as \u003c, \u0026: nothing to decode
    assert "<script" not in html
    assert _data(html) == {
        "path": "articles/2024/x/",
        "title": HOSTILE,
        "date": "2024-05-19",
        "authors": [
            {"name": "王海峰", "position": HOSTILE},
            {"name": "", "position": "某县人大常委会办公室"},
            {"name": "李明", "position": ""},
        ],
        "source": "<b>来源</b>",
        "site": "12345",
        "url": "https://www.rd.gov.cn/a/1.html?x=1&y=</script>",
    }


def test_page_data_only_on_article_pages() -> None:
    article_meta: dict[str, object] = {"title": "标题", "url": "https://a.example/1"}
    page = _Page(article_meta, "articles/2024/x/", _File("articles/2024/x.md"))
    assert _data(_render(page)) is not None
    assert _data(_render(_Page(article_meta, "about/", _File("about.md")))) is None
    assert _data(_render(_Page({"title": "专题"}, "themes/a/", _File("articles/a.md")))) is None
    assert _data(_render(None)) is None
    undated = _Page(
        {"title": "无日期", "date": None, "url": "u"}, "articles/u/", _File("articles/u.md")
    )
    data = _data(_render(undated))
    assert data is not None and data["date"] == "" and data["authors"] == []
