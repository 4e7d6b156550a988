"""Recognising anti-bot challenge pages (issue 13, point 5) from status and bytes alone."""

from __future__ import annotations

import pytest

from scraper.crawl.challenge import challenge_kind
from scraper.crawl.demo import pages
from scraper.crawl.demo.articles import ARTICLES
from tests.crawl.hostile_site import COOKIE_RELOAD, JIASULE, RUISHU


@pytest.mark.parametrize(
    ("status", "body"), [(412, RUISHU), (521, JIASULE), (200, COOKIE_RELOAD), (200, RUISHU)]
)
def test_challenge_pages_are_recognised(status: int, body: bytes) -> None:
    assert challenge_kind(status, body) is not None


def test_an_article_with_a_cookie_script_is_no_challenge() -> None:
    page = pages.page_for(ARTICLES[0].path, "http://localhost")
    assert page is not None
    script = b"<script>document.cookie='seen=1';location.reload()</script>"
    assert challenge_kind(200, page.body.replace(b"</body>", script + b"</body>")) is None
    assert challenge_kind(404, b"<h1>404</h1>") is None
