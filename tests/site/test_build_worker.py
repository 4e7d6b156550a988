"""The build's one worker: started only for work the cache lacks, stopped after a good build and
after a failed one (``mkdocs serve`` survives a failed build: a worker per failure would pile up).

These builds run in this process (MkDocs' own ``build``), so the worker thresholds can be lowered
to make a small archive use the worker.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from scraper.analysis import facts
from scraper.analysis.offload import Offload
from scraper.publish import downloads
from scraper.search import site_index
from tests.site.conftest import make_project

FAIL_LATE = """
def on_page_context(context, page, **kwargs):
    if page.file.src_uri.startswith("articles/"):
        raise RuntimeError("a later plugin failed")
"""


@pytest.fixture
def worker_for_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (facts, site_index, downloads):
        monkeypatch.setattr(module, "OFFLOAD_MIN", 1)


def _config(root: Path, extra_hook: str | None = None):  # type: ignore[no-untyped-def]
    if extra_hook:
        (root / "hooks" / "extra.py").write_text(extra_hook, encoding="utf-8")
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(
            text.replace("hooks:\n", "hooks:\n  - hooks/extra.py\n", 1), encoding="utf-8"
        )
    return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "out"))


@pytest.mark.usefixtures("worker_for_everything")
def test_a_good_build_stops_its_worker(tmp_path: Path) -> None:
    make_project(tmp_path, count=8)
    build(_config(tmp_path))
    assert (tmp_path / "out" / "search-index" / "meta.bin").exists()
    assert list((tmp_path / "out" / "downloads" / "months").iterdir())
    assert not [o for o in Offload._alive if o.started]
    assert multiprocessing.active_children() == []


@pytest.mark.usefixtures("worker_for_everything")
def test_a_failed_build_stops_its_worker(tmp_path: Path) -> None:
    make_project(tmp_path, count=8)
    with pytest.raises(Exception, match="a later plugin failed"):
        build(_config(tmp_path, FAIL_LATE))
    assert not [o for o in Offload._alive if o.started]
    assert multiprocessing.active_children() == []


def test_a_warm_build_starts_no_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path, count=8)
    build(_config(tmp_path))  # fills .cache/rdkb/
    started: list[Offload] = []
    submit = Offload.submit

    def spy(self: Offload, *args: object, **kwargs: object) -> object:
        started.append(self)
        return submit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Offload, "submit", spy)
    for module in (facts, site_index, downloads):
        monkeypatch.setattr(module, "OFFLOAD_MIN", 1)
    build(_config(tmp_path))
    assert started == []
