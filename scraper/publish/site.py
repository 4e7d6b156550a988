"""One build of the study site: the analysis plus the renderers, created once per MkDocs build.

The hooks keep one :class:`SiteBuild` on the MkDocs config object (a new config is loaded for every
``mkdocs serve`` rebuild, so nothing leaks between builds) and call it from each event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from scraper.analysis.background import Deferred
from scraper.analysis.concepts import Glossary, load_glossary
from scraper.analysis.corpus import (
    Analysis,
    Segmentation,
    combine,
    plain_texts,
    segment_articles,
    unsegmented,
    with_segmentation,
)
from scraper.analysis.entries import Entry, is_article_uri, read_entries
from scraper.analysis.themes import Taxonomy, load_taxonomy
from scraper.errors import ConfigError
from scraper.publish import article as article_html
from scraper.publish.fragments import Fragments
from scraper.publish.generated import GeneratedFile, Settings, SitePages
from scraper.publish.safe import published

HOME = "index.md"
_MARKER = re.compile(r"<!--\s*rdkb:(\w+)\s*-->")
# Links in an article's text that lead off the site are marked like the original-article links.
_OUTSIDE_LINK = re.compile(r'<a href="(?=(?:https?:)?//)')


# Options that no longer do anything, accepted so an older mkdocs.yml still builds.
REMOVED_OPTIONS = frozenset({"convert_helper"})  # the conversion helper process (issue 14)


@dataclass(frozen=True)
class Options:
    """``extra.rdkb`` in mkdocs.yml, validated."""

    page_size: int = 100
    compact_page_size: int = 500
    latest_count: int = 12
    feed_count: int = 30
    related_count: int = 5
    keyword_pages: int = 100
    themes_file: str | None = None  # relative to mkdocs.yml; default: the packaged themes.yml
    concepts_file: str | None = None
    cache: bool = True  # keep jieba's segmentation of unchanged articles in .cache/rdkb/

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any], config_dir: str) -> Options:
        data = extra.get("rdkb") or {}
        if not isinstance(data, Mapping):
            raise ConfigError("mkdocs.yml: 'extra.rdkb' must be a mapping")
        data = {k: v for k, v in data.items() if k not in REMOVED_OPTIONS}
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"mkdocs.yml: unknown keys in 'extra.rdkb': {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if isinstance(getattr(cls, key), bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"mkdocs.yml: 'extra.rdkb.{key}' must be true or false")
                values[key] = value
            elif key.endswith("_file"):
                if not isinstance(value, str):
                    raise ConfigError(f"mkdocs.yml: 'extra.rdkb.{key}' must be a path")
                values[key] = str(Path(config_dir) / value)
            else:
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise ConfigError(f"mkdocs.yml: 'extra.rdkb.{key}' must be a positive integer")
                values[key] = value
        return cls(**values)


@dataclass(frozen=True)
class Taxonomies:
    themes: Taxonomy
    glossary: Glossary

    @classmethod
    def load(cls, options: Options) -> Taxonomies:
        return cls(load_taxonomy(options.themes_file), load_glossary(options.concepts_file))


class SiteBuild:
    """The analysis and the generated pages of one build, in two steps.

    :meth:`create` (MkDocs' ``on_files``) reads the front matter, starts the segmentation-bound
    analysis (themes, keywords, related) in a child process (or takes over the one started in
    ``on_config``: :class:`Analysing`) and renders what the front matter
    alone decides: which pages exist apart from the theme and keyword pages. :meth:`finish`
    (``on_env``, after every page is converted) joins the child and returns every generated file,
    the theme and keyword pages among them. Everything that depends on the segmentation — article
    headers and footers, listing bodies, the home page's themes — is added to the HTML just before
    the page is rendered (:meth:`decorate`), by the child if it is done (:class:`Prerendered`).
    """

    def __init__(
        self,
        entries: Sequence[Entry],
        texts: Sequence[str],
        taxonomies: Taxonomies,
        options: Options,
        settings: Settings,
        segmentation: Deferred[Segmentation, Prerendered],
    ) -> None:
        self._options = options
        self._settings = settings
        self._entries = {e.src_uri: e for e in entries}
        self._segmentation = segmentation
        preliminary = combine(
            entries,
            texts,
            taxonomies.themes,
            taxonomies.glossary,
            unsegmented(entries),
            keyword_pages=options.keyword_pages,
        )
        self._initial = SitePages(preliminary, settings)  # page names and links: no segmentation
        self._final: SitePages | None = None
        self._files: dict[str, GeneratedFile] = {}
        self.fragments = Fragments()  # theme fragments shared by pages outside the nav
        self._concept_hrefs: dict[tuple[str, str], str] = {}
        # articles whose file cannot be read: src_uri -> `src_uri: what is wrong`
        self.broken: dict[str, str] = {}

    @classmethod
    def create(
        cls,
        articles: Iterable[tuple[str, str]],
        taxonomies: Taxonomies,
        options: Options,
        settings: Settings,
        cache_dir: str | None = None,
        *,
        background: bool = True,
        started: Analysing | None = None,
    ) -> SiteBuild:
        """Read (src_uri, absolute path) articles and start analysing them. Raises RdkbError
        subclasses (now for the front matter; from :meth:`finish` for the segmentation).

        ``cache_dir`` keeps jieba's segmentation of unchanged articles between builds; it must be
        outside docs/, or ``mkdocs serve`` would rebuild once more after every write.
        ``background``: segment in a child process while MkDocs converts the pages.
        ``started``: the analysis started earlier (:class:`Analysing`), taken over if it is of
        the same articles with the same settings, else abandoned."""
        articles = [(uri, str(path)) for uri, path in articles]
        analysing = Analysing(
            articles, taxonomies, options, settings, cache_dir, background=background, ifnot=started
        )
        broken: dict[str, str] = {}  # a broken file is left out, not the whole build
        read = read_entries(articles, lambda uri, exc: broken.__setitem__(uri, str(exc)))
        entries = [published(e) for e in read]
        texts = plain_texts(entries)
        build = cls(entries, texts, taxonomies, options, settings, analysing.deferred)
        build.broken = broken
        return build

    def article_markdown(self, src_uri: str) -> str | None:
        """An article's Markdown body as :meth:`create` read it (what MkDocs would get from
        reading the file again and taking the front matter off); None for other pages."""
        entry = self._entries.get(src_uri)
        return None if entry is None else entry.article.body

    def article_meta(self, src_uri: str) -> dict[str, Any] | None:
        """An article's front matter as :meth:`create` parsed it (a copy: MkDocs' ``page.meta``);
        None for other pages."""
        entry = self._entries.get(src_uri)
        return None if entry is None else dict(entry.meta)

    def initial_files(self) -> list[GeneratedFile]:
        """The generated files whose names the front matter decides (all but theme pages after
        the first and keyword pages); their final bodies come from :meth:`finish`."""
        return self._initial.files()

    def finish(self) -> list[GeneratedFile]:
        """Wait for the segmentation; every generated file, final. Raises RdkbError subclasses."""
        if self._final is None:
            analysis = with_segmentation(
                self._initial.analysis,
                self._segmentation.result(),
                keyword_pages=self._options.keyword_pages,
            )
            self._final = SitePages(analysis, self._settings)
            self._files = {f.src_uri: f for f in self._final.files()}
        return list(self._files.values())

    @property
    def pages(self) -> SitePages:
        if self._final is None:
            self.finish()
        assert self._final is not None
        return self._final

    @property
    def analysis(self) -> Analysis:
        """The whole analysis (waits for the segmentation)."""
        return self.pages.analysis

    # -- HTML ----------------------------------------------------------------------------------
    def article_body(self, src_uri: str, html: str) -> str | None:
        """An article's converted body with links to concepts and outside links marked; None for
        other pages. Needs no segmentation (runs while the child is still segmenting)."""
        if not is_article_uri(src_uri):
            return None
        body = _OUTSIDE_LINK.sub(article_html.EXTERNAL_ATTRS, html)
        pages = self._initial
        # pages in one folder link alike to a concept page (never inside their folder)
        folder = pages.url(src_uri).rstrip("/").rpartition("/")[0]

        def href(slug: str) -> str:
            found = self._concept_hrefs.get((folder, slug))
            if found is None:
                found = escape(pages.href(src_uri, pages.paths.concept(slug)), quote=True)
                self._concept_hrefs[(folder, slug)] = found
            return found

        return pages.analysis.glossary.link_first_mentions(body, href)

    def decorate(self, src_uri: str, html: str) -> str | None:
        """The final HTML of a page, just before it is rendered: an article with its header and
        footer, a generated page with its body, the home page with its markers filled."""
        if src_uri == HOME:
            return self.home_html(html)
        self.finish()  # waits for the segmentation (once)
        ready = self._segmentation.then_ready()  # rendered by the child, if it was faster
        generated = self._files.get(src_uri)
        if generated is not None:
            if not generated.body:
                return None
            # taken out when used: each page is decorated once, and the build keeps ``ready``
            body = ready.listings.pop(src_uri, None) if ready else None
            return html + (generated.html if body is None else body)
        parts = ready.articles.pop(src_uri, None) if ready else None
        if parts is not None:
            before, title, after, foot = parts
            return before + ("" if "<h1" in html else title) + after + html + foot
        return self.article_html(src_uri, html)

    def article_html(self, src_uri: str, html: str) -> str | None:
        """Header + body + footer for an article page; None if not an article."""
        info = self.analysis.info(src_uri)
        if info is None:
            return None
        pages = self.pages
        head = article_html.header(info, pages, with_title="<h1" not in html)
        return head + html + article_html.footer(info, pages)

    def home_html(self, html: str) -> str:
        """Replace the home page's ``<!-- rdkb:NAME -->`` markers (latest, themes, counts)."""
        pages = self.pages
        renderers = {
            "latest": pages.home_latest,
            "themes": pages.home_themes,
            "counts": pages.home_counts,
        }

        def replace(match: re.Match[str]) -> str:
            render = renderers.get(match.group(1))
            return render(HOME) if render else match.group()

        return _MARKER.sub(replace, html)


class Analysing:
    """The segmentation-bound analysis of some article files (:func:`segment_articles`), then
    :func:`prerender`, started in a child process. The hooks start it in ``on_config``, before
    MkDocs lists the files; :meth:`SiteBuild.create` takes it over (``ifnot``) when it is of the
    articles MkDocs found, with the same settings."""

    def __init__(
        self,
        articles: list[tuple[str, str]],
        taxonomies: Taxonomies,
        options: Options,
        settings: Settings,
        cache_dir: str | None = None,
        *,
        background: bool = True,
        ifnot: Analysing | None = None,
    ) -> None:
        self.deferred: Deferred[Segmentation, Prerendered]
        self.key: tuple[object, ...]
        key = (
            tuple(uri for uri, _ in articles),
            taxonomies,
            options,
            settings,
            cache_dir,
            background,
        )
        if ifnot is not None and ifnot.key == key:
            self.key, self.deferred = key, ifnot.deferred
            return
        self.key = key
        self._articles = articles
        self._taxonomies = taxonomies
        self._options = options
        self._settings = settings
        self._cache = Path(cache_dir) if cache_dir and options.cache else None
        self._entries: list[Entry] = []
        self._texts: list[str] = []
        # the child, once done, renders what the main process would (if it is still busy)
        self.deferred = Deferred(self._segment, then=self._prerender, background=background)

    def _segment(self) -> Segmentation:
        """In the child: read the articles (the main process reads them too) and segment them.
        Raises RdkbError subclasses."""
        # the same files are left out as in the main process, which reports them
        self._entries = [published(e) for e in read_entries(self._articles, _skip)]
        self._texts = plain_texts(self._entries)
        return segment_articles(
            self._entries,
            self._texts,
            self._taxonomies.themes,
            self._taxonomies.glossary,
            related_count=self._options.related_count,
            cache_dir=self._cache,
        )

    def _prerender(self, segmentation: Segmentation) -> Prerendered:
        return prerender(
            self._entries,
            self._texts,
            self._taxonomies,
            self._options,
            self._settings,
            segmentation,
        )


@dataclass(frozen=True)
class Prerendered:
    """HTML the main process would render just before each page's template, rendered instead by
    the analysis child once it is done (src_uri → HTML): article headers (before the title, the
    ``<h1>``, after it) and footers, listing bodies."""

    articles: dict[str, tuple[str, str, str, str]]
    listings: dict[str, str]


def prerender(
    entries: Sequence[Entry],
    texts: Sequence[str],
    taxonomies: Taxonomies,
    options: Options,
    settings: Settings,
    segmentation: Segmentation,
) -> Prerendered:
    """What :meth:`SiteBuild.decorate` adds to articles and listings, from the segmentation (the
    same analysis as :meth:`SiteBuild.finish`: :func:`combine` gives what ``with_segmentation``
    gives)."""
    analysis = combine(
        entries,
        texts,
        taxonomies.themes,
        taxonomies.glossary,
        segmentation,
        keyword_pages=options.keyword_pages,
    )
    pages = SitePages(analysis, settings)
    articles = {
        info.src_uri: (*article_html.header_parts(info, pages), article_html.footer(info, pages))
        for info in analysis.infos
    }
    return Prerendered(articles, {f.src_uri: f.html for f in pages.files() if f.body})


# Keys under which the hooks keep this build's objects on the MkDocs config (per build).
TAXONOMIES_KEY = "rdkb_taxonomies"
OPTIONS_KEY = "rdkb_options"
BUILD_KEY = "rdkb_build"
ANALYSING_KEY = "rdkb_analysing"


def _skip(src_uri: str, error: Exception) -> None:
    """A broken article, left out silently (another process reports it)."""
