"""The built study site, parsed as HTML: headers, listings, links, no outside hosts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import docx
import pytest
import yaml
from lxml import html as lxml_html

from scraper.analysis.bylines import split_bylines
from scraper.records import Author
from tests.conftest import ROOT
from tests.site.conftest import BuiltSite

pytestmark = pytest.mark.slow


def _doc(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def _url_of(site: BuiltSite, path: Path) -> str:
    rel = path.relative_to(site.out).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def _html_pages(site: BuiltSite) -> Iterator[Path]:
    yield from sorted(site.out.rglob("*.html"))


def _listing(site: BuiltSite, first_url: str) -> set[str]:
    """Article URLs listed on a listing page and all its further pages (following the pager)."""
    found: set[str] = set()
    queue, seen = [first_url], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        doc = _doc(site.page(url))
        for a in doc.cssselect("ul.rdkb-list a.rdkb-entry__title"):
            found.add(site.resolve(url, a.get("href")))
        for a in doc.cssselect("nav.rdkb-pager a"):
            queue.append(site.resolve(url, a.get("href")))
    return found


def test_build_is_strict_and_quiet(site: BuiltSite) -> None:
    assert "WARNING" not in site.log
    assert not (site.docs / "themes").exists(), "generated pages must not be written into docs/"
    cache = site.root / ".cache" / "rdkb"  # per-article facts, the search shards, the documents
    assert list(cache.glob("facts-*.pickle")) and list(cache.glob("search-*"))
    assert not list(site.docs.rglob("*.pickle")), "the cache must stay out of docs/ (serve reloads)"
    # every page file was written
    assert not [p for p in _html_pages(site) if p.stat().st_size == 0]


def test_every_article_page_has_header_themes_and_related(site: BuiltSite) -> None:
    meta = site.front_matter()
    assert len(meta) >= 40
    for url, fm in meta.items():
        doc = _doc(site.page(url))
        header = doc.cssselect("header.rdkb-article-header")
        assert header, url
        assert header[0].cssselect("h1")[0].text_content() == fm["title"]
        labels = {
            dt.text_content(): dd
            for dt, dd in zip(
                header[0].cssselect("dl.rdkb-meta dt"),
                header[0].cssselect("dl.rdkb-meta dd"),
                strict=True,
            )
        }
        assert str(fm["date"] or "日期不详")[:4] in labels["日期"].text_content()
        assert "分钟" in labels["日期"].text_content()
        authors = fm.get("authors") or []
        if any(a.get("name") for a in authors):
            for a in authors:
                if a.get("name"):
                    assert a["name"] in labels["作者"].text_content()
        else:
            assert "未署名" in labels["作者"].text_content() or any(
                a.get("position") and a["position"] in labels["作者"].text_content()
                for a in authors
            )
        if fm.get("region"):
            assert [x.text_content() for x in labels["地区"].cssselect("a")] == fm["region"]
        if fm.get("source"):
            assert labels["来源"].text_content() == fm["source"]
        if fm.get("url"):
            assert fm["url"] in [a.get("href") for a in labels["原文"].cssselect("a")]
        # theme and related links resolve to existing pages of the right kind
        chips = doc.cssselect("header .rdkb-tags a.rdkb-chip")
        for a in chips:
            target = site.resolve(url, a.get("href"))
            assert target.startswith(("themes/", "keywords/")), target
            assert site.page(target).exists(), target
        related = doc.cssselect("section.rdkb-related li a")
        assert related, f"{url}: no related articles"
        assert len(related) <= 5
        for a in related:
            target = site.resolve(url, a.get("href"))
            assert target in meta and target != url, target
        sample = bool(doc.cssselect(".rdkb-sample-notice"))
        urls = [fm.get("url"), fm.get("original_url"), *(fm.get("also_at") or [])]
        hosts = [urlsplit(u).hostname or "" for u in urls if u]
        assert sample == any(h.endswith(".example") for h in hosts), url


def test_hand_set_themes_win_and_pages_list_them(synthetic_site: BuiltSite) -> None:
    site = synthetic_site
    url = "articles/2023/2023-03-01-special-unsigned/"
    doc = _doc(site.page(url))
    themes = [
        a.text_content()
        for a in doc.cssselect("header .rdkb-tags a.rdkb-chip:not(.rdkb-chip--light)")
    ]
    assert themes == ["立法工作"]
    assert url in _listing(site, "themes/legislation/")
    assert url in _listing(site, "authors/unsigned/")
    assert url in _listing(site, "regions/none/")
    also = doc.cssselect("section.rdkb-also a")
    assert [a.get("href") for a in also] == ["https://repost.example/a/1.html"]


def test_theme_pages_match_the_article_headers(site: BuiltSite) -> None:
    """Each theme page lists exactly the articles whose header carries that theme."""
    expected: dict[str, set[str]] = {}
    for url in site.front_matter():
        doc = _doc(site.page(url))
        for a in doc.cssselect("header .rdkb-tags a.rdkb-chip"):
            target = site.resolve(url, a.get("href"))
            if target.startswith("themes/"):
                expected.setdefault(target, set()).add(url)
    themes = yaml.safe_load((ROOT / "scraper/data/themes.yml").read_text(encoding="utf-8"))
    assert len(themes["themes"]) >= 8
    for theme in themes["themes"]:
        page = f"themes/{theme['slug']}/"
        assert _listing(site, page) == expected.get(page, set()), page
        assert theme["description"].split()[0][:10] in _doc(site.page(page)).text_content()


def test_region_pages_list_their_articles_and_subregions(site: BuiltSite) -> None:
    meta = site.front_matter()
    prefixes: dict[tuple[str, ...], set[str]] = {}
    for url, fm in meta.items():
        region = tuple(fm.get("region") or ())
        for k in range(1, len(region) + 1):
            prefixes.setdefault(region[:k], set()).add(url)
    index = _doc(site.page("regions/"))
    linked = {site.resolve("regions/", a.get("href")) for a in index.cssselect("ul.rdkb-tree a")}
    for prefix, urls in prefixes.items():
        page = "regions/" + "/".join(prefix) + "/"
        assert page in linked, page
        assert _listing(site, page) == urls, page
        item = next(
            li
            for li in index.cssselect("ul.rdkb-tree li")
            if site.resolve("regions/", li.cssselect("a")[0].get("href")) == page
        )
        assert int(item.cssselect("span.rdkb-badge")[0].text_content()) == len(urls)


def test_author_pages(site: BuiltSite) -> None:
    """A person's page lists their articles; a byline naming a unit (its name, or a position
    that is a unit, with no name) goes to 机构署名; an article with neither is 未署名."""
    meta = site.front_matter()
    by_name: dict[str, set[str]] = {}
    by_unit: dict[str, set[str]] = {}
    unsigned: set[str] = set()
    for url, fm in meta.items():
        people, units = split_bylines(Author.from_dict(a) for a in fm.get("authors") or [])
        for person in people:
            by_name.setdefault(str(person.name), set()).add(url)
        for unit in units:
            by_unit.setdefault(unit, set()).add(url)
        if not people and not units:
            unsigned.add(url)
    for name, urls in by_name.items():
        assert _listing(site, f"authors/{name}/") == urls, name
    for unit, urls in by_unit.items():
        assert _listing(site, f"authors/organisations/{unit}/") == urls, unit
    assert _listing(site, "authors/unsigned/") == unsigned
    assert "未署名文章" in _doc(site.page("authors/unsigned/")).text_content()
    index = _doc(site.page("authors/"))
    listed = {a.text_content() for a in index.cssselect("ul.rdkb-organisations a")}
    assert listed == set(by_unit)
    assert by_unit or site.kind != "synthetic", "the synthetic archive has organisation bylines"


def test_concept_pages_and_first_mention_links(site: BuiltSite) -> None:
    glossary = yaml.safe_load((ROOT / "scraper/data/concepts.yml").read_text(encoding="utf-8"))
    concepts = glossary["concepts"]
    assert len(concepts) >= 25
    terms = {c["slug"]: [c["name"], *(c.get("aliases") or [])] for c in concepts}
    longer = {
        t: [u for ts in terms.values() for u in ts if t in u and u != t]
        for ts in terms.values()
        for t in ts
    }
    meta = site.front_matter()
    expected: dict[str, set[str]] = {slug: set() for slug in terms}
    for url, fm in meta.items():
        text = str(fm["title"]) + "\n" + str(fm["_body"])
        for slug, ts in terms.items():
            for t in ts:
                stripped = text
                for u in longer[t]:
                    stripped = stripped.replace(u, "")
                if t in stripped:
                    expected[slug].add(url)
    for slug, urls in expected.items():
        assert _listing(site, f"concepts/{slug}/") == urls, slug
    # first mention only, never inside headings or existing links
    for url in meta:
        doc = _doc(site.page(url))
        body_links = [site.resolve(url, a.get("href")) for a in doc.cssselect("a.rdkb-concept")]
        assert len(body_links) == len(set(body_links)), url
        for target in body_links:
            assert target.startswith("concepts/") and site.page(target).exists(), target
        for h in doc.cssselect("article h2, article h3"):
            assert not h.cssselect("a.rdkb-concept"), url
    if site.kind != "synthetic":
        return
    special = _doc(site.page("articles/2023/2023-03-01-special-unsigned/"))
    linked = [a.text_content() for a in special.cssselect("article p a.rdkb-concept")]
    assert linked == ["基层立法联系点", "执法检查"]
    position = _doc(site.page("articles/2024/2024-06-02-special-position/"))
    linked = [a.text_content() for a in position.cssselect("article p a.rdkb-concept")]
    assert linked == ["人大代表联络站"]


def test_time_archive_and_home(site: BuiltSite) -> None:
    meta = site.front_matter()
    by_month: dict[str, set[str]] = {}
    for url, fm in meta.items():
        date = str(fm["date"] or "")
        month = f"archive/{date[:4]}/{date[5:7]}/" if date else "archive/undated/"
        by_month.setdefault(month, set()).add(url)
    for page, urls in by_month.items():
        assert _listing(site, page) == urls, page
    home = _doc(site.page(""))
    latest = [
        site.resolve("", a.get("href")) for a in home.cssselect("ul.rdkb-list a.rdkb-entry__title")
    ]
    newest = sorted(meta, key=lambda u: (str(meta[u]["date"] or ""), u), reverse=True)
    assert [str(meta[u]["date"]) for u in latest] == [
        str(meta[u]["date"]) for u in newest[: len(latest)]
    ]
    cards = home.cssselect("ul.rdkb-cards a")
    assert len(cards) >= 8


def test_quotes_stats_and_feed(site: BuiltSite) -> None:
    """The quotation index lists every article that quotes — except our own sample articles
    (issue 15: no words put in anyone's mouth), so the bundled samples give none."""
    meta = site.front_matter()
    quoting = {
        u
        for u, fm in meta.items()
        if re.search(r"习近平总书记\w{0,4}：“", str(fm["_body"])) and not _is_sample(fm)
    }
    doc = _doc(site.page("quotes/"))
    cited = set()
    for a in doc.cssselect("figure.rdkb-quote li a"):
        target = site.resolve("quotes/", a.get("href"))
        cited |= _listing(site, target) if target.startswith("quotes/") else {target}
    assert cited == quoting
    assert bool(quoting) == (site.kind == "synthetic")
    stats = _doc(site.page("stats/"))
    charts = stats.cssselect("article figure.rdkb-chart svg")
    assert len(charts) == 3 and all(svg.cssselect("rect") for svg in charts)
    assert len(stats.cssselect("article table.rdkb-stats-table")) == 3
    for a in stats.cssselect("article .rdkb-stats a[href]"):
        assert site.page(site.resolve("stats/", a.get("href"))).exists(), a.get("href")
    css = (site.out / "assets" / "rdkb.css").read_text(encoding="utf-8")
    assert "@media print" in css
    feed = (site.out / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == min(30, sum(1 for fm in meta.values() if fm["date"]))
    assert 'type="application/atom+xml"' in (site.out / "index.html").read_text(encoding="utf-8")


def test_no_internal_link_points_to_a_missing_page(site: BuiltSite) -> None:
    missing = []
    for path in _html_pages(site):
        url = _url_of(site, path)
        doc = _doc(path)
        for el in doc.iter("a", "link", "img", "script"):
            ref = el.get("href") or el.get("src")
            if not ref or ref.startswith(("#", "mailto:")):
                continue
            if urlsplit(ref).scheme or ref.startswith("//"):
                continue  # outside links are checked by the next test
            target = site.resolve(url, ref)
            if not site.page(target).exists():
                missing.append(f"{url} -> {ref}")
    assert not missing, missing[:20]


def test_no_file_makes_the_browser_contact_another_host(site: BuiltSite) -> None:
    """Outside URLs appear only on links that leave the site (a.rdkb-external: original pages);
    CSS loads nothing from outside; Material's JS names hosts only on paths this site never takes.
    """
    offenders = []
    for path in _html_pages(site):
        doc = _doc(path)
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in ("src", "href", "srcset", "data", "poster", "action", "content"):
                value = el.get(attr) or ""
                if re.match(r"^(https?:)?//", value.strip()):
                    if el.tag == "a" and "rdkb-external" in (el.get("class") or ""):
                        continue
                    offenders.append(f"{path.relative_to(site.out)}: <{el.tag} {attr}={value}>")
        style = " ".join(s.text_content() for s in doc.iter("style"))
        if re.search(r"url\(\s*['\"]?(https?:)?//|@import", style):
            offenders.append(f"{path}: inline style loads from outside")
    for css in site.out.rglob("*.css"):
        # an @namespace names an XML namespace (feed.css: Atom's); it loads nothing
        text = re.sub(r"@namespace[^;]*;", "", css.read_text(encoding="utf-8"))
        if re.search(
            r"url\(\s*['\"]?(https?:)?//|@import\s+['\"]?(url\()?\s*['\"]?(https?:)?//", text
        ):
            offenders.append(f"{css}: loads from outside")
    # Material's bundle names unpkg.com (mermaid, only for ```mermaid blocks — none here) and
    # api.github.com (only with repo_url — unset); anything else is new and must be looked at.
    allowed = {"unpkg.com", "api.github.com", "clipboardjs.com", "www.w3.org"}
    for js in site.out.rglob("*.js"):
        hosts = set(re.findall(r"https?://([a-zA-Z0-9.-]+)", js.read_text(encoding="utf-8")))
        if hosts - allowed:
            offenders.append(f"{js}: {sorted(hosts - allowed)}")
    assert not list(site.out.rglob("lunr*")), "unused Material search assets are copied"
    assert not any("mermaid" in p.read_text(encoding="utf-8") for p in site.out.rglob("*.html"))
    assert not offenders, offenders[:20]


def _is_sample(front_matter: dict[str, object]) -> bool:
    urls = [front_matter.get("url"), front_matter.get("original_url")]
    urls += list(front_matter.get("also_at") or [])  # type: ignore[call-overload]
    return any(urlsplit(str(u)).hostname.endswith(".example") for u in urls if u)  # type: ignore[union-attr]


def _listed_titles(site: BuiltSite, first_url: str) -> list[str]:
    """Titles of a listing's articles, newest first, over all its pages (the pager in order)."""
    titles, url = [], first_url
    while url:
        doc = _doc(site.page(url))
        titles += [a.text_content() for a in doc.cssselect("ul.rdkb-list a.rdkb-entry__title")]
        nxt = doc.cssselect("nav.rdkb-pager a[rel=next]")
        url = site.resolve(url, nxt[0].get("href")) if nxt else ""
    return titles


def test_each_theme_and_month_page_links_a_word_document_that_opens(site: BuiltSite) -> None:
    """Issue 15 (2): python-docx opens the document a theme or month page links, as Word
    would: its title is the page's subject and it holds every article the page lists (a
    theme's newest 200), each under its own heading."""
    pages = [f"themes/{p.parent.name}/" for p in sorted(site.out.glob("themes/*/index.html"))]
    pages += [_url_of(site, p) for p in sorted(site.out.glob("archive/*/*/index.html"))]
    opened = 0
    for url in pages:
        links = _doc(site.page(url)).cssselect(".rdkb-download a")
        titles = _listed_titles(site, url)
        assert bool(links) == bool(titles), url
        if not links:
            continue
        target = site.out / site.resolve(url, links[0].get("href"))
        document = docx.Document(str(target))
        (title,) = [p.text for p in document.paragraphs if p.style.name == "Title"]
        heading = _doc(site.page(url)).cssselect("article h1")[0].text_content()
        assert title.removesuffix("文章") == heading, url
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        assert Counter(headings) == Counter(titles[:200]), url
        opened += 1
    assert opened >= 2
