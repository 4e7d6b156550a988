"""Run every analysis over the archive, in order, and keep the results in one object."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scraper.analysis import bylines as bylines_mod
from scraper.analysis import keywords as keywords_mod
from scraper.analysis import related as related_mod
from scraper.analysis import themes as themes_mod
from scraper.analysis.concepts import Glossary
from scraper.analysis.entries import Entry
from scraper.analysis.facts import (
    ArticleFacts,
    FactSettings,
    cached_facts,
    code_digest,
    load_cached,
    store_cached,
)
from scraper.analysis.offload import Offload
from scraper.analysis.quotes import Quote, quote_key
from scraper.analysis.region_tree import RegionNode, build_region_tree
from scraper.analysis.segment import plain_text, reading_minutes, summary
from scraper.analysis.themes import Taxonomy
from scraper.records import SAMPLE_HOST_SUFFIX, Article


@dataclass(frozen=True)
class ArticleInfo:
    """What the analysis found out about one article."""

    index: int
    src_uri: str
    article: Article
    themes: tuple[str, ...]  # slugs, main theme first
    themes_from_front_matter: bool
    scores: Mapping[str, float]
    keywords: tuple[str, ...]
    concepts: tuple[str, ...]  # slugs, in order of first mention
    quotes: tuple[Quote, ...]
    related: tuple[tuple[int, float], ...]  # (article index, cosine), best first
    summary: str
    chars: int
    reading_minutes: int
    is_sample: bool

    @property
    def main_theme(self) -> str | None:
        return self.themes[0] if self.themes else None


@dataclass
class AuthorInfo:
    name: str
    positions: list[str] = field(default_factory=list)  # as written, newest first
    articles: list[int] = field(default_factory=list)  # newest first


@dataclass
class QuoteGroup:
    """One passage and every article that cites it (newest first)."""

    text: str
    citations: list[tuple[int, Quote]]


@dataclass
class Analysis:
    infos: list[ArticleInfo]
    taxonomy: Taxonomy
    glossary: Glossary
    newest: list[int]  # all articles, newest first
    regions: RegionNode
    by_theme: dict[str, list[int]]  # newest first
    by_concept: dict[str, list[int]]  # newest first
    by_keyword: dict[str, list[int]]  # keywords with a page, newest first
    by_month: dict[tuple[int, int], list[int]]  # newest first
    authors: dict[str, AuthorInfo]
    unsigned: list[int]  # articles without a named author, newest first
    quotes: list[QuoteGroup]
    prev_next: dict[int, tuple[int | None, int | None]]  # (older, newer) within the main theme
    timings: dict[str, float]
    undated: list[int] = field(default_factory=list)  # articles with ``date: null`` (日期不详)
    # organisation bylines (深圳市人大常委会法制工作委员会, 本报评论员) → their articles, newest
    # first; most articles first. Neither in ``authors`` nor, when alone, ``unsigned``.
    organisations: dict[str, list[int]] = field(default_factory=dict)
    computed: int = 0  # articles whose facts were computed, not taken from the cache

    def info(self, src_uri: str) -> ArticleInfo | None:
        index = self._by_uri().get(src_uri)
        return None if index is None else self.infos[index]

    def newest_first(self, indices: Iterable[int]) -> list[int]:
        """``indices`` ordered like ``newest`` (newest first)."""
        rank: dict[int, int] | None = getattr(self, "_rank", None)
        if rank is None:
            rank = {i: r for r, i in enumerate(self.newest)}
            self._rank = rank
        return sorted(indices, key=rank.__getitem__)

    def _by_uri(self) -> dict[str, int]:
        cached: dict[str, int] | None = getattr(self, "_uri_index", None)
        if cached is None:
            cached = {info.src_uri: info.index for info in self.infos}
            self._uri_index = cached
        return cached


def is_sample(article: Article) -> bool:
    """Sample articles (our own writing) live on hosts under the reserved ``.example`` domain."""
    urls = (article.url, article.original_url, *article.also_at)
    hosts = [urlsplit(u).hostname or "" for u in urls if u]
    return any(h.endswith(SAMPLE_HOST_SUFFIX) for h in hosts)


def analyse(
    entries: Sequence[Entry],
    taxonomy: Taxonomy,
    glossary: Glossary,
    *,
    related_count: int = 5,
    keyword_count: int = 8,
    keyword_pages: int = 100,
    cache_dir: Path | None = None,
    offload: Offload | None = None,
) -> Analysis:
    """Analyse the archive: each article's facts from the cache or computed (``offload``: half
    of many uncached ones in the build's worker), then what needs them all (related articles,
    listings). Raises ArchiveError for an unknown theme in front matter."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    texts = plain_texts(entries)
    settings = FactSettings(taxonomy, glossary)
    facts, computed, archive_key = cached_facts(
        [(e.article.title, t) for e, t in zip(entries, texts, strict=True)],
        settings,
        cache_dir,
        offload,
    )
    lap("facts")
    themes = [_themes(e, f.theme_scores, taxonomy) for e, f in zip(entries, facts, strict=True)]
    keywords, related = _archive_wide(
        facts, glossary, keyword_count, related_count, archive_key, cache_dir
    )
    lap("keywords, related")
    infos = [
        ArticleInfo(
            index=i,
            src_uri=entry.src_uri,
            article=entry.article,
            themes=themes[i][0],
            themes_from_front_matter=themes[i][1],
            scores=facts[i].theme_scores,
            keywords=keywords[i],
            concepts=facts[i].concepts,
            quotes=facts[i].quotes,
            related=tuple(related[i]),
            summary=summary(entry.article.body),
            chars=len("".join(texts[i].split())),
            reading_minutes=reading_minutes(len("".join(texts[i].split()))),
            is_sample=is_sample(entry.article),
        )
        for i, entry in enumerate(entries)
    ]
    analysis = _index(infos, taxonomy, glossary, keyword_pages, timings)
    analysis.computed = computed
    lap("listings")
    return analysis


def _archive_wide(
    facts: Sequence[ArticleFacts],
    glossary: Glossary,
    keyword_count: int,
    related_count: int,
    archive_key: str,
    cache_dir: Path | None,
) -> tuple[list[tuple[str, ...]], list[list[tuple[int, float]]]]:
    """Keywords (which words are common depends on the archive) and related articles: from
    the cache when no article changed, else computed from every article's cached facts."""
    digest = code_digest("scraper.analysis", ("keywords.py", "related.py", "corpus.py"))
    key = f"{archive_key}-{digest}-{keyword_count}-{related_count}"
    path = cache_dir / f"archive-{key}.pickle" if cache_dir else None
    known = load_cached(path) if path else None
    if isinstance(known, tuple) and len(known) == 2:
        return known
    keywords = keywords_mod.keywords_of_archive(facts, keyword_count, exclude=glossary.terms)
    matrix, _ = related_mod.tfidf_vectors(
        [Counter(f.body) + Counter({w: c * 3 for w, c in f.title.items()}) for f in facts]
    )
    related = related_mod.top_related(matrix, k=related_count)
    if path:
        store_cached(path, (keywords, related))
    return keywords, related


def plain_texts(entries: Sequence[Entry]) -> list[str]:
    return [plain_text(e.article.body) for e in entries]


def _themes(
    entry: Entry, scores: Mapping[str, float], taxonomy: Taxonomy
) -> tuple[tuple[str, ...], bool]:
    """The article's themes: from its front matter if it names them, else from the scores."""
    override = entry.article.extra.get("themes")
    if override:
        return taxonomy.resolve(override, entry.src_uri), True
    return themes_mod.assign(taxonomy, scores), False


def _index(
    infos: list[ArticleInfo],
    taxonomy: Taxonomy,
    glossary: Glossary,
    keyword_pages: int,
    timings: dict[str, float],
) -> Analysis:
    newest = sorted(range(len(infos)), key=lambda i: _newest_key(infos[i]))
    by_theme: dict[str, list[int]] = {t.slug: [] for t in taxonomy.themes}
    by_concept: dict[str, list[int]] = {c.slug: [] for c in glossary.concepts}
    by_month: dict[tuple[int, int], list[int]] = {}
    undated: list[int] = []
    keyword_articles: dict[str, list[int]] = {}
    authors: dict[str, AuthorInfo] = {}
    unsigned: list[int] = []
    organisations: dict[str, list[int]] = {}
    groups: dict[str, QuoteGroup] = {}
    for i in newest:
        info = infos[i]
        for slug in info.themes:
            by_theme[slug].append(i)
        for slug in info.concepts:
            by_concept[slug].append(i)
        for word in info.keywords:
            keyword_articles.setdefault(word, []).append(i)
        date = info.article.date
        if date is None:
            undated.append(i)
        else:
            by_month.setdefault((date.year, date.month), []).append(i)
        named, units = bylines_mod.split_bylines(info.article.authors)
        if not named and not units:
            unsigned.append(i)
        for unit in units:
            organisations.setdefault(unit, []).append(i)
        for author in named:
            assert author.name is not None
            person = authors.setdefault(author.name, AuthorInfo(author.name))
            person.articles.append(i)
            if author.position and author.position not in person.positions:
                person.positions.append(author.position)
        cited: set[str] = set()  # one citation per article and passage
        # our own sample articles never put words in anyone's mouth: no quotation from them
        for quote in () if info.is_sample else info.quotes:
            key = quote_key(quote.text)
            if key in cited:
                continue
            cited.add(key)
            groups.setdefault(key, QuoteGroup(quote.text, [])).citations.append((i, quote))
    ranked_keywords = sorted(
        (w for w, arts in keyword_articles.items() if len(arts) >= 2),
        key=lambda w: (-len(keyword_articles[w]), w),
    )[:keyword_pages]
    prev_next: dict[int, tuple[int | None, int | None]] = {}
    for slug, members in by_theme.items():
        main = [i for i in reversed(members) if infos[i].main_theme == slug]  # oldest first
        for pos, i in enumerate(main):
            older = main[pos - 1] if pos > 0 else None
            newer = main[pos + 1] if pos + 1 < len(main) else None
            prev_next[i] = (older, newer)
    quote_groups = sorted(
        groups.values(), key=lambda g: (-len(g.citations), g.citations[0][0] if g.citations else 0)
    )
    return Analysis(
        infos=infos,
        taxonomy=taxonomy,
        glossary=glossary,
        newest=newest,
        regions=build_region_tree([info.article.region for info in infos]),
        by_theme=by_theme,
        by_concept=by_concept,
        by_keyword={w: keyword_articles[w] for w in ranked_keywords},
        by_month=dict(sorted(by_month.items(), reverse=True)),
        authors=dict(sorted(authors.items(), key=lambda kv: (-len(kv[1].articles), kv[0]))),
        unsigned=unsigned,
        organisations=dict(sorted(organisations.items(), key=lambda kv: (-len(kv[1]), kv[0]))),
        quotes=quote_groups,
        prev_next=prev_next,
        timings=timings,
        undated=undated,
    )


def _newest_key(info: ArticleInfo) -> tuple[bool, int, str]:
    """Newest first; undated articles after every dated one."""
    date = info.article.date
    return (date is None, -date.toordinal() if date else 0, info.src_uri)
