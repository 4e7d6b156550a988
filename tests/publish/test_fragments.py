from __future__ import annotations

from scraper.publish.fragments import Fragments, fragment_key

NAV = ["", "themes/", "regions/", "about/"]


def test_pages_outside_the_nav_share_a_key_when_their_links_are_the_same() -> None:
    one = fragment_key("articles/2024/2024-05-19-a/", NAV)
    other = fragment_key("articles/2023/2023-01-02-b/", NAV)
    assert one is not None and one == other
    # same depth, but under a nav page's folder: its link to that page differs
    assert fragment_key("themes/legislation/page-2/", NAV) != fragment_key("regions/x/page-2/", NAV)
    assert fragment_key("themes/legislation/", NAV) != one  # another depth


def test_nav_pages_are_never_shared() -> None:
    assert fragment_key("themes/", NAV) is None
    assert fragment_key("", NAV) is None


def test_fragments_are_kept_per_name_and_key() -> None:
    fragments = Fragments()
    key = fragment_key("articles/2024/a/", NAV)
    assert key is not None
    assert fragments.get("nav", key) is None
    assert fragments.keep("nav", key, "<nav>") == "<nav>"
    assert fragments.get("nav", key) == "<nav>" and fragments.get("tabs", key) is None
    assert len(fragments) == 1
