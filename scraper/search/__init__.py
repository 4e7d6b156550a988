"""Exact full-text search for Chinese: a static sharded n-gram index built with the site.

Public surface: :func:`build_index` writes the index for a set of :class:`SearchDoc`;
:func:`doc_from_markdown` and :func:`docs_from_dir` make SearchDocs from archive Markdown;
:func:`normalise` is the comparison form of text and queries. See README_SECTION.md.
"""

from scraper.search.build import IndexSettings, IndexStats, build_index
from scraper.search.documents import SearchDoc, Section, doc_from_markdown
from scraper.search.normalise_text import normalise
from scraper.search.sources import docs_from_dir, split_front_matter

__all__ = [
    "IndexSettings",
    "IndexStats",
    "SearchDoc",
    "Section",
    "build_index",
    "doc_from_markdown",
    "docs_from_dir",
    "normalise",
    "split_front_matter",
]
