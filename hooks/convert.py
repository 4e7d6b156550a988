"""MkDocs hook: convert articles' Markdown in a helper process too (``extra.rdkb.convert_helper``).

MkDocs converts the pages one after another on one core; converting was the larger part of a
build. From ``on_files`` a forked helper converts articles from the last one backwards, exactly
as MkDocs would (the same events and ``Page.render``), while MkDocs works forwards
(``scraper.publish.sharing``). For a page the helper converted, MkDocs renders an empty text
(``on_page_markdown``, last) and ``on_page_content`` (first) puts back the helper's HTML, table of
contents, title and anchors, and logs the warnings the helper's conversion logged (so
``--strict`` counts them). The other hooks then see the page as if MkDocs had converted it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from scraper.analysis.archive import is_article_uri
from scraper.analysis.background import BackgroundError
from scraper.publish.converting import Converted, convert_page
from scraper.publish.sharing import Shared
from scraper.publish.site import OPTIONS_KEY, Options

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = get_plugin_logger("rdkb")

SHARED_KEY = "rdkb_convert_shared"  # this build's Shared, on the config
POSITIONS_KEY = "rdkb_convert_positions"  # article src_uri → task number
IN_HELPER_KEY = "rdkb_convert_in_helper"  # set in the helper's copy of the config


# Hooks


@event_priority(-50)  # after hooks/archive.py: the helper's copy of the build has its articles
def on_files(files: Files, *, config: MkDocsConfig, **kwargs: Any) -> Files | None:
    options = config.get(OPTIONS_KEY)
    if not isinstance(options, Options) or not options.convert_helper:
        return None
    articles = [f for f in files.documentation_pages() if is_article_uri(f.src_uri)]
    config[POSITIONS_KEY] = {f.src_uri: i for i, f in enumerate(articles)}

    def convert(number: int) -> Converted:  # in the helper, on its copy of the build
        config[IN_HELPER_KEY] = True
        return convert_page(Page(None, articles[number], config), config, files)

    config[SHARED_KEY] = Shared(len(articles), convert)
    return None


@event_priority(-100)  # last: the page's final Markdown is what the helper converted too
def on_page_markdown(
    markdown: str, *, page: Page, config: MkDocsConfig, **kwargs: Any
) -> str | None:
    """Claim the page for this process, or leave MkDocs an empty text if the helper has it."""
    return None if _helpers(page, config) is None else ""


@event_priority(100)  # first: the other hooks see the converted page
def on_page_content(
    html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any
) -> str | None:
    task = _helpers(page, config)  # (decided in on_page_markdown: asked again, the same)
    if task is None:
        return None
    shared, position = task
    try:
        converted = shared.result(position)
    except BackgroundError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}; run the build again") from exc
    return converted.apply(page, files)


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    shared = config.get(SHARED_KEY)
    if isinstance(shared, Shared):
        log.info("articles converted by the helper process: %d", shared.helped())
    config[SHARED_KEY] = config[POSITIONS_KEY] = None


# Helpers


def _helpers(page: Page, config: MkDocsConfig) -> tuple[Shared[Converted], int] | None:
    """The shared tasks and the page's number if the helper converts the page, else None (not
    an article, no helper, or the page is this process's to convert)."""
    shared = config.get(SHARED_KEY)
    if not isinstance(shared, Shared) or config.get(IN_HELPER_KEY):
        return None
    position = config[POSITIONS_KEY].get(page.file.src_uri)
    if position is None or shared.take(position):
        return None
    return shared, position
