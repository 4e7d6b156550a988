"""Related articles: cosine similarity of sparse TF-IDF vectors, top k per article.

Each article is reduced to its ``top_terms`` heaviest TF-IDF terms (terms found in more than half
of a large archive are dropped: they tell articles apart least). The vectors form a sparse matrix
``X``; similarities are ``X · Xᵀ``, computed a block of rows at a time so memory stays bounded (a
block of 512 rows against 10,000 articles is a 20 MB dense array). Cost grows with n² but with a
small constant: measured in ``bench/build.py``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the site build's main process never needs them
    from scipy import sparse  # type: ignore[import-untyped]


def tfidf_vectors(
    counts: Sequence[Mapping[str, int]], top_terms: int = 40
) -> tuple[sparse.csr_matrix, list[str]]:
    """L2-normalised TF-IDF rows (``1 + ln tf`` × ``ln((1+n)/(1+df)) + 1``) and the vocabulary."""
    import numpy as np
    from scipy import sparse

    n = len(counts)
    df: dict[str, int] = {}
    for c in counts:
        for term in c:
            df[term] = df.get(term, 0) + 1
    too_common = n // 2 if n >= 50 else n + 1
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, c in enumerate(counts):
        weights = [
            (term, (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[term])) + 1))
            for term, tf in c.items()
            if df[term] <= too_common
        ]
        weights.sort(key=lambda kv: (-kv[1], kv[0]))
        top = weights[:top_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        for term, weight in top:
            col = vocab.setdefault(term, len(vocab))
            rows.append(row)
            cols.append(col)
            vals.append(weight / norm)
    matrix = sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(n, max(1, len(vocab)))
    )
    return matrix, list(vocab)


def top_related(
    matrix: sparse.csr_matrix, k: int = 5, block: int = 512, min_similarity: float = 0.0001
) -> list[list[tuple[int, float]]]:
    """For every row, the ``k`` most similar other rows as (index, cosine), best first."""
    import numpy as np

    n = matrix.shape[0]
    result: list[list[tuple[int, float]]] = []
    transposed = matrix.T.tocsc()
    for start in range(0, n, block):
        stop = min(n, start + block)
        sims = (matrix[start:stop] @ transposed).toarray()
        sims[np.arange(stop - start), np.arange(start, stop)] = -1.0  # not itself
        take = min(k, n - 1)
        if take <= 0:
            result.extend([] for _ in range(start, stop))
            continue
        best = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        for offset, candidates in enumerate(best):
            row = sims[offset]
            ranked = sorted(candidates.tolist(), key=lambda j: (-row[j], j))
            result.append(
                [(j, round(float(row[j]), 4)) for j in ranked if row[j] >= min_similarity]
            )
    return result
