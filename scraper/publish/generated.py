"""The generated pages of the study site, rendered from an :class:`Analysis` with the templates
in ``scraper/publish/templates/`` (a site owner overrides any of them: ``templating.py``).

Nothing here is written to ``docs/``: :meth:`SitePages.files` returns (src_uri, content) pairs that
the hook adds to MkDocs' files in memory. A listing page is a Markdown title plus an HTML body the
hook appends after conversion (links computed here from the pages' URLs; the site tests check them).
Python passes records and hrefs; the templates print them, escaped.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, NamedTuple

import jinja2
from markupsafe import Markup, escape

from scraper.analysis import stats
from scraper.analysis.corpus import Analysis, ArticleInfo
from scraper.analysis.region_tree import RegionNode
from scraper.publish import downloads, feed, stats_page
from scraper.publish.safe import markdown_text
from scraper.publish.sitenames import SiteNames, default_names
from scraper.publish.templating import UNDATED, author_label, make_environment
from scraper.publish.urls import page_url, relative, slug_path

UNSIGNED_TITLE = "未署名文章"
# Where an article's href goes in its entry (entry.html is rendered once per article).
HREF_SLOT = "\x00href\x00"
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
    downloads: bool = False  # link the Word documents (downloads.py) from theme and month pages
    theme_download_size: int = 200


class Listed(NamedTuple):
    """An article in a list (entries.html): its link from the listing page, its record, and
    its entry as entry.html renders it."""

    href: str
    info: ArticleInfo
    html: Markup


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

    def organisation(self, name: str, page: int = 1) -> str:
        """Articles credited to an organisation (机构署名), not to a person."""
        return self.paged(f"authors/organisations/{slug_path(name)}", page)

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
    """Renders every generated page; ``href(from_src, to_src)`` gives the link between two pages.
    ``templates``: the Jinja environment (:func:`make_environment`; a site's overrides first)."""

    def __init__(
        self,
        analysis: Analysis,
        settings: Settings,
        templates: jinja2.Environment | None = None,
    ) -> None:
        self.analysis = analysis
        self.settings = settings
        self.templates = templates if templates is not None else make_environment()
        self.paths = Paths(analysis, settings.use_directory_urls)
        self._urls: dict[str, str] = {}
        self._entries: dict[tuple[int, bool], str] = {}

    @cached_property
    def site_names(self) -> SiteNames:
        """Names of the sites articles are on (同时发表于), including those the archive gives."""
        return default_names().learn(info.article for info in self.analysis.infos)

    def render(self, template: str, **context: Any) -> str:
        """``template`` (e.g. ``"listing.html"``) rendered with ``context``."""
        return self.templates.get_template(template).render(context)

    # -- links ---------------------------------------------------------------------------------
    def url(self, src_uri: str) -> str:
        found = self._urls.get(src_uri)
        if found is None:
            found = self._urls[src_uri] = self.paths.url(src_uri)
        return found

    def href(self, from_src: str, to_src: str) -> str:
        return relative(self.url(from_src), self.url(to_src))

    def entries(self, src: str, indices: Sequence[int], summary: bool = True) -> list[Listed]:
        """What entries.html lists: each article with its href from ``src`` and its entry."""
        infos = self.analysis.infos
        out = []
        for i in indices:
            href = self.href(src, infos[i].src_uri)
            html = self._entry(i, summary).replace(HREF_SLOT, str(escape(href)), 1)
            out.append(Listed(href, infos[i], Markup(html)))
        return out

    def _entry(self, i: int, summary: bool) -> str:
        """entry.html for article ``i``, rendered once: an article is listed on many pages
        (theme, region, month, author…), each linking to it by another relative href, which
        is put in the slot (45,000 entries at 2,000 articles; rendering each took 6x longer)."""
        found = self._entries.get((i, summary))
        if found is None:
            info = self.analysis.infos[i]
            found = self.render("entry.html", href=HREF_SLOT, info=info, summary=summary)
            self._entries[(i, summary)] = found
        return found

    def articles(
        self, src: str, indices: Sequence[int], css: str = "rdkb-list", summary: bool = True
    ) -> str:
        entries = self.entries(src, indices, summary)
        return self.render("entries.html", entries=entries, css=css, summary=summary)

    def pager(
        self, src: str, page_src: Callable[[int], str], current: int, total: int
    ) -> list[dict[str, Any]]:
        """Page links 1 … total around ``current`` (pager.html); empty for one page."""
        if total <= 1:
            return []

        def to(n: int, text: str | int, rel: str = "") -> dict[str, Any]:
            return {"text": text, "href": self.href(src, page_src(n)), "rel": rel, "current": False}

        items = [to(current - 1, "上一页", "prev")] if current > 1 else []
        for n in range(1, total + 1):
            if n == current:
                items.append({"text": n, "href": None, "rel": "", "current": True})
            elif n in (1, total) or abs(n - current) <= 2:
                items.append(to(n, n))
            elif items[-1]["text"] != "…":
                items.append({"text": "…", "href": None, "rel": "", "current": False})
        if current < total:
            items.append(to(current + 1, "下一页", "next"))
        return items

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
        template: str,
        indices: Sequence[int],
        compact: bool = False,
        **context: Any,
    ) -> list[GeneratedFile]:
        """A paginated list of article entries (page 1 at ``page_src(1)``), each page's body
        rendered from ``template`` (which extends listing.html) with ``context``."""
        size = self.settings.compact_page_size if compact else self.settings.page_size
        total = max(1, math.ceil(len(indices) / size))
        out = []
        for page in range(1, total + 1):
            title = heading if page == 1 else f"{heading}（第 {page} 页）"
            body = partial(
                self._listing_body, template, page_src, page, total, indices, size, compact, context
            )
            out.append(GeneratedFile(page_src(page), f"# {_md(title)}\n", body))
        return out

    def _listing_body(
        self,
        template: str,
        page_src: Callable[[int], str],
        page: int,
        total: int,
        indices: Sequence[int],
        size: int,
        compact: bool,
        context: dict[str, Any],
    ) -> str:
        src = page_src(page)
        hrefs = {
            key[: -len("_src")] + "_href": self.href(src, value) if value else None
            for key, value in context.items()
            if key.endswith("_src")
        }
        return self.render(
            template,
            **context,
            **hrefs,
            count=len(indices),
            page=page,
            total=total,
            entries=self.entries(src, indices[(page - 1) * size : page * size], not compact),
            css="rdkb-list rdkb-list--compact" if compact else "rdkb-list",
            summary=not compact,
            pager=self.pager(src, page_src, page, total),
        )

    def _cards(self, src: str) -> list[tuple[str, Any, int]]:
        a = self.analysis
        return [
            (self.href(src, self.paths.theme(t.slug)), t, len(a.by_theme[t.slug]))
            for t in a.taxonomy.themes
        ]

    def theme_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out = []
        for theme in a.taxonomy.themes:
            out += self._listing(
                partial(self.paths.theme, theme.slug),
                f"专题：{theme.name}",
                "theme.html",
                a.by_theme[theme.slug],
                theme=theme,
                download_src=downloads.theme_path(theme.slug)
                if self.settings.downloads and a.by_theme[theme.slug]
                else None,
                download_size=self.settings.theme_download_size,
            )
        untagged = sum(1 for info in a.infos if not info.themes)

        def index() -> str:
            return self.render(
                "themes.html", cards=self._cards("themes/index.md"), untagged=untagged
            )

        # the counts depend on the segmentation: the body is added after conversion
        return [GeneratedFile("themes/index.md", "# 专题\n", index), *out]

    def region_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        root = a.regions
        out: list[GeneratedFile] = []

        def tree(node: RegionNode) -> list[dict[str, Any]]:
            return [
                {
                    "href": self.href("regions/index.md", self.paths.region(child.path)),
                    "name": child.name,
                    "count": child.count,
                    "children": tree(child),
                }
                for child in node.sorted_children()
            ]

        for node in root.walk():
            src = self.paths.region(node.path)
            out += self._listing(
                partial(self.paths.region, node.path),
                " ".join(node.path),
                "region.html",
                a.newest_first(node.articles),
                compact=True,
                all_src="regions/index.md",
                crumbs=[
                    (self.href(src, self.paths.region(node.path[: k + 1])), name)
                    for k, name in enumerate(node.path[:-1])
                ],
                subregions=[
                    (self.href(src, self.paths.region(c.path)), c.name, c.count)
                    for c in node.sorted_children()
                ],
            )
        no_region = None
        if root.direct:
            no_region = {
                "href": self.href("regions/index.md", self.paths.region(())),
                "title": NO_REGION_TITLE,
                "count": len(root.direct),
            }
            out += self._listing(
                partial(self.paths.region, ()),
                NO_REGION_TITLE,
                "no_region.html",
                a.newest_first(root.direct),
                compact=True,
            )
        index = self.render("regions.html", tree=tree(root), no_region=no_region) + "\n"
        return [GeneratedFile("regions/index.md", index), *out]

    def time_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        years: dict[int, list[tuple[int, list[int]]]] = {}
        for (year, month), members in a.by_month.items():
            years.setdefault(year, []).append((month, members))
        rows = []
        for year, months in years.items():
            src = self.paths.year(year)
            rows.append(
                {
                    "href": self.href("archive/index.md", src),
                    "year": year,
                    "count": sum(len(m) for _, m in months),
                    "months": [
                        {
                            "href": self.href("archive/index.md", self.paths.month(year, m)),
                            "month": m,
                            "count": len(ms),
                        }
                        for m, ms in sorted(months)
                    ],
                }
            )
            year_months = []
            for month, members in months:
                year_months.append(
                    {
                        "month": month,
                        "href": self.href(src, self.paths.month(year, month)),
                        "count": len(members),
                        "entries": self.entries(src, members[:5]),
                    }
                )
                out += self._listing(
                    partial(self.paths.month, year, month),
                    f"{year}年{month}月",
                    "month.html",
                    members,
                    year=year,
                    month=month,
                    time_src="archive/index.md",
                    year_src=src,
                    download_src=downloads.month_path(year, month)
                    if self.settings.downloads
                    else None,
                )
            out.append(GeneratedFile(src, self.render("year.html", year=year, months=year_months)))
        undated = None
        if a.undated:
            undated = {
                "href": self.href("archive/index.md", self.paths.undated()),
                "count": len(a.undated),
            }
            out += self._listing(
                self.paths.undated, UNDATED, "undated.html", a.undated, time_src="archive/index.md"
            )
        index = self.render("archive.html", years=rows, undated=undated) + "\n"
        return [GeneratedFile("archive/index.md", index), *out]

    def author_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        rows = []
        for name, person in a.authors.items():
            rows.append(
                {
                    "href": self.href("authors/index.md", self.paths.author(name)),
                    "name": name,
                    "count": len(person.articles),
                    "positions": person.positions,
                }
            )
            out += self._listing(
                partial(self.paths.author, name),
                f"作者：{name}",
                "author.html",
                person.articles,
                compact=True,
                name=name,
                person=person,
                all_src="authors/index.md",
            )
        organisations = []
        for unit, members in a.organisations.items():
            organisations.append(
                {
                    "href": self.href("authors/index.md", self.paths.organisation(unit)),
                    "name": unit,
                    "count": len(members),
                }
            )
            out += self._listing(
                partial(self.paths.organisation, unit),
                f"机构署名：{unit}",
                "organisation.html",
                members,
                compact=True,
                name=unit,
                all_src="authors/index.md",
            )
        out += self._listing(
            partial(self.paths.author, None), UNSIGNED_TITLE, "unsigned.html", a.unsigned, True
        )
        unsigned = {
            "href": self.href("authors/index.md", self.paths.author(None)),
            "count": len(a.unsigned),
        }
        index = self.render(
            "authors.html", authors=rows, organisations=organisations, unsigned=unsigned
        )
        index += "\n"
        return [GeneratedFile("authors/index.md", index), *out]

    def concept_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        rows = []
        for concept in a.glossary.concepts:
            members = a.by_concept[concept.slug]
            src = self.paths.concept(concept.slug)
            rows.append(
                {
                    "href": self.href("concepts/index.md", src),
                    "concept": concept,
                    "count": len(members),
                }
            )
            out += self._listing(
                partial(self.paths.concept, concept.slug),
                f"概念：{concept.name}",
                "concept.html",
                members,
                compact=True,
                concept=concept,
                all_src="concepts/index.md",
            )
        index = self.render("concepts.html", concepts=rows) + "\n"
        return [GeneratedFile("concepts/index.md", index), *out]

    def keyword_pages(self) -> list[GeneratedFile]:
        a = self.analysis
        out: list[GeneratedFile] = []
        rows = []
        for word, members in a.by_keyword.items():
            rows.append(
                {
                    "href": self.href("keywords/index.md", self.paths.keyword(word)),
                    "word": word,
                    "count": len(members),
                }
            )
            out += self._listing(
                partial(self.paths.keyword, word),
                f"关键词：{word}",
                "keyword.html",
                members,
                compact=True,
                word=word,
                all_src="keywords/index.md",
            )

        def index() -> str:
            return self.render("keywords.html", words=rows)

        # the keywords depend on the segmentation: the body is added after conversion
        return [GeneratedFile("keywords/index.md", "# 关键词\n", index), *out]

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
                cites = [
                    {"href": self.href(src, a.infos[i].src_uri), "info": a.infos[i], "quote": q}
                    for i, q in group.citations[:shown]
                ]
                more = None
                if len(group.citations) > shown:
                    all_src = self.paths.quote(number)
                    more = {"href": self.href(src, all_src), "count": len(group.citations) - shown}
                    out += self._listing(
                        partial(self.paths.quote, number),
                        "引用这段论述的全部文章",
                        "quote.html",
                        [i for i, _ in group.citations],
                        compact=True,
                        group=group,
                        quotes_src=src,
                    )
                blocks.append({"group": group, "cites": cites, "more": more})
            title = "习近平总书记重要论述摘编" + ("" if page == 1 else f"（第 {page} 页）")
            body = self.render(
                "quotes.html",
                title=title,
                blocks=blocks,
                samples=sum(1 for info in a.infos if info.is_sample),
                pager=self.pager(src, self.paths.quotes, page, total),
            )
            out.append(GeneratedFile(src, body + "\n"))
        return out

    def stats_pages(self) -> list[GeneratedFile]:
        return stats_page.stats_files(self)

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
                    sample=info.is_sample,
                )
            )
        return feed.atom(self.settings.site_name, self.settings.site_url, items)

    # -- home page -----------------------------------------------------------------------------
    def home_latest(self, src: str) -> str:
        return self.articles(src, self.analysis.newest[: self.settings.latest_count])

    def home_themes(self, src: str) -> str:
        return self.render("theme_cards.html", cards=self._cards(src))

    def home_counts(self, src: str) -> str:
        a = self.analysis
        dates = [info.article.date for info in a.infos if info.article.date]
        return self.render(
            "home_counts.html",
            articles=len(a.infos),
            samples=sum(1 for info in a.infos if info.is_sample),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
            themes=len(a.taxonomy.themes),
            concepts=len(a.glossary.concepts),
            authors=len(a.authors),
            feed_href=self.href(src, "feed.xml"),
        )


def _md(text: str) -> str:
    """A heading's text as Markdown (front matter: names, places, keywords)."""
    return markdown_text(text)
