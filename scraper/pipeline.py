"""The stages in order: decode → extract → normalise. Archiving is the caller's side effect."""

from __future__ import annotations

from scraper.decode import decode_page
from scraper.errors import DecodeError
from scraper.extract import extract_page
from scraper.normalise import normalise
from scraper.records import Article, PageHints, RawPage

# The crawler refuses larger responses too (scraper/crawl/settings.py); an article page is rarely
# over 1 MB, so a larger file is a dump of something else and would only hold up a batch.
MAX_PAGE_BYTES = 10 * 1024 * 1024


def article_from_raw(raw: RawPage, hints: PageHints | None = None) -> Article:
    """One page's bytes → one Article; raises InputError subclasses saying why not."""
    if len(raw.content) > MAX_PAGE_BYTES:
        size = len(raw.content) / 1024 / 1024
        raise DecodeError(
            f"the page is {size:.1f} MB; pages over {MAX_PAGE_BYTES // 1024 // 1024} MB are "
            "refused (split the file or save the article page alone)"
        )
    decoded = decode_page(raw, hints.encoding if hints else None)
    return normalise(extract_page(decoded, hints))
