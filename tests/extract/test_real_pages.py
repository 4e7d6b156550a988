"""Every labelled field of every real page (issue 12, point 5), with the meaning of
``../shared/real-pages/score.py``; skipped, saying why, when that folder is absent.

The pages are third-party text: they are read from the shared folder and never copied here. The
extraction runs in-process (``bench.real_pages.rdkb_record``: the pipeline and the record
``rdkb import --dry-run --json`` prints), once per page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bench.real_pages import LABELS, check, labels, rdkb_record_of

KNOWN = Path(__file__).with_name("real_pages_known.yml")


def _known_misses() -> dict[str, str]:
    """ "page field" → why the extractor does not meet that label (see the YAML file)."""
    groups = yaml.safe_load(KNOWN.read_text(encoding="utf-8"))
    return {check: group["reason"] for group in groups.values() for check in group["checks"]}


def _cases() -> list[object]:
    if not labels():
        reason = f"{LABELS} is absent: the labelled real pages live outside the repository"
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason))]
    known = _known_misses()
    return [
        pytest.param(
            name,
            field,
            id=f"{name}-{field}",
            marks=[pytest.mark.xfail(strict=True, reason=known[f"{name} {field}"])]
            if f"{name} {field}" in known
            else [],
        )
        for name, label in sorted(labels().items())
        for field in check(label, None)  # the fields this page has a (non-null) label for
    ]


@pytest.mark.parametrize(("name", "field"), _cases())
def test_real_page_field(name: str, field: str) -> None:
    record = rdkb_record_of(name)
    assert record is not None, f"{name} is not imported"
    ok, expected, got = check(labels()[name], record)[field]
    shown = json.dumps(got, ensure_ascii=False, default=str)[:200]
    assert ok, f"{name} {field}: expected {json.dumps(expected, ensure_ascii=False)} | got {shown}"
