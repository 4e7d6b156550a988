"""Theme fragments rendered once and reused: the nav, the tabs and the config script.

Every Material page renders the whole navigation (twice: tabs and sidebar) and a config script.
For a page outside the nav (articles, generated listings) that HTML depends on nothing but the
links from the page to the nav's pages and to the site root, so pages whose links are the same
share one rendering. ``overrides/main.html`` asks :meth:`Fragments.get` first and renders
Material's own template (then :meth:`Fragments.keep`) only on a miss. Pages in the nav are never
cached: their nav item is active and carries their table of contents.
"""

from __future__ import annotations

from collections.abc import Sequence

from scraper.publish.urls import relative

# A path that no page lives under: its link from a page gives the page's depth (base_url).
_ROOT_PROBE = "assets/"

FragmentKey = tuple[str, ...]


def fragment_key(page_url: str, nav_urls: Sequence[str]) -> FragmentKey | None:
    """What the shared fragments of the page at ``page_url`` depend on; None for nav pages."""
    if page_url in nav_urls:
        return None
    return (relative(page_url, _ROOT_PROBE), *(relative(page_url, u or "./") for u in nav_urls))


class Fragments:
    """Rendered fragments of one build, by fragment name and :func:`fragment_key`."""

    def __init__(self) -> None:
        self._html: dict[tuple[str, FragmentKey], str] = {}

    def get(self, name: str, key: FragmentKey) -> str | None:
        return self._html.get((name, key))

    def keep(self, name: str, key: FragmentKey, html: str) -> str:
        self._html[(name, key)] = html
        return html

    def __len__(self) -> int:
        return len(self._html)
