"""Build benchmark: the study site against a plain Material build of the same Markdown.

    python -m bench.build 200 2000 [10000] [--chars 3000] [--repeat 2] [--keep DIR] [--out-dir DIR]

For each size N it writes one synthetic archive (``bench.synth``) and builds it in the same run,
each build in a fresh subprocess, after a `sync`, writing into a folder no other build used:

- baseline: Material, articles out of the nav, no hooks, no search plugin (issue 4's baseline);
- site, cold: this project's mkdocs.yml (hooks, generated pages, overrides), no jieba cache;
- site, warm: the same again, jieba's segmentation read from the cache (.cache/rdkb/).

With ``--repeat N`` the three run N times interleaved and the fastest of each counts (the machine
may be shared). Reported: wall time, time per article, ratios to the baseline, peak memory
(proportional set sizes of the whole process tree summed, sampled every 0.1 s) and the analysis
time the hook logs. Results go to stdout and ``bench/out/build.json``. The search hook (issue 5,
benchmarked in bench/search) is left out unless ``--with-search``.

``--out-dir /dev/shm/…`` writes the built sites to memory instead of the work dir's disk: on the
VMs here creating 10,000 small files on disk took anywhere from 0.3 to 5 s (bench/BUILD_RESULTS.md),
noise that hits the build writing more files harder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.synth import write_archive

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
BASELINE_YML = """\
site_name: 人大知识库
theme:
  name: material
  language: zh
  font: false
plugins: []
nav:
  - 首页: index.md
validation:
  nav:
    omitted_files: ignore
"""


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants: proportional set sizes
    (a page shared by forked processes counts once in the sum, not once per process)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
            total += int(match.group(1)) * 1024 if match else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_build(project: Path, out: Path) -> dict[str, float | str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("RDKB_SITE_URL", None)
    shutil.rmtree(out, ignore_errors=True)  # every build writes into an empty directory
    os.sync()  # the disk writes of earlier builds (and of that removal) are not this build's
    start = time.perf_counter()
    proc = subprocess.Popen(
        [MKDOCS, "build", "--strict", "-d", str(out)],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.1)
    wall = time.perf_counter() - start
    log = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{log[-3000:]}")
    analysis = re.search(r"analysed \d+ articles in ([\d.]+) s \(([^)]*)\)", log)
    result: dict[str, float | str] = {"wall_s": round(wall, 2), "peak_mb": round(peak / 2**20)}
    if analysis:
        result["analysis_s"] = float(analysis.group(1))
        result["analysis_detail"] = analysis.group(2)
    search = re.search(r"search index: (.*)", log)  # with --with-search
    if search:
        result["search"] = search.group(1)
    return result


def _fastest(runs: list[dict[str, float | str]]) -> dict[str, float | str]:
    """The run with the smallest wall time (the machine is shared: noise only ever adds time)."""
    best = min(runs, key=lambda r: float(r["wall_s"]))
    return {**best, "runs_s": ", ".join(str(r["wall_s"]) for r in runs)}


def bench_size(
    count: int,
    chars: int,
    workdir: Path,
    with_search: bool,
    repeat: int = 1,
    out_dir: Path | None = None,
) -> dict[str, object]:
    base = workdir / f"n{count}"
    built = out_dir / f"n{count}" if out_dir else base / "out"
    if base.exists():
        shutil.rmtree(base)
    site = base / "site"
    plain = base / "baseline"
    site.mkdir(parents=True)
    plain.mkdir(parents=True)
    # the study site: this project's files; the baseline: Material alone
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not with_search:  # issue 5's search index has its own benchmark (bench/search)
        config = "\n".join(line for line in config.splitlines() if "hooks/search.py" not in line)
    (site / "mkdocs.yml").write_text(config + "\n", encoding="utf-8")
    for folder in ("overrides", "hooks"):
        shutil.copytree(ROOT / folder, site / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(
        ROOT / "docs", site / "docs", ignore=shutil.ignore_patterns("articles", ".rdkb")
    )
    write_archive(site / "docs", count, seed=7, chars=chars)
    (plain / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    shutil.copytree(site / "docs" / "articles", plain / "docs" / "articles")
    (plain / "docs" / "index.md").write_text("# 人大知识库\n", encoding="utf-8")
    cache = site / ".cache"
    baselines, colds, warms = [], [], []
    pages = 0
    for _ in range(repeat):  # interleaved, so load from other processes hits all three alike
        # each build writes into a folder no other build used (a removed tree's blocks and
        # inodes are still being freed when the next build starts writing)
        shutil.rmtree(built, ignore_errors=True)
        baselines.append(run_build(plain, built / "out-baseline"))
        shutil.rmtree(cache, ignore_errors=True)  # cold: jieba segments every article
        colds.append(run_build(site, built / "out-site-cold"))
        warms.append(run_build(site, built / "out-site-warm"))  # segmentation from the cache
        pages = sum(1 for _ in (built / "out-site-warm").rglob("*.html"))
    baseline, ours, warm = _fastest(baselines), _fastest(colds), _fastest(warms)
    row: dict[str, object] = {
        "articles": count,
        "chars_per_article": chars,
        "baseline": baseline,
        "site": ours,
        "site_warm": warm,
        "ratio_warm": round(float(warm["wall_s"]) / float(baseline["wall_s"]), 2),
        "site_html_pages": pages,
        "ratio": round(float(ours["wall_s"]) / float(baseline["wall_s"]), 2),
        "site_ms_per_article": round(1000 * float(ours["wall_s"]) / count, 2),
        "baseline_ms_per_article": round(1000 * float(baseline["wall_s"]) / count, 2),
    }
    row["out_dir"] = str(out_dir) if out_dir else "work dir"
    shutil.rmtree(built, ignore_errors=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--chars", type=int, default=3000, help="characters per article")
    parser.add_argument(
        "--with-search", action="store_true", help="keep hooks/search.py (issue 5) in the build"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds of each kind; the fastest counts"
    )
    parser.add_argument("--keep", type=Path, default=None, help="work dir to keep (default: tmp)")
    parser.add_argument(
        "--out-dir", type=Path, default=None, help="where built sites go (default: the work dir)"
    )
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="rdkb-bench-"))
    rows = []
    for count in args.sizes:
        row = bench_size(count, args.chars, workdir, args.with_search, args.repeat, args.out_dir)
        row["with_search"] = args.with_search
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    report = out / "build.json"
    previous = json.loads(report.read_text()) if report.exists() else []
    report.write_text(json.dumps(previous + rows, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        "| articles | baseline s | site s (cold) | ratio | site s (warm) | ratio | "
        "ms/article cold | peak MB | analysis s cold / warm |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        b, s, w = r["baseline"], r["site"], r["site_warm"]
        assert isinstance(b, dict) and isinstance(s, dict) and isinstance(w, dict)
        print(
            f"| {r['articles']} | {b['wall_s']} | {s['wall_s']} | {r['ratio']} | {w['wall_s']} | "
            f"{r['ratio_warm']} | {r['site_ms_per_article']} | {max(s['peak_mb'], w['peak_mb'])} | "
            f"{s.get('analysis_s', '-')} / {w.get('analysis_s', '-')} |"
        )
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
