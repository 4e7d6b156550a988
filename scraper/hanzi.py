"""Traditional and simplified characters: the same words for regions, themes and search.

Archived text stays as it was published; only comparisons fold it. OpenCC's own binding (``opencc``,
C++) converts: phrase by phrase for analysis (:func:`to_simplified`), character by character for
search, whose matches must keep each character's place (:func:`char_map`; the browser gets the
same table from the search index, see ``scraper/search/build.py``).
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import numpy.typing as npt

# CJK unified ideographs (with extensions A–H) and the compatibility ideographs.
_RANGES = (
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xF900, 0xFB00),
    (0x20000, 0x2A6E0),
    (0x2A700, 0x2EBF0),
    (0x2EBF0, 0x2EE60),
    (0x30000, 0x323B0),
)


@functools.cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, phrase by phrase (臺灣 → 台湾, 頭髮 → 头发).

    A few characters are both a simplified character and the traditional form of another (乾 in
    乾县 becomes 干): callers that must not alter simplified text try the original first."""
    return str(_converter().convert(text)) if text else text


def as_simplified(text: str) -> str:
    """``text`` itself, or :func:`to_simplified` of it when it has traditional characters: what
    analysis (themes, keywords, related articles, regions) reads."""
    return to_simplified(text) if has_traditional(text) else text


def has_traditional(text: str) -> bool:
    """Does ``text`` hold a traditional character: one that :func:`char_map` folds and that the
    simplified standard (GB 2312) lacks? (16 characters such as 乾, 於, 後 are in both.)"""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    except UnicodeEncodeError:  # a lone surrogate
        codes = np.array([ord(ch) for ch in text if not 0xD800 <= ord(ch) < 0xE000], "<u4")
    codes = codes[codes < _TABLE_SIZE]
    return bool(_traditional()[codes].any())


_TABLE_SIZE = 0x40000


@functools.cache
def _traditional() -> npt.NDArray[np.bool_]:
    table = np.zeros(_TABLE_SIZE, dtype=np.bool_)
    for code in char_map():
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            table[code] = code < _TABLE_SIZE
    return table


@functools.cache
def char_map() -> dict[int, int]:
    """Code point → code point: each character OpenCC converts on its own to one other character,
    closed under chains (薴 → 苧 → 苎 gives 薴 → 苎) so that folding twice changes nothing."""
    chars = [chr(c) for start, end in _RANGES for c in range(start, end)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    table = {
        ord(a): ord(b)
        for a, b in zip(chars, converted, strict=True)
        if len(b) == 1 and a != b and b != "\n"
    }
    for code in table:
        seen = {code}
        while table[code] in table and table[code] not in seen:
            seen.add(table[code])
            table[code] = table[table[code]]
    return table


def fold(text: str) -> str:
    """``text`` with :func:`char_map` applied: one character for one."""
    return text.translate(char_map())
