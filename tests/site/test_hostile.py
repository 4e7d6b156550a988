"""Hostile titles, names and URLs run nothing in the built site (issue 13, point 1).

A site with hostile articles — imported with ``rdkb import`` from hostile pages, and written by
hand into the archive — is built with ``mkdocs build --strict`` and every page is loaded in
Chromium with ``alert``/``confirm``/``prompt`` hooked. Nothing may have been called, and the DOM
may hold no ``on*`` attribute, script URL or script element that the same site without the hostile
articles does not have too (the site's own search form has ``onsubmit``; its scripts differ only in
their relative paths).
"""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import serve_directory
from tests.site.conftest import MKDOCS, BuiltSite, build, make_project
from tests.site.hostile import PAYLOADS, write_hostile_articles, write_hostile_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's /usr/bin/chromium"),
]

RDKB = str(Path(MKDOCS).with_name("rdkb"))

# Runs before any page script: every dialog is recorded instead of shown.
HOOK_DIALOGS = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (...args) => { window.__fired.push(name + ": " + String(args[0])); };
}
"""

# What in the DOM could run script: on* attributes, script URLs, script-like elements. Scripts
# and paths are reduced to a form that does not depend on the page's depth ("../../" → "").
SCAN_DOM = r"""
() => {
  const found = new Set();
  const scheme = /^(javascript|vbscript|data):/i;
  const urlAttrs = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster"]);
  const depth = (s) => s.replace(/(\.\.\/)+|"\.\.(\/\.\.)*"|"\.\/?"|"\/"/g, "");
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    const refresh = tag === "meta" && el.hasAttribute("http-equiv");
    if (["script", "iframe", "object", "embed", "frame", "base"].includes(tag) || refresh) {
      const source = el.getAttribute("src") || el.getAttribute("content") || el.textContent;
      found.add(`<${tag}> ${depth(source).slice(0, 80)}`);
    }
    for (const at of el.attributes) {
      const name = at.name.toLowerCase();
      const url = at.value.replace(/[\u0000-\u0020]/g, "");
      if (name.startsWith("on")) found.add(`${tag} ${name}=${at.value}`);
      else if (urlAttrs.has(name) && scheme.test(url) && !/^data:image\//i.test(url)) {
        found.add(`${tag} ${name}=${at.value}`);
      }
    }
  }
  return [...found];
}
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, BuiltSite]:
    """(clean, hostile): the same small synthetic archive, the second with hostile articles."""
    built = []
    for kind in ("clean", "hostile"):
        root = tmp_path_factory.mktemp(kind)
        docs = make_project(root, count=6)
        if kind == "hostile":
            write_hostile_articles(docs)
            write_hostile_pages(root / "pages")
            before = len(list(docs.rglob("*.md")))
            imported = subprocess.run(
                [RDKB, "import", "--docs", str(docs), str(root / "pages")],
                capture_output=True,
                text=True,
                timeout=300,
            )
            log = imported.stdout + imported.stderr
            assert imported.returncode == 0, log
            assert len(list(docs.rglob("*.md"))) - before == len(PAYLOADS), log  # all archived
        out = root / "out"
        built.append(BuiltSite(kind, root=root, docs=docs, out=out, log=build(root, out)))
    return built[0], built[1]


def _pages(site: BuiltSite) -> list[str]:
    return sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("*.html"))


Found = dict[str, tuple[list[str], set[str]]]  # page → (dialogs called, DOM findings)
WORKERS = 6  # pages loaded at once


def _visit(site: BuiltSite, search: str = "") -> Found:
    """Every page of ``site``: the dialogs called, and what in its DOM could run script. With
    ``search``, the query is also typed into the home page's search box (results are built
    from the search index)."""
    async_api = pytest.importorskip("playwright.async_api")
    found: Found = {}

    async def scan(page: Any, key: str) -> None:
        await page.wait_for_timeout(20)  # image errors and svg loads fire after "load"
        found[key] = (await page.evaluate("window.__fired"), set(await page.evaluate(SCAN_DOM)))

    async def worker(context: Any, base: str, todo: list[str]) -> None:
        page = await context.new_page()
        page.on("dialog", lambda d: asyncio.ensure_future(d.dismiss()))  # none; never block
        while todo:
            rel = todo.pop()
            await page.goto(base + rel, wait_until="load")
            await scan(page, rel)

    async def run(base: str) -> None:
        async with async_api.async_playwright() as p:
            browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            context = await browser.new_context(locale="zh-CN")
            await context.add_init_script(HOOK_DIALOGS)
            todo = _pages(site)
            await asyncio.gather(*(worker(context, base, todo) for _ in range(WORKERS)))
            if search:
                page = await context.new_page()
                await page.goto(base, wait_until="load")
                await page.fill("#rdkb-search-input", search)
                await page.wait_for_selector("#rdkb-search-results li", state="attached")
                await scan(page, "search: " + search)
            await browser.close()

    with serve_directory(site.out) as base:
        asyncio.run(run(base))
    return found


def test_hostile_articles_run_nothing(sites: tuple[BuiltSite, BuiltSite]) -> None:
    clean, hostile = sites
    shipped = set().union(*(dom for _, dom in _visit(clean).values()))
    visited = _visit(hostile, search="执法检查")
    assert any("hostile" in rel for rel in visited), "the hostile articles were not built"
    fired = {rel: calls for rel, (calls, _) in visited.items() if calls}
    assert not fired, fired
    foreign = {rel: dom - shipped for rel, (_, dom) in visited.items() if dom - shipped}
    assert not foreign, foreign


def test_hostile_urls_are_not_links(sites: tuple[BuiltSite, BuiltSite]) -> None:
    """A URL field that is not http(s) is shown as text, never used as a link's target."""
    _, hostile = sites
    page = (hostile.page("articles/2024/2024-05-01-hostile00/")).read_text(encoding="utf-8")
    assert "alert(&#x27;url&#x27;)" in page or "alert(&#39;url&#39;)" in page
    assert 'href="javascript:' not in page.lower()
