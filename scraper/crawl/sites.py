"""Site adapters: ``scraper/sites/*.yml`` validated on load into frozen :class:`SiteConfig`.

An adapter is data, never code. Every key is optional except ``name`` and ``start_urls``; anything
the adapter does not say is left to the generic path (link discovery in :mod:`.links`, extraction
in :mod:`scraper.pipeline`). A mistake names the file and the key and raises
:class:`~scraper.errors.ConfigError`.

.. code-block:: yaml

    name: 甘肃人大网              # the site's own name (front matter ``site``)
    region: [甘肃省]              # province first; used when the article names no place
    verified: false               # true only once someone checked the selectors on the live site
    start_urls: [https://…/]      # column (list) pages where a crawl starts
    allowed_hosts: [www.…]        # optional; default: the hosts of the start URLs
    links:                        # optional regular expressions over absolute URLs
      article: '/t\\d{8}_\\d+\\.html$'
      pagination: '/index_\\d+\\.html$'
    selectors: {title: …, date: …, body: …, author: …}   # optional CSS selectors
    encoding: gb18030             # optional override when the site lies about its charset
    notes: free text
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from scraper.errors import ConfigError
from scraper.records import PageHints

SITES_DIR = Path(__file__).resolve().parent.parent / "sites"

_TOP_KEYS = frozenset(
    {
        "name",
        "region",
        "verified",
        "start_urls",
        "allowed_hosts",
        "links",
        "selectors",
        "encoding",
        "notes",
    }
)
_LINK_KEYS = frozenset({"article", "pagination"})
_SELECTOR_KEYS = frozenset({"title", "date", "body", "author"})
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class SiteConfig:
    """One site adapter, validated."""

    id: str  # the file stem; what ``rdkb crawl --site`` takes
    name: str
    start_urls: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    region: tuple[str, ...] = ()
    verified: bool = False
    article_pattern: re.Pattern[str] | None = None
    pagination_pattern: re.Pattern[str] | None = None
    title_selector: str | None = None
    date_selector: str | None = None
    body_selector: str | None = None
    author_selector: str | None = None
    encoding: str | None = None
    notes: str | None = None
    path: Path | None = None

    def hints(self) -> PageHints:
        """What the extraction pipeline should know about this site's pages."""
        return PageHints(
            site_name=self.name,
            region=self.region,
            encoding=self.encoding,
            title_selector=self.title_selector,
            date_selector=self.date_selector,
            body_selector=self.body_selector,
            author_selector=self.author_selector,
        )


def load_site(path: Path) -> SiteConfig:
    """Read and validate one adapter file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read site adapter: {exc}") from exc
    return parse_site(data, path)


def load_sites(directory: Path = SITES_DIR) -> dict[str, SiteConfig]:
    """Every adapter in ``directory`` by id, sorted; the first invalid file raises."""
    return {p.stem: load_site(p) for p in sorted(directory.glob("*.yml"))}


def find_site(key: str, directory: Path = SITES_DIR) -> SiteConfig:
    """An adapter by id (file stem) or by its ``name``."""
    sites = load_sites(directory)
    if key in sites:
        return sites[key]
    for site in sites.values():
        if site.name == key:
            return site
    known = ", ".join(sites) or "none"
    raise ConfigError(f"no site adapter named {key!r} in {directory} (known: {known})")


def adapter_for(url: str, sites: Iterable[SiteConfig]) -> SiteConfig | None:
    """The adapter whose allowed hosts include the URL's host (``www.`` ignored), if any."""
    host = _bare_host(urlsplit(url).hostname or "")
    for site in sites:
        if host in {_bare_host(h) for h in site.allowed_hosts}:
            return site
    return None


def parse_site(data: Any, path: Path) -> SiteConfig:
    """Validate the parsed YAML of ``path``."""
    site_id = path.stem
    if not _ID.match(site_id):
        raise ConfigError(f"{path}: file name must be a lowercase id like 'gsrdw.yml'")
    mapping = _mapping(data, path, "(top level)")
    _no_unknown(mapping, _TOP_KEYS, path, "")
    name = _string(mapping.get("name"), path, "name", required=True)
    assert name is not None
    start_urls = _url_list(mapping.get("start_urls"), path, "start_urls")
    if not start_urls:
        raise ConfigError(f"{path}: key 'start_urls': at least one URL is required")
    hosts = _string_list(mapping.get("allowed_hosts"), path, "allowed_hosts")
    if not hosts:
        hosts = tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in start_urls))
    verified = mapping.get("verified", False)
    if not isinstance(verified, bool):
        raise ConfigError(f"{path}: key 'verified': must be true or false")
    links = _mapping(mapping.get("links") or {}, path, "links")
    _no_unknown(links, _LINK_KEYS, path, "links.")
    selectors = _mapping(mapping.get("selectors") or {}, path, "selectors")
    _no_unknown(selectors, _SELECTOR_KEYS, path, "selectors.")
    encoding = _string(mapping.get("encoding"), path, "encoding")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ConfigError(f"{path}: key 'encoding': unknown encoding {encoding!r}") from None
    return SiteConfig(
        id=site_id,
        name=name,
        start_urls=start_urls,
        allowed_hosts=hosts,
        region=_string_list(mapping.get("region"), path, "region"),
        verified=verified,
        article_pattern=_pattern(links.get("article"), path, "links.article"),
        pagination_pattern=_pattern(links.get("pagination"), path, "links.pagination"),
        title_selector=_string(selectors.get("title"), path, "selectors.title"),
        date_selector=_string(selectors.get("date"), path, "selectors.date"),
        body_selector=_string(selectors.get("body"), path, "selectors.body"),
        author_selector=_string(selectors.get("author"), path, "selectors.author"),
        encoding=encoding,
        notes=_string(mapping.get("notes"), path, "notes"),
        path=path,
    )


# Helpers: each names the file and the key in its message.


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _mapping(value: Any, path: Path, key: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{path}: key '{key}': expected a mapping")
    return value


def _no_unknown(
    mapping: Mapping[str, Any], allowed: frozenset[str], path: Path, prefix: str
) -> None:
    for key in mapping:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ConfigError(f"{path}: key '{prefix}{key}': unknown key (known: {known})")


def _string(value: Any, path: Path, key: str, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise ConfigError(f"{path}: key '{key}': required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: key '{key}': expected a non-empty string")
    return value.strip()


def _string_list(value: Any, path: Path, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ConfigError(f"{path}: key '{key}': expected a list of strings")
    items = [_string(v, path, key, required=True) for v in value]
    return tuple(v for v in items if v is not None)


def _url_list(value: Any, path: Path, key: str) -> tuple[str, ...]:
    urls = _string_list(value, path, key)
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{path}: key '{key}': not an http(s) URL: {url!r}")
    return urls


def _pattern(value: Any, path: Path, key: str) -> re.Pattern[str] | None:
    text = _string(value, path, key)
    if text is None:
        return None
    try:
        return re.compile(text)
    except re.error as exc:
        raise ConfigError(f"{path}: key '{key}': invalid regular expression: {exc}") from None
