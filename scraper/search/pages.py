"""SearchDocs for built pages: what the MkDocs hook hands over, as plain values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from scraper.search.documents import SearchDoc, doc_from_markdown
from scraper.search.sources import strip_front_matter


class TocItem(Protocol):
    """What we read of a table-of-contents entry (MkDocs' AnchorLink has these)."""

    @property
    def title(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def children(self) -> Sequence[TocItem]: ...


def toc_anchors(items: Iterable[TocItem]) -> list[tuple[str, str]]:
    """(heading text, anchor id) of every entry, depth first (document order)."""
    out: list[tuple[str, str]] = []
    for item in items:
        out.append((item.title, item.id))
        out.extend(toc_anchors(item.children))
    return out


@dataclass(frozen=True)
class ArticlePage:
    meta: Mapping[str, Any]  # front matter (as MkDocs parsed it)
    source: str  # the Markdown file as written (front matter + body)
    url: str  # site-relative page URL
    anchors: Sequence[tuple[str, str]]
    themes: Sequence[str] | None = None  # theme names assigned by the site, if any


def doc_from_page(page: ArticlePage) -> SearchDoc:
    body = strip_front_matter(page.source)
    return doc_from_markdown(page.meta, body, page.url, page.anchors, page.themes)
