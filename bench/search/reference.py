"""The issue's matching rule, written independently of ``scraper.search``: what "contains the
query" means for the expected answers of the search benchmark and the browser tests."""

from __future__ import annotations

import unicodedata

QUOTES = "\"'“”‘’„‟‚‛「」『』«»‹›〝〞〟"


def reference_form(text: str) -> str:
    """NFKC, lower case, white space and quotation marks dropped (and a stray BOM)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in text if not c.isspace() and c not in QUOTES and c != "\ufeff")
