from __future__ import annotations

from scraper.analysis.quotes import find_quotes, quote_key


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
