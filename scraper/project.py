"""An archive folder: where its ``mkdocs.yml`` and docs are, and ``rdkb init`` to start one.

An archive is a folder holding ``mkdocs.yml`` (the site), ``hooks/`` and ``overrides/`` (how it
is built) and ``docs/`` (the hand-written pages and ``articles/``). Every command's ``--docs``
accepts either that folder or its docs folder, so older command lines (``--docs docs``) keep
working and a new user can name the folder ``rdkb init`` made.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG = "mkdocs.yml"
# what an archive needs from the checkout to build; never the articles or their data
SITE_FOLDERS = ("hooks", "overrides")
SITE_PAGES = ("index.md", "about.md", "assets")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".rdkb", ".cache")


@dataclass(frozen=True)
class Located:
    """Where an archive's docs are, and its ``mkdocs.yml`` when it has one."""

    docs: Path
    config: Path | None


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its ``!ENV`` and ``!!python/…`` tags (unneeded here)."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def docs_dir_of(config: Path) -> Path:
    """The docs folder a ``mkdocs.yml`` names (``docs_dir``, default ``docs``), as a path."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Lenient)  # safe: SafeLoader
    except (OSError, yaml.YAMLError):
        data = None
    name = data.get("docs_dir") if isinstance(data, dict) else None
    return config.parent / (name if isinstance(name, str) and name else "docs")


def locate(given: Path | str | None) -> Located:
    """The archive ``--docs`` names: a folder with ``mkdocs.yml`` (its docs folder is used),
    or a docs folder whose parent has one; anything else is taken as a docs folder, as before.
    Without ``--docs``, the current folder when it holds ``mkdocs.yml``, else ``docs``."""
    path = Path(given) if given is not None else Path(".")
    if (path / CONFIG).is_file():
        return Located(docs_dir_of(path / CONFIG), path / CONFIG)
    parent_config = path.parent / CONFIG
    in_parent = given is not None and parent_config.is_file()
    if in_parent and _same(docs_dir_of(parent_config), path):
        return Located(path, parent_config)
    return Located(path if given is not None else Path("docs"), None)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def resolve_docs_argument(args: argparse.Namespace) -> None:
    """Turn a parsed ``--docs`` (any subcommand; and ``rdkb reextract --from``) into the docs
    folder it stands for."""
    if getattr(args, "docs", None) is not None:
        args.docs = locate(args.docs).docs
    if args.command == "reextract":
        args.sources = [locate(source).docs for source in args.sources]


def checkout() -> Path | None:
    """The rdkb checkout this package runs from (an editable install), if it has the site files."""
    root = Path(__file__).resolve().parent.parent
    needed = [root / CONFIG, *(root / f for f in SITE_FOLDERS), root / "docs" / "index.md"]
    return root if all(p.exists() for p in needed) else None


def init_archive(target: Path, source: Path) -> list[Path]:
    """Copy the site's files from ``source`` (a checkout) into ``target``, with an empty
    ``docs/articles/``; returns what was created. Copies rather than embeds: the site's files
    change with the checkout, and a new archive should start from the current ones."""
    if (target / CONFIG).exists():
        raise FileExistsError(f"{target}: already an archive ({CONFIG} exists); nothing changed")
    if (target / "articles").is_dir():
        raise FileExistsError(
            f"{target}: holds articles/ itself, so it is an archive's docs folder (as `rdkb crawl "
            "--docs DIR` makes); nothing changed. Start a new archive elsewhere with rdkb init "
            f"NEW and move {target}/articles and {target}/.rdkb into NEW/docs/"
        )
    target.mkdir(parents=True, exist_ok=True)
    created = [target / CONFIG]
    shutil.copy2(source / CONFIG, target / CONFIG)
    for folder in SITE_FOLDERS:
        shutil.copytree(source / folder, target / folder, ignore=_IGNORED, dirs_exist_ok=True)
        created.append(target / folder)
    docs = docs_dir_of(target / CONFIG)
    docs.mkdir(exist_ok=True)
    source_docs = docs_dir_of(source / CONFIG)
    for name in SITE_PAGES:
        if (source_docs / name).is_dir():
            shutil.copytree(source_docs / name, docs / name, ignore=_IGNORED, dirs_exist_ok=True)
        elif (source_docs / name).is_file():
            shutil.copy2(source_docs / name, docs / name)
        created.append(docs / name)
    (docs / "articles").mkdir(exist_ok=True)
    created.append(docs / "articles")
    return created


def register(subparsers: Any) -> None:
    """Add ``rdkb init`` to ``rdkb``."""
    init = subparsers.add_parser(
        "init",
        help="create a new, empty archive folder",
        description="Create DIR with the site's mkdocs.yml, hooks/, overrides/ and hand-written "
        "pages copied from this rdkb checkout, and an empty docs/articles/ (no samples).",
    )
    init.add_argument("dir", type=Path, metavar="DIR", help="the new archive folder")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    source = checkout()
    if source is None:
        print(
            "rdkb init copies the site files (mkdocs.yml, hooks/, overrides/, docs/index.md) "
            f"from the rdkb checkout, but none was found beside the package at "
            f"{Path(__file__).resolve().parent}; install rdkb from a checkout "
            "(pip install -e PATH) and run it again",
            file=sys.stderr,
        )
        return 2
    target: Path = args.dir
    try:
        init_archive(target, source)
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{target}: cannot create the archive: {error}", file=sys.stderr)
        return 1
    print(_next_steps(target))
    return 0


def _next_steps(target: Path) -> str:
    where = str(target)
    return (
        f"new empty archive in {where}/ (site files copied from {checkout()})\n"
        "next:\n"
        f"  rdkb crawl --docs {where} URL      # fill it from a congress site's column page\n"
        f"  rdkb import --docs {where} PATH    # or from saved pages\n"
        f"  rdkb build --docs {where}          # the study site, into {where}/site/\n"
        f"  rdkb serve --docs {where}          # look at it on http://127.0.0.1:8000/"
    )
