"""The Chinese 404 page (issue 15, point 6) and no empty sitemap without a site address (issue 14,
point 8; the sitemap with an address: tests/publish/test_commands.py)."""

from __future__ import annotations

import lxml.html

from tests.site.conftest import BuiltSite


def test_the_404_page_is_in_chinese_and_links_into_the_site(site: BuiltSite) -> None:
    page = lxml.html.parse(str(site.out / "404.html")).getroot()
    text = " ".join(page.text_content().split())
    assert "Not found" not in text
    assert page.findtext(".//title") == "页面不存在 - 人大知识库"
    content = page.cssselect("article.md-content__inner")[0]
    assert content.findtext("h1") == "404 - 页面不存在"
    hrefs = {a.text_content(): a.get("href") for a in content.iter("a")}
    assert set(hrefs) == {"返回首页", "专题", "地区", "时间", "作者"}
    for href in hrefs.values():
        # served at any address, so the links are absolute paths (no site URL in the tests)
        assert href.startswith("/"), href
        assert site.page(href.lstrip("/")).is_file(), href


def test_no_sitemap_without_a_site_address_and_the_log_says_why(site: BuiltSite) -> None:
    """A sitemap's <loc> must be absolute: without a site URL there is nothing valid to list, and
    an empty <urlset> (what MkDocs wrote before) would tell crawlers the site has no pages."""
    assert not (site.out / "sitemap.xml").exists()
    assert not (site.out / "sitemap.xml.gz").exists()
    assert "no sitemap.xml" in site.log and "--site-url" in site.log
