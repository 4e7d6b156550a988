"""``rdkb import`` end to end, as a subprocess, the way a maintainer runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import markdown
import yaml

from tests.conftest import FIXTURES, SAMPLES

HOSTILE = FIXTURES / "pages" / "hostile" / "attack.html"
ARTICLE_TEXT = (
    "县人大常委会组织部分省市县人大代表开展集中视察，实地察看重点项目建设和民生实事推进情况，"
    "听取政府有关部门情况汇报，提出意见建议二十余条，推动有关问题及时解决。"
)


def rdkb(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _good_page(tmp_path: Path, name: str = "good.txt") -> Path:
    page = tmp_path / "in" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        f"某县人大网\n县人大代表集中视察重点项目\n发布时间：2022-09-01\n{ARTICLE_TEXT}\n", "utf-8"
    )
    return page


def _bad_pages(tmp_path: Path) -> dict[str, str]:
    """File name → the reason its one-line message must give."""
    folder = tmp_path / "in"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    (folder / "noarticle.html").write_text(
        "<html><body><a href='/'>首页</a></body></html>", "utf-8"
    )
    (folder / "undecodable.txt").write_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x80]) * 400)
    return {
        "empty.html": "empty",
        "binary.html": "PDF",
        "noarticle.html": "no",
        "undecodable.txt": "decode",
    }


def test_a_batch_with_bad_files_imports_the_rest_and_names_each_failure(tmp_path: Path) -> None:
    reasons = _bad_pages(tmp_path)
    _good_page(tmp_path)
    result = rdkb("import", "--docs", "docs", "in", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    for name, reason in reasons.items():
        matching = [line for line in lines if line.startswith(str(Path("in") / name) + ":")]
        assert len(matching) == 1, (name, result.stderr)
        assert reason in matching[0], matching[0]
    assert "1 new" in result.stderr and "4 failed" in result.stderr
    assert len(list((tmp_path / "docs" / "articles").rglob("*.md"))) == 1


def test_nothing_imported_gives_a_nonzero_exit_and_touches_nothing(tmp_path: Path) -> None:
    _good_page(tmp_path)
    assert rdkb("import", "--docs", "docs", "in", cwd=tmp_path).returncode == 0
    archived = {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    for page in (tmp_path / "in").iterdir():
        page.unlink()
    _bad_pages(tmp_path)
    result = rdkb("import", "--docs", "docs", "in", "missing-file.html", cwd=tmp_path)
    assert result.returncode == 1
    assert "missing-file.html: no such file" in result.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()} == archived


def test_dry_run_json_writes_nothing_and_prints_one_object_per_article(tmp_path: Path) -> None:
    _good_page(tmp_path, "a.txt")
    result = rdkb(
        "import", "--dry-run", "--json", "--docs", "docs", "in", str(HOSTILE), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    expected_keys = {"title", "date", "authors", "region", "source", "site", "url"}
    for record in records:
        assert expected_keys | {"original_url", "body", "path"} <= set(record)
        assert record["path"].startswith("docs/articles/")
    assert not (tmp_path / "docs").exists()


def test_hostile_page_leaves_nothing_executable_in_the_archive(tmp_path: Path) -> None:
    result = rdkb("import", "--docs", "docs", str(HOSTILE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "docs" / "articles").rglob("*.md")
    text = path.read_text("utf-8")
    rendered = lxml.html.fragment_fromstring(
        markdown.markdown(text.split("---\n", 2)[2]), create_parent="div"
    )
    tags = {element.tag for element in rendered.iter()}
    assert tags <= {"div", "p", "h2", "h3"}, tags
    for element in rendered.iter():
        assert not element.attrib, element.attrib  # no on*, href, src: nothing to execute or load
    assert "<script>标签只是文字" in rendered.text_content()  # a tag mentioned in text stays text


def test_reimport_reports_unchanged(tmp_path: Path) -> None:
    _good_page(tmp_path)
    assert "1 new" in rdkb("import", "--docs", "docs", "in", cwd=tmp_path).stderr
    again = rdkb("import", "--docs", "docs", "in", cwd=tmp_path)
    assert again.returncode == 0 and "1 unchanged" in again.stderr


def test_bundled_samples_import_with_reposts_merged(tmp_path: Path) -> None:
    """Pages expecting the same title and date are one article; the others' URLs are in also_at."""
    groups: dict[tuple[str, str], list[dict[str, object]]] = {}
    for path in sorted(SAMPLES.rglob("*.expected.json")):
        expected = json.loads(path.read_text("utf-8"))
        groups.setdefault((expected["title"], expected["date"]), []).append(expected)
    assert any(len(g) > 1 for g in groups.values()), "the samples must contain reposts"
    result = rdkb("import", "--docs", "docs", str(SAMPLES), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    archived = {}
    for path in (tmp_path / "docs" / "articles").rglob("*.md"):
        meta = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        date = meta["date"]
        archived[(meta["title"], str(date) if date else None)] = meta  # undated: date null
    assert set(archived) == set(groups)
    for key, pages in groups.items():
        urls = {page["url"] for page in pages if page["url"]}
        meta = archived[key]
        assert {meta.get("url"), *meta.get("also_at", [])} - {None} == urls, key


def test_a_page_with_only_navigation_and_a_footer_is_no_article(tmp_path: Path) -> None:
    page = FIXTURES / "pages" / "no-article" / "list-only.html"
    result = rdkb("import", "--docs", "docs", str(page), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{page}: no article text found" in result.stderr


def _break_one_archived_file(tmp_path: Path) -> Path:
    _good_page(tmp_path)
    assert rdkb("import", "--docs", "docs", "in", cwd=tmp_path).returncode == 0
    (path,) = (tmp_path / "docs" / "articles").rglob("*.md")
    broken = path.with_name("2020-01-01-hand-written.md")
    broken.write_text("---\ntitle: 手写\ndate: 2024-13-01\n---\n正文\n", "utf-8")
    return broken


def test_a_broken_archived_file_is_named_once_and_the_import_goes_on(tmp_path: Path) -> None:
    """Issue 13 (4): `date: 2024-13-01` in one archived file crashed every import."""
    broken = _break_one_archived_file(tmp_path)
    other = tmp_path / "in" / "other.txt"
    other.write_text(
        f"某县人大网\n县人大常委会召开第十次会议\n发布时间：2022-10-01\n另一篇。{ARTICLE_TEXT[::-1]}\n",
        "utf-8",
    )
    for args in (["--dry-run"], ["--dry-run", "--json"], []):
        result = rdkb("import", *args, "--docs", "docs", "in", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        relative = broken.relative_to(tmp_path)
        lines = [line for line in result.stderr.splitlines() if str(relative) in line]
        assert len(lines) == 1 and "YYYY-MM-DD" in lines[0], result.stderr
    assert "1 new" in result.stderr and "1 unchanged" in result.stderr


def test_dry_run_prints_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    page = _good_page(tmp_path)
    odd = page.with_name(os.fsdecode(b"\xb9\xfa\xbc\xd2.txt"))  # GBK bytes of 国家
    page.rename(odd)
    for args in (["--dry-run", "--json"], ["--dry-run"]):
        result = rdkb("import", *args, "--docs", "docs", "in", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert "\\xb9\\xfa\\xbc\\xd2.txt → docs/articles/" in result.stdout


def test_a_symlink_loop_in_the_input_is_skipped_with_a_warning(tmp_path: Path) -> None:
    _good_page(tmp_path)
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in")
    result = rdkb("import", "--docs", "docs", "in", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stderr and "symbolic link loop" in result.stderr


def test_two_imports_at_once_store_each_article_once(tmp_path: Path) -> None:
    """Issue 13 (6): without a lock both runs stored the samples, many of them twice."""
    command = [sys.executable, "-m", "scraper", "import", "--docs", "docs", str(SAMPLES)]
    runs = [
        subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    alone = tmp_path / "alone"
    alone.mkdir()
    assert rdkb("import", "--docs", "docs", str(SAMPLES), cwd=alone).returncode == 0
    together = sorted(p.name for p in (tmp_path / "docs" / "articles").rglob("*.md"))
    assert together == sorted(p.name for p in (alone / "docs" / "articles").rglob("*.md"))
    assert any("waiting for it to finish" in e for e in errors), errors
    for path in (tmp_path / "docs" / "articles").rglob("*.md"):
        assert path.stat().st_mode & 0o777 == 0o644


def test_a_web_address_points_to_rdkb_crawl_and_touches_nothing(tmp_path: Path) -> None:
    """Issue 15, point 7: a URL is not turned into a path (``http:/host/…: no such file``)."""
    good = _good_page(tmp_path)
    result = rdkb("import", str(good), "http://www.example.gov.cn/rdyw/1.html", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "http://www.example.gov.cn/rdyw/1.html: a web address" in result.stderr
    assert "rdkb crawl URL" in result.stderr and "http:/www" not in result.stderr
    assert not (tmp_path / "docs").exists()  # the good file waits too: nothing half done
