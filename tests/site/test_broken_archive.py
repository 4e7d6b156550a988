"""One broken file breaks one file (issue 13, point 4 and 6): a typo in one article's front
matter, or a symbolic link loop under docs/articles, leaves that file out of the site with a
warning naming it — so ``mkdocs build`` builds every other article and ``--strict`` fails."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.site.conftest import MKDOCS, make_project

pytestmark = pytest.mark.slow


def _mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MKDOCS, "build", *args, "-d", str(root / "site")],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_broken_article_and_a_symlink_loop_are_left_out_with_warnings(tmp_path: Path) -> None:
    docs = make_project(tmp_path, 8)
    articles = sorted((docs / "articles").rglob("*.md"))
    broken = articles[2]
    broken.write_text(broken.read_text("utf-8").replace("date:", "date: 2024-13-01\nx:", 1))
    (docs / "articles" / "loop").symlink_to(docs / "articles")
    uri = broken.relative_to(docs).as_posix()

    built = _mkdocs(tmp_path)
    log = built.stdout + built.stderr
    assert built.returncode == 0, log
    assert f"{uri}: 'date' must be a real YYYY-MM-DD date" in log
    assert "symbolic link loop" in log and "Traceback" not in log
    site = tmp_path / "site" / "articles"
    assert not (site / "loop").exists()
    assert not (site / Path(uri).relative_to("articles").with_suffix("")).exists()
    for other in articles[:2] + articles[3:]:
        page = site / other.relative_to(docs / "articles").with_suffix("") / "index.html"
        assert page.exists(), page

    strict = _mkdocs(tmp_path, "--strict")
    assert strict.returncode != 0
    assert uri in strict.stdout + strict.stderr
