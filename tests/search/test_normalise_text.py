"""Normalisation (what "contains" means) and the plain text of archive Markdown."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from scraper.hanzi import char_map
from scraper.search.documents import doc_from_markdown
from scraper.search.normalise_text import (
    FIELD_SEPARATOR,
    QUOTES,
    TABLE_FROM,
    Block,
    body_blocks,
    inline_text,
    normalise,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("四个“机关”", "四个机关"),  # curly quotes dropped
        ("「一府一委两院」", "一府一委两院"),  # corner brackets are quotation marks too
        ("人大 代表\u3000之家", "人大代表之家"),  # spaces, ideographic space
        ("ＧＤＰ增长１２％", "gdp增长12%"),  # NFKC: full-width letters and digits, then lower case
        ("监督。人大", "监督。人大"),  # other punctuation stays
        ("《宪法》", "《宪法》"),  # book title marks are not quotation marks
        ("＂代表＂", "代表"),  # full-width " becomes " under NFKC, then is dropped
        ("監督工作條例", "监督工作条例"),  # traditional characters become simplified
        ("臺灣 頭髮", "台湾头发"),
        ("\uf900", "岂"),  # a compatibility ideograph: NFKC gives 豈, which simplifies
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


DROPPED = re.compile("[\\s\u200b\u200c\u200d\u2060\ufeff" + re.escape(QUOTES) + "]")


def standard(text: str) -> str:
    """The definition in the module docstring, written out."""
    return DROPPED.sub("", unicodedata.normalize("NFKC", text).lower()).translate(char_map())


def test_article_path_is_the_definition() -> None:
    """Long texts are folded character by character through a table; that agrees with the
    standard functions, also where characters compose across their neighbours (combining marks,
    Hangul jamo), expand (…, ㎡), depend on what follows (Σ) or lie beyond the table."""
    pools = [
        "人大代表监督，。：；、（）《》“”……",  # Chinese text and its punctuation
        "ＡＢｃ１２％＂＇\u3000ｶﾞﾊﾟ ㎡℃⑴㈠",  # full-width, half-width and expanding forms
        "ae\u0301\u0308\u0327\u031b\u0345Å\u212bΩ\u2126ﬁ①㍿",  # combining marks, compatibility
        "\u1100\u1161\u11a8가\u0915\u093c\u00c5\u0b47\u0b3e",  # jamo and vowel signs that compose
        "𝐀𝚺Σσς\U0002f800\uf900\u2000\u00a0\U000e0100\U00100000",  # planes 1, 2, 14, 16
    ]
    alphabet = "".join(pools)
    pad = "人" * TABLE_FROM  # long enough for the table's path
    rng = random.Random(5)
    checked = 0
    for size in (1, 2, 3, 5, 8, 20, 60):
        for _ in range(400):
            text = "".join(rng.choice(alphabet) for _ in range(size)) + pad
            assert normalise(text) == standard(text), ascii(text)
            checked += 1
    for code in range(1, 0x40000, 5):  # one code point in five, beside itself and a mark
        if not 0xD800 <= code <= 0xDFFF:
            text = f"{pad}a{chr(code)}\u0301{chr(code)}{chr(code)}A"
            assert normalise(text) == standard(text), ascii(text)
            checked += 1
    assert checked > 50_000


def test_inline_text_resolves_escapes_links_and_entities() -> None:
    assert inline_text(r"依法\*监督\* [四个机关](../c/x.md) A&amp;B **重点**") == (
        "依法*监督* 四个机关 A&B 重点"
    )


def test_body_blocks_split_headings_and_paragraphs() -> None:
    body = "第一段\n接着一行\n\n## 一、提高站位\n\n第二段\n\n### （一）细节\n\n- 列表项\n"
    assert body_blocks(body) == (
        Block(0, "第一段接着一行"),
        Block(2, "一、提高站位"),
        Block(0, "第二段"),
        Block(3, "（一）细节"),
        Block(0, "列表项"),
    )


def test_doc_sections_take_anchors_from_the_toc_and_keep_title_apart() -> None:
    doc = doc_from_markdown(
        {
            "title": "人大“代表”",
            "date": "2024-05-19",
            "region": ["甘肃省", "张掖市"],
            "authors": [
                {"name": "王海峰", "position": "主任"},
                {"name": None, "position": "办公室"},
            ],
        },
        "导语。\n\n## 一、提高站位\n\n正文一。\n\n## 二、强化落实\n\n正文二。\n",
        "articles/2024/x/",
        anchors=[("二、强化落实", "b"), ("一、提高站位", "a")],
    )
    assert [(s.anchor, s.heading) for s in doc.sections] == [
        ("", ""),
        ("a", "一、提高站位"),
        ("b", "二、强化落实"),
    ]
    assert doc.authors == ("王海峰", "办公室")
    assert doc.province == "甘肃省" and doc.year == "2024"
    assert doc.indexed_text() == (
        "人大代表" + FIELD_SEPARATOR + "导语。一、提高站位正文一。二、强化落实正文二。"
    )
