from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scraper.analysis.entries import load_archive, parse_article, split_front_matter
from scraper.errors import ArchiveError

GOOD = """---
title: 加强“四个机关”建设
date: 2024-05-19
authors:
  - name: 王海峰
    position: 甘肃省张掖市人大常委会主任
  - name: null
    position: 某县人大常委会办公室
region: [甘肃省, 张掖市]
source: 甘肃人大网
url: https://a.example/1
themes: [立法工作]
---

正文第一段。
"""


def test_front_matter_becomes_an_article() -> None:
    entry = parse_article("articles/2024/a.md", GOOD)
    a = entry.article
    assert a.title == "加强“四个机关”建设"
    assert a.date == dt.date(2024, 5, 19)
    assert [x.name for x in a.authors] == ["王海峰", None]
    assert a.region == ("甘肃省", "张掖市")
    assert a.extra["themes"] == ["立法工作"]
    assert a.body.strip() == "正文第一段。"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("正文", "no YAML front matter"),
        ("---\ntitle: [\n---\n", "not valid YAML"),
        ("---\ndate: 2024-01-01\n---\n", "'title' is missing"),
        ("---\ntitle: x\ndate: 2024-13-01\n---\n", "'date' must be a real YYYY-MM-DD date"),
        ("---\ntitle: x\ndate: '2024/01/01'\n---\n", "'date' must be YYYY-MM-DD"),
        ("---\ntitle: x\n---\n", "'date' is missing"),
        ("---\ntitle: x\ndate: 2024-01-01\nauthors: 王\n---\n", "'authors' must be a list"),
    ],
)
def test_bad_front_matter_names_the_file(text: str, reason: str) -> None:
    with pytest.raises(ArchiveError, match=reason) as info:
        parse_article("articles/2024/bad.md", text)
    assert str(info.value).startswith("articles/2024/bad.md: ")


def test_split_front_matter_keeps_rules_in_the_body() -> None:
    meta, body = split_front_matter("---\ntitle: x\n---\n正文\n\n---\n\n更多\n")
    assert meta == "title: x\n"
    assert body == "正文\n\n---\n\n更多\n"


def test_load_archive_reads_articles_dir(tmp_path: Path) -> None:
    (tmp_path / "articles" / "2024").mkdir(parents=True)
    (tmp_path / "articles" / "2024" / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "index.md").write_text("# 首页\n", encoding="utf-8")
    entries = load_archive(tmp_path)
    assert [e.src_uri for e in entries] == ["articles/2024/a.md"]
