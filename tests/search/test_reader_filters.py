"""The author filter (exact name, else part of a name) and the 样例 flag, through a real index
written by build_index and read back by the reader (search.js mirrors both)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.search import build_index, doc_from_markdown
from scraper.search.documents import SearchDoc, Section, is_sample
from scraper.search.index_format import INDEX_DIR, read_bin, write_json_bin
from scraper.search.reader import Filters, Searcher

AUTHORS = {
    "a1": ("王海峰",),
    "a2": ("王海",),
    "a3": ("李秀英", "王芳"),
    "a4": ("赵强",),
    "a5": (),
}


def _doc(slug: str, authors: tuple[str, ...], sample: bool) -> SearchDoc:
    return SearchDoc(
        url=f"articles/2024/{slug}/",
        title=f"代表联络站工作{slug}",
        date="2024-05-01",
        authors=authors,
        sections=(Section("", "", "代表们走进联络站，听取群众意见。"),),
        sample=sample,
    )


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    site = tmp_path_factory.mktemp("site")
    docs = [_doc(slug, names, sample=slug != "a4") for slug, names in AUTHORS.items()]
    build_index(docs, site)
    return Searcher(site)


def _authors_found(searcher: Searcher, author: str, query: str = "联络站") -> set[str]:
    found = searcher.search(query, Filters(author=author))
    return {searcher.doc(n).url.split("/")[2] for n in found}


def test_an_exact_name_keeps_only_that_author(searcher: Searcher) -> None:
    assert _authors_found(searcher, "王海") == {"a2"}  # not 王海峰, whose name contains it
    assert _authors_found(searcher, "王海峰") == {"a1"}


def test_part_of_a_name_keeps_every_author_containing_it(searcher: Searcher) -> None:
    assert _authors_found(searcher, "王") == {"a1", "a2", "a3"}
    assert _authors_found(searcher, "秀") == {"a3"}
    assert _authors_found(searcher, " 强 ") == {"a4"}
    assert _authors_found(searcher, "张") == set()


def test_an_author_filter_alone_lists_that_authors_articles(searcher: Searcher) -> None:
    assert _authors_found(searcher, "王", query="") == {"a1", "a2", "a3"}


def test_the_sample_flag_survives_the_index(searcher: Searcher) -> None:
    flags = {searcher.doc(n).url.split("/")[2]: searcher.doc(n).sample for n in range(5)}
    assert flags == {"a1": True, "a2": True, "a3": True, "a4": False, "a5": True}


@pytest.mark.parametrize(
    ("meta", "sample"),
    [
        ({"url": "https://rd.example/a/1.html"}, True),
        ({"url": "https://www.npc.gov.cn/a.html", "also_at": ["https://x.example/b"]}, True),
        ({"url": "https://www.npc.gov.cn/a.html", "original_url": "http://y.example/"}, True),
        ({"url": "https://www.npc.gov.cn/a.html"}, False),
        ({"url": "https://example.com/a.html"}, False),  # a real domain, not the reserved one
        ({"url": "http://[broken"}, False),
        ({}, False),
    ],
)
def test_sample_articles_are_those_on_example_hosts(meta: dict[str, object], sample: bool) -> None:
    assert is_sample(meta) is sample
    doc = doc_from_markdown({"title": "标题", **meta}, "正文。", "articles/x/")
    assert doc.sample is sample
    assert doc.to_dict()["x"] == int(sample)


def test_records_without_the_flag_still_read(tmp_path: Path) -> None:
    """An index written before the flag existed reads as not-sample rather than failing."""
    build_index([_doc("old", (), sample=True)], tmp_path)
    record = tmp_path / INDEX_DIR / "docs" / "0.bin"
    data = json.loads(read_bin(record))
    assert data.pop("x") == 1
    write_json_bin(record, data)
    assert Searcher(tmp_path).doc(0).sample is False
