from __future__ import annotations

from dataclasses import replace

import markdown
import pytest

from scraper.normalise import (
    actor_region,
    body_markdown,
    escape_markdown,
    fullwidth_punctuation,
    refine_region,
    region_of,
    short_name_region,
)
from scraper.records import BodyLine, ExtractedPage
from tests.conftest import headings, paragraphs

PARA = "地方人大及其常委会要坚持问题导向，聚焦群众关切，依法开展监督，推动各项工作落地见效。"


def _lines(*texts: str) -> tuple[BodyLine, ...]:
    return tuple(BodyLine(t) for t in texts)


def test_numbered_headings_become_h2_and_h3() -> None:
    body = body_markdown(
        _lines(PARA, "一、坚持党的领导", PARA, "（一）加强学习", PARA, "二、依法履职", PARA)
    )
    assert "## 一、坚持党的领导" in body
    assert "### （一）加强学习" in body
    assert headings(body) == ["一、坚持党的领导", "（一）加强学习", "二、依法履职"]


def test_a_heading_run_into_its_paragraph_is_split() -> None:
    body = body_markdown(
        _lines(
            PARA,
            "一、坚定政治立场，当好忠诚“拥护者”。牢牢把握最高政治原则，坚持好人民代表大会制度。",
        )
    )
    assert headings(body) == ["一、坚定政治立场，当好忠诚“拥护者”"]
    assert paragraphs(body)[-1] == "牢牢把握最高政治原则，坚持好人民代表大会制度。"


def test_enumeration_runs_stay_paragraphs() -> None:
    text = "一是坚持政治引领。把学习贯彻全会精神作为重大政治任务。二是提高政治站位。"
    assert headings(body_markdown(_lines(PARA, text, PARA))) == []


def test_short_line_alone_between_paragraphs_is_a_heading() -> None:
    body = body_markdown(_lines(PARA, "聚焦民生抓监督", PARA))
    assert headings(body) == ["聚焦民生抓监督"]


def test_short_closing_line_is_not_a_heading() -> None:
    assert headings(body_markdown(_lines(PARA, "（完）"))) == []


def test_markup_in_text_is_escaped_and_renders_as_text() -> None:
    hostile = (
        '<script>alert(1)</script> [点我](javascript:alert(1)) <img src=x onerror="x()">'
        " *强调* & 1. 列表"
    )
    html = markdown.markdown(escape_markdown(hostile))
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<em>" not in html
    assert "&lt;script&gt;" in html


def test_text_round_trips_through_markdown() -> None:
    texts = ["一要坚定政治信仰_[重点]_", "# 不是标题", "- 不是列表", "2024. 不是编号"]
    for text in texts:
        assert paragraphs(body_markdown(_lines(PARA, text)))[-1] == text


def test_short_lines_standing_alone_become_headings_and_sub_headings() -> None:
    body = body_markdown(
        _lines(PARA, "精心谋划推动", "找准工作切入点和着力点", PARA, "倾心履职不停歇", PARA)
    )
    assert "## 精心谋划推动" in body
    assert "### 找准工作切入点和着力点" in body
    assert "## 倾心履职不停歇" in body


def test_ascii_punctuation_between_chinese_becomes_full_width() -> None:
    assert fullwidth_punctuation("会议强调,要依法履职:一是学习;二是监督?对!") == (
        "会议强调，要依法履职：一是学习；二是监督？对！"
    )
    assert fullwidth_punctuation("10:30 开会, ok, 2/3的省份") == "10:30 开会, ok, 2/3的省份"


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        (
            "某某事项办理情况",
            "近日，伊美区人大常委会组织代表视察。",
            ("黑龙江省", "伊春市", "伊美区"),
        ),
        ("福建省十三届人大常委会第十一次会议召开", "会议审议了有关报告。", ("福建省",)),
        ("", "28日，省十四届人大常委会第十次会议在福州举行第一次全体会议。", ("福建省",)),
        ("宁夏代表团向大会提交议案", "会议期间，代表们认真审议。", ("宁夏回族自治区",)),
        # An actor named by its level takes the place named next, at that level.
        ("", "来自某某市某县某某村的自治区人大代表在拉萨报到。", ("西藏自治区",)),
        ("", "近年来，湘西自治州人大常委会持续开展调研。", ("湖南省", "湘西土家族苗族自治州")),
        ("", "全国人大常委会法工委有关负责人介绍了立法情况。", ()),
        ("", "甘肅各級人大代表積極履職。", ("甘肃省",)),
        ("", "出席市十五届人大四次会议的代表报到，为推进阜新转型建言。", ("辽宁省", "阜新市")),
        ("", "三亚经济圈市县人大常委会联席会议在三亚召开。", ("海南省",)),
    ],
)
def test_actor_region(title: str, lead: str, expected: tuple[str, ...] | None) -> None:
    assert actor_region(title, lead) == expected


def test_a_paper_named_after_its_city_gives_the_region() -> None:
    assert short_name_region(["某特区报特派记者", "深圳特区报特派记者"]) == ("广东省", "深圳市")
    assert short_name_region(["人民日报", "南方日报"]) == ()
    assert short_name_region(["桐乡新闻网"]) == ("浙江省", "嘉兴市", "桐乡市")
    assert short_name_region(["凤凰网"]) == ()  # a portal, not 凤凰县


def test_a_town_in_the_title_refines_the_region_to_its_county() -> None:
    assert refine_region(("浙江省", "杭州市"), "西湖区文新街道代表之家获评") == (
        "浙江省",
        "杭州市",
        "西湖区",
    )
    assert refine_region(("浙江省",), "梧桐街道代表联络站接待选民") == (
        "浙江省",
        "嘉兴市",
        "桐乡市",
    )
    # The name alone is in four provinces: without a known province it is not guessed.
    assert refine_region((), "梧桐街道代表联络站接待选民") == ()


def test_a_headline_about_a_national_body_is_national_whoever_reposts_it() -> None:
    page = ExtractedPage(
        origin="x",
        title="中华人民共和国某某法",
        date=None,
        body=(BodyLine(PARA),),
        site="某省某某大学纪检监察室",
    )
    assert region_of(page) == ()
    assert region_of(replace(page, title="某某县召开人大代表座谈会")) == ()
    assert region_of(replace(page, site="山西某某大学", title="某某会议召开")) == ("山西省",)
