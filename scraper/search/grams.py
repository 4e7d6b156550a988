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
WEIGHTS = 4  # flag on SAME_AS_*: the gram's own weights are listed (its documents are not)


@dataclass(frozen=True)
class GramTable:
    keys: list[str]  # gram strings, shortest first
    counts: I64  # weights listed per key (0 for a SAME_AS_* key without the WEIGHTS flag)
    modes: npt.NDArray[np.int8]  # POSTINGS or SAME_AS_PREFIX / SAME_AS_SUFFIX (| WEIGHTS)
    docs: U32  # document numbers of POSTINGS keys, key after key, ascending within a key
    weights: npt.NDArray[np.uint8]  # min(tf, 127) << 1 | in_title, for every key with a count
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
    cid: npt.NDArray[np.unsignedinteger[Any]]  # dense character id of each position
    chars: U32  # code point of each character id
    doc: npt.NDArray[np.unsignedinteger[Any]]  # document number of each position
    title: npt.NDArray[np.uint8]  # 1 where the position is in a title
    room: npt.NDArray[np.uint8]  # characters left before the next separator (at most 255)


def _corpus(texts: Sequence[str]) -> _Corpus:
    """Each text is ``title + SEP + body``; positions run over ``text + SEP`` for every text."""
    joined = "".join(t + FIELD_SEPARATOR for t in texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4")
    del joined
    ends = np.flatnonzero(cp == 0).astype(np.int32)  # two separators per text
    segments = np.diff(np.concatenate(([-1], ends))).astype(np.int64)
    room = np.repeat(ends, segments)
    room -= np.arange(cp.size, dtype=np.int32)
    np.minimum(room, 255, out=room)
    room8 = room.astype(np.uint8)
    del room
    title = np.repeat((np.arange(segments.size) % 2 == 0).astype(np.uint8), segments)
    doc_type = np.uint16 if len(texts) < 1 << 16 else np.uint32
    numbers: npt.NDArray[np.unsignedinteger[Any]] = np.arange(len(texts), dtype=doc_type)
    doc = np.repeat(numbers, segments.reshape(-1, 2).sum(axis=1))
    chars = np.flatnonzero(np.bincount(cp)).astype(np.uint32) if cp.size else np.zeros(1, np.uint32)
    cid_type = np.uint16 if chars.size < 1 << 16 else np.uint32
    table = np.zeros(int(chars[-1]) + 1, dtype=cid_type)
    table[chars] = np.arange(chars.size, dtype=cid_type)
    return _Corpus(table[cp], chars, doc, title, room8)


def _sorted_positions(
    key: npt.NDArray[np.uint64], where: npt.NDArray[np.int32], size: int
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int32]]:
    """Keys ascending with their positions (ascending within a key); consumes ``key``."""
    pbits = _bits(size)
    if key.size and _bits(int(key.max())) + pbits <= 64 and pbits <= 31:
        key <<= np.uint64(pbits)
        key |= where.astype(np.uint64)
        key.sort()
        positions = key.astype(np.uint32)  # the low 32 bits hold the position (pbits <= 31)
        positions &= np.uint32((1 << pbits) - 1)
        key >>= np.uint64(pbits)
        return key, positions.view(np.int32)
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
    weights: npt.NDArray[np.uint8]  # weight bytes of every kept gram's postings, gram after gram
    starts: I64  # where each kept gram's weights start


def _mark(
    modes: npt.NDArray[np.int8],
    df: I64,
    starts: I64,
    weights: npt.NDArray[np.uint8],
    prev: _Level,
    ref: I64,
    mode: int,
) -> None:
    """Mark grams found in exactly the documents of their (n-1)-gram ``ref``.

    Equal document counts mean equal document sets (one contains the other). The WEIGHTS flag is
    added when the per-document weights differ, so that the gram's own weights are listed.
    """
    same = np.flatnonzero(df == prev.df[ref])
    if same.size == 0:
        return
    sizes = df[same]
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    step = np.arange(int(sizes.sum())) - np.repeat(offsets, sizes)
    mine = weights[np.repeat(starts[same], sizes) + step]
    theirs = prev.weights[np.repeat(prev.starts[ref[same]], sizes) + step]
    equal = np.logical_and.reduceat(mine == theirs, offsets)
    modes[same] = np.where(equal, mode, mode | WEIGHTS)


def count_grams(texts: Sequence[str], *, min_docs: int, max_len: int) -> GramTable:
    """Postings of the kept n-grams (1 ≤ n ≤ max_len) of ``texts`` (see the module docstring)."""
    c = _corpus(texts)
    parts: list[tuple[list[str], I64, npt.NDArray[np.int8], U32, npt.NDArray[np.uint8], U32]] = []
    level: _Level | None = None
    # One rank array over all positions, rewritten level after level (a fresh one per level would
    # cost memory and page faults); positions (0, 1, …) to pick from with a mask.
    ranks = np.empty(c.cid.size, dtype=np.int32)
    numbers = np.arange(c.cid.size, dtype=np.int32)
    for n in range(1, max_len + 1):
        result = _level(c, n, level, min_docs, ranks, numbers)
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
    c: _Corpus,
    n: int,
    prev: _Level | None,
    min_docs: int,
    gid: npt.NDArray[np.int32],
    numbers: npt.NDArray[np.int32],
) -> (
    tuple[_Level, tuple[list[str], I64, npt.NDArray[np.int8], U32, npt.NDArray[np.uint8], U32]]
    | None
):
    size = c.cid.size
    cbits = _bits(c.chars.size)
    if prev is None:
        where = numbers[c.room >= 1]
        key = c.cid[where].astype(np.uint64)
    else:
        mask = c.room[: size - n + 1] >= n
        mask &= prev.gid[: size - n + 1] >= 0
        mask[:-1] &= prev.gid[1 : size - n + 1] >= 0
        where = numbers[: size - n + 1][mask]
        del mask
        key = prev.gid[where].astype(np.uint64)
        key <<= np.uint64(cbits)
        key |= c.cid[where + (n - 1)]
    if where.size == 0:
        return None
    key_s, pos_s = _sorted_positions(key, where, size)
    del key, where
    doc_s = c.doc[pos_s]
    new_key = _changes(key_s)
    pair = np.flatnonzero(new_key | _changes(doc_s)).astype(np.int32)
    pair_doc = doc_s[pair]
    del doc_s
    tf = np.diff(np.append(pair, np.int32(key_s.size)))
    in_title = np.maximum.reduceat(c.title[pos_s], pair)
    pair_key = key_s[pair]
    first = np.flatnonzero(_changes(pair_key))
    df = np.diff(np.append(first, pair_key.size))
    kept = df >= (1 if n <= 2 else min_docs)
    rank = (np.cumsum(kept) - 1).astype(np.int32)
    rank[~kept] = -1
    # The rank array still holds the (n-1)-gram ranks: read what is needed from it, then rewrite.
    suffix = gid[pos_s[pair[first[kept]]] + 1].astype(np.int64) if prev is not None else None
    gid.fill(-1)
    gid[pos_s] = rank[np.cumsum(new_key, dtype=np.int32) - 1]
    kept_keys = pair_key[first][kept]
    last_char = c.chars[(kept_keys & np.uint64((1 << cbits) - 1)).astype(np.int64)]
    kept_df = df[kept].astype(np.int64)
    weights = ((np.minimum(tf, 127) << 1) | in_title).astype(np.uint8)[np.repeat(kept, df)]
    starts = np.concatenate(([0], np.cumsum(kept_df)[:-1])).astype(np.int64)
    modes = np.zeros(kept_keys.size, dtype=np.int8)
    if prev is None:
        parent_hash = np.full(kept_keys.size, FNV_OFFSET, dtype=np.uint64)
        strings = [chr(int(x)) for x in last_char]
    else:
        parent = (kept_keys >> np.uint64(cbits)).astype(np.int64)
        parent_hash = prev.hashes[parent]
        strings = [prev.strings[p] + chr(int(x)) for p, x in zip(parent, last_char, strict=True)]
        if n >= 3 and suffix is not None:
            _mark(modes, kept_df, starts, weights, prev, suffix, SAME_AS_SUFFIX)
            _mark(modes, kept_df, starts, weights, prev, parent, SAME_AS_PREFIX)
    hashes = ((parent_hash ^ last_char.astype(np.uint64)) * np.uint64(FNV_PRIME)) & np.uint64(
        0xFFFFFFFF
    )
    has_weights = (modes == POSTINGS) | ((modes & WEIGHTS) != 0)
    own_docs = np.repeat(modes == POSTINGS, kept_df)
    own_weights = np.repeat(has_weights, kept_df)
    counts = np.where(has_weights, kept_df, 0)
    kept_pairs = np.repeat(kept, df)
    part = (
        strings,
        counts.astype(np.int64),
        modes,
        pair_doc[kept_pairs][own_docs],
        weights[own_weights],
        hashes.astype(np.uint32),
    )
    level = _Level(gid, strings, hashes, kept_df, weights, starts)
    return level, part
