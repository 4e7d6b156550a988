"""The statistics page (issue 15, point 5) in headless Chromium on the built samples site.

Every bar leads to the listing it counts (its title names the bar, its entries — over all its
pages — are the bar's count); every table row links to a page that exists; on a 390 px phone
every label is at least 11 px and nothing overflows sideways. Nothing may leave 127.0.0.1.
Screenshots go to bench/out/screenshots/desktop-stats.png and phone-stats.png.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from bench.chromium import CHROMIUM
from tests.conftest import ROOT, serve_directory
from tests.site.conftest import BuiltSite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]

sync_api = pytest.importorskip("playwright.sync_api")

VIEWPORTS = {
    "desktop": {"width": 1366, "height": 900},
    "phone": {"width": 390, "height": 844},
}
SHOTS = ROOT / "bench" / "out" / "screenshots"
MIN_FONT_PX = 11.0
CHARTS = ("years", "themes", "provinces")

# Every label the reader sees on the statistics page, with the size it is drawn at: an SVG
# label's font size times the chart's scale on screen, an HTML label's computed font size.
LABEL_SIZES = """() => {
  const out = [];
  const seen = (e) => e.checkVisibility() && e.getBoundingClientRect().width > 0;
  for (const t of document.querySelectorAll(".rdkb-stats svg text")) {
    if (!seen(t)) continue;
    const scale = t.ownerSVGElement.getScreenCTM().a;
    out.push([t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
  }
  for (const e of document.querySelectorAll(
      ".rdkb-stats h2, .rdkb-stats caption, .rdkb-stats th, .rdkb-stats td, .rdkb-stats a")) {
    if (e.closest("svg") || !seen(e)) continue;
    out.push([e.textContent.trim(), parseFloat(getComputedStyle(e).fontSize)]);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(samples_site: BuiltSite) -> Iterator[str]:
    with serve_directory(samples_site.out) as url:
        yield url


@pytest.fixture(params=list(VIEWPORTS))
def stats(request: pytest.FixtureRequest, browser: Any, server: str) -> Iterator[Any]:
    """The statistics page in a fresh browser context at the viewport's size; afterwards no
    request left 127.0.0.1 and no script error happened."""
    name = request.param
    requests: list[str] = []
    errors: list[str] = []
    context = browser.new_context(
        viewport=VIEWPORTS[name], locale="zh-CN", is_mobile=name == "phone"
    )
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "stats/")
    page.name = name  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()
    assert not [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert not errors, errors


def _bars(page: Any, chart: str) -> list[dict[str, Any]]:
    """Each bar of one chart: its full name (its tooltip), count, href and absolute URL."""
    return list(
        page.evaluate(
            """(chart) => [...document.querySelectorAll(
                 `#rdkb-stats-${chart} ~ figure a.rdkb-chart__bar`)].map((a) => ({
                 name: a.querySelector("title").textContent.replace(/：\\d+ 篇$/, ""),
                 count: Number(a.querySelector(".rdkb-chart__value").textContent),
                 href: a.getAttribute("href"),
                 url: new URL(a.getAttribute("href"), location.href).href,
               }))""",
            chart,
        )
    )


def _rows(page: Any, chart: str) -> list[dict[str, Any]]:
    """Each row of one chart's table: name, count, and its link's href and URL (or None)."""
    return list(
        page.evaluate(
            """(chart) => [...document.querySelectorAll(
                 `#rdkb-stats-${chart} ~ div table tbody tr`)].map((tr) => {
                 const a = tr.querySelector("th a");
                 return {
                   name: tr.querySelector("th").textContent,
                   count: Number(tr.querySelector("td").textContent),
                   href: a ? a.getAttribute("href") : null,
                   url: a ? a.href : null,
                 };
               })""",
            chart,
        )
    )


def _entries(page: Any, url: str) -> int:
    """Articles a listing lists, over all its pages; a year's page: the sum of its months'."""
    page.goto(url)
    if re.search(r"/archive/\d{4}/$", url):
        months = page.evaluate(
            """() => [...document.querySelectorAll("article a")]
                 .filter((a) => a.textContent.includes("月全部")).map((a) => a.href)"""
        )
        assert months, url
        return sum(_entries(page, month) for month in months)
    count = page.locator("a.rdkb-entry__title").count()
    following = page.locator("nav.rdkb-pager a[rel=next]")
    if following.count():
        count += _entries(page, urljoin(url, following.first.get_attribute("href")))
    return count


def test_each_bar_leads_to_the_listing_it_counts(stats: Any) -> None:
    page = stats
    start = page.url
    clicked = 0
    for chart in CHARTS:
        bars = _bars(page, chart)
        assert bars, chart
        for n, bar in enumerate(bars):
            fill = page.locator(f"#rdkb-stats-{chart} ~ figure a.rdkb-chart__bar").nth(n)
            target = fill.locator("rect") if bar["count"] else fill.locator("text").first
            target.click()  # a real click on the drawn bar (on its label when it has no length)
            page.wait_for_load_state()
            assert page.url == bar["url"], (chart, bar)
            assert bar["name"] in page.locator("h1").first.inner_text(), (chart, bar)
            assert _entries(page, bar["url"]) == bar["count"], (chart, bar)
            clicked += 1
            page.goto(start)
    assert clicked >= 3


def test_the_tables_say_what_the_charts_show_and_link_to_pages_that_exist(stats: Any) -> None:
    page = stats
    for chart in CHARTS:
        bars, rows = _bars(page, chart), _rows(page, chart)
        # a row without a link is a year with no article (and no page): 0, and no bar link
        assert all(r["count"] == 0 for r in rows if r["href"] is None), rows
        linked = [r for r in rows if r["href"] is not None]
        assert [(r["name"], r["count"], r["href"]) for r in linked] == [
            (b["name"], b["count"], b["href"]) for b in bars
        ], chart
        caption = page.locator(f"#rdkb-stats-{chart} ~ div table caption").inner_text()
        assert caption.endswith("文章数"), caption
        for row in linked:
            response = page.request.get(row["url"])
            assert response.status == 200, row
        # counts are right-aligned, in their own column
        align = page.locator(f"#rdkb-stats-{chart} ~ div table tbody td").first.evaluate(
            "(e) => getComputedStyle(e).textAlign"
        )
        assert align == "right"
    # a row's link is followed like any link
    page.locator("#rdkb-stats-years ~ div table tbody th a").first.click()
    page.wait_for_load_state()
    assert re.search(r"/archive/\d{4}/$", page.url), page.url


def test_readable_on_a_phone_and_screenshots(stats: Any) -> None:
    """Labels at least 11 px and no sideways scrolling — at 390 px and at 351 px (the narrowest
    with the charts shown), and at 340 px, where the charts would shrink their labels under
    11 px and the tables stand in."""
    page = stats
    width = VIEWPORTS[page.name]["width"]
    if page.name == "phone":
        assert page.locator("figure.rdkb-chart").first.is_visible()
        _assert_readable(page, width)
        page.set_viewport_size({"width": 351, "height": 800})
        assert page.locator("figure.rdkb-chart").first.is_visible()
        _assert_readable(page, 351)
        page.set_viewport_size({"width": 340, "height": 800})
        assert not page.locator("figure.rdkb-chart").first.is_visible()
        assert page.locator("table.rdkb-stats-table").first.is_visible()
        _assert_readable(page, 340)
        page.set_viewport_size(VIEWPORTS["phone"])
    else:
        _assert_readable(page, width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{page.name}-stats.png"), full_page=True)


def _assert_readable(page: Any, width: int) -> None:
    sizes = page.evaluate(LABEL_SIZES)
    assert len(sizes) > 3 * 5
    small = [(text, round(size, 1)) for text, size in sizes if size < MIN_FONT_PX]
    assert not small, small
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
