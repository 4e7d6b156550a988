"""Document postings for the n-grams of many texts, counted with numpy.

Which grams are kept: every 1-gram and 2-gram, and every longer gram (up to ``max_len``) that
occurs in at least ``min_docs`` texts. A longer gram is only counted where both of its
(n-1)-grams were kept (a gram can be frequent only if its parts are), so the work shrinks
quickly with n. Each level is one sort of packed integers: ``key << pbits | position``, where
the key of an n-gram is the rank of its (n-1)-gram prefix and the id of its last character —
exact, no hashing. Two shortcuts: characters are counted field by field with ``bincount`` (a
character's rank follows from its id), and an (n-1)-gram that is always followed by the same
character yields its n-gram without sorting (same positions, documents and weights, and the same
id in the per-position id array, which is then left as it is) — formulaic text is full of them.

For each kept gram the table holds its postings: document numbers (ascending) and a weight byte
``min(tf, 127) << 1 | in_title`` (tf = occurrences, overlapping ones included). A gram of 3+
characters found in exactly as many documents as its first (last) n-1 characters is found in
exactly those documents: it is marked SAME_AS_PREFIX (SUFFIX) and lists no documents, only its
weights when they differ (WEIGHTS). In formulaic text most long grams are such marks, which keeps
the index small although every frequent string up to ``max_len`` characters is in it.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from scraper.search.normalise_text import FIELD_SEPARATOR

U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]

# The output of one level: keys, counts, modes, documents, weights, hashes (see GramTable).
Part = tuple[list[str], I64, npt.NDArray[np.int8], U32, npt.NDArray[np.uint8], U32]

FNV_OFFSET = 2166136261
FNV_PRIME = 16777619

POSTINGS = 0  # the gram's own postings follow
SAME_AS_PREFIX = 1  # found in exactly the documents of its first n-1 characters
SAME_AS_SUFFIX = 2  # found in exactly the documents of its last n-1 characters
WEIGHTS = 4  # flag on SAME_AS_*: the gram's own weights are listed (its documents are not)

# Bins per bincount when counting characters field by field (8 bytes each).
CHARACTER_BINS = 1 << 22

# What becomes of an (n-1)-gram's positions at length n (see _level).
_STAYS, _GROWS, _ENDS = 0, 1, 2


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
    doc_title: npt.NDArray[np.unsignedinteger[Any]]  # document number << 1 | 1 if in a title


def _corpus(texts: Iterable[str]) -> _Corpus:
    """Each text is ``title + SEP + body``; positions run over ``text + SEP`` for every text.
    The separator gets character id 0 (the lowest code point), so ``cid == 0`` ends a field."""
    joined = "".join(t + FIELD_SEPARATOR for t in texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4")
    del joined
    ends = np.flatnonzero(cp == 0).astype(np.int32)  # two separators per text
    segments = np.diff(np.concatenate(([-1], ends))).astype(np.int64)
    # segment 2k is text k's title, 2k + 1 its body
    dtype = np.uint16 if segments.size < 1 << 16 else np.uint32
    doc_title = np.repeat(
        ((np.arange(segments.size) // 2 << 1) | (np.arange(segments.size) % 2 == 0)).astype(dtype),
        segments,
    )
    chars = np.flatnonzero(np.bincount(cp)).astype(np.uint32) if cp.size else np.zeros(1, np.uint32)
    cid_type = np.uint16 if chars.size < 1 << 16 else np.uint32
    table = np.zeros(int(chars[-1]) + 1, dtype=cid_type)
    table[chars] = np.arange(chars.size, dtype=cid_type)
    return _Corpus(table[cp], chars, doc_title)


def _sorted_positions(
    key: npt.NDArray[np.uint64], where: npt.NDArray[np.int32], size: int
) -> tuple[npt.NDArray[np.unsignedinteger[Any]], npt.NDArray[np.int32]]:
    """Keys ascending (as uint32 when they fit) with their positions (ascending within a key).

    Consumes ``key`` and ``where`` (emptied once packed into ``key``: at 2-grams each is as long
    as the text, and this is the counting's peak of memory)."""
    pbits = _bits(size)
    kbits = _bits(int(key.max())) if key.size else 1
    if kbits + pbits <= 64 and pbits <= 31:
        key <<= np.uint64(pbits)
        np.bitwise_or(key, where, out=key, dtype=np.uint64, casting="unsafe")  # no uint64 copy
        if where.flags.owndata:
            where.resize(0, refcheck=False)
        key.sort()
        positions = key.astype(np.uint32)  # the low 32 bits hold the position (pbits <= 31)
        positions &= np.uint32((1 << pbits) - 1)
        key >>= np.uint64(pbits)
        return (key.astype(np.uint32) if kbits <= 32 else key), positions.view(np.int32)
    order = np.argsort(key, kind="stable")
    return key[order], where[order]


def _where(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int32]:
    """``np.flatnonzero`` as int32, a block at a time (its int64 result would be twice as large;
    an array of all positions to pick from would stay in memory)."""
    block = 1 << 22
    found = [
        np.flatnonzero(mask[start : start + block]).astype(np.int32) + np.int32(start)
        for start in range(0, mask.size, block)
    ]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)


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
    """The kept grams of one length, ranked in key order.

    Where they occur is in the id array (one per position, shared by all lengths): a gram's id
    is given when the gram is sorted, and a chained gram (see _level) keeps its (n-1)-gram's id,
    so its positions need no rewriting.
    """

    ids: npt.NDArray[np.int32]  # the id of each rank
    rank_of_id: npt.NDArray[np.int32]  # the rank of each id given so far, else -1; then one -1
    strings: list[str]
    hashes: npt.NDArray[np.uint64]
    df: I64
    weights: npt.NDArray[np.uint8]  # weight bytes of every kept gram's postings, gram after gram
    starts: I64  # where each kept gram's weights start
    follows: npt.NDArray[np.int32] | None = None  # see _follows


def _ranges(starts: I64, sizes: I64) -> I64:
    """start, start + 1, …, start + size - 1 for every (start, size), one range after another:
    where each gram's weights lie, to gather several grams' weights at once."""
    offsets = np.cumsum(sizes) - sizes
    return np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(offsets - starts, sizes)


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
    mine = weights[_ranges(starts[same], sizes)]
    theirs = prev.weights[_ranges(prev.starts[ref[same]], sizes)]
    equal = np.logical_and.reduceat(mine == theirs, np.cumsum(sizes) - sizes)
    modes[same] = np.where(equal, mode, mode | WEIGHTS)


def count_grams(texts: Iterable[str], *, min_docs: int, max_len: int) -> GramTable:
    """Postings of the kept n-grams (1 ≤ n ≤ max_len) of ``texts`` (see the module docstring)."""
    c = _corpus(texts)
    parts: list[Part] = []
    level: _Level | None = None
    # One gram id per position (see _Level), updated level after level (a fresh array per level
    # would cost memory and page faults).
    gram_ids = np.empty(c.cid.size, dtype=np.int32)
    for n in range(1, max_len + 1):
        result = _level(c, n, level, min_docs, gram_ids, last=n == max_len)
        if result is None:
            break
        level, new_parts = result
        parts.extend(new_parts)
        _return_freed_memory()
    return GramTable(
        keys=[k for part in parts for k in part[0]],
        counts=_cat([p[1] for p in parts], np.int64),
        modes=_cat([p[2] for p in parts], np.int8),
        docs=_cat([p[3] for p in parts], np.uint32),
        weights=_cat([p[4] for p in parts], np.uint8),
        hashes=_cat([p[5] for p in parts], np.uint32),
    )


def _return_freed_memory() -> None:
    """Give the heap pages freed by a length back to the system. After a large array is freed,
    glibc serves later ones of that size from its heap and keeps their pages: counting 10,000
    articles held 590–610 MB between lengths without this, 340–480 MB with it."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # glibc only
    except (OSError, AttributeError):
        return None


def _cat(arrays: list[Any], dtype: Any) -> Any:
    return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)


def _level(
    c: _Corpus,
    n: int,
    prev: _Level | None,
    min_docs: int,
    gid: npt.NDArray[np.int32],
    last: bool,
) -> tuple[_Level, list[Part]] | None:
    """The kept n-grams, from the kept (n-1)-grams in ``prev`` (their ids in ``gid``, updated).

    A kept (n-1)-gram that always continues with the same character c ("follows") makes one
    n-gram, gram + c, with its very positions, documents and weights: such grams skip the sort
    (formulaic text is full of them). The others are counted by sorting their positions.
    """
    if prev is None:
        return _unigrams(c, gid)
    size = c.cid.size
    cbits = _bits(c.chars.size)
    # The fate of each (n-1)-gram's positions: chained grams keep them (and their id); grams
    # that may grow are sorted again where a character follows and the (n-1)-gram after them is
    # kept too; the positions of the others end here.
    grows = prev.df >= (1 if n == 2 else min_docs)
    chained = np.zeros(0, dtype=np.int64)  # ranks of (n-1)-grams that always continue alike
    if prev.follows is not None:
        chained = np.flatnonzero(prev.follows >= 0)
        grows &= prev.follows < 0
    fate = np.full(prev.rank_of_id.size, _STAYS, dtype=np.uint8)  # the last entry: id -1
    fate[prev.ids[grows]] = _GROWS
    ending = prev.ids[~grows]  # too rare to grow (only 2-grams can be kept that rare)
    ending = ending[prev.follows[~grows] < 0] if prev.follows is not None else ending
    fate[ending] = _ENDS
    fate_here = fate[gid[: size - n + 1]]
    where = _where(fate_here == _GROWS)
    ends = _where(fate_here == _ENDS) if ending.size else ending
    del fate_here
    # (gathers from shifted views: ``where + k`` would be one more array as long as ``where``)
    ok = c.cid[n - 1 :][where] != 0  # the separator (id 0) ends a field
    ok &= gid[1:][where] >= 0
    ends = np.concatenate((ends, where[~ok]))
    where = where[ok]
    del ok
    key = prev.rank_of_id.astype(np.uint64)[gid[where]]  # (-1 entries: ids not gathered here)
    key <<= np.uint64(cbits)
    key |= c.cid[n - 1 :][where]
    if where.size == 0 and chained.size == 0:
        return None
    key_s, pos_s = _sorted_positions(key, where, size)
    del key, where
    doc_title = c.doc_title[pos_s]  # one gather instead of two
    new_key = _changes(key_s)
    pair = np.flatnonzero(new_key | _changes(doc_title >> 1)).astype(np.int32)
    pair_doc = (doc_title[pair] >> 1).astype(np.uint32)
    in_title = np.bitwise_or.reduceat(doc_title & 1, pair).astype(np.uint8)
    del doc_title
    tf = np.diff(np.append(pair, np.int32(key_s.size)))
    pair_key = key_s[pair]
    del key_s
    first = np.flatnonzero(_changes(pair_key))
    df = np.diff(np.append(first, pair_key.size))
    kept = df >= (1 if n <= 2 else min_docs)
    # Read the ids of the (n-1)-grams one character on before rewriting any position's id.
    suffix = prev.rank_of_id[gid[pos_s[pair[first[kept]]] + 1]].astype(np.int64)
    first_id = prev.rank_of_id.size - 1
    new_id = np.full(kept.size, -1, dtype=np.int32)
    new_id[kept] = first_id + np.arange(int(kept.sum()), dtype=np.int32)
    ids = np.concatenate((new_id[kept], prev.ids[chained]))
    gid[ends] = -1
    del ends
    ranks = np.cumsum(new_key, dtype=np.int32)  # 1 + index of each position's gram
    del new_key
    ranks -= 1
    gid[pos_s] = new_id[ranks]  # (``take`` into ``ranks`` itself would copy it first)
    del ranks
    kept_keys = pair_key[first][kept]
    last_char = c.chars[(kept_keys & np.uint64((1 << cbits) - 1)).astype(np.int64)]
    kept_df = df[kept].astype(np.int64)
    weights = ((np.minimum(tf, 127) << 1) | in_title).astype(np.uint8)[np.repeat(kept, df)]
    starts = np.concatenate(([0], np.cumsum(kept_df)[:-1])).astype(np.int64)
    modes = np.zeros(kept_keys.size, dtype=np.int8)
    parent = (kept_keys >> np.uint64(cbits)).astype(np.int64)
    parent_hash = prev.hashes[parent]
    strings = [prev.strings[p] + chr(int(x)) for p, x in zip(parent, last_char, strict=True)]
    if n >= 3:
        _mark(modes, kept_df, starts, weights, prev, suffix, SAME_AS_SUFFIX)
        _mark(modes, kept_df, starts, weights, prev, parent, SAME_AS_PREFIX)
    hashes = _extend_hash(parent_hash, last_char)
    has_weights = (modes == POSTINGS) | ((modes & WEIGHTS) != 0)
    own_docs = np.repeat(modes == POSTINGS, kept_df)
    own_weights = np.repeat(has_weights, kept_df)
    counts = np.where(has_weights, kept_df, 0)
    kept_pairs = np.repeat(kept, df)
    parts: list[Part] = [
        (
            strings,
            counts.astype(np.int64),
            modes,
            pair_doc[kept_pairs][own_docs],
            weights[own_weights],
            hashes.astype(np.uint32),
        )
    ]
    if chained.size:
        # gram + c: the documents and weights of gram, marked SAME_AS_PREFIX
        assert prev.follows is not None
        follow_char = c.chars[prev.follows[chained]]
        chain_hashes = _extend_hash(prev.hashes[chained], follow_char)
        chain_strings = [
            prev.strings[g] + chr(int(x)) for g, x in zip(chained, follow_char, strict=True)
        ]
        chain_df = prev.df[chained]
        chain_weights = prev.weights[_ranges(prev.starts[chained], chain_df)]
        parts.append(
            (
                chain_strings,
                np.zeros(chained.size, dtype=np.int64),
                np.full(chained.size, SAME_AS_PREFIX, dtype=np.int8),
                np.zeros(0, dtype=np.uint32),
                np.zeros(0, dtype=np.uint8),
                chain_hashes.astype(np.uint32),
            )
        )
        strings = strings + chain_strings
        hashes = np.concatenate((hashes, chain_hashes))
        kept_df = np.concatenate((kept_df, chain_df))
        weights = np.concatenate((weights, chain_weights))
        starts = np.concatenate(([0], np.cumsum(kept_df)[:-1])).astype(np.int64)
    rank_of_id = np.full(first_id + int(kept.sum()) + 1, -1, dtype=np.int32)
    rank_of_id[ids] = np.arange(ids.size, dtype=np.int32)
    follows = None if last else _follows(c, n, gid, ids, kept_df, min_docs)
    return _Level(ids, rank_of_id, strings, hashes, kept_df, weights, starts, follows), parts


def _character_counts(c: _Corpus) -> tuple[npt.NDArray[np.uint64], I64]:
    """How often each character occurs in each field: ``char id << dbits | document << 1 |
    in_title`` ascending, with the counts.

    Fields lie in position order, so a run of fields is counted with one ``bincount`` over
    (field, character) — cheaper than sorting every position. Separators (id 0) are left out.
    """
    chars = c.chars.size
    if c.cid.size == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    fields = int(c.doc_title[-1]) + 1
    span = max(1, CHARACTER_BINS // chars)  # fields per bincount
    edges = np.searchsorted(c.doc_title, np.arange(0, fields + span, span))
    keys, counts = [], []
    for number, (start, end) in enumerate(pairwise(edges)):
        local = c.doc_title[start:end].astype(np.int64)
        local -= number * span
        local *= chars
        local += c.cid[start:end]
        tally = np.bincount(local, minlength=span * chars)
        found = np.flatnonzero(tally)
        found = found[found % chars != 0]
        keys.append((found % chars) << _bits(fields - 1) | (found // chars + number * span))
        counts.append(tally[found])
    key = np.concatenate(keys).astype(np.uint64)
    order = np.argsort(key)
    return key[order], np.concatenate(counts)[order]


def _unigrams(c: _Corpus, gid: npt.NDArray[np.int32]) -> tuple[_Level, list[Part]] | None:
    """Every character, counted per field without sorting positions (a character's rank is
    found from its id)."""
    pair_key, tf = _character_counts(c)
    if pair_key.size == 0:
        return None
    dbits = _bits(int(c.doc_title[-1]))
    pair = np.flatnonzero(_changes(pair_key >> np.uint64(1)))  # title and body of one document
    tf = np.add.reduceat(tf, pair)
    in_title = np.bitwise_or.reduceat((pair_key & np.uint64(1)).astype(np.uint8), pair)
    pair_key = pair_key[pair]
    pair_char = (pair_key >> np.uint64(dbits)).astype(np.int64)
    pair_doc = ((pair_key >> np.uint64(1)) & np.uint64((1 << (dbits - 1)) - 1)).astype(np.uint32)
    first = np.flatnonzero(_changes(pair_char))
    df = np.diff(np.append(first, pair_char.size)).astype(np.int64)
    ids = pair_char[first]
    rank_of = np.full(c.chars.size, -1, dtype=np.int32)
    rank_of[ids] = np.arange(ids.size, dtype=np.int32)
    np.take(rank_of, c.cid, out=gid)
    chars = c.chars[ids]
    strings = [chr(int(x)) for x in chars]
    hashes = _extend_hash(np.full(ids.size, FNV_OFFSET, dtype=np.uint64), chars)
    weights = ((np.minimum(tf, 127) << 1) | in_title).astype(np.uint8)
    starts = np.concatenate(([0], np.cumsum(df)[:-1])).astype(np.int64)
    modes = np.zeros(ids.size, dtype=np.int8)
    part: Part = (strings, df, modes, pair_doc, weights, hashes.astype(np.uint32))
    ranks = np.arange(ids.size, dtype=np.int32)
    level = _Level(ranks, np.append(ranks, -1), strings, hashes, df, weights, starts)
    return level, [part]


def _extend_hash(
    parent: npt.NDArray[np.uint64], char: npt.NDArray[np.uint32]
) -> npt.NDArray[np.uint64]:
    return ((parent ^ char.astype(np.uint64)) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)


def _follows(
    c: _Corpus,
    n: int,
    gid: npt.NDArray[np.int32],
    ids: npt.NDArray[np.int32],
    df: I64,
    min_docs: int,
) -> npt.NDArray[np.int32]:
    """For each kept n-gram: the id of the character that follows every one of its occurrences,
    or -1 (several characters, or an occurrence at the end of its field, or too rare to extend).

    One occurrence's next character is noted per gram, then every occurrence compared with it:
    a scatter and a gather over a small table, in position order.
    """
    size = c.cid.size
    after = c.cid[n:]  # kept n-grams end before the last separator: all have a next character
    at = gid[: size - n]
    noted = np.zeros(int(ids.max(initial=-1)) + 2, dtype=after.dtype)  # the last entry: id -1
    noted[at] = after  # whichever occurrence's write lands last
    differs = np.zeros(noted.size, dtype=bool)
    differs[at[after != noted[at]]] = True
    follow = noted[ids]
    same = ~differs[ids] & (follow != 0) & (df >= min_docs)
    return np.where(same, follow.astype(np.int32), -1).astype(np.int32)
