"""Convert a page as MkDocs' build does: in a helper process (handing the result back), or for a
page the hooks add after MkDocs converted the others.

The one module of the package that works with MkDocs' own page objects: the helper must give
exactly what ``Page.render`` gives in the build (hooks/convert.py and hooks/archive.py use it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.toc import TableOfContents


@dataclass(frozen=True)
class Converted:
    """What ``Page.render`` leaves on a page, and what it logged."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    messages: list[tuple[str, int, str]]  # logger name, level, message

    def apply(self, page: Page, files: Files) -> str:
        """Put the conversion on ``page`` (converted from an empty text in the build), log its
        messages there (``--strict`` counts the warnings); returns the HTML."""
        for name, level, message in self.messages:
            logging.getLogger(name).log(level, message)
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchors
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                linked: links
                for uri, links in self.links_to_anchors.items()
                if (linked := files.get_file_from_path(uri)) is not None
            }
        return self.content


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def convert_page(page: Page, config: MkDocsConfig, files: Files) -> Converted:
    """In the helper: what MkDocs' build does to a new page up to its HTML (``_populate_page``
    before ``on_page_content``). MkDocs' log messages are collected, not shown: this process is
    a copy made for the helper, and the build logs them when it uses the page."""
    collect = _Collect()
    logging.getLogger("mkdocs").handlers = [collect]
    page = config.plugins.on_pre_page(page, config=config, files=files)
    render_markdown(page, config, files)
    assert page.content is not None
    links = page.links_to_anchors
    return Converted(
        page.content,
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        None if links is None else {f.src_uri: v for f, v in links.items()},
        collect.records,
    )


def render_markdown(page: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' steps from a page's source to its HTML: ``read_source``, the ``on_page_markdown``
    events, ``Page.render``."""
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=files
    )
    page.render(config, files)
