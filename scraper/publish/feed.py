"""The Atom feed of the latest articles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax import saxutils

# Characters XML 1.0 does not allow at all (escaped or not): most C0 controls, surrogates,
# U+FFFE/U+FFFF. One of them in one scraped title would make the whole feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """Element text: escaped, characters XML cannot hold dropped."""
    return saxutils.escape(_NOT_XML.sub("", text))


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: escaped, characters XML cannot hold dropped."""
    return saxutils.quoteattr(_NOT_XML.sub("", text))


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # site-root-relative
    date: dt.date
    authors: tuple[str, ...]
    summary: str


def atom(
    title: str, site_url: str, items: Sequence[FeedItem], updated: dt.date | None = None
) -> str:
    """Atom 1.0. With ``site_url`` the links are absolute; without it they are relative to the
    feed's own location (the site root), which feed readers on the same host resolve."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    newest = updated or max((i.date for i in items), default=dt.date(2000, 1, 1))
    feed_id = base + "feed.xml" if base else "urn:rdkb:feed"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        f'  <link rel="self" href={quoteattr(base + "feed.xml")}/>',
        f'  <link rel="alternate" href={quoteattr(base or "./")}/>',
    ]
    for item in items:
        link = base + item.url if base else item.url
        entry_id = link if base else f"urn:rdkb:{item.url}"
        lines += [
            "  <entry>",
            f"    <title>{escape(item.title)}</title>",
            f'    <link rel="alternate" href={quoteattr(link)}/>',
            f"    <id>{escape(entry_id)}</id>",
            f"    <updated>{item.date.isoformat()}T00:00:00Z</updated>",
            *(
                f"    <author><name>{escape(a)}</name></author>"
                for a in item.authors or ("未署名",)
            ),
            f"    <summary>{escape(item.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
