"""MkDocs hook: the site search index (``search-index/``), built beside the page conversion.

Thin by design: the index is built by ``scraper.search``. The n-gram postings need only the
articles' text, so ``on_files`` (the site directory is clean by then) starts counting them in a
child process; ``on_env`` (every page converted: the tables of contents exist) adds what needs
the converted pages — each article's heading anchors and assigned themes — and joins the child.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from scraper.analysis.background import BackgroundError, Deferred
from scraper.analysis.entries import is_article_uri
from scraper.publish.site import BUILD_KEY, SiteBuild
from scraper.search import IndexSettings, SearchDoc, build_index, doc_from_markdown
from scraper.search.anchors import toc_anchors
from scraper.search.build import (
    GramShards,
    index_stats,
    order_docs,
    prepare_index_dir,
    write_doc_records,
    write_gram_shards,
    write_meta,
)
from scraper.search.index_format import INDEX_DIR
from scraper.search.sources import split_front_matter

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.search")

GRAMS_KEY = "rdkb_search_grams"  # this build's gram counting (a Deferred), on the config
SETTINGS = IndexSettings()


# Hooks


def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
    """Start counting the articles' n-grams in a child process (shards written by the child)."""
    site = _site(config)
    articles = [f for f in files.documentation_pages() if is_article_uri(f.src_uri)]
    out = prepare_index_dir(Path(config.site_dir))

    def count() -> GramShards:
        ordered = order_docs(_doc(file, site) for file in articles)  # text only: no anchors
        return write_gram_shards(
            [d.url for d in ordered], (d.indexed_text() for d in ordered), out, SETTINGS
        )

    config[GRAMS_KEY] = Deferred[GramShards, None](count)
    return None


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Write the per-article records and the facets; join the gram counting."""
    started = time.perf_counter()
    site = _site(config)
    docs = [
        _doc(file, site, with_page=True)
        for file in files.documentation_pages()
        if is_article_uri(file.src_uri) and file.page is not None
    ]
    themes = [t.name for t in site.analysis.taxonomy.themes] if site else []
    counting = config.get(GRAMS_KEY)
    config[GRAMS_KEY] = None
    ordered = order_docs(docs)
    out = Path(config.site_dir) / INDEX_DIR
    grams, written = None, 0
    if isinstance(counting, Deferred):
        written = write_doc_records(ordered, out)  # while the child may still be counting
        grams = _joined(counting, ordered)
    if grams is None:  # not started, or for other articles (e.g. a page left out of the build)
        stats = build_index(ordered, Path(config.site_dir), SETTINGS, theme_order=themes)
    else:
        written += grams.bytes + write_meta(ordered, out, grams, SETTINGS, themes)
        stats = index_stats(grams, written, time.perf_counter() - started, background=True)
    log.info(stats.summary())


# Helpers


def _site(config: MkDocsConfig) -> SiteBuild | None:
    build = config.get(BUILD_KEY)
    return build if isinstance(build, SiteBuild) else None


def _joined(
    counting: Deferred[GramShards, None], ordered: Sequence[SearchDoc]
) -> GramShards | None:
    """The child's shards if they number exactly these articles, else None."""
    try:
        grams = counting.result()
    except BackgroundError as exc:
        raise PluginError(f"search index: {exc}; run the build again") from exc
    return grams if grams.urls == tuple(d.url for d in ordered) else None


def _doc(file: File, site: SiteBuild | None, *, with_page: bool = False) -> SearchDoc:
    """An article as the index sees it: front matter and body as the site read them (else from
    the file); with the page, also its heading anchors and the themes the site assigned."""
    meta = site.article_meta(file.src_uri) if site else None
    body = site.article_markdown(file.src_uri) if site else None
    if meta is None or body is None:
        meta, body = split_front_matter(file.content_string)
    if not with_page:
        return doc_from_markdown(meta, body, file.url)
    assert file.page is not None
    info = site.analysis.info(file.src_uri) if site else None
    themes = None
    if site and info:
        themes = [site.analysis.taxonomy.get(slug).name for slug in info.themes]
    return doc_from_markdown(
        file.page.meta or meta, body, file.url, toc_anchors(file.page.toc), themes
    )
