"""The README's walk from ``rdkb init`` to a built site, run as written (issue 15, point 7).

The commands are read from the README's fenced block, so the README and this test cannot drift.
Only the ports change (free ones instead of 8765 and 8000: the machine is shared); every command
is the real ``rdkb`` in a subprocess, in an empty folder, against the demo site on 127.0.0.1.
"""

from __future__ import annotations

import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.error import URLError

import pytest
from lxml import html

from scraper.crawl.demo.articles import originals
from tests.conftest import ROOT

RDKB = str(Path(sys.executable).with_name("rdkb"))
SECTION = "## Your own archive, from nothing to a site"
DEMO_PORT, SERVE_PORT = "8765", "8000"  # as the README writes them


def walkthrough() -> list[list[str]]:
    """The commands of the README's walkthrough block, one token list each."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert SECTION in readme, "the README has the walkthrough section"
    block = re.search(r"```sh\n(.*?)```", readme.split(SECTION, 1)[1], re.S)
    assert block, "the walkthrough section has a sh block"
    lines = block.group(1).replace("\\\n", " ").splitlines()
    return [tokens for tokens in (shlex.split(line, comments=True) for line in lines) if tokens]


def test_the_walkthrough_goes_from_init_to_serve() -> None:
    """Cheap guard for the order a new user needs (the slow test below runs it)."""
    steps = [c[1] if c[0] == "rdkb" else " ".join(c) for c in walkthrough()]
    assert steps == ["init", "demo-site", "crawl", "kill %1", "build", "serve"]
    assert all(c[0] in ("rdkb", "kill") for c in walkthrough())
    init, demo, crawl = walkthrough()[:3]
    assert demo[-1] == "&" and crawl[crawl.index("--docs") + 1] == init[2]


def _free_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return str(sock.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 180) -> bytes:
    """The body at ``url`` once the server in ``proc`` answers (it may first build the site)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the server stopped (exit {proc.returncode})"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body: bytes = response.read()
                return body
        except (URLError, ConnectionError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {seconds} s")


@pytest.mark.slow
def test_the_readme_walkthrough_builds_a_site_of_the_crawled_articles(tmp_path: Path) -> None:
    demo_port, serve_port = _free_port(), _free_port()
    background: list[subprocess.Popen[bytes]] = []
    served: dict[str, bytes] = {}
    try:
        for command in walkthrough():
            args = [token.replace(DEMO_PORT, demo_port) for token in command]
            if args[0] == "kill":
                background.pop().terminate()
                continue
            args[0] = RDKB
            if args[-1] == "&":
                proc = subprocess.Popen(args[:-1], cwd=tmp_path, stdout=subprocess.DEVNULL)
                background.append(proc)
                _wait_for(f"http://127.0.0.1:{demo_port}/robots.txt", proc)
            elif args[1] == "serve":
                server = subprocess.Popen(
                    [*args, "-a", f"127.0.0.1:{serve_port}"],
                    cwd=tmp_path,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                background.append(server)
                served["/"] = _wait_for(f"http://127.0.0.1:{serve_port}/", server)
            else:
                result = subprocess.run(
                    args, cwd=tmp_path, capture_output=True, text=True, timeout=600
                )
                # the demo site's deliberate faults fail some pages: the crawl says so by exit 1
                failed = args[1] == "crawl" and "failures" in result.stdout
                expected = 1 if failed else 0
                assert result.returncode == expected, f"{command}:\n{result.stdout}{result.stderr}"
    finally:
        for proc in background:
            proc.terminate()
            proc.wait(timeout=30)

    archive = tmp_path / walkthrough()[0][2]
    titles = {article.title for article in originals()}
    site = archive / "site"
    pages = sorted((site / "articles").rglob("index.html"))
    built = {html.parse(str(p)).xpath("string(//article//h1)").strip() for p in pages}
    assert built == titles  # every crawled article, the repost merged into its original
    assert len(list((archive / "docs" / "articles").rglob("*.md"))) == len(titles)
    for home in (html.parse(str(site / "index.html")), html.fromstring(served["/"])):
        linked = {a.text_content().strip() for a in home.xpath("//article//a")}
        assert titles <= linked  # the home page lists the latest articles: all nine here
