"""The site's study documents: each theme and each month as a Word file (``downloads/``).

Which documents there are and what they hold is decided here from the analysis; the bytes are
made by :mod:`scraper.publish.docx`. A document is kept in ``.cache/rdkb/downloads/`` under a
key of everything it prints, so a build makes only the documents whose articles changed — in
the build's worker, beside the page rendering, when there are many.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from scraper.analysis.corpus import Analysis
from scraper.analysis.facts import code_digest
from scraper.analysis.offload import Offload
from scraper.publish.docx import DocArticle, docx_articles, study_document

FOLDER = "downloads"
# Below this many articles to print, the build makes the documents itself.
OFFLOAD_MIN = 300


def theme_path(slug: str) -> str:
    return f"{FOLDER}/themes/{slug}.docx"


def month_path(year: int, month: int) -> str:
    return f"{FOLDER}/months/{year:04d}-{month:02d}.docx"


@dataclass(frozen=True)
class Download:
    """One document: where it goes in the site, its cover, its articles (in print order)."""

    src_uri: str
    title: str
    subtitle: str
    articles: tuple[DocArticle, ...]

    def key(self, code: str) -> str:
        return hashlib.sha256(f"{code}{self!r}".encode()).hexdigest()[:24]


def plan_downloads(analysis: Analysis, theme_size: int) -> list[Download]:
    """A document per month (every article of it, oldest first: the order of events) and per
    theme (its ``theme_size`` newest articles: a study session reads the recent ones; the
    whole theme can run to thousands)."""
    out = []
    for theme in analysis.taxonomy.themes:
        members = analysis.by_theme.get(theme.slug, [])[:theme_size]
        if not members:
            continue
        count = len(analysis.by_theme[theme.slug])
        scope = (
            f"全部 {count} 篇"
            if count <= theme_size
            else f"最新 {len(members)} 篇（共 {count} 篇）"
        )
        out.append(
            Download(
                theme_path(theme.slug),
                f"专题：{theme.name}",
                f"人大知识库学习材料 · {scope}",
                tuple(docx_articles(analysis.infos[i] for i in members)),
            )
        )
    for (year, month), members in analysis.by_month.items():
        out.append(
            Download(
                month_path(year, month),
                f"{year}年{month}月文章",
                f"人大知识库学习材料 · 共 {len(members)} 篇",
                tuple(docx_articles(analysis.infos[i] for i in reversed(members))),
            )
        )
    return out


def render(downloads: Sequence[Download]) -> list[bytes]:
    """The documents' bytes. Top-level and fed plain data: it also runs in the worker."""
    return [study_document(d.title, d.subtitle, d.articles) for d in downloads]


class Documents:
    """The documents of one build: cached ones now, the rest started (in the worker if many)."""

    def __init__(
        self, downloads: Sequence[Download], cache_dir: Path | None, offload: Offload | None
    ) -> None:
        code = code_digest("scraper.publish", ("docx.py", "downloads.py"))
        self._folder = cache_dir / FOLDER if cache_dir else None
        self._planned = [(d.src_uri, d.key(code)) for d in downloads]
        missing = [
            d for d, (_, key) in zip(downloads, self._planned, strict=True) if not self._has(key)
        ]
        self.made = len(missing)
        self._fresh: list[bytes] | Future[list[bytes]]
        work = sum(len(d.articles) for d in missing)
        if offload is not None and work >= OFFLOAD_MIN:
            self._fresh = offload.submit(render, missing)
        else:
            self._fresh = render(missing)
        self._missing = [d.src_uri for d in missing]

    def write(self, out: Path) -> None:
        """Put every document under ``out`` (the site or the exported docs folder)."""
        fresh = self._fresh.result() if isinstance(self._fresh, Future) else self._fresh
        made = dict(zip(self._missing, fresh, strict=True))
        for src_uri, key in self._planned:
            target = out / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            if src_uri in made:
                target.write_bytes(made[src_uri])
                self._keep(key, made[src_uri])
            elif self._folder is not None:
                shutil.copyfile(self._folder / f"{key}.docx", target)
        self._forget_others()

    def _has(self, key: str) -> bool:
        return self._folder is not None and (self._folder / f"{key}.docx").is_file()

    def _keep(self, key: str, data: bytes) -> None:
        if self._folder is None:
            return
        self._folder.mkdir(parents=True, exist_ok=True)
        tmp = self._folder / f"{key}.tmp{os.getpid()}"
        tmp.write_bytes(data)
        os.replace(tmp, self._folder / f"{key}.docx")

    def _forget_others(self) -> None:
        if self._folder is None or not self._folder.is_dir():
            return
        current = {f"{key}.docx" for _, key in self._planned}
        for path in self._folder.iterdir():
            if path.name not in current:
                path.unlink(missing_ok=True)
