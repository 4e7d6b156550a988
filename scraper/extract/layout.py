"""Where the title, the info bar, the body and the foot sit among a page's lines.

The same cut works for rendered HTML and plain-text dumps: find the title line, skip the info
lines under it, read paragraphs until page furniture starts, then peel author/source/date lines
off the foot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from scraper.extract.authors import BYLINE, author_from_foot
from scraper.extract.dates import DATE_ALONE, DATE_ANYWHERE
from scraper.extract.document import Line
from scraper.extract.patterns import (
    BODY_END,
    BOILERPLATE_LINE,
    BREADCRUMB,
    ICP_OR_CONTACT,
    INFO_LABELS,
    NEEDS_COLON_OR_ALONE,
    SITE_NAME,
    SOURCE_LINE,
    TITLE_SUFFIX,
)
from scraper.records import Author

_HEAD_SCAN = 40  # the title is among the first lines of any page


@dataclass(frozen=True)
class Layout:
    title_index: int | None  # line holding the title, None when the title is not among the lines
    header: tuple[str, ...]  # title line and the info lines under it
    above: tuple[str, ...]  # the lines just above the title (some sites put the date there)
    body: tuple[Line, ...]
    foot: tuple[str, ...]  # author/source/date lines peeled off the end of the body
    rest: tuple[str, ...]  # everything after the body: editor lines, links, footers


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_info_line(text: str) -> bool:
    """An info bar line: labelled fields (发布时间/来源/作者…) or a date standing alone."""
    if len(text) > 160:
        return False
    if DATE_ALONE.match(text):
        return True
    return bool(INFO_LABELS.search(text)) and bool(
        DATE_ANYWHERE.search(text) or re.search(r"(?:来源|作者)\s*[:：]", text)
    )


def is_furniture(text: str) -> bool:
    """Page furniture that never belongs in an article, wherever it appears."""
    return bool(BOILERPLATE_LINE.match(text) or (BREADCRUMB.match(text) and len(text) < 60))


def is_body_end(text: str) -> bool:
    if BODY_END.match(text):
        if NEEDS_COLON_OR_ALONE.match(text):
            return bool(re.match(r"^\s*\S{1,4}\s*[:：]", text)) or len(text) <= 6
        return True
    return bool(ICP_OR_CONTACT.search(text)) and len(text) < 120


def title_prefix(text: str) -> str | None:
    """Title text sharing a line with its info bar: ``TITLE 发布时间:… 来源:…``."""
    match = INFO_LABELS.search(text)
    if match and match.start() >= 6:
        prefix = text[: match.start()].strip()
        return prefix if not is_furniture(prefix) else None
    return None


def title_line_matching(lines: tuple[Line, ...], html_title: str | None) -> str | None:
    """The visible line that <title> repeats, usually followed there by the site name."""
    if not html_title:
        return None
    wanted = normalise_space(html_title)
    best: str | None = None
    for line in lines:
        text = normalise_space(line.text)
        if line.link_only or len(text) < 4 or is_furniture(line.text):
            continue
        suffix = " " + html_title[len(line.text) :].strip()
        repeated = wanted == text or (wanted.startswith(text) and TITLE_SUFFIX.fullmatch(suffix))
        if repeated and (best is None or len(text) > len(normalise_space(best))):
            best = line.text
    return best


def is_title_like(text: str) -> bool:
    """A headline: short, no final full stop, not furniture, not the site's own name."""
    return (
        4 <= len(text) <= 90
        and text[-1] not in "。；;：:"
        and not is_furniture(text)
        and not is_info_line(text)
        and not SITE_NAME.match(text)
    )


def guess_title(lines: tuple[Line, ...]) -> str | None:
    """The headline next to the info bar (above it, or below a date line); else a heading."""
    lines = tuple(line for line in lines if not line.link_only)
    texts = [line.text for line in lines[:_HEAD_SCAN]]
    for index, text in enumerate(texts):
        if not is_info_line(text):
            continue
        prefix = title_prefix(text)
        if prefix:
            return prefix
        for previous in reversed(texts[max(0, index - 3) : index]):
            if not is_furniture(previous):
                if is_title_like(previous):
                    return previous
                break
        following = texts[index + 1 : index + 2]
        if following and is_title_like(following[0]) and DATE_ALONE.match(text):
            return following[0]
    for line in lines[:_HEAD_SCAN]:
        if line.heading and 4 <= len(line.text) <= 90 and not is_furniture(line.text):
            return line.text
    return None


def title_from_html_title(html_title: str | None) -> str | None:
    """<title> minus the site name CMSs append (标题_甘肃人大网, 标题 - 黑龙江网)."""
    if not html_title:
        return None
    return TITLE_SUFFIX.sub("", html_title).strip() or None


def find_title_index(lines: tuple[Line, ...], title: str) -> int | None:
    wanted = normalise_space(title)
    if not wanted:
        return None
    for index, line in enumerate(lines):
        text = normalise_space(line.text)
        if text == wanted or (text.startswith(wanted) and is_info_line(line.text)):
            return index
    for index, line in enumerate(lines):
        text = normalise_space(line.text)
        if wanted in text and len(text) <= len(wanted) + 40 and not is_furniture(line.text):
            return index
    return None


def _is_header_line(line: Line) -> bool:
    text = line.text
    return (
        is_info_line(text)
        or is_furniture(text)
        or bool(BYLINE.match(text) and len(text) <= 60)
        or bool(SOURCE_LINE.match(text) and len(text) <= 60)
    )


@dataclass(frozen=True)
class FootFact:
    """What a line at the article's foot states instead of being text."""

    kind: Literal["authors", "source", "date"]
    value: str
    authors: tuple[Author, ...] = ()


def foot_fact(text: str) -> FootFact | None:
    authors = author_from_foot(text)
    if authors is not None:
        return FootFact("authors", text, authors)
    source = SOURCE_LINE.match(text)
    if source and len(text) <= 60:
        return FootFact("source", source["source"].strip())
    if DATE_ALONE.match(text):
        return FootFact("date", text)
    return None


def _read_header(lines: tuple[Line, ...], title_index: int | None) -> tuple[list[str], int]:
    """The title line and the info lines under it; returns them and where the body starts."""
    if title_index is None:
        return [], 0
    header = [lines[title_index].text]
    start = title_index + 1
    while start < len(lines) and (not lines[start].in_root or _is_header_line(lines[start])):
        if lines[start].in_root or start - title_index <= 6:  # an info bar beside the content
            header.append(lines[start].text)
        start += 1
    return header, start


def _read_body(lines: tuple[Line, ...], start: int) -> tuple[list[Line], int]:
    """Paragraphs from ``start`` until page furniture begins; returns them and where it begins."""
    body: list[Line] = []
    for end in range(start, len(lines)):
        line = lines[end]
        if is_body_end(line.text):
            if body or not line.in_root:
                return body, end
            continue  # furniture above the article (share bar, editor line): skip it
        if line.in_root and not line.link_only and not is_furniture(line.text):
            body.append(line)
    return body, len(lines)


def split_layout(lines: tuple[Line, ...], title: str) -> Layout:
    title_index = find_title_index(lines, title)
    above = [] if title_index is None else lines[max(0, title_index - 2) : title_index]
    header, start = _read_header(lines, title_index)
    body, end = _read_body(lines, start)
    rest = tuple(line.text for line in lines[end:])
    foot: list[str] = []
    while body and foot_fact(body[-1].text) is not None:
        foot.insert(0, body.pop().text)
    # Author lines that sit just outside the content element, before the furniture starts.
    foot.extend(text for text in rest[:3] if (f := foot_fact(text)) and f.kind == "authors")
    return Layout(
        title_index=title_index,
        header=tuple(header),
        above=tuple(line.text for line in reversed(above)),
        body=tuple(body),
        foot=tuple(foot),
        rest=rest,
    )


def foot_facts(foot: tuple[str, ...]) -> list[FootFact]:
    return [fact for fact in map(foot_fact, foot) if fact is not None]
