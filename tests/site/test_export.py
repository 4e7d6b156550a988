"""``rdkb export``: the site's docs tree, built by plain MkDocs without hooks (issue 14, point 6).

The exported project is built with ``mkdocs build --strict`` and no hooks; it must give the same
pages as the hooked build, with the same visible text apart from white space between blocks and
the concept links (the hooks add them in the converted HTML; the text is the same).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bench.visible_text import visible_text
from scraper.publish.export import export_site, plain_config
from tests.site.conftest import MKDOCS, BuiltSite, build


@pytest.fixture(scope="module")
def exported(synthetic_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exported") / "project"
    summary = export_site(synthetic_site.root / "mkdocs.yml", out)
    assert summary.articles == len(list(synthetic_site.docs.glob("articles/**/*.md")))
    return out


def test_the_export_has_no_hooks_and_builds_plainly(exported: Path) -> None:
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "custom_dir: overrides" in config
    assert not (exported / "hooks").exists()
    build(exported, exported / "site")


def test_the_export_gives_the_pages_of_the_hooked_build(
    synthetic_site: BuiltSite, exported: Path
) -> None:
    site = exported / "site"
    if not site.exists():
        build(exported, site)
    pages = {
        p.relative_to(synthetic_site.out).as_posix() for p in synthetic_site.out.rglob("*.html")
    }
    assert pages == {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert {p.name for p in (site / "search-index").iterdir()} == {
        p.name for p in (synthetic_site.out / "search-index").iterdir()
    }
    for page in sorted(pages):
        hooked, plain = synthetic_site.out / page, site / page
        assert _words(hooked) == _words(plain), page


def test_plain_config_drops_only_the_hooks() -> None:
    text = (
        "site_name: x\nhooks:\n  - hooks/rdkb.py  # c\n\ntheme:\n  custom_dir: o\nnav:\n  - a.md\n"
    )
    assert plain_config(text, True).splitlines()[1:] == [
        "site_name: x",
        "theme:",
        "  custom_dir: overrides",
        "nav:",
        "  - a.md",
    ]


def test_export_refuses_a_folder_with_files(synthetic_site: BuiltSite, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run(
        [str(Path(MKDOCS).with_name("rdkb")), "export", str(tmp_path)],
        cwd=synthetic_site.root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"


def _words(path: Path) -> str:
    """The page's visible text without white space (blocks are separated differently)."""
    return "".join(visible_text(path).split())
