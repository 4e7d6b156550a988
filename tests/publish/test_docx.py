"""Issue 15 (2): the Word study document, read back with python-docx as Word would open it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.themes import load_taxonomy
from scraper.publish.docx import DocArticle, docx_articles, markdown_blocks, study_document
from scraper.records import Author
from tests.analysis.conftest import article, entries

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY = """人大工作要坚持正确政治方向，[点击查看](https://www.example.gov.cn/x.html)全文。

## 一、把牢政治方向

常委会党组严格执行请示报告制度\\*，**重要事项**及时报告。![现场照片](images/a.jpg)

- 健全学习制度
- 完善议事规则

1. 第一项
2. 第二项

### （一）加强学习

持续深化理论武装。"""

FIRST = DocArticle(
    title="加强“四个机关”建设 推动人大工作高质量发展",
    date=dt.date(2024, 5, 19),
    authors="王海峰（张掖市人大常委会主任）",
    source="甘肃人大网",
    url="https://www.gsrd.gov.cn/llyj/2024/0519/1.html",
    body_markdown=BODY,
    sample=False,
)
SECOND = DocArticle(
    title="县人大常委会开展基层立法联系点调研",
    date=dt.date(2023, 3, 2),
    authors="",
    source="资水人大网",
    url="http://www.zsrd.example/show.php?id=902",
    body_markdown="调研组实地察看了联系点。\n\n调研组提出了意见建议。",
    sample=True,
)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _texts(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_cover_contents_and_every_article_in_order() -> None:
    document = _open(study_document("人大自身建设", "专题学习材料", [FIRST, SECOND]))
    texts = [p.text for p in document.paragraphs]
    assert _texts(document, "Title") == ["人大自身建设"]
    assert _texts(document, "Subtitle") == ["专题学习材料"]
    assert "人大知识库" in texts
    assert "其中 1 篇为样例文章（本项目自撰的示范文本，并非真实报道）" in texts
    assert _texts(document, "Heading 1") == [FIRST.title, SECOND.title]
    contents = texts.index("目　录")
    assert texts[contents + 1 : contents + 3] == [
        f"1．{FIRST.title}（2024年5月19日）",
        f"2．【样例】{SECOND.title}（2023年3月2日）",
    ]
    first, second = (texts.index(t, contents + 3) for t in (FIRST.title, SECOND.title))
    assert texts[first + 1] == "王海峰（张掖市人大常委会主任） · 甘肃人大网 · 2024年5月19日"
    assert texts[second + 1] == "【样例】资水人大网 · 2023年3月2日"
    assert texts[second - 1] == f"原文链接：{FIRST.url}"
    assert texts[-1] == f"原文链接：{SECOND.url}"
    props = document.core_properties
    assert (props.title, props.subject, props.author) == (
        "人大自身建设",
        "专题学习材料",
        "人大知识库",
    )


def test_the_body_keeps_its_structure_and_loses_links_images_and_markup() -> None:
    document = _open(study_document("学习材料", "", [FIRST]))
    texts = [p.text for p in document.paragraphs]
    start = texts.index(FIRST.title)
    assert _texts(document, "Heading 2") == ["一、把牢政治方向"]
    assert _texts(document, "Heading 3") == ["（一）加强学习"]
    assert _texts(document, "List Bullet") == ["健全学习制度", "完善议事规则"]
    assert texts[start + 2] == "人大工作要坚持正确政治方向，点击查看全文。"
    assert "常委会党组严格执行请示报告制度*，重要事项及时报告。" in texts
    assert [t for t in texts if t[:2] in ("1.", "2.")] == ["1. 第一项", "2. 第二项"]
    whole = "\n".join(texts)
    for markup in ("](", "https://www.example.gov.cn", "images/a.jpg", "**", "\\", "##"):
        assert markup not in whole
    assert not document.inline_shapes  # no images


def test_chinese_fonts_are_set_without_theme_fonts_overriding_them() -> None:
    document = _open(study_document("学习材料", "", [FIRST]))
    for style, font in (("Normal", "宋体"), ("Heading 1", "黑体"), ("Heading 2", "黑体")):
        fonts = document.styles[style].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, style
        assert fonts.get(qn("w:eastAsiaTheme")) is None, style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_hostile_text_does_not_break_the_document() -> None:
    hostile = DocArticle(
        title="标题\x00\x01\x08\x0b\x0c\x1f\ufffe带控制字符<script>alert(1)</script>",
        date=None,
        authors="作者\x07",
        source="<b>来源</b>\ud800",
        url="javascript:alert(1)\x1b",
        body_markdown="正文\x02<script>alert('x')</script>&lt;iframe&gt;\n\n" + "长" * 200_000,
        sample=False,
    )
    data = study_document("学习\x03材料", "副标题\x04", [hostile])
    document = _open(data)
    texts = [p.text for p in document.paragraphs]
    heading = _texts(document, "Heading 1")
    assert heading == ["标题带控制字符<script>alert(1)</script>"]
    assert "作者 · <b>来源</b> · 日期不详" in texts
    assert "正文alert('x')<iframe>" in texts  # tags in Markdown are markup; entities are text
    assert "长" * 200_000 in texts
    assert "原文链接：javascript:alert(1)" in texts
    assert _texts(document, "Title") == ["学习材料"]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<script>" not in xml and "&lt;script&gt;alert(1)&lt;/script&gt;" in xml


def test_the_same_articles_give_the_same_bytes() -> None:
    """Deterministic: timestamps come from the articles, never from the clock."""
    data = study_document("人大自身建设", "专题学习材料", [FIRST, SECOND])
    assert study_document("人大自身建设", "专题学习材料", [FIRST, SECOND]) == data
    package = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = _open(data).core_properties
    assert props.created == props.modified == dt.datetime(2024, 5, 19, tzinfo=dt.UTC)
    newer = replace(FIRST, date=dt.date(2025, 1, 2))
    assert _open(study_document("t", "", [newer])).core_properties.created == dt.datetime(
        2025, 1, 2, tzinfo=dt.UTC
    )


def test_no_articles_still_gives_a_document() -> None:
    document = _open(study_document("空", "", []))
    assert _texts(document, "Title") == ["空"]
    assert _texts(document, "Heading 1") == []


@pytest.mark.parametrize(
    ("markdown", "kinds"),
    [
        ("# 一级\n\n段落", [("heading", "一级"), ("paragraph", "段落")]),
        ("第一行\n第二行", [("paragraph", "第一行第二行")]),
        ("> 引用的话", [("quote", "引用的话")]),
        ("![只有图片](a.png)", []),
        ("```\n代码\n```", [("paragraph", "代码")]),
        ("\\# 不是标题 \\- 也不是列表", [("paragraph", "# 不是标题 - 也不是列表")]),
        ("* 星号列表\n+ 加号列表", [("bullet", "星号列表"), ("bullet", "加号列表")]),
    ],
)
def test_markdown_blocks(markdown: str, kinds: list[tuple[str, str]]) -> None:
    assert [(b.kind, b.text) for b in markdown_blocks(markdown)] == kinds


def test_articles_from_the_analysis(tmp_path: Path) -> None:
    real = replace(
        article(
            "人大工作学习体会",
            "正文。",
            authors=(Author("王海峰", "张掖市人大常委会主任"), Author(None, "县人大常委会研究室")),
            url="https://www.rd.gov.cn/llyj/1.html",
        ),
        site="张掖人大网",
    )
    sample = replace(
        article(
            "样例文章", "样例正文。", date="2023-01-02", url="http://www.fzmzgc.example/2.html"
        ),
        original_url="http://www.gzrd.example/llyj/1.html",
        source="贵州人大",
        site="法治民主观察网",
    )
    result = analyse(entries(real, sample), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    got = docx_articles(result.infos)
    assert got == [
        DocArticle(
            title="人大工作学习体会",
            date=dt.date(2024, 5, 19),
            authors="王海峰（张掖市人大常委会主任）、县人大常委会研究室",
            source="张掖人大网",
            url="https://www.rd.gov.cn/llyj/1.html",
            body_markdown="正文。",
            sample=False,
        ),
        DocArticle(
            title="样例文章",
            date=dt.date(2023, 1, 2),
            authors="",
            source="贵州人大",
            url="http://www.gzrd.example/llyj/1.html",
            body_markdown="样例正文。",
            sample=True,
        ),
    ]


def test_the_contents_link_to_the_articles() -> None:
    """Each contents entry is a link to a bookmark around its article's heading."""
    data = study_document("学习材料", "", [FIRST, SECOND, FIRST])
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    w = {"w": W}
    anchors = body.xpath("//w:hyperlink/@w:anchor", namespaces=w)
    marks = {
        m.get(f"{{{W}}}name"): "".join(m.getparent().xpath(".//w:t/text()", namespaces=w))
        for m in body.xpath("//w:bookmarkStart", namespaces=w)
    }
    assert len(anchors) == len(set(anchors)) == 3
    assert [marks[a] for a in anchors] == [FIRST.title, SECOND.title, FIRST.title]
    ids = body.xpath("//w:bookmarkStart/@w:id", namespaces=w)
    assert ids == body.xpath("//w:bookmarkEnd/@w:id", namespaces=w) and len(set(ids)) == 3
