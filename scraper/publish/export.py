"""``rdkb export DIR``: the complete docs tree of the site, built by any MkDocs without hooks.

Everything the hooks add at build time is written out as files: each article with its header
and footer (HTML blocks around its Markdown), every generated page (its title in Markdown, its
body an HTML block), the home page with its lists filled in, the feed, the charts and the search
index (``docs/search-index/``, static files), plus the theme overrides and an ``mkdocs.yml``
without ``hooks:``. So the content does not depend on MkDocs' plugin events: a plain ``mkdocs
build`` of the export gives the same pages, and a successor that reads ``mkdocs.yml`` but runs
no hooks (Zensical) can be tried on it.
"""

from __future__ import annotations

import argparse
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown

from scraper.analysis.entries import ARTICLES_DIR, list_articles
from scraper.errors import RdkbError
from scraper.project import locate
from scraper.publish.options import load_options
from scraper.publish.site import HOME, SiteBuild, Taxonomies
from scraper.publish.templating import make_environment

log = logging.getLogger(__name__)

_TOP_LEVEL_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


@dataclass(frozen=True)
class ExportSummary:
    articles: int
    generated: int
    out: Path


def export_site(config_file: Path, out: Path) -> ExportSummary:
    """Write the exported project into ``out`` (which must not exist or be empty). Raises
    RdkbError with what to do when the configuration or the archive cannot be read."""
    from mkdocs.config import load_config  # reading mkdocs.yml only: no build, no hooks run

    if out.exists() and any(out.iterdir()):
        raise RdkbError(f"{out}: not empty; export into a new folder")
    config = load_config(str(config_file))
    options, notes = load_options(config.extra, config.config_file_path)
    for note in notes:
        log.warning("%s", note)
    docs_dir = Path(config.docs_dir)
    custom = config.theme.custom_dir
    build = SiteBuild.read(
        list_articles(docs_dir),
        Taxonomies.load(options),
        options,
        options.page_settings(config.site_name, config.site_url or "", config.use_directory_urls),
        config_file.parent / ".cache" / "rdkb",
        make_environment([custom] if custom else []),
    )
    try:
        for problem in build.broken.values():
            log.warning("%s — left out of the export until it is fixed", problem)
        docs_out = out / "docs"
        _copy_site_pages(docs_dir, docs_out, build)
        anchors = _MarkdownAnchors(config.markdown_extensions, config.mdx_configs)
        articles = 0
        for src_uri, text in build.exported_articles():
            _write(docs_out / src_uri, text)
            anchors.read(src_uri, build.article_markdown(src_uri) or "")
            articles += 1
        generated = build.files()
        for file in generated:
            _write(docs_out / file.src_uri, build.exported_page(file))
        build.start_search(docs_out)
        build.start_downloads()
        log.info("%s", build.finish_search(anchors.found))
        build.write_downloads(docs_out)
    finally:
        build.close()
    if custom:
        shutil.copytree(custom, out / "overrides")
    _write(out / "mkdocs.yml", plain_config(config_file.read_text(encoding="utf-8"), bool(custom)))
    return ExportSummary(articles, len(generated), out)


def plain_config(text: str, has_overrides: bool) -> str:
    """The project's mkdocs.yml without ``hooks:``, reading ``docs/`` and ``overrides/``."""
    lines, skipping = [], False
    for line in text.splitlines():
        if _TOP_LEVEL_KEY.match(line):
            skipping = line.startswith("hooks:")
        if skipping:
            continue
        if line.startswith("docs_dir:"):
            line = "docs_dir: docs"
        elif has_overrides and re.match(r"^\s+custom_dir:", line):
            line = re.sub(r"custom_dir:.*", "custom_dir: overrides", line)
        lines.append(line)
    header = "# Exported by `rdkb export`: the study site's pages as files; no hooks needed.\n"
    return header + "\n".join(lines) + "\n"


def _copy_site_pages(docs_dir: Path, docs_out: Path, build: SiteBuild) -> None:
    """The hand-written pages and assets (not the articles, not the archive's data), with the
    home page's markers filled in."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == docs_dir
        return [n for n in names if n.startswith(".") or (top and n == ARTICLES_DIR)]

    shutil.copytree(docs_dir, docs_out, ignore=ignore)
    home = docs_out / HOME
    if home.exists():
        text = home.read_text(encoding="utf-8")
        home.write_text(build.home_html(text), encoding="utf-8")


class _MarkdownAnchors:
    """Each article's heading anchors, as MkDocs' Markdown (same extensions) gives them."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self.found: dict[str, list[tuple[str, str]]] = {}

    def read(self, src_uri: str, body: str) -> None:
        self._md.reset()
        self._md.convert(body)
        tokens = getattr(self._md, "toc_tokens", [])
        out: list[tuple[str, str]] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                out.append((item["name"], item["id"]))
                walk(item.get("children", []))

        walk(tokens)
        self.found[src_uri] = out


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the site's docs tree for a plain MkDocs build (no hooks)",
        description=run_export.__doc__,
    )
    parser.add_argument("out", type=Path, metavar="DIR", help="a new, empty folder")
    parser.add_argument(
        "--docs",
        dest="archive",
        type=Path,
        default=None,
        metavar="ARCHIVE",
        help="the archive: the folder with mkdocs.yml, or its docs folder (default: .)",
    )
    parser.add_argument(
        "-f", "--config-file", type=Path, default=None, help="the site's mkdocs.yml"
    )
    parser.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Write the complete docs tree of the study site — articles with their headers and
    footers, generated pages, search index — and an mkdocs.yml without hooks, into DIR.
    Build it with `mkdocs build -f DIR/mkdocs.yml`."""
    config_file: Path | None = args.config_file or locate(args.archive).config
    if config_file is None or not config_file.is_file():
        log.error(
            "%s: no mkdocs.yml; run in the archive folder or pass --docs ARCHIVE",
            config_file or args.archive or Path.cwd(),
        )
        return 2
    try:
        summary = export_site(config_file, args.out)
    except RdkbError as exc:
        log.error("%s", exc)
        return 2
    print(
        f"exported {summary.articles} articles and {summary.generated} generated files "
        f"to {summary.out}; build it with: mkdocs build -f {summary.out / 'mkdocs.yml'}"
    )
    return 0


__all__ = ["ExportSummary", "export_site", "plain_config", "register"]
