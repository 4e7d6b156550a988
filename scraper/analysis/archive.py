"""Reading archived articles (Markdown with YAML front matter) back into Article records."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scraper.errors import ArchiveError
from scraper.records import Article, Author

# the C loader is ~10x faster; fall back when PyYAML was built without libyaml
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

ARTICLES_DIR = "articles"


@dataclass(frozen=True)
class Entry:
    """One archived article and where it lives, relative to the docs dir (POSIX, e.g.
    ``articles/2024/2024-05-19-abc.md``)."""

    src_uri: str
    article: Article
    # the front matter as parsed (what MkDocs would make ``page.meta``); empty when not read
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (front matter YAML, body); the YAML is empty when the file has none."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.startswith("---"):
        return "", text
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return "", text
    end = text.find("\n---", first_newline)
    while end >= 0:
        line_end = text.find("\n", end + 1)
        closing = text[end + 1 : line_end if line_end >= 0 else len(text)]
        if closing.strip() == "---":
            body = text[line_end + 1 :] if line_end >= 0 else ""
            return text[first_newline + 1 : end + 1], body
        end = text.find("\n---", end + 1)
    return "", text


def parse_article(src_uri: str, text: str) -> Entry:
    """Parse one archived Markdown file; raise ArchiveError naming the file when it is unusable."""
    meta_text, body = split_front_matter(text)
    if not meta_text:
        raise ArchiveError(f"{src_uri}: no YAML front matter (--- … ---) at the top of the file")
    try:
        meta = yaml.load(meta_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        raise ArchiveError(f"{src_uri}: front matter is not valid YAML: {reason}") from exc
    except ValueError as exc:  # PyYAML builds dates eagerly: 2024-13-01 fails here
        raise ArchiveError(f"{src_uri}: 'date' must be a real YYYY-MM-DD date: {exc}") from exc
    if not isinstance(meta, dict):
        raise ArchiveError(f"{src_uri}: front matter must be a mapping of keys to values")
    return Entry(src_uri, _article_from_meta(src_uri, meta, body), meta)


def _article_from_meta(src_uri: str, meta: dict[str, Any], body: str) -> Article:
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ArchiveError(f"{src_uri}: front matter key 'title' is missing or empty")
    date = meta.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    elif isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise ArchiveError(f"{src_uri}: 'date' must be YYYY-MM-DD, got {date!r}") from None
    if not isinstance(date, dt.date):
        raise ArchiveError(f"{src_uri}: front matter key 'date' is missing (YYYY-MM-DD)")
    authors = meta.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        raise ArchiveError(f"{src_uri}: 'authors' must be a list of {{name, position}} mappings")
    data = dict(meta)
    data.update(
        title=title.strip(),
        date=date,
        body=body,
        authors=[
            Author.from_dict({k: _opt_str(v) for k, v in a.items()}).to_dict() for a in authors
        ],
        region=_str_list(src_uri, "region", meta.get("region")),
        also_at=_str_list(src_uri, "also_at", meta.get("also_at")),
    )
    for key in ("source", "site", "url", "original_url"):
        data[key] = _opt_str(meta.get(key))
    return Article.from_dict(data)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _str_list(src_uri: str, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ArchiveError(f"{src_uri}: '{key}' must be a list")
    return [str(v).strip() for v in value if v is not None and str(v).strip()]


def is_article_uri(src_uri: str) -> bool:
    return src_uri.startswith(ARTICLES_DIR + "/") and src_uri.endswith(".md")


def list_articles(docs_dir: str | Path) -> list[tuple[str, str]]:
    """(src_uri, absolute path) of the articles under ``docs_dir/articles``, in the order MkDocs
    lists its files (folders sorted, ``index``/``README`` first); hidden files left out."""
    root = Path(docs_dir)
    out: list[tuple[str, str]] = []
    for folder, dirnames, filenames in os.walk(root / ARTICLES_DIR, followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        filenames.sort(key=lambda f: (os.path.splitext(f)[0] not in ("index", "README"), f))
        for name in filenames:
            if name.endswith(".md") and not name.startswith("."):
                path = os.path.join(folder, name)
                out.append((Path(path).relative_to(root).as_posix(), path))
    return out


def load_archive(docs_dir: str | Path) -> list[Entry]:
    """Every article under ``docs_dir/articles``, sorted by path."""
    root = Path(docs_dir)
    paths = sorted((root / ARTICLES_DIR).rglob("*.md"))
    return list(read_entries((p.relative_to(root).as_posix(), p) for p in paths))


def read_entries(items: Iterable[tuple[str, str | Path]]) -> Iterator[Entry]:
    """Parse (src_uri, absolute path) pairs."""
    for src_uri, path in items:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ArchiveError(f"{src_uri}: cannot read the file: {exc}") from exc
        yield parse_article(src_uri, text)
