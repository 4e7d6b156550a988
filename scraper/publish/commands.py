"""CLI subcommands for the site: ``rdkb build`` and ``rdkb serve`` (MkDocs with our mkdocs.yml).

Both work on the archive ``--docs DIR`` names (the folder ``rdkb init`` made, or its docs
folder), or on the current folder when it holds ``mkdocs.yml``; ``-f`` names the file itself.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from scraper.project import locate

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add the site subcommands to ``rdkb``."""
    build = subparsers.add_parser(
        "build", help="build the study site (mkdocs build --strict)", description=run_build.__doc__
    )
    _common(build)
    build.add_argument("-d", "--site-dir", default=None, help="output directory (default: site/)")
    build.add_argument(
        "--no-strict", dest="strict", action="store_false", help="do not fail on warnings"
    )
    build.set_defaults(run=run_build)

    serve = subparsers.add_parser(
        "serve", help="preview the site with live reload", description=run_serve.__doc__
    )
    _common(serve)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="IP:PORT to serve on")
    serve.set_defaults(run=run_serve)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--docs",
        dest="archive",
        type=Path,
        default=None,
        metavar="DIR",
        help="the archive: the folder with mkdocs.yml, or its docs folder (default: .)",
    )
    parser.add_argument(
        "-f", "--config-file", default=None, help="MkDocs config file (default: the archive's)"
    )
    parser.add_argument(
        "--site-url", default=None, help="public address of the site (sets RDKB_SITE_URL)"
    )


def run_build(args: argparse.Namespace) -> int:
    """Build the site from docs/ into site/ with MkDocs in strict mode (warnings are errors)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = _config_file(args)
    if config_file is None:
        return 2
    _site_url(args)
    options: dict[str, Any] = {"strict": args.strict}
    if args.site_dir:
        options["site_dir"] = args.site_dir
    _mkdocs_logging()
    try:
        config = load_config(str(config_file), **options)
        build(config)
    except MkDocsException as exc:
        print(f"{config_file}: {exc}", file=sys.stderr)
        return 1
    print(f"site built in {config.site_dir}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Serve the site on 127.0.0.1 and rebuild when docs/, overrides/ or hooks/ change."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    config_file = _config_file(args)
    if config_file is None:
        return 2
    _site_url(args)
    _mkdocs_logging()
    watch = [str(config_file.parent / name) for name in ("overrides", "hooks")]
    try:
        serve(config_file=str(config_file), dev_addr=args.dev_addr, watch=watch)
    except MkDocsException as exc:
        print(f"{config_file}: {exc}", file=sys.stderr)
        return 1
    return 0


def _config_file(args: argparse.Namespace) -> Path | None:
    """The mkdocs.yml to use: ``-f``, else the archive's; None (and why, on stderr) if none."""
    if args.config_file:
        return Path(args.config_file)
    found = locate(args.archive).config
    if found is None:
        where = args.archive if args.archive is not None else Path.cwd()
        print(
            f"{where}: not an archive (no mkdocs.yml here or beside this docs folder); "
            "use --docs DIR for the folder `rdkb init DIR` created, or run inside it",
            file=sys.stderr,
        )
    return found


def _site_url(args: argparse.Namespace) -> None:
    if args.site_url:
        os.environ["RDKB_SITE_URL"] = args.site_url


def _mkdocs_logging() -> None:
    # MkDocs reports warnings through the "mkdocs" logger; show them (strict mode counts them).
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the root handler (rdkb -v) would print every line twice
