"""Doubtful fields (front-matter ``review``): how re-imports treat them, and ``rdkb review``."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from scraper.archive import Archive, parse
from scraper.cli import main
from scraper.records import Article
from scraper.review import candidates

BODY = (
    "区人大常委会组织部分代表视察城区污水管网改造工程，听取区住建局情况汇报。\n\n"
    "代表们建议加快雨污分流改造进度，做好施工期间交通疏导，减少对群众出行的影响。\n"
)
NO_DATE = "no date on the page; none in the URL"
TITLE_DOUBT = "two headline candidates: 「区人大代表视察污水管网改造」「视察污水管网改造工程」"


def _article(**changes: object) -> Article:
    base = Article(
        title="区人大代表视察污水管网改造",
        date=None,
        body=BODY,
        site="某区人大网",
        url="http://rd.example/a/7.html",
        review={"date": NO_DATE, "title": TITLE_DOUBT},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_an_undated_article_is_filed_as_undated_and_stays_put(tmp_path: Path) -> None:
    result = Archive(tmp_path).store(_article())
    assert result.status == "new"
    assert result.path.parent == tmp_path / "articles" / "undated"
    text = result.path.read_text("utf-8")
    assert "\ndate: null\n" in text
    assert "review:\n  date: no date on the page; none in the URL\n" in text
    stored = parse(text, "x")
    assert stored.date is None and stored.review == _article().review
    assert Archive(tmp_path).store(_article()).status == "unchanged"


def test_a_fixed_field_and_its_deleted_note_survive_a_reimport(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article()).path
    _edit(path, "date: null", "date: 2024-03-08")  # checked against the print edition
    _edit(path, f"  date: {NO_DATE}\n", "")  # and the note deleted
    for _ in range(2):  # the same doubts extracted again, twice
        Archive(tmp_path).store(_article())
        stored = parse(path.read_text("utf-8"), "x")
        assert stored.date == dt.date(2024, 3, 8)
        assert stored.review == {"title": TITLE_DOUBT}


def test_deleting_the_whole_key_keeps_it_deleted(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article()).path
    text = path.read_text("utf-8")
    start = text.index("review:")
    end = text.index("---", start)
    path.write_text(text[:start] + text[end:], "utf-8")  # the person accepted both fields
    Archive(tmp_path).store(_article())
    assert parse(path.read_text("utf-8"), "x").review == {}
    # a doubt the extractor had not raised before is new to the person: it is shown
    Archive(tmp_path).store(_article(review={"date": NO_DATE, "source": "两个来源"}))
    assert parse(path.read_text("utf-8"), "x").review == {"source": "两个来源"}


def test_a_field_edited_by_hand_drops_its_note(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article()).path
    _edit(path, "title: 区人大代表视察污水管网改造", "title: 区人大代表视察污水管网改造工程")
    Archive(tmp_path).store(_article())
    stored = parse(path.read_text("utf-8"), "x")
    assert stored.title == "区人大代表视察污水管网改造工程"
    assert stored.review == {"date": NO_DATE}


def test_a_doubt_the_extractor_no_longer_has_goes_away(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article()).path
    Archive(tmp_path).store(_article(date=dt.date(2024, 3, 8), review={"title": TITLE_DOUBT}))
    stored = parse(path.read_text("utf-8"), "x")
    assert stored.date == dt.date(2024, 3, 8)
    assert stored.review == {"title": TITLE_DOUBT}


def test_hand_edits_survive_repeated_reimports(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article()).path
    _edit(path, "site: 某区人大网", "site: 某区人民代表大会常务委员会网站")
    for _ in range(3):
        Archive(tmp_path).store(_article())
    assert parse(path.read_text("utf-8"), "x").site == "某区人民代表大会常务委员会网站"


def test_a_key_deleted_by_hand_stays_deleted(tmp_path: Path) -> None:
    path = Archive(tmp_path).store(_article(source="某报")).path
    _edit(path, "source: 某报\n", "")
    Archive(tmp_path).store(_article(source="某报"))
    assert parse(path.read_text("utf-8"), "x").source is None


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (TITLE_DOUBT, ("区人大代表视察污水管网改造", "视察污水管网改造工程")),
        ("dates disagree; candidates: 2024-03-08; 2024-03-09", ("2024-03-08", "2024-03-09")),
        ("作者不确定，候选：张三、李四", ("张三", "李四")),
        (NO_DATE, ()),
    ],
)
def test_candidates_are_read_from_the_reason(reason: str, expected: tuple[str, ...]) -> None:
    assert candidates(reason) == expected


def test_rdkb_review_lists_every_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = Archive(tmp_path)
    undated = archive.store(_article()).path
    archive.store(
        _article(
            title="另一篇文章",
            date=dt.date(2024, 1, 2),
            body="市人大常委会召开第十二次会议，审议通过关于加强生态环境保护的决定草案。\n",
            url="http://rd.example/a/8.html",
            review={},
        )
    )
    assert main(["review", "--docs", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["file", "field", "reason", "candidates"]
    rel = undated.relative_to(tmp_path).as_posix()
    date_row = next(line for line in lines if " date " in line)
    assert date_row.startswith(rel) and NO_DATE in date_row
    title_row = next(line for line in lines if " title " in line)
    assert "区人大代表视察污水管网改造 | 视察污水管网改造工程" in title_row
    assert "2 field(s) to review in 1 article(s)" in out
    assert "另一篇文章" not in out

    assert main(["review", "--docs", str(tmp_path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["file"], r["field"]) for r in rows] == [(rel, "date"), (rel, "title")]


def test_rdkb_review_with_nothing_to_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Archive(tmp_path).store(_article(date=dt.date(2024, 1, 2), review={}))
    assert main(["review", "--docs", str(tmp_path)]) == 0
    assert "nothing to review" in capsys.readouterr().out
    assert main(["review", "--docs", str(tmp_path / "missing")]) == 2
