"""SearchDocs straight from archive Markdown files (without a site build: no heading anchors)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from scraper.search.documents import SearchDoc, doc_from_markdown

_FENCE = "---"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of an archive Markdown file; no front matter gives ({}, text)."""
    lines = text.lstrip("\ufeff").split("\n")
    if lines[0].strip() != _FENCE:
        return {}, text
    for index in range(1, len(lines)):
        if lines[index].strip() == _FENCE:
            meta = yaml.load("\n".join(lines[1:index]), Loader=_LOADER) or {}
            return (meta if isinstance(meta, dict) else {}), "\n".join(lines[index + 1 :])
    return {}, text


def article_url(relative: Path) -> str:
    """The page URL MkDocs gives ``articles/2024/x.md`` (directory URLs): ``articles/2024/x/``."""
    return relative.with_suffix("").as_posix() + "/"


def docs_from_dir(docs_dir: Path, pattern: str = "articles/*/*.md") -> Iterator[SearchDoc]:
    for path in sorted(docs_dir.glob(pattern)):
        meta, body = split_front_matter(path.read_text(encoding="utf-8"))
        yield doc_from_markdown(meta, body, article_url(path.relative_to(docs_dir)))
