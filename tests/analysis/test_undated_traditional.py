"""Issue 12 in the analysis: undated articles (``date: null``) and traditional characters."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scraper.analysis import stats
from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.entries import Entry
from scraper.analysis.themes import load_taxonomy
from scraper.hanzi import as_simplified, char_map, fold, has_traditional, to_simplified
from scraper.regions import resolve_region
from tests.analysis.conftest import article

SUPERVISION = "常委会开展执法检查，专题询问，跟踪监督。执法检查报告。审议专项工作报告，监督。"
TRADITIONAL = "常委會開展執法檢查，專題詢問，跟蹤監督。執法檢查報告。審議專項工作報告，監督。"


def _entries() -> list[Entry]:
    dated = article("执法检查", SUPERVISION, "2024-01-01")
    older = article("执法检查旧闻", SUPERVISION, "2020-06-01")
    undated = replace(article("執法檢查", TRADITIONAL, "2024-01-01"), date=None)
    return [
        Entry("articles/2024/2024-01-01-a.md", dated),
        Entry("articles/undated/undated-b.md", undated),
        Entry("articles/2020/2020-06-01-c.md", older),
    ]


def test_undated_articles_come_last_and_have_their_own_list(tmp_path: Path) -> None:
    result = analyse(_entries(), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    assert result.newest == [0, 2, 1]  # dated newest first, then the undated one
    assert result.undated == [1]
    assert sorted(result.by_month) == [(2020, 6), (2024, 1)]
    assert all(1 not in members for members in result.by_month.values())
    assert stats.per_year_of_months(result.by_month) == [(2020, 1), (2024, 1)]


def test_traditional_text_gets_the_themes_of_its_simplified_form(tmp_path: Path) -> None:
    result = analyse(_entries(), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    assert result.infos[1].article.body == TRADITIONAL  # kept as published
    assert result.infos[1].themes == result.infos[0].themes
    assert "supervision" in result.infos[1].themes
    assert result.infos[1].keywords == result.infos[0].keywords


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("甘肅省張掖市人大常委會主任", ("甘肃省", "张掖市")),
        ("廣東省深圳市人大常委會", ("广东省", "深圳市")),
        ("瀋陽市人大常委會", ("辽宁省", "沈阳市")),
        ("乾县人大常委会", ("陕西省", "咸阳市", "乾县")),  # simplified: read as written
    ],
)
def test_traditional_names_resolve_like_simplified_ones(text: str, region: tuple[str, ...]) -> None:
    assert resolve_region(text) == region


def test_the_converter() -> None:
    assert to_simplified("臺灣頭髮監督") == "台湾头发监督"
    assert has_traditional("人大監督") and not has_traditional("人大监督")
    assert not has_traditional("乾县於是")  # characters of the simplified standard too
    assert as_simplified("乾县人大") == "乾县人大"
    assert fold("監督條例") == "监督条例"  # one character for one
    table = char_map()
    assert all(table.get(simplified) is None for simplified in table.values())  # closed
