"""Document postings for the n-grams of many texts, counted with numpy.

Which grams are kept: every 1-gram and 2-gram, and every longer gram (up to ``max_len``) that
occurs in at least ``min_docs`` texts. A longer gram is only counted where both of its
(n-1)-grams were kept (a gram can be frequent only if its parts are), so the work shrinks
quickly with n. Each level is one sort of packed integers: ``key << pbits | position``, where
the key of an n-gram is the rank of its (n-1)-gram prefix and the id of its last character —
exact, no hashing.

For each kept gram the table holds its postings: document numbers (ascending) and a weight byte
``min(tf, 127) << 1 | in_title`` (tf = occurrences, overlapping ones included).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from scraper.search.text import FIELD_SEPARATOR

U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]

FNV_OFFSET = 2166136261
FNV_PRIME = 16777619

POSTINGS = 0  # the gram's own postings follow
SAME_AS_PREFIX = 1  # found in exactly the documents of its first n-1 characters
SAME_AS_SUFFIX = 2  # found in exactly the documents of its last n-1 characters


@dataclass(frozen=True)
class GramTable:
    keys: list[str]  # gram strings, shortest first
    counts: I64  # postings listed per key (0 unless its mode is POSTINGS)
    modes: npt.NDArray[np.int8]  # POSTINGS, SAME_AS_PREFIX or SAME_AS_SUFFIX
    docs: U32  # document numbers, key after key, ascending within a key
    weights: npt.NDArray[np.uint8]  # min(tf, 127) << 1 | in_title
    hashes: U32  # FNV-1a over the code points of each key (the client computes the same)


def gram_hash(text: str) -> int:
    """FNV-1a (32 bit) over code points: which shard a gram lives in."""
    h = FNV_OFFSET
    for char in text:
        h = ((h ^ ord(char)) * FNV_PRIME) & 0xFFFFFFFF
    return h


def _bits(value: int) -> int:
    return max(1, int(value).bit_length())


@dataclass
class _Corpus:
    cp: U32  # code points, texts joined, each text followed by a separator
    cid: U32  # dense character ids
    chars: U32  # code point of each character id
    doc: U32  # document number of each position
    title: npt.NDArray[np.uint8]  # 1 where the position is in the title
    room: I64  # characters left before the next separator


def _corpus(texts: Sequence[str]) -> _Corpus:
    joined = "".join(t + FIELD_SEPARATOR for t in texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4").astype(np.uint32)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    title_len = np.fromiter(
        (t.find(FIELD_SEPARATOR) % (len(t) + 1) for t in texts), dtype=np.int64, count=len(texts)
    )
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    doc = np.repeat(np.arange(len(texts), dtype=np.uint32), lengths)
    offset = np.arange(cp.size, dtype=np.int64) - starts[doc]
    title_end = title_len[doc]
    in_title = offset < title_end
    room = np.where(in_title, title_end, lengths[doc] - 1) - offset
    room[cp == 0] = 0
    chars = np.unique(cp)
    table = np.zeros(int(chars[-1]) + 1 if chars.size else 1, dtype=np.uint32)
    table[chars] = np.arange(chars.size, dtype=np.uint32)
    return _Corpus(cp, table[cp], chars, doc, in_title.astype(np.uint8), room)


def _sorted_positions(
    key: npt.NDArray[np.uint64], where: I64, size: int
) -> tuple[npt.NDArray[np.uint64], I64]:
    """Keys ascending with their positions (ascending within a key)."""
    pbits = _bits(size)
    if key.size and _bits(int(key.max())) + pbits <= 64:
        packed = (key << np.uint64(pbits)) | where.astype(np.uint64)
        packed.sort()
        return packed >> np.uint64(pbits), (packed & np.uint64((1 << pbits) - 1)).astype(np.int64)
    order = np.argsort(key, kind="stable")
    return key[order], where[order]


def _changes(*columns: npt.NDArray[np.generic]) -> npt.NDArray[np.bool_]:
    """True where any of the (sorted) columns differs from the row before (and at row 0)."""
    size = columns[0].size
    change = np.zeros(size, dtype=bool)
    if size:
        change[0] = True
    for column in columns:
        change[1:] |= column[1:] != column[:-1]
    return change


@dataclass
class _Level:
    """The kept grams of one length (ranked in key order) and where each occurs."""

    gid: npt.NDArray[np.int32]  # rank of the kept gram starting at each position, else -1
    strings: list[str]
    hashes: npt.NDArray[np.uint64]
    df: I64


def count_grams(texts: Sequence[str], *, min_docs: int, max_len: int) -> GramTable:
    """Postings of the kept n-grams (1 ≤ n ≤ max_len) of ``texts`` (see the module docstring)."""
    c = _corpus(texts)
    parts: list[tuple[list[str], I64, npt.NDArray[np.int8], U32, npt.NDArray[np.uint8], U32]] = []
    level: _Level | None = None
    for n in range(1, max_len + 1):
        result = _level(c, n, level, min_docs)
        if result is None:
            break
        level, part = result
        parts.append(part)
    return GramTable(
        keys=[k for part in parts for k in part[0]],
        counts=_cat([p[1] for p in parts], np.int64),
        modes=_cat([p[2] for p in parts], np.int8),
        docs=_cat([p[3] for p in parts], np.uint32),
        weights=_cat([p[4] for p in parts], np.uint8),
        hashes=_cat([p[5] for p in parts], np.uint32),
    )


def _cat(arrays: list[Any], dtype: Any) -> Any:
    return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)


def _level(
    c: _Corpus, n: int, prev: _Level | None, min_docs: int
) -> tuple[_Level, tuple[list[str], I64, npt.NDArray[np.int8], U32, npt.NDArray[np.uint8], U32]] | None:
    size = c.cp.size
    cbits = _bits(c.chars.size)
    if prev is None:
        where = np.flatnonzero(c.room >= 1)
        key = c.cid[where].astype(np.uint64)
    else:
        where = np.flatnonzero(c.room[: size - n + 1] >= n)
        where = where[(prev.gid[where] >= 0) & (prev.gid[where + 1] >= 0)]
        key = (prev.gid[where].astype(np.uint64) << np.uint64(cbits)) | c.cid[where + n - 1].astype(
            np.uint64
        )
    if where.size == 0:
        return None
    key_s, pos_s = _sorted_positions(key, where, size)
    doc_s = c.doc[pos_s]
    new_key = _changes(key_s)
    pair = np.flatnonzero(new_key | _changes(doc_s))
    tf = np.diff(np.append(pair, key_s.size))
    in_title = np.maximum.reduceat(c.title[pos_s], pair)
    pair_key = key_s[pair]
    first = np.flatnonzero(_changes(pair_key))
    df = np.diff(np.append(first, pair_key.size))
    kept = df >= (1 if n <= 2 else min_docs)
    rank = np.cumsum(kept) - 1
    rank[~kept] = -1
    gid = np.full(size, -1, dtype=np.int32)
    gid[pos_s] = rank[np.cumsum(new_key) - 1]
    kept_keys = pair_key[first][kept]
    last_char = c.chars[(kept_keys & np.uint64((1 << cbits) - 1)).astype(np.int64)]
    modes = np.zeros(kept_keys.size, dtype=np.int8)
    if prev is None:
        parent_hash = np.full(kept_keys.size, FNV_OFFSET, dtype=np.uint64)
        strings = [chr(int(x)) for x in last_char]
    else:
        parent = (kept_keys >> np.uint64(cbits)).astype(np.int64)
        parent_hash = prev.hashes[parent]
        strings = [prev.strings[p] + chr(int(x)) for p, x in zip(parent, last_char, strict=True)]
        if n >= 3:
            # An n-gram found in exactly as many documents as its prefix (suffix) is found in
            # exactly those documents: a mode byte says so instead of repeating the postings.
            kept_df = df[kept]
            sample = pos_s[pair[first[kept]]]
            suffix = prev.gid[sample + 1]
            modes[kept_df == prev.df[suffix]] = SAME_AS_SUFFIX
            modes[kept_df == prev.df[parent]] = SAME_AS_PREFIX
    hashes = ((parent_hash ^ last_char.astype(np.uint64)) * np.uint64(FNV_PRIME)) & np.uint64(
        0xFFFFFFFF
    )
    kept_df = df[kept].astype(np.int64)
    listed = np.zeros(df.size, dtype=bool)
    listed[np.flatnonzero(kept)[modes == POSTINGS]] = True
    pair_listed = np.repeat(listed, df)
    weight = ((np.minimum(tf, 127) << 1) | in_title)[pair_listed].astype(np.uint8)
    counts = np.where(modes == POSTINGS, kept_df, 0)
    part = (strings, counts, modes, doc_s[pair][pair_listed], weight, hashes.astype(np.uint32))
    return _Level(gid, strings, hashes, kept_df), part
