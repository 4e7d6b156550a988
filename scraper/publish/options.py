"""The site's settings, ``extra.rdkb`` in mkdocs.yml, declared once as MkDocs config options.

MkDocs validates the options (defaults, types, deprecations, errors naming the key) the way it
validates a plugin's; the build then works from :class:`SiteOptions`, a frozen record with the
same fields and no MkDocs type, so the content layer runs (and ``rdkb export`` works) without it.
"""

from __future__ import annotations

import os.path
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from scraper.errors import ConfigError
from scraper.publish.generated import Settings

KEY = "extra.rdkb"


class _Positive(c.Type[int]):
    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise ValidationError(f"must be a positive integer, not {value!r}")
        return number


class RdkbConfig(base.Config):  # type: ignore[no-untyped-call]
    """``extra.rdkb`` in mkdocs.yml."""

    page_size = _Positive(int, default=100)  # articles per page in listings with summaries
    compact_page_size = _Positive(int, default=500)  # in title-only listings
    latest_count = _Positive(int, default=12)  # latest articles on the home page
    feed_count = _Positive(int, default=30)  # entries in feed.xml
    related_count = _Positive(int, default=5)
    keyword_pages = _Positive(int, default=100)  # keywords with their own page
    themes_file = c.Optional(c.File(exists=True))  # relative to mkdocs.yml; default: packaged
    concepts_file = c.Optional(c.File(exists=True))
    cache = c.Type(bool, default=True)  # keep per-article analysis in .cache/rdkb/
    downloads = c.Type(bool, default=True)  # Word documents per theme and month
    theme_download_size = _Positive(int, default=200)  # newest articles in a theme's document
    convert_helper = c.Deprecated(
        message="'extra.rdkb.{}' no longer does anything (the build has no helper process "
        "any more): remove it from mkdocs.yml"
    )


@dataclass(frozen=True)
class SiteOptions:
    """The validated settings the build works from (the fields of :class:`RdkbConfig`)."""

    page_size: int = 100
    compact_page_size: int = 500
    latest_count: int = 12
    feed_count: int = 30
    related_count: int = 5
    keyword_pages: int = 100
    themes_file: str | None = None
    concepts_file: str | None = None
    cache: bool = True
    downloads: bool = True
    theme_download_size: int = 200

    def page_settings(self, site_name: str, site_url: str, use_directory_urls: bool) -> Settings:
        """What the generated pages need of these options and of mkdocs.yml."""
        return Settings(
            site_name=site_name,
            site_url=site_url,
            use_directory_urls=use_directory_urls,
            page_size=self.page_size,
            compact_page_size=self.compact_page_size,
            latest_count=self.latest_count,
            feed_count=self.feed_count,
            downloads=self.downloads,
            theme_download_size=self.theme_download_size,
        )


def load_options(
    extra: Mapping[str, Any], config_file: str | None
) -> tuple[SiteOptions, list[str]]:
    """Validate ``extra.rdkb``; the options and the warnings to log. Raises ConfigError naming
    the file and key."""
    where = config_file or "mkdocs.yml"
    data = extra.get("rdkb") or {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: '{KEY}' must be a mapping of settings")
    config = RdkbConfig(config_file_path=config_file)
    config.load_dict(dict(data))
    errors, warnings = config.validate()
    unknown = [(key, m) for key, m in warnings if m.startswith("Unrecognised configuration name")]
    if errors or unknown:
        key, error = [*errors, *unknown][0]
        raise ConfigError(f"{where}: '{KEY}.{key}': {error}")
    values = {f.name: config[f.name] for f in fields(SiteOptions)}
    for name in ("themes_file", "concepts_file"):
        if values[name] is not None:
            values[name] = os.path.abspath(values[name])
    notes = [
        message if key in message else f"'{KEY}.{key}': {message}" for key, message in warnings
    ]
    return SiteOptions(**values), notes
