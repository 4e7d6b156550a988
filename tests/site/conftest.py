"""Build a real site (``mkdocs build --strict`` in a subprocess) once per test session.

The archive is synthetic (``bench.synth``) plus hand-written articles for the edge cases:
no author, a position without a name, no region, hand-set themes, a concept only in a heading or
inside a link, a repost (``also_at``), a non-sample URL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml

from bench.synth import write_archive
from tests.conftest import ROOT

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
UNDATED_SRC = "articles/undated/undated-special.md"

SPECIAL = {
    # issue 12: a page with no date the extractor trusts is archived undated (日期不详)
    UNDATED_SRC: (
        {
            "title": "乡镇人大主席团开展民生实事项目票决",
            "date": None,
            "site": "某县人大网",
            "url": "https://site.example/undated/1.html",
            "review": {"date": "no date on the page; none in the URL"},
        },
        "乡镇人大主席团组织代表对年度民生实事项目进行票决，确定道路硬化、饮水工程等八个项目。\n\n"
        "代表们表示，将全程监督项目实施，确保民生实事办实办好。\n",
    ),
    "articles/2023/2023-03-01-special-unsigned.md": (
        {
            "title": "关于地方立法工作的几点思考",
            "date": "2023-03-01",
            "themes": ["立法工作"],
            "also_at": ["https://repost.example/a/1.html"],
            "url": "https://site.example/a/1.html",
        },
        "## 备案审查的意义\n\n本文谈地方立法，不谈[备案审查](https://site.example/x)。"
        "科学立法、民主立法、依法立法要落到实处。\n\n"
        "各地设立基层立法联系点，让群众意见直达立法机关。执法检查是另一回事。\n",
    ),
    "articles/2024/2024-06-02-special-position.md": (
        {
            "title": "人大代表联络站里的一次接待",
            "date": "2024-06-02",
            "authors": [{"name": None, "position": "某县人大常委会办公室"}],
            "region": ["浙江省", "杭州市", "西湖区"],
            "source": "西湖人大",
            "site": "杭州人大网",
            "url": "https://www.hzrd.gov.cn/art/2024/6/2/1.html",
        },
        "周六上午，人大代表联络站迎来了十多位居民。大家反映小区加装电梯的问题。\n\n"
        "代表们逐一登记，并承诺跟进办理。\n\n"
        # the one quoting article that is no sample (the quotation index leaves samples out);
        # test text only, never published: a placeholder, not anybody's words
        "座谈会上重温了习近平总书记强调：“这是检验引文索引的占位文字，不是真实引语。”\n",
    ),
}


@dataclass
class BuiltSite:
    kind: str  # "synthetic" (bench.synth + the SPECIAL articles) or "samples" (docs/articles)
    root: Path  # the temporary project
    docs: Path
    out: Path  # the built site
    log: str

    def page(self, url: str) -> Path:
        """The HTML file behind a site-root-relative URL."""
        path = self.out / unquote(url.split("#")[0])
        return path / "index.html" if url.endswith("/") or path.is_dir() else path

    def resolve(self, page_url: str, href: str) -> str:
        """Site-root-relative URL of ``href`` found on the page at ``page_url``."""
        absolute = urljoin("http://site.invalid/" + page_url, href)
        return unquote(absolute.removeprefix("http://site.invalid/").split("#")[0])

    def front_matter(self) -> dict[str, dict[str, object]]:
        """Front matter of every article, keyed by its page URL (read with plain PyYAML)."""
        found = {}
        for path in sorted((self.docs / "articles").rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            meta = yaml.safe_load(text.split("---\n")[1])
            meta["_body"] = text.split("---\n", 2)[2]
            rel = path.relative_to(self.docs).with_suffix("").as_posix()
            found[rel + "/"] = meta
        return found


def make_project(root: Path, count: int, chars: int = 1200, samples: bool = False) -> Path:
    """Copy the project's site files into ``root`` with a synthetic archive (or, with ``samples``,
    the project's own docs/articles, as imported from samples/); returns docs/."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, root / name)
    for folder in ("overrides", "hooks"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    skip = (".rdkb",) if samples else ("articles", ".rdkb")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*skip))
    docs = root / "docs"
    if samples:
        return docs
    write_archive(docs, count, seed=11, chars=chars)
    for rel, (meta, body) in SPECIAL.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    return docs


def build(root: Path, out: Path, extra_env: dict[str, str] | None = None) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("RDKB_SITE_URL", None) if not extra_env else None
    result = subprocess.run(
        [MKDOCS, "build", "--strict", "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log
    return log


def _samples_imported() -> bool:
    return any((ROOT / "docs" / "articles").rglob("*.md"))


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("synthetic")
    docs = make_project(root, count=90)
    out = root / "out"
    return BuiltSite("synthetic", root=root, docs=docs, out=out, log=build(root, out))


@pytest.fixture(scope="session")
def samples_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    if not _samples_imported():
        pytest.skip("docs/articles is empty: run `rdkb import samples/` (make site) first")
    root = tmp_path_factory.mktemp("samples")
    docs = make_project(root, count=0, samples=True)
    out = root / "out"
    return BuiltSite("samples", root=root, docs=docs, out=out, log=build(root, out))


@pytest.fixture(params=["synthetic", "samples"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    """Both archives: the synthetic one with its edge cases, and the bundled samples."""
    built: BuiltSite = request.getfixturevalue(f"{request.param}_site")
    return built
