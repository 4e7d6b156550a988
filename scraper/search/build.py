"""Build the static search index of a set of articles (see layout.py for the files)."""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scraper.search.documents import SearchDoc
from scraper.search.grams import GramTable, count_grams
from scraper.search.layout import (
    FORMAT_VERSION,
    INDEX_DIR,
    encode_shard,
    write_bin,
    write_json_bin,
)


@dataclass(frozen=True)
class IndexSettings:
    # Grams of 3+ characters are listed when at least this many articles contain them; a rarer
    # query is checked against the text of its (few) candidate articles in the browser.
    min_docs: int = 16
    # Longest gram listed; longer queries are answered from their parts and then checked.
    max_len: int = 12
    # Target size of a shard before compression (a query fetches one shard per gram it needs).
    shard_bytes: int = 16_384


@dataclass(frozen=True)
class IndexStats:
    docs: int
    keys: int
    postings: int
    shards: int
    bytes: int  # compressed bytes written
    seconds: float

    def summary(self) -> str:
        return (
            f"search index: {self.docs} articles, {self.keys} grams, {self.postings} postings, "
            f"{self.shards} shards, {self.bytes / 1e6:.1f} MB, {self.seconds:.1f} s"
        )


def order_docs(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Document numbers follow this order: newest first, so ties rank the newer article higher."""
    return sorted(sorted(docs, key=lambda d: d.url), key=lambda d: d.date, reverse=True)


def _shard_count(table: GramTable, width: int, target: int) -> int:
    estimate = table.docs.size * (width + 1) + len(table.keys) * 16
    count = 1
    while count * target < estimate:
        count *= 2
    return count


def _write_shards(table: GramTable, out: Path, width: int, shards: int) -> int:
    shard_of = (table.hashes % np.uint32(shards)).astype(np.int64)
    order = np.argsort(shard_of, kind="stable")
    counts = table.counts[order]
    starts = np.concatenate(([0], np.cumsum(table.counts)[:-1]))[order]
    new_starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    perm = np.repeat(starts - new_starts, counts) + np.arange(int(counts.sum()))
    docs = table.docs[perm].astype(np.int64)
    gaps = np.diff(docs, prepend=0)
    listed = counts > 0
    gaps[new_starts[listed]] = docs[new_starts[listed]]
    weights = table.weights[perm]
    modes = table.modes[order]
    key_bounds = np.searchsorted(shard_of[order], np.arange(shards + 1))
    post_bounds = np.concatenate(([0], np.cumsum(counts)))[key_bounds]
    written = 0
    for shard in range(shards):
        k0, k1 = key_bounds[shard], key_bounds[shard + 1]
        p0, p1 = post_bounds[shard], post_bounds[shard + 1]
        data = encode_shard(
            [table.keys[i] for i in order[k0:k1]],
            modes[k0:k1],
            counts[k0:k1],
            gaps[p0:p1].astype(np.uint32),
            weights[p0:p1],
            width,
        )
        written += write_bin(out / "shards" / f"{shard}.bin", data)
    return written


def _vocabulary(values: Iterable[str]) -> list[str]:
    """Distinct values, most frequent first."""
    return [value for value, _ in Counter(v for v in values if v).most_common()]


def _facets(docs: Sequence[SearchDoc], theme_order: Sequence[str]) -> dict[str, list[object]]:
    years = sorted({d.year for d in docs if d.year}, reverse=True)
    provinces = _vocabulary(d.province for d in docs)
    seen = {t for d in docs for t in d.themes}
    themes = [t for t in theme_order if t in seen] + sorted(seen - set(theme_order))
    authors = _vocabulary(a for d in docs for a in d.authors)
    index = {name: i for i, name in enumerate(authors)}
    theme_bit = {name: 1 << i for i, name in enumerate(themes)}
    return {
        "years": list(years),
        "provinces": list(provinces),
        "themes": list(themes),
        "authors": list(authors),
        "y": [years.index(d.year) if d.year else -1 for d in docs],
        "p": [provinces.index(d.province) if d.province else -1 for d in docs],
        "t": [sum(theme_bit[t] for t in set(d.themes)) for d in docs],
        "a": [[index[a] for a in d.authors] for d in docs],
    }


def build_index(
    docs: Iterable[SearchDoc],
    site_dir: Path,
    settings: IndexSettings | None = None,
    theme_order: Sequence[str] = (),
) -> IndexStats:
    """Write ``site_dir/search-index/`` for ``docs``; replaces an existing index."""
    settings = settings or IndexSettings()
    started = time.perf_counter()
    ordered = order_docs(docs)
    out = site_dir / INDEX_DIR
    if out.exists():
        shutil.rmtree(out)
    (out / "shards").mkdir(parents=True)
    (out / "docs").mkdir()
    table = count_grams(
        [d.indexed_text() for d in ordered],
        min_docs=settings.min_docs,
        max_len=settings.max_len,
    )
    width = 2 if len(ordered) < 1 << 16 else 4
    shards = _shard_count(table, width, settings.shard_bytes)
    written = _write_shards(table, out, width, shards)
    for number, doc in enumerate(ordered):
        written += write_json_bin(out / "docs" / f"{number}.bin", doc.to_dict())
    facets = _facets(ordered, theme_order)
    written += write_json_bin(out / "facets.bin", facets)
    meta = {
        "version": FORMAT_VERSION,
        "docs": len(ordered),
        "shards": shards,
        "maxLen": settings.max_len,
        "minDocs": settings.min_docs,
        "years": facets["years"],
        "provinces": facets["provinces"],
        "themes": facets["themes"],
    }
    written += write_json_bin(out / "meta.bin", meta)
    return IndexStats(
        docs=len(ordered),
        keys=len(table.keys),
        postings=int(table.docs.size),
        shards=shards,
        bytes=written,
        seconds=time.perf_counter() - started,
    )
