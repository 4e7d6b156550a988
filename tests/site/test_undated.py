"""Issue 12: an undated article (``date: null``) in the built site — filed under 日期不详 in the
time archive, and nothing else breaks (the strict build of the synthetic site includes it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from scraper.search.index_format import INDEX_DIR, read_bin
from tests.site.conftest import UNDATED_SRC, BuiltSite

pytestmark = pytest.mark.slow

URL = UNDATED_SRC.removesuffix(".md") + "/"
TITLE = "乡镇人大主席团开展民生实事项目票决"


def _doc(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def test_the_time_archive_lists_it_under_date_unknown(synthetic_site: BuiltSite) -> None:
    site = synthetic_site
    index = _doc(site.page("archive/"))
    links = {a.text_content(): a.get("href") for a in index.cssselect("ul.rdkb-years a")}
    assert "日期不详" in links
    listing_url = site.resolve("archive/", links["日期不详"])
    assert listing_url == "archive/undated/"
    listing = _doc(site.page(listing_url))
    assert listing.cssselect("h1")[0].text_content() == "日期不详"
    entries = listing.cssselect("ul.rdkb-list li.rdkb-entry")
    assert [site.resolve(listing_url, e.cssselect("a")[0].get("href")) for e in entries] == [URL]
    assert "日期不详" in entries[0].cssselect(".rdkb-entry__meta")[0].text_content()
    # no month page claims it
    for month in site.out.glob("archive/[0-9]*/[0-9]*/index.html"):
        assert TITLE not in month.read_text(encoding="utf-8"), month


def test_the_article_page_says_date_unknown(synthetic_site: BuiltSite) -> None:
    site = synthetic_site
    page = _doc(site.page(URL))
    assert page.cssselect("h1")[0].text_content().strip() == TITLE
    date_links = [a for a in page.cssselect("a") if a.text_content() == "日期不详"]
    assert date_links
    assert site.resolve(URL, date_links[0].get("href")) == "archive/undated/"
    assert not page.cssselect("article time")  # no made-up date


def test_listings_stats_feed_and_search_take_it(synthetic_site: BuiltSite) -> None:
    site = synthetic_site
    feed = (site.out / "feed.xml").read_text(encoding="utf-8")
    assert TITLE not in feed  # a feed entry needs a date
    stats = _doc(site.page("stats/"))
    years = stats.get_element_by_id("rdkb-stats-years").getparent()
    undated = [a for a in years.cssselect("table a") if a.text_content() == "日期不详"]
    assert undated and site.resolve("stats/", undated[0].get("href")) == "archive/undated/"
    assert "日期不详" in [t.text for t in years.cssselect("svg .rdkb-chart__label")]
    unsigned = (site.out / "authors" / "unsigned" / "index.html").read_text(encoding="utf-8")
    assert TITLE in unsigned  # other listings list it as usual
    home = (site.out / "index.html").read_text(encoding="utf-8")
    assert "收录文章" in home
    docs = [
        read_bin(path).decode("utf-8") for path in (site.out / INDEX_DIR / "docs").glob("*.bin")
    ]
    assert any(TITLE in doc and '"d": ""' in doc.replace('"d":""', '"d": ""') for doc in docs)
