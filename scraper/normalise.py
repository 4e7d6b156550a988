"""ExtractedPage → Article: Markdown body with section headings, and the region.

The body is built from text only and every character Markdown or HTML could interpret is
escaped, so no markup from the scraped page — hostile or not — reaches the archive.
"""

from __future__ import annotations

import re

from scraper.extract.patterns import (
    ENUMERATION_RUN,
    HEADING_NUMBERED,
    HEADING_SUB,
    SENTENCE_END,
)
from scraper.records import Article, BodyLine, ExtractedPage
from scraper.regions import first_region

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#~])")
_LIST_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)")
_MAX_HEADING = 40
_STANDALONE_MAX = 25


def escape_markdown(text: str) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    text = text.replace("&", "&amp;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", text)


def _split_numbered(text: str) -> tuple[str, str] | None:
    """``一、标题。正文…`` → (标题, 正文); None when the line is not a heading at all."""
    if ENUMERATION_RUN.match(text):
        return None
    if len(text) <= _MAX_HEADING and not any(c in text[:-1] for c in SENTENCE_END):
        return text.rstrip("。"), ""
    cut = min((i for i, c in enumerate(text) if c in "。！？"), default=-1)
    if 0 < cut <= _MAX_HEADING:
        return text[:cut], text[cut + 1 :].strip()
    return None


def _is_standalone_heading(lines: tuple[BodyLine, ...], index: int) -> bool:
    """A short line without final punctuation standing between two longer paragraphs."""
    text = lines[index].text
    if not 4 <= len(text) <= _STANDALONE_MAX or text[-1] in SENTENCE_END + '：:，,”"）)':
        return False
    if index == 0 or index == len(lines) - 1:
        return False
    return len(lines[index + 1].text) > 2 * len(text) and len(lines[index - 1].text) > len(text)


def body_markdown(lines: tuple[BodyLine, ...]) -> str:
    """Paragraphs separated by blank lines; 一、 → ##, （一） → ### (## when no 一、 exists)."""
    has_top = any(HEADING_NUMBERED.match(line.text) for line in lines)
    sub_level = "###" if has_top else "##"
    blocks: list[str] = []
    for index, line in enumerate(lines):
        text = line.text
        numbered = HEADING_NUMBERED.match(text) or HEADING_SUB.match(text)
        split = _split_numbered(text) if numbered else None
        if split:
            level = "##" if HEADING_NUMBERED.match(text) else sub_level
            blocks.append(f"{level} {escape_markdown(split[0])}")
            if split[1]:
                blocks.append(escape_markdown(split[1]))
        elif (line.heading and len(text) <= _MAX_HEADING and index > 0) or (
            _is_standalone_heading(lines, index) and not numbered
        ):
            blocks.append(f"{sub_level if has_top else '##'} {escape_markdown(text)}")
        else:
            blocks.append(escape_markdown(text))
    return "\n\n".join(blocks) + "\n"


def region_of(page: ExtractedPage) -> tuple[str, ...]:
    """Author's position first, then the source, then the site's own name, then the adapter."""
    positions = [author.position for author in page.authors]
    region = first_region([*positions, page.source, page.site])
    return region or page.hint_region


def normalise(page: ExtractedPage) -> Article:
    title = re.sub(r"\s+", " ", page.title).strip()
    lines = tuple(line for line in page.body if line.text and line.text != title)
    return Article(
        title=title,
        date=page.date,
        body=body_markdown(lines),
        authors=page.authors,
        region=region_of(page),
        source=page.source,
        site=page.site,
        url=page.url,
        original_url=page.original_url,
        review=dict(page.review),
    )
