from __future__ import annotations

import posixpath

import pytest

from scraper.publish.urls import page_url, relative, slug_path


@pytest.mark.parametrize(
    ("src", "directory", "plain"),
    [
        ("index.md", "./", "index.html"),
        ("about.md", "about/", "about.html"),
        ("themes/index.md", "themes/", "themes/index.html"),
        ("themes/x/page-2.md", "themes/x/page-2/", "themes/x/page-2.html"),
        ("regions/甘肃省/index.md", "regions/%E7%94%98%E8%82%83%E7%9C%81/", None),
        ("stats/years.svg", "stats/years.svg", "stats/years.svg"),
    ],
)
def test_page_url_follows_mkdocs(src: str, directory: str, plain: str | None) -> None:
    assert page_url(src, True) == directory
    if plain:
        assert page_url(src, False) == plain


@pytest.mark.parametrize(
    ("src", "dst", "expected"),
    [
        ("./", "themes/x/", "themes/x/"),
        ("themes/x/", "./", "../../"),
        ("themes/x/", "articles/2024/a/", "../../articles/2024/a/"),
        ("themes/x/", "themes/x/", "./"),
        ("themes/x/page-2/", "themes/x/", "../"),
        ("stats/", "stats/years.svg", "years.svg"),
        ("themes/index.html", "index.html", "../index.html"),
        ("themes/x.html", "articles/a.html", "../articles/a.html"),
    ],
)
def test_relative_links(src: str, dst: str, expected: str) -> None:
    assert relative(src, dst) == expected
    # and it agrees with resolving the link the way a browser does
    base = src if src.endswith("/") else posixpath.dirname(src) + "/"
    resolved = posixpath.normpath(posixpath.join(base, expected))
    assert resolved.strip("./") == posixpath.normpath(dst).strip("./")


def test_slug_path_keeps_chinese_and_drops_url_breakers() -> None:
    assert slug_path("王海峰") == "王海峰"
    assert slug_path("A/B?C") == "A-B-C"
    assert slug_path("  ") == "-"
