"""A page as lines of visible text, the shape every field extractor works on.

HTML is rendered the way a browser lays it out (block elements break lines) and the element
holding the article text is marked, so header, body and foot can be told apart the same way for
HTML and for plain-text page dumps. Scripts, styles, frames and objects are dropped here, before
any text is read: nothing executable can reach later stages.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from scraper.extract.patterns import ICP_OR_CONTACT

_DROP_TREES = (
    "script", "style", "noscript", "iframe", "frame", "frameset", "object", "applet", "svg",
    "canvas", "template", "button", "select", "textarea", "audio", "video", "map", "head", "nav",
)  # fmt: skip
# Void elements: the parser may nest the following content inside them, so keep their children.
_DROP_TAGS_ONLY = ("embed", "input", "param", "source", "track", "img", "area", "wbr")
_BLOCK_TAGS = frozenset((
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody",
    "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "footer", "aside", "main", "blockquote", "pre", "hr", "form", "center", "figure",
    "figcaption", "address", "caption", "fieldset", "legend", "body", "html", "title", "option",
))  # fmt: skip
# Inline elements of HTML (and of the HTML that Word pastes: o:p, st1:chsdate are namespaced).
_INLINE_TAGS = frozenset((
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp",
    "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "blink",
    "output", "meter", "progress", "picture", "img", "input", "embed", "wbr", "area",
))  # fmt: skip
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_CANDIDATE_ROOTS = frozenset(
    ("div", "td", "section", "article", "main", "font", "span", "center", "body")
)
_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b\ufeff]+")
# Meta names from the national government-website spec (GB/T, 政府网站发展指引) and common CMSs.
_META_FIELDS = {
    "title": ("ArticleTitle", "og:title", "twitter:title"),
    "date": (
        "PubDate",
        "pubdate",
        "publishdate",
        "article:published_time",
        "og:release_date",
        "datePublished",
        "apub:time",
        "publish_time",
        "publishtime",
        "dc.date.issued",
    ),
    # When the page was last changed: the day of publication on news pages that print the date
    # without a year (发布时间：09-30 22:46); never preferred to a publication date.
    "modified": ("dateModified", "dateUpdate", "article:modified_time", "og:updated_time"),
    "author": ("Author", "article:author"),
    "source": ("ContentSource", "source"),
    "site": ("SiteName", "og:site_name", "sitename"),
    "column": ("ColumnName",),
    "url": ("og:url", "Url"),
}


@dataclass(frozen=True)
class Line:
    text: str
    heading: bool = False  # rendered as a heading (h1–h6 or a paragraph of bold text only)
    link_only: bool = False  # every character is link text: menus, related-article lists
    in_root: bool = True  # inside the element holding the article text


@dataclass(frozen=True)
class Document:
    lines: tuple[Line, ...]
    meta: dict[str, str] = field(default_factory=dict)
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, href) of the whole page
    has_root: bool = False
    html_title: str | None = None
    selected: dict[str, str] = field(default_factory=dict)  # adapter selector → text


def clean_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def text_document(text: str) -> Document:
    """A plain-text page dump: one paragraph per line already."""
    lines = (clean_text(line) for line in text.split("\n"))
    return Document(lines=tuple(Line(line) for line in lines if line))


# Browsers mark saved pages with where they came from ("Mark of the Web").
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>https?://[^\s>]+?)\s*-->", re.I)


# libxml2 stops nesting at 256 levels (2,048 with huge_tree) and drops everything after that
# point; pages that leave <font>/<span> open in every paragraph nest one level per paragraph.
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_FLATTEN_DEPTH = 200  # deeper than any real layout: the nesting comes from unclosed inline tags
# Inline formatting tags: they change no line breaks, only nesting.
_INLINE_FORMATTING_TAG = re.compile(r"</?(?:font|span|em|i|u|small|big|strike|s)\b[^>]*>", re.I)


def _parse(html: str) -> etree._Element | None:
    """Parse without losing text to libxml2's depth limit (see :func:`_flatten_inline`)."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
        if _max_depth(tree) > _FLATTEN_DEPTH:
            html = _flatten_inline(html)
            tree = lxml.html.document_fromstring(html, parser=_PARSER)
            if _max_depth(tree) >= _HUGE_DEPTH:
                tree = lxml.html.document_fromstring(_flatten_divs(html), parser=_PARSER)
        return tree
    except (etree.ParserError, ValueError):
        return None


_HUGE_DEPTH = 2000  # libxml2 stops at 2,048 levels even with huge_tree
_DIV_TAG = re.compile(r"</?div\b[^>]*>", re.I)


def _flatten_divs(html: str) -> str:
    """Line breaks for ``<div>`` tags, on a page that leaves thousands of them open.

    Past libxml2's limit the rest of the page would be lost; as ``<br>`` every division still
    starts a new line, only the boxes are gone (the content element is then found among the
    remaining ones, or the whole page is the text).
    """
    return _DIV_TAG.sub("<br>", html)


def _flatten_inline(html: str) -> str:
    """Drop inline formatting tags, whose unclosed copies nest every paragraph deeper.

    A page that opens ``<font>`` in each paragraph and never closes it nests its last paragraph
    hundreds of levels deep; past libxml2's limit the rest of the page is silently lost. The tags
    change no line breaks, so the page renders to the same lines without them (an inline element
    hidden by its style is shown then: only on pages this deep).
    """
    return _INLINE_FORMATTING_TAG.sub("", html)


def _max_depth(tree: etree._Element) -> int:
    deepest = 0
    stack = [(tree, 0)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)


def is_hidden(element: etree._Element) -> bool:
    """Hidden from the reader by its own attributes: not page text, whatever it holds.

    Sites hide SEO keyword spam, duplicate headlines and inactive tabs with ``display:none``;
    a browser shows none of it, so no field may be read from it.
    """
    style = element.get("style")
    return (style is not None and bool(_HIDDEN_STYLE.search(style))) or (
        element.get("hidden") is not None
    )


_SHARE_WIDGET_NAME = re.compile(r"share", re.I)  # share, bdshare, bshare, post_topshare …


def is_share_widget(element: etree._Element) -> bool:
    """A share bar (分享到：微信 微博 QQ空间 易信): named so in its class or id, and only labels.

    Its labels sit right under the article and look like bare names (易信); they are never text.
    The size limit keeps a container that merely has "share" in its name.
    """
    name = f"{element.get('class', '')} {element.get('id', '')}"
    if not _SHARE_WIDGET_NAME.search(name):
        return False
    text = clean_text(element.text_content())
    return len(text) <= 80 and "。" not in text


def _empty_hidden(tree: etree._Element) -> None:
    """Empty hidden elements and share bars but keep them: an emptied block still separates the
    lines around it."""
    for element in list(tree.iter()):
        if isinstance(element.tag, str) and (is_hidden(element) or is_share_widget(element)):
            for child in list(element):
                element.remove(child)
            element.text = None


# A line break in HTML source is white space; between two CJK characters browsers show nothing
# (CSS Text segment-break rules), elsewhere a space.
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_SEGMENT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n][\s]*(?=[{_CJK}])")
_SEGMENT_BREAK = re.compile(r"[ \t]*[\r\n]\s*")


def collapse_segment_breaks(text: str) -> str:
    """Source line breaks as a browser shows them: none between CJK characters, else a space."""
    return _SEGMENT_BREAK.sub(" ", _CJK_SEGMENT_BREAK.sub("", text))


def _read_meta(tree: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            by_name.setdefault(key.strip().lower(), clean_text(content))
    for field_name, keys in _META_FIELDS.items():
        for key in keys:
            if key.lower() in by_name:
                found[field_name] = by_name[key.lower()]
                break
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            found.setdefault("canonical", link.get("href", "").strip())
    for key, value in _json_ld(tree).items():
        found.setdefault(key, value)
    return found


def _json_ld(tree: etree._Element) -> dict[str, str]:
    """headline/datePublished/author/publisher of a schema.org Article in JSON-LD."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data: Any = json.loads(script.text)
        except ValueError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items:
            if isinstance(item, dict) and "Article" in str(item.get("@type", "")):
                return _article_fields(item)
    return {}


def _name_of(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return " ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return clean_text(value) if isinstance(value, str) and value.strip() else None


def _article_fields(item: dict[str, Any]) -> dict[str, str]:
    fields = {
        "title": _name_of(item.get("headline")),
        "date": _name_of(item.get("datePublished")),
        "modified": _name_of(item.get("dateModified")),
        "author": _name_of(item.get("author")),
        "site": _name_of(item.get("publisher")),
        "url": _name_of(item.get("url")),
    }
    return {k: v for k, v in fields.items() if v}


_TITLE_SEPARATOR = re.compile(r"\s*[-_|｜—–]")


def headline_from_title(tree: etree._Element, html_title: str | None) -> str | None:
    """The visible h1–h6 heading that <title> opens with, before a separator and the site name.

    ``<title>标题_栏目_网站-English</title>`` with ``<h1>标题</h1>`` on the page: the heading is the
    headline whatever the site appends, however many segments that takes.
    """
    if not html_title:
        return None
    wanted = re.sub(r"\s+", "", html_title)
    best: str | None = None
    for heading in tree.iter(*_HEADING_TAGS):
        text = clean_text(collapse_segment_breaks(heading.text_content()))
        compact = re.sub(r"\s+", "", text)
        if len(compact) < 4 or not wanted.startswith(compact):
            continue
        rest = wanted[len(compact) :]
        if (rest == "" or _TITLE_SEPARATOR.match(rest)) and (best is None or len(text) > len(best)):
            best = text
    return best


def is_block(tag: str) -> bool:
    """Laid out as a block: HTML's block elements, and elements HTML does not know.

    Script widgets (video players, comment boxes) write their own tags (``<txpdiv>``) and style
    them as boxes; read inline, a player's dozens of control labels would run together into one
    long "paragraph" that outweighs the article. A ticker (``<marquee>``) is a box of its own
    too. Namespaced tags (Word's ``<o:p>``, ``<st1:chsdate>``) stay inline: they wrap words
    inside sentences.
    """
    return tag in _BLOCK_TAGS or (tag not in _INLINE_TAGS and ":" not in tag)


_BLOCK_STYLE = re.compile(r"(?:^|;)\s*display\s*:\s*(?:block|flex|grid|list-item|table)\b", re.I)


def _is_block_element(element: etree._Element) -> bool:
    """A block by its tag or by its own style (``<span style="display:block">``)."""
    tag = element.tag
    if not isinstance(tag, str):
        return False
    style = element.get("style")
    return is_block(tag) or (style is not None and bool(_BLOCK_STYLE.search(style)))


def _own_text(element: etree._Element) -> str:
    """Text directly in the element and its inline children, links excluded."""
    parts = [(element.text or "").strip()]
    for child in element:
        if isinstance(child.tag, str) and not _is_block_element(child) and child.tag != "a":
            parts.append(clean_text(child.text_content()))
        parts.append((child.tail or "").strip())
    return "".join(parts)


_FOOTER_TEXT_MAX = 200


def _paragraph_length(element: etree._Element) -> int:
    """How much paragraph text the element holds itself: none when it is a site-footer fact.

    A footer's phone numbers, ICP licence and copyright run longer than a one-paragraph news
    brief; counted as text, they would make the footer the page's content.
    """
    text = _own_text(element)
    if len(text) < _FOOTER_TEXT_MAX and ICP_OR_CONTACT.search(text):
        return 0
    return len(text)


def find_content_root(tree: etree._Element) -> etree._Element | None:
    """The element holding most paragraph text (readability-style scoring, links ignored)."""
    scores: dict[etree._Element, float] = defaultdict(float)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        length = _paragraph_length(element)
        if length < 15:
            continue
        if element.tag in _CANDIDATE_ROOTS:
            scores[element] += length
        parent = element.getparent()
        if parent is not None:
            scores[parent] += length
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] += length / 2
    candidates = [e for e in scores if e.tag in _CANDIDATE_ROOTS]
    if not candidates:
        return None
    best = max(candidates, key=lambda e: (scores[e], _depth(e)))
    return best if scores[best] >= 80 else None


def _depth(element: etree._Element) -> int:
    return sum(1 for _ in element.iterancestors())


class _LineWriter:
    """Accumulates inline text and cuts a Line at every block boundary."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._parts: list[str] = []
        self._link_chars = 0
        self._all_bold = True

    def add(self, text: str | None, *, in_link: bool, bold: bool) -> None:
        if not text:
            return
        text = collapse_segment_breaks(text)
        self._parts.append(text)
        stripped = clean_text(text)
        if stripped:
            if in_link:
                self._link_chars += len(stripped)
            if not bold:
                self._all_bold = False

    def cut(self, *, heading: bool = False, in_root: bool) -> None:
        text = clean_text("".join(self._parts))
        if text:
            # A bold sentence (closed by 。) is emphasis, not a heading.
            bold_heading = self._all_bold and len(text) <= 50 and text[-1] not in "。；;，,"
            self.lines.append(
                Line(
                    text,
                    heading=heading or bold_heading,
                    link_only=self._link_chars >= len(text.replace(" ", "")),
                    in_root=in_root,
                )
            )
        self._parts, self._link_chars, self._all_bold = [], 0, True


# 返回首页>>, 更多>>, 点击进入…», <<上一页, 返回搜狐，查看更多: a link that points elsewhere on
# the site and says so is a page control.
_CONTROL_LINK = re.compile(
    r"(?:>>|»|＞＞|》》|>\s*>)\s*$|^\s*(?:<<|«|＜＜)|^\s*返回|(?:查看|阅读)更多\s*$"
)


def is_control_link(element: etree._Element) -> bool:
    """A link marked as navigation (``返回腾讯网首页>>``, ``返回X，查看更多``), even when a
    paragraph ends with it. Rendered as a line of its own, it is a link-only line and never
    article text (nor part of a byline it is glued to)."""
    return element.tag == "a" and bool(_CONTROL_LINK.search(element.text_content()))


_OPEN, _TEXT, _CLOSE = 0, 1, 2


def _render(tree: etree._Element, writer: _LineWriter, root: etree._Element | None) -> None:
    """Walk the tree in document order, cutting lines at block boundaries.

    Iterative, not recursive: a page of a thousand unclosed ``<div>`` nests as deep, far past
    Python's recursion limit.
    """
    # (kind, element or text, in_root, in_link, bold)
    stack: list[tuple[int, Any, bool, bool, bool]] = [(_OPEN, tree, False, False, False)]
    while stack:
        kind, item, in_root, in_link, bold = stack.pop()
        if kind == _TEXT:
            writer.add(item, in_link=in_link, bold=bold)
            continue
        if kind == _CLOSE:
            writer.cut(heading=item in _HEADING_TAGS, in_root=in_root)
            continue
        element = item
        tag = element.tag if isinstance(element.tag, str) else ""
        in_root = in_root or element is root or root is None
        in_link = in_link or tag == "a"
        bold = bold or tag in ("strong", "b")
        block = _is_block_element(element) or is_control_link(element)
        if block:
            writer.cut(in_root=in_root)
            stack.append((_CLOSE, tag, in_root, in_link, bold))
        writer.add(element.text, in_link=in_link, bold=bold)
        for child in reversed(element):
            # the tail belongs to the parent's context: pushed first, so taken after the child
            stack.append((_TEXT, child.tail, in_root, in_link, bold))
            stack.append((_OPEN, child, in_root, in_link, bold))


def _select_text(tree: etree._Element, selector: str) -> str | None:
    try:
        found = tree.cssselect(selector)
    except Exception:  # cssselect raises several error types for bad selectors
        return None
    return clean_text(found[0].text_content()) if found else None


_STAMP = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})[ T](?P<H>\d{1,2}):(?P<M>\d{2})")
_HEAD_LINES = 60


def printed_stamp(stamp: str | None, lines: list[Line]) -> bool:
    """The page prints this meta stamp's month, day and minute near its top.

    Pages that print the date without a year (发布时间：09-30 22:46) often carry the full stamp only
    as a "modified" meta tag; when the two agree to the minute, the tag's stamp is the article's.
    """
    match = _STAMP.match(stamp or "")
    if not match:
        return False
    month, day, hour, minute = (int(match[k]) for k in "mdHM")
    printed = re.compile(
        rf"(?<!\d)0?{month}\s*[-/.月]\s*0?{day}\s*日?\s*0?{hour}\s*[:：]\s*{minute:02d}(?!\d)"
    )
    return any(printed.search(line.text) for line in lines[:_HEAD_LINES])


def _strip(tree: etree._Element, *, hidden: bool) -> None:
    """Drop what is never page text: scripts, styles, frames, comments; hidden elements and share
    bars too unless ``hidden`` is False."""
    for element in list(tree.iter(*_DROP_TREES)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(tree.iter(*_DROP_TAGS_ONLY)):
        if element.getparent() is not None:
            element.drop_tag()
    for comment in list(tree.iter(etree.Comment)):
        if comment.getparent() is not None:
            comment.drop_tree()
    if hidden:
        _empty_hidden(tree)


def _content_root(tree: etree._Element, selectors: dict[str, str] | None) -> etree._Element | None:
    """The adapter's body selector's element, else the element holding most paragraph text."""
    if selectors and "body" in selectors and _select_text(tree, selectors["body"]):
        matches = tree.cssselect(selectors["body"])
        if matches:
            return matches[0]
    return find_content_root(tree)


def html_document(html: str, selectors: dict[str, str] | None = None) -> Document | None:
    """Render an HTML page; None when it cannot be parsed at all."""
    tree = _parse(html)
    if tree is None:
        return None
    meta = _read_meta(tree)
    saved_from = _SAVED_FROM.search(html[:2048])
    if saved_from:
        meta["saved_from"] = saved_from["url"]
    title_element = tree.find(".//title")
    html_title = clean_text(title_element.text_content()) if title_element is not None else None
    selected = {}
    for key, selector in (selectors or {}).items():
        text = _select_text(tree, selector)
        if text:
            selected[key] = text
    links = tuple(
        (clean_text(a.text_content()), a.get("href", "").strip())
        for a in tree.iter("a")
        if a.get("href")
    )
    _strip(tree, hidden=True)
    root = _content_root(tree, selectors)
    if root is None:
        # Some pages hide their text until a script shows it: then what is hidden is the page.
        shown = _parse(html)
        if shown is not None:
            _strip(shown, hidden=False)
            root = _content_root(shown, selectors)
            if root is not None or not clean_text(tree.text_content()):
                tree = shown
    headline = headline_from_title(tree, html_title)
    if headline:
        meta.setdefault("title", headline)
    writer = _LineWriter()
    _render(tree, writer, root)
    writer.cut(in_root=root is None)
    if "date" not in meta and printed_stamp(meta.get("modified"), writer.lines):
        meta["date"] = meta["modified"]
    return Document(
        lines=tuple(writer.lines),
        meta=meta,
        links=links,
        has_root=root is not None,
        html_title=html_title,
        selected=selected,
    )
