from __future__ import annotations

import random
from importlib import resources

import jieba
import rjieba

from bench.synth import make_article
from scraper.analysis.segment import Segmenter, join_lines, plain_text, reading_minutes, summary
from tests.conftest import ROOT, SEEDS

EXTRA_WORDS = ("执法检查", "全过程人民民主", "代表家站建设")


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").rglob("*.md"))]
    rng = random.Random(3)
    for i in range(150):
        meta, body = make_article(i, rng, chars=1500)
        texts.append(f"{meta['title']}\n{body}")
    texts.append("人大代表ABC123在2024年走进代表之家，a b c，Rd2024-05-19。" * 3)
    texts.append("𠀀㐀兀（全角ＡＢＣ１２３）\r\n\t人大\u3000代表 e-mail: a_b.c%d#e&f+g")
    return texts


def _reference_tokenizer() -> jieba.Tokenizer:
    """Python jieba loaded the way the segmenter loads jieba-rs: the reference it must match."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with resources.as_file(resources.files("scraper") / "data" / "userdict.txt") as path:
        tokenizer.load_userdict(str(path))
    for word in EXTRA_WORDS:
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000))
    return tokenizer


def test_segmenter_returns_exactly_what_jieba_returns() -> None:
    segmenter = Segmenter(EXTRA_WORDS)
    reference = _reference_tokenizer()
    tokens = 0
    for text in _texts():
        expected = [t for t in reference.lcut(text, HMM=False) if t.strip()]
        assert segmenter.cut(text) == expected, text[:80]
        tokens += len(expected)
    assert tokens > 100_000
    assert "代表家站建设" in segmenter.cut("推进代表家站建设")  # the extra words are used
    assert "全过程人民民主" in segmenter.cut("发展全过程人民民主")


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
    assert "某个新词语" in Segmenter(("某个新词语",)).cut("这是某个新词语")
    assert "某个新词语" not in Segmenter(("别的词语",)).cut("这是某个新词语")
    assert "某个新词语" not in rjieba.cut("这是某个新词语", False)
