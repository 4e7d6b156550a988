"""``rdkb build`` and ``rdkb serve`` are registered and build a site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from scraper.cli import build_parser
from tests.site.conftest import make_project

RDKB = str(Path(sys.executable).with_name("rdkb"))


def test_subcommands_are_registered() -> None:
    parser = build_parser()
    args = parser.parse_args(
        ["build", "-f", "x.yml", "-d", "out", "--site-url", "https://a.example/"]
    )
    assert args.config_file == "x.yml" and args.site_dir == "out" and args.strict
    assert args.site_url == "https://a.example/"
    args = parser.parse_args(["serve", "-a", "127.0.0.1:9000"])
    assert args.dev_addr == "127.0.0.1:9000"
    assert callable(args.run)


@pytest.mark.slow
def test_rdkb_build_with_a_site_url(tmp_path: Path) -> None:
    make_project(tmp_path, count=4, chars=300)
    result = subprocess.run(
        [RDKB, "build", "-d", str(tmp_path / "out"), "--site-url", "https://rdkb.example/"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    feed = (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
    assert 'href="https://rdkb.example/articles/' in feed
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://rdkb.example/">' in home
    # issue 14, point 8: with a site address the sitemap lists every page, absolutely
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = etree.parse(str(tmp_path / "out" / "sitemap.xml"))
    locs = [unquote(loc.text or "") for loc in sitemap.findall("s:url/s:loc", ns)]
    built = {
        "https://rdkb.example/" + path.parent.relative_to(tmp_path / "out").as_posix() + "/"
        for path in (tmp_path / "out").rglob("index.html")
    }
    assert len(locs) == len(set(locs)) and set(locs) == {u.replace("/./", "/") for u in built}
    assert any("/articles/" in u for u in locs) and "https://rdkb.example/themes/" in locs
