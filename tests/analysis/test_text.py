from __future__ import annotations

import re

import jieba

from scraper.analysis.text import Segmenter, join_lines, plain_text, reading_minutes, summary
from tests.conftest import ROOT, SEEDS

_HAN_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    texts.append("人大代表ABC123在2024年走进代表之家，a b c，Rd2024-05-19。" * 3)
    return texts


def test_fast_cutter_returns_exactly_what_jieba_returns() -> None:
    segmenter = Segmenter(("执法检查", "全过程人民民主"))
    tokenizer = segmenter.tokenizer
    original = jieba.Tokenizer._Tokenizer__cut_DAG_NO_HMM  # the class's own method
    blocks = 0
    for text in _texts():
        for block in _HAN_BLOCK.split(text):
            if block and _HAN_BLOCK.fullmatch(block):
                assert tokenizer._Tokenizer__cut_DAG_NO_HMM(block) == list(
                    original(tokenizer, block)
                ), block
                blocks += 1
    assert blocks > 20


def test_plain_text_summary_and_reading_time() -> None:
    body = "## 一、标题\n\n第一段有[链接](https://a.example/)和**强调**。\n\n第二段。\n"
    assert plain_text(body).split() == ["一、标题", "第一段有链接和强调。", "第二段。"]
    assert summary(body) == "第一段有链接和强调。第二段。"
    assert summary("长" * 200, limit=10) == "长" * 9 + "…"
    assert reading_minutes(1) == 1 and reading_minutes(801) == 3
    assert join_lines("人大常委会对\n  “一府一委两院”的监督 and more\ntext") == (
        "人大常委会对“一府一委两院”的监督 and more text"
    )


def test_tokenizer_is_private_to_the_segmenter() -> None:
    Segmenter(("某个新词语",))
    assert "某个新词语" not in jieba.lcut("这是某个新词语", HMM=False)
