"""Keywords per article: jieba's TF-IDF (its bundled IDF table) over our domain segmentation.

Words missing from jieba's table (most of our domain dictionary) get the table's median IDF, as
``jieba.analyse.extract_tags`` does; the table is jieba's ``analyse/idf.txt``.

A keyword must say something about its article, so three kinds of word never are one:

- the curated generic words of ``scraper/data/generic_keywords.txt`` (思考, 项目, 全县 …): words
  of official prose that any article may use, whatever it is about;
- words the archive itself shows to be common: found in more than :data:`DF_CEILING` of the
  articles (and in more than :data:`DF_FLOOR`, so a small archive keeps its words);
- concept terms and aliases (:mod:`scraper.analysis.concepts`): a concept has its own page and
  count, and the same word as a keyword would give it a second page with another count; nor,
  in an article that uses a term, the term's short form (联络站 after 代表联络站).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Protocol

# Words of official prose that say nothing about one article (curated, one per line).
GENERIC = frozenset(
    line.strip()
    for line in (resources.files("scraper") / "data" / "generic_keywords.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)

# A word in more than this share of the articles tells a reader nothing about any one of them.
DF_CEILING = 0.25
# … but only once it is in more than this many: shares of a handful of articles mean little.
DF_FLOOR = 4

# Counts written in Chinese numerals (二十余件, 三次, 两项): never keywords.
_COUNT = re.compile(
    r"^[零〇一二两三四五六七八九十百千万亿余多几数]+[个件项次名条年月日天位家人篇部批场]?$"
)


class Counts(Protocol):
    """One segmented article (``scraper.analysis.segment.Segmented`` is one)."""

    @property
    def body(self) -> Mapping[str, int]: ...

    @property
    def title(self) -> Mapping[str, int]: ...


def keywords_of_archive(
    articles: Sequence[Counts], count: int = 8, exclude: Iterable[str] = ()
) -> list[tuple[str, ...]]:
    """Each article's keywords (same order), leaving out the words too common in this archive
    and ``exclude`` (the glossary's terms: those words are concepts), and in an article that
    uses a term, the term's short forms (:func:`short_forms`)."""
    terms = frozenset(exclude)
    skip = common_words(articles) | terms
    vocabulary = {word for a in articles for word in (*a.body, *a.title)}
    idf = _idf_for(frozenset(vocabulary))
    return [_top(a.body, a.title, count, skip | short_forms(a, terms), idf) for a in articles]


def short_forms(article: Counts, terms: Collection[str]) -> frozenset[str]:
    """The article's words that end one of the terms it uses: a Chinese compound's head is its
    last part, and an article that has named 代表联络站 or 专题询问 goes on to say 联络站 or
    询问 for it; as keywords they would be the concept again under another name."""
    endings = {
        term[start:]
        for term in terms
        if term in article.body or term in article.title
        for start in range(1, len(term))
    }
    if not endings:
        return frozenset()
    return frozenset(word for word in (*article.body, *article.title) if word in endings)


def common_words(articles: Sequence[Counts]) -> frozenset[str]:
    """Words found in more than ``DF_CEILING`` of the articles and in more than ``DF_FLOOR``."""
    frequency: Counter[str] = Counter()
    for a in articles:
        frequency.update(set(a.body) | set(a.title))
    ceiling = max(DF_CEILING * len(articles), DF_FLOOR)
    return frozenset(word for word, n in frequency.items() if n > ceiling)


def keywords(
    body: Mapping[str, int],
    title: Mapping[str, int],
    count: int = 8,
    exclude: Collection[str] = frozenset(),
) -> tuple[str, ...]:
    """The ``count`` words of one article with the highest TF × IDF (title words count three
    times); no archive-wide rule (see :func:`keywords_of_archive`)."""
    idf = _idf_for(frozenset((*body, *title)))
    return _top(body, title, count, exclude, idf)


def _top(
    body: Mapping[str, int],
    title: Mapping[str, int],
    count: int,
    skip: Collection[str],
    idf: Mapping[str, float],
) -> tuple[str, ...]:
    median = _median_idf()
    total = sum(body.values()) + 3 * sum(title.values()) or 1
    scored = [
        (word, (body.get(word, 0) + 3 * title.get(word, 0)) / total * idf.get(word, median))
        for word in set(body) | set(title)
        if word not in GENERIC and word not in skip and not _COUNT.match(word)
    ]
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return tuple(word for word, _ in scored[:count])


@functools.lru_cache(maxsize=1)
def _idf_words() -> tuple[list[str], list[str]]:
    """jieba's IDF table (jieba/analyse/idf.txt) as words and their values, still text: only the
    values of the words an archive uses are ever parsed. The file is found without importing
    jieba (0.2 s of imports, pkg_resources among them; jieba.analyse would add its part-of-speech
    tables, about a second): the segmentation is jieba-rs's, jieba only lends this table."""
    spec = importlib.util.find_spec("jieba")
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise RuntimeError("jieba is not installed: its IDF table is needed for keywords")
    path = Path(folders[0]) / "analyse" / "idf.txt"
    parts = path.read_text(encoding="utf-8").split()
    return parts[0::2], parts[1::2]


def _idf_for(words: frozenset[str]) -> dict[str, float]:
    """The IDF of each of ``words`` found in jieba's table."""
    names, values = _idf_words()
    return {w: float(v) for w, v in zip(names, values, strict=True) if w in words}


@functools.lru_cache(maxsize=1)
def _median_idf() -> float:
    """The table's median, jieba's value for a word it does not know."""
    values = sorted(map(float, _idf_words()[1]))
    return values[len(values) // 2] if values else 10.0
