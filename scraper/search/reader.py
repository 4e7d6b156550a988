"""Answering queries from the index files: the Python twin of the browser's ``search.js``.

Used by the tests (and handy for debugging an index); the browser does the same steps, fetching
only the shards and articles a query needs.

1. The query is split at white space; each term is normalised; all terms must match (AND).
2. A term's postings come from the shard of its gram. A gram marked SAME_AS_PREFIX/SUFFIX has
   exactly the documents of that (n-1)-gram (and its weights, unless its own are listed). A term
   that is not listed is rare (or longer than ``maxLen``): the intersection of the documents of
   its 2- and 3-grams gives candidates, which are checked against the article text.
3. Rank: more terms in the title first, then more matches, then newer.
4. Filters: theme, province and year by exact name; author by exact name when the archive has an
   author of that name, else every author whose name contains it (typing 王 keeps 王海峰, 王芳…).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from scraper.search.documents import SearchDoc, Section
from scraper.search.grams import SAME_AS_PREFIX, SAME_AS_SUFFIX, WEIGHTS, gram_hash
from scraper.search.index_format import INDEX_DIR, decode_shard, read_bin
from scraper.search.normalise_text import FIELD_SEPARATOR, normalise


@dataclass(frozen=True)
class Hits:
    """Documents that may contain a term: doc → (count, in title)."""

    docs: Mapping[int, tuple[int, bool]]
    exact: bool  # membership is exact (no check against the text needed)


@dataclass(frozen=True)
class Filters:
    theme: str | None = None
    province: str | None = None
    year: str | None = None
    author: str | None = None


def terms_of(query: str) -> list[str]:
    """Normalised, distinct, non-empty terms of a query, in order."""
    terms: list[str] = []
    for part in query.split():
        term = normalise(part)
        if term and term not in terms:
            terms.append(term)
    return terms


def count_in(text: str, term: str) -> int:
    """Occurrences of ``term`` in ``text``, overlapping ones included (as the index counts)."""
    count, start = 0, text.find(term)
    while start >= 0:
        count += 1
        start = text.find(term, start + 1)
    return count


@dataclass
class Searcher:
    site_dir: Path
    meta: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.meta = json.loads(read_bin(self.root / "meta.bin"))
        self.shard = cache(self._shard)
        self.doc = cache(self._doc)

    @property
    def root(self) -> Path:
        return self.site_dir / INDEX_DIR

    def _shard(self, number: int) -> dict[str, tuple[int, list[int], list[int]]]:
        return decode_shard(read_bin(self.root / "shards" / f"{number}.bin"))

    def _doc(self, number: int) -> SearchDoc:
        data = json.loads(read_bin(self.root / "docs" / f"{number}.bin"))
        return SearchDoc(
            url=data["u"],
            title=data["t"],
            date=data["d"],
            region=tuple(data["r"]),
            authors=tuple(data["a"]),
            sections=tuple(Section(*s) for s in data["s"]),
            sample=bool(data.get("x")),
        )

    def lookup(self, gram: str) -> tuple[int, list[int], list[int]] | None:
        return self.shard(gram_hash(gram) % self.meta["shards"]).get(gram)

    def resolve(self, term: str) -> Hits:
        entry = self.lookup(term) if len(term) <= self.meta["maxLen"] else None
        if entry is not None:
            mode, docs, weights = entry
            if mode & (SAME_AS_PREFIX | SAME_AS_SUFFIX):
                same = self.resolve(term[:-1] if mode & SAME_AS_PREFIX else term[1:]).docs
                if not mode & WEIGHTS:
                    return Hits(same, True)
                docs = list(same)  # ascending, like the weights
            return Hits(
                {d: (w >> 1, bool(w & 1)) for d, w in zip(docs, weights, strict=True)}, True
            )
        if len(term) <= 2:
            return Hits({}, True)
        return Hits(
            _intersect([self.resolve(p) for p in _pieces(term, self.meta["maxLen"])]), False
        )

    def check(self, number: int, term: str) -> tuple[int, bool]:
        """(matches, in title) of ``term`` in the article's text."""
        title, _, body = self.doc(number).indexed_text().partition(FIELD_SEPARATOR)
        return count_in(title, term) + count_in(body, term), term in title

    def search(self, query: str, filters: Filters | None = None) -> list[int]:
        """All matching document numbers, best first (every candidate checked)."""
        terms = terms_of(query)
        keep = self._filter(filters or Filters())
        if not terms:
            return [d for d in range(self.meta["docs"]) if keep(d)] if filters else []
        scores: dict[int, tuple[int, int]] = {}
        hits = [self.resolve(t) for t in terms]
        for number in set.intersection(*(set(h.docs) for h in hits)):
            if not keep(number):
                continue
            title = total = 0
            for term, hit in zip(terms, hits, strict=True):
                tf, in_title = hit.docs[number]
                if not hit.exact:  # a rare term: check the text (counts are bounds)
                    tf, in_title = self.check(number, term)
                if tf == 0:
                    break
                title, total = title + in_title, total + tf
            else:
                scores[number] = (title, total)
        return sorted(scores, key=lambda d: (-scores[d][0], -scores[d][1], d))

    def _filter(self, filters: Filters) -> Callable[[int], bool]:
        if filters == Filters():
            return lambda number: True
        facets = json.loads(read_bin(self.root / "facets.bin"))

        def position(vocabulary: str, value: str | None) -> int | None:
            if value is None:
                return None
            names: list[str] = facets[vocabulary]
            return names.index(value) if value in names else -2

        year = position("years", filters.year)
        province = position("provinces", filters.province)
        theme = position("themes", filters.theme)
        authors = _authors_matching(facets["authors"], filters.author)

        def keep(number: int) -> bool:
            return (
                (year is None or facets["y"][number] == year)
                and (province is None or facets["p"][number] == province)
                and (theme is None or (theme >= 0 and facets["t"][number] >> theme & 1 == 1))
                and (authors is None or not authors.isdisjoint(facets["a"][number]))
            )

        return keep


def _authors_matching(names: list[str], wanted: str | None) -> set[int] | None:
    """Positions of the authors an author filter keeps (None: no author filter)."""
    if wanted is None or not wanted.strip():
        return None
    wanted = wanted.strip()
    if wanted in names:
        return {names.index(wanted)}
    key = normalise(wanted)
    return {i for i, name in enumerate(names) if key in normalise(name)}


def _pieces(term: str, max_len: int) -> list[str]:
    """The grams whose documents bound a term that is not listed itself."""
    if len(term) > max_len:
        starts = list(range(0, len(term) - max_len + 1, max_len - 1))
        if starts[-1] != len(term) - max_len:
            starts.append(len(term) - max_len)
        return [term[s : s + max_len] for s in starts]
    return [term[i : i + 2] for i in range(len(term) - 1)] + [
        term[i : i + 3] for i in range(len(term) - 2) if len(term) > 3
    ]


def _intersect(hits: list[Hits]) -> dict[int, tuple[int, bool]]:
    common = set.intersection(*(set(h.docs) for h in hits)) if hits else set()
    return {d: (min(h.docs[d][0] for h in hits), all(h.docs[d][1] for h in hits)) for d in common}
