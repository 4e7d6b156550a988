from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import pytest

from scraper.archive import Archive, atomic_write, parse, render
from scraper.errors import ArchiveError
from scraper.records import Article, Author

BODY = "\n\n".join(
    [
        "市人大常委会组织代表深入基层开展专题调研，听取群众对老旧小区改造工作的意见建议。",
        "调研组先后走访十二个社区，召开座谈会六场，收集意见建议八十余条，形成调研报告。",
        "常委会将把调研成果转化为审议意见，推动政府有关部门抓好整改落实，回应群众关切。",
    ]
)


def _article(**changes: object) -> Article:
    base = Article(
        title="市人大常委会开展老旧小区改造专题调研",
        date=dt.date(2023, 4, 12),
        body=BODY + "\n",
        authors=(Author("李青", "市人大常委会研究室主任"),),
        region=("四川省", "成都市"),
        source="成都人大",
        site="成都人大网",
        url="http://www.cdrd.example/a/1.html",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_new_article_is_written_under_its_year_with_front_matter(tmp_path: Path) -> None:
    result = Archive(tmp_path).store(_article())
    assert result.status == "new"
    assert result.path.parent == tmp_path / "articles" / "2023"
    assert result.path.name.startswith("2023-04-12-shi-ren-da-chang-wei-hui")
    assert parse(result.path.read_text("utf-8"), "x") == _article()


def test_storing_the_same_page_again_changes_nothing(tmp_path: Path) -> None:
    first = Archive(tmp_path).store(_article())
    before = first.path.stat().st_mtime_ns
    second = Archive(tmp_path).store(_article())
    assert (second.status, second.path) == ("unchanged", first.path)
    assert first.path.stat().st_mtime_ns == before


def test_a_repost_is_stored_once_with_its_url_in_also_at(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    original = archive.store(_article())
    repost = _article(
        url="http://portal.example/news/9.html",
        site="某门户网",
        body="编者按：本文转自成都人大网。\n\n" + BODY.replace("，", ","),
    )
    result = Archive(tmp_path).store(repost)
    assert (result.status, result.path) == ("duplicate", original.path)
    stored = parse(original.path.read_text("utf-8"), "x")
    assert stored.also_at == ("http://portal.example/news/9.html",)
    assert stored.site == "成都人大网"
    assert len(list((tmp_path / "articles").rglob("*.md"))) == 1
    again = Archive(tmp_path).store(repost)
    assert again.status == "duplicate"
    assert parse(original.path.read_text("utf-8"), "x").also_at == stored.also_at


def test_hand_edits_survive_a_reimport_while_other_fields_update(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article()).path
    text = path.read_text("utf-8").replace("成都人大网", "成都市人大常委会网站")
    text = text.replace("title: ", "themes:\n- 监督工作\ntitle: ")
    path.write_text(text, "utf-8")
    improved = _article(source="成都人大杂志")  # a re-extraction that now reads another source
    result = Archive(tmp_path).store(improved)
    assert result.status == "updated"
    stored = parse(path.read_text("utf-8"), "x")
    assert stored.site == "成都市人大常委会网站"  # edited by hand: kept
    assert stored.extra["themes"] == ["监督工作"]  # a hand-added key: kept
    assert stored.source == "成都人大杂志"  # untouched by hand: re-extracted


def test_different_articles_with_the_same_title_and_date_get_distinct_files(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = archive.store(_article(url="http://a.example/1.html"))
    other_body = "区人大常委会听取审议区政府关于生态环境保护工作情况的报告，提出意见建议。\n"
    second = archive.store(_article(url="http://b.example/2.html", body=other_body))
    assert second.status == "new"
    assert second.path != first.path


def test_the_same_text_re_paragraphed_under_the_same_title_is_a_repost(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = archive.store(_article())
    merged_paragraphs = BODY.replace("\n\n", "")  # one long paragraph: no paragraph matches
    repost = _article(url="http://portal.example/x.html", body=merged_paragraphs)
    result = archive.store(repost)
    assert (result.status, result.path) == ("duplicate", first.path)


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("old", "utf-8")

    with pytest.raises(UnicodeEncodeError):
        atomic_write(path, "new text with a lone surrogate \ud800 that cannot be encoded")
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.md"]


def test_bad_front_matter_names_the_file() -> None:
    with pytest.raises(ArchiveError, match=r"broken\.md"):
        parse("no front matter", "broken.md")
    with pytest.raises(ArchiveError, match=r"broken\.md.*title"):
        parse("---\nfoo: 1\n---\nbody", "broken.md")


def test_render_writes_only_known_keys_in_order() -> None:
    front_matter = render(_article()).split("---\n")[1]
    keys = [line.split(":")[0] for line in front_matter.splitlines() if line[0].isalpha()]
    assert keys == ["title", "date", "authors", "region", "source", "site", "url"]


def test_one_broken_archived_file_blocks_only_its_own_article(tmp_path: Path) -> None:
    """Issue 13 (4): a typo in one file used to make every later store raise."""
    archive = Archive(tmp_path)
    first = archive.store(_article())
    meeting = _article(title="市人大常委会召开主任会议", url="http://x.example/2", body="会议。\n")
    other = archive.store(meeting)
    text = other.path.read_text("utf-8")
    other.path.write_text(text.replace("title:", "title: [", 1), "utf-8")
    again = Archive(tmp_path)
    third = again.store(
        _article(title="县人大常委会视察重点项目", url="http://x.example/3", body="新的正文。\n")
    )
    assert third.status == "new"
    assert again.store(_article()).status == "unchanged"  # the good file is still indexed
    assert list(again.broken) == [other.path]
    assert str(other.path) in again.broken[other.path]
    assert "not valid YAML" in again.broken[other.path]
    with pytest.raises(ArchiveError, match="fix the file"):
        again.store(meeting)
    assert first.path.exists()


def test_a_month_13_date_is_a_named_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match=r"^a\.md: 'date' must be a real YYYY-MM-DD date"):
        parse("---\ntitle: x\ndate: 2024-13-01\n---\nbody", "a.md")


def test_undated_articles_are_read_and_stored(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    result = archive.store(_article(date=None))
    assert result.path.parent.name == "undated"
    assert "date: null" in result.path.read_text("utf-8")
    ((_, article),) = Archive(tmp_path).load_all()
    assert article.date is None


def test_archived_files_get_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        result = Archive(tmp_path).store(_article())
    finally:
        os.umask(old)
    assert result.path.stat().st_mode & 0o777 == 0o644


def test_a_symlink_loop_under_articles_is_skipped_with_a_warning(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.store(_article())
    (tmp_path / "articles" / "2023" / "loop").symlink_to(tmp_path / "articles")
    again = Archive(tmp_path)
    assert len(list(again.load_all())) == 1
    (warning,) = again.warnings
    assert "loop" in warning and "skipped" in warning
