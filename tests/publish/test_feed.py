"""Issue 15 (1, 6): the feed marks samples, and a browser shows it as a Chinese page on
subscribing (CSS over XHTML extension elements; Chromium 156 puts an English deprecation banner
over any XSLT-transformed page, so no XSLT)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from scraper.publish.feed import STYLESHEET, FeedItem, atom
from tests.conftest import ROOT, serve_directory

NS = {"a": "http://www.w3.org/2005/Atom", "h": "http://www.w3.org/1999/xhtml"}
HOSTILE = '标题 & <script>alert("x")</script>\x01\x0b<h:a href="javascript:alert(1)">点</h:a>'
ITEMS = [
    FeedItem(
        "加强“四个机关”建设 推动人大工作高质量发展",
        "articles/2024/2024-05-19-a/",
        dt.date(2024, 5, 19),
        ("王海峰（张掖市人大常委会党组书记、主任）",),
        "常委会党组严格执行请示报告制度。",
        sample=True,
    ),
    FeedItem(
        "县人大常委会开展执法检查",
        "articles/2024/2024-05-18-b/",
        dt.date(2024, 5, 18),
        (),
        "检查组深入一线。",
    ),
    FeedItem(
        HOSTILE, "articles/2024/2024-05-17-c/", dt.date(2024, 5, 17), ("李\x00明",), "<b>摘要</b>"
    ),
]


def _parsed(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


def test_a_sample_entry_is_marked_in_its_title_and_category() -> None:
    feed = _parsed(atom("人大知识库", "https://rdkb.example/", ITEMS))
    entries = feed.findall("a:entry", NS)
    titles = [e.findtext("a:title", namespaces=NS) for e in entries]
    assert titles[0] == "【样例】加强“四个机关”建设 推动人大工作高质量发展"
    assert titles[1] == "县人大常委会开展执法检查"
    terms = [[c.get("term") for c in e.findall("a:category", NS)] for e in entries]
    assert terms == [["样例"], [], []]
    links = [e.find("h:p/h:a", NS) for e in entries]
    assert [a.text for a in links[:2]] == titles[:2]
    assert [a.get("href") for a in links[:2]] == [
        "https://rdkb.example/articles/2024/2024-05-19-a/",
        "https://rdkb.example/articles/2024/2024-05-18-b/",
    ]
    assert "标有【样例】的是本项目自撰的示范文章" in etree.tostring(feed, encoding="unicode")


def test_no_sample_note_without_samples() -> None:
    text = atom("人大知识库", "", ITEMS[1:2])
    assert "【样例】" not in text and "样例" not in text


def test_the_stylesheet_is_a_css_file_under_assets_of_the_docs() -> None:
    text = atom("人大知识库", "", ITEMS)
    assert text.splitlines()[1] == f'<?xml-stylesheet type="text/css" href="{STYLESHEET}"?>'
    assert (ROOT / "docs" / STYLESHEET).is_file()
    assert "text/xsl" not in text  # see the module docstring
    assert atom("人大知识库", "", ITEMS, stylesheet=None).splitlines()[1].startswith("<feed ")


def test_the_subscription_address_is_given_when_the_site_url_is_known() -> None:
    feed = _parsed(atom("人大知识库", "https://rdkb.example/sub/", ITEMS))
    assert feed.findtext("h:div/h:p/h:code", namespaces=NS) == "https://rdkb.example/sub/feed.xml"
    relative = _parsed(atom("人大知识库", "", ITEMS))
    assert relative.find("h:div/h:p/h:code", NS) is None
    assert "地址栏" in "".join(relative.find("h:div", NS).itertext())


def test_hostile_titles_stay_text_in_the_feed_and_in_the_browser_view() -> None:
    feed = _parsed(atom("站<i>名</i>\x02", "", ITEMS))
    entry = feed.findall("a:entry", NS)[2]
    expected = '标题 & <script>alert("x")</script><h:a href="javascript:alert(1)">点</h:a>'
    assert entry.findtext("a:title", namespaces=NS) == expected
    link = entry.find("h:p/h:a", NS)
    assert link.text == expected and len(link) == 0  # text only: no element came from the title
    assert entry.findtext("a:author/a:name", namespaces=NS) == "李明"
    assert entry.findtext("a:summary", namespaces=NS) == "<b>摘要</b>"
    assert feed.findtext("a:title", namespaces=NS) == "站<i>名</i>"
    assert feed.findtext("h:div/h:h1", namespaces=NS) == "订阅「站<i>名</i>」的更新"
    assert not feed.xpath("//*[local-name()='script']")


# -- in Chromium --------------------------------------------------------------------------------


@pytest.fixture
def feed_dir(tmp_path: Path) -> Path:
    """feed.xml at the root of a folder with the site's own stylesheet, as a build lays them out."""
    (tmp_path / "assets").mkdir()
    shutil.copy(ROOT / "docs" / STYLESHEET, tmp_path / STYLESHEET)
    (tmp_path / "feed.xml").write_text(atom("人大知识库", "", ITEMS), encoding="utf-8")
    for item in ITEMS:
        page = tmp_path / item.url / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            '<!doctype html><meta charset="utf-8"><title>文章</title><h1>文章页</h1>',
            encoding="utf-8",
        )
    return tmp_path


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_chromium_shows_the_feed_as_a_chinese_page(
    feed_dir: Path, browser: object, viewport: tuple[int, int], tmp_path: Path
) -> None:
    requests: list[str] = []
    with serve_directory(feed_dir) as base:
        phone = viewport[0] < 500
        page = browser.new_page(  # type: ignore[attr-defined]
            viewport={"width": viewport[0], "height": viewport[1]},
            locale="zh-CN",
            is_mobile=phone,
            has_touch=phone,
        )
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base + "feed.xml")
        heading = page.locator("h1")
        assert heading.inner_text() == "订阅「人大知识库」的更新"
        assert heading.is_visible()
        assert page.evaluate("window.innerWidth") == viewport[0]  # a phone is not zoomed out
        assert page.get_by_text("怎样订阅").is_visible()
        assert page.get_by_text("地址栏").is_visible()
        # the styled page, not the raw XML tree and no browser banner over it
        assert heading.evaluate("h => getComputedStyle(h).color") == "rgb(183, 28, 28)"
        assert page.locator("xslt-warning-banner").count() == 0
        assert "does not appear to have any style information" not in page.content()
        links = page.locator("p.rdkb-feed-entry a")
        assert links.count() == len(ITEMS)
        assert links.first.inner_text() == "【样例】加强“四个机关”建设 推动人大工作高质量发展"
        assert links.nth(2).inner_text().startswith('标题 & <script>alert("x")</script>')
        assert page.evaluate("document.querySelectorAll('script').length") == 0
        for name in ("title", "id", "updated"):  # the Atom elements are for feed readers
            hidden = page.evaluate(
                f"[...document.getElementsByTagNameNS('{NS['a']}', '{name}')]"
                ".every(e => getComputedStyle(e).display === 'none')"
            )
            assert hidden, name
        page.screenshot(path=str(tmp_path / f"feed-{viewport[0]}.png"))
        links.nth(1).click()
        page.wait_for_load_state()
        assert page.url == base + ITEMS[1].url
        assert page.locator("h1").inner_text() == "文章页"
    assert {urlsplit(u).hostname for u in requests} == {"127.0.0.1"}


# -- in a built site ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples built by `mkdocs build --strict`, as the site ships them."""
    from tests.site.conftest import build, make_project

    if not any((ROOT / "docs" / "articles").rglob("*.md")):
        pytest.skip("docs/articles is empty: run `rdkb import samples/` first")
    root = tmp_path_factory.mktemp("feed-site")
    make_project(root, count=0, samples=True)
    build(root, root / "out")
    return root / "out"


@pytest.mark.browser
@pytest.mark.slow
def test_the_built_site_serves_its_feed_as_a_page(samples_out: Path, browser: object) -> None:
    text = (samples_out / "feed.xml").read_text(encoding="utf-8")
    assert f'<?xml-stylesheet type="text/css" href="{STYLESHEET}"?>' in text
    assert (samples_out / STYLESHEET).read_bytes() == (ROOT / "docs" / STYLESHEET).read_bytes()
    entries = _parsed(text).findall("a:entry", NS)
    assert entries
    with serve_directory(samples_out) as base:
        page = browser.new_page(locale="zh-CN")  # type: ignore[attr-defined]
        page.goto(base + "feed.xml")
        assert page.locator("h1").first.inner_text().startswith("订阅「")
        links = page.locator("p.rdkb-feed-entry a")
        assert links.count() == len(entries)
        first = entries[0].findtext("a:title", namespaces=NS).removeprefix("【样例】")
        links.first.click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text() == first


@pytest.mark.slow
def test_every_entry_of_the_samples_feed_is_marked(samples_out: Path) -> None:
    feed = _parsed((samples_out / "feed.xml").read_text(encoding="utf-8"))
    for entry in feed.findall("a:entry", NS):
        assert entry.findtext("a:title", namespaces=NS).startswith("【样例】")
        assert [c.get("term") for c in entry.findall("a:category", NS)] == ["样例"]
