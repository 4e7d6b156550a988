"""Build the static search index of a set of articles (see index_format.py for the files)."""

from __future__ import annotations

import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from scraper.hanzi import char_map
from scraper.search.documents import SearchDoc
from scraper.search.grams import POSTINGS, GramTable, count_grams
from scraper.search.index_format import (
    FORMAT_VERSION,
    INDEX_DIR,
    encode_shard,
    json_bytes,
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
    seconds: float  # in the calling process
    background_seconds: float | None = None  # counting the grams in the worker, if it did
    background_peak_mb: int | None = None  # that process's peak resident set

    def summary(self) -> str:
        size = f"{self.bytes / 1e6:.1f} MB"
        return f"search index of {self.docs} articles ({size}) in {self.seconds:.1f} s"


def order_docs(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Document numbers follow this order: newest first, so ties rank the newer article higher."""
    return sorted(sorted(docs, key=lambda d: d.url), key=lambda d: d.date, reverse=True)


def _shard_count(table: GramTable, width: int, target: int) -> int:
    estimate = table.docs.size * width + table.weights.size + len(table.keys) * 16
    count = 1
    while count * target < estimate:
        count *= 2
    return count


def _regroup(counts: npt.NDArray[np.int64], order: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Indices that put per-key runs (``counts[k]`` items for key k, keys in turn) in ``order``."""
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[order]
    moved = counts[order]
    new_starts = np.concatenate(([0], np.cumsum(moved)[:-1]))
    return np.repeat(starts - new_starts, moved) + np.arange(int(moved.sum()))


def _write_shards(table: GramTable, out: Path, width: int, shards: int) -> int:
    shard_of = (table.hashes % np.uint32(shards)).astype(np.int64)
    order = np.argsort(shard_of, kind="stable")
    doc_counts = np.where(table.modes == POSTINGS, table.counts, 0)
    docs = table.docs[_regroup(doc_counts, order)].view(np.int32)
    weights = table.weights[_regroup(table.counts, order)]
    counts, doc_counts, modes = table.counts[order], doc_counts[order], table.modes[order]
    gaps = np.diff(docs, prepend=np.int32(0))
    firsts = np.concatenate(([0], np.cumsum(doc_counts)[:-1]))[doc_counts > 0]
    gaps[firsts] = docs[firsts]
    del docs
    key_bounds = np.searchsorted(shard_of[order], np.arange(shards + 1))
    weight_bounds = np.concatenate(([0], np.cumsum(counts)))[key_bounds]
    doc_bounds = np.concatenate(([0], np.cumsum(doc_counts)))[key_bounds]

    def shard_file(shard: int) -> tuple[Path, bytes]:
        k0, k1 = key_bounds[shard], key_bounds[shard + 1]
        data = encode_shard(
            [table.keys[i] for i in order[k0:k1]],
            modes[k0:k1],
            counts[k0:k1],
            gaps[doc_bounds[shard] : doc_bounds[shard + 1]].astype(np.uint32),
            weights[weight_bounds[shard] : weight_bounds[shard + 1]],
            width,
        )
        return out / "shards" / f"{shard}.bin", data

    return _write_all(shard_file(shard) for shard in range(shards))


def _write_all(files: Iterable[tuple[Path, bytes]]) -> int:
    """Compress and write files on a few threads (zlib and file I/O release the GIL)."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        pending: list[Future[int]] = []
        written = 0
        for path, data in files:  # at most a few dozen files in memory at once
            pending.append(pool.submit(write_bin, path, data))
            if len(pending) >= 32:
                written += sum(f.result() for f in pending)
                pending.clear()
        return written + sum(f.result() for f in pending)


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


@dataclass(frozen=True)
class GramShards:
    """What :func:`write_gram_shards` wrote: postings of ``urls`` (document numbers in order)."""

    urls: tuple[str, ...]
    keys: int
    postings: int
    shards: int
    bytes: int
    seconds: float
    peak_mb: int  # the counting process's peak resident set (pages shared with a parent count)


def prepare_index_dir(site_dir: Path) -> Path:
    """An empty ``site_dir/search-index/`` (replacing an old one) with its sub-folders."""
    out = site_dir / INDEX_DIR
    if out.exists():
        shutil.rmtree(out)
    (out / "shards").mkdir(parents=True)
    (out / "docs").mkdir()
    return out


def write_gram_shards(
    urls: Sequence[str], texts: Iterable[str], out: Path, settings: IndexSettings
) -> GramShards:
    """The n-gram postings of the articles' indexed texts (in document order), as shards.

    Needs only the text: the site build runs it in its worker while pages are converted."""
    started = time.perf_counter()
    table = count_grams(texts, min_docs=settings.min_docs, max_len=settings.max_len)
    width = 2 if len(urls) < 1 << 16 else 4
    shards = _shard_count(table, width, settings.shard_bytes)
    written = _write_shards(table, out, width, shards)
    return GramShards(
        tuple(urls),
        len(table.keys),
        int(table.docs.size),
        shards,
        written,
        time.perf_counter() - started,
        _peak_mb(),
    )


def _peak_mb() -> int:
    """This process's peak resident set in MB (0 where ``resource`` is missing: Windows)."""
    try:
        import resource
    except ImportError:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // (1 << 20) if sys.platform == "darwin" else peak // 1024  # bytes / kB


def write_doc_records(ordered: Sequence[SearchDoc], out: Path) -> int:
    """One record per article (snippets, anchors, verification), numbered in document order."""
    return _write_all(
        (out / "docs" / f"{number}.bin", json_bytes(doc.to_dict()))
        for number, doc in enumerate(ordered)
    )


def write_meta(
    ordered: Sequence[SearchDoc],
    out: Path,
    grams: GramShards,
    settings: IndexSettings,
    theme_order: Sequence[str] = (),
) -> int:
    """The facets (filters) and the index's description; ``grams`` must number ``ordered``."""
    if grams.urls != tuple(d.url for d in ordered):
        raise ValueError("search index: the shards were written for other articles")
    facets = _facets(ordered, theme_order)
    written = write_json_bin(out / "facets.bin", facets)
    meta = {
        "version": FORMAT_VERSION,
        "docs": len(ordered),
        "shards": grams.shards,
        "maxLen": settings.max_len,
        "minDocs": settings.min_docs,
        "years": facets["years"],
        "provinces": facets["provinces"],
        "themes": facets["themes"],
    }
    written += write_json_bin(out / "t2s.bin", t2s_pairs())
    return written + write_json_bin(out / "meta.bin", meta)


def t2s_pairs() -> str:
    """The traditional → simplified table of ``normalise`` for the browser: pairs of characters,
    each traditional character followed by its simplified form (about 4,600 pairs, 16 KB gzip)."""
    return "".join(chr(t) + chr(s) for t, s in sorted(char_map().items()))


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
    out = prepare_index_dir(site_dir)
    # The article records are written on another thread while numpy counts (it releases the GIL).
    with ThreadPoolExecutor(max_workers=1) as background:
        records = background.submit(write_doc_records, ordered, out)
        grams = write_gram_shards(
            [d.url for d in ordered], (d.indexed_text() for d in ordered), out, settings
        )
        written = grams.bytes + records.result()
    written += write_meta(ordered, out, grams, settings, theme_order)
    return index_stats(grams, written, time.perf_counter() - started)


def index_stats(
    grams: GramShards, written: int, seconds: float, *, background: bool = False
) -> IndexStats:
    """``written``: every compressed byte of the index; ``background``: ``grams`` were written
    by a child process, whose time does not count in ``seconds``."""
    return IndexStats(
        docs=len(grams.urls),
        keys=grams.keys,
        postings=grams.postings,
        shards=grams.shards,
        bytes=written,
        seconds=seconds,
        background_seconds=grams.seconds if background else None,
        background_peak_mb=grams.peak_mb if background else None,
    )
