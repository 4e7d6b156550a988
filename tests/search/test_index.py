"""The index end to end in Python: build it, answer queries with reader.Searcher, compare with a
plain scan of the articles (the browser's search.js follows the same steps as the reader)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench.search.reference import ISSUE_QUERIES
from scraper.search import IndexSettings, SearchDoc, Section, build_index
from scraper.search.build import order_docs
from scraper.search.index_format import INDEX_DIR, read_bin
from scraper.search.normalise_text import FIELD_SEPARATOR
from scraper.search.reader import Filters, Searcher, count_in, terms_of

WORDS = [
    "人大代表",
    "代表之家",
    "四个机关",
    "全过程人民民主",
    "一府一委两院",
    "监督",
    "执法检查",
    "守正创新",
    "群众",
    "意见",
    "常委会",
    "审议",
    "张掖市",
    "兰州市",
    "王海峰",
    "李秀英",
    "调研",
    "推动",
    "落实",
    "“民生实事”",
    "建议",
    "办理",
]
THEMES = ["监督工作", "代表工作", "立法工作"]


def _doc(index: int, rng: random.Random) -> SearchDoc:
    def sentence() -> str:
        return "".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))) + rng.choice("，。；")

    sections = tuple(
        Section(
            f"s{i}" if i else "",
            f"{i}、{rng.choice(WORDS)}" if i else "",
            "".join(sentence() for _ in range(rng.randint(3, 12))),
        )
        for i in range(rng.randint(1, 3))
    )
    return SearchDoc(
        url=f"articles/2024/a{index}/",
        title=rng.choice(WORDS) + rng.choice(WORDS),
        date=f"{rng.randint(2019, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        region=(rng.choice(["甘肃省", "浙江省"]),),
        authors=(rng.choice(["王海峰", "李秀英", "赵强"]),),
        themes=tuple(rng.sample(THEMES, rng.randint(0, 2))),
        sections=sections,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[SearchDoc], Searcher]:
    rng = random.Random(5)
    docs = order_docs(_doc(i, rng) for i in range(80))
    site = tmp_path_factory.mktemp("site")
    stats = build_index(docs, site, IndexSettings(min_docs=4, max_len=6, shard_bytes=2048))
    assert stats.docs == 80 and stats.shards > 1
    assert (site / INDEX_DIR / "meta.bin").exists()
    return docs, Searcher(site)


def _scan(docs: list[SearchDoc], query: str, filters: Filters | None = None) -> set[int]:
    filters = filters or Filters()
    terms = terms_of(query)
    found = set()
    for number, doc in enumerate(docs):
        fields = doc.indexed_text().split(FIELD_SEPARATOR)
        if not all(any(t in f for f in fields) for t in terms):
            continue
        if filters.theme and filters.theme not in doc.themes:
            continue
        if filters.year and doc.year != filters.year:
            continue
        if filters.author and filters.author not in doc.authors:
            continue
        if filters.province and doc.province != filters.province:
            continue
        found.add(number)
    return found


FIXED = [
    *ISSUE_QUERIES,
    "王海峰",
    "张掖市",
    "代表之家 监督",
    "民生实事",
    "“民生实事”",
    "人大代表代表之家四个机关",
    "监督。",
    "监督人大",
    "家四",
    "的",
    "不存在的词",
]


@pytest.mark.parametrize("query", FIXED)
def test_fixed_queries_match_a_plain_scan(
    corpus: tuple[list[SearchDoc], Searcher], query: str
) -> None:
    docs, searcher = corpus
    assert set(searcher.search(query)) == _scan(docs, query)


def test_random_substrings_match_a_plain_scan(corpus: tuple[list[SearchDoc], Searcher]) -> None:
    docs, searcher = corpus
    rng = random.Random(9)
    for _ in range(150):
        text = rng.choice(docs).indexed_text().replace(FIELD_SEPARATOR, "")
        start = rng.randrange(len(text) - 2)
        query = text[start : start + rng.randint(1, 14)]
        assert set(searcher.search(query)) == _scan(docs, query), query


def test_listed_hits_are_exact(corpus: tuple[list[SearchDoc], Searcher]) -> None:
    """Listed grams (postings or SAME_AS markers) have exactly the articles and counts."""
    docs, searcher = corpus
    for term in [
        "人大代表",
        "代表之家",
        "四个机关",
        "监督",
        "全过程人民",
        "委两院",
        "代表",
        "会审",
    ]:
        hits = searcher.resolve(term)
        assert hits.exact, term
        expected = {}
        for number in _scan(docs, term):
            title, _, body = docs[number].indexed_text().partition(FIELD_SEPARATOR)
            expected[number] = (count_in(title, term) + count_in(body, term), term in title)
        assert dict(hits.docs) == expected, term


@pytest.mark.parametrize(
    "filters",
    [Filters(theme="监督工作"), Filters(province="甘肃省", year="2020"), Filters(author="赵强")],
)
def test_filters_combine_with_the_query(
    corpus: tuple[list[SearchDoc], Searcher], filters: Filters
) -> None:
    docs, searcher = corpus
    assert set(searcher.search("监督", filters)) == _scan(docs, "监督", filters)
    assert set(searcher.search("", filters)) == _scan(docs, "", filters)


def test_title_matches_first_then_match_count(corpus: tuple[list[SearchDoc], Searcher]) -> None:
    docs, searcher = corpus
    ranked = searcher.search("监督")
    keys = []
    for number in ranked:
        title, _, body = docs[number].indexed_text().partition(FIELD_SEPARATOR)
        keys.append(("监督" in title, title.count("监督") + body.count("监督")))
    assert keys == sorted(keys, reverse=True)


def test_traditional_and_simplified_find_each_other(tmp_path: Path) -> None:
    """Issue 12: a query 监督 finds an article that says 監督 (and the other way round), through
    the built index; the browser gets the same table as t2s.bin."""
    texts = {
        "articles/2024/trad/": (
            "人大常委會開展監督工作",
            "常委會聽取審議報告，加強監督，推動條例落實。" * 40,
        ),
        "articles/2024/simp/": (
            "人大常委会开展监督工作",
            "常委会听取审议报告，加强监督，推动条例落实。" * 40,
        ),
        "articles/2024/other/": ("代表之家", "人大代表在代表之家接待群众。" * 40),
    }
    docs = order_docs(
        SearchDoc(url=url, title=title, date="2024-01-01", sections=(Section("", "", body),))
        for url, (title, body) in texts.items()
    )
    build_index(docs, tmp_path, IndexSettings(min_docs=1, max_len=6, shard_bytes=2048))
    searcher = Searcher(tmp_path)
    urls = [d.url for d in docs]
    both = {"articles/2024/trad/", "articles/2024/simp/"}
    for query in ("监督", "監督", "审议报告", "審議報告", "條例落實", "开展监督工作"):
        assert {urls[n] for n in searcher.search(query)} == both, query
    pairs = json.loads(read_bin(tmp_path / INDEX_DIR / "t2s.bin"))
    assert "監监" in pairs and "督" not in pairs
    assert len(pairs) % 2 == 0 and dict(zip(pairs[::2], pairs[1::2], strict=True))["條"] == "条"
