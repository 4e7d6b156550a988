"""What the analysis learns from one article alone, cached by the article's content.

Everything here depends on one article's title and text and on the settings (dictionary, themes,
concepts, the code that computes it), never on the other articles: so it is computed once per
article and kept in ``.cache/rdkb/`` between builds. A build after a crawl that added 1% of
the articles computes 1% of the facts; what needs the whole archive (related articles, listings,
the search index) is computed from the cached facts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from scraper.analysis import themes as themes_mod
from scraper.analysis.concepts import Glossary
from scraper.analysis.offload import Offload
from scraper.analysis.quotes import Quote, find_quotes
from scraper.analysis.segment import Segmenter
from scraper.analysis.themes import Taxonomy
from scraper.hanzi import as_simplified

log = logging.getLogger(__name__)

# Below this many uncached articles the build computes them itself: starting the worker costs
# about as much as segmenting a few hundred articles.
OFFLOAD_MIN = 400

# The modules whose code decides the facts: a change to any of them invalidates the cache.
_CODE = ("facts.py", "segment.py", "themes.py", "concepts.py", "quotes.py")


@dataclass(frozen=True)
class ArticleFacts:
    """One article's content-word counts (title and body apart), theme scores, concept
    mentions and quotations. (Keywords depend on the archive: which words are common in it.)"""

    title: Mapping[str, int]
    body: Mapping[str, int]
    tokens: int
    theme_scores: Mapping[str, float]
    concepts: tuple[str, ...]  # slugs, in order of first mention
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class FactSettings:
    """What the facts depend on besides the article: plain data, sent to the worker as is."""

    taxonomy: Taxonomy
    glossary: Glossary

    def fingerprint(self) -> str:
        digest = hashlib.sha256(self.segmenter().fingerprint().encode())
        digest.update(repr((self.taxonomy, self.glossary)).encode())
        digest.update(code_digest("scraper.analysis", _CODE).encode())
        return digest.hexdigest()[:16]

    def segmenter(self) -> Segmenter:
        return Segmenter((*self.taxonomy.keywords, *self.glossary.terms))


def article_facts(items: Sequence[tuple[str, str]], settings: FactSettings) -> list[ArticleFacts]:
    """The facts of (title, plain text) pairs. Top-level and fed plain data: it also runs in
    the build's worker process."""
    segmenter = settings.segmenter()
    out = []
    for title, text in items:
        # traditional characters are read as simplified (監督 counts as 监督); text stays as written
        seg = segmenter.segment(as_simplified(title), as_simplified(text))
        out.append(
            ArticleFacts(
                title=seg.title,
                body=seg.body,
                tokens=seg.tokens,
                theme_scores=themes_mod.score(settings.taxonomy, seg.body, seg.title, seg.tokens),
                concepts=tuple(settings.glossary.mentions(title + "\n" + text)),
                quotes=tuple(find_quotes(text)),
            )
        )
    return out


def content_key(title: str, text: str) -> str:
    return hashlib.sha1(f"{title}\0{text}".encode()).hexdigest()


def cached_facts(
    items: Sequence[tuple[str, str]],
    settings: FactSettings,
    cache_dir: Path | None,
    offload: Offload | None = None,
) -> tuple[list[ArticleFacts], int, str]:
    """The facts of every (title, plain text) pair, how many were computed (not cached), and
    a key to this archive's content (every article's, in order) under these settings.

    The cache is one file per settings fingerprint holding the current articles only. With
    ``offload`` and many uncached articles, the worker computes half of them meanwhile."""
    fingerprint = settings.fingerprint()
    path = cache_dir / f"facts-{fingerprint}.pickle" if cache_dir else None
    loaded = load_cached(path) if path else None
    cached: dict[str, ArticleFacts] = loaded if isinstance(loaded, dict) else {}
    keys = [content_key(title, text) for title, text in items]
    missing = sorted({key: n for n, key in enumerate(keys) if key not in cached}.values())
    if missing:
        half = len(missing) // 2 if offload and len(missing) >= OFFLOAD_MIN else 0
        remote = (
            offload.submit(article_facts, [items[n] for n in missing[:half]], settings)
            if offload and half
            else None
        )
        local = article_facts([items[n] for n in missing[half:]], settings)
        fresh = (remote.result() if remote else []) + local
        for n, facts in zip(missing, fresh, strict=True):
            cached[keys[n]] = facts
    if path and (missing or len(cached) != len(set(keys))):
        store_cached(path, {key: cached[key] for key in keys})
    archive = hashlib.sha256(fingerprint.encode())
    for key in keys:
        archive.update(key.encode())
    return [cached[key] for key in keys], len(missing), archive.hexdigest()[:20]


def code_digest(package: str, names: Sequence[str]) -> str:
    """A digest of some modules' source: a cache made by other code is not used."""
    digest = hashlib.sha256()
    files = resources.files(package)
    for name in names:
        digest.update((files / name).read_bytes())
    return digest.hexdigest()[:16]


def load_cached(path: Path) -> object | None:
    """What :func:`store_cached` wrote at ``path``; None if missing or unreadable."""
    try:
        with path.open("rb") as fh:
            loaded: object = pickle.load(fh)
            return loaded
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError):
        return None  # no cache yet, or one this code cannot read: computed again


def store_cached(path: Path, data: object) -> None:
    """Write to a temporary file, then rename; drop the files of the same kind (the part of
    the name before the first ``-``) with other keys: only the current one is ever read."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        kind = path.name.split("-", 1)[0]
        for old in path.parent.glob(f"{kind}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only project still builds, just without the cache
        log.warning("cannot write the analysis cache %s: %s", path, exc)
