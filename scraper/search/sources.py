"""SearchDocs straight from archive Markdown files (without a site build: no heading anchors)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scraper.errors import ArchiveError
from scraper.frontmatter import parse_front_matter, read_front_matter
from scraper.search.documents import SearchDoc, doc_from_markdown

log = logging.getLogger(__name__)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of an archive Markdown file, read by the project's one reader
    (:mod:`scraper.frontmatter`); a file that is no valid article gives ({}, text)."""
    try:
        meta, article = parse_front_matter("-", text)
    except ArchiveError:
        return {}, text
    return meta, article.body


def article_url(relative: Path) -> str:
    """The page URL MkDocs gives ``articles/2024/x.md`` (directory URLs): ``articles/2024/x/``."""
    return relative.with_suffix("").as_posix() + "/"


def docs_from_dir(docs_dir: Path, pattern: str = "articles/*/*.md") -> Iterator[SearchDoc]:
    for path in sorted(docs_dir.glob(pattern)):
        try:
            meta, article = read_front_matter(path)
        except ArchiveError as error:  # one broken file is left out, not the whole index
            log.warning("%s — left out of the search index", error)
            continue
        yield doc_from_markdown(meta, article.body, article_url(path.relative_to(docs_dir)))
