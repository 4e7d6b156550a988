"""Extraction benchmark: rdkb's pipeline against trafilatura's bare extraction as the baseline.

Both run in the same invocation, each in its own subprocess (so peak memory is per engine), over
the bundled sample pages repeated to ``--pages`` pages. Also reports body accuracy on the samples'
expected JSON: how often each engine's text starts with the expected first paragraph, contains
the expected last one and keeps every listed boilerplate string out.

On the labelled real pages (``../shared/real-pages``, when present) it reports per-field accuracy
with the meaning of that folder's ``score.py`` (``bench.real_pages``): rdkb on all pages and on
the set-aside third (every third page), and rdkb next to trafilatura (``extract`` with metadata:
title, date, author, text) on the pages where trafilatura applies — the HTML pages; it reads no
text dumps. Pages per second of both on those pages are measured in the same run.

    python -m bench.extraction [--pages 3000] [--real-repeat 5]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import real_pages

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def sample_pages() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.suffix in {".html", ".txt"})


def _rdkb_text(content: bytes, origin: str) -> str | None:
    from scraper.errors import InputError
    from scraper.pipeline import article_from_raw
    from scraper.records import RawPage

    try:
        return article_from_raw(RawPage(content, origin)).body
    except InputError:
        return None


def _trafilatura_text(content: bytes, origin: str) -> str | None:
    import trafilatura

    text: str | None = trafilatura.extract(content)
    return text


ENGINES = {"rdkb": _rdkb_text, "trafilatura": _trafilatura_text}
# Fields trafilatura's output has (it has no region, and its sitename is not the 来源 field).
TRAFILATURA_FIELDS = ("title", "date", "authors", "body_first", "body_last", "boilerplate")


def _trafilatura_record(content: bytes, origin: str) -> real_pages.Record | None:
    """trafilatura's extraction with metadata, in the shape of rdkb's dry-run record."""
    import trafilatura

    out = trafilatura.extract(
        content, output_format="json", with_metadata=True, include_comments=False
    )
    if not out:
        return None
    data: dict[str, Any] = json.loads(out)
    names = [n.strip() for n in re.split(r"[;,；，、]", data.get("author") or "") if n.strip()]
    return {
        "title": data.get("title"),
        "date": data.get("date"),
        "authors": [{"name": name, "position": None} for name in names],
        "region": None,
        "source": None,
        "body": data.get("text") or "",
    }


RECORDS = {"rdkb": real_pages.rdkb_record, "trafilatura": _trafilatura_record}


def real_page_names(engine: str) -> list[str]:
    """The real pages an engine is run on: trafilatura only where it applies (HTML)."""
    names = sorted(real_pages.labels())
    if engine == "trafilatura":
        names = [n for n in names if n.endswith((".html", ".htm"))]
    return names


def run_real(engine: str, repeat: int) -> dict[str, Any]:
    """Per-field scores on the real pages, and pages per second (after one warm-up pass)."""
    record = RECORDS[engine]
    names = real_page_names(engine)
    contents = {name: (real_pages.REAL_PAGES / name).read_bytes() for name in names}
    records = {name: record(contents[name], name) for name in names}  # also the warm-up
    html = [n for n in names if n.endswith((".html", ".htm"))]
    started = time.perf_counter()
    for _ in range(repeat):
        for name in html:
            record(contents[name], name)
    html_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(repeat):
        for name in names:
            record(contents[name], name)
    all_seconds = time.perf_counter() - started
    fields = real_pages.FIELDS if engine == "rdkb" else TRAFILATURA_FIELDS
    return {
        "all": real_pages.score(names, records.get, fields),
        "held_out": real_pages.score(
            [n for n in names if real_pages.held_out(n)], records.get, fields
        ),
        "html": real_pages.score(html, records.get, fields),
        "html_pages_per_second": len(html) * repeat / html_seconds if html else 0.0,
        "pages_per_second": len(names) * repeat / all_seconds if names else 0.0,
    }


def run_engine(engine: str, pages: int) -> dict[str, float]:
    """Time one engine over the samples repeated to ``pages`` pages (after one warm-up pass)."""
    extract = ENGINES[engine]
    contents = [(p.read_bytes(), str(p)) for p in sample_pages()]
    for content, origin in contents:  # warm-up: imports, dictionaries, caches
        extract(content, origin)
    started = time.perf_counter()
    extracted = 0
    for index in range(pages):
        content, origin = contents[index % len(contents)]
        extracted += extract(content, origin) is not None
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": pages, "seconds": seconds, "extracted": extracted, "peak_mb": peak_mb}


def accuracy(engine: str) -> dict[str, int]:
    """Bodies that are right on the samples' expected JSON (first, last, no boilerplate)."""
    extract = ENGINES[engine]
    right = total = 0
    for expected_path in sorted(SAMPLES.rglob("*.expected.json")):
        expected = json.loads(expected_path.read_text("utf-8"))
        stem = expected_path.name.removesuffix(".expected.json")
        (page,) = [p for p in expected_path.parent.glob(f"{stem}.*") if p.suffix != ".json"]
        text = extract(page.read_bytes(), str(page)) or ""
        plain = text.replace("\\", "")
        total += 1
        right += (
            expected["body_first"][:30] in plain[:200]
            and expected["body_last"][-30:] in plain
            and not any(s in plain for s in expected.get("not_in_body", []))
        )
    return {"right": right, "total": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument(
        "--real-repeat", type=int, default=5, help="passes over the real pages for the timing"
    )
    parser.add_argument("--engine", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:  # child process: one engine, JSON on stdout
        result: dict[str, Any] = run_engine(args.engine, args.pages) | accuracy(args.engine)
        if real_pages.labels():
            result["real"] = run_real(args.engine, args.real_repeat)
        print(json.dumps(result))
        return
    results = {}
    for engine in ("trafilatura", "rdkb"):
        print(f"running {engine} over {args.pages} pages…", file=sys.stderr)
        output = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.extraction",
                "--engine",
                engine,
                "--pages",
                str(args.pages),
                "--real-repeat",
                str(args.real_repeat),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[engine] = json.loads(output.strip().splitlines()[-1])
    base = results["trafilatura"]
    print("| engine | pages/s | ratio | peak MB | ratio | bodies right on samples |")
    print("|---|---|---|---|---|---|")
    for engine, r in results.items():
        rate = r["pages"] / r["seconds"]
        base_rate = base["pages"] / base["seconds"]
        print(
            f"| {engine} | {rate:.0f} | {rate / base_rate:.2f}× | {r['peak_mb']:.0f} | "
            f"{r['peak_mb'] / base['peak_mb']:.2f}× | {r['right']}/{r['total']} |"
        )

    if "real" in results["rdkb"]:
        print()
        print(real_table(results["rdkb"]["real"], results["trafilatura"]["real"]))
    else:
        print(f"\n(real pages: {real_pages.LABELS} is absent; no per-field scores)")


def _cell(scores: dict[str, list[int]], field: str) -> str:
    if field not in scores:
        return "n/a"
    passed, total = scores[field]
    return f"{passed}/{total} ({100 * passed / total:.0f}%)" if total else "–"


def real_table(rdkb: dict[str, Any], trafilatura: dict[str, Any]) -> str:
    """Per-field accuracy on the real pages (score.py's meaning) and pages per second."""
    n_all, n_held, n_html = (rdkb[k]["imported"][1] for k in ("all", "held_out", "html"))
    lines = [
        f"| field | rdkb, all {n_all} pages | rdkb, set-aside third ({n_held}) | "
        f"rdkb, HTML pages ({n_html}) | trafilatura, HTML pages ({n_html}) |",
        "|---|---|---|---|---|",
    ]
    for field in (*real_pages.FIELDS, "imported"):
        cells = [_cell(rdkb[k], field) for k in ("all", "held_out", "html")]
        lines.append(
            f"| {field} | " + " | ".join(cells) + f" | {_cell(trafilatura['html'], field)} |"
        )

    def checks(scores: dict[str, list[int]]) -> list[int]:
        fields = [v for f, v in scores.items() if f != "imported"]
        return [sum(v[0] for v in fields), sum(v[1] for v in fields)]

    totals = {k: checks(rdkb[k]) for k in ("all", "held_out", "html")}
    totals["trafilatura"] = checks(trafilatura["html"])
    cells = [_cell(totals, k) for k in ("all", "held_out", "html", "trafilatura")]
    lines.append("| all checks | " + " | ".join(cells) + " (its fields only) |")
    same = checks({f: v for f, v in rdkb["html"].items() if f in TRAFILATURA_FIELDS})
    lines.append(
        f"| checks on trafilatura's fields | | | {_cell({'r': same}, 'r')} | {cells[-1]} |"
    )
    lines.append(
        f"| pages/s | {rdkb['pages_per_second']:.1f} | | {rdkb['html_pages_per_second']:.1f} | "
        f"{trafilatura['html_pages_per_second']:.1f} |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
