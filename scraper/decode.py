"""Bytes → text, explicitly.

Order of evidence: adapter override → strict UTF-8 → byte-order mark → HTTP header →
``<meta charset>`` → statistical detection (charset-normalizer, limited to the encodings
Chinese sites use). GBK and GB2312 are read as GB18030, their superset, because pages
labelled GB2312 routinely contain characters outside it.

When no encoding reads the bytes cleanly, a page that is valid but for a few bytes (a truncated
character, a stray byte from a CMS) is read anyway: each invalid byte becomes U+FFFD and the
page carries a review note saying how many. "A few" is measured against the page's non-ASCII
bytes, so a GBK page read as UTF-8 (nearly every non-ASCII byte invalid) is never mistaken for
a damaged UTF-8 page however much ASCII markup it has.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from scraper.errors import DecodeError
from scraper.records import DecodedPage, RawPage

# Magic numbers of the non-text payloads a crawler meets where it expected a page.
_BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (Office document?)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF media file",
}
_GB_FAMILY = {
    "gb2312",
    "gbk",
    "gb_2312",
    "gb_2312-80",
    "x-gbk",
    "cp936",
    "ms936",
    "euc-cn",
    "gb18030",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.IGNORECASE)
_HTML_MARKERS = re.compile(
    r"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|table|article)\b", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_DETECTABLE = ["utf_8", "gb18030", "big5", "utf_16"]
_NON_ASCII = bytes(range(0x80, 0x100))
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes surrogateescape could not decode
# A page is unreadable when more than this share of its characters are replacement marks.
_MAX_REPLACEMENT_SHARE = 0.01
# ... or, read leniently, when more than this share of its non-ASCII bytes are invalid.
_MAX_INVALID_SHARE = 0.01


def canonical_encoding(label: str | None) -> str | None:
    """Map an encoding label to a Python codec name (GB family → gb18030); None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    try:
        python_name = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if python_name in _GB_FAMILY else python_name


def sniff_binary(content: bytes) -> str | None:
    """Name the kind of binary payload, or None when the bytes may be text."""
    for signature, kind in _BINARY_SIGNATURES.items():
        if content.startswith(signature):
            return kind
    head = content[:4096]
    if head.count(b"\x00") > len(head) // 100 + 1 and not head.startswith(
        (b"\xff\xfe", b"\xfe\xff")
    ):
        return "binary data"
    return None


def declared_encodings(content: bytes, content_type: str | None) -> list[str]:
    """Encodings the page claims, strongest claim first."""
    claims: list[str] = []
    if content_type:
        header = _HEADER_CHARSET.search(content_type)
        if header:
            claims.append(header.group(1))
    for bom, label in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            claims.insert(0, label)
    match = _META_CHARSET.search(content[:8192])
    if match:
        claims.append(match.group(1).decode("ascii", "ignore"))
    return claims


def _try_decode(content: bytes, encoding: str) -> str | None:
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text


def _detect(content: bytes) -> tuple[str, str] | None:
    best = from_bytes(content[:200_000], cp_isolation=_DETECTABLE).best()
    if best is None or best.encoding is None:
        return None
    encoding = canonical_encoding(best.encoding) or best.encoding
    text = _try_decode(content, encoding)
    return (text, encoding) if text is not None else None


def looks_like_html(text: str, content_type: str | None) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    return bool(_HTML_MARKERS.search(text[:4096]))


def _lenient(content: bytes, encoding: str) -> tuple[str, int] | None:
    """``(text, invalid byte count)`` with each invalid byte replaced by U+FFFD, or None when
    too many bytes are invalid for this to be the page's encoding."""
    try:
        text = _ESCAPED.sub("\ufffd", content.decode(encoding, errors="surrogateescape"))
        invalid = text.count("\ufffd") - content.count("\ufffd".encode(encoding))
    except UnicodeDecodeError:  # a sequence with an ASCII byte in it cannot be escaped
        text = content.decode(encoding, errors="replace")
        invalid = text.count("\ufffd")
    except LookupError:
        return None
    non_ascii = len(content) - len(content.translate(None, _NON_ASCII))
    # a short page may have a few bad bytes too, but never as many as one in twenty
    if invalid > max(non_ascii * _MAX_INVALID_SHARE, min(3, non_ascii / 20)):
        return None
    return text, invalid


def decode_bytes(
    content: bytes, content_type: str | None = None, override: str | None = None
) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise DecodeError with the reason when impossible."""
    text, encoding, _invalid = decode_text(content, content_type, override)
    return text, encoding


def decode_text(
    content: bytes, content_type: str | None = None, override: str | None = None
) -> tuple[str, str, int]:
    """Return ``(text, encoding, invalid bytes replaced)``; raise DecodeError with the reason
    when impossible."""
    if not content.strip():
        raise DecodeError("empty file")
    binary = sniff_binary(content)
    if binary:
        raise DecodeError(f"not a text page: looks like {binary}")
    if override and (encoding := canonical_encoding(override)):
        text = _try_decode(content, encoding)
        if text is not None:
            return text, encoding, 0
    # Valid UTF-8 with non-ASCII text is UTF-8 whatever the page claims: GBK text almost never
    # validates as UTF-8, while pages re-saved as UTF-8 often keep a stale gb2312 declaration.
    if (text := _try_decode(content, "utf-8")) is not None:
        return text.removeprefix("\ufeff"), "utf-8", 0
    declared = [
        e for label in declared_encodings(content, content_type) if (e := canonical_encoding(label))
    ]
    for encoding in declared:
        if (text := _try_decode(content, encoding)) is not None:
            return text, encoding, 0
    detected = _detect(content)
    if detected is not None:
        text, encoding = detected
        if text.count("\ufffd") <= len(text) * _MAX_REPLACEMENT_SHARE:
            return text, encoding, 0
    # Nothing reads it cleanly: a page valid but for a few bytes, in the override, UTF-8, the
    # declared encoding, or GB18030 (a page that lies about its charset), in that order.
    candidates = [canonical_encoding(override), "utf-8", *declared, "gb18030"]
    for encoding in dict.fromkeys(e for e in candidates if e):
        if (lenient := _lenient(content, encoding)) is not None:
            return lenient[0].removeprefix("\ufeff"), encoding, lenient[1]
    raise DecodeError("cannot decode: not UTF-8, GB18030 or another detectable text encoding")


def decode_page(raw: RawPage, override: str | None = None) -> DecodedPage:
    text, encoding, invalid = decode_text(raw.content, raw.content_type, override)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Control characters are never page text, and XML tools (lxml) refuse them.
    text = _CONTROL.sub("", text)
    return DecodedPage(
        text=text,
        encoding=encoding,
        is_html=looks_like_html(text, raw.content_type),
        origin=raw.origin,
        url=raw.url,
        review=(("body", f"{_count(invalid, 'invalid byte')} replaced ({encoding})"),)
        if invalid
        else (),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
