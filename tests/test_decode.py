from __future__ import annotations

import pytest

from scraper.decode import canonical_encoding, decode_bytes, decode_page
from scraper.errors import DecodeError
from scraper.records import RawPage

TEXT = "人大代表履职尽责，推动全过程人民民主落地见效。"


def _html(charset: str | None, body: str = TEXT) -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    return f"<html><head>{meta}<title>标题</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize("label", ["gb2312", "GBK", "gb18030", "x-gbk", "cp936"])
def test_gb_family_is_read_as_gb18030(label: str) -> None:
    assert canonical_encoding(label) == "gb18030"


@pytest.mark.parametrize("declared", ["gb2312", "gbk", None])
def test_gbk_pages_decode_with_or_without_a_declaration(declared: str | None) -> None:
    content = _html(declared).encode("gbk")
    text, encoding = decode_bytes(content)
    assert TEXT in text
    assert encoding == "gb18030"


def test_gb18030_only_characters_survive_a_gb2312_label() -> None:
    rare = "䶮"  # outside GB2312 and GBK, inside GB18030
    content = _html("gb2312", TEXT + rare).encode("gb18030")
    text, _ = decode_bytes(content)
    assert rare in text


def test_http_header_charset_is_used() -> None:
    content = _html(None).encode("gb18030")
    text, encoding = decode_bytes(content, content_type="text/html; charset=GBK")
    assert TEXT in text and encoding == "gb18030"


def test_utf8_wins_over_a_stale_gb2312_declaration() -> None:
    text, encoding = decode_bytes(_html("gb2312").encode("utf-8"))
    assert TEXT in text and encoding == "utf-8"


def test_adapter_override_wins() -> None:
    content = _html("utf-8").encode("gbk")
    text, encoding = decode_bytes(content, override="gbk")
    assert TEXT in text and encoding == "gb18030"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"\x00\x01\x02\x03" * 200, "binary"),
    ],
)
def test_unusable_bytes_are_refused_with_the_reason(content: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(content)


def test_plain_text_dump_is_not_html() -> None:
    page = decode_page(RawPage("标题\n发布时间:2024-05-19\n正文".encode(), "dump.txt"))
    assert not page.is_html


def test_html_is_recognised_without_a_content_type() -> None:
    assert decode_page(RawPage(_html("utf-8").encode(), "page.html")).is_html


def _damaged(text: str, *, every: int) -> bytes:
    """UTF-8 with one stray 0xFF byte put in after every ``every`` characters."""
    return b"\xff".join(text[i : i + every].encode() for i in range(0, len(text), every))


def test_a_few_invalid_bytes_are_replaced_with_a_review_note() -> None:
    """Issue 13 (3): one bad byte in an otherwise UTF-8 page used to reject the whole page."""
    html = _html("utf-8")
    content = _damaged(html, every=len(html) // 3)  # 2 or 3 stray bytes
    page = decode_page(RawPage(content, "page.html"))
    invalid = content.count(b"\xff")
    assert page.encoding == "utf-8" and page.text.count("\ufffd") == invalid
    assert TEXT in page.text.replace("\ufffd", "") or TEXT[:10] in page.text
    assert page.review == (("body", f"{invalid} invalid bytes replaced (utf-8)"),)


def test_one_invalid_byte_in_a_gbk_page_is_replaced() -> None:
    content = _html("gbk").encode("gb18030")
    cut = content.index(TEXT[:4].encode("gb18030")) + 1  # half a character
    page = decode_page(RawPage(content[:cut] + content[cut + 1 :], "page.html"))
    assert page.encoding == "gb18030"
    assert page.review == (("body", "1 invalid byte replaced (gb18030)"),)


def test_clean_pages_carry_no_review_note() -> None:
    assert decode_page(RawPage(_html("utf-8").encode(), "page.html")).review == ()


def test_a_mostly_invalid_page_is_still_refused() -> None:
    content = _damaged(_html("utf-8"), every=3)
    with pytest.raises(DecodeError, match="cannot decode"):
        decode_page(RawPage(content, "page.html"))
