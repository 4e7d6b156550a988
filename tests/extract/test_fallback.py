"""The trafilatura fallback (issue 12, point 4): it runs on a fresh install (``lxml_html_clean``
is declared in pyproject.toml) and takes over when the page's layout defeats the line cut."""

from __future__ import annotations

from pathlib import Path

from scraper.decode import decode_page
from scraper.extract import _trafilatura_body, extract_page
from scraper.pipeline import article_from_raw
from scraper.records import RawPage

# Our own page: the text comes before the headline, and an editor line (where the line cut
# decides the article has ended) sits above the text.
PAGE = Path(__file__).parents[1] / "fixtures" / "trafilatura" / "body-before-title.html"
PARAGRAPHS = (
    "6月12日，县人大常委会组织部分省、市、县人大代表",
    "视察组一行先后来到城关镇水厂",
    "视察组指出，农村饮水安全关系群众切身利益",
)


def test_trafilatura_itself_reads_the_page() -> None:
    lines = _trafilatura_body(PAGE.read_text("utf-8"), frozenset({"首页", "人大要闻"}))
    texts = [line.text for line in lines]
    for start in PARAGRAPHS:
        assert any(text.startswith(start) for text in texts), start
    assert not any("版权所有" in text or "首页" in text for text in texts)


def test_a_layout_that_defeats_the_line_cut_falls_back_to_trafilatura() -> None:
    raw = RawPage(PAGE.read_bytes(), str(PAGE))
    page = extract_page(decode_page(raw, None))
    assert page.body_from == "trafilatura"
    body = "\n".join(line.text for line in page.body)
    for start in PARAGRAPHS:
        assert start in body, start
    article = article_from_raw(raw)
    assert article.title == "县人大常委会视察农村饮水安全工作"
    assert all(start in article.body for start in PARAGRAPHS)
