"""The crawl subcommands as a user runs them."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from scraper.crawl.demo import pages
from tests.crawl.conftest import ROOT


def _rdkb(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_help_does_not_import_scrapy() -> None:
    code = (
        "import sys; from scraper.cli import build_parser; build_parser(); "
        "print('scrapy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_sites_lists_every_adapter() -> None:
    done = _rdkb("sites", "--json")
    assert done.returncode == 0, done.stderr
    sites = [json.loads(line) for line in done.stdout.splitlines()]
    assert {s["id"] for s in sites} == {
        "gsrdw",
        "hljrd",
        "chinahlj-yichun",
        "lzfz",
        "shuicheng",
        "npc",
    }
    assert all(s["verified"] is False for s in sites)
    assert "甘肃人大网" in _rdkb("sites").stdout


def test_crawl_needs_something_to_crawl() -> None:
    done = _rdkb("crawl")
    assert done.returncode == 2
    assert "give a URL" in done.stderr
    unknown = _rdkb("crawl", "--site", "nowhere")
    assert unknown.returncode == 2 and "no site adapter named 'nowhere'" in unknown.stderr


def test_demo_site_serves_the_fixture_site() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "scraper", "demo-site", "--port", "0", "--slow", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        base = banner.split(" on ", 1)[1].split()[0].rstrip("/")
        assert base.startswith("http://127.0.0.1:")
        assert "rdkb crawl" in process.stdout.readline()
        with urllib.request.urlopen(base + "/robots.txt", timeout=5) as response:
            assert response.read().decode() == pages.ROBOTS_TXT
        with urllib.request.urlopen(base + "/xwzx/index.html", timeout=5) as response:
            assert "下一页" in response.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_crawl_of_an_unreachable_site_fails_cleanly(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/xwzx/index.html"
    done = _rdkb("crawl", "--docs", str(tmp_path), "--no-politeness", "--retries", "0", url)
    assert done.returncode == 1
    assert f"{url}: " in done.stderr
    assert "connection failed" in done.stdout  # the summary counts it by reason
