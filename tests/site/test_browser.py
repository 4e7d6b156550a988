"""Click through the built site in headless Chromium; no request may leave 127.0.0.1.

Screenshots of the home page, a theme page and an article page are saved in the test's tmp dir
and copied to ``bench/out/`` for people to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT, serve_directory
from tests.site.conftest import BuiltSite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]


@pytest.fixture
def server(synthetic_site: BuiltSite) -> Iterator[str]:
    with serve_directory(synthetic_site.out) as url:
        yield url


def test_click_through_the_site(server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.on("request", lambda r: requests.append(r.url))
            page.goto(server)
            assert "人大知识库" in page.title()
            page.screenshot(path=str(shots / "home.png"), full_page=False)

            # home → a theme (from the home page's theme cards)
            page.locator("ul.rdkb-cards a", has_text="监督工作").first.click()
            page.wait_for_load_state()
            assert page.locator("h1").first.inner_text().startswith("专题：监督工作")
            page.screenshot(path=str(shots / "theme.png"), full_page=False)

            # theme → an article → its header, then a related article
            page.locator("ul.rdkb-list a.rdkb-entry__title").first.click()
            page.wait_for_load_state()
            assert page.locator("header.rdkb-article-header dl.rdkb-meta").count() == 1
            page.screenshot(path=str(shots / "article.png"), full_page=False)
            title = page.locator("h1").first.inner_text()
            page.locator("section.rdkb-related a").first.click()
            page.wait_for_load_state()
            assert page.locator("h1").first.inner_text() != title
            assert page.locator("header.rdkb-article-header").count() == 1

            # regions: the index, a province, an article there
            page.locator(".md-tabs a", has_text="地区").click()
            page.wait_for_load_state()
            page.locator("ul.rdkb-tree a", has_text="浙江省").first.click()
            page.wait_for_load_state()
            assert "浙江省" in page.locator("h1").first.inner_text()
            page.locator("ul.rdkb-list a.rdkb-entry__title").first.click()
            page.wait_for_load_state()
            assert "浙江省" in page.locator("dl.rdkb-meta").inner_text()

            # concepts: the glossary, a concept, an article that mentions it, the linked mention
            page.locator(".md-tabs a", has_text="概念").click()
            page.wait_for_load_state()
            page.locator("dl.rdkb-glossary a", has_text="代表之家").first.click()
            page.wait_for_load_state()
            assert "代表之家" in page.locator("h1").first.inner_text()
            page.locator("ul.rdkb-list a.rdkb-entry__title").first.click()
            page.wait_for_load_state()
            mention = page.locator("article a.rdkb-concept[href*='concepts/daibiao-zhi-jia']").first
            mention.click()
            page.wait_for_load_state()
            assert "代表之家" in page.locator("h1").first.inner_text()

            # statistics page draws its charts (inline SVG; tests/site/test_stats_browser.py)
            page.locator(".md-tabs a", has_text="统计").click()
            page.wait_for_load_state()
            widths = page.eval_on_selector_all(
                "article figure.rdkb-chart svg",
                "els => els.map(e => e.getBoundingClientRect().width)",
            )
            assert len(widths) == 3 and all(w > 0 for w in widths)
        finally:
            browser.close()
    outside = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert not outside, outside
    assert len(requests) > 10
    keep = ROOT / "bench" / "out"
    keep.mkdir(parents=True, exist_ok=True)
    for shot in shots.iterdir():
        shutil.copy(shot, keep / f"site-{shot.name}")
