"""Scraped and hand-edited front matter made fit to publish (issue 13, point 1).

The archive holds text from thousands of third-party pages and a maintainer's hand edits; the site
must show it as text and never let it act. Four rules, applied where the site reads or prints it:

- every string printed in HTML is escaped where it is printed (``html.escape`` here and in
  ``html.py``/``article.py``/``generated.py``; ``| e`` in ``overrides/``);
- a URL from front matter becomes a link only when it is http(s) with a host (:func:`web_url`);
- bidirectional control characters, which make a title or name display as other text than it
  holds, are dropped when the articles are read for the build (:func:`published`);
- ``page.meta`` gets only the keys of :data:`PAGE_META_KEYS`: Material acts on others.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from html import escape
from typing import Any
from urllib.parse import urlsplit

from scraper.analysis.entries import Entry
from scraper.records import FRONT_MATTER_KEYS

# The front-matter keys an article's ``page.meta`` keeps: the archive's schema, hand-set
# themes, and what Material reads harmlessly (escaped in overrides/main.html, or only tested).
# Others are left out: Material acts on them or prints them raw (``template: redirect.html``
# with ``location: javascript:…``; ``revision_date``).
PAGE_META_KEYS = frozenset(FRONT_MATTER_KEYS) | {"themes", "description", "author", "hide"}
# LRM/RLM, the embeddings and overrides (LRE … RLO), the isolates (LRI … PDI), the Arabic mark.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# What a browser trims from both ends of a URL (C0 controls and space), and removes inside it.
_URL_TRIM = "".join(chr(c) for c in range(0x21))
_URL_DROP = re.compile("[\t\n\r]")


# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS).
_MARKDOWN_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def drop_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


def web_url(url: str) -> str | None:
    """``url`` as a browser reads it, if that is an http(s) address with a host; else None
    (``javascript:``, ``data:``, ``vbscript:``, ``java\\tscript:``, relative paths, typos)."""
    cleaned = _URL_DROP.sub("", url.strip(_URL_TRIM))
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def outside_link(url: str, text: str, opening: str) -> str:
    """A link to ``url`` (``opening`` is the ``<a …`` up to its ``href="``) for a web address;
    for anything else the text and the URL, shown and not linked, so a maintainer sees what
    to fix."""
    target = web_url(url)
    if target is None:
        shown = text if text == url else f"{text}（{url}）"
        return f'<span class="rdkb-not-link" title="不是网址，未设链接">{escape(shown)}</span>'
    return f'{opening}{escape(target, quote=True)}">{escape(text)}</a>'


def markdown_text(text: str) -> str:
    """``text`` as one line of Markdown that shows exactly that text, markup and all. HTML's
    special characters become entities: Python-Markdown has no backslash escape for ``<``, so
    ``\\<script>`` would stay a tag (and MkDocs keeps entities in ``page.title``, which the
    templates print escaped). Markdown's become backslash escapes, ``{`` too (attr_list would
    read ``{: onclick=…}`` as attributes). Line breaks and control characters become spaces:
    a new line would end the heading."""
    out = []
    for ch in " ".join("".join(" " if _is_control(c) else c for c in text).split()):
        if ch in "&<>":
            out.append(escape(ch))
        elif ch in _MARKDOWN_ESCAPABLE:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def published(entry: Entry) -> Entry:
    """``entry`` with bidi controls dropped from every string the site prints (the article's
    fields and ``page.meta``, which Material's templates and the search index read), and
    only the front-matter keys of :data:`PAGE_META_KEYS` kept for ``page.meta``."""
    a = entry.article
    article = dataclasses.replace(
        a,
        title=drop_bidi(a.title),
        authors=tuple(
            dataclasses.replace(
                author,
                name=author.name and drop_bidi(author.name),
                position=author.position and drop_bidi(author.position),
            )
            for author in a.authors
        ),
        region=tuple(drop_bidi(name) for name in a.region),
        source=a.source and drop_bidi(a.source),
        site=a.site and drop_bidi(a.site),
    )
    meta = {k: _without_bidi(v) for k, v in entry.meta.items() if k in PAGE_META_KEYS}
    return dataclasses.replace(entry, article=article, meta=meta)


def _without_bidi(value: Any) -> Any:
    if isinstance(value, str):
        return drop_bidi(value)
    if isinstance(value, list):
        return [_without_bidi(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_bidi(v) for k, v in value.items()}
    return value
