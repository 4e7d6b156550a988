"""The search index of one site build, in two steps around the page conversion.

The n-gram shards need only the articles' text: :meth:`SiteIndex.start` takes them from the
cache (keyed by every article's URL and text and the index code and settings) or has the build's
worker count them while pages are converted. :meth:`SiteIndex.finish` writes what needs the
converted pages (each article's heading anchors) and the facets, and joins the count.

The shards are corpus-wide (a gram of three or more characters is kept when enough articles
contain it), so any change to the articles counts them again; that work is in the worker, beside
the conversion, and a warm build with nothing changed links the cached files.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import asdict
from pathlib import Path

from scraper.analysis.facts import code_digest
from scraper.analysis.offload import Offload
from scraper.search.build import (
    GramShards,
    IndexSettings,
    IndexStats,
    index_stats,
    order_docs,
    prepare_index_dir,
    write_doc_records,
    write_gram_shards,
    write_meta,
)
from scraper.search.documents import SearchDoc
from scraper.search.index_format import INDEX_DIR

# Below this many articles the build counts the grams itself: starting the worker would cost
# about as much as the count.
OFFLOAD_MIN = 1000

# The modules whose code decides the shards' bytes.
_CODE = ("build.py", "grams.py", "index_format.py", "normalise_text.py")


class SiteIndex:
    """``site_dir/search-index/`` for one build."""

    def __init__(
        self,
        site_dir: Path,
        content_key: str,
        docs: Callable[[], Sequence[SearchDoc]],
        settings: IndexSettings,
        cache_dir: Path | None,
        offload: Offload | None,
    ) -> None:
        """Start. ``content_key`` changes whenever an article's URL, date or text does;
        ``docs`` (no anchors needed) is called only when the cache does not have the shards."""
        started = time.perf_counter()
        self._settings = settings
        self._out = prepare_index_dir(site_dir)
        self.cached = False
        self._grams: GramShards | Future[GramShards]
        key = hashlib.sha256(
            f"{settings!r}{code_digest('scraper.search', _CODE)}{content_key}".encode()
        )
        store = cache_dir / f"search-{key.hexdigest()[:20]}" if cache_dir else None
        if store is not None and (grams := _read_cached(store)) is not None:
            _link_tree(store / "shards", self._out / "shards")
            self._grams, self.cached = grams, True
            self._seconds = time.perf_counter() - started
            return
        ordered = order_docs(docs())
        urls = [d.url for d in ordered]
        texts = [d.indexed_text() for d in ordered]
        target = store.with_name(store.name + f".tmp{os.getpid()}") if store else self._out
        if store is not None:
            shutil.rmtree(target, ignore_errors=True)
            (target / "shards").mkdir(parents=True)
        self._store, self._target = store, target
        if offload is not None and len(urls) >= OFFLOAD_MIN:
            self._grams = offload.submit(write_gram_shards, urls, texts, target, settings)
        else:
            self._grams = write_gram_shards(urls, texts, target, settings)
        self._seconds = time.perf_counter() - started

    def finish(self, docs: Sequence[SearchDoc], theme_order: Sequence[str] = ()) -> IndexStats:
        """Write the per-article records (with anchors) and the facets; join the shards. If
        ``docs`` are not the articles the shards were counted for (another plugin took a page
        out of the build meanwhile), count them again here."""
        started = time.perf_counter()
        ordered = order_docs(docs)
        written = write_doc_records(ordered, self._out)
        background = isinstance(self._grams, Future)
        grams = self._grams.result() if isinstance(self._grams, Future) else self._grams
        if not self.cached and self._store is not None:
            _keep(self._target, self._store, grams)
            _link_tree(self._store / "shards", self._out / "shards")
        if grams.urls != tuple(d.url for d in ordered):
            shutil.rmtree(self._out / "shards")
            (self._out / "shards").mkdir()
            texts = (d.indexed_text() for d in ordered)
            grams = write_gram_shards([d.url for d in ordered], texts, self._out, self._settings)
            background = self.cached = False
        written += grams.bytes + write_meta(ordered, self._out, grams, self._settings, theme_order)
        seconds = self._seconds + time.perf_counter() - started  # the time this process spent
        return index_stats(grams, written, seconds, background=background)


def _read_cached(store: Path) -> GramShards | None:
    try:
        data = json.loads((store / "grams.json").read_text(encoding="utf-8"))
        return GramShards(**{**data, "urls": tuple(data["urls"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _keep(target: Path, store: Path, grams: GramShards) -> None:
    """Make the freshly counted shards the cache (write, then rename); drop older ones."""
    (target / "grams.json").write_text(json.dumps(asdict(grams)), encoding="utf-8")
    shutil.rmtree(store, ignore_errors=True)
    os.replace(target, store)
    for old in store.parent.glob("search-*"):
        if old != store:
            shutil.rmtree(old, ignore_errors=True)


def _link_tree(source: Path, dest: Path) -> None:
    """The cached files in the site: hard links where the file system allows, else copies."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        try:
            os.link(path, dest / path.name)
        except OSError:
            shutil.copyfile(path, dest / path.name)


__all__ = ["INDEX_DIR", "SiteIndex"]
