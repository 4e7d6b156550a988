"""The generated pages of the study site, rendered from an :class:`Analysis`.

Nothing here is written to ``docs/``: :meth:`SitePages.files` returns (src_uri, content) pairs that
the hook adds to MkDocs' files in memory. A listing page is a Markdown title plus an HTML body the
hook appends after conversion (links computed here from the pages' URLs; the site tests check them).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from html import escape

from scraper.analysis import stats
from scraper.analysis.corpus import Analysis
from scraper.analysis.region_tree import RegionNode
from scraper.publish import charts, feed
from scraper.publish.html import (
    UNDATED,
    author_label,
    entry_list,
    entry_parts,
    link,
    pager,
)
from scraper.publish.safe import markdown_text
from scraper.publish.urls import page_url, relative, slug_path

UNSIGNED_TITLE = "未署名文章"
NO_REGION_TITLE = stats.NO_REGION


@dataclass(frozen=True)
class GeneratedFile:
    """A generated file. For listing pages ``content`` is just the Markdown title and ``html`` the
    body, added after conversion (Python-Markdown would only re-parse the HTML, slowly). The body
    is rendered when first asked for: a page's name is needed long before its body."""

    src_uri: str
    content: str
    body: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def html(self) -> str:
        return self.body() if self.body else ""


@dataclass(frozen=True)
class Settings:
    site_name: str = "人大知识库"
    site_url: str = ""
    use_directory_urls: bool = True
    page_size: int = 100  # listings with summaries (themes, months)
    compact_page_size: int = 500  # title-only listings (regions, authors, concepts, keywords)
    latest_count: int = 12
    feed_count: int = 30


class Paths:
    """Source paths (``.md``) of every generated page; one place decides the site's layout."""

    def __init__(self, analysis: Analysis, use_directory_urls: bool) -> None:
        self.analysis = analysis
        self.use_directory_urls = use_directory_urls

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.use_directory_urls)

    def article(self, index: int) -> str:
        return self.analysis.infos[index].src_uri

    @staticmethod
    def paged(base_dir: str, page: int) -> str:
        return f"{base_dir}/index.md" if page <= 1 else f"{base_dir}/page-{page}.md"

    def theme(self, slug: str, page: int = 1) -> str:
        return self.paged(f"themes/{slug}", page)

    def region(self, path: Sequence[str], page: int = 1) -> str:
        parts = "/".join(slug_path(p) for p in path) if path else "none"
        return self.paged(f"regions/{parts}", page)

    def year(self, year: int) -> str:
        return f"archive/{year}/index.md"

    def month(self, year: int, month: int, page: int = 1) -> str:
        return self.paged(f"archive/{year}/{month:02d}", page)

    def undated(self, page: int = 1) -> str:
        """Articles with ``date: null`` (日期不详)."""
        return self.paged("archive/undated", page)

    def author(self, name: str | None, page: int = 1) -> str:
        return self.paged(f"authors/{slug_path(name)}" if name else "authors/unsigned", page)

    def concept(self, slug: str, page: int = 1) -> str:
        return self.paged(f"concepts/{slug}", page)

    def keyword(self, word: str, page: int = 1) -> str:
        return self.paged(f"keywords/{slug_path(word)}", page)

    def quotes(self, page: int = 1) -> str:
        return "quotes/index.md" if page <= 1 else f"quotes/page-{page}.md"

    def quote(self, number: int, page: int = 1) -> str:
        """All articles citing the passage ranked ``number`` (1-based) on the quotations page."""
        return self.paged(f"quotes/{number}", page)


class SitePages:
    """Renders every generated page; ``href(from_src, to_src)`` gives the link between two pages."""

    def __init__(self, analysis: Analysis, settings: Settings) -> None:
        self.analysis = analysis
        self.settings = settings
        self.paths = Paths(analysis, settings.use_directory_urls)
        self._urls: dict[str, str] = {}
        self._parts: dict[int, tuple[str, str]] = {}
        self._short_parts: dict[int, tuple[str, str]] = {}

    # -- links ---------------------------------------------------------------------------------
    def url(self, src_uri: str) -> str:
        found = self._urls.get(src_uri)
        if found is None:
            found = self._urls[src_uri] = self.paths.url(src_uri)
        return found

    def href(self, from_src: str, to_src: str) -> str:
        return relative(self.url(from_src), self.url(to_src))

    def _page_href(self, src: str, page_src: Callable[[int], str], page: int) -> str:
        return self.href(src, page_src(page))

    def _entry(self, i: int) -> tuple[str, str]:
        found = self._parts.get(i)
        if found is None:
            found = self._parts[i] = entry_parts(self.analysis.infos[i])
        return found

    def _short_entry(self, i: int) -> tuple[str, str]:
        found = self._short_parts.get(i)
        if found is None:
            found = self._short_parts[i] = entry_parts(self.analysis.infos[i], summary=False)
        return found

    def articles(
        self, src: str, indices: Sequence[int], css: str = "rdkb-list", summary: bool = True
    ) -> str:
        return entry_list(
            indices,
            self._entry if summary else self._short_entry,
            lambda i: self.href(src, self.paths.article(i)),
            css,
        )

    # -- pages ---------------------------------------------------------------------------------
    def files(self) -> list[GeneratedFile]:
        out: list[GeneratedFile] = []
        out += self.theme_pages()
        out += self.region_pages()
        out += self.time_pages()
        out += self.author_pages()
        out += self.concept_pages()
        out += self.keyword_pages()
        out += self.quote_pages()
        out += self.stats_pages()
        out.append(GeneratedFile("feed.xml", self.feed()))
        return out

    def _listing(
        self,
        page_src: Callable[[int], str],
        heading: str,
        intro: str,
        indices: Sequence[int],
        compact: bool = False,
    ) -> list[GeneratedFile]:
        """A paginated list of article entries (page 1 at ``page_src(1)``)."""
        size = self.settings.compact_page_size if compact else self.settings.page_size
        total = max(1, math.ceil(len(indices) / size))
        out = []
        for page in range(1, total + 1):
            title = heading if page == 1 else f"{heading}（第 {page} 页）"
            body = partial(self._listing_body, page_src, page, total, intro, indices, size, compact)
            out.append(GeneratedFile(page_src(page), f"# {_md(title)}\n", body))
        return out

    def _listing_body(
        self,
        page_src: Callable[[int], str],
        page: int,
        total: int,
        intro: str,
        indices: Sequence[int],
        size: int,
        compact: bool,
    ) -> str:
        src = page_src(page)
        chunk = indices[(page - 1) * size : page * size]
        count = f'<p class="rdkb-count">共 {len(indices)} 篇文章'
        count += f"，第 {page}/{total} 页</p>" if total > 1 else "</p>"
        nav = pager(page, total, partial(self._page_href, src, page_src))
        css = "rdkb-list rdkb-list--compact" if compact else "rdkb-list"
        return "\n".join(
            x for x in (intro, count, self.articles(src, chunk, css, summary=not compact), nav) if x
        )

    def theme_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out = []
        rows = []
        for theme in a.taxonomy.themes:
            members = a.by_theme[theme.slug]
            rows.append(
                f'<li class="rdkb-card">'
                f"{link(self.href('themes/index.md', self.paths.theme(theme.slug)), theme.name)}"
                f'<span class="rdkb-badge">{len(members)} 篇</span>'
                f"<p>{escape(theme.description)}</p></li>"
            )
            out += self._listing(
                partial(self.paths.theme, theme.slug),
                f"专题：{theme.name}",
                f'<p class="rdkb-lead">{escape(theme.description)}</p>',
                members,
            )
        untagged = sum(1 for info in a.infos if not info.themes)
        note = (
            f'\n\n<p class="rdkb-note">另有 {untagged} 篇文章与各专题的关键词关联不足，未归入专题，'
            "可通过地区、时间或作者浏览。</p>"
            if untagged
            else ""
        )
        index = (
            '<p class="rdkb-lead">按工作领域归类的文章。一篇文章可属于多个专题；'
            "归类依据文中关键词的加权计数（见“关于本站”），文章也可在元数据中手工指定专题。</p>\n"
            '<ul class="rdkb-cards">\n' + "\n".join(rows) + "\n</ul>" + note + "\n"
        )
        # the counts depend on the segmentation: the body is added after conversion
        return [GeneratedFile("themes/index.md", "# 专题\n", lambda: index), *out]

    def region_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        root = a.regions
        out: list[GeneratedFile] = []

        def tree(node: RegionNode, depth: int) -> str:
            items = []
            for child in node.sorted_children():
                href = self.href("regions/index.md", self.paths.region(child.path))
                sub = tree(child, depth + 1) if child.children else ""
                items.append(
                    f"<li>{link(href, child.name)} "
                    f'<span class="rdkb-badge">{child.count}</span>{sub}</li>'
                )
            return f'<ul class="rdkb-tree rdkb-tree--{depth}">' + "".join(items) + "</ul>"

        for node in root.walk():
            src = self.paths.region(node.path)
            crumbs = " › ".join(
                link(self.href(src, self.paths.region(node.path[: k + 1])), name)
                for k, name in enumerate(node.path[:-1])
            )
            intro = f'<p class="rdkb-crumbs">{link(self.href(src, "regions/index.md"), "全部地区")}'
            intro += f" › {crumbs}</p>" if crumbs else "</p>"
            if node.children:
                subs = "".join(
                    f"<li>{link(self.href(src, self.paths.region(c.path)), c.name)}"
                    f' <span class="rdkb-badge">{c.count}</span></li>'
                    for c in node.sorted_children()
                )
                intro += f'\n\n<p>下辖地区：</p><ul class="rdkb-inline">{subs}</ul>'
            out += self._listing(
                partial(self.paths.region, node.path),
                " ".join(node.path),
                intro + "\n\n<p>包括下辖地区的文章。</p>" if node.children else intro,
                a.newest_first(node.articles),
                compact=True,
            )
        index = (
            '# 地区\n\n<p class="rdkb-lead">按省、市、县（区）浏览，'
            "数字为文章篇数（含下辖地区）。</p>\n\n"
        )
        index += tree(root, 0) + "\n"
        if root.direct:
            index += (
                "\n\n"
                + link(
                    self.href("regions/index.md", self.paths.region(())),
                    f"{NO_REGION_TITLE}（{len(root.direct)} 篇）",
                )
                + "\n"
            )
            out += self._listing(
                partial(self.paths.region, ()),
                NO_REGION_TITLE,
                "<p>这些文章的作者职务、来源和网站都没有指明地区。</p>",
                a.newest_first(root.direct),
                compact=True,
            )
        return [GeneratedFile("regions/index.md", index), *out]

    def time_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        years: dict[int, list[tuple[int, list[int]]]] = {}
        for (year, month), members in a.by_month.items():
            years.setdefault(year, []).append((month, members))
        index_rows = []
        for year, months in years.items():
            src = self.paths.year(year)
            total = sum(len(m) for _, m in months)
            index_rows.append(
                f"<li>{link(self.href('archive/index.md', src), f'{year} 年')}"
                f' <span class="rdkb-badge">{total}</span>：'
                + " ".join(
                    link(self.href("archive/index.md", self.paths.month(year, m)), f"{m} 月")
                    + f"<small>({len(ms)})</small>"
                    for m, ms in sorted(months)
                )
                + "</li>"
            )
            parts = [f"# {year} 年\n"]
            for month, members in months:
                msrc = self.paths.month(year, month)
                parts.append(f"## {year} 年 {month} 月\n")
                parts.append(
                    f"<p>{link(self.href(src, msrc), f'{month} 月全部 {len(members)} 篇文章')}"
                    "</p>\n"
                )
                parts.append(self.articles(src, members[:5], "rdkb-list rdkb-list--compact") + "\n")
                out += self._listing(
                    partial(self.paths.month, year, month),
                    f"{year} 年 {month} 月",
                    f'<p class="rdkb-crumbs">{link(self.href(msrc, "archive/index.md"), "时间")} › '
                    f"{link(self.href(msrc, src), f'{year} 年')}</p>",
                    members,
                )
            out.append(GeneratedFile(src, "\n".join(parts)))
        if a.undated:
            undated_src = self.paths.undated()
            index_rows.append(
                f"<li>{link(self.href('archive/index.md', undated_src), UNDATED)}"
                f' <span class="rdkb-badge">{len(a.undated)}</span></li>'
            )
            out += self._listing(
                self.paths.undated,
                UNDATED,
                f'<p class="rdkb-crumbs">'
                f"{link(self.href(undated_src, 'archive/index.md'), '时间')}</p>\n\n"
                "<p>原文没有可信的发表日期。核实后可在文章的元数据中填写 <code>date</code>"
                "（见 <code>rdkb review</code>）。</p>",
                a.undated,
            )
        index = (
            '# 时间\n\n<p class="rdkb-lead">按发表年月浏览。</p>\n\n<ul class="rdkb-years">'
            + "".join(index_rows)
            + "</ul>\n"
        )
        return [GeneratedFile("archive/index.md", index), *out]

    def author_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        rows = []
        for name, person in a.authors.items():
            src = self.paths.author(name)
            rows.append(
                f"<li>{link(self.href('authors/index.md', src), name)}"
                f' <span class="rdkb-badge">{len(person.articles)}</span>'
                + (
                    f"<small>{escape('；'.join(person.positions))}</small>"
                    if person.positions
                    else ""
                )
                + "</li>"
            )
            positions = "".join(f"<li>{escape(p)}</li>" for p in person.positions)
            intro = (
                f'<p class="rdkb-crumbs">{link(self.href(src, "authors/index.md"), "全部作者")}</p>'
            )
            if positions:
                intro += f"\n\n<p>署名时的职务：</p><ul>{positions}</ul>"
            out += self._listing(
                partial(self.paths.author, name),
                f"作者：{name}",
                intro,
                person.articles,
                compact=True,
            )
        unsigned_src = self.paths.author(None)
        unsigned_label = f"{UNSIGNED_TITLE}（{len(a.unsigned)} 篇）"
        out += self._listing(
            partial(self.paths.author, None),
            UNSIGNED_TITLE,
            "<p>原文没有署名作者（包括标为“佚名”的文章）。只写明作者职务的，职务列在文章信息中。</p>",
            a.unsigned,
            compact=True,
        )
        index = (
            '# 作者\n\n<p class="rdkb-lead">按署名作者浏览，'
            "数字为文章篇数，后附署名时的职务。</p>\n\n"
            f"<p>{link(self.href('authors/index.md', unsigned_src), unsigned_label)}</p>\n\n"
            '<ul class="rdkb-authors">' + "".join(rows) + "</ul>\n"
        )
        return [GeneratedFile("authors/index.md", index), *out]

    def concept_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        rows = []
        for concept in a.glossary.concepts:
            members = a.by_concept[concept.slug]
            src = self.paths.concept(concept.slug)
            aliases = f"（又作：{'、'.join(concept.aliases)}）" if concept.aliases else ""
            rows.append(
                f"<dt>{link(self.href('concepts/index.md', src), concept.name)}"
                f' <span class="rdkb-badge">{len(members)} 篇</span></dt>'
                f"<dd>{escape(concept.explanation)}</dd>"
            )
            intro = (
                f'<p class="rdkb-crumbs">'
                f"{link(self.href(src, 'concepts/index.md'), '全部概念')}</p>\n\n"
                f'<div class="rdkb-explanation"><p>{escape(concept.explanation)}</p>'
                f"<p><small>{escape(aliases)}</small></p></div>\n\n<h2>提到“{escape(concept.name)}”的文章</h2>"
            )
            out += self._listing(
                partial(self.paths.concept, concept.slug),
                f"概念：{concept.name}",
                intro,
                members,
                compact=True,
            )
        index = (
            '# 概念\n\n<p class="rdkb-lead">人大工作中常见的概念，附简要解释。'
            "文章中第一次出现这些词时会链接到这里，"
            '每个概念页列出提到它的全部文章。</p>\n\n<dl class="rdkb-glossary">'
            + "".join(rows)
            + "</dl>\n"
        )
        return [GeneratedFile("concepts/index.md", index), *out]

    def keyword_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        words = []
        for word, members in a.by_keyword.items():
            words.append(
                f"<li>{link(self.href('keywords/index.md', self.paths.keyword(word)), word)}"
                f"<small>{len(members)}</small></li>"
            )
            out += self._listing(
                partial(self.paths.keyword, word),
                f"关键词：{word}",
                '<p class="rdkb-crumbs">'
                + link(self.href(self.paths.keyword(word), "keywords/index.md"), "全部关键词")
                + "</p>",
                members,
                compact=True,
            )
        index = (
            '<p class="rdkb-lead">'
            "每篇文章的关键词由结巴分词（含本站人大术语词典）按 TF-IDF 计算；"
            '这里列出在两篇以上文章中成为关键词的词语。</p>\n<ul class="rdkb-words">'
            + "".join(words)
            + "</ul>\n"
        )
        # the keywords depend on the segmentation: the body is added after conversion
        return [GeneratedFile("keywords/index.md", "# 关键词\n", lambda: index), *out]

    def quote_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        size = self.settings.page_size
        groups = a.quotes
        total = max(1, math.ceil(len(groups) / size))
        out = []
        shown = 20  # citations listed under a passage; the rest on the passage's own page
        for page in range(1, total + 1):
            src = self.paths.quotes(page)
            blocks = []
            for number, group in enumerate(groups[(page - 1) * size : page * size], start=1):
                number += (page - 1) * size
                cites = []
                for i, quote in group.citations[:shown]:
                    info = a.infos[i]
                    cites.append(
                        f"<li>{link(self.href(src, info.src_uri), info.article.title)}"
                        f" <small>{info.article.date or UNDATED}"
                        + (
                            f"，{escape(quote.context)}{escape(quote.verb)}"
                            if quote.context
                            else f"，{escape(quote.verb)}"
                        )
                        + "</small></li>"
                    )
                more = len(group.citations) - shown
                if more > 0:
                    all_src = self.paths.quote(number)
                    cites.append(
                        f"<li>{link(self.href(src, all_src), f'另有 {more} 篇，查看全部')}</li>"
                    )
                    out += self._listing(
                        partial(self.paths.quote, number),
                        "引用这段论述的全部文章",
                        '<p class="rdkb-crumbs">'
                        f"{link(self.href(all_src, src), '重要论述摘编')}</p>"
                        f"<blockquote><p>“{escape(group.text)}”</p></blockquote>",
                        [i for i, _ in group.citations],
                        compact=True,
                    )
                blocks.append(
                    '<figure class="rdkb-quote">'
                    f"<blockquote><p>“{escape(group.text)}”</p></blockquote>"
                    f"<figcaption>引用这段论述的文章（{len(group.citations)} 篇）："
                    f"<ul>{''.join(cites)}</ul>"
                    "</figcaption></figure>"
                )
            nav = pager(page, total, partial(self._page_href, src, self.paths.quotes))
            title = "习近平总书记重要论述摘编" + ("" if page == 1 else f"（第 {page} 页）")
            lead = (
                '<p class="rdkb-lead">'
                "从文章中自动摘出的、标明为习近平总书记指出、强调或讲过的引文，"
                "按被引用的篇数排列，并链接回引用它的文章。引文以原文为准，请点开文章核对上下文。</p>"
            )
            body = "\n\n".join(
                x for x in (f"# {title}", lead, "\n".join(blocks) or "<p>暂无引文。</p>", nav) if x
            )
            out.append(GeneratedFile(src, body + "\n"))
        return out

    def stats_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        articles = [info.article for info in a.infos]
        years = stats.per_year(articles)
        provinces = stats.per_province(articles)
        themes = stats.per_theme(
            [info.themes for info in a.infos], [(t.slug, t.name) for t in a.taxonomy.themes]
        )
        files = [
            GeneratedFile("stats/years.svg", charts.bar_chart("各年份文章数", years)),
            GeneratedFile(
                "stats/provinces.svg", charts.bar_chart("各省（区、市）文章数", provinces)
            ),
            GeneratedFile(
                "stats/themes.svg", charts.bar_chart("各专题文章数", themes, label_width=220)
            ),
        ]
        named = len(a.authors)
        body = (
            "# 统计\n\n"
            f'<p class="rdkb-lead">本站共收录 <strong>{len(articles)}</strong> 篇文章，涉及 '
            f"<strong>{len(a.regions.children)}</strong> 个省级地区、"
            f"<strong>{named}</strong> 位署名作者。"
            "图表在生成网站时绘制。</p>\n\n"
            "## 按年份\n\n![各年份文章数](years.svg)\n\n"
            "## 按专题\n\n![各专题文章数](themes.svg)\n\n"
            "## 按省份\n\n![各省（区、市）文章数](provinces.svg)\n"
        )
        return [GeneratedFile("stats/index.md", body), *files]

    def feed(self) -> str:
        a = self.analysis
        items: list[feed.FeedItem] = []
        for i in a.newest:  # undated articles come last and stay out of the feed
            info = a.infos[i]
            if info.article.date is None or len(items) == self.settings.feed_count:
                break
            items.append(
                feed.FeedItem(
                    title=info.article.title,
                    url=self.url(info.src_uri),
                    date=info.article.date,
                    # one entry per author, never split at 、 (positions hold it: 书记、主任)
                    authors=tuple(author_label(a) for a in info.article.authors),
                    summary=info.summary,
                )
            )
        return feed.atom(self.settings.site_name, self.settings.site_url, items)

    # -- home page -----------------------------------------------------------------------------
    def home_latest(self, src: str) -> str:
        return self.articles(src, self.analysis.newest[: self.settings.latest_count])

    def home_themes(self, src: str) -> str:
        a = self.analysis
        rows = [
            f'<li class="rdkb-card">{link(self.href(src, self.paths.theme(t.slug)), t.name)}'
            f'<span class="rdkb-badge">{len(a.by_theme[t.slug])} 篇</span>'
            f"<p>{escape(t.description)}</p></li>"
            for t in a.taxonomy.themes
        ]
        return '<ul class="rdkb-cards">\n' + "\n".join(rows) + "\n</ul>"

    def home_counts(self, src: str) -> str:
        a = self.analysis
        if not a.infos:
            return "<p>档案中还没有文章。</p>"
        dates = [info.article.date for info in a.infos if info.article.date]
        span = f"（{min(dates).isoformat()} 至 {max(dates).isoformat()}）" if dates else ""
        return (
            f'<p class="rdkb-counts">收录文章 <strong>{len(a.infos)}</strong> 篇'
            f"{span}，"
            f"专题 <strong>{len(a.taxonomy.themes)}</strong> 个，"
            f"概念 <strong>{len(a.glossary.concepts)}</strong> 个，"
            f"署名作者 <strong>{len(a.authors)}</strong> 位。"
            f" {link(self.href(src, 'feed.xml'), '订阅更新（Atom）')}</p>"
        )


def _md(text: str) -> str:
    """A heading's text as Markdown (front matter: names, places, keywords)."""
    return markdown_text(text)
