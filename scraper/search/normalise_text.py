"""Search normalisation and the plain text of an archived Markdown body.

What "contains" means for search (the client's ``normalise`` in ``search.js`` does the same):

1. NFKC (full-width letters and digits become ASCII, compatibility forms are folded), lower case;
2. white space and quotation marks are dropped, so 四个“机关” and 四个 机关 both contain 四个机关;
3. traditional characters become simplified, one for one (監督 → 监督; ``scraper.hanzi.char_map``,
   which the index ships to the browser as ``t2s.bin``), so either form finds both.

Other punctuation is kept: 监督。人大 does not contain 监督人大. A match lies inside the title or
inside the body text (paragraphs and headings in order); it never spans the two.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scraper.hanzi import char_map

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
    if len(text) >= TABLE_FROM:  # an article: fold it by table (a heading or a query: not worth it)
        folded = _folded(text)
        if folded is not None:
            return folded
    return _standard(text)


def _standard(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower()).translate(char_map())


TABLE_FROM = 1000  # characters


def _folded(text: str) -> str | None:
    """``_standard(text)``, character by character through a table (about 5× faster on Chinese
    text, whose full-width punctuation keeps ``unicodedata`` off its quick path);
    None when the text holds a character that the table cannot fold alone (see _Folding)."""
    folding = _folding()
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if codes.max(initial=0) >= _FOLDED_BELOW:
        return None
    lengths = folding.lengths[codes]
    longest = lengths.max(initial=1)
    if longest == _CONTEXT:
        return None
    firsts = folding.firsts[codes]
    if longest <= 1:
        kept: npt.NDArray[np.uint32] = (
            firsts if lengths.min(initial=1) == 1 else firsts[lengths == 1]
        )
        return kept.tobytes().decode("utf-32-le")
    out = np.repeat(firsts, lengths)
    ends = np.cumsum(lengths, dtype=np.int64)
    for position in np.flatnonzero(lengths > 1):  # rare: …, ㎡, ℃
        expansion = folding.expansions[int(codes[position])]
        out[ends[position] - expansion.size : ends[position]] = expansion
    return out.tobytes().decode("utf-32-le")


_CONTEXT = 255  # in _Folding.lengths: the character's form depends on its neighbours


@dataclass(frozen=True)
class _Folding:
    """Each code point's normalised form: ``lengths`` (0 when dropped), its first code point
    (``firsts``) and, when longer, all of it (``expansions``).

    Folding character by character is exact when every folded character starts (fully
    decomposed) with a starter that composes with nothing before it: then NFKC of the whole is
    the NFKC forms side by side (NFKC(t) = NFKC(NFKD(t)), and no reordering or composition
    crosses such a boundary). ``lengths`` is _CONTEXT for the characters that break this —
    combining marks, the second halves of compositions (Hangul vowels and final consonants
    among them) — and for Σ, whose lower case depends on what follows it.
    """

    lengths: npt.NDArray[np.uint8]
    firsts: npt.NDArray[np.uint32]
    expansions: dict[int, npt.NDArray[np.uint32]]


@functools.cache
def _folding() -> _Folding:
    # Every character up to plane 3 (CJK extension H); U+0000 goes between them as a starter
    # that composes with nothing (and is no white space), so that a few calls normalise each
    # character on its own. Each list below holds one string per character.
    chars = [chr(c) for c in range(1, _FOLDED_BELOW) if not 0xD800 <= c <= 0xDFFF]
    joined = "\0".join(chars)
    forms = unicodedata.normalize("NFKC", joined)
    folded = _DROP.sub("", forms.lower()).split("\0")
    decomposed = unicodedata.normalize("NFKD", joined).split("\0")
    composing = {0x03A3}  # Σ is no composition's end, but its lower case depends on what follows
    composing.update(range(0x1161, 0x1176), range(0x11A8, 0x11C3))  # Hangul vowels and finals
    for char, full in zip(chars, decomposed, strict=True):
        mapping = unicodedata.decomposition(char).split() if full != char else []
        if len(mapping) == 2 and not mapping[0].startswith("<"):  # canonical: composes back
            composing.add(int(mapping[1], 16))
    lengths = np.ones(_FOLDED_BELOW, dtype=np.uint8)
    firsts = np.arange(_FOLDED_BELOW, dtype=np.uint32)
    expansions: dict[int, npt.NDArray[np.uint32]] = {}
    lengths[0xD800:0xE000] = _CONTEXT

    def starts_badly(char: str) -> bool:  # fully decomposed, begins with a mark or a second half
        first = unicodedata.normalize("NFKD", char)[0]
        return unicodedata.combining(first) != 0 or ord(first) in composing

    for char, form, fold, full in zip(chars, forms.split("\0"), folded, decomposed, strict=True):
        if fold == full == char and not (unicodedata.combining(char) or ord(char) in composing):
            continue  # most characters: left as they are
        code = ord(char)
        if any(starts_badly(c) for c in form):
            lengths[code] = _CONTEXT
            continue
        lengths[code] = len(fold)
        if fold:
            firsts[code] = ord(fold[0])
        if len(fold) > 1:
            expansions[code] = np.array([ord(c) for c in fold], dtype=np.uint32)
    # Traditional → simplified, after NFKC (a compatibility ideograph folds to its unified form
    # first): a character that folds to one character maps to that character's simplified form.
    simplified = np.arange(_FOLDED_BELOW, dtype=np.uint32)
    for trad, simp in char_map().items():
        if trad < _FOLDED_BELOW:
            simplified[trad] = simp
    firsts = simplified[firsts]
    for code, expansion in expansions.items():
        inside = np.minimum(expansion, _FOLDED_BELOW - 1)
        expansions[code] = np.where(expansion < _FOLDED_BELOW, simplified[inside], expansion)
    return _Folding(lengths, firsts, expansions)


_FOLDED_BELOW = 0x40000  # code points in the table; a text with others takes the standard path


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
