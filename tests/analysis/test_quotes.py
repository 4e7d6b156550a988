from __future__ import annotations

from pathlib import Path

from scraper.analysis.concepts import load_glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.quotes import find_quotes, quote_key
from scraper.analysis.themes import load_taxonomy
from tests.analysis.conftest import article, entries


def test_attributed_passages_with_context_and_verb() -> None:
    text = (
        "习近平总书记在中央人大工作会议上强调：“全过程人民民主是社会主义民主政治的本质属性。”"
        "会议指出：“这不是总书记的话。”习近平总书记讲过:“在政治制度模式上，我们就是要咬定青山不放松。”"
        "习近平总书记指出，要加强学习。"
    )
    quotes = find_quotes(text)
    assert [(q.context, q.verb) for q in quotes] == [("在中央人大工作会议上", "强调"), ("", "讲过")]
    assert quotes[0].text == "全过程人民民主是社会主义民主政治的本质属性。"
    assert quotes[1].text.startswith("在政治制度模式上")


def test_the_same_passage_groups_across_punctuation_variants() -> None:
    assert quote_key("民主不是装饰品，不是用来做摆设的。") == quote_key(
        "民主不是装饰品,不是用来做摆设的"
    )


def test_the_analysis_keeps_quotations_of_real_articles_only(tmp_path: Path) -> None:
    """Issue 15 (1): a sample (our own writing, on an .example host) must never reach 重要论述,
    even when it is worded like a real article quoting a leader."""
    wording = "习近平总书记强调：“{}。”各地人大认真贯彻落实。"
    real = article(
        "人大工作学习体会",
        wording.format("这是一篇真实文章里的引文，用来检查索引"),
        url="https://www.rd.gov.cn/llyj/2024/0519/1.html",
    )
    sample = article(
        "样例文章学习体会",
        wording.format("这是一篇样例文章里的引文，不能进入索引"),
        date="2024-05-20",
        url="http://www.sample.example/llyj/2024/0520/2.html",
    )
    assert find_quotes(sample.body) and find_quotes(real.body)  # both are worded as quotations
    result = analyse(entries(real, sample), load_taxonomy(), load_glossary(), cache_dir=tmp_path)
    cited = [
        (group.text, result.infos[index].article.title)
        for group in result.quotes
        for index, _ in group.citations
    ]
    assert cited == [("这是一篇真实文章里的引文，用来检查索引。", "人大工作学习体会")]
