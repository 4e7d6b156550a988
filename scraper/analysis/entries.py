"""Reading archived articles (Markdown with YAML front matter) back into Article records."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scraper.errors import ArchiveError
from scraper.frontmatter import parse_front_matter, read_front_matter, split_front_matter, walk
from scraper.records import Article

__all__ = ["Entry", "list_articles", "load_archive", "parse_article", "split_front_matter"]

ARTICLES_DIR = "articles"


@dataclass(frozen=True)
class Entry:
    """One archived article and where it lives, relative to the docs dir (POSIX, e.g.
    ``articles/2024/2024-05-19-abc.md``)."""

    src_uri: str
    article: Article
    # the front matter as parsed (what MkDocs would make ``page.meta``); empty when not read
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


def parse_article(src_uri: str, text: str) -> Entry:
    """Parse one archived Markdown file; raise ArchiveError naming the file when it is unusable."""
    meta, article = parse_front_matter(src_uri, text)
    return Entry(src_uri, article, meta)


def is_article_uri(src_uri: str) -> bool:
    return src_uri.startswith(ARTICLES_DIR + "/") and src_uri.endswith(".md")


def list_articles(docs_dir: str | Path, loops: list[Path] | None = None) -> list[tuple[str, str]]:
    """(src_uri, absolute path) of the articles under ``docs_dir/articles``, in the order MkDocs
    lists its files (folders sorted, ``index``/``README`` first); hidden files left out.
    Symbolic link loops are not followed (each link is added to ``loops``)."""
    root = Path(docs_dir)
    out: list[tuple[str, str]] = []
    for folder, _dirnames, filenames in walk(root / ARTICLES_DIR, [] if loops is None else loops):
        filenames.sort(key=lambda f: (os.path.splitext(f)[0] not in ("index", "README"), f))
        for name in filenames:
            if name.endswith(".md") and not name.startswith("."):
                path = os.path.join(folder, name)
                out.append((Path(path).relative_to(root).as_posix(), path))
    return out


def load_archive(docs_dir: str | Path) -> list[Entry]:
    """Every article under ``docs_dir/articles``, sorted by path; raises ArchiveError for the
    first broken file."""
    root = Path(docs_dir)
    paths = sorted((root / ARTICLES_DIR).rglob("*.md"))
    return list(read_entries((p.relative_to(root).as_posix(), p) for p in paths))


def read_entries(
    items: Iterable[tuple[str, str | Path]],
    on_error: Callable[[str, ArchiveError], None] | None = None,
) -> Iterator[Entry]:
    """Parse (src_uri, absolute path) pairs. A broken file raises ArchiveError
    (``src_uri: what is wrong``), or with ``on_error`` is handed to it and left out, so one
    typo in one article does not stop the others."""
    for src_uri, path in items:
        try:
            meta, article = read_front_matter(path, src_uri)
        except ArchiveError as exc:
            if on_error is None:
                raise
            on_error(src_uri, exc)
            continue
        yield Entry(src_uri, article, meta)
