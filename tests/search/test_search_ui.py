"""The header search as a reader uses it (issue 15, point 4), in headless Chromium on a real
built site (the synthetic archive of tests/site/conftest.py, built once per session).

Expected answers come from the archive's Markdown front matter and bodies, never from the index:
state in the URL survives Back and reproduces from a link; the opened article marks the words and
shows the first; a snippet for every term; author suggestions from part of a name; an empty state
per cause; controls and placeholder that fit a phone; the 样例 mark on sample articles only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from bench.chromium import CHROMIUM
from bench.search.reference import reference_form
from tests.conftest import ROOT, serve_directory, unescape_markdown
from tests.site.conftest import BuiltSite, synthetic_site  # noqa: F401 (the session fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]

SCREENSHOTS = ROOT / "bench" / "out" / "screenshots"
DONE = "document.querySelector('[data-rdkb-search]').dataset.done"


@dataclass(frozen=True)
class Article:
    url: str  # site-root-relative page URL
    title: str  # normalised
    body: str  # normalised
    year: str
    authors: tuple[str, ...]
    sample: bool


def _articles(site: BuiltSite) -> dict[str, Article]:
    found = {}
    for url, meta in site.front_matter().items():
        body = re.sub(r"^#{1,6}\s+", "", str(meta["_body"]), flags=re.MULTILINE)
        body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body)  # a link's text, not its address
        urls = [meta.get("url"), meta.get("original_url"), *(meta.get("also_at") or [])]
        hosts = [urlsplit(u).hostname or "" for u in urls if isinstance(u, str)]
        authors = tuple(str(a.get("name") or a.get("position")) for a in meta.get("authors") or [])
        found[url] = Article(
            url=url,
            title=reference_form(str(meta["title"])),
            body=reference_form(unescape_markdown(body)),
            year=str(meta["date"])[:4] if meta.get("date") else "",
            authors=authors,
            sample=any(h.endswith(".example") for h in hosts),
        )
    return found


def _expected(articles: dict[str, Article], query: str, **filters: str) -> set[str]:
    terms = [reference_form(t) for t in query.split()]
    return {
        a.url
        for a in articles.values()
        if all(t in a.title or t in a.body for t in terms)
        and (not filters.get("year") or a.year == filters["year"])
        and (not filters.get("author") or any(filters["author"] in n for n in a.authors))
    }


@pytest.fixture(scope="module")
def articles(synthetic_site: BuiltSite) -> dict[str, Article]:  # noqa: F811
    return _articles(synthetic_site)


@pytest.fixture(scope="module")
def server(synthetic_site: BuiltSite) -> Iterator[str]:  # noqa: F811
    with serve_directory(synthetic_site.out) as url:
        yield url


class Watched:
    """A page whose script errors and requests to other hosts fail the test."""

    def __init__(self, browser: Any, server: str, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request", lambda r: None if r.url.startswith(server) else self.outside.append(r.url)
        )

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not self.outside, self.outside


@pytest.fixture
def desktop(browser: Any, server: str) -> Iterator[Any]:
    watched = Watched(browser, server, viewport={"width": 1366, "height": 900})
    yield watched.page
    watched.close()


@pytest.fixture
def phone(browser: Any, server: str) -> Iterator[Any]:
    watched = Watched(
        browser,
        server,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield watched.page
    watched.close()


def _wait(page: Any, previous: str | None = None) -> str:
    """Wait for a search run newer than ``previous`` to finish; returns its run id."""
    page.wait_for_function(f"p => {DONE} && {DONE} !== p", arg=previous or "", timeout=30_000)
    return str(page.get_attribute("[data-rdkb-search]", "data-done"))


def _type(page: Any, query: str) -> str:
    """Type ``query`` into the box; wait for the run of exactly this text to finish."""
    previous = page.get_attribute("[data-rdkb-search]", "data-done")
    page.fill("#rdkb-search-input", query)
    page.wait_for_function(
        "([p, q]) => { const b = document.querySelector('[data-rdkb-search]');"
        " return b.dataset.done && b.dataset.done !== p && b.dataset.query === q; }",
        arg=[previous or "", query],
        timeout=30_000,
    )
    return str(page.get_attribute("[data-rdkb-search]", "data-done"))


def _all_results(page: Any) -> list[str]:
    """Every result's page URL (site-root-relative), after showing all of them."""
    more = page.locator(".rdkb-search__more")
    while more.is_visible():
        count = page.locator(".rdkb-search__item").count()
        more.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.rdkb-search__item').length > n", arg=count
        )
    hrefs = page.eval_on_selector_all(".rdkb-search__item a", "els => els.map(e => e.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


def _status(page: Any) -> str:
    return str(page.inner_text(".rdkb-search__status"))


def _year_with_results(articles: dict[str, Article], query: str) -> str:
    years = Counter(articles[u].year for u in _expected(articles, query))
    return years.most_common(1)[0][0]


# 1. the search state in the URL


def test_back_restores_the_search_and_a_link_reproduces_it(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    page, query = desktop, "监督 预算"
    year = _year_with_results(articles, query)
    expected = _expected(articles, query, year=year)
    assert 1 < len(expected) < len(_expected(articles, query))
    page.goto(server + "themes/")
    page.keyboard.press("/")
    page.keyboard.type(query)
    done = _wait(page)
    page.select_option("select[data-filter=year]", year)
    _wait(page, done)
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": [query], "year": [year]}
    shown = _all_results(page)
    assert set(shown) == expected
    assert f"共 {len(expected)} 篇" in _status(page)

    page.locator(".rdkb-search__item a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    page.go_back()
    _wait(page)
    assert urlsplit(page.url).path == "/themes/"
    assert page.input_value("#rdkb-search-input") == query
    assert page.input_value("select[data-filter=year]") == year
    assert page.locator(".rdkb-search__panel").is_visible()
    assert _all_results(page) == shown

    # the same URL typed into a new tab: the same results, in the same order
    link = page.url
    other = page.context.new_page()
    other.goto(link)
    _wait(other)
    assert other.input_value("#rdkb-search-input") == query
    assert _all_results(other) == shown
    other.close()

    # a hand-written link with an author given by part of a name
    surname = _surname(articles)
    page.goto(server + "?q=" + quote("人大") + "&author=" + quote(surname))
    _wait(page)
    assert set(_all_results(page)) == _expected(articles, "人大", author=surname)

    # closing the search leaves a plain page address (a reload shows the page, not the search)
    page.keyboard.press("Escape")
    assert not urlsplit(page.url).query


def test_back_shows_as_many_results_as_were_shown(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    """A reader who clicked 显示更多 and opened the 25th result comes Back to the 25th."""
    page, query = desktop, "人大"
    assert len(_expected(articles, query)) > 30
    page.goto(server + "?q=" + quote(query))
    _wait(page)
    for shown in (20, 30):
        page.click(".rdkb-search__more")
        page.wait_for_function(
            "n => document.querySelectorAll('.rdkb-search__item').length >= n", arg=shown
        )
    target = page.locator(".rdkb-search__item").nth(24)
    target.scroll_into_view_if_needed()
    href = target.locator("a").get_attribute("href")
    target.locator("a").click()
    page.wait_for_url(re.compile(r"/articles/"))
    page.go_back()
    _wait(page)
    page.wait_for_function("document.querySelectorAll('.rdkb-search__item').length >= 30")
    again = page.locator(".rdkb-search__item").nth(24)
    assert again.locator("a").get_attribute("href") == href
    assert again.is_visible()
    panel = page.locator(".rdkb-search__panel").bounding_box()
    item = again.bounding_box()
    assert panel and item
    assert panel["y"] <= item["y"] and item["y"] + item["height"] <= panel["y"] + panel["height"]


# 2. the opened article marks the words


def test_the_opened_article_marks_the_words_and_shows_the_first(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    page, query = desktop, "人大代表 监督"
    page.goto(server + "?q=" + quote(query))
    _wait(page)
    # a long article whose first match in the body is below the fold
    page.locator(".rdkb-search__item a").nth(2).click()
    page.wait_for_selector("mark.rdkb-mark")
    url = urlsplit(page.url)
    assert parse_qs(url.query)["h"] == [query]
    article = articles[url.path.lstrip("/")]

    marked = page.evaluate(
        """() => {
          const article = document.querySelector('.md-content article');
          const copy = article.cloneNode(true);
          copy.querySelectorAll('.rdkb-sample-notice, .rdkb-article-header dl,'
            + ' .rdkb-article-header .rdkb-tags, .rdkb-article-footer').forEach(e => e.remove());
          const marks = [...article.querySelectorAll('mark.rdkb-mark')];
          return {
            text: copy.textContent,
            marks: marks.map(m => m.textContent),
            outside: marks.filter(m => m.closest('.rdkb-article-footer, .rdkb-article-header dl'))
              .length,
          };
        }"""
    )
    text = reference_form(marked["text"])
    terms = [reference_form(t) for t in query.split()]
    assert marked["outside"] == 0
    assert {reference_form(m) for m in marked["marks"]} <= set(terms)
    # every occurrence in the title and body is marked, and nothing else
    assert sum(len(reference_form(m)) for m in marked["marks"]) == sum(
        text.count(t) * len(t) for t in terms
    )
    assert text.count(terms[0]) >= article.body.count(terms[0]) > 0

    current = page.locator("mark.rdkb-mark--current")
    assert current.count() == 1
    box = current.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box and header
    assert header["height"] <= box["y"] and box["y"] + box["height"] <= 900
    assert page.evaluate("scrollY") > 0  # it had to scroll to get there
    assert "第 1 / " in page.inner_text(".rdkb-marks")

    page.get_by_role("button", name="下一处").click()
    assert "第 2 / " in page.inner_text(".rdkb-marks")
    page.get_by_role("button", name="取消标出搜索词").click()
    assert page.locator("mark.rdkb-mark").count() == 0
    assert "h" not in parse_qs(urlsplit(page.url).query)
    assert reference_form(page.inner_text(".md-content article")).count(terms[0]) > 0


def test_marks_are_text_not_markup(desktop: Any, server: str) -> None:
    """The words come from the address: they are matched as text, never parsed as HTML."""
    page = desktop
    page.goto(server + "?q=" + quote("监督"))
    _wait(page)
    href = page.eval_on_selector(".rdkb-search__item a", "e => e.href")
    hostile = "<img src=x onerror=window.hacked=1>监督"
    page.goto(href.split("?")[0] + "?h=" + quote(hostile))
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-content article img[src=x]").count() == 0
    assert page.evaluate("window.hacked") is None
    assert page.locator("mark.rdkb-mark").count() == 0  # the whole string is one term


# 3. a snippet for every term


def test_every_term_of_an_and_query_gets_a_snippet(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    page, query = desktop, "预算 基层立法联系点"
    terms = query.split()
    page.goto(server + "?q=" + quote(query))
    _wait(page)
    items = page.locator(".rdkb-search__item")
    assert items.count() > 0
    both = 0
    for i in range(items.count()):
        item = items.nth(i)
        url = urlsplit(item.locator("a").get_attribute("href") or "").path.lstrip("/")
        snippets = item.locator(".rdkb-search__snippet mark").all_inner_texts()
        in_body = [t for t in terms if t in articles[url].body]
        for term in in_body:
            assert term in snippets, (url, term)
        both += len(in_body) == len(terms)
    assert both  # the case at stake: both words in the body, far apart


def _author_without(articles: dict[str, Article], term: str) -> str:
    """A personal name none of whose articles contains ``term``."""
    having = _expected(articles, term)
    names = Counter(n for a in articles.values() for n in a.authors if len(n) <= 3)
    for name, _ in names.most_common():
        if not any(name in articles[u].authors for u in having):
            return name
    raise AssertionError(f"every author wrote {term}: pick another word")


# 4. the author filter suggests names


def _surname(articles: dict[str, Article]) -> str:
    """The first character shared by most distinct personal names of the archive."""
    names = {n for a in articles.values() for n in a.authors if len(n) <= 3}
    return Counter(n[0] for n in names).most_common(1)[0][0]


def test_part_of_a_name_suggests_the_authors(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    page = desktop
    surname = _surname(articles)
    names = {n for a in articles.values() for n in a.authors if surname in n}
    assert len(names) >= 2
    page.goto(server)
    page.click("#rdkb-search-input")
    author = page.locator("input[data-filter=author]")
    author.click()
    previous = page.get_attribute("[data-rdkb-search]", "data-done")
    page.keyboard.type(surname)
    page.wait_for_selector("#rdkb-search-authors li")
    _wait(page, previous)
    options = page.locator("#rdkb-search-authors li span:first-child").all_inner_texts()
    assert set(options) <= names and len(options) == min(8, len(names))
    starting = [o.startswith(surname) for o in options]
    assert starting == sorted(starting, reverse=True)  # names starting with it come first
    # the part alone already filters: every article by an author with that character, by date
    assert "没有找到" not in _status(page)
    assert set(_all_results(page)) == _expected(articles, "", author=surname)

    # keyboard: ↓ ↓ Enter picks the second suggestion
    assert author.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert author.get_attribute("aria-activedescendant") == "rdkb-search-authors-1"
    previous = page.get_attribute("[data-rdkb-search]", "data-done")
    page.keyboard.press("Enter")
    _wait(page, previous)
    assert author.input_value() == options[1]
    assert author.get_attribute("aria-expanded") == "false"
    assert set(_all_results(page)) == {a.url for a in articles.values() if options[1] in a.authors}
    assert parse_qs(urlsplit(page.url).query)["author"] == [options[1]]


# 5. empty states, styling, phone


def test_each_empty_state_says_why_and_what_to_do(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    page = desktop
    page.goto(server)
    page.click("#rdkb-search-input")
    assert page.locator(".rdkb-search__panel").is_visible()
    assert "输入要查找的词语" in _status(page)

    for text in ("“”", " a "):
        _type(page, text)
        assert page.get_attribute("[data-rdkb-search]", "data-empty") == "short"
        assert "太短" in _status(page)
        assert page.locator(".rdkb-search__item").count() == 0

    absent = "量子纠缠通信"
    assert not _expected(articles, absent)
    _type(page, absent)
    assert page.get_attribute("[data-rdkb-search]", "data-empty") == "none"
    assert f"没有找到包含「{absent}」的文章" in _status(page)
    _type(page, "监督 " + absent)
    assert f"没有一篇文章含有「{absent}」" in _status(page)

    # the words exist, but not in the chosen author's articles
    term = "预算"
    name = _author_without(articles, term)
    page.fill("input[data-filter=author]", name)
    _type(page, term)
    total = len(_expected(articles, term))
    assert page.get_attribute("[data-rdkb-search]", "data-empty") == "filtered"
    assert f"有 {total} 篇文章包含「{term}」" in _status(page)
    assert f"作者“{name}”" in _status(page)
    previous = page.get_attribute("[data-rdkb-search]", "data-done")
    page.get_by_role("button", name=re.compile("清除筛选")).click()
    _wait(page, previous)
    assert page.input_value("input[data-filter=author]") == ""
    assert f"共 {total} 篇" in _status(page)


def test_controls_wear_the_site_colours(desktop: Any, server: str) -> None:
    page = desktop
    page.goto(server + "?q=" + quote("监督"))
    _wait(page)
    style = page.evaluate(
        """() => {
          const css = (sel, prop, pseudo) =>
            getComputedStyle(document.querySelector(sel), pseudo || null)[prop];
          return {
            select: css('select[data-filter=year]', 'appearance'),
            type: document.querySelector('#rdkb-search-input').type,
            clear: css('.rdkb-search__clear', 'color'),
            header: css('.md-header', 'color'),
            clearShown: !document.querySelector('.rdkb-search__clear').hidden,
          };
        }"""
    )
    assert style["select"] == "none"  # no native-looking select
    assert style["type"] == "text"  # a search field would add the browser's blue ×
    assert style["clearShown"]
    # our × is the header's own foreground colour (white on red), a little translucent
    assert (
        re.sub(r"[^\d,]", "", style["clear"]).split(",")[:3]
        == re.sub(r"[^\d,]", "", style["header"]).split(",")[:3]
    )
    page.click(".rdkb-search__clear")
    assert page.input_value("#rdkb-search-input") == ""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(server + "?q=" + quote("人大代表 监督"))
    _wait(page)
    page.screenshot(path=str(SCREENSHOTS / "search-desktop.png"))


def test_search_fits_a_phone(phone: Any, server: str, articles: dict[str, Article]) -> None:
    page = phone
    page.goto(server)
    box = page.locator("#rdkb-search-input")
    placeholder = box.get_attribute("placeholder") or ""
    assert placeholder and not re.search(r"[/按键]", placeholder)  # no keys on a touch screen
    fits = page.evaluate(
        """() => {
          const input = document.querySelector('#rdkb-search-input');
          const style = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = style.fontSize + ' ' + style.fontFamily;
          const room = input.clientWidth
            - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return ctx.measureText(input.placeholder).width <= room;
        }"""
    )
    assert fits
    box.tap()
    page.keyboard.type("监督")
    _wait(page)
    # the filters fold away on a phone, behind one button, so results start on the first screen
    year = page.locator("select[data-filter=year]")
    assert not year.is_visible()
    toggle = page.locator(".rdkb-search__filter-toggle")
    toggle.tap()
    assert year.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    toggle.tap()
    assert not year.is_visible()
    first = page.locator(".rdkb-search__item").first.bounding_box()
    assert first and first["y"] < 844 / 3
    panel = page.locator(".rdkb-search__panel").bounding_box()
    assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert f"共 {len(_expected(articles, '监督'))} 篇" in _status(page)
    page.screenshot(path=str(SCREENSHOTS / "search-phone.png"))
    # a link with a filter opens them
    year_value = _year_with_results(articles, "监督")
    page.goto(page.url.split("?")[0] + f"?q={quote('监督')}&year={year_value}")
    _wait(page)
    assert year.is_visible() and year.input_value() == year_value
    page.locator(".rdkb-search__item a").first.tap()
    page.wait_for_selector("mark.rdkb-mark--current")
    bar = page.locator(".rdkb-marks").bounding_box()
    assert bar and bar["x"] >= 0 and bar["x"] + bar["width"] <= 390
    edges = page.eval_on_selector_all(
        ".rdkb-marks > *", "els => els.map(e => e.getBoundingClientRect().right)"
    )
    assert edges and max(edges) <= 390  # every button on the screen, none cut


# 6. the 样例 mark


def test_sample_articles_carry_the_sample_mark(
    desktop: Any, server: str, articles: dict[str, Article]
) -> None:
    page, query = desktop, "人大代表"
    expected = _expected(articles, query)
    kinds = {articles[u].sample for u in expected}
    assert kinds == {True, False}  # the query finds both kinds
    page.goto(server + "?q=" + quote(query))
    _wait(page)
    _all_results(page)
    items = page.locator(".rdkb-search__item")
    assert items.count() == len(expected)
    for i in range(items.count()):
        item = items.nth(i)
        url = urlsplit(item.locator("a").get_attribute("href") or "").path.lstrip("/")
        tags = item.locator(".rdkb-search__sample")
        assert tags.count() == (1 if articles[url].sample else 0), url
        if tags.count():
            assert tags.inner_text() == "样例"
