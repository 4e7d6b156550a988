from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from scraper.analysis import facts as facts_mod
from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import Analysis, analyse, is_sample
from scraper.analysis.offload import Offload
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
    assert list(tmp_path.glob("facts-*.pickle"))
    again = analyse(entries(*ARTS), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    assert [i.themes for i in again.infos] == [i.themes for i in result.infos]


def test_sample_detection_uses_every_url() -> None:
    assert is_sample(article("a", "", url="https://rd.synth.example/a"))
    assert not is_sample(article("a", "", url="https://www.npc.gov.cn/a"))
    assert not is_sample(article("a", ""))


def test_facts_are_cached_by_content(tmp_path: Path) -> None:
    """Issue 14, point 3: a second analysis computes nothing; a changed article alone is
    computed again; the results are the same as without the cache."""
    arts = entries(*ARTS)
    taxonomy, glossary = load_taxonomy(), load_glossary()
    fresh = analyse(arts, taxonomy, glossary)
    first = analyse(arts, taxonomy, glossary, cache_dir=tmp_path)
    assert _computed(first) == len(arts) and list(tmp_path.glob("facts-*.pickle"))
    again = analyse(arts, taxonomy, glossary, cache_dir=tmp_path)
    assert _computed(again) == 0
    assert again.infos == first.infos == fresh.infos and again.by_keyword == fresh.by_keyword
    changed = [
        arts[0],
        *arts[1:-1],
        replace(arts[-1], article=replace(arts[-1].article, body="新的正文：执法检查。")),
    ]
    after = analyse(changed, taxonomy, glossary, cache_dir=tmp_path)
    assert _computed(after) == 1
    assert after.infos[-1].concepts == analyse(changed, taxonomy, glossary).infos[-1].concepts


def test_a_broken_cache_is_computed_again(tmp_path: Path) -> None:
    arts = entries(*ARTS)
    taxonomy, glossary = load_taxonomy(), load_glossary()
    analyse(arts, taxonomy, glossary, cache_dir=tmp_path)
    for path in tmp_path.glob("facts-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert _computed(analyse(arts, taxonomy, glossary, cache_dir=tmp_path)) == len(arts)


def test_the_worker_computes_what_the_build_would(monkeypatch: pytest.MonkeyPatch) -> None:
    """Half of many uncached articles go to the one worker process (spawned: plain data in,
    plain records out); the analysis is the same as computed in this process."""
    arts = entries(*ARTS)
    taxonomy, glossary = load_taxonomy(), load_glossary()
    monkeypatch.setattr(facts_mod, "OFFLOAD_MIN", 2)
    offload = Offload()
    try:
        shared = analyse(arts, taxonomy, glossary, offload=offload)
        assert offload.started
    finally:
        offload.close()
    assert shared.infos == analyse(arts, taxonomy, glossary).infos


def _computed(analysis: Analysis) -> int:
    return analysis.computed
