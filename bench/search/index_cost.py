"""Time and peak memory of building the search index alone, from an archive's Markdown files.

    python -m bench.search.index_cost DOCS_DIR OUT_DIR   → prints one JSON line

Run in its own process so that the peak resident set size is the index build's own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from scraper.search import build_index, docs_from_dir


def main() -> None:
    docs_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    started = time.perf_counter()
    docs = list(docs_from_dir(docs_dir))
    read = time.perf_counter() - started
    stats = build_index(docs, out)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "read_s": round(read, 1),
                "index_s": round(stats.seconds, 1),
                "peak_mb": round(peak_mb),
                "index_mb": round(stats.bytes / 1e6, 1),
                "grams": stats.keys,
                "shards": stats.shards,
            }
        )
    )


if __name__ == "__main__":
    main()
