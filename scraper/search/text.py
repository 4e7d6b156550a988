"""Search normalisation and the plain text of an archived Markdown body.

What "contains" means for search (the client's ``normalise`` in ``search.js`` does the same):

1. NFKC (full-width letters and digits become ASCII, compatibility forms are folded), lower case;
2. white space and quotation marks are dropped, so 四个“机关” and 四个 机关 both contain 四个机关.

Other punctuation is kept: 监督。人大 does not contain 监督人大. A match lies inside the title or
inside the body text (paragraphs and headings in order); it never spans the two.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Quotation marks after NFKC (full-width ＂ and ＇ are already " and ' by then; vertical forms
# ﹁﹂﹃﹄ become 「」『』).
QUOTES = "\"'“”‘’„‟‚‛「」『』«»‹›〝〞〟"
_DROP = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff" + re.escape(QUOTES) + "]+")

# Separates the title from the body in the indexed text; no normalised query contains it.
FIELD_SEPARATOR = "\x00"

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_BLOCK_MARK = re.compile(r"^ {0,3}(?:>\s?|[-*+]\s+|\d+[.)]\s+)")
_INLINE = re.compile(r"\\(.)|[*_`]")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))


def normalise(text: str) -> str:
    """The form in which queries and articles are compared."""
    return _DROP.sub("", nfkc(text).lower())


NFKC_TABLE_FROM = 1000  # characters: shorter texts go to unicodedata directly


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about twice as fast on Chinese text.

    Full-width punctuation (，：（）) keeps Chinese text off NFKC's quick path, and the slow path
    costs 3 s per 10,000 articles. Mapping each character to its own NFKC form gives a string with
    the same full decomposition (each character's decomposition is that of its NFKC form); when
    that string is normalised already it is therefore the NFKC form of ``text``. Otherwise
    (combining marks to compose, say) the standard function decides.
    """
    if len(text) < NFKC_TABLE_FROM:  # a heading or a query: not worth the table's 0.2 s
        return unicodedata.normalize("NFKC", text)
    folded = text.translate(_nfkc_table())
    return (
        folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", text)
    )


@functools.cache
def _nfkc_table() -> dict[int, str]:
    """Every code point whose NFKC form differs from itself, to that form."""
    table: dict[int, str] = {}
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:  # surrogates: not characters
            continue
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char:
            table[code] = folded
    return table


def inline_text(markdown: str) -> str:
    """One line of archive Markdown as the reader sees it (escapes resolved, markup dropped)."""
    text = _LINK.sub(r"\1", markdown)
    text = _TAG.sub("", text)
    text = _INLINE.sub(lambda m: m.group(1) or "", text)
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)


@dataclass(frozen=True)
class Block:
    """A heading (level ≥ 1) or a paragraph (level 0) of an article body, as plain text."""

    level: int
    text: str


def body_blocks(markdown: str) -> tuple[Block, ...]:
    """Headings and paragraphs of a Markdown body, in order, as plain text."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(0, "".join(paragraph)))
            paragraph.clear()

    for line in markdown.splitlines():
        heading = _HEADING.match(line)
        if heading:
            flush()
            blocks.append(Block(len(heading.group(1)), inline_text(heading.group(2))))
        elif not line.strip():
            flush()
        else:
            paragraph.append(inline_text(_BLOCK_MARK.sub("", line.strip())))
    flush()
    return tuple(blocks)
