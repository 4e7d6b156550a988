from __future__ import annotations

from pathlib import Path

import pytest

from scraper.analysis.concepts import Concept, Glossary, load_glossary
from scraper.errors import ConfigError

GLOSSARY = Glossary(
    (
        Concept("daibiao-zhi-jia", "代表之家", "…", ("代表联络站", "人大代表联络站")),
        Concept("renda-daibiao", "人大代表", "…"),
        Concept("quan", "全过程人民民主", "…"),
        Concept("renmin", "人民民主", "…"),
    )
)


def test_mentions_prefer_the_longest_term() -> None:
    assert GLOSSARY.mentions("走进人大代表联络站") == ["daibiao-zhi-jia"]
    assert GLOSSARY.mentions("发展全过程人民民主，人大代表说") == ["quan", "renda-daibiao"]
    assert GLOSSARY.mentions("人民民主") == ["renmin"]


def _a(slug: str, term: str) -> str:
    return f'<a class="rdkb-concept" href="../../concepts/{slug}/">{term}</a>'


def href(slug: str) -> str:
    return f"../../concepts/{slug}/"


def test_only_the_first_mention_is_linked() -> None:
    html = "<p>人大代表来到代表之家。</p>\n<p>人大代表又来到代表联络站。</p>"
    assert GLOSSARY.link_first_mentions(html, href) == (
        f"<p>{_a('renda-daibiao', '人大代表')}来到{_a('daibiao-zhi-jia', '代表之家')}。</p>\n"
        "<p>人大代表又来到代表联络站。</p>"
    )


def test_headings_links_code_and_tables_are_left_alone() -> None:
    html = (
        '<h2 id="x">代表之家的故事</h2>\n'
        '<p>见<a href="https://x.example/">代表之家</a>和<code>人大代表</code>，'
        '<span title="人大代表">x</span>。</p>\n'
        "<pre><code>人大代表\n</code></pre>\n"
        "<table><tr><td>人大代表</td></tr></table>\n"
        "<p>后来，人大代表走进代表之家。</p>"
    )
    out = GLOSSARY.link_first_mentions(html, href)
    assert out.startswith(
        '<h2 id="x">代表之家的故事</h2>\n<p>见<a href="https://x.example/">代表之家</a>'
    )
    assert '<span title="人大代表">x</span>' in out
    assert "<pre><code>人大代表\n</code></pre>" in out
    assert "<td>人大代表</td>" in out
    assert out.endswith(
        f"<p>后来，{_a('renda-daibiao', '人大代表')}走进{_a('daibiao-zhi-jia', '代表之家')}。</p>"
    )


def test_bundled_glossary() -> None:
    glossary = load_glossary()
    assert len(glossary.concepts) >= 25
    names = {c.name for c in glossary.concepts}
    for required in (
        "四个机关",
        "全过程人民民主",
        "一府一委两院",
        "代表之家",
        "专题询问",
        "执法检查",
        "备案审查",
        "基层立法联系点",
        "两个确立",
        "两个维护",
    ):
        assert required in names
    assert all(len(c.explanation) >= 30 for c in glossary.concepts)


def test_duplicate_terms_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "concepts.yml"
    path.write_text(
        "concepts:\n"
        "  - {slug: a, name: 代表之家, explanation: x}\n"
        "  - {slug: b, name: 代表联络站, aliases: [代表之家], explanation: y}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="already belongs to a"):
        load_glossary(path)


DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_a_concept_term_is_never_a_keyword_so_counts_cannot_disagree() -> None:
    """Issue 15: 四个机关 was a keyword (its own page, 3 articles) and a concept (6)."""
    from scraper.analysis.corpus import analyse
    from scraper.analysis.entries import load_archive
    from scraper.analysis.themes import load_taxonomy

    glossary = load_glossary()
    result = analyse(load_archive(DOCS), load_taxonomy(), glossary)
    terms = set(glossary.terms)
    assert not terms & set(result.by_keyword)  # no keyword page for a concept
    assert all(not terms & set(info.keywords) for info in result.infos)
    # the concept page counts every article that mentions the concept, under any of its terms
    si_ge = glossary.get("si-ge-jiguan")
    mentioning = [
        i.index
        for i in result.infos
        if any(t in i.article.title + i.article.body for t in si_ge.terms)
    ]
    assert sorted(result.by_concept["si-ge-jiguan"]) == sorted(mentioning)
    assert len(mentioning) >= 2
