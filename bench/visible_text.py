"""Compare what a reader sees on every page of two built sites.

``python -m bench.visible_text SITE_A SITE_B`` reads every ``.html`` file of both sites, takes the
text of ``<body>`` without ``<script>``/``<style>``, normalises white space, and prints each page
whose text differs with a short unified diff (and the pages only one site has). Exit 1 if any page
differs: a redesign that should change markup only (issue 14) is checked against the site before.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from lxml import html as lxml_html
from lxml.html import HtmlElement

DIFF_LINES = 24  # lines of diff shown per page


def _body(path: Path) -> HtmlElement:
    """The page's ``<body>`` without the elements a reader does not see as text."""
    root = lxml_html.fromstring(path.read_bytes())
    body = root if root.tag == "body" else root.find("body")
    if body is None:
        body = root
    for node in list(body.iter("script", "style", "noscript", "template")):
        node.drop_tree()  # keeps the text after the element (its tail)
    return body


def text_chunks(path: Path) -> list[str]:
    """The visible text as its text nodes, each whitespace-normalised, empties left out (the
    lines of the diff shown)."""
    chunks = (" ".join(s.split()) for s in _body(path).itertext())
    return [c for c in chunks if c]


def visible_text(path: Path) -> str:
    """The page's visible text as one string, runs of white space made one space (a space
    between two elements counts: it shows)."""
    return " ".join("".join(_body(path).itertext()).split())


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def compare(site_a: Path, site_b: Path) -> list[str]:
    """A report line block per page that differs (or exists in one site only)."""
    a_pages, b_pages = pages(site_a), pages(site_b)
    out = [f"only in {site_a}: {p}" for p in sorted(a_pages - b_pages)]
    out += [f"only in {site_b}: {p}" for p in sorted(b_pages - a_pages)]
    for page in sorted(a_pages & b_pages):
        if visible_text(site_a / page) == visible_text(site_b / page):
            continue
        diff = list(
            difflib.unified_diff(
                text_chunks(site_a / page),
                text_chunks(site_b / page),
                f"a/{page}",
                f"b/{page}",
                n=1,
                lineterm="",
            )
        )
        if not diff:  # the same text nodes: a space more or less between two of them
            diff = [_first_difference(visible_text(site_a / page), visible_text(site_b / page))]
        more = len(diff) - DIFF_LINES
        shown = diff[:DIFF_LINES] + ([f"… {more} more diff lines"] if more > 0 else [])
        out.append("\n".join([f"differs: {page}", *shown]))
    return out


def _first_difference(a: str, b: str, context: int = 30) -> str:
    at = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - context)
    return f"white space: a …{a[start : at + context]}… b …{b[start : at + context]}…"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m bench.visible_text SITE_A SITE_B", file=sys.stderr)
        return 2
    site_a, site_b = Path(args[0]), Path(args[1])
    for site in (site_a, site_b):
        if not site.is_dir():
            print(f"{site}: not a folder", file=sys.stderr)
            return 2
    report = compare(site_a, site_b)
    for block in report:
        print(block)
    total = len(pages(site_a) | pages(site_b))
    print(f"{len(report)} of {total} pages differ in visible text")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
