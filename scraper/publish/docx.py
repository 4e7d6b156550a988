"""Study documents: a theme's or a month's articles as one Word file (.docx).

中心组学习 and 支部学习 run on printed or Word material, so each theme and each month can be
downloaded as a document: a cover, a contents list, then every article with its header line,
its text and its source link. The bytes depend on the input only (fixed timestamps, fixed zip
entry dates), so a cache keyed by the content can keep a document from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax import saxutils

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from scraper.publish.templating import chinese_date

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle

    from scraper.analysis.corpus import ArticleInfo
    from scraper.records import Author

MAKER = "人大知识库"
SAMPLE_MARK = "【样例】"
BODY_FONT = "宋体"  # SimSun: what Chinese government documents are set in
HEADING_FONT = "黑体"  # SimHei
LATIN_FONT = "Times New Roman"
INFO_STYLE = "Article Info"  # header lines, contents entries, source links
CENTRED_STYLE = "Cover Line"
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # the timestamps of a document with no dates
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry

# Characters XML 1.0 cannot hold (most C0 controls, surrogates, U+FFFE/U+FFFF): python-docx
# refuses a string with one, so one such character in one scraped text would sink the document.
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FLAT = re.compile(r"\s*[\t\n]\s*")  # one paragraph is one line
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,9})[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash escapes ASCII punctuation
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1")
_PROTECT = 0xF0000  # escaped characters wait in a private-use plane while markup is stripped


@dataclass(frozen=True)
class DocArticle:
    """One article as a study document prints it."""

    title: str
    date: dt.date | None
    authors: str  # as printed: 王海峰（张掖市人大常委会主任）、李明; "" when unsigned
    source: str  # the publication credited, else the site; "" when unknown
    url: str  # the page the text comes from; "" when unknown
    body_markdown: str  # the archive's Markdown body
    sample: bool  # our own writing (a bundled sample), marked 样例


def clean(text: str) -> str:
    """Text python-docx can store: characters XML cannot hold dropped, line ends unified."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# -- Markdown → blocks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "bullet", "number", "quote"
    text: str
    level: int = 0  # heading level in the document (2 or 3); the number of a numbered item


def inline_text(markdown: str) -> str:
    """Plain text of one Markdown line: images dropped, links to their text, emphasis and
    tags removed, escapes and entities resolved."""
    text = _ESCAPED.sub(lambda m: chr(_PROTECT + ord(m.group(1))), markdown)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis: **加强*四个机关*建设**
        text = _EMPHASIS.sub(r"\2", text)
    text = "".join(chr(ord(c) - _PROTECT) if ord(c) >= _PROTECT else c for c in text)
    return html.unescape(text).strip()


def markdown_blocks(markdown: str) -> list[Block]:
    """Our article Markdown (headings, paragraphs, lists, quotes) as printable blocks."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def close() -> None:
        text = "".join(t for t in (inline_text(line) for line in paragraph) if t)
        if text:
            blocks.append(Block("paragraph", text))
        paragraph.clear()

    for line in clean(markdown).split("\n"):
        heading = _HEADING.match(line)
        item = _BULLET.match(line) or _NUMBERED.match(line) or _QUOTE.match(line)
        if not line.strip() or _FENCE.match(line) or _RULE.match(line):
            close()
        elif heading:
            close()
            text = inline_text(heading.group(2))
            if text:
                blocks.append(Block("heading", text, 2 if len(heading.group(1)) <= 2 else 3))
        elif item:
            close()
            text = inline_text(item.group(item.lastindex or 1))
            if not text:
                continue
            if item.re is _BULLET:
                blocks.append(Block("bullet", text))
            elif item.re is _NUMBERED:
                blocks.append(Block("number", text, int(item.group(1))))
            else:
                blocks.append(Block("quote", text))
        else:
            paragraph.append(line.strip())
    close()
    return blocks


# -- the document ----------------------------------------------------------------------------


def _set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """One font for Latin and East Asian text, without the theme fonts that would override it."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    latin = LATIN_FONT if name == BODY_FONT else name
    for key, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", name)):
        fonts.set(qn(key), value)


def _style(document: Document, name: str, font: str, size: float, bold: bool) -> ParagraphStyle:
    style: ParagraphStyle = document.styles[name]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), font)
    return style


def _prepare(document: Document) -> dict[str, str]:
    """Chinese fonts and sizes (宋体 小四 for the text, 黑体 for headings, black throughout), the
    document's own paragraph styles; returns the style ids by style name."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        _set_fonts(rpr, BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = _style(document, "Normal", BODY_FONT, 12, False)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
        style = _style(document, name, HEADING_FONT, size, True)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    # every article, and the contents, starts on a new page
    document.styles["Heading 1"].paragraph_format.page_break_before = True
    contents = _style(document, "TOC Heading", HEADING_FONT, 16, True)
    contents.paragraph_format.page_break_before = True
    contents.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _style(document, "Subtitle", BODY_FONT, 16, False).font.italic = False
    _style(document, "Quote", BODY_FONT, 12, False).font.italic = False
    _style(document, "List Bullet", BODY_FONT, 12, False)
    document.styles["Body Text"].paragraph_format.first_line_indent = Pt(24)
    document.styles["List Paragraph"].paragraph_format.left_indent = Pt(24)
    for name in ("Body Text", "List Paragraph"):
        _style(document, name, BODY_FONT, 12, False)
    for name, points in ((INFO_STYLE, 10.5), (CENTRED_STYLE, 12.0)):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = normal
        _style(document, name, BODY_FONT, points, False)
    document.styles[CENTRED_STYLE].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles[INFO_STYLE].paragraph_format.space_after = Pt(6)
    return {style.name: style.style_id for style in document.styles if style.name}


class _Paragraphs:
    """Paragraphs as WordprocessingML, added to the body in one go. python-docx adds each
    paragraph by scanning the body for its end, which made 1,000 articles take a minute."""

    def __init__(self, style_ids: dict[str, str]) -> None:
        self.ids = style_ids
        self.parts: list[str] = []

    def add(self, text: str, style: str = "Normal", link: int = 0, mark: int = 0) -> None:
        """One paragraph; ``link`` makes it a link to the paragraph added with that ``mark``
        (the contents link to the articles: Word follows them with Ctrl+click)."""
        flat = _FLAT.sub(" ", clean(text)).strip()
        run = f'<w:r><w:t xml:space="preserve">{saxutils.escape(flat)}</w:t></w:r>' if flat else ""
        if link:
            run = f'<w:hyperlink w:anchor="_rdkb{link}" w:history="1">{run}</w:hyperlink>'
        if mark:  # a hidden bookmark (its name starts with _) around the paragraph's text
            run = (
                f'<w:bookmarkStart w:id="{mark}" w:name="_rdkb{mark}"/>{run}'
                f'<w:bookmarkEnd w:id="{mark}"/>'
            )
        self.parts.append(f'<w:p><w:pPr><w:pStyle w:val="{self.ids[style]}"/></w:pPr>{run}</w:p>')

    def write_to(self, document: Document) -> None:
        body = document.element.body
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.parts)}</w:body>")
        end = body.find(qn("w:sectPr"))  # the section properties stay the body's last child
        for paragraph in list(fragment):
            if end is None:
                body.append(paragraph)
            else:
                end.addprevious(paragraph)


def header_line(article: DocArticle) -> str:
    """作者 · 来源 · 2024年5月19日, after 【样例】 for a sample."""
    parts = [article.authors, article.source, chinese_date(article.date)]
    line = " · ".join(clean(p).strip() for p in parts if clean(p).strip())
    return SAMPLE_MARK + line if article.sample else line


def _cover(out: _Paragraphs, title: str, subtitle: str, articles: Sequence[DocArticle]) -> None:
    for _ in range(6):
        out.add("", CENTRED_STYLE)
    out.add(title, "Title")
    if clean(subtitle).strip():
        out.add(subtitle, "Subtitle")
    out.add("", CENTRED_STYLE)
    out.add(f"共收录文章 {len(articles)} 篇", CENTRED_STYLE)
    samples = sum(a.sample for a in articles)
    if samples:
        out.add(f"其中 {samples} 篇为样例文章（本项目自撰的示范文本，并非真实报道）", CENTRED_STYLE)
    newest = max((a.date for a in articles if a.date), default=None)
    if newest:
        out.add(f"收录文章截至{chinese_date(newest)}", CENTRED_STYLE)
    out.add("", CENTRED_STYLE)
    out.add(MAKER, CENTRED_STYLE)


def _contents(out: _Paragraphs, articles: Sequence[DocArticle]) -> None:
    out.add("目　录", "TOC Heading")
    for number, article in enumerate(articles, 1):
        mark = SAMPLE_MARK if article.sample else ""
        title = clean(article.title).strip()
        out.add(f"{number}．{mark}{title}（{chinese_date(article.date)}）", INFO_STYLE, link=number)


def _article(out: _Paragraphs, article: DocArticle, number: int) -> None:
    out.add(clean(article.title).strip() or "（无标题）", "Heading 1", mark=number)
    out.add(header_line(article), INFO_STYLE)
    for block in markdown_blocks(article.body_markdown):
        if block.kind == "heading":
            out.add(block.text, f"Heading {block.level}")
        elif block.kind == "bullet":
            out.add(block.text, "List Bullet")
        elif block.kind == "number":  # numbered as written: Word's own lists run on across articles
            out.add(f"{block.level}. {block.text}", "List Paragraph")
        elif block.kind == "quote":
            out.add(block.text, "Quote")
        else:
            out.add(block.text, "Body Text")
    if clean(article.url).strip():
        out.add(f"原文链接：{article.url}", INFO_STYLE)


def _timestamp(articles: Sequence[DocArticle]) -> dt.datetime:
    newest = max((a.date for a in articles if a.date), default=None)
    if newest is None:
        return _EPOCH
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)


def _core_properties(
    document: Document, title: str, subtitle: str, articles: Sequence[DocArticle]
) -> None:
    """Timestamps from the articles (the newest date), never the clock."""
    props = document.core_properties
    props.title = clean(title)
    props.subject = clean(subtitle)
    props.author = MAKER
    props.last_modified_by = MAKER
    props.comments = f"{MAKER} 编印的学习材料，共 {len(articles)} 篇文章"
    props.revision = 1
    props.created = props.modified = _timestamp(articles)


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry dated alike: zip entries otherwise carry the time the
    document was saved, and two builds of the same articles would differ."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def study_document(title: str, subtitle: str, articles: Sequence[DocArticle]) -> bytes:
    """The .docx of ``articles`` in the order given: cover, contents, then each article."""
    document = docx.Document()
    out = _Paragraphs(_prepare(document))
    _core_properties(document, title, subtitle, articles)
    _cover(out, title, subtitle, articles)
    _contents(out, articles)
    for number, article in enumerate(articles, 1):
        _article(out, article, number)
    out.write_to(document)
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_zip(saved.getvalue())


# -- from the analysis -----------------------------------------------------------------------


def _author_label(author: Author) -> str:
    if author.name and author.position:
        return f"{author.name}（{author.position}）"
    return author.name or author.position or ""


def docx_articles(infos: Iterable[ArticleInfo]) -> list[DocArticle]:
    """The analysis' articles as a study document prints them (in the order given)."""
    result = []
    for info in infos:
        a = info.article
        result.append(
            DocArticle(
                title=a.title,
                date=a.date,
                authors="、".join(filter(None, map(_author_label, a.authors))),
                source=a.source or a.site or "",
                url=a.original_url or a.url or "",
                body_markdown=a.body,
                sample=info.is_sample,
            )
        )
    return result
