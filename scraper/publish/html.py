"""Small HTML building blocks shared by generated pages and article pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape

from scraper.analysis.corpus import ArticleInfo
from scraper.records import Author

UNSIGNED = "未署名"
UNDATED = "日期不详"


def author_label(author: Author) -> str:
    """王海峰（甘肃省张掖市人大常委会主任）, or the position alone, or 未署名."""
    if author.name and author.position:
        return f"{author.name}（{author.position}）"
    return author.name or author.position or UNSIGNED


def authors_text(authors: Sequence[Author]) -> str:
    return "、".join(author_label(a) for a in authors) if authors else UNSIGNED


def date_html(date: dt.date | None) -> str:
    """``<time>`` with the ISO date, or 日期不详 for an undated article."""
    if date is None:
        return f'<span class="rdkb-undated">{UNDATED}</span>'
    return f'<time datetime="{date.isoformat()}">{date.isoformat()}</time>'


def entry_parts(info: ArticleInfo, summary: bool = True) -> tuple[str, str]:
    """An article's list entry as (before href, after href): the href depends on the page."""
    article = info.article
    meta = [date_html(article.date)]
    meta.append(escape(authors_text(article.authors)))
    if article.region:
        meta.append(escape(" ".join(article.region)))
    sample = '<span class="rdkb-tag">样例</span>' if info.is_sample else ""
    after = (
        f'">{escape(article.title)}</a>{sample}'
        f'<div class="rdkb-entry__meta">{" · ".join(meta)}</div>'
    )
    if summary and info.summary:
        after += f'<p class="rdkb-entry__summary">{escape(info.summary)}</p>'
    return '<li class="rdkb-entry"><a class="rdkb-entry__title" href="', after + "</li>"


def entry_list(
    indices: Sequence[int],
    parts: Callable[[int], tuple[str, str]],
    href: Callable[[int], str],
    css: str = "rdkb-list",
) -> str:
    """A <ul> of article entries; ``href(i)`` is the link to article i from the current page."""
    if not indices:
        return '<p class="rdkb-empty">暂无文章。</p>'
    items = []
    for i in indices:
        before, after = parts(i)
        items.append(before + escape(href(i), quote=True) + after)
    return f'<ul class="{css}">\n' + "\n".join(items) + "\n</ul>"


def pager(current: int, total: int, href: Callable[[int], str]) -> str:
    """Page links 1 … total (1-based); empty when there is one page."""
    if total <= 1:
        return ""
    links = []
    if current > 1:
        links.append(f'<a href="{escape(href(current - 1))}" rel="prev">上一页</a>')
    for n in range(1, total + 1):
        if n == current:
            links.append(f'<span aria-current="page">{n}</span>')
        elif n in (1, total) or abs(n - current) <= 2:
            links.append(f'<a href="{escape(href(n))}">{n}</a>')
        elif links[-1] != "<span>…</span>":
            links.append("<span>…</span>")
    if current < total:
        links.append(f'<a href="{escape(href(current + 1))}" rel="next">下一页</a>')
    return f'<nav class="rdkb-pager" aria-label="分页">{"".join(links)}</nav>'


def link(href: str, text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<a href="{escape(href, quote=True)}"{cls}>{escape(text)}</a>'
