"""MkDocs hooks: decorate article pages (header, concept links, related…), fill the home page.

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
    """Fill the home page's markers (latest articles, themes, counts)."""
    build = _build(config)
    if build is None or page.file.src_uri != HOME:
        return None
    return build.home_markdown(markdown)


def on_page_content(
    html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str | None:
    """Article: header, concept links, footer. Generated listing page: its body."""
    build = _build(config)
    if build is None:
        return None
    return build.page_html(page.file.src_uri, html)


# Helpers


def _build(config: MkDocsConfig) -> SiteBuild | None:
    build = config.get(BUILD_KEY)
    return build if isinstance(build, SiteBuild) else None
