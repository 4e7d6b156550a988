"""Line classes and the headline choice, on shapes real pages take (invented text)."""

from __future__ import annotations

import pytest

from scraper.extract.document import Line
from scraper.extract.layout import (
    clean_title,
    guess_title,
    is_body_end,
    is_furniture,
    is_info_line,
    join_field_labels,
    split_layout,
)
from scraper.extract.textform import key, plain, plain_index

PARA = (
    "某县人大常委会组织部分代表开展专题视察，实地察看项目建设进展，听取有关情况汇报，提出意见建议。"
)


def _lines(*texts: str) -> tuple[Line, ...]:
    return tuple(Line(t) for t in texts)


def test_glosses_are_removed_and_traditional_folded_for_matching() -> None:
    text = "來(lái)源:某某日報(bào)"
    assert plain(text) == "來源:某某日報"
    assert key(text) == "来源:某某日报"
    assert text[plain_index(text, 3) :] == "某某日報(bào)"


@pytest.mark.parametrize(
    "line",
    [
        "2016-11-21张某某李某某",
        "2018-11-14 15:01:11发布61次查看",
        "某某新闻 2025-11-27 23:00:14",
        "字数:919 2026年01月17日 要闻",
        "日期:10-08",
        "版面:第02版:要闻       上一篇    下一篇",
        "發(fā)布時(shí)間:2026-01-26 08:14:18",
        "05.03.2018  02:21",
    ],
)
def test_info_lines(line: str) -> None:
    assert is_info_line(line)


@pytest.mark.parametrize(
    "line", [PARA, "2024年5月19日上午，某县人大常委会召开第十次会议，审议有关报告。"]
)
def test_running_text_is_no_info_line(line: str) -> None:
    assert not is_info_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "首頁 國內 時評 黨建 省情 文化 法治 原創 視頻",
        "全国人大 | 省委 | 省政府 | 省政协",
        "《某某日报》 《某某日报藏文版》 《某某商报》",
        "您當(dāng)前的位置 :熱點(diǎn) >",
        "[字体: ]",
        "星期二",
        "移动用户编辑短信XX到1065800,即可免费订阅手机报。",
    ],
)
def test_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "编 辑: 谢某某",
        "责 编: 谢某某",
        "[责任编辑 孙某某]",
        "【编辑:李某某】",
        "相关新闻",
        "特别声明:以上内容为用户上传",
        "出处:《某某》",
    ],
)
def test_body_ends(line: str) -> None:
    assert is_body_end(line)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("【人大要闻】某某信访接待日接待来访群众", "某某信访接待日接待来访群众"),
        ("原標(biāo)題:我在某地掛職二三事", "我在某地掛職二三事"),
        ("某某现有各级人大代表7万余名-某某备用手机登录", "某某现有各级人大代表7万余名"),
        ("【新春·直通两会】某某代表团举行新闻发布会", "某某代表团举行新闻发布会"),
    ],
)
def test_clean_title(title: str, expected: str) -> None:
    assert clean_title(title) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # The info bar closest to the text wins over a reader's own date higher up.
        (
            (
                "电子报阅读机",
                "2026-01-20",
                "当前报纸名称:某某日报",
                "某县人大:站位一线履职",
                "日期:10-08",
                "□ 记者  某某某",
                PARA,
            ),
            "某县人大:站位一线履职",
        ),
        # A date glued to names under the headline.
        (
            ("某地人大代表履职研究综述", "2016-11-21张某某李某某", "张某某 李某某", PARA),
            "某地人大代表履职研究综述",
        ),
        # A slogan paragraph above the breadcrumb and the headline.
        (
            (
                "人民代表大会制度是根本政治制度安排。",
                "——某某",
                "首页 >> 基层人大",
                "某县人大创新代表活动形式",
                "来源:某县人大 2019-07-10 17:20:00",
                PARA,
            ),
            "某县人大创新代表活动形式",
        ),
        # No info bar: the headline-like line before the text; a related list is never read.
        (
            ("某某代表团向大会提交议案5件", PARA, "相关新闻", "某市推进春耕", "[2026-03-10] -"),
            "某某代表团向大会提交议案5件",
        ),
        # A kicker over the main title; a title over a much shorter section heading.
        (("將選舉正副主任", "某省人大會議今日開幕", PARA), "某省人大會議今日開幕"),
        (
            ("代表工作:跟随时代的脉搏焕发新活力", "“橱窗”14年", PARA),
            "代表工作:跟随时代的脉搏焕发新活力",
        ),
        # No headline at all.
        (("□ 王某某", PARA), None),
    ],
)
def test_guess_title(lines: tuple[str, ...], expected: str | None) -> None:
    assert guess_title(_lines(*lines)) == expected


def test_lone_field_labels_join_their_value() -> None:
    joined = join_field_labels(_lines("摘要", PARA, "出处", "《某某政坛》", "2019年第8期"))
    assert [line.text for line in joined] == [PARA, "出处:《某某政坛》", "2019年第8期"]


def test_credits_and_photo_credits_leave_the_body() -> None:
    layout = split_layout(
        _lines(
            "某县召开会议", "2024-05-01", PARA, "会议现场。王某某 摄", PARA + "(本报记者 陈某某)"
        ),
        "某县召开会议",
    )
    assert [line.text for line in layout.body] == [PARA, PARA]  # a bare caption goes too
    assert layout.foot == ("(本报记者 陈某某)",)


def test_a_site_promoting_its_accounts_names_itself() -> None:
    from scraper.extract.patterns import SITE_ACCOUNT

    found = SITE_ACCOUNT.match("某乡新闻网官方微信 |")
    assert found and found["site"] == "某乡新闻网"
