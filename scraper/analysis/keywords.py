"""Keywords per article: jieba's TF-IDF (its bundled IDF table) over our domain segmentation.

Words missing from jieba's table (most of our domain dictionary) get the table's median IDF, as
``jieba.analyse.extract_tags`` does.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import jieba.analyse

# Words every article of this archive uses: as keywords they would say nothing.
GENERIC = frozenset(
    ["人大", "常委会", "人大常委会", "会议", "决定", "审议", "办理", "建设", "群众", "代表", "人民", "习近平总书记", "委员会", "主任", "副主任", "政府", "部门", "单位", "地方", "全国", "国家", "社会", "组织", "活动", "制度", "机制", "体系", "能力", "水平", "质量", "成效", "作用", "职能", "职责"]
)


@functools.lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    table = jieba.analyse.TFIDF()
    return dict(table.idf_freq), float(table.median_idf)


def keywords(body: Mapping[str, int], title: Mapping[str, int], count: int = 8) -> tuple[str, ...]:
    """The ``count`` words with the highest TF × IDF (title words count three times)."""
    idf, median = _idf()
    total = sum(body.values()) + 3 * sum(title.values()) or 1
    scored = [
        (word, (body.get(word, 0) + 3 * title.get(word, 0)) / total * idf.get(word, median))
        for word in set(body) | set(title)
        if word not in GENERIC
    ]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return tuple(word for word, _ in scored[:count])
