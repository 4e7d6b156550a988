"""Every saved page beside an ``.expected.json`` is extracted and checked field by field.

Adding a page shape means adding a page and its expected JSON, never editing this file.
Seeds live outside the repository (``../shared/seeds``); their expectations are kept in
``tests/fixtures/seeds`` and they are skipped, saying why, when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.pipeline import article_from_raw
from scraper.records import RawPage
from tests.conftest import FIXTURES, SAMPLES, SEEDS, headings, paragraphs

FIELDS = ("title", "date", "authors", "region", "source", "site", "url", "original_url")


def _raw_page_for(expected: Path) -> Path | None:
    stem = expected.name.removesuffix(".expected.json")
    folder = SEEDS if expected.parent == FIXTURES / "seeds" else expected.parent
    matches = [p for p in folder.glob(f"{stem}.*") if not p.name.endswith(".json")]
    return matches[0] if matches else None


def _cases() -> list[object]:
    found = sorted(SAMPLES.rglob("*.expected.json")) + sorted(FIXTURES.rglob("*.expected.json"))
    cases = []
    for expected in found:
        label = str(expected.relative_to(expected.parents[1]))
        raw = _raw_page_for(expected)
        if raw is None:
            reason = f"{SEEDS} is absent" if "seeds" in label else f"no page beside {expected}"
            cases.append(pytest.param(expected, None, id=label, marks=pytest.mark.skip(reason)))
        else:
            cases.append(pytest.param(expected, raw, id=label))
    return cases


@pytest.mark.parametrize(("expected_path", "page_path"), _cases())
def test_page_extracts_as_expected(expected_path: Path, page_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    article = article_from_raw(RawPage(page_path.read_bytes(), str(page_path)))
    got = article.to_dict()
    for field in FIELDS:
        want = expected.get(field)
        if field in ("authors", "region"):
            want = want or None
        assert got[field] == want, f"{page_path.name}: {field}"
    if "review_fields" in expected:  # the fields the extractor must flag for review (date: null…)
        assert sorted(got["review"] or {}) == expected["review_fields"], f"{page_path.name}: review"
    body = paragraphs(article.body)
    assert body, f"{page_path.name}: empty body"
    assert body[0].startswith(expected["body_first"]), f"{page_path.name}: first paragraph"
    assert body[-1].startswith(expected["body_last"]), f"{page_path.name}: last paragraph"
    if "headings" in expected:
        assert headings(article.body) == expected["headings"], f"{page_path.name}: headings"
    for boilerplate in expected.get("not_in_body", []):
        assert boilerplate not in article.body, f"{page_path.name}: {boilerplate!r} in body"


def test_fixture_pages_are_found() -> None:
    """Guards against the parametrised test silently running on nothing."""
    assert len(list((FIXTURES / "seeds").glob("*.expected.json"))) == 3
