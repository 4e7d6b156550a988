"""count_grams: which grams are listed, their postings, weights and modes."""

from __future__ import annotations

import numpy as np

from scraper.search.grams import (
    POSTINGS,
    SAME_AS_PREFIX,
    SAME_AS_SUFFIX,
    GramTable,
    count_grams,
    gram_hash,
)
from scraper.search.text import FIELD_SEPARATOR


def _entries(table: GramTable) -> dict[str, tuple[int, list[int], list[tuple[int, int]]]]:
    ends = np.cumsum(table.counts)
    out = {}
    for i, key in enumerate(table.keys):
        start, end = int(ends[i] - table.counts[i]), int(ends[i])
        weights = [(int(w) >> 1, int(w) & 1) for w in table.weights[start:end]]
        out[key] = (int(table.modes[i]), table.docs[start:end].tolist(), weights)
    return out


def _text(title: str, body: str) -> str:
    return title + FIELD_SEPARATOR + body


def test_postings_count_matches_and_mark_titles() -> None:
    table = count_grams(
        [_text("人大代表", "人大代表之家"), _text("监督", "人大监督人大")], min_docs=1, max_len=4
    )
    entries = _entries(table)
    assert entries["人大"] == (POSTINGS, [0, 1], [(2, 1), (2, 0)])
    assert entries["监督"] == (POSTINGS, [1], [(2, 1)])
    assert entries["代表之家"] == (SAME_AS_PREFIX, [], [])  # same documents as 代表之
    assert "表人" not in entries  # never spans the title and the body
    assert all(table.hashes[i] == gram_hash(k) for i, k in enumerate(table.keys))


def test_rare_long_grams_are_not_listed() -> None:
    texts = [_text("", "监督工作") for _ in range(3)] + [_text("", "监督检查")]
    entries = _entries(count_grams(texts, min_docs=2, max_len=4))
    assert "监督工作" in entries
    assert "监督检查" not in entries and "督检查" not in entries  # in 1 document only
    assert "检查" in entries  # 1- and 2-grams are always listed


def test_grams_found_in_the_same_documents_as_a_part_are_marked() -> None:
    texts = [_text("", "四个机关建设"), _text("", "四个机关"), _text("", "四个方面和机关")]
    entries = _entries(count_grams(texts, min_docs=1, max_len=4))
    # 四个机 is in documents 0 and 1: not all of 四个's, but exactly those of 个机
    assert entries["四个机"] == (SAME_AS_SUFFIX, [], [])
    assert entries["四个机关"] == (SAME_AS_PREFIX, [], [])
    assert entries["机关建"] == (SAME_AS_SUFFIX, [], [])  # like 关建, in document 0 only
    assert entries["四个"] == (POSTINGS, [0, 1, 2], [(1, 0), (1, 0), (1, 0)])


def test_empty_archive() -> None:
    table = count_grams([], min_docs=2, max_len=5)
    assert table.keys == [] and table.docs.size == 0
