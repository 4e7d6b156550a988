"""The issue's matching rule, written independently of ``scraper.search``: what "contains the
query" means for the expected answers of the search benchmark and the browser tests."""

from __future__ import annotations

import unicodedata

from scraper.hanzi import char_map

# The queries issue 5 names for the fixed query set; each test and the benchmark add their own.
ISSUE_QUERIES = (
    "代表之家",
    "四个机关",
    "全过程人民民主",
    "人大代表",
    "监督",
    "一府一委两院",
    "守正创新",
)

QUOTES = "\"'“”‘’„‟‚‛「」『』«»‹›〝〞〟"


def reference_form(text: str) -> str:
    """NFKC, lower case, white space and quotation marks dropped (and a stray BOM), traditional
    characters read as simplified ones (issue 12: OpenCC's table, one character for one)."""
    text = unicodedata.normalize("NFKC", text).lower()
    kept = "".join(c for c in text if not c.isspace() and c not in QUOTES and c != "\ufeff")
    return kept.translate(char_map())
