"""Typed records that cross stage boundaries.

They are frozen so a stage cannot change what an earlier stage produced, and they carry
``to_dict``/``from_dict`` so they can travel as JSON (dry-run output, crawl catalog, tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Front-matter keys in the order they are written; nothing else is written by the importer.
# Sample articles (our own writing) live on hosts under the reserved ``.example`` domain: the
# site marks them 样例 wherever it lists them and never quotes them.
SAMPLE_HOST_SUFFIX = ".example"

FRONT_MATTER_KEYS = (
    "title",
    "date",
    "authors",
    "region",
    "source",
    "site",
    "url",
    "original_url",
    "also_at",
    "review",
)


@dataclass(frozen=True)
class RawPage:
    """Bytes exactly as served or saved, plus what is known about where they came from."""

    content: bytes
    origin: str  # file path or URL, used in every message about this page
    url: str | None = None  # the page's own URL when known (crawl); None for local files
    content_type: str | None = None  # HTTP Content-Type header, if any


@dataclass(frozen=True)
class PageHints:
    """What a site adapter knows better than the generic extractor (all optional)."""

    site_name: str | None = None
    region: tuple[str, ...] = ()
    encoding: str | None = None
    title_selector: str | None = None
    date_selector: str | None = None
    body_selector: str | None = None
    author_selector: str | None = None


@dataclass(frozen=True)
class DecodedPage:
    """Text of a page and how it was read."""

    text: str
    encoding: str
    is_html: bool
    origin: str
    url: str | None = None
    # Doubts found while reading the bytes (e.g. a few invalid bytes replaced): field -> reason.
    review: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Author:
    name: str | None
    position: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "position": self.position}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Author:
        return cls(name=data.get("name"), position=data.get("position"))


@dataclass(frozen=True)
class Article:
    """One archived article: front matter fields plus the Markdown body."""

    title: str
    date: dt.date | None  # None when the page gives no date the extractor trusts
    body: str
    authors: tuple[Author, ...] = ()
    region: tuple[str, ...] = ()
    source: str | None = None
    site: str | None = None
    url: str | None = None
    original_url: str | None = None
    also_at: tuple[str, ...] = ()
    # Fields the extractor is unsure of: field -> reason. Written as the front-matter key
    # ``review``; a maintainer fixes the field by hand and deletes the key.
    review: dict[str, str] = field(default_factory=dict, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)  # hand-added keys

    def front_matter(self) -> dict[str, Any]:
        """Known keys only, in canonical order, skipping unknown (None/empty) values."""
        values: dict[str, Any] = {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "authors": [a.to_dict() for a in self.authors],
            "region": list(self.region),
            "source": self.source,
            "site": self.site,
            "url": self.url,
            "original_url": self.original_url,
            "also_at": list(self.also_at),
            "review": dict(self.review),
        }
        meta = {k: v for k, v in values.items() if v not in (None, [], "", {})}
        if self.date is None:
            meta = {"title": meta.pop("title"), "date": None, **meta}  # undated: say so
        meta.update(self.extra)
        return meta

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = dict.fromkeys(FRONT_MATTER_KEYS)
        data.update(self.front_matter())
        data["body"] = self.body
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = set(FRONT_MATTER_KEYS) | {"body"}
        raw_date = data.get("date")
        date: dt.date | None
        if raw_date is None or raw_date == "":
            date = None
        elif isinstance(raw_date, dt.date):
            date = raw_date
        else:
            date = dt.date.fromisoformat(str(raw_date))
        return cls(
            title=str(data["title"]),
            date=date,
            body=str(data.get("body") or ""),
            authors=tuple(Author.from_dict(a) for a in data.get("authors") or ()),
            region=tuple(data.get("region") or ()),
            source=data.get("source"),
            site=data.get("site"),
            url=data.get("url"),
            original_url=data.get("original_url"),
            also_at=tuple(data.get("also_at") or ()),
            review={str(k): str(v) for k, v in (data.get("review") or {}).items()},
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass(frozen=True)
class BodyLine:
    """One paragraph of article text; ``heading`` when the page rendered it as a heading."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class ExtractedPage:
    """Fields read off one page, before normalisation into an Article."""

    origin: str
    title: str
    date: dt.date | None
    body: tuple[BodyLine, ...]
    authors: tuple[Author, ...] = ()
    source: str | None = None
    site: str | None = None
    url: str | None = None
    original_url: str | None = None
    hint_region: tuple[str, ...] = ()
    encoding: str = "utf-8"
    body_from: str = "lines"  # which path found the body: lines | trafilatura
    review: tuple[tuple[str, str], ...] = ()  # field -> reason, for what the extractor doubts
