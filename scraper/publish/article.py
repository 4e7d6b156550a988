"""The header and footer added around each article's converted Markdown."""

from __future__ import annotations

import datetime as dt
from html import escape

from scraper.analysis.corpus import ArticleInfo
from scraper.publish.generated import SitePages
from scraper.publish.html import UNDATED, author_label, link
from scraper.publish.safe import outside_link

SAMPLE_NOTICE = (
    '<div class="rdkb-sample-notice" role="note"><strong>样例文章</strong>'
    "　本文是本项目为演示和测试而自行撰写的样例，不是真实的新闻报道；"
    "文中的人名、职务、地名和数字都只是示例。</div>"
)


# Links that leave the site (to the article's original pages): shown, never loaded by the site.
EXTERNAL_ATTRS = '<a class="rdkb-external" rel="external nofollow noopener noreferrer" href="'


def _external(url: str, text: str) -> str:
    """A link to one of the article's pages elsewhere; only an http(s) URL is linked."""
    return outside_link(url, text, EXTERNAL_ATTRS)


def header(info: ArticleInfo, site: SitePages, with_title: bool = True) -> str:
    """Sample notice, title, metadata list and theme/keyword tags."""
    before, title, after = header_parts(info, site)
    return before + title + after if with_title else before + after


def header_parts(info: ArticleInfo, site: SitePages) -> tuple[str, str, str]:
    """The header around its title (``<h1>``), left out when the article's body has one."""
    a = info.article
    src = info.src_uri
    paths = site.paths
    rows = [
        (
            "日期",
            (
                f'<time datetime="{a.date.isoformat()}">{a.date.year} 年 {a.date.month} 月 '
                f"{a.date.day} 日</time>"
                if a.date
                else link(site.href(src, paths.undated()), UNDATED)
            )
            + f' <span class="rdkb-muted">· 约 {info.reading_minutes} 分钟读完'
            f"（{info.chars} 字）</span>",
        )
    ]
    if a.authors:
        names = []
        for author in a.authors:
            target = paths.author(author.name if author.name else None)
            names.append(link(site.href(src, target), author_label(author)))
        rows.append(("作者", "、".join(names)))
    else:
        rows.append(("作者", link(site.href(src, paths.author(None)), "未署名")))
    if a.region:
        crumbs = [
            link(site.href(src, paths.region(a.region[: k + 1])), name)
            for k, name in enumerate(a.region[:3])
        ]
        rows.append(("地区", " › ".join(crumbs)))
    if a.source:
        rows.append(("来源", escape(a.source)))
    if a.site:
        rows.append(("网站", escape(a.site)))
    originals = []
    if a.url:
        originals.append(_external(a.url, "本文所在网页"))
    if a.original_url and a.original_url != a.url:
        originals.append(_external(a.original_url, "原文链接"))
    if originals:
        rows.append(("原文", "　".join(originals)))
    meta = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in rows)
    tags = []
    if info.themes:
        themes = "".join(
            link(
                site.href(src, paths.theme(slug)),
                site.analysis.taxonomy.get(slug).name,
                "rdkb-chip",
            )
            for slug in info.themes
        )
        tags.append(f'<p class="rdkb-tags"><span class="rdkb-tags__label">专题</span>{themes}</p>')
    if info.keywords:
        words = []
        for word in info.keywords:
            if word in site.analysis.by_keyword:
                words.append(
                    link(site.href(src, paths.keyword(word)), word, "rdkb-chip rdkb-chip--light")
                )
            else:
                words.append(f'<span class="rdkb-chip rdkb-chip--plain">{escape(word)}</span>')
        tags.append(
            f'<p class="rdkb-tags"><span class="rdkb-tags__label">关键词</span>{"".join(words)}</p>'
        )
    notice = SAMPLE_NOTICE if info.is_sample else ""
    return (
        f'{notice}<header class="rdkb-article-header">',
        f"<h1>{escape(a.title)}</h1>",
        f'<dl class="rdkb-meta">{meta}</dl>{"".join(tags)}</header>',
    )


def footer(info: ArticleInfo, site: SitePages) -> str:
    """Concepts, related articles, reposts, previous/next within the main theme."""
    a = info.article
    src = info.src_uri
    analysis = site.analysis
    parts: list[str] = []
    if info.related:
        items = []
        for j, _score in info.related:
            other = analysis.infos[j]
            items.append(
                f"<li>{link(site.href(src, other.src_uri), other.article.title)}"
                f' <span class="rdkb-muted">{_day(other.article.date)}'
                + (f" · {escape(' '.join(other.article.region))}" if other.article.region else "")
                + "</span></li>"
            )
        parts.append(
            '<section class="rdkb-related"><h2 id="rdkb-related">相关文章</h2>'
            f"<ol>{''.join(items)}</ol></section>"
        )
    if info.concepts:
        concepts = "".join(
            link(
                site.href(src, site.paths.concept(slug)),
                analysis.glossary.get(slug).name,
                "rdkb-chip rdkb-chip--light",
            )
            for slug in info.concepts
        )
        parts.append(
            '<section class="rdkb-concepts"><h2 id="rdkb-concepts">本文涉及的概念</h2>'
            f'<p class="rdkb-tags">{concepts}</p></section>'
        )
    if a.also_at:
        urls = "".join(f"<li>{_external(u, u)}</li>" for u in a.also_at)
        parts.append(
            '<section class="rdkb-also"><h2 id="rdkb-also">同时发表于</h2>'
            f"<ul>{urls}</ul></section>"
        )
    older, newer = analysis.prev_next.get(info.index, (None, None))
    if info.main_theme and (older is not None or newer is not None):
        theme = analysis.taxonomy.get(info.main_theme)
        cells = []
        steps: tuple[tuple[str, int | None, str], ...] = (
            ("上一篇", older, "prev"),
            ("下一篇", newer, "next"),
        )
        for label, target, css in steps:
            if target is None:
                cells.append(f'<span class="rdkb-prevnext__{css}"></span>')
                continue
            other = analysis.infos[target]
            cells.append(
                f'<a class="rdkb-prevnext__{css}" rel="{css}" '
                f'href="{escape(site.href(src, other.src_uri))}">'
                f"<small>{label}（{escape(theme.name)}）</small>{escape(other.article.title)}</a>"
            )
        parts.append(
            f'<nav class="rdkb-prevnext" aria-label="同专题上一篇和下一篇">{"".join(cells)}</nav>'
        )
    return f'<footer class="rdkb-article-footer">{"".join(parts)}</footer>' if parts else ""


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else UNDATED
