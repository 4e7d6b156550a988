"""The study tools' article list (assets/study/articles.json) from a small hand-made archive."""

from __future__ import annotations

import dataclasses
import json

import pytest

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import Analysis, analyse
from scraper.analysis.entries import Entry
from scraper.analysis.themes import load_taxonomy
from scraper.publish.study import StudyEntry, study_entries, study_index
from scraper.publish.urls import page_url
from tests.analysis.conftest import article as make
from tests.analysis.conftest import entries

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
