"""MkDocs hooks: decorate article pages (concept links; header, related… once the analysis is
joined), fill the generated pages and the home page, share the theme's nav fragments, let go of
each page's HTML once it is rendered.

Thin by design: the work is in ``scraper.publish.site.SiteBuild``, created by ``hooks/archive.py``
in ``on_files`` and kept on the config object for this build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from scraper.publish.fragments import fragment_key
from scraper.publish.site import BUILD_KEY, SiteBuild

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger("rdkb")
SITEMAP_SKIPPED = (
    "no sitemap.xml: a sitemap lists absolute addresses and the site has none; "
    "set RDKB_SITE_URL or run `rdkb build --site-url https://…/` to get one"
)

# Hooks


def on_page_content(
    html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str | None:
    """Article: concept links, outside links marked (no segmentation needed yet)."""
    build = _build(config)
    if build is None:
        return None
    return build.article_body(page.file.src_uri, html)


def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation, **kwargs: Any
) -> TemplateContext | None:
    """Article: header and footer (themes, related…). Generated page: its body. Home page: its
    markers. And for overrides/main.html: the shared fragments and this page's key to them."""
    build = _build(config)
    if build is None:
        return None
    html = build.decorate(page.file.src_uri, page.content or "")
    if html is not None:
        page.content = html
    # template variables of our own, which MkDocs' TypedDict does not declare
    context["rdkb_fragments"] = build.fragments  # type: ignore[typeddict-unknown-key]
    context["rdkb_fragment_key"] = fragment_key(  # type: ignore[typeddict-unknown-key]
        page.url, [p.url for p in nav.pages]
    )
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """Drop the page's HTML body once its file's text is made: MkDocs would keep every page's
    body to the end of the build (at 10,000 articles, with headers and footers, ~350 MB)."""
    if _build(config) is not None:
        page.content = None
    return None


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    """Without a site address overrides/sitemap.xml renders nothing (MkDocs then writes no
    sitemap and logs «Template skipped»): say why, and how to get one."""
    if not config.site_url:
        log.info(SITEMAP_SKIPPED)


# Helpers


def _build(config: MkDocsConfig) -> SiteBuild | None:
    build = config.get(BUILD_KEY)
    return build if isinstance(build, SiteBuild) else None
