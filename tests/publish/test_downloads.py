"""The Word study documents of the site: which there are, and made only when their text changed."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import Analysis, analyse
from scraper.analysis.offload import Offload
from scraper.analysis.themes import load_taxonomy
from scraper.publish import downloads
from scraper.publish.downloads import Documents, month_path, plan_downloads, theme_path
from tests.analysis.conftest import article, entries

SUPERVISION = "市人大常委会开展执法检查，听取审议专项工作报告，开展专题询问，跟踪监督整改。"


def _analysis(count: int, extra: str = "") -> Analysis:
    arts = [
        article(f"执法检查第{n}篇", SUPERVISION + extra * (n == 0), f"2024-0{1 + n % 3}-1{n % 9}")
        for n in range(count)
    ]
    return analyse(entries(*arts), load_taxonomy(), load_glossary())


def _headings(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def test_a_document_per_month_and_per_theme_capped_at_the_newest() -> None:
    analysis = _analysis(9)
    plan = {d.src_uri: d for d in plan_downloads(analysis, theme_size=4)}
    supervision = plan[theme_path("supervision")]
    assert len(supervision.articles) == 4 and "最新 4 篇（共 9 篇）" in supervision.subtitle
    newest = [analysis.infos[i].article.title for i in analysis.by_theme["supervision"][:4]]
    assert [a.title for a in supervision.articles] == newest
    months = {(y, m) for y, m in analysis.by_month}
    assert {month_path(y, m) for y, m in months} <= set(plan)
    january = plan[month_path(2024, 1)]
    dates = [a.date for a in january.articles]
    assert dates == sorted(dates) and january.title == "2024年1月文章"  # oldest first


def test_documents_are_made_once_and_again_only_when_their_text_changes(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    plan = plan_downloads(_analysis(6), theme_size=10)
    first = Documents(plan, cache, None)
    first.write(site)
    assert first.made == len(plan)
    supervision = (site / theme_path("supervision")).read_bytes()
    assert _headings(supervision)[: len(plan[0].articles)] == [a.title for a in plan[0].articles]
    again = Documents(plan, cache, None)
    again.write(tmp_path / "site2")
    assert again.made == 0
    assert (tmp_path / "site2" / theme_path("supervision")).read_bytes() == supervision
    changed = plan_downloads(_analysis(6, extra="新增一段。"), theme_size=10)
    third = Documents(changed, cache, None)
    third.write(tmp_path / "site3")
    # the changed article is in its theme's document and its month's: the other months stay
    assert 0 < third.made < len(changed)
    assert len(list((cache / "downloads").iterdir())) == len(changed)  # old ones forgotten


def test_the_worker_makes_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = plan_downloads(_analysis(4), theme_size=10)
    monkeypatch.setattr(downloads, "OFFLOAD_MIN", 1)
    offload = Offload()
    try:
        Documents(plan, None, offload).write(tmp_path / "worker")
        assert offload.started
    finally:
        offload.close()
    Documents(plan, None, None).write(tmp_path / "here")
    for d in plan:
        assert (tmp_path / "worker" / d.src_uri).read_bytes() == (
            tmp_path / "here" / d.src_uri
        ).read_bytes()
