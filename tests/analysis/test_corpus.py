from __future__ import annotations

from pathlib import Path

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import (
    analyse,
    combine,
    is_sample,
    plain_texts,
    segment_articles,
    unsegmented,
    with_segmentation,
)
from scraper.analysis.themes import load_taxonomy
from scraper.records import Author
from tests.analysis.conftest import article, entries

ARTS = [
    article(
        "执法检查一",
        "常委会开展执法检查，专题询问。执法检查报告。",
        "2024-01-01",
        authors=(Author("王一", "甲市人大常委会主任"),),
    ),
    article(
        "执法检查二",
        "常委会再次开展执法检查，跟踪监督。执法检查。",
        "2024-02-01",
        authors=(Author("王一", "甲市人大常委会副主任"),),
    ),
    article("执法检查三", "执法检查与专题询问，审议专项工作报告。", "2024-03-01"),
    article(
        "代表之家",
        "人大代表在代表之家接待群众，代表之家。",
        "2023-01-01",
        url="https://x.example/1",
    ),
]


def test_indexes_prev_next_and_authors(tmp_path: Path) -> None:
    result = analyse(entries(*ARTS), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    assert [i.main_theme for i in result.infos[:3]] == ["supervision"] * 3
    assert result.by_theme["supervision"] == [2, 1, 0]  # newest first
    assert result.prev_next[1] == (0, 2)  # (older, newer) within the main theme
    assert result.prev_next[0] == (None, 1)
    assert result.authors["王一"].positions == ["甲市人大常委会副主任", "甲市人大常委会主任"]
    assert result.unsigned == [2, 3]
    assert result.by_concept["zhifa-jiancha"] == [2, 1, 0]
    assert result.infos[3].is_sample and not result.infos[0].is_sample
    assert result.infos[0].related[0][0] in (1, 2)
    # the second run reads jieba's segmentation from the cache and agrees
    assert list(tmp_path.glob("segments-*.pickle"))
    again = analyse(entries(*ARTS), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    assert [i.themes for i in again.infos] == [i.themes for i in result.infos]
    assert again.timings["segment"] <= result.timings["segment"] + 0.05


def test_sample_detection_uses_every_url() -> None:
    assert is_sample(article("a", "", url="https://rd.synth.example/a"))
    assert not is_sample(article("a", "", url="https://www.npc.gov.cn/a"))
    assert not is_sample(article("a", ""))


def test_segmentation_added_later_gives_the_same_analysis() -> None:
    """The site build renders page names from the front matter first and adds the segmentation's
    results (from another process) later: the result must be what ``analyse`` gives at once."""
    arts = entries(*ARTS)
    taxonomy, glossary = load_taxonomy(), load_glossary()
    texts = plain_texts(arts)
    preliminary = combine(arts, texts, taxonomy, glossary, unsegmented(arts))
    assert all(not i.themes and not i.related for i in preliminary.infos)
    assert preliminary.by_concept["zhifa-jiancha"] == [2, 1, 0]  # no segmentation needed
    later = with_segmentation(preliminary, segment_articles(arts, texts, taxonomy, glossary))
    at_once = analyse(arts, taxonomy, glossary)
    assert later.infos == at_once.infos
    assert later.by_theme == at_once.by_theme and later.by_keyword == at_once.by_keyword
    assert later.prev_next == at_once.prev_next
