"""The demo congress site's pages as bytes: article templates, column pages, robots.txt and the
paths that misbehave on purpose. Pure functions of the path (and the server's own address)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from scraper.crawl.demo.articles import ARTICLES, SITE_NAME, DemoArticle, by_path

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"

# Paths that fail on purpose, and how.
SLOW = "/xwzx/202405/t20240515_1901.html"
ERROR_500 = "/xwzx/202405/t20240514_1902.html"
MISSING_404 = "/xwzx/202405/t20240513_1903.html"
REDIRECT_LOOP = "/xwzx/202405/t20240512_1904.html"
HUGE = "/xwzx/202405/t20240511_1905.html"
PDF = "/zhuanzai/202405/t20240521_5002.html"
NO_ARTICLE = "/zhuanzai/202405/t20240521_5003.html"
IMAGE = "/zhuanzai/202405/t20240521_5004.html"
PRIVATE = "/private/202405/t20240518_9001.html"  # disallowed by robots.txt
LOOP_HOPS = {
    REDIRECT_LOOP: "/loop/a.html",
    "/loop/a.html": "/loop/b.html",
    "/loop/b.html": "/loop/a.html",
}
HUGE_BYTES = 50 * 1024 * 1024

# The column pages a crawl of the whole site starts from.
START_PATHS = ("/xwzx/index.html", "/lfgz/index.html", "/dbgz/list.shtml", "/zhuanzai/index.html")

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass(frozen=True)
class Page:
    status: int
    content_type: str
    body: bytes
    location: str | None = None


def page_for(path: str, external_base: str) -> Page | None:
    """The page served at ``path`` (query included); None for 404.

    ``external_base`` is a base URL for a link that leaves the site (another host name for the
    same server, so following it would show up in the request log).
    """
    if path == "/robots.txt":
        return Page(200, "text/plain", ROBOTS_TXT.encode())
    if path in LOOP_HOPS:
        return Page(302, "text/html", b"", location=LOOP_HOPS[path])
    if path == ERROR_500:
        return Page(500, "text/html; charset=utf-8", "<h1>服务器内部错误</h1>".encode())
    if path == PDF:
        return Page(200, "application/pdf", PDF_BYTES)
    if path == IMAGE:
        return Page(200, "image/png", PNG_BYTES)
    if path == NO_ARTICLE:
        return Page(200, "text/html; charset=utf-8", _no_article_page().encode())
    if path == PRIVATE:
        return Page(200, "text/html; charset=utf-8", b"<p>robots.txt says nobody fetches this</p>")
    article = by_path().get(path)
    if article is not None:
        return _article_page(article)
    column = COLUMNS.get(path)
    if column is not None:
        return column(external_base)
    if path in ("/", "/index.html"):
        return Page(200, "text/html; charset=utf-8", _home().encode())
    return None


# Article templates


def _article_page(article: DemoArticle) -> Page:
    render = {"trs": _trs, "portal": _portal, "legacy": _legacy, "broken": _broken}[
        article.template
    ]
    html = render(article)
    if article.encoding == "gbk":
        # No charset in the HTTP header: the crawler must find GBK from <meta> or by detection.
        return Page(200, "text/html", html.encode("gbk"))
    return Page(200, "text/html; charset=utf-8", html.encode("utf-8"))


_NAV = (
    '<div class="nav"><a href="/">首页</a> <a href="/xwzx/index.html">新闻中心</a> '
    '<a href="/lfgz/index.html">立法工作</a> <a href="/dbgz/list.shtml">代表工作</a> '
    '<a href="/zhuanzai/index.html">转载</a></div>'
)
_FOOTER = (
    '<div class="footer">版权所有：示例市人大常委会办公室　地址：示例市人民路1号　'
    "联系电话：0000-0000000　示ICP备00000000号</div>"
)


def _paragraphs(article: DemoArticle) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)


def _trs(a: DemoArticle) -> str:
    """A TRS-WCM-style government page with the national website-spec meta tags."""
    author_meta = f'<meta name="Author" content="{escape(a.author_name)}">' if a.author_name else ""
    author_line = f"　作者：{escape(a.author)}" if a.author else ""
    source = escape(a.source or "")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="SiteName" content="{SITE_NAME}">
<meta name="ColumnName" content="{escape(a.column)}">
<meta name="ArticleTitle" content="{escape(a.title)}">
<meta name="PubDate" content="{a.date.isoformat()} 10:30">
<meta name="ContentSource" content="{escape(a.source or "")}">
{author_meta}
<title>{escape(a.title)}_{SITE_NAME}</title></head>
<body>{_NAV}
<div class="position">您的当前位置：<a href="/">首页</a> &gt; {escape(a.column)}</div>
<div class="article">
<h1>{escape(a.title)}</h1>
<div class="info">发布时间：{a.date.isoformat()} 10:30　来源：{source}{author_line}</div>
<div class="TRS_Editor">
{_paragraphs(a)}
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="editor">责任编辑：赵敏</div>
</div>
{_FOOTER}</body></html>
"""


def _portal(a: DemoArticle) -> str:
    """A news-portal page: Chinese date and time, author line in the body, related links."""
    author_line = f"<p>作者：{escape(a.author)}</p>" if a.author else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{escape(a.title)} - {SITE_NAME}</title></head>
<body><div class="top">{_NAV}</div>
<div class="main"><div class="left">
<h1 class="title">{escape(a.title)}</h1>
<div class="meta"><span>{a.date.year}年{a.date.month:02d}月{a.date.day:02d}日 09:30</span>
<span>来源：{escape(a.source or "")}</span></div>
<div id="content">
{author_line}
{_paragraphs(a)}
</div>
<p class="bianji">【责任编辑：孙磊】</p>
<div class="share">分享到：微信 微博</div>
<div class="related"><h3>推荐新闻</h3><ul>
<li><a href="/xwzx/202405/t20240516_1002.html">人大代表走进社区 面对面倾听群众心声</a></li>
</ul></div>
</div></div>
{_FOOTER}</body></html>
"""


def _legacy(a: DemoArticle) -> str:
    """An old table layout, GBK, optionally with a <meta> charset (never in the HTTP header)."""
    meta = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        if a.declare_charset
        else ""
    )
    author = f"　作者：{escape(a.author)}" if a.author else ""
    return f"""<html><head>{meta}<title>{escape(a.title)}</title></head>
<body><table width="980" align="center"><tr><td>{_NAV}</td></tr>
<tr><td class="bt" align="center"><b>{escape(a.title)}</b></td></tr>
<tr><td align="center">{a.date.isoformat()}　来源：{escape(a.source or SITE_NAME)}{author}</td></tr>
<tr><td class="zw">
{_paragraphs(a)}
</td></tr>
<tr><td>【<a href="javascript:window.close()">关闭</a>】</td></tr></table>
{_FOOTER}</body></html>
"""


def _broken(a: DemoArticle) -> str:
    """Malformed HTML: unclosed paragraphs, stray end tags, <font> soup — still an article."""
    paras = "\n".join(f"<p><font size=3>{escape(p)}" for p in a.paragraphs)
    return f"""<html><head><meta charset=utf-8><title>{escape(a.title)}</title>
<body>{_NAV}<div class=wrap><div class=con>
<h2>{escape(a.title)}</h2></span>
<div class=time>发布日期：{a.date.isoformat()}</div></div>
<div class=text>
{paras}
</td></div></div>
<div class=footer>版权所有：示例市人大常委会办公室
"""


def _no_article_page() -> str:
    """A page where an article was expected: navigation, a list of links, nothing else."""
    items = "".join(f'<li><a href="{a.path}">{escape(a.title)}</a></li>' for a in ARTICLES[:3])
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{SITE_NAME}</title></head>
<body>{_NAV}<div class="position">您的当前位置：首页</div>
<ul class="links">{items}</ul>{_FOOTER}</body></html>
"""


# Column pages


def _column_page(
    title: str,
    items: Sequence[tuple[str, str, str]],
    pager: str,
    *,
    charset: str | None = "utf-8",
) -> Page:
    rows = "\n".join(
        f'<li><a href="{href}" target="_blank">{escape(text)}</a><span>{day}</span></li>'
        for href, text, day in items
    )
    meta = f'<meta charset="{charset}">' if charset else ""
    html = f"""<!DOCTYPE html>
<html><head>{meta}<title>{escape(title)}_{SITE_NAME}</title></head>
<body>{_NAV}
<div class="position">您的当前位置：<a href="/">首页</a> &gt; {escape(title)}</div>
<div class="more"><a href="/xwzx/index.html">更多&gt;&gt;</a></div>
<ul class="list">
{rows}
</ul>
<div class="pager">{pager}</div>
{_FOOTER}</body></html>
"""
    if charset is None:
        return Page(200, "text/html", html.encode("gbk"))
    return Page(200, "text/html; charset=utf-8", html.encode("utf-8"))


def _item(path: str) -> tuple[str, str, str]:
    article = by_path()[path]
    return (path, article.title, article.date.isoformat())


def _xwzx_0(external_base: str) -> Page:
    items = [
        _item("/xwzx/202405/t20240519_1001.html"),
        _item("/xwzx/202405/t20240516_1002.html"),
        (PRIVATE, "常委会机关内部工作安排（仅限内部）", "2024-05-18"),
        (
            f"{external_base}/other/202405/t20240501_1.html",
            "兄弟城市人大工作动态汇编",
            "2024-05-01",
        ),
    ]
    pager = (
        '<span>1</span> <a href="index_1.html">2</a> <a href="index_2.html">3</a> '
        '<a href="index_1.html">下一页</a> <a href="index_2.html">末页</a>'
    )
    return _column_page("新闻中心", items, pager)


def _xwzx_1(external_base: str) -> Page:
    items = [_item("/xwzx/202405/t20240510_1003.html"), _item("/xwzx/202404/t20240428_1004.html")]
    pager = (
        '<a href="index.html">上一页</a> <a href="index.html">1</a> <span>2</span> '
        '<a href="index_2.html">3</a> <a href="index_2.html">下一页</a>'
    )
    return _column_page("新闻中心", items, pager)


def _xwzx_2(external_base: str) -> Page:
    items = [
        (SLOW, "市人大常委会召开主任会议研究近期工作", "2024-05-15"),
        (ERROR_500, "市人大财经委提前介入预算审查工作", "2024-05-14"),
        (MISSING_404, "市人大常委会党组理论学习中心组开展专题学习", "2024-05-13"),
        (REDIRECT_LOOP, "市人大常委会机关开展志愿服务活动", "2024-05-12"),
        (HUGE, "市人大常委会年度工作要点全文", "2024-05-11"),
    ]
    pager = '<a href="index_1.html">上一页</a> <a href="index.html">首页</a>'
    return _column_page("新闻中心", items, pager)


def _lfgz(current: int) -> Page:
    items = (
        [_item("/lfgz/art_12_3001.html"), _item("/lfgz/202402/t20240221_3002.html")]
        if current == 0
        else [_item("/lfgz/202401/t20240115_3003.html")]
    )
    # TRS WCM writes its pager with a script; there are no <a> links to the other pages.
    pager = f'<script>createPageHTML(2, {current}, "index", "html");</script>'
    return _column_page("立法工作", items, pager)


def _dbgz(page: int) -> Page:
    items = (
        [_item("/dbgz/2023-11/08/content_2001.htm")]
        if page == 1
        else [_item("/dbgz/2023-10/20/content_2002.htm")]
    )
    pager = (
        '<a href="list.shtml?page=2">下一页</a>' if page == 1 else '<a href="list.shtml">上一页</a>'
    )
    # GBK, and neither the HTTP header nor the page says so.
    return _column_page("代表工作", items, pager, charset=None)


def _zhuanzai(external_base: str) -> Page:
    items = [
        _item("/zhuanzai/202405/t20240520_5001.html"),
        (PDF, "关于公布市人大常委会2024年立法计划的公告", "2024-05-21"),
        (NO_ARTICLE, "市人大常委会2024年度监督工作计划解读", "2024-05-21"),
        (IMAGE, "图解：市人大常委会2024年工作要点", "2024-05-21"),
    ]
    return _column_page("转载", items, "")


def _home() -> str:
    links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in START_PATHS)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{SITE_NAME}</title></head>
<body>{_NAV}<h1>{SITE_NAME}（演示站点）</h1><p>栏目页：</p><ul>{links}</ul></body></html>
"""


COLUMNS = {
    "/xwzx/index.html": _xwzx_0,
    "/xwzx/index_1.html": _xwzx_1,
    "/xwzx/index_2.html": _xwzx_2,
    "/lfgz/index.html": lambda _base: _lfgz(0),
    "/lfgz/index_1.html": lambda _base: _lfgz(1),
    "/dbgz/list.shtml": lambda _base: _dbgz(1),
    "/dbgz/list.shtml?page=2": lambda _base: _dbgz(2),
    "/zhuanzai/index.html": _zhuanzai,
}
