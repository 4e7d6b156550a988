"""Articles converted by the helper process (hooks/convert.py) give the very site MkDocs gives,
and their warnings still fail a strict build."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.site.conftest import MKDOCS, BuiltSite, build, make_project

pytestmark = pytest.mark.slow


def _without_helper(root: Path) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "convert_helper: true" in text
    config.write_text(text.replace("convert_helper: true", "convert_helper: false"), "utf-8")


def _helped(log: str) -> int:
    found = re.search(r"articles converted by the helper process: (\d+)", log)
    assert found, log
    return int(found.group(1))


def test_the_helper_changes_nothing_in_the_built_site(
    synthetic_site: BuiltSite, tmp_path: Path
) -> None:
    assert _helped(synthetic_site.log) > 0
    make_project(tmp_path, count=90)  # the same archive as the synthetic site's
    _without_helper(tmp_path)
    log = build(tmp_path, tmp_path / "out")
    assert "converted by the helper" not in log
    ours = {p.relative_to(synthetic_site.out): p for p in synthetic_site.out.rglob("*")}
    theirs = {p.relative_to(tmp_path / "out"): p for p in (tmp_path / "out").rglob("*")}
    assert ours.keys() == theirs.keys()
    files = [rel for rel, path in ours.items() if path.is_file() and rel.suffix != ".gz"]
    assert len(files) > 200
    for rel in files:  # (the gzipped sitemap holds the time it was written)
        assert ours[rel].read_bytes() == theirs[rel].read_bytes(), rel


def test_a_warning_in_a_page_the_helper_converted_fails_the_build(tmp_path: Path) -> None:
    docs = make_project(tmp_path, count=40, chars=300)
    # the helper starts with the last article (files are listed by path)
    last = docs / "articles" / "2099" / "2099-12-31-broken-link.md"
    last.parent.mkdir(parents=True)
    last.write_text(
        "---\ntitle: 断链文章\ndate: 2099-12-31\n---\n\n正文见[另一篇](missing.md)。\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [MKDOCS, "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert _helped(log) > 0  # so the helper converted the last article
    assert re.search(r"WARNING.*2099-12-31-broken-link\.md.*missing\.md", log), log
    assert "Aborted with 1 warnings in strict mode" in log
