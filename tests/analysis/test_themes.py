from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from scraper.analysis.segment import Segmenter
from scraper.analysis.themes import Taxonomy, Theme, assign, load_taxonomy, score
from scraper.errors import ArchiveError, ConfigError

TAXONOMY = Taxonomy(
    themes=(
        Theme("supervision", "监督工作", "…", {"执法检查": 5, "专题询问": 5, "监督": 2}),
        Theme("deputies", "代表工作", "…", {"人大代表": 2, "代表之家": 5}),
        Theme("legislation", "立法工作", "…", {"立法": 3, "地方性法规": 4}),
    ),
    title_weight=3,
    min_score=6,
    relative_cutoff=0.5,
    max_themes=2,
)


def test_score_is_weighted_counts_with_title_bonus() -> None:
    scores = score(TAXONOMY, Counter({"执法检查": 2, "监督": 1}), Counter({"代表之家": 1}), 300)
    assert scores == {"supervision": 12.0, "deputies": 15.0, "legislation": 0.0}


def test_long_articles_are_damped_by_the_square_root_of_their_length() -> None:
    short = score(TAXONOMY, Counter({"执法检查": 4}), Counter(), 500)
    long = score(TAXONOMY, Counter({"执法检查": 4}), Counter(), 2000)
    assert short["supervision"] == 20.0
    assert long["supervision"] == 10.0  # 20 / √4


def test_assign_keeps_the_best_and_close_runners_up() -> None:
    assert assign(TAXONOMY, {"supervision": 20, "deputies": 11, "legislation": 9}) == (
        "supervision",
        "deputies",
    )  # legislation is close enough too but max_themes is 2
    assert assign(TAXONOMY, {"supervision": 20, "deputies": 9, "legislation": 0}) == (
        "supervision",
    )  # 9 < 0.5 × 20
    assert assign(TAXONOMY, {"supervision": 5, "deputies": 1, "legislation": 0}) == ()
    # ties go to the theme listed first in the taxonomy
    assert assign(TAXONOMY, {"supervision": 8, "deputies": 8, "legislation": 0})[0] == "supervision"


def test_domain_words_stay_whole_so_they_count_once() -> None:
    seg = Segmenter(TAXONOMY.keywords)
    tokens = seg.cut(
        "人大代表走进代表之家，开展执法检查和专题询问，推动全过程人民民主，监督一府一委两院。"
    )
    for word in ("人大代表", "代表之家", "执法检查", "专题询问", "全过程人民民主", "一府一委两院"):
        assert word in tokens
    assert "人民民主" not in tokens
    counted = seg.segment("专题询问", "人大常委会开展执法检查。")
    assert counted.title == Counter({"专题询问": 1})
    assert counted.body["执法检查"] == 1


def test_front_matter_override_accepts_names_and_slugs() -> None:
    assert TAXONOMY.resolve(["立法工作", "supervision"], "a.md") == ("legislation", "supervision")
    assert TAXONOMY.resolve("代表工作", "a.md") == ("deputies",)
    with pytest.raises(ArchiveError, match=r"a\.md: unknown theme '环保'"):
        TAXONOMY.resolve(["环保"], "a.md")


def test_bundled_taxonomy_is_complete() -> None:
    taxonomy = load_taxonomy()
    assert len(taxonomy.themes) >= 8
    names = {t.name for t in taxonomy.themes}
    assert {"全过程人民民主", "立法工作", "监督工作", "代表工作", "基层人大建设"} <= names
    assert all(t.description and len(t.keywords) >= 8 for t in taxonomy.themes)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("themes: 3", "expected a mapping with a 'themes' list"),
        ("themes:\n  - {slug: Bad Slug, name: x, description: y, keywords: {a: 1}}", "slug"),
        ("themes:\n  - {slug: a, name: x, description: y, keywords: {a: -1}}", "keywords.a"),
        ("themes:\n  - {slug: a, name: x, keywords: {a: 1}}", "description"),
        ("themes: [", "cannot read"),
    ],
)
def test_bad_taxonomy_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "themes.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_taxonomy(path)
    assert str(path) in str(info.value)


def test_keywords_skip_generic_words_and_counts() -> None:
    from scraper.analysis.keywords import keywords

    body = Counter(
        {"备案审查": 5, "规范性文件": 4, "二十余件": 3, "人大": 9, "常委会": 9, "审查": 2}
    )
    found = keywords(body, Counter({"备案审查": 1}), count=3)
    assert found[0] == "备案审查"
    assert "二十余件" not in found and "人大" not in found and "常委会" not in found
