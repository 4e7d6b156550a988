"""One build of the study site: the archive read and analysed once, the generated pages, the
additions to each article and the search index — plain Python, no MkDocs type.

The MkDocs hooks (``hooks/rdkb.py``) create one :class:`SiteBuild` per build and call it from
each event; ``rdkb export`` uses the same object to write a docs tree any MkDocs (or its
successor) builds without hooks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import jinja2
import yaml

from scraper.analysis.concepts import Glossary, load_glossary
from scraper.analysis.corpus import Analysis, analyse
from scraper.analysis.entries import Entry, is_article_uri, read_entries
from scraper.analysis.offload import Offload
from scraper.analysis.themes import Taxonomy, load_taxonomy
from scraper.publish import article as article_html
from scraper.publish.downloads import Documents, plan_downloads
from scraper.publish.fragments import Fragments
from scraper.publish.generated import GeneratedFile, Settings, SitePages
from scraper.publish.options import SiteOptions
from scraper.publish.safe import published
from scraper.publish.study import STUDY_INDEX, study_index
from scraper.search import IndexSettings, SearchDoc, doc_from_markdown
from scraper.search.normalise_text import Block, body_blocks
from scraper.search.site_index import SiteIndex

HOME = "index.md"
_MARKER = re.compile(r"<!--\s*rdkb:(\w+)\s*-->")
# Links in an article's text that lead off the site are marked like the original-article links.
_OUTSIDE_LINK = re.compile(r'<a href="(?=(?:https?:)?//)')
SEARCH_SETTINGS = IndexSettings()


@dataclass(frozen=True)
class Taxonomies:
    themes: Taxonomy
    glossary: Glossary

    @classmethod
    def load(cls, options: SiteOptions) -> Taxonomies:
        return cls(load_taxonomy(options.themes_file), load_glossary(options.concepts_file))


class SiteBuild:
    """The analysis and the generated pages of one build.

    :meth:`read` (MkDocs' ``on_files``) reads and analyses every article — each article's facts
    from the cache, the rest computed — so every generated page is known before any page is
    converted. :meth:`article_body`, :meth:`decorate` and :meth:`home_html` add to a page's
    HTML; :meth:`start_search` / :meth:`finish_search` write the search index around the page
    conversion, :meth:`start_downloads` / :meth:`write_downloads` the Word documents.
    :meth:`close` ends the worker (also after a failed build).
    """

    def __init__(
        self,
        entries: list[Entry],
        analysis: Analysis,
        pages: SitePages,
        options: SiteOptions,
        cache_dir: Path | None,
        offload: Offload,
        broken: Mapping[str, str],
    ) -> None:
        self.analysis = analysis
        self.pages = pages
        self.options = options
        self.broken = dict(broken)  # src_uri → `src_uri: what is wrong`, left out of the site
        self.fragments = Fragments()  # theme fragments shared by pages outside the nav
        self._entries = {e.src_uri: e for e in entries}
        self._cache_dir = cache_dir
        self._offload = offload
        self._files = {f.src_uri: f for f in pages.files()}
        study = GeneratedFile(STUDY_INDEX, study_index(analysis, pages.url))
        self._files[study.src_uri] = study
        self._concept_hrefs: dict[tuple[str, str], str] = {}
        self._search: SiteIndex | None = None
        self._search_blocks: dict[str, tuple[Block, ...]] = {}
        self._documents: Documents | None = None

    @classmethod
    def read(
        cls,
        articles: Iterable[tuple[str, str]],
        taxonomies: Taxonomies,
        options: SiteOptions,
        settings: Settings,
        cache_dir: Path | None = None,
        templates: jinja2.Environment | None = None,
    ) -> SiteBuild:
        """Read (src_uri, absolute path) articles and analyse them. A broken file is left out
        (:attr:`broken`), not the whole build. Raises RdkbError subclasses (themes named in
        front matter that do not exist)."""
        broken: dict[str, str] = {}
        read = read_entries(articles, lambda uri, exc: broken.__setitem__(uri, str(exc)))
        entries = [published(e) for e in read]
        cache = cache_dir if options.cache else None
        offload = Offload()
        try:
            analysis = analyse(
                entries,
                taxonomies.themes,
                taxonomies.glossary,
                related_count=options.related_count,
                keyword_pages=options.keyword_pages,
                cache_dir=cache,
                offload=offload,
            )
        except BaseException:
            offload.close()
            raise
        pages = SitePages(analysis, settings, templates)
        return cls(entries, analysis, pages, options, cache, offload, broken)

    def close(self) -> None:
        """Stop the worker, if one started."""
        self._offload.close()

    # -- what MkDocs reads ---------------------------------------------------------------------
    def article_markdown(self, src_uri: str) -> str | None:
        """An article's Markdown body as :meth:`read` read it; None for other pages."""
        entry = self._entries.get(src_uri)
        return None if entry is None else entry.article.body

    def article_meta(self, src_uri: str) -> dict[str, Any] | None:
        """An article's front matter as :meth:`read` parsed it (a copy); None for other pages."""
        entry = self._entries.get(src_uri)
        return None if entry is None else dict(entry.meta)

    def files(self) -> list[GeneratedFile]:
        """Every generated file (listings, the feed, the charts…)."""
        return list(self._files.values())

    def summary(self) -> str:
        """A line for the build log, in the archive's terms."""
        a = self.analysis
        seconds = sum(a.timings.values())
        cached = len(a.infos) - a.computed
        return (
            f"{len(a.infos)} articles: themes, keywords and related articles in {seconds:.1f} s "
            f"({a.computed} read anew, {cached} unchanged from the cache)"
        )

    def timings(self) -> str:
        return ", ".join(f"{name} {s:.2f} s" for name, s in self.analysis.timings.items())

    # -- HTML ----------------------------------------------------------------------------------
    def article_body(self, src_uri: str, html: str) -> str | None:
        """An article's converted body with links to concepts and outside links marked; None for
        other pages."""
        if not is_article_uri(src_uri):
            return None
        body = _OUTSIDE_LINK.sub(article_html.EXTERNAL_ATTRS, html)
        pages = self.pages
        # pages in one folder link alike to a concept page (never inside their folder)
        folder = pages.url(src_uri).rstrip("/").rpartition("/")[0]

        def href(slug: str) -> str:
            found = self._concept_hrefs.get((folder, slug))
            if found is None:
                found = escape(pages.href(src_uri, pages.paths.concept(slug)), quote=True)
                self._concept_hrefs[(folder, slug)] = found
            return found

        return self.analysis.glossary.link_first_mentions(body, href)

    def decorate(self, src_uri: str, html: str) -> str | None:
        """The final HTML of a page, just before it is rendered: an article with its header and
        footer, a generated page with its body, the home page with its markers filled."""
        if src_uri == HOME:
            return self.home_html(html)
        generated = self._files.get(src_uri)
        if generated is not None:
            return html + generated.html if generated.body else None
        info = self.analysis.info(src_uri)
        if info is None:
            return None
        head = article_html.header(info, self.pages, with_title="<h1" not in html)
        return head + html + article_html.footer(info, self.pages)

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

    # -- export --------------------------------------------------------------------------------
    def exported_articles(self) -> Iterator[tuple[str, str]]:
        """(src_uri, Markdown) of each article with its additions as HTML blocks: what the site
        shows, as a file a build without hooks converts (concept links aside)."""
        for src_uri, entry in self._entries.items():
            info = self.analysis.info(src_uri)
            assert info is not None
            meta = yaml.safe_dump(dict(entry.meta), allow_unicode=True, sort_keys=False)
            head = _one_block(article_html.header(info, self.pages, with_title=True))
            foot = _one_block(article_html.footer(info, self.pages))
            yield src_uri, f"---\n{meta}---\n\n{head}\n\n{entry.article.body}\n\n{foot}\n"

    def exported_page(self, file: GeneratedFile) -> str:
        """A generated file as it is written out: a listing's title and its body's HTML."""
        if not file.body:
            return file.content
        return f"{file.content}\n{_one_block(file.html)}\n"

    # -- study documents -----------------------------------------------------------------------
    def start_downloads(self) -> None:
        """Start the Word documents (theme and month): cached ones reused, the rest made."""
        if self.options.downloads:
            plan = plan_downloads(self.analysis, self.options.theme_download_size)
            self._documents = Documents(plan, self._cache_dir, self._offload)

    def write_downloads(self, out: Path) -> None:
        if self._documents is not None:
            self._documents.write(out)

    # -- search --------------------------------------------------------------------------------
    def start_search(self, site_dir: Path) -> None:
        """Start the search index: its n-gram shards need only the articles' text."""
        content = hashlib.sha256()
        for uri, entry in sorted(self._entries.items()):
            article = entry.article
            url = self.pages.url(uri)
            content.update(f"{url}\0{article.date}\0{article.title}\0{article.body}\0".encode())
        self._search = SiteIndex(
            site_dir,
            content.hexdigest(),
            lambda: [self._search_doc(uri) for uri in self._entries],
            SEARCH_SETTINGS,
            self._cache_dir,
            self._offload,
        )

    def finish_search(self, anchors: Mapping[str, list[tuple[str, str]]]) -> str:
        """Write the rest of the index, with each article's heading anchors (src_uri → (heading
        text, anchor id), from the converted pages: the articles the site has); a line for the
        build log."""
        assert self._search is not None, "start_search first"
        docs = [self._search_doc(uri, anchors[uri]) for uri in self._entries if uri in anchors]
        stats = self._search.finish(docs, [t.name for t in self.analysis.taxonomy.themes])
        cached = "; no article changed: taken from the cache" if self._search.cached else ""
        return stats.summary() + cached

    def _search_doc(self, src_uri: str, anchors: Sequence[tuple[str, str]] = ()) -> SearchDoc:
        entry = self._entries[src_uri]
        info = self.analysis.info(src_uri)
        themes = [self.analysis.taxonomy.get(s).name for s in info.themes] if info else None
        blocks = self._search_blocks.get(src_uri)
        if blocks is None:  # parsed once, when the shards and the records both need them
            blocks = self._search_blocks[src_uri] = body_blocks(entry.article.body)
        url = self.pages.url(src_uri)
        return doc_from_markdown(dict(entry.meta), entry.article.body, url, anchors, themes, blocks)


def _one_block(html: str) -> str:
    """HTML that Markdown passes through as one raw block: no blank line inside."""
    return "\n".join(line for line in html.splitlines() if line.strip())
