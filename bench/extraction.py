"""Extraction benchmark: rdkb's pipeline against trafilatura's bare extraction as the baseline.

Both run in the same invocation, each in its own subprocess (so peak memory is per engine), over
the bundled sample pages repeated to ``--pages`` pages. Also reports body accuracy on the samples'
expected JSON: how often each engine's text starts with the expected first paragraph, contains
the expected last one and keeps every listed boilerplate string out.

    python -m bench.extraction [--pages 3000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

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
    parser.add_argument("--engine", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:  # child process: one engine, JSON on stdout
        result = run_engine(args.engine, args.pages) | accuracy(args.engine)
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


if __name__ == "__main__":
    main()
