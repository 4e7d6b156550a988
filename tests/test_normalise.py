from __future__ import annotations

import markdown

from scraper.normalise import body_markdown, escape_markdown
from scraper.records import BodyLine
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
