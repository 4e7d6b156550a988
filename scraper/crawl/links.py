"""Link discovery on column (list) pages: pure functions from HTML text to article and page links.

Congress sites are mostly built on a few CMSs (TRS WCM, Hanweb, home-grown PHP) whose URLs tell
articles from lists: ``t20240519_123456.html``, ``/2024-05/19/content_…``, ``art_12_3456.html``,
``index_1.html``, ``list_2.shtml``, ``?page=3``. A site adapter may replace either guess with a
regular expression; nothing here fetches anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.etree
import lxml.html

# Article-like URLs, most specific first (any match is enough).
_ARTICLE_URL = (
    re.compile(r"/t\d{8}_\d+\.s?html?$"),  # TRS WCM: t20240519_123456.html
    re.compile(r"/art_\d+_\d+\.s?html?$"),  # Hanweb: art_123_4567.html
    re.compile(r"/content[_/]"),  # content_123.htm, /content/…
    re.compile(r"/(?:19|20)\d{2}(?:[-/]?\d{2})(?:[-/]?\d{2})?/[^/]+$"),  # /2024-05/19/x, /202405/x
    re.compile(r"/(?:article|detail|details|show|view|news)[/_-][^/]*\d"),
    re.compile(r"[?&](?:id|aid|articleid|newsid|contentid|infoid)=\d+", re.IGNORECASE),
    re.compile(r"/\d{3,}\.s?html?$"),  # numeric id: /12345.html
)
# URLs that are never an article, whatever else they look like.
_NOT_ARTICLE = re.compile(
    r"(?:/index(?:_\d+)?\.s?html?|/list(?:_\d+)?\.\w+|/default\.\w+"
    r"|\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|bmp|mp4|mp3|avi|wmv|flv|apk|exe|css|js))$",
    re.IGNORECASE,
)
_PAGINATION_URL = (
    re.compile(r"/(?:index|list|default)_\d+\.\w+$", re.IGNORECASE),
    re.compile(
        r"[?&](?:page|pageno|pagenum|pn|p|curpage|currentpage|pageindex)=\d+", re.IGNORECASE
    ),
    re.compile(r"/(?:index|list)[-_]?\d*\.s?html?$", re.IGNORECASE),
)
_NEXT_TEXTS = frozenset(
    {"下一页", "下页", "后一页", "后页", "末页", "尾页", "最后一页", "next", "»", ">", ">>"}
)
_PAGE_NUMBER = re.compile(r"^[\[【(]?\d{1,4}[\]】)]?$")
# TRS WCM writes its pager from a script: createPageHTML(countPage, currentPage, "index", "html").
_TRS_PAGER = re.compile(
    r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"']([\w-]+)[\"']\s*,\s*[\"'](\w+)[\"']"
)
# Dates in URLs, with how precise they are.
_URL_DAY = re.compile(r"(?:^|[/_t])((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?:[/_.]|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})[-/]?(\d{2})/")
# Query parameters that make a list page endless rather than longer: a calendar's day, a cache
# buster, a session. A list page is the same list without them.
_UNBOUNDED_PARAMS = frozenset(
    {
        "day",
        "date",
        "month",
        "year",
        "week",
        "calendar",
        "cal",
        "time",
        "ts",
        "timestamp",
        "t",
        "_",
        "r",
        "rand",
        "random",
        "nocache",
        "sid",
        "sessionid",
        "jsessionid",
        "phpsessid",
    }
)
_DATE_VALUE = re.compile(r"^(?:19|20)\d{2}-?\d{1,2}(?:-?\d{1,2})?$")
MIN_TITLE_CHARS = 5
MAX_TITLE_CHARS = 120


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class ListPageLinks:
    """What a column page leads to: articles to fetch and further column pages."""

    articles: tuple[Link, ...]
    pages: tuple[str, ...]


def anchors(html: str, page_url: str) -> list[Link]:
    """Every http(s) link on the page, absolute, without fragment, with its visible text."""
    root = _parse(html)
    if root is None:
        return []
    base = page_url
    for href in root.xpath("//base/@href"):
        base = urljoin(page_url, str(href).strip())
        break
    links: list[Link] = []
    for element in root.iter("a"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = _clean_url(urljoin(base, href))
        if url is None:
            continue
        text = " ".join(element.text_content().split()) or (element.get("title") or "").strip()
        links.append(Link(url=url, text=text))
    return links


def same_site(url: str, hosts: Iterable[str]) -> bool:
    """Whether ``url`` is on one of ``hosts`` (``www.`` ignored; subdomains are other sites)."""
    host = _bare_host(urlsplit(url).hostname or "")
    return any(host == _bare_host(h) for h in hosts)


def is_article_url(url: str) -> bool:
    """Whether the URL has the shape of an article page on a congress/government CMS."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if _NOT_ARTICLE.search(parts.path):
        return False
    return any(p.search(target) for p in _ARTICLE_URL)


def is_title_text(text: str) -> bool:
    """Anchor texts of article links are headlines: not 更多, not a page number, not a paragraph."""
    return MIN_TITLE_CHARS <= len(text) <= MAX_TITLE_CHARS


def url_date(url: str) -> dt.date | None:
    """The latest publication date the URL allows (a month-only URL gives the month's last day)."""
    path = urlsplit(url).path
    match = _URL_DAY.search(path)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    match = _URL_MONTH.search(path)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def discover(
    html: str,
    page_url: str,
    *,
    hosts: Iterable[str] = (),
    article_pattern: re.Pattern[str] | None = None,
    pagination_pattern: re.Pattern[str] | None = None,
) -> ListPageLinks:
    """Article links and further list pages on a column page, in page order, without repeats.

    ``hosts`` defaults to the page's own host. Adapter patterns, when given, replace the URL-shape
    guess for their kind; article links must still carry a headline-like text.
    """
    site_hosts = tuple(hosts) or (urlsplit(page_url).hostname or "",)
    articles: dict[str, Link] = {}
    pages: dict[str, None] = {}
    own = _clean_url(page_url) or page_url
    for link in anchors(html, page_url):
        if link.url == own or not same_site(link.url, site_hosts):
            continue
        if _is_pagination(link, page_url, pagination_pattern):
            pages.setdefault(link.url, None)
        elif _is_article(link, article_pattern) and link.url not in articles:
            articles[link.url] = link
    for url in script_pages(html, page_url):
        if url != own:
            pages.setdefault(url, None)
    return ListPageLinks(articles=tuple(articles.values()), pages=tuple(pages))


def canonical_list_url(url: str) -> tuple[str, tuple[str, ...]]:
    """(the list page's URL without unbounded query parameters, the names dropped).

    A calendar links ``?day=N`` to ``?day=N+1`` for ever, each "page" listing other junk; a
    cache buster makes every visit a new URL. Without those parameters the links lead back to a
    page the crawl has, and the trap closes."""
    parts = urlsplit(url)
    if not parts.query:
        return url, ()
    kept: list[tuple[str, str]] = []
    dropped: list[str] = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _UNBOUNDED_PARAMS or _DATE_VALUE.match(value):
            dropped.append(name)
        else:
            kept.append((name, value))
    if not dropped:
        return url, ()
    query = urlencode(kept)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, "")), tuple(dropped)


def script_pages(html: str, page_url: str) -> list[str]:
    """Next page of a TRS ``createPageHTML(count, current, prefix, suffix)`` pager, if any."""
    match = _TRS_PAGER.search(html)
    if not match:
        return []
    count, current, prefix, suffix = (
        int(match.group(1)),
        int(match.group(2)),
        match.group(3),
        match.group(4),
    )
    following = current + 1
    if following >= count:
        return []
    return [urljoin(page_url, f"{prefix}_{following}.{suffix}")]


# Helpers


def _is_article(link: Link, pattern: re.Pattern[str] | None) -> bool:
    if not is_title_text(link.text):
        return False
    if pattern is not None:
        return bool(pattern.search(link.url))
    return is_article_url(link.url)


def _is_pagination(link: Link, page_url: str, pattern: re.Pattern[str] | None) -> bool:
    if pattern is not None:
        return bool(pattern.search(link.url))
    text = link.text.strip().lower()
    if text in _NEXT_TEXTS:
        return True
    same_folder = _folder(link.url) == _folder(page_url)
    if _PAGE_NUMBER.match(text) and same_folder:
        return True
    return same_folder and any(p.search(_path_query(link.url)) for p in _PAGINATION_URL)


def _folder(url: str) -> str:
    path = urlsplit(url).path
    return path[: path.rfind("/") + 1]


def _path_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _clean_url(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


def _parse(html: str) -> lxml.html.HtmlElement | None:
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None
