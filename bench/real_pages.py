"""The labelled real pages in ``../shared/real-pages`` and their scoring, in-process.

Same meaning as ``../shared/real-pages/score.py`` (which runs ``rdkb import --dry-run --json`` in a
subprocess per page): a null label is not scored; title, date, source and region compare after
NFKC with white space removed; authors compare the set of names (and the label's position must
occur in a position); ``body_first`` must be in the body's first 200 characters, ``body_last`` in
the body (complete pages only); no ``not_in_body`` string may be in the body. A page that does
not import fails every scored field.

The pages are third-party text: they are read from the shared folder, never copied here.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL_PAGES = ROOT.parent / "shared" / "real-pages"
LABELS = REAL_PAGES / "labels.json"
FIELDS = ("title", "date", "authors", "region", "source", "body_first", "body_last", "boilerplate")

Record = dict[str, Any]  # what `rdkb import --dry-run --json` prints for one page
Check = tuple[bool, Any, Any]  # (passed, expected, got)


@cache
def labels() -> dict[str, dict[str, Any]]:
    """File name → labels; empty when the folder is absent."""
    if not LABELS.exists():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(LABELS.read_text(encoding="utf-8"))
    return data


def held_out(name: str) -> bool:
    """Every third page (in name order) is set aside: look at it only when a field's rules are
    done (issue 12, point 5)."""
    return sorted(labels()).index(name) % 3 == 2


def norm(value: object) -> str:
    return re.sub(r"[\s#>*_`\u200b\\]+", "", unicodedata.normalize("NFKC", str(value or "")))


def rdkb_record(content: bytes, origin: str) -> Record | None:
    """The dry-run JSON record of one page, in-process (None when the page is not imported)."""
    from scraper.errors import InputError
    from scraper.pipeline import article_from_raw
    from scraper.records import RawPage

    try:
        article = article_from_raw(RawPage(content=content, origin=origin))
    except InputError:
        return None
    record: Record = json.loads(json.dumps(article.to_dict(), ensure_ascii=False, default=str))
    return record


@cache
def rdkb_record_of(name: str) -> Record | None:
    path = REAL_PAGES / name
    return rdkb_record(path.read_bytes(), name)


def check(label: Mapping[str, Any], rec: Record | None) -> dict[str, Check]:
    """Every scored field of one page: field → (passed, expected, got)."""
    out: dict[str, Check] = {}
    body = (rec or {}).get("body") or ""
    nb = norm(body)
    if label.get("title") is not None:
        got_title = rec and rec.get("title")
        ok = rec is not None and norm(got_title) == norm(label["title"])
        out["title"] = (ok, label["title"], got_title)
    if label.get("date") is not None:
        got = str((rec or {}).get("date") or "")[:10]
        out["date"] = (got == label["date"], label["date"], got)
    if label.get("author_names") is not None:
        authors = (rec or {}).get("authors") or []
        names = sorted(
            norm(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")
        )
        ok = rec is not None and names == sorted(norm(n) for n in label["author_names"])
        if ok and label.get("author_position_contains"):
            wanted = norm(label["author_position_contains"])
            ok = any(wanted in norm(a.get("position")) for a in authors if isinstance(a, dict))
        out["authors"] = (ok, label["author_names"], authors)
    if label.get("region") is not None:
        got_region = [norm(x) for x in ((rec or {}).get("region") or [])]
        ok = rec is not None and got_region == [norm(x) for x in label["region"]]
        out["region"] = (ok, label["region"], got_region)
    if label.get("source_contains") is not None:
        got_source = rec and rec.get("source")
        ok = rec is not None and norm(label["source_contains"]) in norm(got_source)
        out["source"] = (ok, label["source_contains"], got_source)
    if label.get("body_first"):
        out["body_first"] = (norm(label["body_first"]) in nb[:200], label["body_first"], body[:50])
    if label.get("body_last") and not label.get("truncated"):
        out["body_last"] = (norm(label["body_last"]) in nb, label["body_last"], body[-50:])
    if label.get("not_in_body"):
        leaked = [s for s in label["not_in_body"] if norm(s) and norm(s) in nb]
        out["boilerplate"] = (rec is not None and not leaked, "none of not_in_body", leaked)
    return out


def score(
    names: list[str], record: Callable[[str], Record | None], fields: tuple[str, ...] = FIELDS
) -> dict[str, tuple[int, int]]:
    """field → (passed, scored) over ``names``; plus ``imported`` → (pages imported, pages)."""
    per = {f: [0, 0] for f in fields}
    imported = 0
    for name in names:
        rec = record(name)
        imported += rec is not None
        for field, (ok, _want, _got) in check(labels()[name], rec).items():
            if field in per:
                per[field][0] += ok
                per[field][1] += 1
    result = {f: (p, t) for f, (p, t) in per.items()}
    result["imported"] = (imported, len(names))
    return result
