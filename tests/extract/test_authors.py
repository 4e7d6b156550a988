from __future__ import annotations

import pytest

from scraper.extract.authors import author_from_foot, authors_from_header, parse_author_spec
from scraper.records import Author

A = Author


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("张三", (A("张三"),)),
        ("王海峰(甘肃省张掖市人大常委会主任)", (A("王海峰", "甘肃省张掖市人大常委会主任"),)),
        ("王海峰（甘肃省张掖市人大常委会主任）", (A("王海峰", "甘肃省张掖市人大常委会主任"),)),
        (
            "伊春市伊美区人大常委会党组书记、主任 刘玉静",
            (A("刘玉静", "伊春市伊美区人大常委会党组书记、主任"),),
        ),
        ("湖南省人大常委会研究室", (A(None, "湖南省人大常委会研究室"),)),
        ("张三 李四", (A("张三"), A("李四"))),
        ("张三、李四", (A("张三"), A("李四"))),
        ("本报记者 王五 通讯员 赵六", (A("王五", "本报记者"), A("赵六", "通讯员"))),
        ("佚名", ()),
        ("本站", ()),
        ("佚名 来源:甘肃人大网", ()),
        ("张三 来源：某某网", (A("张三"),)),
    ],
)
def test_author_specs(spec: str, expected: tuple[Author, ...]) -> None:
    assert parse_author_spec(spec) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "(作者:伊春市伊美区人大常委会党组书记、主任 刘玉静)",
            (A("刘玉静", "伊春市伊美区人大常委会党组书记、主任"),),
        ),
        (
            "（作者系四川省人大常委会研究室副主任 李明）",
            (A("李明", "四川省人大常委会研究室副主任"),),
        ),
        ("（作者系湖南省人大常委会研究室）", (A(None, "湖南省人大常委会研究室"),)),
        ("作者:王海峰(甘肃省张掖市人大常委会主任)", (A("王海峰", "甘肃省张掖市人大常委会主任"),)),
        ("(作者单位：某某县人大常委会办公室)", None),
        ("作者认为，监督要敢于较真碰硬。", None),
    ],
)
def test_foot_lines(line: str, expected: tuple[Author, ...] | None) -> None:
    assert author_from_foot(line) == expected


def test_header_author_field_and_byline() -> None:
    assert authors_from_header(["发布时间:2024-05-19 作者:佚名 来源:甘肃人大网"]) == ()
    assert authors_from_header(["2020-01-02", "本报记者 王五"]) == (A("王五", "本报记者"),)
    assert authors_from_header(["发布时间:2024-05-19 来源:甘肃人大网"]) is None


@pytest.mark.parametrize(
    "line", ["责任编辑:姚楠", "编辑：张宇", "审核：张宇", "校对：李华", "来源：本网"]
)
def test_editor_lines_are_never_authors(line: str) -> None:
    assert authors_from_header([line]) is None
    assert author_from_foot(line) is None
