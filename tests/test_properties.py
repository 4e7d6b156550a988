"""Extraction never crashes: it returns an Article or raises an InputError with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.errors import InputError
from scraper.pipeline import article_from_raw
from scraper.records import Article, RawPage
from tests.conftest import FIXTURES, SAMPLES, SEEDS

REAL_PAGES = sorted(
    p
    for folder in (SAMPLES, FIXTURES / "pages", SEEDS)
    if folder.exists()
    for p in folder.rglob("*")
    if p.suffix in {".html", ".txt"}
)
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def _extract(content: bytes) -> None:
    try:
        article = article_from_raw(RawPage(content, "fuzz"))
    except InputError as error:
        assert str(error), "an InputError must say why"
    else:
        assert isinstance(article, Article) and article.title and article.body


@PROFILE
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(content: bytes) -> None:
    _extract(content)


@PROFILE
@given(
    st.text(
        alphabet=st.sampled_from(
            "<>/=\"' \n人大代表发布时间：2024-05-19作者来源（）一、p div html script"
        ),
        max_size=600,
    )
)
def test_tag_soup(text: str) -> None:
    _extract(text.encode("utf-8"))


@pytest.mark.skipif(not REAL_PAGES, reason="no saved pages found")
@PROFILE
@given(
    page=st.sampled_from(REAL_PAGES or [Path()]),
    cut=st.floats(0, 1),
    start=st.floats(0, 1),
    noise=st.binary(max_size=64),
)
def test_mangled_real_pages(page: Path, cut: float, start: float, noise: bytes) -> None:
    """Truncated, spliced and noise-injected copies of real pages."""
    content = page.read_bytes()
    a, b = sorted((int(len(content) * start), int(len(content) * cut)))
    _extract(content[:a] + noise + content[b:])
