"""Anti-bot challenge pages: what many government sites serve a crawler instead of the page.

Two kinds are common. 瑞数 (Rivers Security) answers HTTP 412 with a page of obfuscated script
(``$_ts``) that computes a cookie and reloads; 加速乐 (Jiasule) answers HTTP 521 with a one-line
script that sets ``__jsl_clearance`` and reloads. Some sites send the same pages with HTTP 200.
Such a page is never an article: it is recognised here, before decoding or extraction.
"""

from __future__ import annotations

import re

CHALLENGE_STATUSES = {412: "HTTP 412, 瑞数-style", 521: "HTTP 521, 加速乐-style"}
# A challenge is a small page of script; an article page with a cookie banner is not one.
_MAX_BYTES = 32_768
_MAX_TEXT_CHARS = 200
_SCRIPT = re.compile(rb"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(rb"<[^>]{0,2000}>")
_SETS_COOKIE = re.compile(rb"document\s*\.\s*cookie\s*=|\$_ts\s*[=.\[]", re.IGNORECASE)
_RELOADS = re.compile(
    rb"location(?:\s*\.\s*(?:href|replace|reload|assign))?\s*[=(]|\$_ts", re.IGNORECASE
)


def challenge_kind(status: int, body: bytes) -> str | None:
    """What kind of challenge the response is, or None when it may be the page itself."""
    if status in CHALLENGE_STATUSES:
        return CHALLENGE_STATUSES[status]
    if len(body) > _MAX_BYTES:
        return None
    scripts = b"".join(_SCRIPT.findall(body))
    if not (_SETS_COOKIE.search(scripts) and _RELOADS.search(scripts)):
        return None
    text = _TAG.sub(b" ", _SCRIPT.sub(b" ", body)).decode("utf-8", "replace")
    if len("".join(text.split())) > _MAX_TEXT_CHARS:  # words a reader sees: a real page
        return None
    return f"HTTP {status}, a script that sets a cookie and reloads"
