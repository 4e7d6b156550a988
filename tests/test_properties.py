"""Extraction never crashes: it returns an Article or raises an InputError with a reason. The
site never runs what front matter holds."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from scraper.errors import InputError
from scraper.pipeline import article_from_raw
from scraper.records import Article, RawPage
from tests.conftest import FIXTURES, SAMPLES, SEEDS
from tests.site.conftest import build, make_project
from tests.site.hostile import PAYLOADS, URLS, body, hostile_meta, write_article

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


# Templates (issue 13, point 1): whatever the front matter holds, the built site runs none of it.

TEMPLATE_PROFILE = settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would build sites for hours
)
_pieces = st.one_of(st.text(max_size=6), st.sampled_from(PAYLOADS + URLS + ("&amp;", "\\", "{")))
_text = st.lists(_pieces, min_size=1, max_size=4).map("".join)
_url = st.one_of(st.sampled_from(URLS), _text, _text.map("https://x.example/".__add__))
_front_matter = st.fixed_dictionaries(
    {
        "title": _text.map("题".__add__),  # an article needs a title that is not blank
        "authors": st.lists(
            st.fixed_dictionaries({"name": st.none() | _text, "position": st.none() | _text}),
            max_size=2,
        ),
        "region": st.lists(_text, max_size=3),
        "source": _text,
        "site": _text,
        "url": _url,
        "original_url": _url,
        "also_at": st.lists(_url, max_size=2),
        "description": _text,  # outside the schema, but Material prints these
        "author": _text,
        "revision_date": _text,
    }
)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """What could run script in the site built without hostile articles: its own."""
    root = tmp_path_factory.mktemp("reference")
    make_project(root, count=0)
    build(root, root / "out")
    return _runnable(root / "out")


@pytest.mark.slow
@TEMPLATE_PROFILE
@given(metas=st.lists(_front_matter, min_size=1, max_size=3))
@example(metas=[hostile_meta(n, p) for n, p in enumerate(PAYLOADS[:3])])  # always tried
def test_front_matter_never_runs_in_the_site(
    metas: list[dict[str, object]], shipped: set[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = make_project(root, count=0)
        for n, meta in enumerate(metas):
            date = {"date": f"2024-05-{n + 1:02d}"}
            write_article(
                docs, f"2024-05-{n + 1:02d}-fuzz{n}", {**meta, **date}, "\n\n".join(body(n))
            )
        build(root, root / "out")
        foreign = _runnable(root / "out") - shipped
        assert not foreign, foreign
        etree.parse(str(root / "out" / "feed.xml"))  # well-formed XML, whatever the titles hold
        assert not (root / "out" / "sitemap.xml").exists()  # no site URL: no sitemap (issue 14)


def _runnable(out: Path) -> set[str]:
    """Script elements, on* attributes and script URLs in the built pages, their relative
    paths (which depend on a page's depth) left out."""
    found = set()
    for path in out.rglob("*.html"):
        for el in lxml.html.parse(str(path)).iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag in ("script", "iframe", "object", "embed", "frame", "base") or (
                el.tag == "meta" and el.get("http-equiv")  # a refresh: a redirect anywhere
            ):
                source = el.get("src") or el.get("content") or el.text or ""
                found.add(f"<{el.tag}> " + _DEPTH.sub("", source)[:80])
            for name, value in el.attrib.items():
                url = re.sub(r"[\x00-\x20]", "", value)
                if name.startswith("on") or (name in _URL_ATTRS and _SCRIPT_URL.match(url)):
                    found.add(f"{el.tag} {name}={value}")
    return found


_DEPTH = re.compile(r'(\.\./)+|"\.\.(/\.\.)*"|"\./?"|"/"')
_SCRIPT_URL = re.compile(r"(?i)(javascript|vbscript|data):(?!image/)")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
