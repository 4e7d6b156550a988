"""The stages in order: decode → extract → normalise. Archiving is the caller's side effect."""

from __future__ import annotations

from scraper.decode import decode_page
from scraper.extract import extract_page
from scraper.normalise import normalise
from scraper.records import Article, PageHints, RawPage


def article_from_raw(raw: RawPage, hints: PageHints | None = None) -> Article:
    """One page's bytes → one Article; raises InputError subclasses saying why not."""
    decoded = decode_page(raw, hints.encoding if hints else None)
    return normalise(extract_page(decoded, hints))
