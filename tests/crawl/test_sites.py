"""Site adapters: every ``scraper/sites/*.yml`` loads, and each one's saved column page yields the
links its ``expected.json`` lists. A new site is one YAML file plus ``tests/crawl/sites/<id>/``.

``tests/crawl/sites/<id>/`` holds ``list.html`` (bytes as served) and ``expected.json`` with the
page's ``url`` and the ``articles``/``pages`` links; optionally ``article.html`` with
``"article_url"`` and ``"article": {field: value}`` in ``expected.json`` (the fields extraction
with the adapter's hints must produce).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.crawl.links import discover
from scraper.crawl.sites import (
    SITES_DIR,
    SiteConfig,
    adapter_for,
    find_site,
    load_site,
    load_sites,
)
from scraper.decode import decode_page
from scraper.errors import ConfigError
from scraper.records import RawPage

FIXTURES = Path(__file__).parent / "sites"
ADAPTERS = sorted(SITES_DIR.glob("*.yml"))
REQUIRED_SITES = {
    "甘肃人大网",
    "黑龙江人大",
    "黑龙江网",
    "廉政法治网",
    "六盘水市水城区",
    "中国人大网",
}


def test_the_seed_sites_and_npc_have_adapters() -> None:
    assert {site.name for site in load_sites().values()} >= REQUIRED_SITES


@pytest.mark.parametrize("path", ADAPTERS, ids=[p.stem for p in ADAPTERS])
def test_adapter(path: Path) -> None:
    site = load_site(path)
    assert site.start_urls and site.allowed_hosts
    assert site.verified is False or (FIXTURES / site.id).is_dir(), "verified needs a fixture"
    fixture = FIXTURES / site.id
    if not fixture.is_dir():
        pytest.skip(f"no saved pages under {fixture}")
    expected = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    found = _discover(site, (fixture / "list.html").read_bytes(), expected["url"])
    assert [a.url for a in found.articles] == expected["articles"]
    assert list(found.pages) == expected["pages"]
    if (fixture / "article.html").exists():
        from scraper.pipeline import article_from_raw

        raw = RawPage(
            (fixture / "article.html").read_bytes(), origin=str(fixture), url=expected["url"]
        )
        article = article_from_raw(raw, site.hints()).to_dict()
        for key, value in expected["article"].items():
            assert article[key] == value, key


def _discover(site: SiteConfig, content: bytes, url: str):  # type: ignore[no-untyped-def]
    text = decode_page(RawPage(content, origin=url, url=url), site.encoding).text
    return discover(
        text,
        url,
        hosts=site.allowed_hosts,
        article_pattern=site.article_pattern,
        pagination_pattern=site.pagination_pattern,
    )


def test_adapter_for_a_url() -> None:
    sites = load_sites().values()
    assert adapter_for("http://gsrdw.gov.cn/html/rdyw/202405/t20240519_1.html", sites).id == "gsrdw"
    assert adapter_for("https://www.npc.gov.cn/npc/c2/", sites).id == "npc"
    assert adapter_for("http://127.0.0.1:8765/xwzx/index.html", sites) is None


def test_find_by_id_or_name() -> None:
    assert find_site("gsrdw").name == "甘肃人大网"
    assert find_site("中国人大网").id == "npc"
    with pytest.raises(ConfigError, match="no site adapter named 'nowhere'"):
        find_site("nowhere")


def test_hints_carry_what_the_adapter_knows(tmp_path: Path) -> None:
    path = tmp_path / "demo.yml"
    path.write_text(
        "name: 示例人大网\nregion: [甘肃省, 张掖市]\nstart_urls: [http://127.0.0.1/a/]\n"
        "encoding: gbk\nselectors: {title: h1.t, body: div.c}\n",
        encoding="utf-8",
    )
    hints = load_site(path).hints()
    assert (hints.site_name, hints.region, hints.encoding) == (
        "示例人大网",
        ("甘肃省", "张掖市"),
        "gbk",
    )
    assert (hints.title_selector, hints.body_selector, hints.date_selector) == (
        "h1.t",
        "div.c",
        None,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: x\nstart_urls: [http://a.cn/]\nstart_url: http://a.cn/\n",
            "key 'start_url': unknown",
        ),
        ("start_urls: [http://a.cn/]\n", "key 'name': required"),
        ("name: x\n", "key 'start_urls': at least one"),
        ("name: x\nstart_urls: [ftp://a.cn/]\n", "key 'start_urls': not an http"),
        ("name: x\nstart_urls: [http://a.cn/]\nlinks: {article: '(unclosed'}\n", "'links.article'"),
        (
            "name: x\nstart_urls: [http://a.cn/]\nselectors: {headline: h1}\n",
            "'selectors.headline'",
        ),
        ("name: x\nstart_urls: [http://a.cn/]\nencoding: klingon\n", "key 'encoding'"),
        ("name: x\nstart_urls: [http://a.cn/]\nverified: maybe\n", "key 'verified'"),
        ("name: [x]\nstart_urls: [http://a.cn/]\n", "key 'name'"),
        ("- just\n- a list\n", "expected a mapping"),
        ("name: x\n  bad: indentation\n", "cannot read"),
    ],
)
def test_invalid_adapters_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_site(path)
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_file_name_is_the_id(tmp_path: Path) -> None:
    path = tmp_path / "Bad Name.yml"
    path.write_text("name: x\nstart_urls: [http://a.cn/]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lowercase id"):
        load_site(path)
