"""Keywords per article: jieba's TF-IDF (its bundled IDF table) over our domain segmentation.

Words missing from jieba's table (most of our domain dictionary) get the table's median IDF, as
``jieba.analyse.extract_tags`` does; the table is jieba's ``analyse/idf.txt``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib import resources

# Words every article of this archive uses: as keywords they would say nothing.
GENERIC = frozenset(
    line.strip()
    for line in (resources.files("scraper") / "data" / "generic_keywords.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)


# Counts written in Chinese numerals (二十余件, 三次, 两项): never keywords.
_COUNT = re.compile(
    r"^[零〇一二两三四五六七八九十百千万亿余多几数]+[个件项次名条年月日天位家人篇部批场]?$"
)


@functools.lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (jieba/analyse/idf.txt), read directly: importing jieba.analyse would
    also load its part-of-speech tables, which we do not use (about a second per build)."""
    table: dict[str, float] = {}
    text = (resources.files("jieba") / "analyse" / "idf.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, value = line.strip().partition(" ")
        if value:
            table[word] = float(value)
    values = sorted(table.values())
    return table, values[len(values) // 2] if values else 10.0


def keywords(body: Mapping[str, int], title: Mapping[str, int], count: int = 8) -> tuple[str, ...]:
    """The ``count`` words with the highest TF × IDF (title words count three times)."""
    idf, median = _idf()
    total = sum(body.values()) + 3 * sum(title.values()) or 1
    scored = [
        (word, (body.get(word, 0) + 3 * title.get(word, 0)) / total * idf.get(word, median))
        for word in set(body) | set(title)
        if word not in GENERIC and not _COUNT.match(word)
    ]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return tuple(word for word, _ in scored[:count])
