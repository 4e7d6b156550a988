"""Keywords say something about their article: no generic word, no word most of the archive
uses, no concept term (issue 15: 思考, 项目, 企业 were keywords; 四个机关 was both)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from scraper.analysis import keywords as kw
from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import plain_texts
from scraper.analysis.entries import load_archive
from scraper.analysis.segment import Segmented, Segmenter
from scraper.analysis.themes import load_taxonomy
from scraper.hanzi import as_simplified

DOCS = Path(__file__).resolve().parents[2] / "docs"


@dataclass(frozen=True)
class Doc:
    body: Counter[str]
    title: Counter[str]


def doc(body: str, title: str = "") -> Doc:
    return Doc(Counter(body.split()), Counter(title.split()))


def test_curated_generic_words_are_never_keywords() -> None:
    body = Counter({"思考": 6, "项目": 5, "企业": 5, "全县": 4, "民宿": 2, "茶园": 2})
    found = kw.keywords(body, Counter({"思考": 1}), count=8)
    assert set(found) == {"民宿", "茶园"}


def test_a_word_in_more_than_a_quarter_of_the_archive_is_not_a_keyword() -> None:
    # 20 articles; 履职 in 6 of them (30% > 25%, and more than 4), 茶园 in 5 (25%: kept)
    docs = [
        doc(("履职 " if n < 6 else "") + ("茶园 " if n >= 15 else "") + f"词{n}甲 词{n}乙")
        for n in range(20)
    ]
    assert kw.common_words(docs) == frozenset({"履职"})
    found = kw.keywords_of_archive(docs, count=8)
    assert all("履职" not in k for k in found)
    assert all("茶园" in k for k in found[15:])
    # the same word scores as a keyword when the archive is not told (one article alone)
    assert "履职" in kw.keywords(docs[0].body, docs[0].title)


def test_a_small_archive_keeps_its_words() -> None:
    # in 4 of 5 articles (80%), but a handful of articles says little about what is common
    docs = [doc("预算 审查" if n < 4 else "养老 服务") for n in range(5)]
    assert kw.common_words(docs) == frozenset()
    assert "预算" in kw.keywords_of_archive(docs)[0]


def test_concept_terms_are_never_keywords() -> None:
    glossary = load_glossary()
    docs = [doc("四个机关 四个机关 代表联络站 整改 台账", "四个机关"), doc("执法检查 饮水")]
    found = kw.keywords_of_archive(docs, exclude=glossary.terms)
    assert found == [("台账", "整改"), ("饮水",)]


def test_a_terms_short_form_is_not_a_keyword_where_the_term_is_used() -> None:
    terms = load_glossary().terms
    uses_term = doc("代表联络站 联络站 联络站 联络站 询问 询问 专题询问 路灯 基层 基层立法联系点")
    short_only = doc("联络站 联络站 询问 路灯")  # the term itself is not there: its own word
    found = kw.keywords_of_archive([uses_term, short_only], exclude=terms)
    assert set(found[0]) == {"路灯", "基层"}  # 基层 opens 基层立法联系点; it does not end it
    assert set(found[1]) == {"联络站", "询问", "路灯"}
    assert kw.short_forms(uses_term, terms) == frozenset({"联络站", "询问"})


def test_idf_values_and_median_are_jiebas() -> None:
    analyse = pytest.importorskip("jieba.analyse")
    loader = analyse.TFIDF().idf_loader
    assert kw._median_idf() == loader.median_idf
    ours = kw._idf_for(frozenset({"立法", "茶叶", "不是一个词吧"}))
    assert ours == {"立法": loader.idf_freq["立法"], "茶叶": loader.idf_freq["茶叶"]}


@pytest.fixture(scope="module")
def archive() -> list[Segmented]:
    """The bundled archive segmented as the site build segments it."""
    entries = load_archive(DOCS)
    taxonomy, glossary = load_taxonomy(), load_glossary()
    segmenter = Segmenter((*taxonomy.keywords, *glossary.terms))
    texts = plain_texts(entries)
    return segmenter.segment_many(
        [
            (as_simplified(e.article.title), as_simplified(t))
            for e, t in zip(entries, texts, strict=True)
        ]
    )


def test_bundled_archive_keywords_say_something(archive: list[Segmented]) -> None:
    terms = load_glossary().terms
    found = kw.keywords_of_archive(archive, 8, terms)
    words = Counter(w for k in found for w in k)
    # before: 思考 3, 项目 2, 企业 2, 全县 3, 意见 3, 参与 3, 召开 2, 落实 4, 监督 11 …
    noise = {"思考", "项目", "企业", "全县", "意见", "参与", "召开", "落实", "监督", "发展"}
    assert noise.isdisjoint(words)
    assert not set(words) & set(terms)  # before: 四个机关, 人大代表, 代表建议, 执法检查 …
    assert words["联络站"] == 0  # before: 2, in articles about 代表联络站 (代表之家)
    # topic words stay
    assert {"立法", "整改", "营商环境", "养老", "预算", "乡村振兴"} <= set(words)
    assert all(len(k) == 8 for k in found)  # every article still gets its full set
    # the archive-wide rule is what drops these (not the curated list)
    assert {"监督", "履职", "调研", "建议"} <= kw.common_words(archive) - kw.GENERIC
