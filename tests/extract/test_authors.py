from __future__ import annotations

import pytest

from scraper.extract.authors import (
    author_from_foot,
    author_line,
    authors_from_header,
    authors_from_lead,
    parse_author_spec,
    trailing_credit,
)
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


# Shapes from real pages, written with invented names.
@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "本报讯(全媒体记者郑和平通讯员卜文静)近日,某区人大",
            (A("郑和平", "全媒体记者"), A("卜文静", "通讯员")),
        ),
        (
            "某某网北京6月29日电 (记者梁一川、李晓楠)在发布会上",
            (A("梁一川", "记者"), A("李晓楠", "记者")),
        ),
        ("本报讯(记者 尹明远 王冠群)1月16日,记者从", (A("尹明远", "记者"), A("王冠群", "记者"))),
        ("某城晚报讯 记者高远报道:2月16日,省人大", (A("高远", "记者"),)),
        ("本刊讯(阮慧芳;周松林)7月24日至26日", (A("阮慧芳"), A("周松林"))),
        ("某报拉萨1月5日讯(记者 次仁卓玛 扎西)连日来", (A("次仁卓玛", "记者"), A("扎西", "记者"))),
        (
            "某新闻网2026年3月12日讯(某特区报特派记者 徐东方)3月11日",
            (A("徐东方", "某特区报特派记者"),),
        ),
        ("【本报记者广州十一日电】广东省人大", None),
        ("南都讯 2月3日,记者从全国人大获悉", None),
    ],
)
def test_lead_datelines_credit_writers(paragraph: str, expected: tuple[Author, ...] | None) -> None:
    found = authors_from_lead(paragraph)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("paragraph", "authors", "rest"),
    [
        ("代表列席会议。(本报记者 陈振华)", (A("陈振华", "本报记者"),), "代表列席会议。"),
        (
            "参加调研。(记者:陈江 见习记者:兰心)",
            (A("陈江", "记者"), A("兰心", "见习记者")),
            "参加调研。",
        ),
        ("參加考察。(某某日報記者 李小瑋)", (A("李小瑋", "某某日報記者"),), "參加考察。"),
        ("高效开展。(某某县人大 刘青山)", (A("刘青山", "某某县人大"),), "高效开展。"),
        ("在南寧舉行。(文 黃紫雲)", (A("黃紫雲"),), "在南寧舉行。"),
        (
            "走深走实。（作者系某县人大常委会主任 张建国）",
            (A("张建国", "某县人大常委会主任"),),
            "走深走实。",
        ),
        ("主持会议。(王海生/摄)", (), "主持会议。"),
    ],
)
def test_trailing_credits(paragraph: str, authors: tuple[Author, ...], rest: str) -> None:
    assert trailing_credit(paragraph) == (authors, rest)


@pytest.mark.parametrize("paragraph", ["审议通过了决定(草案)", "条例(试行)", "会议(2021年)"])
def test_brackets_that_are_no_credit(paragraph: str) -> None:
    assert trailing_credit(paragraph) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("□ 王鸿飞", (A("王鸿飞"),)),
        ("□ 全媒体记者  胡佳佳", (A("胡佳佳", "全媒体记者"),)),
        ("文/施 政", (A("施政"),)),
        ("文圖/榮海濤", (A("榮海濤"),)),
        ("張燕燕 謝定遠", (A("張燕燕"), A("謝定遠"))),
        ("省人大常委会副主任 沈文琍", (A("沈文琍", "省人大常委会副主任"),)),
        ("某都记者蒋天宇 发自北京", (A("蒋天宇", "某都记者"),)),
        ("各位代表:", None),
        ("新闻推荐", None),
        ("图片5.png", None),
    ],
)
def test_byline_lines(line: str, expected: tuple[Author, ...] | None) -> None:
    assert author_line(line) == expected


def test_editors_photographers_and_accounts_are_never_authors() -> None:
    assert author_from_foot("作者:尹 明 摄影:万 山") == (A("尹明"),)
    assert parse_author_spec("ahjgbzw") == ()
    assert authors_from_header(["访问次数: 25 作者: webadmin2 发布时间:2020-01-23"]) == ()
    assert author_line("黄兴 摄") is None
    assert authors_from_header(["刊发日期:2023-04-19 阅读次数: 作者:  语音阅读:"]) == ()


def test_words_beside_names_and_column_writers() -> None:
    assert authors_from_lead("某江网10月4日讯（记者陈某某 整合） 国庆长假过半")[0] == (
        A("陈某某", "记者"),
    )
    assert author_line("《某镜》作者 周某") == (A("周某", "《某镜》作者"),)
    assert author_line("某某工程新闻发言人 武某某") == (A("武某某", "某某工程新闻发言人"),)
