"""Run every analysis over the archive, in order, and keep the results in one object."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from scraper.analysis import bylines as bylines_mod
from scraper.analysis import keywords as keywords_mod
from scraper.analysis import related as related_mod
from scraper.analysis import themes as themes_mod
from scraper.analysis.concepts import Glossary
from scraper.analysis.entries import Entry
from scraper.analysis.quotes import Quote, find_quotes, quote_key
from scraper.analysis.region_tree import RegionNode, build_region_tree
from scraper.analysis.segment import Segmenter, plain_text, reading_minutes, summary
from scraper.analysis.themes import Taxonomy
from scraper.hanzi import as_simplified
from scraper.records import Article

SAMPLE_HOST_SUFFIX = ".example"


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


@dataclass(frozen=True)
class Segmentation:
    """What the analysis learns from jieba's segmentation, per article (same order as entries):
    the slow part, computed apart (:func:`segment_articles`) so it can run in another process."""

    themes: list[
        tuple[tuple[str, ...], bool, dict[str, float]]
    ]  # (slugs, from front matter, scores)
    keywords: list[tuple[str, ...]]
    related: list[list[tuple[int, float]]]
    timings: dict[str, float]


def analyse(
    entries: Sequence[Entry],
    taxonomy: Taxonomy,
    glossary: Glossary,
    *,
    related_count: int = 5,
    keyword_count: int = 8,
    keyword_pages: int = 100,
    cache_dir: Path | None = None,
) -> Analysis:
    """Analyse the archive. Raises ArchiveError for an unknown theme in front matter."""
    texts = plain_texts(entries)
    segmentation = segment_articles(
        entries,
        texts,
        taxonomy,
        glossary,
        related_count=related_count,
        keyword_count=keyword_count,
        cache_dir=cache_dir,
    )
    return combine(entries, texts, taxonomy, glossary, segmentation, keyword_pages=keyword_pages)


def plain_texts(entries: Sequence[Entry]) -> list[str]:
    return [plain_text(e.article.body) for e in entries]


def segment_articles(
    entries: Sequence[Entry],
    texts: Sequence[str],
    taxonomy: Taxonomy,
    glossary: Glossary,
    *,
    related_count: int = 5,
    keyword_count: int = 8,
    cache_dir: Path | None = None,
) -> Segmentation:
    """Themes, keywords and related articles: everything that needs jieba's segmentation.
    Raises ArchiveError for an unknown theme in front matter."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    articles = [e.article for e in entries]
    segmenter = Segmenter((*taxonomy.keywords, *glossary.terms))
    lap("prepare")
    # traditional characters are read as simplified (監督 counts as 监督); the text stays as written
    segmented = segmenter.segment_cached(
        [(as_simplified(a.title), as_simplified(t)) for a, t in zip(articles, texts, strict=True)],
        cache_dir,
    )
    lap("segment")

    infos_themes: list[tuple[tuple[str, ...], bool, dict[str, float]]] = []
    for entry, seg in zip(entries, segmented, strict=True):
        scores = themes_mod.score(taxonomy, seg.body, seg.title, seg.tokens)
        override = entry.article.extra.get("themes")
        if override:
            infos_themes.append((taxonomy.resolve(override, entry.src_uri), True, scores))
        else:
            infos_themes.append((themes_mod.assign(taxonomy, scores), False, scores))
    lap("themes")

    kws = [keywords_mod.keywords(s.body, s.title, keyword_count) for s in segmented]
    lap("keywords")

    matrix, _ = related_mod.tfidf_vectors(
        [s.body + Counter({w: c * 3 for w, c in s.title.items()}) for s in segmented]
    )
    related = related_mod.top_related(matrix, k=related_count)
    lap("related")
    return Segmentation(infos_themes, kws, related, timings)


def unsegmented(entries: Sequence[Entry]) -> Segmentation:
    """No themes, keywords or related articles: what the front matter alone allows."""
    n = len(entries)
    return Segmentation([((), False, {})] * n, [()] * n, [[]] * n, {})


def combine(
    entries: Sequence[Entry],
    texts: Sequence[str],
    taxonomy: Taxonomy,
    glossary: Glossary,
    segmentation: Segmentation,
    *,
    keyword_pages: int = 100,
) -> Analysis:
    """The whole analysis from the segmentation's results and the rest (concepts, quotes, …)."""
    timings = dict(segmentation.timings)
    clock = time.perf_counter()
    concepts = [
        glossary.mentions(e.article.title + "\n" + t) for e, t in zip(entries, texts, strict=True)
    ]
    quotes = [find_quotes(t) for t in texts]
    now = time.perf_counter()
    timings["concepts+quotes"] = round(now - clock, 3)
    clock = now
    infos_themes = segmentation.themes
    infos = [
        ArticleInfo(
            index=i,
            src_uri=entry.src_uri,
            article=entry.article,
            themes=infos_themes[i][0],
            themes_from_front_matter=infos_themes[i][1],
            scores=infos_themes[i][2],
            keywords=segmentation.keywords[i],
            concepts=tuple(concepts[i]),
            quotes=tuple(quotes[i]),
            related=tuple(segmentation.related[i]),
            summary=summary(entry.article.body),
            chars=len("".join(texts[i].split())),
            reading_minutes=reading_minutes(len("".join(texts[i].split()))),
            is_sample=is_sample(entry.article),
        )
        for i, entry in enumerate(entries)
    ]
    analysis = _index(infos, taxonomy, glossary, keyword_pages, timings)
    timings["indexes"] = round(time.perf_counter() - clock, 3)
    return analysis


def with_segmentation(
    preliminary: Analysis, segmentation: Segmentation, *, keyword_pages: int = 100
) -> Analysis:
    """The analysis :func:`combine` gives, reusing what ``preliminary`` (combined with
    :func:`unsegmented`) already found: concepts, quotes, summaries."""
    clock = time.perf_counter()
    timings = {**segmentation.timings, **preliminary.timings}
    infos = [
        replace(
            info,
            themes=segmentation.themes[i][0],
            themes_from_front_matter=segmentation.themes[i][1],
            scores=segmentation.themes[i][2],
            keywords=segmentation.keywords[i],
            related=tuple(segmentation.related[i]),
        )
        for i, info in enumerate(preliminary.infos)
    ]
    analysis = _index(infos, preliminary.taxonomy, preliminary.glossary, keyword_pages, timings)
    timings["indexes"] = round(time.perf_counter() - clock, 3)
    return analysis


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
