"""``rdkb build`` and ``rdkb serve`` are registered and build a site."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree, html

from scraper.cli import build_parser, main
from scraper.importer import summary
from scraper.project import Located, locate, resolve_docs_argument
from tests.conftest import ROOT, SAMPLES
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


# ``rdkb init`` and ``--docs`` (issue 15, point 7)


def _archive(tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    assert main(["init", str(target)]) == 0
    return target


def test_init_copies_the_checkouts_site_files_and_no_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _archive(tmp_path)
    said = capsys.readouterr().out
    assert f"rdkb build --docs {target}" in said and "rdkb crawl" in said
    assert (target / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    for folder in ("hooks", "overrides", "docs/assets"):
        ours = {p.relative_to(ROOT / folder) for p in (ROOT / folder).rglob("*.*")}
        ours = {p for p in ours if "__pycache__" not in p.parts}
        assert {p.relative_to(target / folder) for p in (target / folder).rglob("*.*")} == ours
    for page in ("index.md", "about.md"):
        assert (target / "docs" / page).read_bytes() == (ROOT / "docs" / page).read_bytes()
    assert list((target / "docs" / "articles").iterdir()) == []  # no samples
    assert not (target / "docs" / ".rdkb").exists()


def test_init_refuses_an_archive_or_a_docs_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _archive(tmp_path)
    (target / "mkdocs.yml").write_text("site_name: mine\n", encoding="utf-8")
    assert main(["init", str(target)]) == 1
    assert "already an archive" in capsys.readouterr().err
    assert (target / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: mine\n"
    crawled = tmp_path / "crawled"  # what `rdkb crawl --docs DIR` makes: DIR/articles
    (crawled / "articles").mkdir(parents=True)
    assert main(["init", str(crawled)]) == 1
    assert "docs folder" in capsys.readouterr().err and not (crawled / "mkdocs.yml").exists()


def test_docs_names_the_archive_or_its_docs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _archive(tmp_path)
    assert locate(target) == Located(target / "docs", target / "mkdocs.yml")
    assert locate(target / "docs") == Located(target / "docs", target / "mkdocs.yml")
    plain = tmp_path / "plain"  # no mkdocs.yml anywhere: a docs folder, as before
    assert locate(plain) == Located(plain, None)
    monkeypatch.chdir(target)
    assert locate(None) == Located(Path("docs"), Path("mkdocs.yml"))
    assert locate("docs") == Located(Path("docs"), Path("mkdocs.yml"))
    monkeypatch.chdir(tmp_path)
    assert locate(None) == Located(Path("docs"), None)


def test_docs_dir_is_read_from_the_archives_mkdocs_yml(tmp_path: Path) -> None:
    # the shipped file has !ENV and !!python tags: they must not stop the lookup
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!ENV" in config and "!!python" in config
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("docs_dir: docs", "docs_dir: content"), encoding="utf-8"
    )
    assert locate(tmp_path).docs == tmp_path / "content"
    assert locate(tmp_path / "content").config == tmp_path / "mkdocs.yml"
    assert locate(tmp_path / "docs") == Located(tmp_path / "docs", None)


def test_every_command_takes_the_archive_folder_as_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = _archive(tmp_path)
    capsys.readouterr()
    assert main(["review", "--docs", str(target)]) == 0
    assert "nothing to review" in capsys.readouterr().out
    page = SAMPLES / "gov-trs" / next(p.name for p in (SAMPLES / "gov-trs").glob("*.html"))
    assert main(["import", "--dry-run", "--docs", str(target), str(page)]) == 0
    assert f"{target / 'docs' / 'articles'}/" in capsys.readouterr().out
    args = build_parser().parse_args(["crawl", "--docs", str(target), "http://a.example/"])
    resolve_docs_argument(args)
    assert args.docs == target / "docs"
    args = build_parser().parse_args(["reextract", "--from", str(target)])
    resolve_docs_argument(args)
    assert (args.docs, args.sources) == (Path("docs"), [target / "docs"])


def test_build_outside_an_archive_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 2
    said = capsys.readouterr().err
    assert "not an archive" in said and "rdkb init" in said
    assert main(["build", "--docs", str(tmp_path / "nowhere")]) == 2
    assert "--docs DIR" in capsys.readouterr().err


@pytest.mark.slow
def test_rdkb_build_an_initialised_archive_from_elsewhere(tmp_path: Path) -> None:
    target = _archive(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [RDKB, "build", "--docs", str(target / "docs")],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert (target / "site" / "index.html").is_file() and (target / ".cache").is_dir()
    assert list(elsewhere.iterdir()) == []  # nothing lands in the folder it was run from
    home = html.parse(str(target / "site" / "index.html"))
    assert home.xpath("string(//article//h1)").strip() == "人大知识库"
    # the build log speaks of the archive, not of how the build works inside
    ours = [line for line in result.stderr.splitlines() if "rdkb:" in line]
    assert ours and not [line for line in ours if INTERNALS.search(line)]


INTERNALS = re.compile(r"child|helper|process|gram|shard|posting|fork|pipe|worker", re.I)


def test_an_import_with_nothing_new_says_so_in_words() -> None:
    said = summary(Counter({"unchanged": 58, "duplicate": 2}), Path("docs"))
    assert said.startswith("nothing new, all 60 pages are already in the archive (docs)")
    assert "58 unchanged" in said and "2 duplicate (reposts of archived articles)" in said
    mixed = summary(Counter({"new": 1, "unchanged": 1}))
    assert mixed == "1 new, 1 unchanged (already archived)"
    assert summary(Counter({"unchanged": 1, "failed": 1})).startswith("1 unchanged")
    assert summary(Counter()) == "nothing to import"
