"""User mistakes stop the build with a message naming the file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.site.conftest import MKDOCS, make_project

pytestmark = pytest.mark.slow


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MKDOCS, "build", "--strict", "-d", str(root / "out")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_bad_front_matter_and_bad_themes_file(tmp_path: Path) -> None:
    docs = make_project(tmp_path, count=3, chars=200)
    bad = docs / "articles" / "2020" / "2020-01-01-bad.md"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("---\ntitle: 坏文章\ndate: 2020-13-01\n---\n正文\n", encoding="utf-8")
    result = _build(tmp_path)
    assert result.returncode != 0
    assert "articles/2020/2020-01-01-bad.md: 'date' must be a real YYYY-MM-DD date" in result.stderr
    bad.unlink()

    (tmp_path / "themes.yml").write_text("themes:\n  - {slug: Bad, name: x}\n", encoding="utf-8")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("  rdkb:", "  rdkb:\n    themes_file: themes.yml"), encoding="utf-8"
    )
    result = _build(tmp_path)
    assert result.returncode != 0
    assert "themes.yml: themes[0].slug" in result.stderr
