"""Authors and their positions, from the header, bylines and the article's foot.

Shapes handled: 作者:NAME, 作者:NAME(POSITION), (作者:POSITION NAME), (作者系POSITION NAME),
(作者系POSITION) with no name, several names, 本报记者 X 通讯员 Y, and 佚名 (unknown).
"""

from __future__ import annotations

import re

from scraper.extract.patterns import (
    BYLINE_ROLES,
    COLON,
    INFO_LABELS,
    LPAREN,
    NAME,
    POSITION_WORDS,
    RPAREN,
    UNKNOWN_AUTHORS,
)
from scraper.records import Author

_NAME_ONLY = re.compile(rf"^{NAME}$")
_NAME_WITH_POSITION = re.compile(rf"^(?P<name>{NAME}){LPAREN}(?P<position>[^()（）]+){RPAREN}$")
_SEPARATORS = re.compile(r"[\s、，,;；/|｜]+")
_ROLE_RUN = re.compile(
    "(" + "|".join(sorted(map(re.escape, BYLINE_ROLES), key=len, reverse=True)) + r")\s*"
)
# (作者:…) / (作者系…) / 作者:… / 作者单位… at the foot of an article, possibly parenthesised.
_FOOT_LEAD = rf"(?:作者|文)\s*(?:系|为|{COLON})\s*"
FOOT_AUTHOR_PARENTHESISED = re.compile(rf"^\s*{LPAREN}\s*{_FOOT_LEAD}(?P<spec>.+){RPAREN}\s*$")
FOOT_AUTHOR_PLAIN = re.compile(rf"^\s*{_FOOT_LEAD}(?P<spec>.+)$")
HEADER_AUTHOR = re.compile(r"(?:作者|文)" + COLON + r"(?P<spec>.*)")
BYLINE = re.compile(rf"^\s*(?:{_ROLE_RUN.pattern})+.*$")


def is_person_name(text: str) -> bool:
    return bool(_NAME_ONLY.match(text)) and not POSITION_WORDS.search(text)


def _clean(text: str) -> str:
    return text.strip().strip(" \u3000:：,，。")


def parse_author_spec(spec: str) -> tuple[Author, ...]:
    """Turn the text after 作者: (or 作者系) into authors; () when unknown."""
    spec = _clean(re.split(INFO_LABELS, spec, maxsplit=1)[0].split("【")[0].split("[")[0])
    spec = re.sub(r"[\s\u3000]+", " ", spec)
    if not spec or spec in UNKNOWN_AUTHORS:
        return ()
    if _ROLE_RUN.search(spec):
        return parse_byline(spec)
    match = _NAME_WITH_POSITION.match(spec)
    if match:
        return (Author(match["name"], _clean(match["position"])),)
    tokens = [t for t in _SEPARATORS.split(spec) if t]
    if tokens and all(is_person_name(t) for t in tokens):
        return tuple(Author(t) for t in tokens if t not in UNKNOWN_AUTHORS)
    # "POSITION NAME": person names after the last space follow a position phrase.
    words = spec.split(" ")
    names: list[str] = []
    while len(words) > 1 and all(is_person_name(t) for t in _SEPARATORS.split(words[-1]) if t):
        names[:0] = [t for t in _SEPARATORS.split(words.pop()) if t]
    if names:
        return tuple(Author(name, _clean(" ".join(words))) for name in names)
    return (Author(None, spec),)


def parse_byline(line: str) -> tuple[Author, ...]:
    """本报记者 王五 通讯员 赵六 → [王五 (本报记者), 赵六 (通讯员)]."""
    authors: list[Author] = []
    parts = _ROLE_RUN.split(line.strip())
    role: str | None = None
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if part in BYLINE_ROLES:
            role = part
            continue
        for token in _SEPARATORS.split(part):
            if is_person_name(token):
                authors.append(Author(token, role))
    return tuple(authors)


def authors_from_header(lines: list[str]) -> tuple[Author, ...] | None:
    """Authors named in the info lines; ``()`` for 佚名, None when no author field at all."""
    for line in lines:
        match = HEADER_AUTHOR.search(line)
        if match:
            return parse_author_spec(match["spec"])
    for line in lines:
        if BYLINE.match(line) and len(line) <= 60:
            found = parse_byline(line)
            if found:
                return found
    return None


def author_from_foot(line: str) -> tuple[Author, ...] | None:
    """Authors from one foot line like (作者系XX人大常委会主任 张三); None if not such a line."""
    if len(line) > 120:
        return None
    match = FOOT_AUTHOR_PARENTHESISED.match(line) or FOOT_AUTHOR_PLAIN.match(line)
    if not match:
        return None
    return parse_author_spec(match["spec"])
