"""URLs of pages as MkDocs computes them, and relative links between them.

A page's URL here is the site-root-relative URL MkDocs gives it (``articles/2024/x/`` with directory
URLs, ``articles/2024/x.html`` without; the home page is ``./`` or ``index.html``), percent-encoded.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives ``src_uri`` (a path relative to the docs dir); other files than
    ``.md`` pages keep their path."""
    if not src_uri.endswith(".md"):
        return quote(src_uri, safe="/#")
    stem, _ = posixpath.splitext(src_uri)
    dirname, name = posixpath.split(stem)
    if name in ("index", "README"):
        dest = posixpath.join(dirname, "index.html")
    elif use_directory_urls:
        dest = posixpath.join(stem, "index.html")
    else:
        dest = stem + ".html"
    if use_directory_urls and dest.endswith("index.html"):
        dest = (posixpath.dirname(dest) or ".") + "/"
    return quote(dest, safe="/#")


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-root-relative)."""
    base_parts = _dir_parts(from_url)
    target = "" if to_url == "./" else to_url
    target_parts = [p for p in target.split("/") if p and p != "."]
    common = 0
    for a, b in zip(base_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    if not parts:
        return "./"
    return "/".join(parts) + ("/" if to_url.endswith("/") else "")


@functools.lru_cache(maxsize=1024)
def _dir_parts(url: str) -> tuple[str, ...]:
    """The folders of a page's URL (a generated listing links from one page many times)."""
    base = url if url.endswith("/") else url.rsplit("/", 1)[0] + "/" if "/" in url else ""
    return tuple(p for p in base.split("/") if p and p != ".")


def slug_path(name: str) -> str:
    """A readable path part from a Chinese name: characters that break URLs or file names
    (line breaks, control and format characters among them) become '-'."""
    cleaned = "".join(
        "-" if ch in '/\\?#%&:*"<>|. ' or not ch.isprintable() else ch for ch in name.strip()
    )
    return cleaned.strip("-") or "-"
