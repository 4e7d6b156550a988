"""The article list the browser's study tools read (``assets/study/articles.json``).

The home page's «自上次访问以来新增» and 今日推荐 run in the reader's browser, offline: they need
every article's page URL, title and date, and nothing else, so the file stays small.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from scraper.analysis.corpus import Analysis

STUDY_INDEX = "assets/study/articles.json"


@dataclass(frozen=True)
class StudyEntry:
    """One article as the study tools see it; ``url`` is relative to the site root."""

    url: str
    title: str
    date: str | None  # YYYY-MM-DD, None for an undated article
    sample: bool

    def to_dict(self) -> dict[str, object]:
        return {"url": self.url, "title": self.title, "date": self.date, "sample": self.sample}


def study_entries(analysis: Analysis, url_of: Callable[[str], str]) -> list[StudyEntry]:
    """Every article, newest first (undated last, as the analysis orders them)."""
    entries = []
    for index in analysis.newest:
        info = analysis.infos[index]
        date = info.article.date
        entries.append(
            StudyEntry(
                url=url_of(info.src_uri),
                title=info.article.title,
                date=date.isoformat() if date else None,
                sample=info.is_sample,
            )
        )
    return entries


def study_index(analysis: Analysis, url_of: Callable[[str], str]) -> str:
    """Compact JSON ``[{url, title, date, sample}]``; the build writes it to ``STUDY_INDEX``."""
    rows = [entry.to_dict() for entry in study_entries(analysis, url_of)]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
