"""Chinese text helpers: jieba segmentation with the domain dictionary, plain text from Markdown.

jieba is a process-wide singleton in its own module; we use a private :class:`jieba.Tokenizer`
instead, loaded once per vocabulary (the bundled ``userdict.txt`` plus the theme keywords and concept
terms), so that 人大代表, 一府一委两院, 全过程人民民主 stay whole and tests get the same result.
Segmentation of a large archive runs in worker processes (fork) when more than one core is free.
"""

from __future__ import annotations

import functools
import logging
import math
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jieba

log = logging.getLogger(__name__)

# Words too general to say anything about an article (jieba keeps them as tokens).
STOPWORDS = frozenset(
    ["我们", "他们", "你们", "自己", "这个", "那个", "这些", "那些", "一个", "一些", "以及", "并且", "而且", "或者", "还是", "就是", "但是", "因为", "所以", "如果", "通过", "进行", "开展", "加强", "推动", "推进", "坚持", "不断", "切实", "积极", "深入", "全面", "进一步", "持续", "充分", "有效", "努力", "重要", "主要", "相关", "有关", "方面", "工作", "问题", "情况", "要求", "提出", "实现", "作为", "成为", "发挥", "提高", "提升", "做好", "抓好", "已经", "正在", "可以", "能够", "应当", "必须", "需要", "没有", "不是", "其中", "之一", "同时", "今年", "去年", "目前", "当前", "近年来", "以来", "这样", "怎样", "如何", "什么", "为了", "对于", "关于", "根据", "按照", "围绕", "结合", "之间", "之后", "以上", "以下", "一是", "二是", "三是", "四是", "五是", "一要", "二要", "三要", "更加", "始终", "真正", "各类", "各项", "各级", "有力", "不仅", "还要", "确保", "形成", "建立", "完善", "健全", "取得", "明显", "较好", "良好", "具有", "不同", "一起", "共同", "立足", "聚焦", "注重", "强化", "着力", "扎实", "认真", "及时", "主动", "深化"]
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
        self._tokenizer: Any = _tokenizer(self.words)

    def cut(self, text: str) -> list[str]:
        return [t for t in self._tokenizer.lcut(text, HMM=False) if t.strip()]

    def segment(self, title: str, body_text: str) -> Segmented:
        body_tokens = self.cut(body_text)
        return Segmented(
            title=Counter(t for t in self.cut(title) if is_content_word(t)),
            body=Counter(t for t in body_tokens if is_content_word(t)),
            tokens=len(body_tokens),
        )

    def segment_many(
        self, items: Sequence[tuple[str, str]], workers: int | None = None
    ) -> list[Segmented]:
        """Segment (title, body text) pairs, in worker processes when the archive is large."""
        if workers is None:
            workers = default_workers(len(items))
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [self.segment(t, b) for t, b in items]
        chunk = max(1, len(items) // (workers * 4))
        ctx = multiprocessing.get_context("fork")
        global _FORKED  # read by the forked workers only; set just before forking
        _FORKED = self
        try:
            with ctx.Pool(workers) as pool:
                return pool.map(_segment_in_worker, items, chunksize=chunk)
        finally:
            _FORKED = None


_FORKED: Segmenter | None = None


def _segment_in_worker(item: tuple[str, str]) -> Segmented:
    assert _FORKED is not None
    return _FORKED.segment(*item)


def default_workers(count: int) -> int:
    """Worker processes for ``count`` articles: one below 400 articles, else up to 2 (RDKB_WORKERS)."""
    configured = os.environ.get("RDKB_WORKERS")
    if configured:
        return max(1, int(configured))
    if count < 400:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


@functools.lru_cache(maxsize=4)
def _tokenizer(extra_words: tuple[str, ...]) -> Any:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with resources.as_file(resources.files("scraper") / "data" / "userdict.txt") as path:
        tokenizer.load_userdict(str(path))
    for word in extra_words:
        # a frequency high enough that the word is kept whole against its parts
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000))
    return tokenizer
