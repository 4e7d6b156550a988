"""Search benchmark: our static n-gram index next to Material's built-in search (lunr + jieba).

    python -m bench.search.run 2000 [10000 …] [--reuse] [--out bench/search/RESULTS.md]

For each size: generate a synthetic archive (bench/search/corpus.py), build one site with both
engines (bench/search/site.py), serve it on 127.0.0.1 and run the query set in headless
Chromium. Expected sets come from scanning the Markdown sources here (NFKC, lower case, spaces
and quotation marks removed; a term must be inside the title or inside the body) — not from
either index. Reported per query and engine: pages returned / pages expected, recall, precision,
bytes sent by the server for the query from a cold cache, and time to first results with a warm
HTTP cache (ours: a reloaded page, so nothing in memory; Material: its worker already set up).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page, sync_playwright

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.search import site as bench_site
from bench.search.reference import ISSUE_QUERIES, reference_form
from bench.search.serve import serve

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out"


@dataclass(frozen=True)
class Query:
    text: str
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        extra = " ".join(f"[{k}={v}]" for k, v in self.filters.items())
        return f"{self.text} {extra}".strip()


@dataclass
class Article:
    url: str
    title: str
    body: str
    themes: list[str]
    author: str


def load_articles(docs: Path) -> list[Article]:
    out: list[Article] = []
    for path in sorted(docs.glob("articles/*/*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        body = re.sub(r"^#+\s+", "", body, flags=re.MULTILINE)
        authors = meta.get("authors") or [{}]
        out.append(
            Article(
                url=path.relative_to(docs).with_suffix("").as_posix() + "/",
                title=reference_form(str(meta["title"])),
                body=reference_form(body),
                themes=list(meta.get("themes") or []),
                author=str(authors[0].get("name") or ""),
            )
        )
    return out


def expected(articles: list[Article], query: Query) -> set[str]:
    terms = [reference_form(t) for t in query.text.split() if reference_form(t)]
    theme = query.filters.get("theme")
    return {
        a.url
        for a in articles
        if all(t in a.title or t in a.body for t in terms) and (not theme or theme in a.themes)
    }


def query_set(articles: list[Article]) -> list[Query]:
    authors = Counter(a.author for a in articles if a.author)
    common_name = authors.most_common(1)[0][0]
    rare_name = min(authors, key=lambda name: (authors[name], name))
    return [
        *(Query(text) for text in ISSUE_QUERIES),
        Query(common_name),
        Query(rare_name),
        Query("张掖市"),
        Query("代表之家 监督"),
        Query("执法检查", {"theme": "监督工作"}),
        Query("人民群众的期盼变为现实"),
    ]


# ours ---------------------------------------------------------------------------------------

OURS_RUN = """async ([text, filters]) => {
  const t0 = performance.now();
  const {result, top} = await window.rdkbSearch.search(text, filters);
  await Promise.all(top.map((d) => window.rdkbSearch.engine.doc(d)));  // what the list shows
  const first = performance.now() - t0;
  await result.count();
  return {first, all: performance.now() - t0, docs: result.list.map(c => c.doc), top};
}"""


def doc_urls(site: Path) -> list[str]:
    meta = json.loads(gzip.decompress((site / "search-index" / "meta.bin").read_bytes()))
    return [
        json.loads(gzip.decompress((site / "search-index" / "docs" / f"{n}.bin").read_bytes()))["u"]
        for n in range(meta["docs"])
    ]


def run_ours(
    page: Page, base: str, sent: Counter[str], query: Query, urls: list[str]
) -> dict[str, Any]:
    page.goto(base)
    page.wait_for_function("window.rdkbSearch && window.rdkbSearch.engine")
    sent.clear()
    cold = page.evaluate(OURS_RUN, [query.text, query.filters])
    cold_bytes = sum(n for path, n in sent.items() if "/search-index/" in path)
    warm_times = []
    for _ in range(3):
        page.reload()
        page.wait_for_function("window.rdkbSearch && window.rdkbSearch.engine")
        warm_times.append(page.evaluate(OURS_RUN, [query.text, query.filters])["first"])
    return {
        "got": {urls[d] for d in cold["docs"]},
        "bytes": cold_bytes,
        "cold_ms": cold["first"],
        "warm_ms": statistics.median(warm_times),
        "count_ms": cold["all"],
    }


# Material -----------------------------------------------------------------------------------

MATERIAL_SETUP = """async (worker) => {
  const t0 = performance.now();
  const index = await (await fetch('search/search_index.json')).json();
  const w = new Worker(worker);
  await new Promise((resolve) => {
    w.onmessage = (e) => { if (e.data.type === 1) resolve(); };
    w.postMessage({type: 0, data: {...index, options: {suggest: false}}});
  });
  window.materialWorker = w;
  return performance.now() - t0;
}"""

MATERIAL_QUERY = """async (text) => {
  const w = window.materialWorker;
  const t0 = performance.now();
  const data = await new Promise((resolve) => {
    w.onmessage = (e) => { if (e.data.type === 3) resolve(e.data.data); };
    w.postMessage({type: 2, data: text});
  });
  const pages = new Set();
  for (const group of data.items) for (const item of group) pages.add(item.location.split('#')[0]);
  return {ms: performance.now() - t0, pages: [...pages]};
}"""


def run_material(
    page: Page, base: str, sent: Counter[str], queries: list[Query], worker: str
) -> dict[str, Any]:
    page.goto(base)
    sent.clear()
    worker_url = base + worker
    setup_ms = page.evaluate(MATERIAL_SETUP, worker_url)
    setup_bytes = sum(sent.values())
    out: dict[str, Any] = {"setup_ms": setup_ms, "bytes": setup_bytes, "queries": {}}
    for query in queries:
        if query.filters:
            continue
        first = page.evaluate(MATERIAL_QUERY, query.text)
        again = page.evaluate(MATERIAL_QUERY, query.text)
        out["queries"][query.label] = {
            "got": {p for p in first["pages"] if p},
            "warm_ms": min(first["ms"], again["ms"]),
        }
    return out


# report -------------------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> str:
    return "—" if whole == 0 else f"{part / whole:.3f}"


def measure(size: int, reuse: bool) -> tuple[str, dict[str, Any]]:
    root = OUT / f"search-{size}"
    if not (reuse and (root / "site" / "search-index").exists()):
        bench_site.prepare(root, size)
        built = bench_site.build(root)
        build_note = (
            f"site build {built.seconds:.0f} s, of which our index {built.index_seconds:.1f} s"
        )
    else:
        build_note = "site reused"
    cost = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.search.index_cost",
                str(root / "docs"),
                str(root / "alone"),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    )
    shutil.rmtree(root / "alone", ignore_errors=True)
    articles = load_articles(root / "docs")
    queries = query_set(articles)
    urls = doc_urls(root / "site")
    material_index = root / "site" / "search" / "search_index.json"
    material_gz = len(gzip.compress(material_index.read_bytes(), 6))
    rows: list[str] = []
    summary: dict[str, Any] = {"size": size, "queries": {}}
    with serve(root / "site") as (base, sent), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            _only_local(page, base)
            ours = run_ours(page, base, sent, query, urls)
            context.close()
            summary["queries"][query.label] = {"ours": ours}
        context = browser.new_context()
        page = context.new_page()
        _only_local(page, base)
        worker = next((root / "site").glob("assets/javascripts/workers/search.*.min.js"))
        material = run_material(
            page, base, sent, queries, worker.relative_to(root / "site").as_posix()
        )
        context.close()
        browser.close()
    for query in queries:
        truth = expected(articles, query)
        ours = summary["queries"][query.label]["ours"]
        got = ours["got"]
        rows.append(
            f"| {size} | {query.label} | ours | {len(got)} / {len(truth)} | "
            f"{_ratio(len(got & truth), len(truth))} | {_ratio(len(got & truth), len(got))} | "
            f"{ours['bytes'] / 1024:.0f} kB | {ours['warm_ms']:.0f} ms | {ours['cold_ms']:.0f} ms |"
        )
        mat = material["queries"].get(query.label)
        if mat:
            mgot = mat["got"]
            rows.append(
                f"| {size} | {query.label} | Material | {len(mgot)} / {len(truth)} | "
                f"{_ratio(len(mgot & truth), len(truth))} | "
                f"{_ratio(len(mgot & truth), len(mgot))} | "
                f"{material['bytes'] / 1024:.0f} kB ({material_gz / 1024:.0f} kB gz) | "
                f"{mat['warm_ms']:.0f} ms | {material['setup_ms'] + mat['warm_ms']:.0f} ms |"
            )
        else:
            rows.append(
                f"| {size} | {query.label} | Material | (no filters in Material) | | | | | |"
            )
    note = (
        f"**{size} articles** — {build_note}; our index built alone from the Markdown files: "
        f"{cost['index_s']} s (+ {cost['read_s']} s reading), peak memory {cost['peak_mb']} MB, "
        f"{cost['index_mb']} MB in {cost['shards']} shards + one file per article; Material index "
        f"{material_index.stat().st_size / 1e6:.1f} MB ({material_gz / 1e6:.1f} MB gzipped), "
        f"ready after {material['setup_ms'] / 1000:.1f} s."
    )
    return note, {"rows": rows}


def _only_local(page: Page, base: str) -> None:
    def check(request: Any) -> None:
        if not request.url.startswith(base) and not request.url.startswith(("data:", "blob:")):
            raise AssertionError(f"request to another host: {request.url}")

    page.on("request", check)


HEADER = (
    "| articles | query | engine | returned / expected | recall | precision | "
    "bytes per query (cold) | first results (warm) | first results (cold) |\n"
    "|---:|---|---|---:|---:|---:|---:|---:|---:|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--reuse", action="store_true", help="reuse a site built before")
    parser.add_argument("--out", type=Path, default=OUT / "search-results.md")
    args = parser.parse_args()
    parts = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n"]
    for size in args.sizes:
        note, result = measure(size, args.reuse)
        parts += [note, "", HEADER, *result["rows"], ""]
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(parts) + "\n", encoding="utf-8")
        print("\n".join(parts))


if __name__ == "__main__":
    main()
