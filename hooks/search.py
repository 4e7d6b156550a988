"""MkDocs hook: write the site search index (``search-index/``) once every page is rendered.

Thin by design: the index is built by ``scraper.search``; this file only collects each article's
source, URL, heading anchors and assigned themes. ``on_env`` runs after all pages are converted
(their tables of contents exist) and after the site directory was cleaned.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scraper.analysis.archive import is_article_uri
from scraper.publish.site import BUILD_KEY, SiteBuild
from scraper.search import build_index
from scraper.search.pages import ArticlePage, doc_from_page, toc_anchors

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.search")


# Hooks


def on_env(env: Environment, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> None:
    """Build the index from every article page (sources as written, anchors from the TOC)."""
    build = config.get(BUILD_KEY)
    site = build if isinstance(build, SiteBuild) else None
    pages = [
        _article_page(file, site)
        for file in files.documentation_pages()
        if is_article_uri(file.src_uri) and file.page is not None
    ]
    order = [t.name for t in site.analysis.taxonomy.themes] if site else []
    stats = build_index((doc_from_page(p) for p in pages), Path(config.site_dir), theme_order=order)
    log.info(stats.summary())


# Helpers


def _article_page(file: File, site: SiteBuild | None) -> ArticlePage:
    """The article as plain values; themes come from the site's assignment when there is one."""
    assert file.page is not None
    info = site.analysis.info(file.src_uri) if site else None
    themes = None
    if site and info:
        themes = [site.analysis.taxonomy.get(slug).name for slug in info.themes]
    return ArticlePage(
        meta=file.page.meta,
        source=file.content_string,
        url=file.url,
        anchors=toc_anchors(file.page.toc),
        themes=themes,
    )
