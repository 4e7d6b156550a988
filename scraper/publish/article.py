"""The header and footer added around each article's converted Markdown, rendered from the
templates ``article_header.html`` and ``article_footer.html`` (a site owner may override them)."""

from __future__ import annotations

from scraper.analysis.bylines import organisation_of
from scraper.analysis.corpus import ArticleInfo
from scraper.publish.generated import Paths, SitePages
from scraper.publish.sitenames import host_of
from scraper.publish.templating import author_label
from scraper.records import Author

# Links that leave the site (to the article's original pages): shown, never loaded by the site.
# The same opening as external.html's, for links in an article's own text (site.py).
EXTERNAL_ATTRS = '<a class="rdkb-external" rel="external nofollow noopener noreferrer" href="'


def header(info: ArticleInfo, site: SitePages, with_title: bool = True) -> str:
    """Sample notice, title (unless the article's body has one), metadata list, theme and
    keyword tags."""
    a = info.article
    src = info.src_uri
    paths = site.paths
    originals = [(a.url, "本文所在网页")] if a.url else []
    if a.original_url and a.original_url != a.url:
        originals.append((a.original_url, "原文链接"))
    keywords = site.analysis.by_keyword
    return site.render(
        "article_header.html",
        info=info,
        article=a,
        with_title=with_title,
        undated_href=site.href(src, paths.undated()),
        authors=[
            (site.href(src, _byline_page(author, paths)), author_label(author))
            for author in a.authors
        ],
        unsigned_href=site.href(src, paths.author(None)),
        region=[
            (site.href(src, paths.region(a.region[: k + 1])), name)
            for k, name in enumerate(a.region[:3])
        ],
        originals=originals,
        themes=[
            (site.href(src, paths.theme(slug)), site.analysis.taxonomy.get(slug).name)
            for slug in info.themes
        ],
        keywords=[
            (site.href(src, paths.keyword(word)) if word in keywords else None, word)
            for word in info.keywords
        ],
    )


def _byline_page(author: Author, paths: Paths) -> str:
    """An organisation's listing, a person's page, or 未署名 (a post without a name)."""
    unit = organisation_of(author)
    if unit is not None:
        return paths.organisation(unit)
    return paths.author(author.name or None)


def footer(info: ArticleInfo, site: SitePages) -> str:
    """Related articles, concepts, reposts, previous/next within the main theme."""
    src = info.src_uri
    analysis = site.analysis
    prevnext = None
    older, newer = analysis.prev_next.get(info.index, (None, None))
    if info.main_theme and (older is not None or newer is not None):
        cells = []
        for label, target, css in (("上一篇", older, "prev"), ("下一篇", newer, "next")):
            other = None if target is None else analysis.infos[target]
            cells.append(
                {
                    "css": css,
                    "label": label,
                    "href": None if other is None else site.href(src, other.src_uri),
                    "title": "" if other is None else other.article.title,
                    "info": other,
                }
            )
        prevnext = {"theme": analysis.taxonomy.get(info.main_theme), "cells": cells}
    return site.render(
        "article_footer.html",
        info=info,
        related=[
            (site.href(src, analysis.infos[j].src_uri), analysis.infos[j]) for j, _ in info.related
        ],
        concepts=[
            (site.href(src, site.paths.concept(slug)), analysis.glossary.get(slug).name)
            for slug in info.concepts
        ],
        also_at=[
            (url, site.site_names.name(url) or host_of(url) or url) for url in info.article.also_at
        ],
        prevnext=prevnext,
    )
