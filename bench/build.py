"""Build benchmark (issue 14, point 9): the site as it ships against plain Material, same run.

    python -m bench.build 2000 10000 [--repeat 2] [--chars 3000] [--loc-before REV]
                          [--keep DIR] [--out-dir DIR]

For each size N it writes one synthetic archive (``bench.synth``) and builds it, each build with
``mkdocs build --strict`` in a fresh subprocess (what ``rdkb build`` runs), after a ``sync``,
into a folder no other build used:

- baseline: Material alone, articles out of the nav, no hooks, no search plugin;
- cold: the shipped ``mkdocs.yml`` as it is (hooks, generated pages, the site's search index),
  copied with ``hooks/``, ``overrides/`` and the hand-written pages as ``rdkb init`` copies them,
  with no ``.cache/rdkb/``;
- warm: the same again, nothing changed (the cache of the cold build);
- +1%: warm, after adding 1% new articles drawn like the rest; its ratio is against a baseline
  build of the same N + 1% articles (also measured), the +1% articles are removed afterwards.

With ``--repeat N`` every kind runs N times, interleaved, and the fastest counts (the machine may
be shared: noise only ever adds time). Peak memory of a build is the larger of the whole process
tree's memory sampled every 0.1 s (RSS summed with psutil when it is installed; on Linux without
it, proportional set sizes from /proc, so pages forked processes share count once) and the exact
peak RSS of its largest single process (``os.wait4``'s rusage: what
``getrusage(RUSAGE_CHILDREN)`` reports, for this build alone). Prints a Markdown table, and the
lines of code (non-blank, non-comment Python lines) of hooks/ + scraper/publish/ +
scraper/analysis/ in the working tree and, with ``--loc-before REV``, at that git revision
(the Jinja templates' non-blank lines in overrides/ and scraper/publish/templates/ beside them,
not in the total: markup moved there from Python).
Raw results are appended to ``bench/out/build.json``.

``--out-dir /dev/shm/…`` writes the built sites to memory instead of the work dir's disk (on the
VMs here creating 10,000 small files on disk took anywhere from 0.3 to 5 s).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.synth import write_archive
from scraper.project import init_archive

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
LOC_FOLDERS = ("hooks", "scraper/publish", "scraper/analysis")
# markup moved out of Python (issue 14, point 5): shown beside the total, not in it
TEMPLATE_FOLDERS = ("overrides", "scraper/publish/templates")
TEMPLATE_SUFFIXES = (".html", ".xml", ".xsl", ".j2", ".jinja", ".svg")
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
KINDS = ("baseline", "cold", "warm", "baseline_plus", "plus")


@dataclass(frozen=True)
class Run:
    """One build: wall time, peak memory, and the lines the site's hooks logged about itself."""

    wall_s: float
    peak_mb: int
    log: tuple[str, ...] = field(default=())


# Memory


def _tree_memory(pid: int) -> int:
    """Bytes of memory held now by a process and all its descendants (0 if unknown here)."""
    try:
        import psutil  # optional: not a dependency of rdkb
    except ImportError:
        return _proc_pss(pid)
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total


def _proc_pss(pid: int) -> int:
    """Linux without psutil: the tree's proportional set sizes (shared pages counted once)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
            total += int(match.group(1)) * 1024 if match else 0
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return total


def _maxrss_bytes(rusage: object) -> int:
    """``ru_maxrss`` in bytes: kilobytes on Linux, bytes on macOS."""
    value = int(getattr(rusage, "ru_maxrss", 0))
    return value if sys.platform == "darwin" else value * 1024


def _wait(proc: subprocess.Popen[str], sample: float = 0.1) -> tuple[int, int]:
    """Wait for ``proc`` while sampling its tree's memory; returns (exit code, peak bytes)."""
    peak = 0
    if not hasattr(os, "wait4"):  # Windows: sampling only
        while proc.poll() is None:
            peak = max(peak, _tree_memory(proc.pid))
            time.sleep(sample)
        return proc.returncode, peak
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:  # reaped here, so Popen must not wait for it again
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, max(peak, _maxrss_bytes(rusage))
        peak = max(peak, _tree_memory(proc.pid))
        time.sleep(sample)


# Builds


def run_build(project: Path, out: Path) -> Run:
    """``mkdocs build --strict`` of ``project`` into ``out`` (emptied first), timed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("RDKB_SITE_URL", None)
    shutil.rmtree(out, ignore_errors=True)
    if hasattr(os, "sync"):
        os.sync()  # the disk writes of earlier builds (and of that removal) are not this build's
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log_file:
        proc = subprocess.Popen(
            [MKDOCS, "build", "--strict", "-d", str(out)],
            cwd=project,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            text=True,
        )
        code, peak = _wait(proc)
        wall = time.perf_counter() - start
        log_file.seek(0)
        log = log_file.read()
    if code != 0:
        raise SystemExit(f"build failed in {project}:\n{log[-3000:]}")
    ours = tuple(line for line in log.splitlines() if "rdkb:" in line or "search index" in line)
    return Run(round(wall, 2), round(peak / 2**20), ours)


def make_projects(base: Path, count: int, chars: int) -> tuple[Path, Path]:
    """The shipped site (as ``rdkb init`` makes it) and the baseline, with the same articles."""
    site, plain = base / "site", base / "baseline"
    init_archive(site, ROOT)
    write_archive(site / "docs", count, seed=7, chars=chars)
    (plain / "docs").mkdir(parents=True)
    (plain / "mkdocs.yml").write_text(BASELINE_YML, encoding="utf-8")
    shutil.copytree(site / "docs" / "articles", plain / "docs" / "articles")
    (plain / "docs" / "index.md").write_text("# 人大知识库\n", encoding="utf-8")
    return site, plain


def add_one_percent(site: Path, plain: Path, count: int, chars: int) -> list[Path]:
    """Add 1% new articles (at least one) to both projects; returns the files written."""
    added = write_archive(site / "docs", max(1, math.ceil(count / 100)), 7, chars, first=count)
    copies = []
    for path in added:
        copy = plain / path.relative_to(site)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        copies.append(copy)
    return added + copies


def bench_size(
    count: int, chars: int, workdir: Path, repeat: int, out_dir: Path | None
) -> dict[str, object]:
    base = workdir / f"n{count}"
    shutil.rmtree(base, ignore_errors=True)
    site, plain = make_projects(base, count, chars)
    built = (out_dir / f"n{count}") if out_dir else base / "out"
    runs: dict[str, list[Run]] = {kind: [] for kind in KINDS}
    for n in range(repeat):  # interleaved, so load from other processes hits every kind alike
        shutil.rmtree(built, ignore_errors=True)
        runs["baseline"].append(run_build(plain, built / f"baseline-{n}"))
        shutil.rmtree(site / ".cache" / "rdkb", ignore_errors=True)
        runs["cold"].append(run_build(site, built / f"cold-{n}"))
        runs["warm"].append(run_build(site, built / f"warm-{n}"))
        added = add_one_percent(site, plain, count, chars)
        try:
            runs["baseline_plus"].append(run_build(plain, built / f"baseline-plus-{n}"))
            runs["plus"].append(run_build(site, built / f"plus-{n}"))
        finally:
            for path in added:
                path.unlink()
        print(f"  n={count} round {n + 1}/{repeat}: " + _round_line(runs), file=sys.stderr)
    shutil.rmtree(built, ignore_errors=True)
    best = {kind: min(kind_runs, key=lambda r: r.wall_s) for kind, kind_runs in runs.items()}
    return {
        "articles": count,
        "added": max(1, math.ceil(count / 100)),
        "chars_per_article": chars,
        "repeat": repeat,
        "best": {kind: asdict(run) for kind, run in best.items()},
        "runs_s": {kind: [r.wall_s for r in kind_runs] for kind, kind_runs in runs.items()},
        "peak_mb": max(r.peak_mb for kind in ("cold", "warm", "plus") for r in runs[kind]),
        "baseline_peak_mb": max(r.peak_mb for r in runs["baseline"] + runs["baseline_plus"]),
        "out_dir": str(out_dir) if out_dir else "work dir",
    }


def _round_line(runs: dict[str, list[Run]]) -> str:
    return ", ".join(f"{kind} {kind_runs[-1].wall_s} s" for kind, kind_runs in runs.items())


def table(rows: list[dict[str, object]]) -> str:
    """The results as a Markdown table; ratios against the baseline of the same article set."""
    lines = [
        "| articles | baseline s | cold s (ratio) | warm s (ratio) | +1% s (ratio) | peak MB |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        best = row["best"]
        assert isinstance(best, dict)
        wall = {kind: float(best[kind]["wall_s"]) for kind in KINDS}

        lines.append(
            f"| {row['articles']:,} | {wall['baseline']:.2f} | {_cell(wall, 'cold')} | "
            f"{_cell(wall, 'warm')} | {_cell(wall, 'plus', 'baseline_plus')} | {row['peak_mb']:,} |"
        )
    return "\n".join(lines)


def _cell(wall: dict[str, float], kind: str, against: str = "baseline") -> str:
    return f"{wall[kind]:.2f} ({wall[kind] / wall[against]:.2f}×)"


# Lines of code


def code_lines(text: str) -> int:
    """Non-blank lines that are not only a comment (docstrings count: they are code to keep)."""
    return sum(
        1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def _counted(folder: str, name: str) -> bool:
    if folder in TEMPLATE_FOLDERS:
        return name.endswith(TEMPLATE_SUFFIXES)
    return name.endswith(".py")


def loc_now(root: Path = ROOT) -> dict[str, int]:
    """Lines of code per folder in the working tree."""
    return {
        folder: sum(
            code_lines(p.read_text(encoding="utf-8"))
            for p in sorted((root / folder).rglob("*"))
            if p.is_file() and _counted(folder, p.name)
        )
        for folder in (*LOC_FOLDERS, *TEMPLATE_FOLDERS)
    }


def loc_at(rev: str, root: Path = ROOT) -> dict[str, int]:
    """Lines of code per folder at git revision ``rev`` (``git show REV:path``)."""
    counts = {}
    for folder in (*LOC_FOLDERS, *TEMPLATE_FOLDERS):
        names = _git(root, "ls-tree", "-r", "--name-only", rev, "--", folder).splitlines()
        counts[folder] = sum(
            code_lines(_git(root, "show", f"{rev}:{name}"))
            for name in names
            if _counted(folder, name)
        )
    return counts


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8"
    )
    if result.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def loc_table(now: dict[str, int], before: dict[str, int] | None, rev: str | None) -> str:
    """Python lines per folder and their total; template lines below it, outside the total."""
    head = f"| lines of code | {rev} | working tree |" if before else "| lines of code | now |"
    lines = [head, "|---|---|---|" if before else "|---|---|"]
    rows = [(f"{f}/", {f}) for f in LOC_FOLDERS] + [("total (Python)", set(LOC_FOLDERS))]
    rows += [(f"{f}/ (templates, not in the total)", {f}) for f in TEMPLATE_FOLDERS]
    for name, folders in rows:
        value = sum(now[f] for f in folders)
        if before is not None:
            old = sum(before[f] for f in folders)
            lines.append(f"| {name} | {old:,} | {value:,} ({value - old:+,}) |")
        else:
            lines.append(f"| {name} | {value:,} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+", help="articles per archive, e.g. 2000 10000")
    parser.add_argument("--chars", type=int, default=3000, help="characters per article")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind; fastest counts")
    # the search index is always built now, as it ships; the old flag is accepted and ignored
    parser.add_argument("--with-search", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--loc-before", metavar="REV", help="git revision to count lines at too")
    parser.add_argument("--keep", type=Path, default=None, help="work dir to keep (default: tmp)")
    parser.add_argument(
        "--out-dir", type=Path, default=None, help="where built sites go (default: the work dir)"
    )
    args = parser.parse_args()
    before = loc_at(args.loc_before) if args.loc_before else None  # fail early on a bad REV
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="rdkb-bench-"))
    rows = []
    try:
        for count in args.sizes:
            rows.append(bench_size(count, args.chars, workdir, max(1, args.repeat), args.out_dir))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    now = loc_now()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    report = out / "build.json"
    previous = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
    record = {"rows": rows, "loc": now, "loc_before": before, "loc_before_rev": args.loc_before}
    report.write_text(
        json.dumps([*previous, record], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(table(rows))
    print()
    print(loc_table(now, before, args.loc_before))


if __name__ == "__main__":
    main()
