"""One build of the study site: the analysis plus the renderers, created once per MkDocs build.

The hooks keep one :class:`SiteBuild` on the MkDocs config object (a new config is loaded for every
``mkdocs serve`` rebuild, so nothing leaks between builds) and call it from each event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.analysis.archive import read_entries
from scraper.analysis.concepts import Glossary, load_glossary
from scraper.analysis.corpus import Analysis, analyse
from scraper.analysis.themes import Taxonomy, load_taxonomy
from scraper.errors import ConfigError
from scraper.publish import article as article_html
from scraper.publish.pages import GeneratedFile, Settings, SitePages
from scraper.publish.urls import relative

HOME = "index.md"
_MARKER = re.compile(r"<!--\s*rdkb:(\w+)\s*-->")
# Links in an article's text that lead off the site are marked like the original-article links.
_OUTSIDE_LINK = re.compile(r'<a href="(?=(?:https?:)?//)')


@dataclass(frozen=True)
class Options:
    """``extra.rdkb`` in mkdocs.yml, validated."""

    page_size: int = 30
    latest_count: int = 12
    feed_count: int = 30
    related_count: int = 5
    keyword_pages: int = 300
    themes_file: str | None = None  # relative to mkdocs.yml; default: the packaged themes.yml
    concepts_file: str | None = None

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
            if key.endswith("_file"):
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

    @classmethod
    def create(
        cls,
        articles: Iterable[tuple[str, str]],
        taxonomies: Taxonomies,
        options: Options,
        settings: Settings,
    ) -> SiteBuild:
        """Read (src_uri, absolute path) articles and analyse them. Raises RdkbError subclasses."""
        entries = list(read_entries(articles))
        analysis = analyse(
            entries,
            taxonomies.themes,
            taxonomies.glossary,
            related_count=options.related_count,
            keyword_pages=options.keyword_pages,
        )
        return cls(analysis, SitePages(analysis, settings))

    def generated_files(self) -> list[GeneratedFile]:
        return self.pages.files()

    def article_markdown(self, src_uri: str, markdown: str) -> str | None:
        """The article's Markdown with the first mention of each concept linked; None if no article."""
        info = self.analysis.info(src_uri)
        if info is None:
            return None
        paths = self.pages.paths
        return self.analysis.glossary.link_first_mentions(
            markdown, lambda slug: _md_link(src_uri, paths.concept(slug))
        )

    def article_html(self, src_uri: str, html: str) -> str | None:
        """Header + converted body + footer for an article page; None if not an article."""
        info = self.analysis.info(src_uri)
        if info is None:
            return None
        head = article_html.header(info, self.pages, with_title="<h1" not in html)
        body = _OUTSIDE_LINK.sub(article_html.EXTERNAL_ATTRS, html)
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


def _md_link(from_src: str, to_src: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves and checks it)."""
    from_dir = from_src.rsplit("/", 1)[0] + "/" if "/" in from_src else ""
    return relative(from_dir, to_src)


# Keys under which the hooks keep this build's objects on the MkDocs config (per build).
TAXONOMIES_KEY = "rdkb_taxonomies"
OPTIONS_KEY = "rdkb_options"
BUILD_KEY = "rdkb_build"
