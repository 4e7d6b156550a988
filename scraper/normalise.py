"""ExtractedPage → Article: Markdown body with section headings, and the region.

The body is built from text only and every character Markdown or HTML could interpret is
escaped, so no markup from the scraped page — hostile or not — reaches the archive.
"""

from __future__ import annotations

import re

from scraper.extract.layout import clean_title
from scraper.extract.patterns import (
    CONGRESS_ACTOR,
    ENUMERATION_RUN,
    HEADING_NUMBERED,
    HEADING_SUB,
    LOCAL_OUTLET,
    NATIONAL_ACTOR,
    NATIONAL_TITLE,
    PLACE_WORD,
    PLURAL_LEVEL,
    SENTENCE_END,
    TOWN_END,
    UNNAMED_LEVEL,
)
from scraper.extract.textform import key
from scraper.records import Article, BodyLine, ExtractedPage
from scraper.regions import first_region, resolve_region
from scraper.towns import (
    city_by_short_name,
    county_by_short_name,
    county_of_town,
    town_index,
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#~])")
_LIST_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)")
_MAX_HEADING = 40
_STANDALONE_MAX = 25
_ASCII_BETWEEN_HAN = re.compile(
    r"(?<=[\u3400-\u9fff”’」』）》])\s*([,:;?!])(?:\s*(?=[\u3400-\u9fff“‘「『（《])|\s*$)"
)
_FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def escape_markdown(text: str) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    text = text.replace("&", "&amp;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}", text)


def _split_numbered(text: str) -> tuple[str, str] | None:
    """``一、标题。正文…`` → (标题, 正文); None when the line is not a heading at all."""
    if ENUMERATION_RUN.match(text):
        return None
    if len(text) <= _MAX_HEADING and not any(c in text[:-1] for c in SENTENCE_END):
        return text.rstrip("。"), ""
    cut = min((i for i, c in enumerate(text) if c in "。！？"), default=-1)
    if 0 < cut <= _MAX_HEADING:
        return text[:cut], text[cut + 1 :].strip()
    return None


def _is_short_line(text: str) -> bool:
    """Short enough for a heading and not closed like a sentence or a label."""
    return 4 <= len(text) <= _STANDALONE_MAX and text[-1] not in SENTENCE_END + '：:，,”"）)'


def _standalone_heading_level(lines: tuple[BodyLine, ...], index: int) -> int:
    """0, or 1 for a short line standing alone between paragraphs (a section heading), 2 for
    the second of two such lines in a row (its sub-heading)."""
    if index == 0 or index == len(lines) - 1 or not _is_short_line(lines[index].text):
        return 0
    text = lines[index].text

    def paragraph_after(position: int) -> bool:
        return position < len(lines) and len(lines[position].text) > 2 * len(text)

    def paragraph_before(position: int) -> bool:
        return position >= 0 and len(lines[position].text) > len(text)

    if paragraph_before(index - 1) and paragraph_after(index + 1):
        return 1
    if paragraph_before(index - 1) and _is_short_line(lines[index + 1].text):
        return 1 if paragraph_after(index + 2) else 0
    if _is_short_line(lines[index - 1].text) and paragraph_after(index + 1):
        return 2 if paragraph_before(index - 2) else 0
    return 0


def fullwidth_punctuation(text: str) -> str:
    """ASCII , : ; ? ! between Chinese characters (or closing Chinese text) → ，：；？！:
    page dumps mix the two."""
    return _ASCII_BETWEEN_HAN.sub(lambda m: _FULLWIDTH[m[1]], text)


def body_markdown(lines: tuple[BodyLine, ...]) -> str:
    """Paragraphs separated by blank lines; 一、 → ##, （一） → ### (## when no 一、 exists);
    short lines standing alone → ## (a second one in a row → ###)."""
    lines = tuple(BodyLine(fullwidth_punctuation(line.text), line.heading) for line in lines)
    has_top = any(HEADING_NUMBERED.match(line.text) for line in lines)
    sub_level = "###" if has_top else "##"
    blocks: list[str] = []
    for index, line in enumerate(lines):
        text = line.text
        numbered = HEADING_NUMBERED.match(text) or HEADING_SUB.match(text)
        split = _split_numbered(text) if numbered else None
        standalone = 0 if numbered else _standalone_heading_level(lines, index)
        if split:
            level = "##" if HEADING_NUMBERED.match(text) else sub_level
            blocks.append(f"{level} {escape_markdown(split[0])}")
            if split[1]:
                blocks.append(escape_markdown(split[1]))
        elif line.heading and len(text) <= _MAX_HEADING and index > 0:
            blocks.append(f"{sub_level} {escape_markdown(text)}")
        elif standalone:
            level = sub_level if standalone == 1 else "###"
            blocks.append(f"{level} {escape_markdown(text)}")
        else:
            blocks.append(escape_markdown(text))
    return "\n\n".join(blocks) + "\n"


_LEAD_CHARS = 300  # how much of the text opens the article, for the actor and its place
_PLACE_MAX = 20  # characters of a place name and its prefix (眉山东坡区秦家镇)


def _lead(page: ExtractedPage) -> str:
    text = ""
    for line in page.body:
        text += line.text + "。"
        if len(text) >= _LEAD_CHARS:
            break
    return key(text[:_LEAD_CHARS])


def towns_in(text: str) -> list[str]:
    """Names of towns and streets in ``text`` that the gazetteer knows (the longest name
    ending at each 镇/乡/街道)."""
    found = []
    for end in TOWN_END.finditer(text):
        for start in range(max(0, end.start() - 6), end.start() - 1):
            name = text[start : end.end()]
            if name in town_index():
                found.append(name)
                break
    return found


def _ends_with_place(tail: str, region: tuple[str, ...]) -> bool:
    """Does ``tail`` end with the deepest place of ``region`` (full or short name)?"""
    name = region[-1]
    short = re.sub(r"(?:省|市|县|区|自治区|自治州|自治县|旗|盟|特别行政区)$", "", name)
    if tail.endswith(name) or (len(short) >= 2 and tail.endswith(short)):
        return True
    # Autonomous areas go by their first characters: 宁夏, 新疆, 湘西, 内蒙古.
    return "自治" in name and any(tail.endswith(name[:n]) for n in (2, 3))


def _place_before(text: str) -> tuple[str, ...]:
    """The region of the place named just before an actor: the longest tail of ``text`` that
    ends with a place (福建省, 周口, 眉山东坡区秦家镇, 湘西自治州), never a place further
    back in the sentence."""
    for start in range(len(text) - 1):
        tail = text[start:]
        region = resolve_region(tail)
        if region and _ends_with_place(tail, region):
            return _region_of_place(tail)
        towns = towns_in(tail)
        county = county_of_town(towns[-1]) if towns and tail.endswith(towns[-1]) else ()
        if county:
            return county
        short = re.sub(r"(?:自治州|州|地区|盟|市)$", "", tail)
        if short != tail or start >= len(text) - 3:
            city = city_by_short_name(short)
            if city:
                return city
    return ()


def _region_of_place(place: str) -> tuple[str, ...]:
    region = resolve_region(place)
    for town in towns_in(place):
        county = county_of_town(town, region[:1])
        if county and county[: len(region)] == region:
            return county
    return region


def _first_place(text: str, level: int) -> tuple[str, ...]:
    """The first place ``text`` names (with its level written out, or a city by its short
    name), cut to ``level``."""
    found: list[tuple[int, tuple[str, ...]]] = []
    for word in PLACE_WORD.finditer(text):
        for start in range(word.start(), word.end() - 1):
            region = resolve_region(text[start : word.end()])
            if region:
                found.append((start, region))
                break
        if found:
            break
    for start in range(len(text) - 1):
        city = city_by_short_name(text[start : start + 2]) or city_by_short_name(
            text[start : start + 3]
        )
        if city:
            found.append((start, city))
            break
    return min(found)[1][:level] if found else ()


def unnamed_level(before: str) -> int:
    """The level of an actor named without its place (省人大, 出席市十五届人大, 三亚经济圈市县
    人大: several bodies, so the level above them); 0 when ``before`` is no such name."""
    bare = re.sub(r"^[我本全该]", "", re.split(r"[的和与及在为是]", before)[-1])
    for table in (PLURAL_LEVEL, UNNAMED_LEVEL):
        ending = next((w for w in sorted(table, key=len, reverse=True) if bare.endswith(w)), None)
        if ending:
            return table[ending]
    return 0


def actor_region(title: str, lead: str) -> tuple[str, ...] | None:
    """The region of the congress body the title or lead names as the actor.

    ``()`` when the actor is national (全国人大…), None when no actor is named. An actor named
    by its level only (省人大常委会) takes the first place the title and lead name, at that
    level."""
    national = False
    for text in (key(title), key(lead)):
        for match in CONGRESS_ACTOR.finditer(text):
            before = re.split(r"[^\u4e00-\u9fff]", text[: match.end("place")])[-1][-_PLACE_MAX:]
            before = re.sub(r"(?:各级|两级|三级|四级|五级|全体)$", "", before)
            if NATIONAL_ACTOR.search(before):
                national = True
                continue
            place = _place_before(before)
            if place:
                return place
            level = unnamed_level(before)
            if level:
                found = _first_place(key(title) + "。" + key(lead), level)
                if found:
                    return found
    return () if national else None


def refine_region(region: tuple[str, ...], title: str) -> tuple[str, ...]:
    """A deeper place the title names inside ``region`` (a county, or a town's county)."""
    folded = key(title)
    for town in towns_in(folded):
        county = county_of_town(town, region)
        if county:
            return county
    if len(region) > 1:
        return region  # a city is refined by a town only: a county beside it is often a venue
    for word in re.findall(r"[\u4e00-\u9fff]{2,}", folded[:_LEAD_CHARS]):
        word = word[:_PLACE_MAX]
        for start in range(len(word) - 1):
            for end in range(len(word), start + 1, -1):
                deeper = resolve_region(word[start:end])
                if len(deeper) > len(region) and deeper[: len(region)] == region:
                    return deeper
    return region


def short_name_region(texts: list[str | None]) -> tuple[str, ...]:
    """A paper, site or body named after its city or county by the short name: 深圳特区报,
    宝鸡日报社, 桐乡新闻网."""
    for text in texts:
        folded = key(text or "")
        for size in (3, 2):
            place = city_by_short_name(folded[:size])
            # A county's short name is often a common word (凤凰网 is a portal): it counts only
            # before the words a local outlet is named with.
            if not place and LOCAL_OUTLET.match(folded[size:]):
                place = county_by_short_name(folded[:size])
            if place:
                return place
    return ()


def region_of(page: ExtractedPage) -> tuple[str, ...]:
    """Author's position first, then the source, then the site's own name, then the body the
    title or lead names as the actor, then a place the headline names; a deeper
    place that agrees refines it (a province by a county the headline names, a city by a town).
    A headline about a national body or law (国务院…, 中华人民共和国…法) is national whoever
    reposts it: only an author's position then gives a region."""
    positions = [author.position for author in page.authors]
    title = "" if "title" in dict(page.review) else page.title  # a stand-in is no headline
    if NATIONAL_TITLE.match(key(title)):
        return first_region(positions)
    evidence = [*positions, page.source, page.site]
    stated = first_region(evidence) or short_name_region(evidence) or page.hint_region
    lead = _lead(page)
    actor = actor_region(title, lead)
    named = () if actor is not None else resolve_region(key(title))
    region = stated or actor or named
    if actor and len(actor) > len(region) and actor[: len(region)] == region:
        region = actor
    return refine_region(region, title) if 0 < len(region) < 3 else region


def normalise(page: ExtractedPage) -> Article:
    title = re.sub(r"\s+", " ", page.title).strip()
    lines = tuple(
        line
        for line in page.body
        if line.text and line.text != title and clean_title(line.text) != title
    )
    return Article(
        title=title,
        date=page.date,
        body=body_markdown(lines),
        authors=page.authors,
        region=region_of(page),
        source=page.source,
        site=page.site,
        url=page.url,
        original_url=page.original_url,
        review=dict(page.review),
    )
