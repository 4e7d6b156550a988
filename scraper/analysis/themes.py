"""The theme taxonomy (专题) and the scoring that assigns themes to an article.

The rule, in full (it is meant to be read by editors, not only by programmers):

1. Segment title and body with jieba and the domain dictionary; every theme keyword is in the
   dictionary, so 全过程人民民主 is one token and does not also count as 人民民主.
2. ``raw(theme) = Σ weight(keyword) × (count in body + title_weight × count in title)``.
3. ``score = raw / max(1, √(tokens / 500))``: long articles mention everything a little, so the
   score is damped by the square root of their length (articles under 500 tokens are not damped).
4. The best theme is assigned when its score reaches ``min_score``; further themes (up to
   ``max_themes``) when they reach both ``min_score`` and ``relative_cutoff`` × the best score.
5. ``themes:`` in an article's front matter (names or slugs) replaces steps 1–4 for that article.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.analysis.datafile import data_path, read_entries, required_slug, required_text
from scraper.analysis.segment import join_lines
from scraper.errors import ArchiveError, ConfigError


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    description: str
    keywords: Mapping[str, float]


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    title_weight: float = 3.0
    min_score: float = 6.0
    relative_cutoff: float = 0.5
    max_themes: int = 3

    def get(self, slug: str) -> Theme:
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise KeyError(slug)

    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(sorted({k for t in self.themes for k in t.keywords}))

    def resolve(self, values: Any, origin: str) -> tuple[str, ...]:
        """Theme slugs for a front matter ``themes:`` value (names or slugs); unknown ones fail."""
        items = [values] if isinstance(values, str) else values
        if not isinstance(items, list):
            raise ArchiveError(f"{origin}: 'themes' must be a list of theme names")
        slugs: list[str] = []
        for item in items:
            text = str(item).strip()
            found = [t.slug for t in self.themes if text in (t.slug, t.name)]
            if not found:
                known = "、".join(t.name for t in self.themes)
                raise ArchiveError(f"{origin}: unknown theme {text!r} in 'themes' (known: {known})")
            if found[0] not in slugs:
                slugs.append(found[0])
        return tuple(slugs)


def default_path() -> Path:
    return data_path("themes.yml")


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate the taxonomy; ConfigError names the file and the offending key."""
    path = Path(path) if path else default_path()
    data, entries = read_entries(path, "themes", "theme taxonomy")
    themes: list[Theme] = []
    for where, item in entries:
        slug = required_slug(item, where)
        name = required_text(item, "name", where)
        desc = required_text(item, "description", where)
        keywords = item.get("keywords")
        if not isinstance(keywords, dict) or not keywords:
            raise ConfigError(f"{where}.keywords: a mapping of keyword to weight required")
        for word, weight in keywords.items():
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight <= 0:
                raise ConfigError(f"{where}.keywords.{word}: weight must be a positive number")
        themes.append(
            Theme(
                slug=slug,
                name=name,
                description=join_lines(desc),
                keywords={str(k): float(v) for k, v in keywords.items()},
            )
        )
    slugs = [t.slug for t in themes]
    if len(set(slugs)) != len(slugs):
        raise ConfigError(f"{path}: theme slugs must be unique")
    try:
        return Taxonomy(
            themes=tuple(themes),
            title_weight=float(data.get("title_weight", 3)),
            min_score=float(data.get("min_score", 6)),
            relative_cutoff=float(data.get("relative_cutoff", 0.5)),
            max_themes=int(data.get("max_themes", 3)),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: a scoring setting is not a number: {exc}") from exc


def score(
    taxonomy: Taxonomy,
    body: Mapping[str, int],
    title: Mapping[str, int],
    tokens: int,
) -> dict[str, float]:
    """Score of every theme for one article (token counts as produced by the Segmenter)."""
    damping = max(1.0, math.sqrt(tokens / 500))
    scores: dict[str, float] = {}
    for theme in taxonomy.themes:
        raw = sum(
            weight * (body.get(word, 0) + taxonomy.title_weight * title.get(word, 0))
            for word, weight in theme.keywords.items()
        )
        scores[theme.slug] = round(raw / damping, 2)
    return scores


def assign(taxonomy: Taxonomy, scores: Mapping[str, float]) -> tuple[str, ...]:
    """Themes for the scores, best first (rule steps 4)."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _order(taxonomy, kv[0])))
    if not ranked or ranked[0][1] < taxonomy.min_score:
        return ()
    best = ranked[0][1]
    chosen = [
        slug
        for slug, value in ranked
        if value >= taxonomy.min_score and value >= taxonomy.relative_cutoff * best
    ]
    return tuple(chosen[: taxonomy.max_themes])


def _order(taxonomy: Taxonomy, slug: str) -> int:
    return next((i for i, t in enumerate(taxonomy.themes) if t.slug == slug), len(taxonomy.themes))
