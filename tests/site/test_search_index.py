"""The search index the site build writes (shards from the cache, or counted while pages are
converted) is the index ``build_index`` writes for the same articles in one go."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.search import build_index, docs_from_dir
from scraper.search.index_format import read_bin
from tests.site.conftest import BuiltSite

pytestmark = pytest.mark.slow


def _records(index: Path) -> list[dict[str, object]]:
    meta = json.loads(read_bin(index / "meta.bin"))
    return [json.loads(read_bin(index / "docs" / f"{n}.bin")) for n in range(meta["docs"])]


def test_site_index_equals_the_index_built_in_one_go(site: BuiltSite, tmp_path: Path) -> None:
    built = site.out / "search-index"
    stats = build_index(docs_from_dir(site.docs), tmp_path)
    expected = tmp_path / "search-index"
    assert stats.docs == len(list((site.docs / "articles").rglob("*.md"))) > 0
    shards = sorted(p.name for p in (expected / "shards").iterdir())
    assert sorted(p.name for p in (built / "shards").iterdir()) == shards
    for name in shards:  # byte for byte: same grams, same document numbers
        assert (built / "shards" / name).read_bytes() == (expected / "shards" / name).read_bytes()
    assert not [p for p in built.rglob("*.bin") if p.stat().st_size == 0]
    assert len(list((built / "docs").iterdir())) == stats.docs
    records, plain = _records(built), _records(expected)
    assert [r["u"] for r in records] == [r["u"] for r in plain]
    for record, other in zip(records, plain, strict=True):
        # the same text; only the site knows each heading's anchor
        assert [s[1:] for s in record["s"]] == [s[1:] for s in other["s"]]  # type: ignore[index, union-attr]
        assert {k: v for k, v in record.items() if k != "s"} == {
            k: v for k, v in other.items() if k != "s"
        }
    anchored = [s[0] for r in records for s in r["s"] if s[1]]  # type: ignore[index, union-attr]
    assert anchored and all(anchored)  # every heading links to its section


# A hook run after ours that takes one article out of the build: the shards were started for an
# article the build no longer has, and they must be counted again.
_DROP_ONE_ARTICLE = """
from mkdocs.plugins import event_priority

@event_priority(-200)
def on_files(files, **kwargs):
    article = next(f for f in files.documentation_pages() if f.src_uri.startswith("articles/"))
    files.remove(article)
    return files
"""


def test_index_is_counted_again_when_an_article_left_the_build(tmp_path: Path) -> None:
    from tests.site.conftest import build, make_project

    docs = make_project(tmp_path, count=12)
    (tmp_path / "hooks" / "drop_one.py").write_text(_DROP_ONE_ARTICLE, encoding="utf-8")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks:\n", "hooks:\n  - hooks/drop_one.py\n", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(tmp_path, tmp_path / "out")
    index = tmp_path / "out" / "search-index"
    articles = len(list((docs / "articles").rglob("*.md")))
    assert json.loads(read_bin(index / "meta.bin"))["docs"] == articles - 1
    assert len(list((index / "docs").iterdir())) == articles - 1  # no record left over


def test_a_second_build_takes_the_shards_from_the_cache(tmp_path: Path) -> None:
    """Issue 14, point 3: nothing changed, nothing counted; one article changed, counted again
    (and the result is still the index of the articles as they are now)."""
    from tests.site.conftest import build, make_project

    docs = make_project(tmp_path, count=12)
    first = build(tmp_path, tmp_path / "out1")
    assert "taken from the cache" not in first
    second = build(tmp_path, tmp_path / "out2")
    assert "taken from the cache" in second
    shards = sorted((tmp_path / "out1" / "search-index" / "shards").iterdir())
    for shard in shards:
        assert (tmp_path / "out2" / "search-index" / "shards" / shard.name).read_bytes() == (
            shard.read_bytes()
        )
    changed = sorted((docs / "articles").rglob("*.md"))[0]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n新加的一段：独一无二的检索词汇。\n",
        encoding="utf-8",
    )
    third = build(tmp_path, tmp_path / "out3")
    assert "taken from the cache" not in third
    build_index(docs_from_dir(docs), tmp_path / "plain")
    expected = tmp_path / "plain" / "search-index" / "shards"
    for shard in expected.iterdir():
        assert (tmp_path / "out3" / "search-index" / "shards" / shard.name).read_bytes() == (
            shard.read_bytes()
        )


def test_the_worker_counts_the_shards_build_index_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker path (a spawned process, plain data in): the same bytes as counting here."""
    from scraper.analysis.offload import Offload
    from scraper.search import IndexSettings, site_index
    from tests.site.conftest import make_project

    (tmp_path / "p").mkdir()
    docs = list(docs_from_dir(make_project(tmp_path / "p", count=12)))
    monkeypatch.setattr(site_index, "OFFLOAD_MIN", 1)
    offload = Offload()
    try:
        index = site_index.SiteIndex(
            tmp_path / "site", "k", lambda: docs, IndexSettings(), tmp_path / "cache", offload
        )
        stats = index.finish(docs)
        assert offload.started and stats.background_seconds is not None
    finally:
        offload.close()
    build_index(docs, tmp_path / "plain")
    expected = tmp_path / "plain" / "search-index"
    for path in expected.rglob("*.bin"):
        assert (tmp_path / "site" / "search-index" / path.relative_to(expected)).read_bytes() == (
            path.read_bytes()
        ), path
