"""The one reader of archived articles: a Markdown file with YAML front matter → an Article.

Import, crawl, build and search all read the archive through here, so a hand-edited file is
judged the same way everywhere, and a broken one is reported the same way: an ArchiveError whose
message is ``path: what is wrong`` (and what to do). Callers skip that file and go on.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from scraper.errors import ArchiveError
from scraper.records import Article, Author

# the C loader is ~10x faster; fall back when PyYAML was built without libyaml
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (front matter YAML, body); the YAML is empty when the file has none. A ``---``
    later in the body (a Markdown rule) stays in the body."""
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
            # blank lines after the front matter are not body (MkDocs drops them too)
            body = text[line_end + 1 :].lstrip("\n") if line_end >= 0 else ""
            return text[first_newline + 1 : end + 1], body
        end = text.find("\n---", end + 1)
    return "", text


def parse_front_matter(origin: str, text: str) -> tuple[dict[str, Any], Article]:
    """(front matter as parsed, Article) of one archived file's text; raise ArchiveError
    ``origin: what is wrong`` when the file cannot be an article."""
    meta_text, body = split_front_matter(text)
    if not meta_text:
        raise ArchiveError(f"{origin}: no YAML front matter (--- … ---) at the top of the file")
    try:
        meta = yaml.load(meta_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise ArchiveError(f"{origin}: front matter is not valid YAML: {reason}") from exc
    except ValueError as exc:  # PyYAML builds dates eagerly: 2024-13-01 fails here
        raise ArchiveError(f"{origin}: 'date' must be a real YYYY-MM-DD date: {exc}") from exc
    if not isinstance(meta, dict):
        raise ArchiveError(f"{origin}: front matter must be a mapping of keys to values")
    return meta, _article(origin, meta, body)


def read_front_matter(
    path: Path | str, origin: str | None = None
) -> tuple[dict[str, Any], Article]:
    """(front matter, Article) of one archived file; ArchiveError ``origin: what is wrong``
    otherwise (``origin`` defaults to the path)."""
    origin = origin or shown(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveError(f"{origin}: not UTF-8 text ({exc.reason}); save it as UTF-8") from None
    except OSError as exc:
        raise ArchiveError(f"{origin}: cannot read the file: {exc.strerror or exc}") from exc
    return parse_front_matter(origin, text)


def read_article(path: Path | str) -> Article:
    """The Article in one archived file; ArchiveError ``path: what is wrong`` otherwise."""
    return read_front_matter(path)[1]


def markdown_files(root: Path) -> tuple[list[Path], list[str]]:
    """(every ``*.md`` under ``root``, sorted; warnings). Symbolic links to folders are followed,
    but a link back into a folder being walked (a loop) is skipped with a warning, where a plain
    walk would go round until the path is too long."""
    found: list[Path] = []
    loops: list[Path] = []
    for folder, _dirs, files in walk(root, loops):
        found += [folder / f for f in files if f.endswith(".md") and not f.startswith(".")]
    return sorted(found), [loop_warning(p) for p in loops]


def walk(root: Path, loops: list[Path]) -> Iterator[tuple[Path, list[str], list[str]]]:
    """``os.walk(root, followlinks=True)`` without hidden folders and without going round
    symbolic link loops (each loop's link is added to ``loops``). Folders may be pruned through
    the yielded list, as with os.walk."""
    above: list[str] = []  # the real folders from root down to the folder being walked
    for folder, dirs, files in os.walk(root, followlinks=True):
        parent = os.path.realpath(os.path.dirname(folder))
        while above and above[-1] != parent:
            above.pop()
        above.append(os.path.realpath(folder))
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            if os.path.realpath(os.path.join(folder, name)) in above:
                loops.append(Path(folder) / name)
            else:
                kept.append(name)
        dirs[:] = kept
        yield Path(folder), dirs, files


def loop_warning(link: Path) -> str:
    return (
        f"{shown(link)}: symbolic link loop (it leads back to {shown(os.path.realpath(link))}); "
        "skipped — remove the link"
    )


def shown(path: Path | str) -> str:
    """A path as it can be printed: undecodable bytes of a file name as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


# Helpers


def _article(origin: str, meta: dict[str, Any], body: str) -> Article:
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ArchiveError(f"{origin}: front matter key 'title' is missing or empty")
    if "date" not in meta:
        raise ArchiveError(
            f"{origin}: front matter key 'date' is missing (YYYY-MM-DD, or null when undated)"
        )
    date = meta["date"]
    if isinstance(date, dt.datetime):
        date = date.date()
    elif isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise ArchiveError(f"{origin}: 'date' must be YYYY-MM-DD, got {date!r}") from None
    if date is not None and not isinstance(date, dt.date):
        raise ArchiveError(f"{origin}: 'date' must be YYYY-MM-DD, got {date!r}")
    authors = meta.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        raise ArchiveError(f"{origin}: 'authors' must be a list of {{name, position}} mappings")
    review = meta.get("review") or {}
    if not isinstance(review, dict):
        raise ArchiveError(f"{origin}: 'review' must be a mapping of field: reason")
    data = dict(meta)
    data.update(
        title=title.strip(),
        date=date,
        body=body,
        authors=[
            Author.from_dict({k: _opt_str(v) for k, v in a.items()}).to_dict() for a in authors
        ],
        region=_str_list(origin, "region", meta.get("region")),
        also_at=_str_list(origin, "also_at", meta.get("also_at")),
        review=review,
    )
    for key in ("source", "site", "url", "original_url"):
        data[key] = _opt_str(meta.get(key))
    return Article.from_dict(data)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _str_list(origin: str, key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ArchiveError(f"{origin}: '{key}' must be a list")
    return [str(v).strip() for v in value if v is not None and str(v).strip()]
