"""count_grams: which grams are listed, their postings, weights and modes."""

from __future__ import annotations

import random

import pytest

from scraper.search import grams
from scraper.search.grams import (
    POSTINGS,
    SAME_AS_PREFIX,
    SAME_AS_SUFFIX,
    WEIGHTS,
    GramTable,
    count_grams,
    gram_hash,
)
from scraper.search.normalise_text import FIELD_SEPARATOR


def _entries(table: GramTable) -> dict[str, tuple[int, list[int], list[tuple[int, int]]]]:
    """gram → (mode, listed documents, listed (count, in title) weights)."""
    out = {}
    doc_at = weight_at = 0
    for i, key in enumerate(table.keys):
        count, mode = int(table.counts[i]), int(table.modes[i])
        docs = table.docs[doc_at : doc_at + count].tolist() if mode == POSTINGS else []
        weights = [(int(w) >> 1, int(w) & 1) for w in table.weights[weight_at : weight_at + count]]
        out[key] = (mode, docs, weights)
        doc_at += len(docs)
        weight_at += count
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


def test_characters_counted_in_many_runs_of_fields_give_the_same_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    texts = [
        _text(rng.choice("人大代表监督"), "".join(rng.choices("人大代表监督，。", k=30)))
        for _ in range(50)
    ]
    whole = count_grams(texts, min_docs=2, max_len=4)
    monkeypatch.setattr(grams, "CHARACTER_BINS", 1)  # one field per run
    runs = count_grams(texts, min_docs=2, max_len=4)
    assert runs.keys == whole.keys
    for field in ("counts", "modes", "docs", "weights", "hashes"):
        assert (getattr(runs, field) == getattr(whole, field)).all(), field


def test_empty_archive() -> None:
    table = count_grams([], min_docs=2, max_len=5)
    assert table.keys == [] and table.docs.size == 0


def _brute_force(texts: list[str], min_docs: int, max_len: int) -> dict[str, dict[int, int]]:
    """gram → {doc: weight byte} for every gram count_grams must keep, by plain counting."""
    found: dict[str, dict[int, int]] = {}
    for number, text in enumerate(texts):
        title, _, body = text.partition(FIELD_SEPARATOR)
        counts: dict[str, list[int]] = {}
        for field, in_title in ((title, 1), (body, 0)):
            for n in range(1, max_len + 1):
                for i in range(len(field) - n + 1):
                    entry = counts.setdefault(field[i : i + n], [0, 0])
                    entry[0] += 1
                    entry[1] |= in_title
        for gram, (tf, in_title) in counts.items():
            found.setdefault(gram, {})[number] = min(tf, 127) << 1 | in_title
    return {g: d for g, d in found.items() if len(g) <= 2 or len(d) >= min_docs}


def test_count_grams_matches_plain_counting() -> None:
    """Postings, marks (followed to the listed gram) and chained grams all give exact answers."""
    rng = random.Random(3)
    words = ["人大代表", "代表之家", "监督", "四个机关", "常委会", "调研", "群众", "，", "。"]
    texts = [
        _text(
            "".join(rng.choice(words) for _ in range(rng.randint(1, 3))),
            "".join(rng.choice(words) for _ in range(rng.randint(5, 40))),
        )
        for _ in range(40)
    ]
    table = count_grams(texts, min_docs=3, max_len=7)
    entries = _entries(table)
    expected = _brute_force(texts, min_docs=3, max_len=7)
    assert set(entries) == set(expected)

    def resolve(gram: str) -> dict[int, int]:
        mode, docs, weights = entries[gram]
        if mode == POSTINGS:
            return {d: w << 1 | t for d, (w, t) in zip(docs, weights, strict=True)}
        same = resolve(gram[:-1] if mode & SAME_AS_PREFIX else gram[1:])
        if not mode & WEIGHTS:
            return same
        return {d: w << 1 | t for d, (w, t) in zip(sorted(same), weights, strict=True)}

    for gram, docs in expected.items():
        assert resolve(gram) == docs, gram
