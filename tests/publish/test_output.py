"""Output folders and files created ahead of MkDocs: created empty, never clobbering a page."""

from __future__ import annotations

import os
from pathlib import Path

from scraper.publish.output import Precreated, create_files


def test_creates_missing_files_and_their_folders(tmp_path: Path) -> None:
    paths = [str(tmp_path / "a" / "b" / "index.html"), str(tmp_path / "a" / "index.html")]
    assert create_files(paths) == 2
    assert all(Path(p).is_file() and Path(p).stat().st_size == 0 for p in paths)


def test_a_page_already_written_keeps_its_content(tmp_path: Path) -> None:
    written = tmp_path / "x" / "index.html"
    written.parent.mkdir()
    written.write_text("<html>page</html>", encoding="utf-8")
    assert create_files([str(written), str(tmp_path / "y" / "index.html")]) == 1
    assert written.read_text(encoding="utf-8") == "<html>page</html>"


def test_an_impossible_path_is_left_for_mkdocs_to_report(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")  # a file where a folder is needed
    assert create_files([str(blocker / "index.html"), str(tmp_path / "ok.html")]) == 1


def test_every_path_given_is_created_by_the_time_it_is_joined(tmp_path: Path) -> None:
    output = Precreated()
    first = [str(tmp_path / f"{n}" / "index.html") for n in range(50)]
    output.start(first)
    output.start([*first, str(tmp_path / "late" / "index.html")])
    assert output.join() == 51  # created by the children, each path once
    assert sorted(os.listdir(tmp_path)) == sorted([*map(str, range(50)), "late"])
