"""The form of a line that patterns are matched against.

Real pages come in traditional characters and, on mirror sites, with pinyin glosses left by a bad
conversion (``來(lái)源``). Patterns are written once, in simplified characters; each line is
matched in its *plain* form (glosses removed) folded to simplified, one character for one, so a
match's span can be cut out of the plain text and the published characters are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scraper.hanzi import fold

# A pinyin gloss glued to the character it reads: 聯(lián), 點(diǎn).
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüɑ]{1,7}\)")


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """``text`` without pinyin glosses: what the publisher wrote."""
    return _GLOSS.sub("", text) if "(" in text else text


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The plain text folded to simplified characters; same length as :func:`plain`."""
    return fold(plain(text))


def plain_index(text: str, index: int) -> int:
    """Where character ``index`` of :func:`plain` (or :func:`key`) stands in ``text``."""
    if "(" not in text:
        return index
    removed = 0
    for gloss in _GLOSS.finditer(text):
        if gloss.start() - removed > index:
            break
        removed += gloss.end() - gloss.start()
    return index + removed
