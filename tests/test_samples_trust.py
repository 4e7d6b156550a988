"""Issue 15 (1, 2): the bundled samples are our own writing and the site must be able to trust that.

No sample attributes words to a real person (no leader is named, no 总书记“…” quotation), and
every sample is recognised as a sample (its URL is on an ``.example`` host), in the raw pages and
in the archive committed under ``docs/articles``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from scraper.analysis.corpus import is_sample
from scraper.analysis.quotes import find_quotes
from scraper.archive import Archive
from scraper.pipeline import article_from_raw
from scraper.records import Article, RawPage
from tests.conftest import ROOT, SAMPLES

# Party and state leaders, past and present, and the titles by which they are quoted, in
# simplified and traditional forms. A sample that names one of them has put words in a real
# person's mouth, or is about to. (Surnames that are common words, such as 万里, are left out.)
LEADERS = [
    "习近平",
    "李强",
    "赵乐际",
    "王沪宁",
    "蔡奇",
    "丁薛祥",
    "李希",
    "韩正",
    "李克强",
    "栗战书",
    "汪洋",
    "王岐山",
    "胡锦涛",
    "温家宝",
    "吴邦国",
    "贾庆林",
    "江泽民",
    "李鹏",
    "朱镕基",
    "乔石",
    "毛泽东",
    "邓小平",
    "周恩来",
    "刘少奇",
    "彭真",
    "董必武",
    "张德江",
    "俞正声",
    "刘云山",
    "王晨",
    "郝明金",
    "習近平",
    "胡錦濤",
    "溫家寶",
    "江澤民",
    "鄧小平",
    "總書記",
    "总书记",
    "总理",
    "委员长",
    "國家主席",
    "国家主席",
]


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # the gbk-table pages are GBK bytes
        return data.decode("gb18030")


def _sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file())


def _sample_pages() -> list[Path]:
    return [p for p in _sample_files() if p.suffix in (".html", ".txt")]


@cache
def _extracted(page: Path) -> Article:
    return article_from_raw(RawPage(page.read_bytes(), str(page)))


def _archived() -> list[Article]:
    return [article for _, article in Archive(ROOT / "docs").load_all()]


def test_the_quotation_finder_sees_a_quotation() -> None:
    """Guards the zero-quotation tests below against a finder that finds nothing."""
    assert find_quotes("习近平总书记强调：“这是一句用来检查的测试文字。”")


@pytest.mark.parametrize("page", _sample_pages(), ids=lambda p: str(p.relative_to(SAMPLES)))
def test_a_sample_page_names_no_leader_and_is_a_sample(page: Path) -> None:
    text = _decoded(page)
    assert [name for name in LEADERS if name in text] == []
    article = _extracted(page)
    assert find_quotes(article.body) == []
    assert is_sample(article), f"{article.url!r} is not on an .example host"


def test_no_sample_file_names_a_leader() -> None:
    """The expected JSON and the README too: the words must not come back from there."""
    named = {
        str(path.relative_to(SAMPLES)): found
        for path in _sample_files()
        if (found := [name for name in LEADERS if name in _decoded(path)])
    }
    assert named == {}


def test_the_archive_holds_the_samples_only_and_each_is_a_sample() -> None:
    archived = _archived()
    if not archived:
        pytest.skip("docs/articles is empty: run `rdkb import samples/` first")
    from_pages = {(a.title, a.date) for a in map(_extracted, _sample_pages())}
    assert {(a.title, a.date) for a in archived} == from_pages
    assert [a.title for a in archived if not is_sample(a)] == []


def test_no_archived_sample_quotes_or_names_a_leader() -> None:
    archived = _archived()
    if not archived:
        pytest.skip("docs/articles is empty: run `rdkb import samples/` first")
    quoted = {a.title: find_quotes(a.body) for a in archived if find_quotes(a.body)}
    assert quoted == {}
    texts = {a.title: f"{a.title}\n{a.body}" for a in archived}
    named = {t: [n for n in LEADERS if n in text] for t, text in texts.items()}
    assert {t: n for t, n in named.items() if n} == {}
