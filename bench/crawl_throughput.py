"""Crawl throughput on the demo congress site, politeness off, against a plain baseline.

    python -m bench.crawl_throughput [--sites 20] [--concurrency 32]

Starts ``--sites`` copies of the demo site (each its own server on 127.0.0.1; the slow page made
fast so timeouts do not dominate), then in the same run:

- crawl: ``rdkb crawl --no-politeness`` over all of them, as a subprocess — discovery, download,
  extraction, archiving, catalog and raw-page writes included (how busy the extraction and
  archiving thread was is reported too: near 100 % means it, not the crawler, sets the pace);
- baseline: plain sequential ``urllib`` GETs of exactly the URLs the crawl requested (no parsing,
  no storing; responses read up to the same 10 MB limit).

Reports pages per second for both and the ratio crawl/baseline. Results go to stdout and
``bench/out/crawl_throughput.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from scraper.crawl.demo.server import DemoServer
from scraper.crawl.settings import MAX_RESPONSE_BYTES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "crawl_throughput.json"


def crawl(servers: list[DemoServer], docs: Path, concurrency: int) -> dict[str, float]:
    urls = [url for server in servers for url in server.start_urls()]
    command = [sys.executable, "-m", "scraper", "crawl", "--docs", str(docs), "--json"]
    command += ["--no-politeness", "--timeout", "5", "--retries", "0", "--progress-interval", "0"]
    command += ["--concurrency", str(concurrency), "--contact", "bench@localhost", *urls]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    wall = time.monotonic() - started
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    requests = sum(len(server.paths()) for server in servers)
    return {
        "requests": requests,
        "pages_fetched": summary["pages_fetched"],
        "crawl_seconds": summary["seconds"],  # inside the process: Scrapy start to finish
        "wall_seconds": wall,  # including interpreter start and imports
        "extraction_and_archiving_seconds": summary["processing_seconds"],
        "requests_per_second": requests / summary["seconds"],
        # extraction and archiving run in one worker thread beside the downloads: the share of the
        # crawl it was busy says which side limits throughput
        "worker_busy_share": summary["processing_seconds"] / summary["seconds"],
    }


def baseline(urls: list[str]) -> dict[str, float]:
    started = time.monotonic()
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read(MAX_RESPONSE_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            pass
    seconds = time.monotonic() - started
    return {"requests": len(urls), "seconds": seconds, "requests_per_second": len(urls) / seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=20, help="copies of the demo site (20)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight (32)")
    args = parser.parse_args()

    servers = [DemoServer(slow_seconds=0.0).start() for _ in range(args.sites)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = crawl(servers, Path(tmp) / "docs", args.concurrency)
        urls = [server.url(path) for server in servers for path in server.paths()]
        for server in servers:
            server.clear()
        plain = baseline(urls)
    finally:
        for server in servers:
            server.stop()

    report = {
        "sites": args.sites,
        "crawl": result,
        "baseline_urllib_sequential": plain,
        "ratio_crawl_over_baseline": result["requests_per_second"] / plain["requests_per_second"],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(
        f"crawl     {result['requests']:.0f} requests "
        f"({result['pages_fetched']:.0f} pages fetched) "
        f"in {result['crawl_seconds']:.2f} s = {result['requests_per_second']:.1f} requests/s "
        f"(wall {result['wall_seconds']:.2f} s with start-up)\n"
        f"          extraction and archiving (worker thread) busy "
        f"{result['extraction_and_archiving_seconds']:.2f} s = "
        f"{result['worker_busy_share']:.0%} of the crawl\n"
        f"baseline  {plain['requests']:.0f} sequential urllib GETs in {plain['seconds']:.2f} s "
        f"= {plain['requests_per_second']:.1f} requests/s\n"
        f"ratio     {report['ratio_crawl_over_baseline']:.2f}x "
        "(crawl incl. extraction and archiving / bare sequential fetching)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
