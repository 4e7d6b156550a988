"""SearchDoc: what the index knows about one article, built from its front matter and body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scraper.records import SAMPLE_HOST_SUFFIX
from scraper.search.normalise_text import FIELD_SEPARATOR, Block, body_blocks, normalise


@dataclass(frozen=True)
class Section:
    """Body text under one heading; the first section (before any heading) has no anchor."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-relative URL of the article page, e.g. articles/2024/2024-05-19-x/
    title: str
    date: str  # YYYY-MM-DD
    region: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # names; a position when the name is unknown
    themes: tuple[str, ...] = ()  # theme names
    sections: tuple[Section, ...] = ()
    sample: bool = False  # our own writing (see is_sample): results carry the 样例 mark

    @property
    def province(self) -> str:
        return self.region[0] if self.region else ""

    @property
    def year(self) -> str:
        return self.date[:4]

    def body(self) -> str:
        """The body text in reading order: each heading, then its paragraphs."""
        return "".join(s.heading + s.text for s in self.sections)

    def indexed_text(self) -> str:
        """Normalised title and body, separated so that no match spans the two."""
        return normalise(self.title) + FIELD_SEPARATOR + normalise(self.body())

    def to_dict(self) -> dict[str, Any]:
        """The per-article record the browser fetches for snippets and verification."""
        return {
            "u": self.url,
            "t": self.title,
            "d": self.date,
            "r": list(self.region),
            "a": list(self.authors),
            "s": [[s.anchor, s.heading, s.text] for s in self.sections],
            "x": 1 if self.sample else 0,
        }


def is_sample(meta: Mapping[str, Any]) -> bool:
    """Whether the article is one of ours: the site must never pass it off as a real report."""
    urls = [meta.get("url"), meta.get("original_url"), *_strings(meta.get("also_at"))]
    return any(_host(u).endswith(SAMPLE_HOST_SUFFIX) for u in urls if isinstance(u, str))


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # a hand-edited URL that is not one ("http://[x")
        return ""


def _authors(value: Any) -> tuple[str, ...]:
    names: list[str] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, Mapping):
            name = item.get("name") or item.get("position")
            if name:
                names.append(str(name))
        elif item:
            names.append(str(item))
    return tuple(names)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def doc_from_markdown(
    meta: Mapping[str, Any],
    body: str,
    url: str,
    anchors: Sequence[tuple[str, str]] = (),
    themes: Sequence[str] | None = None,
    blocks: Sequence[Block] | None = None,
) -> SearchDoc:
    """A SearchDoc from front matter, Markdown body and the page's heading anchors.

    ``anchors`` are (heading text, id) pairs from the rendered page's table of contents; each
    heading takes the first unused anchor whose text matches. ``themes`` (names) replaces the
    front matter's ``themes:`` when given (the site assigns themes at build time). ``blocks``:
    :func:`body_blocks` of ``body``, when the caller has them already.
    """
    date = meta.get("date")
    date_text = date.isoformat() if isinstance(date, dt.date) else str(date or "")
    unused = [(normalise(text), anchor) for text, anchor in anchors]
    sections: list[Section] = []
    anchor, heading, parts = "", "", []
    for block in body_blocks(body) if blocks is None else blocks:
        if block.level == 0:
            parts.append(block.text)
            continue
        if heading or parts:
            sections.append(Section(anchor, heading, "\n".join(parts)))
        heading, parts, anchor = block.text, [], ""
        key = normalise(block.text)
        for index, (text, candidate) in enumerate(unused):
            if text == key:
                anchor = candidate
                del unused[index]
                break
    if heading or parts:
        sections.append(Section(anchor, heading, "\n".join(parts)))
    return SearchDoc(
        url=url,
        title=str(meta.get("title") or ""),
        date=date_text,
        region=_strings(meta.get("region")),
        authors=_authors(meta.get("authors")),
        themes=tuple(themes) if themes is not None else _strings(meta.get("themes")),
        sections=tuple(sections),
        sample=is_sample(meta),
    )
