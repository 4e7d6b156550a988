"""Chinese text helpers: jieba segmentation with the domain dictionary, plain text from Markdown.

jieba is a process-wide singleton in its own module; we use a private :class:`jieba.Tokenizer`
instead, loaded once per vocabulary (the bundled ``userdict.txt`` plus the theme keywords and
concept terms), so that 人大代表, 一府一委两院, 全过程人民民主 stay whole and tests get the same
result.
Segmentation of a large archive runs in worker processes (fork) when more than one core is free.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import multiprocessing
import os
import pickle
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

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

    @property
    def tokenizer(self) -> Any:
        if self._loaded is None:
            self._loaded = _tokenizer(self.words)
        return self._loaded

    def cut(self, text: str) -> list[str]:
        return [t for t in self.tokenizer.lcut(text, HMM=False) if t.strip()]

    def segment(self, title: str, body_text: str) -> Segmented:
        body_tokens = self.cut(body_text)
        return Segmented(
            title=Counter(t for t in self.cut(title) if is_content_word(t)),
            body=Counter(t for t in body_tokens if is_content_word(t)),
            tokens=len(body_tokens),
        )

    def fingerprint(self) -> str:
        """Changes whenever segmentation could change: jieba, the dictionary, the extra words."""
        import jieba  # imported where used: a build whose cache is warm never segments

        digest = hashlib.sha256(jieba.__version__.encode())
        with resources.as_file(resources.files("scraper") / "data" / "userdict.txt") as path:
            digest.update(path.read_bytes())
        digest.update("\n".join(self.words).encode())
        digest.update(" ".join(sorted(STOPWORDS)).encode())
        return digest.hexdigest()[:16]

    def segment_cached(
        self, items: Sequence[tuple[str, str]], cache_dir: Path | None, workers: int | None = None
    ) -> list[Segmented]:
        """Like :meth:`segment_many`, reusing results of earlier builds kept in ``cache_dir``
        (one pickle per dictionary fingerprint, holding only the current articles)."""
        if cache_dir is None:
            return self.segment_many(items, workers)
        path = cache_dir / f"segments-{self.fingerprint()}.pickle"
        cached: dict[str, Segmented] = {}
        try:
            with path.open("rb") as fh:
                loaded = pickle.load(fh)
            if isinstance(loaded, dict):
                cached = loaded
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            cached = {}
        keys = [hashlib.sha1(f"{t}\0{b}".encode()).hexdigest() for t, b in items]
        missing = [n for n, key in enumerate(keys) if key not in cached]
        fresh = self.segment_many([items[n] for n in missing], workers) if missing else []
        for n, result in zip(missing, fresh, strict=True):
            cached[keys[n]] = result
        results = [cached[key] for key in keys]
        if missing or len(cached) != len(set(keys)):
            _write_atomic(path, {key: cached[key] for key in keys})
        return results

    def segment_many(
        self, items: Sequence[tuple[str, str]], workers: int | None = None
    ) -> list[Segmented]:
        """Segment (title, body text) pairs, in worker processes when the archive is large."""
        if workers is None:
            workers = default_workers(len(items))
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [self.segment(t, b) for t, b in items]
        chunk = max(1, len(items) // (workers * 4))
        self.tokenizer  # noqa: B018 (loaded once here, not in every worker)
        ctx = multiprocessing.get_context("fork")
        global _FORKED  # read by the forked workers only; set just before forking
        _FORKED = self
        try:
            with ctx.Pool(workers) as pool:
                return pool.map(_segment_in_worker, items, chunksize=chunk)
        finally:
            _FORKED = None


_FORKED: Segmenter | None = None


def _write_atomic(path: Path, data: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob("segments-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only project still builds, just without the cache
        log.warning("cannot write the segmentation cache %s: %s", path, exc)


def _segment_in_worker(item: tuple[str, str]) -> Segmented:
    assert _FORKED is not None
    return _FORKED.segment(*item)


def default_workers(count: int) -> int:
    """Worker processes for ``count`` articles: 1 below 400, else up to 2 (env RDKB_WORKERS)."""
    configured = os.environ.get("RDKB_WORKERS")
    if configured:
        return max(1, int(configured))
    if count < 400:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def fast_block_cutter(tokenizer: Any) -> Callable[[str], list[str]]:
    """jieba's exact-mode cut without HMM for one run of Han characters, rewritten for speed.

    The same algorithm as ``jieba.Tokenizer.__cut_DAG_NO_HMM``: the maximum-probability path
    through the prefix dictionary (ties go to the longer word), consecutive single ASCII letters or
    digits merged. The DAG and the route are computed in one backward pass with each word's log
    probability computed once, which makes it about twice as fast; tests/analysis/test_text.py
    checks that it returns exactly what jieba returns. Build it after the last ``add_word``.
    """
    freq: dict[str, int] = tokenizer.FREQ
    log_total = math.log(tokenizer.total)
    log_probs: dict[str, float] = {}
    log = math.log

    def cut_block(sentence: str) -> list[str]:
        n = len(sentence)
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for start in range(n - 1, -1, -1):
            best = -math.inf
            best_end = -1
            i = start
            frag = sentence[start]
            while i < n and frag in freq:
                if freq[frag]:
                    lp = log_probs.get(frag)
                    if lp is None:
                        lp = log_probs[frag] = log(freq[frag]) - log_total
                    value = lp + score[i + 1]
                    if value >= best:
                        best, best_end = value, i
                i += 1
                frag = sentence[start : i + 1]
            if best_end < 0:
                best = log(freq.get(sentence[start]) or 1) - log_total + score[start + 1]
                best_end = start
            score[start] = best
            end[start] = best_end
        words: list[str] = []
        buf = ""
        x = 0
        while x < n:
            y = end[x] + 1
            word = sentence[x:y]
            if len(word) == 1 and _ASCII_ALNUM.match(word):
                buf += word
            else:
                if buf:
                    words.append(buf)
                    buf = ""
                words.append(word)
            x = y
        if buf:
            words.append(buf)
        return words

    return cut_block


_ASCII_ALNUM = re.compile("[a-zA-Z0-9]")


@functools.lru_cache(maxsize=4)
def _tokenizer(extra_words: tuple[str, ...]) -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with resources.as_file(resources.files("scraper") / "data" / "userdict.txt") as path:
        tokenizer.load_userdict(str(path))
    for word in extra_words:
        # a frequency high enough that the word is kept whole against its parts
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000))
    # jieba.Tokenizer.cut looks the block cutter up on the instance: use the faster equivalent
    tokenizer._Tokenizer__cut_DAG_NO_HMM = fast_block_cutter(tokenizer)
    return tokenizer
