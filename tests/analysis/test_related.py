from __future__ import annotations

import random
import time
from collections import Counter

from scraper.analysis.related import tfidf_vectors, top_related


def test_most_similar_first_and_never_itself() -> None:
    docs = [
        Counter({"执法检查": 5, "大气污染": 3, "监督": 2}),
        Counter({"执法检查": 4, "大气污染": 2, "整改": 1}),
        Counter({"代表之家": 5, "联系群众": 3}),
        Counter({"代表之家": 3, "联系群众": 4, "接待": 1}),
        Counter({"执法检查": 1, "代表之家": 1}),
    ]
    matrix, vocab = tfidf_vectors(docs)
    related = top_related(matrix, k=2)
    assert related[0][0][0] == 1
    assert related[2][0][0] == 3
    assert all(i not in [j for j, _ in row] for i, row in enumerate(related))
    scores = [[s for _, s in row] for row in related]
    assert all(row == sorted(row, reverse=True) for row in scores)
    assert "执法检查" in vocab


def test_unrelated_articles_get_no_related() -> None:
    matrix, _ = tfidf_vectors([Counter({"甲": 1}), Counter({"乙": 1})])
    assert top_related(matrix) == [[], []]


def test_stays_fast_for_thousands_of_articles() -> None:
    rng = random.Random(1)
    words = [f"词{i}" for i in range(3000)]
    docs = [
        Counter({rng.choice(words): rng.randint(1, 5) for _ in range(120)}) for _ in range(3000)
    ]
    start = time.perf_counter()
    matrix, _ = tfidf_vectors(docs)
    related = top_related(matrix)
    assert len(related) == 3000
    assert time.perf_counter() - start < 20
