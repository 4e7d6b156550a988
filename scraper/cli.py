"""The ``rdkb`` command line: one subcommand per job, each delegating to library code.

Subcommands live beside the stage they drive (``scraper.importer``, ``scraper.crawl.commands``,
``scraper.publish.commands``) and register themselves here, so this file stays a table of contents.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from scraper import __version__, importer, project, review
from scraper.crawl import commands as crawl_commands
from scraper.publish import commands as publish_commands
from scraper.publish import export


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rdkb",
        description="人大知识库 — crawl, extract and publish people's congress articles.",
    )
    parser.add_argument("--version", action="version", version=f"rdkb {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    project.register(subparsers)
    importer.register(subparsers)
    crawl_commands.register(subparsers)
    publish_commands.register(subparsers)
    export.register(subparsers)
    review.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    project.resolve_docs_argument(args)  # --docs: an archive folder or its docs folder
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
