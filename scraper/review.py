"""``rdkb review``: the fields the extractor was unsure of, article by article.

The importer names each doubtful field in the front-matter key ``review`` (field → reason). The
workflow: run ``rdkb review``, open the file, fix the field by hand, delete its line under
``review:`` (or the whole key). A re-import keeps both: see ``scraper.archive._merge_review``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scraper.archive import Archive
from scraper.errors import ArchiveError

# Where a reason lists what the extractor saw: "…; candidates: A; B" or "…候选：A；B".
_CANDIDATES = re.compile(r"(?:candidates?|候选(?:项)?|saw)\s*[:：]\s*(?P<list>.+)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[;；|]|、|,\s)\s*")
# Otherwise the quoted pieces of the reason: 「…」, “…”, "…", '…', «…».
_QUOTED = re.compile(r"「([^」]+)」|“([^”]+)”|\"([^\"]+)\"|'([^']+)'|«([^»]+)»")
HEADERS = ("file", "field", "reason", "candidates")


@dataclass(frozen=True)
class Doubt:
    """One ``review`` note: the article's file (relative to the docs dir), field and reason."""

    file: str
    field: str
    reason: str
    candidates: tuple[str, ...]


def candidates(reason: str) -> tuple[str, ...]:
    """What the reason says the extractor saw: its quoted parts, else a ``candidates:`` list."""
    quoted = tuple(next(g for g in m.groups() if g) for m in _QUOTED.finditer(reason))
    listed = _CANDIDATES.search(reason)
    if quoted or not listed:
        return quoted
    parts = _SEPARATORS.split(listed["list"].strip().rstrip("。."))
    return tuple(p.strip() for p in parts if p.strip())


def doubts(docs_dir: Path) -> list[Doubt]:
    """Every review note in the archive, by file then in the order written."""
    archive = Archive(docs_dir)
    found = []
    for path, article in archive.load_all():
        rel = path.relative_to(archive.docs_dir).as_posix()
        for field_name, reason in article.review.items():
            found.append(Doubt(rel, field_name, reason, candidates(reason)))
    return found


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(rows: Sequence[Doubt]) -> str:
    """A plain-text table (columns aligned for Chinese text in a terminal)."""
    cells = [HEADERS] + [(d.file, d.field, d.reason, " | ".join(d.candidates)) for d in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(HEADERS))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    docs = Path(args.docs)
    if not (docs / "articles").is_dir():
        print(f"{docs}: no articles/ folder here (use --docs DIR)", file=sys.stderr)
        return 2
    try:
        found = doubts(docs)
    except ArchiveError as error:
        print(error, file=sys.stderr)
        return 1
    if args.json:
        for doubt in found:
            print(json.dumps(asdict(doubt), ensure_ascii=False))
        return 0
    if not found:
        print("nothing to review: no article has a 'review' key")
        return 0
    print(table(found))
    files = len({d.file for d in found})
    print(
        f"\n{len(found)} field(s) to review in {files} article(s): fix each field in the file, "
        "then delete its line under 'review:'"
    )
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review", help="list the fields the extractor was unsure of (front-matter key 'review')"
    )
    parser.add_argument("--docs", default="docs", help="archive folder (default: docs)")
    parser.add_argument("--json", action="store_true", help="one JSON object per field")
    parser.set_defaults(run=run)
