"""The Atom feed of the latest articles, readable in a browser too.

A reader who clicks 订阅 gets the feed itself. Browsers show a bare feed as raw XML, so the feed
carries a short Chinese explanation (what a feed is, how to subscribe, the address to copy) and
a link per entry, as XHTML extension elements that feed readers ignore, and a CSS stylesheet
(``assets/feed.css``) that lays them out. CSS rather than XSLT: Chromium deprecated XSLT, shows
an English warning banner over every transformed page (Chromium 156) and is removing it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax import saxutils

from scraper.publish.templating import chinese_date

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
STYLESHEET = "assets/feed.css"  # relative to the feed (the site root): same origin, any host
SAMPLE_MARK = "【样例】"
SAMPLE_TERM = "样例"

# Characters XML 1.0 does not allow at all (escaped or not): most C0 controls, surrogates,
# U+FFFE/U+FFFF. One of them in one scraped title would make the whole feed unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def escape(text: str) -> str:
    """Element text: escaped, characters XML cannot hold dropped."""
    return saxutils.escape(_NOT_XML.sub("", text))


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: escaped, characters XML cannot hold dropped."""
    return saxutils.quoteattr(_NOT_XML.sub("", text))


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # site-root-relative
    date: dt.date
    authors: tuple[str, ...]
    summary: str
    sample: bool = False  # our own writing (a bundled sample): marked 样例 in title and category


def entry_title(item: FeedItem) -> str:
    return SAMPLE_MARK + item.title if item.sample else item.title


def _about(title: str, feed_url: str, home: str, items: Sequence[FeedItem]) -> list[str]:
    """The explanation a browser shows above the entries (XHTML, ignored by feed readers)."""
    if feed_url:
        address = (
            f'<h:p class="rdkb-feed-address">订阅地址：<h:code>{escape(feed_url)}</h:code></h:p>'
        )
    else:  # no site_url: the build cannot know the address; the browser's address bar shows it
        address = (
            '<h:p class="rdkb-feed-address">订阅地址就是浏览器地址栏中本页的地址'
            "（以 feed.xml 结尾），请整段复制。</h:p>"
        )
    lines = [
        '  <h:div class="rdkb-feed-about">',
        # phones lay the page out at their own width (Chromium reads it in an XML document too)
        '    <h:meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"    <h:h1>订阅「{escape(title)}」的更新</h:h1>",
        "    <h:p>这是本站的订阅源（Atom 格式），是给“阅读器”读取的，不是普通网页。"
        "在阅读器里订阅以后，本站新收录的文章会自动出现在阅读器中，不必常来网站查看。</h:p>",
        "    <h:h2>怎样订阅</h:h2>",
        "    <h:ol>",
        "      <h:li>打开阅读器软件（不少邮件软件也能订阅，例如 Outlook 的“RSS 源”）。</h:li>",
        "      <h:li>选择“添加订阅”或“新建订阅”，粘贴下面的订阅地址。</h:li>",
        "      <h:li>保存以后，阅读器会定期检查本站，有新文章时就会显示出来。</h:li>",
        "    </h:ol>",
        f"    {address}",
        "    <h:p>不用阅读器也可以：下面是最近收录的文章，点击标题即可阅读。"
        f"<h:a href={quoteattr(home)}>返回网站首页</h:a></h:p>",
    ]
    if any(item.sample for item in items):
        lines.append(
            f'    <h:p class="rdkb-feed-note">标有{SAMPLE_MARK}的是本项目自撰的示范文章，'
            "并非真实报道。</h:p>"
        )
    lines += [f"    <h:h2>最近收录（{len(items)} 篇）</h:h2>", "  </h:div>"]
    return lines


def _entry_line(item: FeedItem, link: str) -> str:
    """The entry as a browser shows it: its title as a link, then date and authors."""
    facts = " · ".join([chinese_date(item.date), *item.authors])
    return (
        '    <h:p class="rdkb-feed-entry">'
        f"<h:a href={quoteattr(link)}>{escape(entry_title(item))}</h:a>"
        f"<h:span>{escape(facts)}</h:span></h:p>"
    )


def atom(
    title: str,
    site_url: str,
    items: Sequence[FeedItem],
    updated: dt.date | None = None,
    stylesheet: str | None = STYLESHEET,
) -> str:
    """Atom 1.0. With ``site_url`` the links are absolute; without it they are relative to the
    feed's own location (the site root), which feed readers on the same host resolve."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    newest = updated or max((i.date for i in items), default=dt.date(2000, 1, 1))
    feed_id = base + "feed.xml" if base else "urn:rdkb:feed"
    lines = ['<?xml version="1.0" encoding="utf-8"?>']
    if stylesheet:
        lines.append(f'<?xml-stylesheet type="text/css" href={quoteattr(stylesheet)}?>')
    lines += [
        f'<feed xmlns="{ATOM}" xmlns:h="{XHTML}" xml:lang="zh">',
        f"  <title>{escape(title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{newest.isoformat()}T00:00:00Z</updated>",
        f'  <link rel="self" href={quoteattr(base + "feed.xml")}/>',
        f'  <link rel="alternate" href={quoteattr(base or "./")}/>',
        *_about(title, base + "feed.xml" if base else "", base or "./", items),
    ]
    for item in items:
        link = base + item.url if base else item.url
        entry_id = link if base else f"urn:rdkb:{item.url}"
        lines += [
            "  <entry>",
            f"    <title>{escape(entry_title(item))}</title>",
            f'    <link rel="alternate" href={quoteattr(link)}/>',
            f"    <id>{escape(entry_id)}</id>",
            f"    <updated>{item.date.isoformat()}T00:00:00Z</updated>",
            *(
                f"    <author><name>{escape(a)}</name></author>"
                for a in item.authors or ("未署名",)
            ),
            *(
                [f'    <category term="{SAMPLE_TERM}" label="样例文章（本项目自撰，非真实报道）"/>']
                if item.sample
                else []
            ),
            f"    <summary>{escape(item.summary)}</summary>",
            _entry_line(item, link),
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
