"""CLI subcommands for crawling: ``crawl``, ``sites``, ``reextract``, ``demo-site``.

Each ``_run_*`` parses nothing and decides nothing: it turns arguments into options and calls
library code. Scrapy is imported inside the run functions so ``rdkb --help`` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.crawl.settings import DEFAULT_MAX_DEPTH, DEFAULT_MAX_SITE_PAGES
from scraper.errors import ConfigError, RdkbError


def register(subparsers: Any) -> None:
    """Add the crawl subcommands to ``rdkb``."""
    crawl = subparsers.add_parser(
        "crawl",
        help="crawl congress news sites into the archive",
        description="Crawl column pages of congress sites, archive every article found. "
        "Polite by default: robots.txt, <= 1 request/s per site, retries with backoff on 5xx.",
    )
    crawl.add_argument("urls", nargs="*", metavar="URL", help="column (list) page to start from")
    crawl.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="NAME",
        help="crawl a site adapter (repeatable)",
    )
    crawl.add_argument("--all-sites", action="store_true", help="crawl every site adapter")
    crawl.add_argument(
        "--sites-dir", type=Path, metavar="DIR", help="adapter folder (bundled scraper/sites)"
    )
    crawl.add_argument("--docs", type=Path, default=Path("docs"), help="archive folder (docs)")
    crawl.add_argument(
        "--max-pages", type=_positive_int, metavar="N", help="request at most N pages"
    )
    crawl.add_argument(
        "--max-site-pages",
        type=_positive_int,
        default=DEFAULT_MAX_SITE_PAGES,
        metavar="N",
        help=f"request at most N pages from one site ({DEFAULT_MAX_SITE_PAGES:,}); a trap bound",
    )
    crawl.add_argument(
        "--max-depth",
        type=_positive_int,
        default=DEFAULT_MAX_DEPTH,
        metavar="N",
        help=f"follow list pages at most N hops from a start URL ({DEFAULT_MAX_DEPTH})",
    )
    crawl.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="skip older articles")
    crawl.add_argument("--refresh", action="store_true", help="fetch archived articles again")
    crawl.add_argument(
        "--no-politeness",
        dest="polite",
        action="store_false",
        help="no delays or backoff (only for servers you run yourself; robots.txt still obeyed)",
    )
    crawl.add_argument("--contact", help="contact for the User-Agent (default: $RDKB_CONTACT)")
    crawl.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds per download (30)"
    )
    crawl.add_argument(
        "--retries", type=int, default=2, metavar="N", help="retries on 5xx/timeouts (2)"
    )
    crawl.add_argument(
        "--delay", type=float, metavar="S", help="seconds between requests to one site (1)"
    )
    crawl.add_argument(
        "--concurrency", type=_positive_int, metavar="N", help="requests in flight per site (1)"
    )
    crawl.add_argument(
        "--progress-interval",
        type=float,
        default=2.0,
        metavar="S",
        help="seconds between progress lines on stderr (2); 0 hides them",
    )
    crawl.add_argument(
        "--redis",
        metavar="URL",
        help="share the request queue with crawls on other machines (needs scrapy-redis)",
    )
    crawl.add_argument(
        "--redis-key", default="rdkb", metavar="KEY", help="queue key prefix, one per campaign"
    )
    crawl.add_argument("--json", action="store_true", help="print the summary as JSON")
    crawl.set_defaults(run=_run_crawl)

    sites = subparsers.add_parser("sites", help="list the site adapters")
    sites.add_argument("--json", action="store_true", help="one JSON object per site")
    sites.add_argument(
        "--sites-dir", type=Path, metavar="DIR", help="adapter folder (bundled scraper/sites)"
    )
    sites.set_defaults(run=_run_sites)

    reextract = subparsers.add_parser(
        "reextract", help="rebuild archived articles from the kept raw pages (offline)"
    )
    reextract.add_argument("--docs", type=Path, default=Path("docs"), help="archive folder (docs)")
    reextract.add_argument(
        "--from",
        dest="sources",
        type=Path,
        action="append",
        default=[],
        metavar="DOCS",
        help="first take in the crawl catalog and raw pages of another archive (repeatable)",
    )
    reextract.add_argument("--json", action="store_true", help="print the summary as JSON")
    reextract.set_defaults(run=_run_reextract)

    demo = subparsers.add_parser(
        "demo-site", help="serve the fixture congress site on 127.0.0.1 for a crawl by hand"
    )
    demo.add_argument("--port", type=int, default=8765, help="port (8765; 0 picks a free one)")
    demo.add_argument(
        "--slow", type=float, default=35.0, metavar="S", help="delay of the slow page (35 s)"
    )
    demo.set_defaults(run=_run_demo_site)


# Run functions


def _run_crawl(args: argparse.Namespace) -> int:
    from scraper.archive import Archive
    from scraper.crawl.runner import run_crawl
    from scraper.crawl.settings import CONTACT_ENV, CrawlOptions
    from scraper.crawl.sites import SITES_DIR, adapter_for, find_site, load_sites
    from scraper.crawl.spider import Target

    for url in args.urls:
        if (problem := _bad_start_url(url)) is not None:
            print(f"rdkb crawl: {url}: {problem}", file=sys.stderr)
            return 2
    directory = args.sites_dir or SITES_DIR
    try:
        known = load_sites(directory)
        adapters = list(known.values()) if args.all_sites else []
        adapters += [find_site(name, directory) for name in args.site]
    except ConfigError as error:
        print(f"rdkb crawl: {error}", file=sys.stderr)
        return 2
    if args.redis and importlib.util.find_spec("scrapy_redis") is None:
        print("rdkb crawl: --redis needs scrapy-redis (pip install scrapy-redis)", file=sys.stderr)
        return 2
    # A URL on a site that has an adapter is crawled with it (its patterns and hints).
    targets = [Target(url, adapter_for(url, known.values())) for url in args.urls]
    targets += [Target(url, site) for site in adapters for url in site.start_urls]
    if not targets:
        print("rdkb crawl: give a URL, --site NAME or --all-sites", file=sys.stderr)
        return 2
    options = CrawlOptions(
        docs_dir=args.docs,
        max_pages=args.max_pages,
        max_site_pages=args.max_site_pages,
        max_depth=args.max_depth,
        since=args.since,
        refresh=args.refresh,
        polite=args.polite,
        contact=args.contact,
        timeout=args.timeout,
        retries=max(0, args.retries),
        concurrency=args.concurrency,
        delay=args.delay if args.delay is None else max(0.0, args.delay),
        redis_url=args.redis,
        redis_key=args.redis_key,
        progress_interval=max(0.0, args.progress_interval),
    )
    if options.polite and not (options.contact or os.environ.get(CONTACT_ENV)):
        print(
            f"rdkb crawl: no contact in the User-Agent; set --contact or ${CONTACT_ENV} "
            "so that site operators can reach you",
            file=sys.stderr,
        )
    # One writer per archive: a second crawl or import waits (saying so) for this one.
    with Archive(options.docs_dir).locked(lambda message: print(message, file=sys.stderr)):
        counts = run_crawl(targets, options)
    if args.json:
        print(json.dumps(counts.to_dict(), ensure_ascii=False))
    else:
        print(counts.render())
        print(f"time                {counts.seconds:.1f} s")
    # Anything failed: say so in the exit status (the summary and the log name each page).
    return 1 if counts.failed else 0


def _run_sites(args: argparse.Namespace) -> int:
    from scraper.crawl.sites import SITES_DIR, load_sites

    try:
        sites = load_sites(args.sites_dir or SITES_DIR)
    except ConfigError as error:
        print(f"rdkb sites: {error}", file=sys.stderr)
        return 2
    for site in sites.values():
        if args.json:
            record = {
                "id": site.id,
                "name": site.name,
                "region": list(site.region),
                "verified": site.verified,
                "start_urls": list(site.start_urls),
            }
            print(json.dumps(record, ensure_ascii=False))
        else:
            region = "/".join(site.region) or "-"
            checked = "verified" if site.verified else "unverified"
            print(f"{site.id:<16} {site.name}\t{region}\t{checked}\t{site.start_urls[0]}")
    return 0


def _run_reextract(args: argparse.Namespace) -> int:
    from scraper.archive import Archive
    from scraper.crawl.reextract import reextract

    try:
        with Archive(args.docs).locked(lambda message: print(message, file=sys.stderr)):
            counts = reextract(args.docs, sources=args.sources)
    except RdkbError as error:
        print(f"rdkb reextract: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(counts.to_dict(), ensure_ascii=False))
    else:
        print(counts.render())
    return 0 if sum(counts.stored.values()) or not counts.failed else 1


def _run_demo_site(args: argparse.Namespace) -> int:
    from scraper.crawl.demo.server import DemoServer

    server = DemoServer(args.port, slow_seconds=args.slow, echo=True).start()
    urls = " ".join(server.start_urls())
    print(f"demo congress site on {server.base}/ (Ctrl-C stops)", flush=True)
    print(
        f"try: rdkb init /tmp/rdkb-demo && rdkb crawl --docs /tmp/rdkb-demo --timeout 5 {urls}",
        flush=True,
    )
    print("then: rdkb build --docs /tmp/rdkb-demo && rdkb serve --docs /tmp/rdkb-demo", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


# Argument types


def _bad_start_url(url: str) -> str | None:
    """Why ``url`` cannot start a crawl, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        return f"not a web address ({error})"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not a web address; give a full http:// or https:// URL of a column page"
    return None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a positive integer: {text!r}")
    return value
