"""What the search index reads of a built page: its heading anchors, as plain values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol


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
