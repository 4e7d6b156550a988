"""Build a benchmark site: a synthetic archive with both search engines in one MkDocs build.

The site uses Material with the project's header override and ``hooks/search.py`` (our index
in ``search-index/``) and Material's own search plugin with ``lang: zh`` (jieba; its index in
``search/search_index.json``), so both engines answer over the very same pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.search.corpus import write_archive

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """\
site_name: 人大知识库（搜索基准）
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  custom_dir: {root}/overrides
  language: zh
  font: false
plugins:
  - search:
      lang: zh
hooks:
  - {root}/hooks/search.py
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
extra_javascript:
  - assets/search/search.js
extra_css:
  - assets/search/search.css
nav:
  - 首页: index.md
validation:
  nav:
    omitted_files: ignore
"""


@dataclass(frozen=True)
class SiteBuild:
    root: Path  # holds mkdocs.yml, docs/ and site/
    seconds: float
    index_seconds: float
    log: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def docs(self) -> Path:
        return self.root / "docs"


def prepare(root: Path, count: int, seed: int = 1) -> None:
    """Write the archive, the home page, our client assets and mkdocs.yml under ``root``."""
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    write_archive(docs, count, seed)
    (docs / "index.md").write_text("# 搜索基准\n\n合成文章，仅用于测量搜索。\n", encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets" / "search", docs / "assets" / "search")
    (root / "mkdocs.yml").write_text(CONFIG.format(root=ROOT), encoding="utf-8")


def build(root: Path) -> SiteBuild:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    found = re.search(r"search index: .*, ([\d.]+) s$", done.stderr + done.stdout, re.MULTILINE)
    return SiteBuild(root, seconds, float(found.group(1)) if found else float("nan"), done.stderr)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    prepare(target, int(sys.argv[2]))
    result = build(target)
    print(f"built in {result.seconds:.1f} s (our index {result.index_seconds:.1f} s)")
