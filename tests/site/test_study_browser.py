"""The study tools (issue 15, points 2, 3, 5, 6) in headless Chromium on a real built site.

Print layout, citation text, reading list (kept across a reload, exported, printed), 收藏 and 已读
marks, 新增 and 今日推荐 on the home page, the phone 目录, the section's tab. Nothing may leave
127.0.0.1. Screenshots (desktop 1366×900, phone 390×844) go to bench/out/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from bench.chromium import CHROMIUM
from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.entries import load_archive
from scraper.analysis.themes import load_taxonomy
from scraper.publish.study import STUDY_INDEX, study_index
from scraper.publish.urls import page_url
from tests.conftest import ROOT, serve_directory
from tests.site.conftest import BuiltSite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]

sync_api = pytest.importorskip("playwright.sync_api")

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = ROOT / "bench" / "out" / "screenshots"
# hand-written articles of tests/site/conftest.py SPECIAL
POSITION_ONLY = "articles/2024/2024-06-02-special-position/"
UNSIGNED = "articles/2023/2023-03-01-special-unsigned/"


# Fixtures


@pytest.fixture(scope="module")
def server(synthetic_site: BuiltSite) -> Iterator[str]:
    with serve_directory(synthetic_site.out) as url:
        yield url


class Session:
    """One browser context (its own localStorage) that records every request it makes."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int], **options: Any) -> None:
        self.base = base
        self.requests: list[str] = []
        self.context = browser.new_context(
            viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai", **options
        )
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.errors: list[str] = []

    def page(self, url: str | None = None) -> Any:
        """A new tab, at ``url`` (relative to the site root; "" is the home page) if given."""
        page = self.context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        if url is not None:
            page.goto(self.base + url)
        return page

    def close(self) -> None:
        self.context.close()
        outside = [u for u in self.requests if urlsplit(u).hostname != "127.0.0.1"]
        assert not outside, outside
        assert not self.errors, self.errors


@pytest.fixture
def session(browser: Any, server: str) -> Iterator[Session]:
    s = Session(browser, server, DESKTOP)
    yield s
    s.close()


# Helpers


def visible(page: Any, selector: str) -> bool:
    return (
        bool(page.locator(selector).first.is_visible()) if page.locator(selector).count() else False
    )


def printed_text(page: Any) -> str:
    """What a printout shows: the rendered text plus generated content (link addresses)."""
    return str(
        page.evaluate(
            """() => {
              const parts = [document.body.innerText];
              for (const e of document.querySelectorAll("body *")) {
                if (!e.checkVisibility()) continue;
                for (const pseudo of ["::before", "::after"]) {
                  const c = getComputedStyle(e, pseudo).content;
                  if (c && c !== "none" && c !== "normal") parts.push(c);
                }
              }
              return parts.join("\\n");
            }"""
        )
    )


def citation_of(meta: dict[str, Any]) -> str:
    """The citation as a reader would write it by hand from the front matter."""
    names = [a.get("name") or a.get("position") for a in meta.get("authors") or []]
    parts = [f"《{meta['title']}》"]
    if meta.get("source") or meta.get("site"):
        parts.append(meta.get("source") or meta["site"])
    if meta.get("date"):
        d = dt.date.fromisoformat(str(meta["date"]))
        parts.append(f"{d.year}年{d.month}月{d.day}日")
    parts.append(meta["url"])
    prefix = "、".join(n for n in names if n)
    return (prefix + "：" if prefix else "") + "，".join(parts)


def fnv1a(text: str) -> int:
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def expected_pick(rows: list[dict[str, Any]], day: str) -> dict[str, Any]:
    real = [r for r in rows if not r["sample"]]
    pool = sorted(real or rows, key=lambda r: r["url"])
    return pool[fnv1a(day) % len(pool)]


def first_page(site: BuiltSite, folder: str) -> str:
    """The first generated listing page below ``folder`` (e.g. a theme under themes/)."""
    for index in sorted((site.out / folder).rglob("index.html")):
        rel = index.parent.relative_to(site.out).as_posix() + "/"
        if rel != folder:
            return rel
    raise AssertionError(f"no page under {folder}")


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


# 1. Print


def test_print_layout_article_only_and_the_link_once(session: Session, tmp_path: Path) -> None:
    page = session.page(UNSIGNED)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") == 1

    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".rdkb-search",
        ".rdkb-study-bar",
        ".rdkb-study-header",
        ".rdkb-article-footer",
        ".rdkb-tags",
    ):
        assert not visible(page, hidden), hidden
    assert page.locator("article h1").first.is_visible()
    assert page.locator("dl.rdkb-meta").is_visible()
    assert page.get_by_text("各地设立基层立法联系点").is_visible()
    text = printed_text(page)
    assert text.count("https://site.example/a/1.html") == 1  # the article's own page, once
    assert "https://repost.example/a/1.html" not in text  # 同时发表于 is not printed
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
    page.emulate_media(media="screen")
    assert page.locator(".md-tabs").is_visible()


# 2. Citation


def test_citation_exact_text_and_clipboard(
    browser: Any, server: str, synthetic_site: BuiltSite
) -> None:
    articles = synthetic_site.front_matter()
    two_authors = next(u for u, m in articles.items() if len(m.get("authors") or []) == 2)
    cases = {
        POSITION_ONLY: "某县人大常委会办公室：《人大代表联络站里的一次接待》，西湖人大，"
        "2024年6月2日，https://www.hzrd.gov.cn/art/2024/6/2/1.html",
        UNSIGNED: "《关于地方立法工作的几点思考》，2023年3月1日，https://site.example/a/1.html",
        two_authors: citation_of(articles[two_authors]),
    }
    assert "、" in cases[two_authors].split("：")[0]
    s = Session(browser, server, DESKTOP)
    s.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    try:
        for url, expected in cases.items():
            page = s.page(url)
            page.get_by_role("button", name="复制引用").click()
            dialog = page.locator("dialog.rdkb-study-cite")
            assert dialog.is_visible()
            assert dialog.locator("textarea").input_value() == expected
            page.wait_for_function("document.querySelector('.rdkb-study-cite__status').textContent")
            assert "已复制" in dialog.locator(".rdkb-study-cite__status").inner_text()
            assert page.evaluate("navigator.clipboard.readText()") == expected
            page.keyboard.press("Escape")
            page.locator("dialog.rdkb-study-cite").wait_for(state="detached")
            page.close()
    finally:
        s.close()


def test_citation_without_a_clipboard_is_selected_for_ctrl_c(session: Session) -> None:
    # an http intranet page is not a secure context: no navigator.clipboard at all
    session.context.add_init_script(
        "Object.defineProperty(navigator, 'clipboard', {value: undefined})"
    )
    session.context.add_init_script("document.execCommand = () => false")
    page = session.page(POSITION_ONLY)
    page.get_by_role("button", name="复制引用").click()
    area = page.locator("dialog.rdkb-study-cite textarea")
    status = page.locator(".rdkb-study-cite__status")
    page.wait_for_function("document.querySelector('.rdkb-study-cite__status').textContent")
    assert "Ctrl+C" in status.inner_text()
    value = area.input_value()
    assert value.startswith("某县人大常委会办公室：《人大代表联络站里的一次接待》")
    selected = page.evaluate(
        "() => { const t = document.querySelector('dialog textarea');"
        " return [document.activeElement === t, t.selectionStart, t.selectionEnd]; }"
    )
    assert selected == [True, 0, len(value)]


# 3. Reading list


def _add_from_article(page: Any) -> str:
    page.get_by_role("button", name="加入学习清单").click()
    assert page.locator(".rdkb-study-button--list").inner_text() == "已在学习清单（移出）"
    return str(page.locator("article h1").first.inner_text())


def test_reading_list_survives_reload_reorders_exports_and_prints(
    session: Session, synthetic_site: BuiltSite, tmp_path: Path
) -> None:
    theme = first_page(synthetic_site, "themes/")
    page = session.page(theme)
    links = page.locator("ul.rdkb-list a.rdkb-entry__title")
    hrefs = [links.nth(i).get_attribute("href") for i in range(2)]
    titles = []
    for href in hrefs:
        page.goto(session.base + synthetic_site.resolve(theme, str(href)))
        titles.append(_add_from_article(page))
    page.goto(session.base + POSITION_ONLY)
    titles.append(_add_from_article(page))
    assert page.locator(".rdkb-study-count").inner_text() == "3"

    page.reload()  # kept in the browser
    page.locator(".rdkb-study-header").click()
    panel = page.locator("dialog.rdkb-study-panel")
    entries = panel.locator("ol.rdkb-study-panel__list > li > a")
    assert entries.all_inner_texts() == titles

    panel.locator("ol.rdkb-study-panel__list > li").nth(0).get_by_role(
        "button", name="下移"
    ).click()
    assert entries.all_inner_texts() == [titles[1], titles[0], titles[2]]
    panel.locator("ol.rdkb-study-panel__list > li").nth(0).get_by_role(
        "button", name="移除"
    ).click()
    kept = [titles[0], titles[2]]
    assert entries.all_inner_texts() == kept

    with page.expect_download() as info:
        panel.get_by_role("button", name="导出为文本文件").click()
    download = info.value
    assert download.suggested_filename.startswith("学习清单-")
    assert download.suggested_filename.endswith(".md")
    target = tmp_path / "list.md"
    download.save_as(str(target))
    exported = target.read_text(encoding="utf-8-sig")
    assert exported.startswith("# 学习清单")
    assert f"1. 某县人大常委会办公室：《{titles[2]}》" not in exported  # order kept: it is second
    assert f"2. 某县人大常委会办公室：《{titles[2]}》，西湖人大，2024年6月2日" in exported
    assert titles[1] not in exported and f"《{titles[0]}》" in exported
    assert session.base + POSITION_ONLY in exported
    lines = [line for line in exported.splitlines() if line[:2] in ("1.", "2.")]
    assert lines[0].endswith("（样例文章，非真实报道）")  # a synthetic article: a sample
    assert lines[1].endswith("https://www.hzrd.gov.cn/art/2024/6/2/1.html")  # a real one

    # a fresh page of the same browser: the list is still there, in its order
    other = session.page("")
    other.locator(".rdkb-study-header").click()
    assert other.locator("ol.rdkb-study-panel__list > li > a").all_inner_texts() == kept

    other.evaluate("() => { window.print = () => { window.printed = true; }; }")
    other.get_by_role("button", name="打印清单").click()
    assert other.evaluate("window.printed") is True
    other.emulate_media(media="print")
    sheet = other.locator("#rdkb-study-print")
    assert sheet.is_visible()
    assert not visible(other, "article") and not visible(other, ".md-header")
    assert sheet.locator("li").count() == 2
    assert "西湖人大，2024年6月2日，https://www.hzrd.gov.cn/art/2024/6/2/1.html" in (
        sheet.inner_text()
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    other.screenshot(path=str(SHOTS / "desktop-print-list.png"))


def test_reading_list_from_search_results(session: Session) -> None:
    page = session.page(UNSIGNED)
    box = page.locator(".rdkb-search__input")
    added = {
        "人大代表联络站": "人大代表联络站里的一次接待",
        "地方立法": "关于地方立法工作的几点思考",
    }
    for query, title in added.items():
        box.fill(query)
        result = page.locator(".rdkb-search__results > li", has_text=title).first
        result.wait_for(timeout=15000)
        result.get_by_role("button", name="加入学习清单").click()
        assert result.locator(".rdkb-study-add").inner_text() == "已在学习清单"
    assert urlsplit(page.url).path.endswith(UNSIGNED)  # the clicks did not open a result
    page.keyboard.press("Escape")
    page.locator(".rdkb-study-header").click()
    entries = page.locator("ol.rdkb-study-panel__list > li")
    # the titles as published (the result's 样例 mark is not part of it), the mark kept apart
    assert entries.locator("a").all_inner_texts() == list(added.values())
    assert entries.nth(0).locator(".rdkb-study-sample").count() == 0
    assert entries.nth(1).locator(".rdkb-study-sample").inner_text() == "样例"

    page.goto(session.base + POSITION_ONLY)
    assert page.locator(".rdkb-study-button--list").inner_text() == "已在学习清单（移出）"
    assert page.locator(".rdkb-study-count").inner_text() == "2"
    # opening the article filled in what the result did not show: the citation is complete
    page.locator(".rdkb-study-header").click()
    meta = page.locator("ol.rdkb-study-panel__list .rdkb-study-entry__meta").first.inner_text()
    assert meta == "2024年6月2日 · 西湖人大 · 某县人大常委会办公室"


def test_the_build_writes_the_article_list(
    browser: Any, server: str, synthetic_site: BuiltSite
) -> None:
    written = json.loads((synthetic_site.out / STUDY_INDEX).read_text(encoding="utf-8"))
    analysis = analyse(load_archive(synthetic_site.docs), load_taxonomy(), load_glossary())
    assert written == json.loads(study_index(analysis, page_url))
    s = Session(browser, server, DESKTOP)
    try:
        s.context.clock.set_fixed_time("2026-03-05T10:00:00+08:00")
        page = s.page("")
        link = page.locator(".rdkb-study-today a")
        link.wait_for()
        assert link.inner_text() == expected_pick(written, "2026-03-05")["title"]
    finally:
        s.close()


# 4. 收藏 and 已读


def test_favourite_and_read_marks_on_a_second_visit(
    session: Session, synthetic_site: BuiltSite
) -> None:
    theme = first_page(synthetic_site, "themes/")
    page = session.page(theme)
    assert page.locator(".rdkb-study-mark").count() == 0  # first visit: nothing read yet
    entries = page.locator("ul.rdkb-list > li")
    opened = entries.nth(1).locator("a.rdkb-entry__title")
    title = opened.inner_text()
    opened.click()
    page.wait_for_load_state()
    fav = page.locator(".rdkb-study-button--fav")
    assert fav.get_attribute("aria-pressed") == "false"
    fav.click()
    assert fav.get_attribute("aria-pressed") == "true" and "已收藏" in fav.inner_text()

    page.goto(session.base + theme)  # second visit
    marked = page.locator("ul.rdkb-list > li", has=page.locator(".rdkb-study-mark"))
    assert marked.count() == 1
    assert marked.locator("a.rdkb-entry__title").inner_text() == title
    assert marked.locator(".rdkb-study-mark").all_inner_texts() == ["已读", "已收藏"]

    page.locator(".rdkb-study-header").click()
    favs = page.locator("ul.rdkb-study-panel__favs > li")
    assert favs.locator("a").all_inner_texts() == [title]
    favs.get_by_role("button", name="取消收藏").click()
    page.keyboard.press("Escape")
    assert marked.locator(".rdkb-study-mark").all_inner_texts() == ["已读"]


# 5. Home page: 新增 since the last visit, 今日推荐


@pytest.fixture
def home_site(synthetic_site: BuiltSite, tmp_path: Path) -> Iterator[tuple[Path, str, list[Any]]]:
    """A copy of the built site whose articles.json the test rewrites (the build does not write
    it yet)."""
    out = tmp_path / "site"
    shutil.copytree(synthetic_site.out, out)
    analysis = analyse(load_archive(synthetic_site.docs), load_taxonomy(), load_glossary())
    rows = json.loads(study_index(analysis, page_url))
    assert len(rows) == len(synthetic_site.front_matter())
    with serve_directory(out) as url:
        yield out, url, rows


def _write_index(out: Path, rows: list[Any]) -> None:
    """The study index as a rebuild writes it. Its time is set past the previous write's: the
    test server's Last-Modified counts whole seconds, and a rewrite within the same second would
    be answered 304 (not modified) to the browser's revalidation, which keeps the old list."""
    path = out / STUDY_INDEX
    before = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    later = max(time.time(), before + 2)
    os.utime(path, (later, later))


def test_new_since_last_visit_and_todays_pick(
    browser: Any, home_site: tuple[Path, str, list[Any]]
) -> None:
    out, url, rows = home_site
    s = Session(browser, url, DESKTOP)
    try:
        s.context.clock.set_fixed_time(dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC))
        _write_index(out, rows[3:])  # the three newest are not published yet
        first = s.page("")
        panel = first.locator(".rdkb-study-home")
        panel.wait_for()
        assert "新增" not in panel.inner_text()  # a first visit has nothing to compare with
        today = expected_pick(rows[3:], "2026-03-05")
        assert not today["sample"]  # a real article is preferred to the samples
        assert panel.locator(".rdkb-study-today a").inner_text() == today["title"]
        first.close()

        _write_index(out, rows)  # a rebuild adds three articles
        second = s.page("")
        panel = second.locator(".rdkb-study-home")
        panel.wait_for()
        assert "自上次访问以来新增 3 篇" in panel.inner_text()
        listed = panel.locator(".rdkb-study-new__list a")
        assert listed.all_inner_texts() == [r["title"] for r in rows[:3]]
        listed.first.click()
        second.wait_for_load_state()
        assert second.locator("article h1").first.inner_text() == rows[0]["title"]
        second.go_back()
        second.locator(".rdkb-study-home").wait_for()
        assert "自上次访问以来新增 3 篇" in second.locator(".rdkb-study-home").inner_text()

        third = s.page("")  # the visit after: nothing new
        third.locator(".rdkb-study-home").wait_for()
        assert "自上次访问以来没有新增文章" in third.locator(".rdkb-study-home").inner_text()
    finally:
        s.close()


def test_todays_pick_is_stable_for_the_day_and_changes_with_it(
    browser: Any, home_site: tuple[Path, str, list[Any]]
) -> None:
    out, url, rows = home_site
    samples = [{**r, "sample": True} for r in rows]  # an archive of samples only
    _write_index(out, samples)
    picks = []
    for day, hour in (("2026-03-05", 1), ("2026-03-05", 23), ("2026-03-06", 1), ("2026-03-07", 1)):
        s = Session(browser, url, DESKTOP)
        try:
            # local (Beijing) time decides the day
            s.context.clock.set_fixed_time(f"{day}T{hour:02d}:30:00+08:00")
            page = s.page("")
            link = page.locator(".rdkb-study-today a")
            link.wait_for()
            expected = expected_pick(samples, day)
            assert link.inner_text() == expected["title"]
            assert page.locator(".rdkb-study-today .rdkb-tag").inner_text() == "样例"
            picks.append(expected["url"])
        finally:
            s.close()
    assert picks[0] == picks[1]
    assert len(set(picks)) >= 2  # fnv1a of these days differs modulo ~90 articles


# 6. Phone: the article's table of contents


def test_phone_table_of_contents(browser: Any, server: str) -> None:
    s = Session(browser, server, PHONE, is_mobile=True, has_touch=True)
    try:
        page = s.page(UNSIGNED)
        assert not page.locator(".md-sidebar--secondary").is_visible()
        toc = page.get_by_role("button", name="目录")
        assert toc.is_visible()
        toc.tap()
        dialog = page.locator("dialog.rdkb-study-toc")
        assert dialog.is_visible()
        assert dialog.locator("a").all_inner_texts()[:2] == ["备案审查的意义", "相关文章"]
        dialog.locator("a", has_text="备案审查的意义").tap()
        page.locator("dialog.rdkb-study-toc").wait_for(state="detached")
        heading = page.locator("article h2", has_text="备案审查的意义")
        page.wait_for_function(
            "() => { const r = document.querySelector('article h2').getBoundingClientRect();"
            " return r.top >= 0 && r.top < innerHeight / 2; }"
        )
        assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == heading.get_attribute(
            "id"
        )
    finally:
        s.close()
    desktop = Session(browser, server, DESKTOP)
    try:
        page = desktop.page(UNSIGNED)
        assert page.locator(".md-sidebar--secondary").is_visible()
        assert not page.get_by_role("button", name="目录").is_visible()  # the sidebar shows it
    finally:
        desktop.close()


# 7. The section's tab on pages outside the nav


def test_the_right_tab_is_highlighted(session: Session, synthetic_site: BuiltSite) -> None:
    cases = {
        first_page(synthetic_site, "themes/"): "专题",
        first_page(synthetic_site, "regions/"): "地区",
        first_page(synthetic_site, "archive/"): "时间",
        POSITION_ONLY: "时间",
        first_page(synthetic_site, "authors/"): "作者",
        first_page(synthetic_site, "concepts/"): "概念",
        first_page(synthetic_site, "keywords/"): "关键词",
        "quotes/": "重要论述",
        "stats/": "统计",
        "": "首页",
    }
    month = sorted((synthetic_site.out / "archive").glob("[0-9]*/[0-9][0-9]/index.html"))[0]
    cases[month.parent.relative_to(synthetic_site.out).as_posix() + "/"] = "时间"
    page = session.page()
    for url, tab in cases.items():
        page.goto(session.base + url)
        active = page.locator(".md-tabs__item--active")
        assert active.all_inner_texts() == [tab], url


# Screenshots


@pytest.mark.parametrize("name,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(
    browser: Any,
    home_site: tuple[Path, str, list[Any]],
    synthetic_site: BuiltSite,
    name: str,
    viewport: dict[str, int],
) -> None:
    out, url, rows = home_site
    _write_index(out, rows)
    s = Session(browser, url, viewport, is_mobile=name == "phone")
    try:
        page = s.page("")
        page.locator(".rdkb-study-today").wait_for()
        shot(page, f"{name}-home")
        page.goto(url + first_page(synthetic_site, "themes/"))
        shot(page, f"{name}-theme")
        page.goto(url + UNSIGNED)
        page.get_by_role("button", name="加入学习清单").click()
        shot(page, f"{name}-article")
        page.get_by_role("button", name="复制引用").click()
        shot(page, f"{name}-citation")
        page.keyboard.press("Escape")
        page.locator(".rdkb-study-header").click()
        shot(page, f"{name}-reading-list")
        page.keyboard.press("Escape")
        page.emulate_media(media="print")
        shot(page, f"{name}-print")
    finally:
        s.close()
