"""The glossary (概念): loading, finding mentions, and linking each concept's first mention.

A mention is an exact occurrence of the concept's name or one of its aliases. At any position the
longest term wins, so 人大代表联络站 is a mention of 代表之家 (an alias), not of 人大代表.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scraper.analysis.datafile import data_path, read_entries, required_slug, required_text
from scraper.analysis.segment import join_lines
from scraper.errors import ConfigError

# HTML tags and comments; concept links are never put inside the elements named below.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)?[^>]*>|<!--.*?-->", re.DOTALL)
_NO_LINK_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "table", "script", "style", "button"}
)


@dataclass(frozen=True)
class Concept:
    slug: str
    name: str
    explanation: str
    aliases: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    concepts: tuple[Concept, ...]

    def __post_init__(self) -> None:
        terms = sorted(
            ((term, c.slug) for c in self.concepts for term in c.terms), key=lambda t: -len(t[0])
        )
        object.__setattr__(self, "_by_term", dict(terms))
        pattern = "|".join(re.escape(t) for t, _ in terms) or r"(?!x)x"
        object.__setattr__(self, "_pattern", re.compile(pattern))

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(t for c in self.concepts for t in c.terms)

    def get(self, slug: str) -> Concept:
        for concept in self.concepts:
            if concept.slug == slug:
                return concept
        raise KeyError(slug)

    def mentions(self, text: str) -> list[str]:
        """Slugs of the concepts mentioned in ``text``, in order of first mention."""
        by_term: dict[str, str] = self._by_term  # type: ignore[attr-defined]
        pattern: re.Pattern[str] = self._pattern  # type: ignore[attr-defined]
        seen: dict[str, None] = {}
        for match in pattern.finditer(text):
            seen.setdefault(by_term[match.group()], None)
        return list(seen)

    def link_first_mentions(self, html: str, href: Callable[[str], str]) -> str:
        """Link the first linkable mention of each concept in converted HTML.

        Text inside links, headings, code, tables, scripts and styles is left alone; the link is
        ``<a class="rdkb-concept" href="href(slug)">term</a>``.
        """
        by_term: dict[str, str] = self._by_term  # type: ignore[attr-defined]
        pattern: re.Pattern[str] = self._pattern  # type: ignore[attr-defined]
        # One pass over the mentions (terms never contain "<" or ">", so no mention spans a
        # tag): a mention counts when it is outside every tag and every element named above.
        linked: set[str] = set()
        out: list[str] = []
        pos = 0
        depth = 0  # how many tags we must not link inside are open
        tags = _TAG.finditer(html)
        tag = next(tags, None)
        for mention in pattern.finditer(html):
            term = mention.group()
            slug = by_term[term]
            if slug in linked:
                continue
            start = mention.start()
            while tag is not None and tag.end() <= start:
                name = (tag.group(2) or "").lower()
                if name in _NO_LINK_TAGS and not tag.group().endswith("/>"):
                    depth = max(0, depth - 1) if tag.group(1) else depth + 1
                tag = next(tags, None)
            if depth or (tag is not None and tag.start() <= start):
                continue  # inside an element we do not link in, or inside a tag or comment
            linked.add(slug)
            out.append(html[pos:start])
            out.append(f'<a class="rdkb-concept" href="{href(slug)}">{term}</a>')
            pos = mention.end()
            if len(linked) == len(self.concepts):
                break
        out.append(html[pos:])
        return "".join(out)


def default_path() -> Path:
    return data_path("concepts.yml")


def load_glossary(path: str | Path | None = None) -> Glossary:
    """Read and validate the glossary; ConfigError names the file and the offending key."""
    path = Path(path) if path else default_path()
    _, entries = read_entries(path, "concepts", "glossary")
    concepts: list[Concept] = []
    owner: dict[str, str] = {}
    for where, item in entries:
        slug = required_slug(item, where)
        name = required_text(item, "name", where)
        text = required_text(item, "explanation", where)
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"{where}.aliases: a list of strings required")
        concept = Concept(slug, name, join_lines(text), tuple(a.strip() for a in aliases))
        for term in concept.terms:
            if term in owner:
                raise ConfigError(f"{where}: term {term!r} already belongs to {owner[term]}")
            owner[term] = slug
        concepts.append(concept)
    if len({c.slug for c in concepts}) != len(concepts):
        raise ConfigError(f"{path}: concept slugs must be unique")
    return Glossary(tuple(concepts))
