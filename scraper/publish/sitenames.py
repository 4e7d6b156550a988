"""The human name of the site a URL is on (中国人大网, not www.npc.gov.cn), for 同时发表于.

Three sources, the first that knows the host wins: the site adapters (``scraper/sites/*.yml``:
each adapter's ``name`` for its allowed hosts), the list of well-known hosts in
``scraper/data/site_names.yml``, and what the archive itself says (an article's front matter
``site`` is the name of the site its ``url`` is on). A host matches with or without ``www.``;
an unknown host has no name (the caller shows the URL's host or the URL).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from scraper.analysis.datafile import data_path
from scraper.crawl.sites import SITES_DIR, load_sites
from scraper.errors import ConfigError
from scraper.records import Article


@dataclass(frozen=True)
class SiteNames:
    """Site names by bare host (no ``www.``); ``domains`` by parent domain, for subdomains."""

    hosts: Mapping[str, str] = field(default_factory=dict)
    domains: Mapping[str, str] = field(default_factory=dict)

    def name(self, url: str) -> str | None:
        """The name of the site ``url`` is on, or None when no source knows its host."""
        host = host_of(url)
        if not host:
            return None
        if host in self.hosts:
            return self.hosts[host]
        parts = host.split(".")
        for start in range(1, len(parts) - 1):  # the nearest parent domain first
            name = self.domains.get(".".join(parts[start:]))
            if name is not None:
                return name
        return None

    def learn(self, articles: Iterable[Article]) -> SiteNames:
        """These names, and for hosts they do not know, the ``site`` the archive's articles on
        that host give (the most common, if they differ)."""
        seen: dict[str, Counter[str]] = {}
        for article in articles:
            host = host_of(article.url or "")
            if host and article.site and host not in self.hosts:
                seen.setdefault(host, Counter())[article.site.strip()] += 1
        learned = {host: names.most_common(1)[0][0] for host, names in seen.items()}
        return SiteNames({**learned, **self.hosts}, self.domains)


def site_name(url: str) -> str | None:
    """The name of the site ``url`` is on, from the adapters and the well-known hosts."""
    return default_names().name(url)


@functools.lru_cache(maxsize=1)
def default_names() -> SiteNames:
    return load_names()


def load_names(sites_dir: Path = SITES_DIR, known_file: Path | None = None) -> SiteNames:
    """The adapters' names (they win) over the well-known hosts. Raises ConfigError naming the
    file and the key for an invalid adapter or host list."""
    hosts, domains = read_known(known_file or data_path("site_names.yml"))
    for site in load_sites(sites_dir).values():
        for host in site.allowed_hosts:
            hosts[bare_host(host)] = site.name
    return SiteNames(hosts, domains)


def read_known(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """``(hosts, domains)`` from a host list: ``sites:`` mapping host (or ``*.domain``) → name."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the site names: {exc}") from exc
    sites = data.get("sites") if isinstance(data, dict) else None
    if not isinstance(sites, dict):
        raise ConfigError(f"{path}: expected a mapping with a 'sites' mapping (host: name)")
    hosts: dict[str, str] = {}
    domains: dict[str, str] = {}
    for key, name in sites.items():
        if not isinstance(key, str) or not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{path}: sites.{key}: a host and a non-empty name required")
        host = bare_host(key.removeprefix("*."))
        if "." not in host or "/" in host or " " in host:
            raise ConfigError(f"{path}: sites.{key}: not a host name")
        (domains if key.startswith("*.") else hosts)[host] = name.strip()
    return hosts, domains


def host_of(url: str) -> str:
    """The URL's host without ``www.``, lowercase; empty for a URL without one."""
    try:
        return bare_host(urlsplit(url.strip()).hostname or "")
    except ValueError:  # e.g. a malformed IPv6 literal
        return ""


def bare_host(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
