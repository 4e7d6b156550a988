"""Where the title, the info bar, the body and the foot sit among a page's lines.

The same cut works for rendered HTML and plain-text dumps: find the title line, skip the info
lines under it, read paragraphs until page furniture starts, then peel author/source/date lines
off the foot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from scraper.extract.authors import (
    author_from_foot,
    author_line,
    is_affiliation,
    trailing_credit,
)
from scraper.extract.dates import DATE_ALONE, DATE_LEAD, DATE_TAIL, parse_date
from scraper.extract.document import Line
from scraper.extract.patterns import (
    BODY_END,
    BOILERPLATE_LINE,
    BREADCRUMB,
    COLUMN_TAG,
    CREDIT_LINE,
    DECK_LINE,
    ICP_OR_CONTACT,
    INFO_LABELS,
    LONE_FIELD_LABEL,
    LONE_TEXT_LABEL,
    NEEDS_COLON_OR_ALONE,
    ORIGINAL_TITLE,
    PHOTO_CREDIT,
    SENTENCE_END,
    SITE_NAME,
    SOURCE_LINE,
    SPAM_SUFFIX,
    TEASER_CUT,
    TITLE_SUFFIX,
)
from scraper.extract.textform import key, plain_index
from scraper.records import Author

_HEAD_SCAN = 40  # the title is among the first lines of any page
_DECK_MAX = 40  # a deck line glued to the lead ends within this many characters
_CREDIT_LINE_MAX = 60
_KICKER_RATIO = 0.6  # a main title under a kicker is not much shorter than the kicker


@dataclass(frozen=True)
class Layout:
    title_index: int | None  # line holding the title, None when the title is not among the lines
    header: tuple[str, ...]  # title line and the info lines under it
    above: tuple[str, ...]  # the lines just above the title (some sites put the date there)
    body: tuple[Line, ...]
    foot: tuple[str, ...]  # author/source/date lines peeled off the end of the body
    rest: tuple[str, ...]  # everything after the body: editor lines, links, footers


def join_field_labels(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """出处 / 《人民政坛》 → 出处:《人民政坛》; a lone 摘要 over the text is dropped."""
    joined: list[Line] = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        folded = key(line.text)
        if LONE_TEXT_LABEL.match(folded):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if LONE_FIELD_LABEL.match(folded) and following and len(following.text) <= 40:
            label = line.text.strip().rstrip(":：")
            joined.append(Line(f"{label}:{following.text}", False, False, line.in_root))
            skip = True
            continue
        joined.append(line)
    return tuple(joined)


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


_INFO_MAX = 160  # an info bar is never longer
_DATED_LINE_MAX = 60  # a date with names, counters or a source after it
_STAMP_LINE_MAX = 40  # a site or column name before a date: 新浪国内新闻 2025-11-27 23:00:14


def is_info_line(text: str) -> bool:
    """An info bar line: labelled fields (发布时间/来源/作者…), a date standing alone, a date
    with short fields glued after it, or a short line ending with a date stamp."""
    folded = key(text)
    if len(folded) > _INFO_MAX:
        return False
    if DATE_ALONE.match(folded):
        return True
    short_and_plain = not re.search(r"[，。；！？,]", folded)
    if DATE_LEAD.match(folded) and len(folded) <= _DATED_LINE_MAX and short_and_plain:
        return True
    if DATE_TAIL.search(folded) and len(folded) <= _STAMP_LINE_MAX and short_and_plain:
        return True
    label = INFO_LABELS.search(folded)
    if label and label.start() == 0 and len(folded) <= _STAMP_LINE_MAX:
        return True  # 日期:10-08 · 版面:第02版:要闻 · 字号:
    return bool(label) and bool(
        parse_date(folded) or re.search(r"(?:来源|作者|出处)\s*[:：]", folded)
    )


def is_furniture(text: str) -> bool:
    """Page furniture that never belongs in an article, wherever it appears."""
    folded = key(text)
    return bool(
        BOILERPLATE_LINE.match(folded)
        or (len(text) < 60 and BREADCRUMB.match(folded))
        or (is_menu_line(folded) and not re.search(r"[，。；！？]", folded))
    )


def is_body_end(text: str) -> bool:
    folded = key(text)
    if BODY_END.match(folded):
        if NEEDS_COLON_OR_ALONE.match(folded):
            return bool(re.match(r"^\s*\S{1,4}\s*[:：]", folded)) or len(folded) <= 6
        return True
    return bool(ICP_OR_CONTACT.search(folded)) and len(folded) < 120


def clean_title(text: str) -> str:
    """The headline without a column tag, 原标题:, or a spam suffix glued on with a dash."""
    for prefix in (ORIGINAL_TITLE, COLUMN_TAG, COLUMN_TAG):  # tags may stand two in a row
        match = prefix.match(key(text))
        if match:
            text = text[plain_index(text, match.end()) :]
    suffix = SPAM_SUFFIX.search(key(text))
    return (text[: plain_index(text, suffix.start())] if suffix else text).strip()


def is_menu_line(text: str) -> bool:
    """A row of short menu items: 首页 国内 时评 党建 省情 … or 全国人大 | 省委 | 省政府."""
    if re.search(r"[:：，。；！？]", text):
        return False
    items = [item for item in re.split(r"[\s|｜·]+", text) if item]
    if "|" in text or "｜" in text:
        return len(items) >= 1 and all(len(item) <= 8 for item in items) and len(text) < 80
    if len(items) >= 3 and all(re.fullmatch(r"《[^》]+》", item) for item in items):
        return True  # a row of paper names: 《西藏日报》 《西藏商报》 …
    return len(items) >= 4 and sum(map(len, items)) <= 4 * len(items) and len(text) < 120


def title_prefix(text: str) -> str | None:
    """Title text sharing a line with its info bar: ``TITLE 发布时间:… 来源:…``."""
    match = INFO_LABELS.search(key(text))
    if match and match.start() >= 6:
        prefix = text[: plain_index(text, match.start())].strip()
        return prefix if is_title_like(prefix) else None
    return None


def title_line_matching(lines: tuple[Line, ...], html_title: str | None) -> str | None:
    """The visible line that <title> repeats, usually followed there by the site name."""
    if not html_title:
        return None
    wanted = normalise_space(html_title)
    best: str | None = None
    for line in lines:
        text = normalise_space(line.text)
        if line.link_only or len(text) < 4 or is_furniture(line.text):
            continue
        suffix = " " + html_title[len(line.text) :].strip()
        repeated = wanted == text or (wanted.startswith(text) and TITLE_SUFFIX.fullmatch(suffix))
        if repeated and (best is None or len(text) > len(normalise_space(best))):
            best = line.text
    return best


def is_title_like(text: str) -> bool:
    """A headline: short, no final full stop, not furniture, not the site's own name."""
    text = clean_title(text)
    return (
        4 <= len(text) <= 90
        and text[-1] not in "。；;：:，,"
        and not is_furniture(text)
        and not is_info_line(text)
        and not SITE_NAME.match(key(text))
        and not DECK_LINE.match(text)
        and author_line(text) is None
    )


def is_paragraph(text: str) -> bool:
    """Running text: long, or closed by a sentence mark (a short line closed by ！ or ？ may be
    a headline: …成功举行！)."""
    if len(text) >= 60:
        return True
    closing = SENTENCE_END + "”」" if len(text) >= 40 else "。；;…”」"
    return len(text) >= 8 and text[-1] in closing


def _title_above(texts: list[str], index: int) -> str | None:
    """The headline just above line ``index``, past furniture, bylines and deck lines."""
    for previous in reversed(texts[max(0, index - 4) : index]):
        if is_furniture(previous) or author_line(previous) or DECK_LINE.match(previous):
            continue
        return previous if is_title_like(previous) else None
    return None


def guess_title(lines: tuple[Line, ...]) -> str | None:
    """The headline of the page, tried in this order:

    1. above the info bar closest to the text (an e-paper reader or a site puts dates of its
       own higher up), or the headline sharing its line;
    2. the first headline-like line before the text, when there is no info bar;
    3. above an info bar further down (a slogan paragraph may stand above the headline);
    4. a line the page rendered as a heading.
    Nothing past the end of the article (相关新闻 lists) is looked at."""
    lines = tuple(line for line in lines if not line.link_only)
    texts = [line.text for line in lines[:_HEAD_SCAN]]
    end = next(
        (i for i, t in enumerate(texts) if is_body_end(t) and not ORIGINAL_TITLE.match(key(t))),
        len(texts),
    )
    texts = texts[:end]
    first_paragraph = next((i for i, t in enumerate(texts) if is_paragraph(t)), len(texts))

    def from_info_line(index: int) -> str | None:
        text = texts[index]
        if not is_info_line(text):
            return None
        above = title_prefix(text) or _title_above(texts, index)
        if above:
            return above
        following = texts[index + 1 : index + 2]
        if following and is_title_like(following[0]) and DATE_ALONE.match(key(text)):
            return following[0]
        return None

    for index in reversed(range(min(first_paragraph + 1, len(texts)))):
        found = from_info_line(index)
        if found:
            return found
    headlines = [i for i, text in enumerate(texts[:first_paragraph]) if is_title_like(text)]
    if headlines:
        return texts[_main_title(texts, headlines)]
    for index in range(first_paragraph + 1, len(texts)):
        found = from_info_line(index)
        if found:
            return found
    for line in lines[:_HEAD_SCAN]:
        if line.heading and 4 <= len(line.text) <= 90 and not is_furniture(line.text):
            return line.text
    return None


def _main_title(texts: list[str], headlines: list[int]) -> int:
    """Of two headline-like lines in a row over the text, the second is the main title under a
    kicker (引题) unless it is much shorter: then it is a section heading under the title."""
    first = headlines[0]
    if first + 1 in headlines and len(texts[first + 1]) >= _KICKER_RATIO * len(texts[first]):
        return first + 1
    return first


def title_from_html_title(html_title: str | None) -> str | None:
    """<title> minus the site name CMSs append (标题_甘肃人大网, 标题 - 黑龙江网)."""
    if not html_title:
        return None
    return TITLE_SUFFIX.sub("", html_title).strip() or None


def find_title_index(lines: tuple[Line, ...], title: str) -> int | None:
    wanted = normalise_space(title)
    if not wanted:
        return None
    for index, line in enumerate(lines):
        text = normalise_space(line.text)
        if text == wanted or (text.startswith(wanted) and is_info_line(line.text)):
            return index
    for index, line in enumerate(lines):
        text = normalise_space(line.text)
        if wanted in text and len(text) <= len(wanted) + 40 and not is_furniture(line.text):
            return index
    return None


def _is_header_line(line: Line) -> bool:
    """Lines between the headline and the text: info bar, bylines, deck lines, furniture."""
    text = line.text
    return (
        is_info_line(text)
        or is_furniture(text)
        or author_line(text) is not None
        or bool(SOURCE_LINE.match(key(text)) and len(text) <= 60)
        or (bool(DECK_LINE.match(text)) and not is_paragraph(text))
        or bool(re.fullmatch(r"[\W\d_]{1,20}", text))  # stray numbers and marks
        or bool(SITE_NAME.match(key(text)))  # the site's banner
    )


@dataclass(frozen=True)
class FootFact:
    """What a line at the article's foot states instead of being text."""

    kind: Literal["authors", "source", "date"]
    value: str
    authors: tuple[Author, ...] = ()


def foot_fact(text: str) -> FootFact | None:
    authors = author_from_foot(text) or (author_line(text) if "作者" in text else None)
    if authors is not None:
        return FootFact("authors", text, authors)
    source = SOURCE_LINE.match(key(text))
    if source and len(text) <= 60:
        return FootFact("source", text[source.start("source") : source.end("source")].strip())
    if DATE_ALONE.match(key(text)):
        return FootFact("date", text)
    return None


def _read_header(lines: tuple[Line, ...], title_index: int | None) -> tuple[list[str], int]:
    """The title line and the info lines under it; returns them and where the body starts.

    Without a title the page opens with its header lines (a byline, a source line, junk):
    they are read from the top, up to the first running text."""
    if title_index is None:
        header = []
        start = 0
        while start < min(len(lines), _HEAD_SCAN) and not is_paragraph(lines[start].text):
            if not _is_header_line(lines[start]):
                break
            header.append(lines[start].text)
            start += 1
        return header, start
    header = [lines[title_index].text]
    start = title_index + 1
    while start < len(lines) and (
        not lines[start].in_root
        or _is_header_line(lines[start])
        or (author_line(header[-1]) is not None and is_affiliation(lines[start].text))
    ):
        if lines[start].in_root or start - title_index <= 6:  # an info bar beside the content
            header.append(lines[start].text)
        start += 1
    return header, start


def _read_body(lines: tuple[Line, ...], start: int) -> tuple[list[Line], int]:
    """Paragraphs from ``start`` until page furniture begins; returns them and where it begins."""
    body: list[Line] = []
    for end in range(start, len(lines)):
        line = lines[end]
        if is_body_end(line.text):
            if body or not line.in_root:
                return body, end
            continue  # furniture above the article (share bar, editor line): skip it
        stray = re.fullmatch(r"[\W_]{1,3}", line.text)  # a lone ? or * left by the page
        if line.in_root and not line.link_only and not is_furniture(line.text) and not stray:
            body.append(line)
    return body, len(lines)


def _without_photo_credit(line: Line) -> Line | None:
    """A paragraph without a photographer's credit or a teaser's "read full story" closing it;
    None when nothing else is left."""
    photo = PHOTO_CREDIT.search(key(line.text))
    match = photo or TEASER_CUT.search(line.text)
    if not match:
        return line
    text = line.text[: plain_index(line.text, match.start())].rstrip()
    if photo and not is_paragraph(text):
        return None  # a bare caption (会议现场): no text of the article
    return Line(text, line.heading, line.link_only, line.in_root) if text else None


def _split_deck(body: list[Line], header: list[str]) -> None:
    """A deck line (——…侧记) that a page dump glued to the lead with a space: into the header."""
    if not body or not DECK_LINE.match(body[0].text):
        return
    first = body[0]
    cut = first.text.find(" ", 0, _DECK_MAX)
    if cut > 0 and is_paragraph(first.text[cut:].strip()):
        header.append(first.text[:cut])
        body[0] = Line(first.text[cut:].strip(), first.heading, first.link_only, first.in_root)


def _peel_credit(body: list[Line]) -> str | None:
    """A writer's credit closing the last paragraph ((本报记者 X), (文 X)), cut off it."""
    if not body:
        return None
    last = body[-1]
    found = trailing_credit(last.text)
    if found is None or not found[0]:
        return None
    rest = found[1]
    credit = last.text[len(rest) :].strip() if last.text.startswith(rest) else None
    if rest:
        body[-1] = Line(rest, last.heading, last.link_only, last.in_root)
    else:
        body.pop()
    return credit or "（" + "、".join(a.name or "" for a in found[0]) + "）"


def split_layout(lines: tuple[Line, ...], title: str | None) -> Layout:
    title_index = find_title_index(lines, title) if title else None
    above = [] if title_index is None else lines[max(0, title_index - 2) : title_index]
    header, start = _read_header(lines, title_index)
    body, end = _read_body(lines, start)
    body = [kept for kept in map(_without_photo_credit, body) if kept is not None]
    _split_deck(body, header)
    rest = tuple(line.text for line in lines[end:])
    foot: list[str] = []
    while body and foot_fact(body[-1].text) is not None:
        foot.insert(0, body.pop().text)
    credit = _peel_credit(body)
    if credit:
        foot.insert(0, credit)
    while (
        body and len(body[-1].text) <= _CREDIT_LINE_MAX and CREDIT_LINE.search(key(body[-1].text))
    ):
        body.pop()  # 某某供稿 摄影/张某 编辑/苏某: credits, not text
    # A column writer's line inside the text (《棱镜》作者 周纯) is a byline.
    writers = [line for line in body if author_line(line.text) and "作者" in line.text]
    for line in writers:
        body.remove(line)
        foot.append(line.text)
    # Author lines that sit just outside the content element, before the furniture starts.
    foot.extend(text for text in rest[:3] if (f := foot_fact(text)) and f.kind == "authors")
    return Layout(
        title_index=title_index,
        header=tuple(header),
        above=tuple(line.text for line in reversed(above)),
        body=tuple(body),
        foot=tuple(foot),
        rest=rest,
    )


def foot_facts(foot: tuple[str, ...]) -> list[FootFact]:
    return [fact for fact in map(foot_fact, foot) if fact is not None]
