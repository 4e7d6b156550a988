"""Chinese text helpers: jieba segmentation with the domain dictionary, plain text from Markdown.

Segmentation is jieba's exact mode without HMM, run by jieba-rs (the ``rjieba`` binding): the same
dictionary and algorithm, about ten times faster than the Python package, which set the pace of a
cold site build. tests/analysis/test_segment.py checks that it returns exactly what a
``jieba.Tokenizer`` loaded the same way returns. Each :class:`Segmenter` has a private tokenizer,
loaded once per vocabulary (the bundled ``userdict.txt`` plus the theme keywords and concept
terms), so that 人大代表, 一府一委两院, 全过程人民民主 stay whole and tests get the same result.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from typing import Any

# Words too general to say anything about an article (jieba keeps them as tokens).
STOPWORDS = frozenset(
    line.strip()
    for line in (resources.files("scraper") / "data" / "stopwords.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)
_CJK_OR_ALPHA = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_DIGITS = re.compile(r"^[\d０-９.%．]+$")

# Markdown → plain text: drop headings' hashes, links' targets, emphasis, HTML tags.
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_TAG = re.compile(r"<[^>]+>")
_MD_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|[*_`]+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown body (for segmentation, summaries and quotes)."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_TAG.sub("", text)
    text = _MD_MARK.sub("", text)
    return text.replace("\\", "")


def summary(markdown: str, limit: int = 90) -> str:
    """The first paragraphs' text, cut to about ``limit`` characters (two lines on screen)."""
    parts: list[str] = []
    size = 0
    for block in markdown.split("\n\n"):
        stripped = block.strip()
        if not stripped or stripped.startswith(("#", "<", "|", "```")):
            continue
        text = " ".join(plain_text(stripped).split())
        parts.append(text)
        size += len(text)
        if size >= limit:
            break
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 1].rstrip("，、；：,;: ") + "…"


_CJK_GAP = re.compile(r"(?<=[^\x00-\xff])\s+(?=[^\x00-\xff])")


def join_lines(text: str) -> str:
    """Join wrapped lines: no space between two Chinese characters, one space elsewhere."""
    return _CJK_GAP.sub("", " ".join(text.split()))


def reading_minutes(char_count: int, chars_per_minute: int = 400) -> int:
    """Minutes needed to read ``char_count`` Chinese characters (at least 1)."""
    return max(1, math.ceil(char_count / chars_per_minute))


def is_content_word(token: str) -> bool:
    """A token worth counting: two characters or more, has a letter, not a stopword or number."""
    return (
        len(token) >= 2
        and token not in STOPWORDS
        and _CJK_OR_ALPHA.search(token) is not None
        and _DIGITS.match(token) is None
    )


@dataclass(frozen=True)
class Segmented:
    """Content-word counts of one article (title and body apart) and its total token count."""

    title: Counter[str]
    body: Counter[str]
    tokens: int


class Segmenter:
    """A jieba tokenizer with the domain dictionary and extra words (theme keywords, concepts)."""

    def __init__(self, extra_words: Sequence[str] = ()) -> None:
        self.words = tuple(sorted(set(extra_words)))
        self._loaded: Any = None  # loaded on first use: a build whose cache is warm never needs it
        self._verdicts: dict[str, bool] = {}

    @property
    def tokenizer(self) -> Any:
        if self._loaded is None:
            self._loaded = _tokenizer(self.words)
        return self._loaded

    def cut(self, text: str) -> list[str]:
        return [t for t in self.tokenizer.cut(text, False) if t.strip()]

    def segment(self, title: str, body_text: str) -> Segmented:
        body_tokens = self.cut(body_text)
        return Segmented(
            title=self._content_words(Counter(self.cut(title))),
            body=self._content_words(Counter(body_tokens)),
            tokens=len(body_tokens),
        )

    def _content_words(self, counts: Counter[str]) -> Counter[str]:
        # Each distinct token is judged once per segmenter: an archive repeats its words.
        verdicts = self._verdicts
        kept: Counter[str] = Counter()
        for token, count in counts.items():
            verdict = verdicts.get(token)
            if verdict is None:
                verdict = verdicts[token] = is_content_word(token)
            if verdict:
                kept[token] = count
        return kept

    def fingerprint(self) -> str:
        """Changes whenever segmentation could change: jieba-rs, the dictionary, the extra words."""
        digest = hashlib.sha256(f"rjieba {metadata.version('rjieba')}".encode())
        digest.update(repr(_userdict()).encode())
        digest.update("\n".join(self.words).encode())
        digest.update(" ".join(sorted(STOPWORDS)).encode())
        return digest.hexdigest()[:16]

    def segment_many(self, items: Sequence[tuple[str, str]]) -> list[Segmented]:
        """Segment (title, body text) pairs."""
        return [self.segment(t, b) for t, b in items]


@functools.lru_cache(maxsize=4)
def _tokenizer(extra_words: tuple[str, ...]) -> Any:
    import rjieba

    tokenizer = rjieba.Jieba()  # jieba's own dictionary, built into jieba-rs
    for word, freq in _userdict():
        tokenizer.add_word(word, freq, None)
    for word in extra_words:
        # a frequency high enough that the word is kept whole against its parts
        tokenizer.add_word(word, max(tokenizer.suggest_freq(word), 1000), None)
    return tokenizer


@functools.cache
def _userdict() -> tuple[tuple[str, int | None], ...]:
    """The domain dictionary's (word, frequency) pairs, in jieba's user-dictionary format (read
    once: the tokenizer and the cache fingerprint both need them)."""
    text = (resources.files("scraper") / "data" / "userdict.txt").read_text(encoding="utf-8")
    pairs: list[tuple[str, int | None]] = []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        pairs.append((fields[0], freq))
    return tuple(pairs)
