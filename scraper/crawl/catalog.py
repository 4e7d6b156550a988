"""The crawl catalog: one SQLite row per URL ever seen, in ``<docs>/.rdkb/catalog.sqlite``.

It is what makes crawls incremental (archived articles are not fetched again) and resumable
(every write is committed at once, so a killed crawl leaves ``pending`` rows the next run picks up).

Statuses: ``pending`` (discovered, not yet done), ``fetched`` (list page read), ``archived``
(article stored; ``store_status`` says new/updated/unchanged/duplicate), ``failed`` (``reason``
says why; ``transient`` failures are tried again on the next run), ``skipped`` (robots.txt,
older than ``--since``, over ``--max-pages``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url           TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('list', 'article')),
    site          TEXT,
    status        TEXT NOT NULL,
    transient     INTEGER NOT NULL DEFAULT 0,
    http_status   INTEGER,
    content_type  TEXT,
    content_hash  TEXT,
    raw_path      TEXT,
    article_path  TEXT,
    store_status  TEXT,
    reason        TEXT,
    first_seen    TEXT NOT NULL,
    last_fetched  TEXT,
    fetch_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS pages_status ON pages (kind, status);
"""


@dataclass(frozen=True)
class PageRow:
    url: str
    kind: str
    site: str | None
    status: str
    transient: bool
    http_status: int | None
    content_type: str | None
    content_hash: str | None
    raw_path: str | None
    article_path: str | None
    store_status: str | None
    reason: str | None
    first_seen: str
    last_fetched: str | None
    fetch_count: int


class Catalog:
    """Thin, typed access to the catalog table. Not shared between threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # isolation_level=None: autocommit, so a kill loses at most the statement in flight.
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    # Reading

    def get(self, url: str) -> PageRow | None:
        row = self._db.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
        return _row(row) if row else None

    def needs_fetch(self, url: str, *, refresh: bool = False) -> bool:
        """Whether an article URL should be fetched: new, unfinished, skipped, or failed for a
        passing reason (5xx, timeout). Archived and permanently failed pages wait for ``--refresh``.
        """
        if refresh:
            return True
        row = self.get(url)
        if row is None or row.status in ("pending", "fetched", "skipped"):
            return True
        return row.status == "failed" and row.transient

    def pending_articles(self) -> list[PageRow]:
        """Articles found earlier but never finished (the crawl stopped before them)."""
        rows = self._db.execute(
            "SELECT * FROM pages WHERE kind = 'article' AND status IN ('pending', 'fetched') "
            "ORDER BY first_seen, url"
        )
        return [_row(r) for r in rows]

    def with_raw(self) -> list[PageRow]:
        """Article rows whose raw page is kept, oldest first (so originals precede reposts)."""
        rows = self._db.execute(
            "SELECT * FROM pages WHERE kind = 'article' AND raw_path IS NOT NULL "
            "ORDER BY first_seen, url"
        )
        return [_row(r) for r in rows]

    def rows(self) -> Iterator[PageRow]:
        for row in self._db.execute("SELECT * FROM pages ORDER BY first_seen, url"):
            yield _row(row)

    # Writing

    def discovered(self, url: str, kind: str, site: str | None) -> None:
        """Record a URL the first time it is seen; later sightings change nothing."""
        self._db.execute(
            "INSERT OR IGNORE INTO pages (url, kind, site, status, first_seen) "
            "VALUES (?, ?, ?, 'pending', ?)",
            (url, kind, site, _now()),
        )

    def fetched(
        self,
        url: str,
        *,
        http_status: int,
        content_type: str | None,
        content_hash: str,
        raw_path: str | None,
    ) -> None:
        self._db.execute(
            "UPDATE pages SET status = CASE WHEN kind = 'list' THEN 'fetched' ELSE status END, "
            "http_status = ?, content_type = ?, content_hash = ?, "
            "raw_path = COALESCE(?, raw_path), "
            "last_fetched = ?, fetch_count = fetch_count + 1, reason = NULL, transient = 0 "
            "WHERE url = ?",
            (http_status, content_type, content_hash, raw_path, _now(), url),
        )

    def archived(self, url: str, *, article_path: str, store_status: str) -> None:
        self._db.execute(
            "UPDATE pages SET status = 'archived', article_path = ?, store_status = ?, "
            "reason = NULL, transient = 0 WHERE url = ?",
            (article_path, store_status, url),
        )

    def failed(
        self, url: str, reason: str, *, transient: bool, http_status: int | None = None
    ) -> None:
        self._db.execute(
            "UPDATE pages SET status = 'failed', reason = ?, transient = ?, "
            "http_status = COALESCE(?, http_status), last_fetched = ? WHERE url = ?",
            (reason, int(transient), http_status, _now(), url),
        )

    def merge(self, row: PageRow) -> None:
        """Take in a row from another catalog (another machine's crawl); the later fetch wins."""
        self._db.execute(
            "INSERT INTO pages (url, kind, site, status, transient, http_status, content_type, "
            "content_hash, raw_path, article_path, store_status, reason, first_seen, last_fetched, "
            "fetch_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET status = excluded.status, "
            "transient = excluded.transient, http_status = excluded.http_status, "
            "content_type = excluded.content_type, content_hash = excluded.content_hash, "
            "raw_path = COALESCE(excluded.raw_path, raw_path), reason = excluded.reason, "
            "first_seen = MIN(first_seen, excluded.first_seen), "
            "last_fetched = excluded.last_fetched, "
            "fetch_count = fetch_count + excluded.fetch_count "
            "WHERE excluded.last_fetched IS NOT NULL "
            "AND (pages.last_fetched IS NULL OR excluded.last_fetched > pages.last_fetched)",
            (
                row.url,
                row.kind,
                row.site,
                row.status,
                int(row.transient),
                row.http_status,
                row.content_type,
                row.content_hash,
                row.raw_path,
                None,  # article paths belong to the other archive; replaying sets ours
                None,
                row.reason,
                row.first_seen,
                row.last_fetched,
                row.fetch_count,
            ),
        )

    def skipped(self, url: str, reason: str) -> None:
        self._db.execute(
            "UPDATE pages SET status = 'skipped', reason = ? "
            "WHERE url = ? AND status <> 'archived'",
            (reason, url),
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _row(row: sqlite3.Row) -> PageRow:
    return PageRow(
        url=row["url"],
        kind=row["kind"],
        site=row["site"],
        status=row["status"],
        transient=bool(row["transient"]),
        http_status=row["http_status"],
        content_type=row["content_type"],
        content_hash=row["content_hash"],
        raw_path=row["raw_path"],
        article_path=row["article_path"],
        store_status=row["store_status"],
        reason=row["reason"],
        first_seen=row["first_seen"],
        last_fetched=row["last_fetched"],
        fetch_count=row["fetch_count"],
    )
