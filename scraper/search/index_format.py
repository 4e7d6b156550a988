"""The files of the static search index (written by build.py, read by search.js and reader.py).

All under ``<site>/search-index/``; every ``.bin`` file is gzip-compressed (the browser inflates it
with DecompressionStream, so any static server works and nothing depends on Content-Encoding):

``meta.bin``            JSON: counts, shard count, settings, vocabularies for the filters
``t2s.bin``             JSON: one string, traditional and simplified characters in pairs (the
                        folding ``normalise`` applies after NFKC, see normalise_text.py)
``facets.bin``          JSON: per document year, province, theme bitmask and author ids
``shards/<n>.bin``      the grams whose hash (gram_hash % shards) is n, with their postings
``docs/<id>.bin``       JSON: one article's url, title, date, region, authors and sections

A shard, little-endian, each part padded to 4 bytes::

    u32 nkeys, u32 width (2 or 4), u32 key_bytes
    keys          UTF-8, joined by "\\n"
    modes         u8 × nkeys       POSTINGS / SAME_AS_PREFIX / SAME_AS_SUFFIX, | WEIGHTS
    counts        u32 × nkeys      weights listed for each key
    docs          width × Σcounts of POSTINGS keys: per key the first document number, then gaps
    weights       u8 × Σcounts     min(tf, 127) << 1 | in_title

A SAME_AS_* key has the documents of its (n-1)-gram, in the same order; with WEIGHTS its own
weights are listed, else it has that gram's weights too.
"""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

INDEX_DIR = "search-index"
FORMAT_VERSION = 1


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def encode_shard(
    keys: list[str],
    modes: npt.NDArray[np.int8],
    counts: npt.NDArray[np.int64],
    gaps: npt.NDArray[np.uint32],
    weights: npt.NDArray[np.uint8],
    width: int,
) -> bytes:
    blob = "\n".join(keys).encode("utf-8")
    dtype = "<u2" if width == 2 else "<u4"
    return b"".join(
        (
            struct.pack("<III", len(keys), width, len(blob)),
            _pad(blob),
            _pad(modes.astype(np.uint8).tobytes()),
            counts.astype("<u4").tobytes(),
            _pad(gaps.astype(dtype).tobytes()),
            weights.tobytes(),
        )
    )


def decode_shard(data: bytes) -> dict[str, tuple[int, list[int], list[int]]]:
    """key → (mode, documents, weights); the Python twin of the client's parser.

    Documents are empty for SAME_AS_* keys; weights are empty unless listed."""
    nkeys, width, key_bytes = struct.unpack_from("<III", data)
    offset = 12
    keys = data[offset : offset + key_bytes].decode("utf-8").split("\n") if nkeys else []
    offset += key_bytes + (-key_bytes % 4)
    modes = list(data[offset : offset + nkeys])
    offset += nkeys + (-nkeys % 4)
    counts = np.frombuffer(data, dtype="<u4", count=nkeys, offset=offset)
    offset += 4 * nkeys
    doc_counts = np.where(np.array(modes, dtype=np.int64) == 0, counts, 0)
    total_docs, total = int(doc_counts.sum()), int(counts.sum())
    dtype = "<u2" if width == 2 else "<u4"
    gaps = np.frombuffer(data, dtype=dtype, count=total_docs, offset=offset).astype(np.int64)
    offset += width * total_docs + (-(width * total_docs) % 4)
    weights = np.frombuffer(data, dtype=np.uint8, count=total, offset=offset)
    out: dict[str, tuple[int, list[int], list[int]]] = {}
    start = doc_start = 0
    for key, mode, count, doc_count in zip(
        keys, modes, counts.tolist(), doc_counts.tolist(), strict=True
    ):
        docs = np.cumsum(gaps[doc_start : doc_start + doc_count]).tolist()
        out[key] = (mode, docs, weights[start : start + count].tolist())
        start += count
        doc_start += doc_count
    return out


def write_bin(path: Path, data: bytes) -> int:
    """Write gzip-compressed ``data``; returns the bytes written (what a browser transfers)."""
    packed = gzip.compress(data, compresslevel=6, mtime=0)
    path.write_bytes(packed)
    return len(packed)


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def write_json_bin(path: Path, value: Any) -> int:
    return write_bin(path, json_bytes(value))


def read_bin(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())
