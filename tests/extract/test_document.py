"""HTML rendering: what a browser shows becomes lines; what it hides or nests away is not lost."""

from __future__ import annotations

import lxml.html

from scraper.extract.document import (
    collapse_segment_breaks,
    headline_from_title,
    html_document,
    is_hidden,
)


def _page(body: str, head: str = "<title>测试页面</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_unclosed_font_in_every_paragraph_keeps_all_paragraphs_in_the_body() -> None:
    # Each paragraph opens <font> and never closes it: libxml2 nests one level per paragraph and
    # by default stops at 255 levels, dropping the rest of the page.
    paragraphs = "".join(
        f"<p><font face='宋体'>第{i}段：人大常委会听取和审议了有关工作的报告，提出了意见和建议。"
        for i in range(400)
    )
    html = _page(
        "<div id='nav'><a href='/'>首页</a></div>"
        "<h1>关于深入推进人大工作的报告</h1><div>2024-05-19 来源：本站</div>"
        f"<div id='content'>{paragraphs}</div><div id='foot'>版权所有</div>"
    )
    document = html_document(html)
    assert document is not None
    body = [line.text for line in document.lines if line.in_root]
    for i in range(400):
        assert any(text.startswith(f"第{i}段：") for text in body), i
    assert any("版权所有" in line.text for line in document.lines)


def test_unclosed_font_page_imports_with_every_paragraph() -> None:
    from scraper.pipeline import article_from_raw
    from scraper.records import RawPage

    paragraphs = "".join(
        f"<p><font color='red'>第{i}段：代表们围绕议题展开讨论，提出意见建议。" for i in range(400)
    )
    html = _page(
        f"<h1>市人大常委会召开会议</h1><div>发布时间：2024-05-19</div><div>{paragraphs}</div>",
        "<meta charset='utf-8'><title>市人大常委会召开会议_人大网</title>",
    )
    article = article_from_raw(RawPage(content=html.encode(), origin="deep.html"))
    for i in range(400):
        assert f"第{i}段：" in article.body, i


def test_hidden_elements_are_not_page_text() -> None:
    html = _page(
        "<h1>标题在这里</h1>"
        "<div id='c'><p>正文第一段，讲述人大代表的履职故事，内容较长一些。</p>"
        "<div style='display: none'>隐藏的关键词 垃圾 文本</div>"
        "<p hidden>也被隐藏</p>"
        "<p style='color:red;visibility:hidden'>看不见</p>"
        "<p>正文第二段，继续讲述，内容同样较长一些。</p></div>"
    )
    document = html_document(html)
    assert document is not None
    text = "\n".join(line.text for line in document.lines)
    assert "隐藏" not in text and "看不见" not in text
    assert "正文第一段" in text and "正文第二段" in text


def test_a_hidden_block_still_separates_lines() -> None:
    html = _page(
        "<p><a href='#'>【纠错】</a><div style='display:none'>表单</div>责任编辑：某某</p>"
    )
    document = html_document(html)
    assert document is not None
    assert [line.text for line in document.lines][-2:] == ["【纠错】", "责任编辑：某某"]


def test_is_hidden_reads_the_element_own_style_only() -> None:
    assert is_hidden(lxml.html.fragment_fromstring("<div style='DISPLAY:NONE'>x</div>"))
    assert not is_hidden(lxml.html.fragment_fromstring("<div style='display:block'>x</div>"))
    assert not is_hidden(lxml.html.fragment_fromstring("<div class='none'>x</div>"))


def test_source_line_breaks_render_as_a_browser_shows_them() -> None:
    assert collapse_segment_breaks("人大\n  常委会") == "人大常委会"
    assert collapse_segment_breaks("报料\n 注册") == "报料注册"
    assert collapse_segment_breaks("NPC\nStanding") == "NPC Standing"
    assert collapse_segment_breaks("2024年\n5月") == "2024年 5月"


def test_headline_is_the_heading_that_title_opens_with() -> None:
    tree = lxml.html.document_fromstring(
        _page("<h2>栏目</h2><h1>市人大常委会召开第十次会议</h1><h3>相关新闻</h3>")
    )
    title = "市人大常委会召开第十次会议_要闻_某某新闻-The Site"
    assert headline_from_title(tree, title) == "市人大常委会召开第十次会议"
    # a column heading that <title> merely starts with, before a colon, is not the headline
    column = lxml.html.document_fromstring(_page("<h3>补一刀</h3>"))
    assert headline_from_title(column, "补一刀：今天的新闻") is None


def test_script_widget_elements_do_not_outweigh_the_article() -> None:
    # A video player writes its own tags; read inline, its labels make one long "paragraph".
    controls = "".join(f"<txpdiv>播放控件标签第{i}项 </txpdiv>" for i in range(40))
    article = "".join(
        f"<p>正文第{i}段，人大代表围绕议题认真审议，提出意见和建议。</p>" for i in range(6)
    )
    html = _page(f"<div class='player'>{controls}</div><div class='article'>{article}</div>")
    document = html_document(html)
    assert document is not None
    root_lines = [line.text for line in document.lines if line.in_root]
    assert root_lines[0].startswith("正文第0段") and not any("播放" in t for t in root_lines)


def test_word_namespaced_tags_stay_inline() -> None:
    html = _page(
        "<p>会议于<st1:chsdate year='2019'>2019年5月1日</st1:chsdate>召开。<o:p></o:p></p>"
    )
    document = html_document(html)
    assert document is not None
    assert [line.text for line in document.lines] == ["会议于2019年5月1日召开。"]


def test_a_control_link_closing_a_paragraph_is_a_line_of_its_own() -> None:
    html = _page(
        "<p>第三方数据行业的整顿仍将持续。<a href='/'><span>返回首页&gt;&gt;</span></a></p>"
    )
    document = html_document(html)
    assert document is not None
    lines = document.lines
    assert [line.text for line in lines] == ["第三方数据行业的整顿仍将持续。", "返回首页>>"]
    assert lines[1].link_only and not lines[0].link_only


def test_publication_and_modification_dates_from_meta() -> None:
    head = (
        "<title>t</title><meta name='apub:time' content='2019-9-7 21:30:50'>"
        "<meta itemprop='dateUpdate' content='2019-09-30 22:46:13'>"
    )
    document = html_document(_page("<p>正文</p>", head))
    assert document is not None
    assert document.meta["date"] == "2019-9-7 21:30:50"
    assert document.meta["modified"] == "2019-09-30 22:46:13"


def test_a_back_link_glued_to_a_byline_is_split_off() -> None:
    link = "<a href='/' style='white-space: nowrap'><span>返回某站，查看更多</span></a>"
    document = html_document(_page(f"<p>作者：张三 李四{link}</p>"))
    assert document is not None
    assert [line.text for line in document.lines] == ["作者：张三 李四", "返回某站，查看更多"]


def test_share_bars_are_not_page_text() -> None:
    share = (
        "<div class='post_topshare'><span>分享到：</span><ul class='post_share'>"
        "<li><a href='#'>易信</a></li><li><a href='#'>微信</a></li></ul></div>"
    )
    long_text = "正文很长，讲述了人大常委会的工作。" * 3
    named_container = f"<div class='share-article'><p>{long_text}</p></div>"
    document = html_document(_page(f"<p>正文。</p>{share}{named_container}"))
    assert document is not None
    texts = [line.text for line in document.lines]
    assert "易信" not in texts and "分享到：" not in texts
    assert long_text in texts  # a container that merely has "share" in its name is kept


def test_bracketed_editor_credits_and_portal_notes_end_the_body() -> None:
    from scraper.extract.layout import is_body_end

    assert is_body_end("(责编：张三、李四)")
    assert is_body_end("（本文来自某某新闻，更多原创资讯请下载APP）")
    assert is_body_end("延伸 · 推荐")
    assert not is_body_end("（记者 张三）")


def test_a_modified_stamp_the_page_prints_to_the_minute_is_the_date() -> None:
    head = "<title>t</title><meta itemprop='dateUpdate' content='2019-09-30 22:46:13'>"
    printed = html_document(_page("<h1>标题</h1><div>发布时间：09-3022:46某某公司</div>", head))
    assert printed is not None and printed.meta["date"] == "2019-09-30 22:46:13"
    other_minute = html_document(_page("<h1>标题</h1><div>发布时间：09-30 08:15</div>", head))
    assert other_minute is not None and "date" not in other_minute.meta


def test_boxes_by_style_and_tickers_are_lines_of_their_own() -> None:
    html = _page(
        "<div><span style='display: block'>第一行</span><span>第二</span><span>行</span>"
        "<marquee>滚动新闻一 滚动新闻二</marquee></div>"
    )
    document = html_document(html)
    assert document is not None
    assert [line.text for line in document.lines] == ["第一行", "第二行", "滚动新闻一 滚动新闻二"]


def test_a_page_whose_text_a_script_reveals_is_still_read() -> None:
    paragraph = "<p>第{}段正文，讲述代表履职的经过和成效，内容较长。</p>"
    paragraphs = "".join(paragraph.format(i) for i in range(5))
    html = _page(f"<h1>标题</h1><div id='content' style='display:none'>{paragraphs}</div>")
    document = html_document(html)
    assert document is not None and document.has_root
    assert sum(line.in_root for line in document.lines) == 5


def test_a_site_footer_is_never_the_content_of_a_one_paragraph_brief() -> None:
    brief = (
        "据报道，今日从新闻发布会获悉，区域交通一体化建设各项工作取得积极成效，"
        "下一步将着力打造综合立体交通网络，实现区域内快速铁路覆盖所有地级及以上城市，"
        "高速公路覆盖所有县城，形成相邻城市间基本实现“一个半小时交通圈”的格局。"
    )
    footer = (
        "<div class='footer'><div>违法和不良信息举报电话：010-12345678 客服电话：010-12345679 "
        "传真：010-12345670 邮箱：service@example.com</div><div>本站郑重声明：所载文章仅供参考。"
        "</div><div>Copyright© 某某网 某某信息服务有限公司 All Rights Reserved 版权所有</div></div>"
    )
    document = html_document(
        _page(f"<h1>标题</h1><div class='article'><p>{brief}</p></div>{footer}")
    )
    assert document is not None
    assert [line.text for line in document.lines if line.in_root] == [brief]


def test_a_bold_sentence_is_emphasis_not_a_heading() -> None:
    html = _page("<p><strong>反华分子正试图串联起来。</strong></p><p><b>二、加强监督</b></p>")
    document = html_document(html)
    assert document is not None
    assert [line.heading for line in document.lines] == [False, True]


def test_a_page_hidden_whole_until_loaded_is_read() -> None:
    html = "<html><body style='display:none'><h1>标题</h1><p>短短的正文。</p></body></html>"
    document = html_document(html)
    assert document is not None
    assert [line.text for line in document.lines] == ["标题", "短短的正文。"]


def test_thousands_of_unclosed_divisions_lose_no_text() -> None:
    html = _page("".join(f"<div>第{i}段的文字内容，较长一些。" for i in range(3000)))
    document = html_document(html)
    assert document is not None
    texts = [line.text for line in document.lines]
    assert len(texts) == 3000 and texts[-1] == "第2999段的文字内容，较长一些。"
