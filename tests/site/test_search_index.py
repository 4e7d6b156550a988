"""The search index the site build writes (grams counted in a child process while pages are
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
    assert "grams counted beside the conversion" in site.log  # the child did count them
    built = site.out / "search-index"
    stats = build_index(docs_from_dir(site.docs), tmp_path)
    expected = tmp_path / "search-index"
    assert stats.docs == len(list((site.docs / "articles").rglob("*.md"))) > 0
    shards = sorted(p.name for p in (expected / "shards").iterdir())
    assert sorted(p.name for p in (built / "shards").iterdir()) == shards
    for name in shards:  # byte for byte: same grams, same document numbers
        assert (built / "shards" / name).read_bytes() == (expected / "shards" / name).read_bytes()
    # record files are created ahead, empty (hooks/search.py): every one was then written
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


# A hook run after the search hook's on_files that takes one article out of the build: the
# child then counted an article the build no longer has, and the index must be built inline.
_DROP_ONE_ARTICLE = """
from mkdocs.plugins import event_priority

@event_priority(-200)
def on_files(files, **kwargs):
    article = next(f for f in files.documentation_pages() if f.src_uri.startswith("articles/"))
    files.remove(article)
    return files
"""


def test_index_is_built_inline_when_the_child_counted_other_articles(tmp_path: Path) -> None:
    from tests.site.conftest import build, make_project

    docs = make_project(tmp_path, count=12)
    (tmp_path / "hooks" / "drop_one.py").write_text(_DROP_ONE_ARTICLE, encoding="utf-8")
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks:\n", "hooks:\n  - hooks/drop_one.py\n", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    log = build(tmp_path, tmp_path / "out")
    assert "grams counted beside the conversion" not in log  # the child's shards were dropped
    index = tmp_path / "out" / "search-index"
    articles = len(list((docs / "articles").rglob("*.md")))
    assert json.loads(read_bin(index / "meta.bin"))["docs"] == articles - 1
    assert len(list((index / "docs").iterdir())) == articles - 1  # no record left over
