"""MkDocs hooks: decorate article pages (header, concept links, related…) and fill the home page.

Thin by design: the work is in ``scraper.publish.site.SiteBuild``, created by ``hooks/archive.py``
in ``on_files`` and kept on the config object for this build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scraper.publish.site import BUILD_KEY, HOME, SiteBuild

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


# Hooks


def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str | None:
    """Link each concept's first mention in an article; fill the home page's markers."""
    build = _build(config)
    if build is None:
        return None
    if page.file.src_uri == HOME:
        return build.home_markdown(markdown)
    return build.article_markdown(page.file.src_uri, markdown)


def on_page_content(
    html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str | None:
    """Wrap an article's HTML in its metadata header and its related/concepts/prev-next footer."""
    build = _build(config)
    if build is None:
        return None
    return build.article_html(page.file.src_uri, html)


# Helpers


def _build(config: MkDocsConfig) -> SiteBuild | None:
    build = config.get(BUILD_KEY)
    return build if isinstance(build, SiteBuild) else None
