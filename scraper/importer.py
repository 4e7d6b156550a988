"""``rdkb import``: saved pages (HTML in any encoding, plain-text dumps, folders) → the archive.

Each file is handled on its own: a bad file is reported as ``path: reason`` and the batch goes
on; so is a broken file in the archive (it blocks only the article that belongs in it). The exit
status is non-zero only when files failed and nothing was imported. An import holds the archive's
lock: a second one waits for the first, so no article is stored twice.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from scraper.archive import Archive
from scraper.errors import ArchiveError, InputError
from scraper.frontmatter import loop_warning, shown, walk
from scraper.pipeline import article_from_raw
from scraper.records import RawPage

PAGE_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".txt"}
_PROGRESS_EVERY = 50


def iter_page_files(paths: list[Path], loops: list[Path] | None = None) -> Iterator[Path]:
    """Files named directly, and page files found recursively in folders, in a stable order;
    symbolic link loops are skipped (each link added to ``loops``)."""
    for path in paths:
        if path.is_dir():
            found = [
                folder / name
                for folder, _dirs, names in walk(path, [] if loops is None else loops)
                for name in names
                if Path(name).suffix.lower() in PAGE_SUFFIXES
            ]
            yield from sorted(p for p in found if p.is_file())
        else:
            yield path


def import_paths(
    paths: list[Path], docs: Path, *, dry_run: bool, as_json: bool, out: TextIO, err: TextIO
) -> Counter[str]:
    archive = Archive(docs)
    counts: Counter[str] = Counter()
    loops: list[Path] = []
    reported: set[str] = set()
    files = list(iter_page_files(paths, loops))
    for loop in loops:
        print(f"warning: {loop_warning(loop)}", file=err)
    for number, path in enumerate(files, 1):
        name = shown(path)  # printable even when the file name is not UTF-8
        try:
            content = path.read_bytes()
        except OSError as error:
            print(f"{name}: cannot read: {error.strerror or error}", file=err)
            counts["failed"] += 1
            continue
        try:
            article = article_from_raw(RawPage(content=content, origin=name))
        except InputError as error:
            print(f"{name}: {error}", file=err)
            counts["failed"] += 1
            continue
        try:
            if dry_run:
                found = archive.find_same(article)
                target = shown(found or archive.path_for(article))
            else:
                result = archive.store(article)
        except (ArchiveError, OSError) as error:
            print(f"{name}: cannot archive: {error}", file=err)
            counts["failed"] += 1
            continue
        finally:
            _report_archive(archive, reported, err)
        if dry_run:
            if as_json:
                record: dict[str, Any] = {**article.to_dict(), "path": target}
                print(json.dumps(record, ensure_ascii=False), file=out)
            else:
                print(f"{name} → {target}", file=out)
            counts["would import"] += 1
            continue
        counts[result.status] += 1
        if len(files) >= _PROGRESS_EVERY and number % _PROGRESS_EVERY == 0:
            print(f"… {number}/{len(files)} files", file=err)
    return counts


def _report_archive(archive: Archive, reported: set[str], err: TextIO) -> None:
    """Say once what is wrong in the archive itself (broken files, symlink loops)."""
    for problem in [*archive.warnings, *archive.broken.values()]:
        if problem not in reported:
            reported.add(problem)
            print(f"warning: {problem} (left out until fixed)", file=err)


# each count with the words a new user needs to read it (``make site`` re-imports the committed
# samples, so "58 unchanged" alone read like a failure to import)
_SAID = {
    "would import": "would import",
    "new": "new",
    "updated": "updated",
    "unchanged": "unchanged (already archived)",
    "duplicate": "duplicate (reposts of archived articles)",
    "failed": "failed",
}


def summary(counts: Counter[str], docs: Path | None = None) -> str:
    """One line saying what an import did; when nothing changed, says so first."""
    said = ", ".join(f"{counts[key]} {text}" for key, text in _SAID.items() if counts[key])
    if not said:
        return "nothing to import"
    known = counts["unchanged"] + counts["duplicate"]
    if not known or known != counts.total():
        return said
    where = f" ({docs})" if docs is not None else ""
    return f"nothing new, all {known} pages are already in the archive{where}: {said}"


# ``scheme://``: a web address, which Path would quietly turn into a path (http:/host/…)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def run(args: argparse.Namespace) -> int:
    urls = [p for p in args.paths if _URL.match(p) and not Path(p).exists()]
    if urls:
        for url in urls:
            print(f"{url}: a web address; rdkb import reads saved files", file=sys.stderr)
        print(
            "to fetch articles from the web use `rdkb crawl URL` (URL: a column page listing "
            "articles; see `rdkb crawl --help`), or save the page and import the file",
            file=sys.stderr,
        )
        return 2
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    existing = [p for p in paths if p.exists()]
    docs = Path(args.docs)

    def _import() -> Counter[str]:
        return import_paths(
            existing, docs, dry_run=args.dry_run, as_json=args.json, out=sys.stdout, err=sys.stderr
        )

    if args.dry_run:  # reads only: atomic writes never show it half a file
        counts = _import()
    else:
        with Archive(docs).locked(lambda message: print(message, file=sys.stderr)):
            counts = _import()
    counts["failed"] += len(missing)
    if not args.json:
        print(f"import: {summary(counts, docs)}", file=sys.stderr)
    imported = sum(v for k, v in counts.items() if k != "failed")
    if counts["failed"] and not imported:
        print("nothing was imported; fix or remove the files named above", file=sys.stderr)
        return 1
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import saved article pages (HTML or text dumps, files or folders) into the archive",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="page files or folders")
    parser.add_argument(
        "--docs",
        default="docs",
        help="the archive: the folder rdkb init made, or its docs folder (default: docs)",
    )
    parser.add_argument("--dry-run", action="store_true", help="write nothing")
    parser.add_argument(
        "--json", action="store_true", help="with --dry-run: print one JSON object per article"
    )
    parser.set_defaults(run=run)
