"""DecodedPage → ExtractedPage: one ``extract_<field>`` per field, each a cascade of fallbacks.

Every extractor takes the parsed page (a :class:`Page`: document lines, metadata and the
title/body layout) and returns a value or None; the order of fallbacks is written in each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from scraper.errors import NoArticleError
from scraper.extract import dates
from scraper.extract.authors import authors_from_header, authors_from_lead, parse_author_spec
from scraper.extract.document import Document, Line, clean_text, html_document, text_document
from scraper.extract.layout import (
    Layout,
    clean_title,
    foot_facts,
    guess_title,
    is_body_end,
    is_furniture,
    is_info_line,
    join_field_labels,
    split_layout,
    title_from_html_title,
    title_line_matching,
)
from scraper.extract.patterns import (
    COPYRIGHT_LINE_MAX,
    ICP_OR_CONTACT,
    INFO_LABELS,
    ORIGINAL_URL,
    OWN_URL,
    SELF_SOURCE,
    SITE_ACCOUNT,
    SITE_COPYRIGHT,
    SITE_NAME,
    SITE_WELCOME,
    SOURCE_FIELD,
    SOURCE_JUNK,
    SOURCE_TRAILER,
)
from scraper.extract.textform import key, plain
from scraper.records import Author, BodyLine, DecodedPage, ExtractedPage, PageHints

_MIN_BODY_CHARS = 40
_LEAD_TITLE_CHARS = 40
_LEAD_LINES = 3  # body lines that may hold the dateline
_SOURCE_AFTER_TEXT = 4  # lines after the text where a 来源/出处 line may stand


@dataclass(frozen=True)
class Page:
    """Everything the field extractors may look at."""

    decoded: DecodedPage
    document: Document
    title: str
    layout: Layout
    hints: PageHints


def extract_title(document: Document, hints: PageHints) -> str | None:
    # 1. adapter selector, 2. government-spec/OG/JSON-LD metadata, 3. the visible line that
    # <title> repeats, 4. the line above the info bar, 5. <title> minus the site suffix.
    for candidate in (
        document.selected.get("title") if hints.title_selector else None,
        document.meta.get("title"),
        title_line_matching(document.lines, document.html_title),
        guess_title(document.lines),
        title_from_html_title(document.html_title),
    ):
        if candidate and len(clean_title(clean_text(candidate))) >= 2:
            return clean_title(clean_text(candidate))
    return None


def extract_date(page: Page) -> dt.date | None:
    layout, document = page.layout, page.document
    foot_dates = [fact.value for fact in foot_facts(layout.foot) if fact.kind == "date"]

    def from_info_lines(lines: tuple[str, ...]) -> dt.date | None:
        return (
            dates.date_from_labelled_lines(lines)
            or dates.date_from_lone_lines(lines)
            or next(filter(None, (dates.date_in_line(t) for t in lines if is_info_line(t))), None)
        )

    # Tried in order; a footer's copyright year or a sidebar's "updated" date is never looked at.
    attempts: tuple[Callable[[], dt.date | None], ...] = (
        lambda: dates.parse_date(document.selected.get("date")),
        lambda: dates.parse_date(document.meta.get("date")),
        lambda: from_info_lines(layout.header),
        lambda: from_info_lines(layout.above),
        lambda: dates.date_from_lone_lines(foot_dates),
        lambda: dates.date_from_labelled_lines(
            line.text for line in document.lines if not ICP_OR_CONTACT.search(line.text)
        ),
        lambda: dates.date_from_url(page.decoded.url),
        lambda: dates.date_from_url(extract_url(page)),
        lambda: dates.date_from_url(extract_original_url(page)),
    )
    for attempt in attempts:
        date = attempt()
        if date:
            return date
    return None


def _merge_authors(header: tuple[Author, ...], foot: tuple[Author, ...]) -> tuple[Author, ...]:
    """The foot wins; a position-only foot completes the names given in the header."""
    if foot and header and all(a.name is None for a in foot) and len(foot) == 1:
        return tuple(Author(a.name, a.position or foot[0].position) for a in header)
    return foot or header


def extract_authors(page: Page) -> tuple[Author, ...]:
    document = page.document
    if "author" in document.selected:
        return parse_author_spec(document.selected["author"])
    foot: tuple[Author, ...] = ()
    for fact in foot_facts(page.layout.foot):
        if fact.kind == "authors" and fact.authors:
            foot = fact.authors
            break
    header = authors_from_header(list(page.layout.header)) or ()
    merged = _merge_authors(header, foot)
    if merged and any(author.name for author in merged):
        return merged
    # A dateline crediting the writers opens the lead, under a kicker or deck line at most.
    for line in page.layout.body[:_LEAD_LINES]:
        lead = authors_from_lead(line.text)
        if lead:
            return lead[0]
    if merged:
        return merged  # an organisation only (作者：某某党支部)
    meta_author = document.meta.get("author")
    return parse_author_spec(meta_author) if meta_author else ()


def _source_field(lines: tuple[str, ...]) -> str | None:
    """来源: VALUE in info lines, VALUE ending where the next field label starts."""
    for line in lines:
        folded = key(line)
        match = SOURCE_FIELD.search(folded)
        if not match:
            continue
        cut = re.search(INFO_LABELS, match["value"])
        end = match.start("value") + cut.start() if cut else len(folded)
        value = plain(line)[match.start("value") : end]
        value = SOURCE_TRAILER.sub("", clean_text(value)).strip("：:，,。 ")
        if value and not SOURCE_JUNK.fullmatch(value) and not SELF_SOURCE.match(key(value)):
            return value
    return None


def extract_source(page: Page) -> str | None:
    # 1. ContentSource metadata, 2. 来源 in the info bar, 3. 来源 at the foot, 4. a 来源 or
    # 出处 line among the first lines after the text.
    foot_sources = tuple(
        f.value
        for f in foot_facts(page.layout.foot)
        if f.kind == "source" and not SELF_SOURCE.match(key(f.value))
    )
    return (
        page.document.meta.get("source")
        or _source_field(page.layout.header)
        or (foot_sources[0] if foot_sources else None)
        or _source_field(page.layout.rest[:_SOURCE_AFTER_TEXT])
        or _source_field(_info_lines_beside_text(page))
    )


def _info_lines_beside_text(page: Page) -> tuple[str, ...]:
    """Info lines outside the article's element, after the headline (a 来源/时间 bar some
    sites print under the text, beside it)."""
    start = (page.layout.title_index or 0) + 1
    lines = page.document.lines[start:]
    return tuple(line.text for line in lines if not line.in_root and is_info_line(line.text))


def _site_from_html_title(document: Document, title: str) -> str | None:
    """标题_栏目_XX人大网 → XX人大网: the last segment of <title>, when it is a name."""
    if not document.html_title or title not in document.html_title:
        return None
    rest = document.html_title.replace(title, "").strip(" -_|｜—")
    last = re.split(r"\s*(?:[-_|｜—–]+)\s*", rest)[-1].strip()
    return last if SITE_NAME.match(last) else None


def extract_site(page: Page) -> str | None:
    # 1. adapter, 2. SiteName/og:site_name/publisher, 3. 欢迎来到X, 4. the name <title> ends
    # with, 5. X 版权所有, 6. first breadcrumb segment or a name-like first line, 7. the site's
    # own accounts it promotes (X网官方微信).
    document = page.document
    if page.hints.site_name:
        return page.hints.site_name
    if document.meta.get("site"):
        return document.meta["site"]
    texts = [line.text for line in document.lines]
    for text in texts:
        match = SITE_WELCOME.search(text)
        if match:
            return match["site"]
    from_title = _site_from_html_title(document, page.title)
    if from_title:
        return from_title
    for text in reversed(texts):
        match = (
            SITE_COPYRIGHT.search(text)
            if len(text) <= COPYRIGHT_LINE_MAX and "版权所有" in text
            else None
        )
        if match:
            return match["before"] or match["after"]
    for text in texts[:3]:
        first = re.split(r"\s*[>›»＞]\s*", text)[0].strip()
        if SITE_NAME.match(key(first)) and first != page.title:
            return first
    for text in texts:
        promoted = SITE_ACCOUNT.match(key(text))
        if promoted:
            return text[: promoted.end("site")]
    return None


def extract_url(page: Page) -> str | None:
    # 1. where the crawler fetched it, 2. canonical link, 3. og:url / JSON-LD url,
    # 4. the browser's "saved from url" mark, 5. a 本文链接: line printed under the article.
    meta = page.document.meta
    own_link = next(filter(None, (OWN_URL.search(t) for t in page.layout.rest)), None)
    for candidate in (
        page.decoded.url,
        meta.get("canonical"),
        meta.get("url"),
        meta.get("saved_from"),
        own_link["url"] if own_link else None,
    ):
        if candidate and candidate.startswith(("http://", "https://")):
            return candidate
    return None


def extract_original_url(page: Page) -> str | None:
    for text in page.layout.rest + tuple(line.text for line in page.layout.body[-3:]):
        match = ORIGINAL_URL.search(text)
        if match:
            return match["url"].rstrip("。，,;；)）")
    for anchor, href in page.document.links:
        if "原文" in anchor and href.startswith(("http://", "https://")):
            return href
    return None


def _trafilatura_body(html: str, anchors: frozenset[str]) -> tuple[BodyLine, ...]:
    """General-purpose main-text extraction, for pages whose layout defeats the line cut.

    Its output still passes our furniture filters, and link texts (menus, article lists) are
    dropped: a page that is only a list of links has no article.
    """
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text:
        return ()
    lines = (clean_text(t.lstrip("-*• ")) for t in text.split("\n"))
    return tuple(
        BodyLine(t)
        for t in lines
        if t and t not in anchors and not is_furniture(t) and not is_body_end(t)
    )


def extract_body(page: Page) -> tuple[tuple[BodyLine, ...], str]:
    body = tuple(BodyLine(line.text, line.heading) for line in page.layout.body)
    if sum(len(line.text) for line in body) >= _MIN_BODY_CHARS:
        return body, "lines"
    if page.decoded.is_html:
        anchors = frozenset(text for text, _ in page.document.links)
        fallback = _trafilatura_body(page.decoded.text, anchors)
        fallback = tuple(line for line in fallback if line.text != page.title)
        if sum(len(line.text) for line in fallback) >= _MIN_BODY_CHARS:
            return fallback, "trafilatura"
    return body, "lines"


def _selectors(hints: PageHints) -> dict[str, str]:
    pairs = {
        "title": hints.title_selector,
        "date": hints.date_selector,
        "body": hints.body_selector,
        "author": hints.author_selector,
    }
    return {key: value for key, value in pairs.items() if value}


def read_document(decoded: DecodedPage, hints: PageHints) -> Document:
    document = html_document(decoded.text, _selectors(hints)) if decoded.is_html else None
    document = document or text_document(decoded.text)
    return replace(document, lines=join_field_labels(document.lines))


def lead_title(body: tuple[BodyLine, ...]) -> str:
    """A stand-in headline for a page that prints none: the lead sentence, cut short."""
    text = " ".join(line.text for line in body[:3])
    sentences = (s.strip(" 。！？!?，,") for s in re.split(r"[。！？!?]", text))
    sentence = next((s for s in sentences if len(s) >= 2), text.strip() or "（无标题）")
    return sentence if len(sentence) <= _LEAD_TITLE_CHARS else sentence[:_LEAD_TITLE_CHARS] + "…"


def extract_page(decoded: DecodedPage, hints: PageHints | None = None) -> ExtractedPage:
    """Read every field off one page.

    Only a page without article text is rejected (NoArticleError). A missing title or date
    does not lose the article: the best stand-in is used and the doubt is named in ``review``.
    """
    hints = hints or PageHints()
    document = read_document(decoded, hints)
    if not any(line.text for line in document.lines):
        raise NoArticleError("no visible text on the page")
    review = dict(decoded.review)
    title = extract_title(document, hints)
    page = Page(decoded, document, title or "", split_layout(document.lines, title), hints)
    body, body_from = extract_body(page)
    if sum(len(line.text) for line in body) < _MIN_BODY_CHARS:
        where = f" under the title “{title[:40]}”" if title else ""
        raise NoArticleError(f"no article text found{where} (a list, empty or challenge page?)")
    if not title:
        title = lead_title(body)
        review["title"] = "no headline found on the page; the lead sentence stands in"
    url = extract_url(page)
    date = extract_date(page)
    if date is None:
        date = dates.date_from_dateline(body[0].text, url)
        review["date"] = (
            "no date in the info bar; taken from the lead's dateline"
            if date
            else "no publication date on the page or in its URL"
        )
    return ExtractedPage(
        origin=decoded.origin,
        title=title,
        date=date,
        body=body,
        authors=extract_authors(page),
        source=extract_source(page),
        site=extract_site(page),
        url=url,
        original_url=extract_original_url(page),
        hint_region=hints.region,
        encoding=decoded.encoding,
        body_from=body_from,
        review=tuple(review.items()),
    )


__all__ = ["Line", "Page", "extract_page"]
