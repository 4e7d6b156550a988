"""One build of the study site: the analysis plus the renderers, created once per MkDocs build.

The hooks keep one :class:`SiteBuild` on the MkDocs config object (a new config is loaded for every
``mkdocs serve`` rebuild, so nothing leaks between builds) and call it from each event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from scraper.analysis.archive import read_entries
from scraper.analysis.concepts import Glossary, load_glossary
from scraper.analysis.corpus import Analysis, analyse
from scraper.analysis.themes import Taxonomy, load_taxonomy
from scraper.errors import ConfigError
from scraper.publish import article as article_html
from scraper.publish.fragments import Fragments
from scraper.publish.pages import GeneratedFile, Settings, SitePages

HOME = "index.md"
_MARKER = re.compile(r"<!--\s*rdkb:(\w+)\s*-->")
# Links in an article's text that lead off the site are marked like the original-article links.
_OUTSIDE_LINK = re.compile(r'<a href="(?=(?:https?:)?//)')


@dataclass(frozen=True)
class Options:
    """``extra.rdkb`` in mkdocs.yml, validated."""

    page_size: int = 50
    compact_page_size: int = 200
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
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"mkdocs.yml: unknown keys in 'extra.rdkb': {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "cache":
                if not isinstance(value, bool):
                    raise ConfigError("mkdocs.yml: 'extra.rdkb.cache' must be true or false")
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
    def __init__(self, analysis: Analysis, pages: SitePages) -> None:
        self.analysis = analysis
        self.pages = pages
        self._html: dict[str, str] = {}  # generated pages' bodies, added after conversion
        self.fragments = Fragments()  # theme fragments shared by pages outside the nav

    @classmethod
    def create(
        cls,
        articles: Iterable[tuple[str, str]],
        taxonomies: Taxonomies,
        options: Options,
        settings: Settings,
        cache_dir: str | None = None,
    ) -> SiteBuild:
        """Read (src_uri, absolute path) articles and analyse them. Raises RdkbError subclasses.

        ``cache_dir`` keeps jieba's segmentation of unchanged articles between builds; it must be
        outside docs/, or ``mkdocs serve`` would rebuild once more after every write."""
        entries = list(read_entries(articles))
        cache = Path(cache_dir) if cache_dir and options.cache else None
        analysis = analyse(
            entries,
            taxonomies.themes,
            taxonomies.glossary,
            related_count=options.related_count,
            keyword_pages=options.keyword_pages,
            cache_dir=cache,
        )
        return cls(analysis, SitePages(analysis, settings))

    def generated_files(self) -> list[GeneratedFile]:
        files = self.pages.files()
        self._html = {f.src_uri: f.html for f in files if f.html}
        return files

    def page_html(self, src_uri: str, html: str) -> str | None:
        """The final HTML of a generated listing page or an article page; None for other pages."""
        body = self._html.get(src_uri)
        if body is not None:
            return html + body
        return self.article_html(src_uri, html)

    def article_html(self, src_uri: str, html: str) -> str | None:
        """Header + converted body + footer for an article page; None if not an article."""
        info = self.analysis.info(src_uri)
        if info is None:
            return None
        head = article_html.header(info, self.pages, with_title="<h1" not in html)
        body = _OUTSIDE_LINK.sub(article_html.EXTERNAL_ATTRS, html)
        pages = self.pages
        body = self.analysis.glossary.link_first_mentions(
            body, lambda slug: escape(pages.href(src_uri, pages.paths.concept(slug)), quote=True)
        )
        return head + body + article_html.footer(info, self.pages)

    def home_markdown(self, markdown: str) -> str:
        """Replace the home page's ``<!-- rdkb:NAME -->`` markers (latest, themes, counts)."""
        renderers = {
            "latest": self.pages.home_latest,
            "themes": self.pages.home_themes,
            "counts": self.pages.home_counts,
        }

        def replace(match: re.Match[str]) -> str:
            render = renderers.get(match.group(1))
            return f"\n\n{render(HOME)}\n\n" if render else match.group()

        return _MARKER.sub(replace, markdown)


# Keys under which the hooks keep this build's objects on the MkDocs config (per build).
TAXONOMIES_KEY = "rdkb_taxonomies"
OPTIONS_KEY = "rdkb_options"
BUILD_KEY = "rdkb_build"
