"""Analysis benchmark: the build-time analysis alone (no MkDocs) on a synthetic archive.

    python -m bench.analysis 10000 [--chars 3000]

Reads the archive, runs ``scraper.analysis.corpus.analyse`` without the segmentation cache (the
cold case) and prints the time of each step and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.synth import write_archive
from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.entries import load_archive
from scraper.analysis.themes import load_taxonomy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--chars", type=int, default=3000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rdkb-analysis-"))
    try:
        write_archive(work, args.count, seed=7, chars=args.chars)
        start = time.perf_counter()
        entries = load_archive(work)
        loaded = time.perf_counter() - start
        result = analyse(entries, load_taxonomy(), load_glossary())
        total = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = {
        "articles": args.count,
        "load_s": round(loaded, 2),
        "analysis_s": round(total - loaded, 2),
        "steps_s": result.timings,
        "peak_mb": round(kib / 1024),
    }
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
