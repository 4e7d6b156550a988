"""Type queries into the header search of the site built from the bundled samples (headless
Chromium) and assert the exact set of articles returned.

The expected sets are computed here by scanning the archive's Markdown files (NFKC, lower case,
white space and quotation marks removed; a term must be inside the title or inside the body),
and for the theme filter from the site's own theme page — never from the search index.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.search.reference import ISSUE_QUERIES, reference_form
from tests.conftest import ROOT, SAMPLES, serve_directory, unescape_markdown

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]


@dataclass(frozen=True)
class Article:
    url: str  # site-root-relative page URL
    title: str  # normalised
    body: str  # normalised


# An article in traditional characters (our own writing): 监督 must find it (issue 12).
TRADITIONAL_SRC = "articles/2024/2024-06-18-traditional.md"
TRADITIONAL_ARTICLE = """---
title: 縣人大常委會開展專題監督
date: 2024-06-18
site: 樣例人大網
url: https://rd.example/trad/1.html
---

縣人大常委會組織部分代表，對全縣農村飲水安全工作開展專題監督，聽取縣水利局的情況彙報。

代表們建議加強水源地保護，完善管護機制，讓群眾喝上放心水。
"""


@dataclass(frozen=True)
class SampleSite:
    docs: Path
    out: Path


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> SampleSite:
    root = tmp_path_factory.mktemp("samples-site")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("overrides", "hooks"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("articles", ".rdkb")
    )
    run = functools.partial(subprocess.run, cwd=root, capture_output=True, text=True, timeout=600)
    imported = run([sys.executable, "-m", "scraper", "import", str(SAMPLES), "--docs", "docs"])
    assert imported.returncode == 0, imported.stderr
    traditional = root / "docs" / TRADITIONAL_SRC
    traditional.parent.mkdir(parents=True, exist_ok=True)
    traditional.write_text(TRADITIONAL_ARTICLE, encoding="utf-8")
    built = run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-d", "out"])
    assert built.returncode == 0, built.stderr
    return SampleSite(docs=root / "docs", out=root / "out")


def _articles(docs: Path) -> list[Article]:
    found = []
    for path in sorted((docs / "articles").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        body = re.sub(r"^#{1,6}\s+", "", body, flags=re.MULTILINE)
        url = path.relative_to(docs).with_suffix("").as_posix() + "/"
        found.append(
            Article(
                url, reference_form(str(meta["title"])), reference_form(unescape_markdown(body))
            )
        )
    return found


def _expected(articles: list[Article], query: str) -> set[str]:
    terms = [reference_form(t) for t in query.split()]
    return {a.url for a in articles if all(t in a.title or t in a.body for t in terms)}


def _theme_articles(out: Path, slug: str) -> set[str]:
    """Articles listed on the site's own theme page (all its pages)."""
    found = set()
    for page in (out / "themes" / slug).rglob("index.html"):
        base = "http://x/" + page.parent.relative_to(out).as_posix() + "/"
        for href in re.findall(r'href="([^"]*articles/[^"#]*)"', page.read_text(encoding="utf-8")):
            found.add(unquote(urljoin(base, href).removeprefix("http://x/")))
    return found


@pytest.fixture
def server(sample_site: SampleSite) -> Iterator[str]:
    with serve_directory(sample_site.out) as url:
        yield url


TRADITIONAL_QUERIES = ("监督", "監督", "专题监督", "饮水安全")
QUERIES = [
    *ISSUE_QUERIES,
    "沈建华",  # a person: the author of one sample
    "海伦市",  # a place
    "湖州",
    "人大代表 监督",  # AND
    "“连心桥”",  # quotation marks are ignored
    "专题 询问",
    *TRADITIONAL_QUERIES[1:],
]


def _run(page: object, query: str, previous: str | None) -> tuple[set[str], str]:
    """Type ``query`` (focus with /), wait for the final count, show all; returns (urls, run id)."""
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.keyboard.press("Escape")
    page.keyboard.press("/")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(query)
    page.wait_for_function(
        "([prev, query]) => { const b = document.querySelector('[data-rdkb-search]');"
        " return b.dataset.done && b.dataset.done !== prev && b.dataset.query === query; }",
        arg=[previous or "", query],
        timeout=30_000,
    )
    more = page.locator(".rdkb-search__more")
    while more.is_visible():
        count = page.locator(".rdkb-search__item").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.rdkb-search__item').length > n", arg=count
        )
    hrefs = page.eval_on_selector_all(
        ".rdkb-search__item a", "els => els.map(e => e.getAttribute('href'))"
    )
    done = page.get_attribute("[data-rdkb-search]", "data-done")
    return {urlsplit(h).path.lstrip("/") for h in hrefs}, done or ""


def test_queries_return_exactly_the_articles_containing_them(
    server: str, sample_site: SampleSite
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    articles = _articles(sample_site.docs)
    assert len(articles) >= 40
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server)
        done: str | None = None
        for query in QUERIES:
            got, done = _run(page, query, done)
            assert got == _expected(articles, query), query
            if query in TRADITIONAL_QUERIES:  # found whether written 监督 or 監督
                assert TRADITIONAL_SRC.removesuffix(".md") + "/" in got, query
            status = page.inner_text(".rdkb-search__status")
            expected = len(_expected(articles, query))
            assert (f"共 {expected} 篇" in status) if expected else ("没有找到" in status)

        # a theme filter combined with the query
        theme = "监督工作"
        page.select_option("select[data-filter=theme]", label=theme)
        got, done = _run(page, "监督", done)
        in_theme = _theme_articles(sample_site.out, "supervision")
        assert in_theme and got == _expected(articles, "监督") & in_theme
        page.select_option("select[data-filter=theme]", value="")

        # keyboard: ↓ ↓ Enter opens the second result at the matching section
        _run(page, "人大代表", done)
        second = page.eval_on_selector_all(
            ".rdkb-search__item a", "els => els[1].getAttribute('href')"
        )
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(second)
        fragment = urlsplit(second).fragment
        if fragment:
            assert page.locator(f"[id='{unquote(fragment)}']").count() == 1
        browser.close()
    assert not errors, errors
    outside = [u for u in requests if not u.startswith(server)]
    assert not outside, outside
