"""Authors and their positions, from the header, bylines, the lead and the article's foot.

Shapes handled: 作者:NAME, 作者:NAME(POSITION), (作者:POSITION NAME), (作者系POSITION NAME),
(作者系POSITION) with no name, several names, 本报记者 X 通讯员 Y (also glued:
全媒体记者X通讯员Y), datelines that credit writers (本报讯(记者 X)), bracketed credits closing a
paragraph ((本报记者 X), (X县人大 Y), (文 X)), marked byline lines (□ X, 文/X), lines of bare
names, names printed with a space inside (尹 明), and 佚名 (unknown). Photographers, editors,
reviewers and site accounts are never authors.

Patterns match the folded form of a line (:mod:`scraper.extract.textform`); names are cut out
of the plain text, so traditional names stay as published.
"""

from __future__ import annotations

import re

from scraper.extract.patterns import (
    BYLINE_MARK,
    COLON,
    COMPOUND_SURNAMES,
    INFO_LABELS,
    LEAD_CREDIT,
    LPAREN,
    NAME,
    NOT_A_NAME,
    NOT_AUTHOR_CREDIT,
    POSITION_WORDS,
    ROLE_CORE,
    ROLE_QUALIFIER,
    RPAREN,
    SURNAMES,
    TRAILING_CREDIT,
    UNKNOWN_AUTHORS,
)
from scraper.extract.textform import key, plain
from scraper.records import Author

_NAME_ONLY = re.compile(rf"^{NAME}$")
_NAME_WITH_POSITION = re.compile(rf"^(?P<name>{NAME}){LPAREN}(?P<position>[^()（）]+){RPAREN}$")
_SEPARATORS = re.compile(r"[\s、，,;；/|｜&＆]+")
# A role word with its qualifiers; what is glued before the first one names the paper.
_ROLE = re.compile(rf"(?:{ROLE_QUALIFIER})*{ROLE_CORE}")
_ROLE_RUN = re.compile(rf"((?:{ROLE_QUALIFIER})*{ROLE_CORE})\s*[:：]?\s*")
# Trailing words after a reporter's name: 发自北京, 报道.
_NAME_TAIL = re.compile(r"(?:发自\S*|报道|采写|撰稿)$")
# (作者:…) / (作者系…) / 作者:… at the foot of an article, possibly parenthesised.
_FOOT_LEAD = rf"(?:作者|文)\s*(?:系|为|{COLON})\s*"
FOOT_AUTHOR_PARENTHESISED = re.compile(rf"^\s*{LPAREN}\s*{_FOOT_LEAD}(?P<spec>.+){RPAREN}\s*$")
FOOT_AUTHOR_PLAIN = re.compile(rf"^\s*{_FOOT_LEAD}(?P<spec>.+)$")
HEADER_AUTHOR = re.compile(r"(?:作者|文)" + COLON + r"(?P<spec>.*)")
BYLINE = re.compile(rf"^\s*[(（]?\s*[\u4e00-\u9fff]{{0,12}}?{_ROLE.pattern}.*$")
_BYLINE_MAX = 60
# 《棱镜》作者 周纯: a column's writer named on a line of the text.
_COLUMN_WRITER = re.compile(
    r"^\s*(?P<column>《[^》]{1,20}》\s*作者)\s*[:：]?\s*(?P<name>\S{1,3}(?: ?\S{1,2})?)\s*$"
)
_AFFILIATION_MAX = 30


def is_person_name(text: str) -> bool:
    """2–4 characters (or a name with ·) without title words, in any script form."""
    return bool(_NAME_ONLY.match(text)) and not POSITION_WORDS.search(key(text))


def looks_like_name(text: str) -> bool:
    """A person's name out of context: it must also start with a family name."""
    folded = key(text)
    return is_person_name(text) and (folded[0] in SURNAMES or folded[:2] in COMPOUND_SURNAMES)


def _clean(text: str) -> str:
    return text.strip().strip(" \u3000:：,，。")


def _name_tokens(text: str) -> list[str]:
    """Tokens of a name list, with names printed with a space inside (尹 明) joined."""
    tokens = [t for t in _SEPARATORS.split(text) if t]
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if len(token) == 1 and index + 1 < len(tokens) and len(tokens[index + 1]) <= 2:
            token += tokens[index + 1]
            index += 1
        joined.append(token)
        index += 1
    return joined


def names_only(text: str, *, in_context: bool = False) -> tuple[Author, ...] | None:
    """A run of bare names (张三 李四, 尹 明); None when anything else is in it.

    ``in_context``: the text follows a role word, so the family-name test is not needed
    (Tibetan and Uyghur names have none)."""
    text = _NAME_TAIL.sub("", _clean(text)).strip()
    tokens = [t for t in _name_tokens(text) if key(t) not in NOT_A_NAME]
    test = is_person_name if in_context else looks_like_name
    if tokens and len(tokens) <= 6 and all(test(t) for t in tokens):
        return tuple(Author(t) for t in tokens if t not in UNKNOWN_AUTHORS)
    return None


def parse_author_spec(spec: str) -> tuple[Author, ...]:
    """Turn the text after 作者: (or 作者系) into authors; () when unknown or an account."""
    spec = plain(spec)
    cut = re.search(INFO_LABELS, key(spec))
    spec = _clean((spec[: cut.start()] if cut else spec).split("【")[0].split("[")[0])
    spec = re.sub(r"[\s\u3000]+", " ", spec)
    if not spec or spec in UNKNOWN_AUTHORS:
        return ()
    if _ROLE.search(key(spec)):
        return parse_byline(spec)
    match = _NAME_WITH_POSITION.match(spec)
    if match:
        return (Author(match["name"], _clean(match["position"])),)
    found = names_only(spec, in_context=True)
    if found is not None:
        return found
    # "POSITION NAME": person names after the last space follow a position phrase.
    words = spec.split(" ")
    names: list[str] = []
    while len(words) > 1 and all(is_person_name(t) for t in _SEPARATORS.split(words[-1]) if t):
        names[:0] = [t for t in _SEPARATORS.split(words.pop()) if t]
    if names:
        return tuple(Author(name, _clean(" ".join(words))) for name in names)
    # A position or organisation alone; anything else (a site account such as ahjgbzw) is
    # no author at all.
    return (Author(None, spec),) if POSITION_WORDS.search(key(spec)) else ()


def parse_byline(line: str) -> tuple[Author, ...]:
    """本报记者 王五 通讯员 赵六 → [王五 (本报记者), 赵六 (通讯员)].

    Text glued before the first role names the paper (南都记者 X, 宝鸡日报记者 X) and joins
    the position; between roles it is a name (全媒体记者夏培植通讯员卜文玲)."""
    text = plain(line).strip().strip("()（）")
    folded = key(text)
    authors: list[Author] = []
    roles = list(_ROLE_RUN.finditer(folded))
    if not roles:
        return ()
    paper = _clean(BYLINE_MARK.sub("", text[: roles[0].start()]))
    paper = "" if re.search(r"[讯电]$", key(paper)) else paper
    for index, role in enumerate(roles):
        end = roles[index + 1].start() if index + 1 < len(roles) else len(text)
        position = (paper if index == 0 else "") + text[role.start(1) : role.end(1)]
        names = names_only(text[role.end() : end], in_context=True)
        for author in names or ():
            authors.append(Author(author.name, position))
    return tuple(authors)


def credit_authors(spec: str, *, in_context: bool = False) -> tuple[Author, ...] | None:
    """What a bracketed credit or a marked byline line names; None when it is no credit.

    (本报记者 X) · (记者:X 见习记者:Y) · (文 X) · (X县人大 Y) · (作者系…) · (X) · X/摄 → None
    """
    spec = plain(spec).strip()
    folded = key(spec)
    if NOT_AUTHOR_CREDIT.search(folded):
        return None
    foot = FOOT_AUTHOR_PLAIN.match(spec)
    if foot:
        return parse_author_spec(foot["spec"])
    if _ROLE.search(folded):
        return parse_byline(spec) or None
    marked = BYLINE_MARK.match(folded)
    if marked:
        rest = spec[marked.end() :]
        return names_only(rest, in_context=True) or parse_author_spec(rest)
    bare = names_only(spec, in_context=in_context)
    if bare is not None:
        return bare
    # (柏乡县人大 刘保青): an organisation, then a name.
    words = spec.rsplit(" ", 1)
    if len(words) == 2 and POSITION_WORDS.search(key(words[0])) and looks_like_name(words[1]):
        return (Author(words[1], _clean(words[0])),)
    return None


def authors_from_lead(paragraph: str) -> tuple[tuple[Author, ...], int] | None:
    """Writers credited by the dateline opening the lead, and where the credit ends."""
    match = LEAD_CREDIT.match(key(paragraph))
    if not match:
        return None
    spec = plain(paragraph)[match.start("spec") : match.end("spec")] if match["spec"] else None
    if spec is None:
        bare = plain(paragraph)[match.start("bare") : match.end("bare")]
        found = parse_byline(bare)
    else:
        found = credit_authors(spec, in_context=True) or ()
    return (found, match.end()) if found else None


def trailing_credit(paragraph: str) -> tuple[tuple[Author, ...], str] | None:
    """A credit in brackets closing a paragraph: the authors and the paragraph without it.

    Photo credits ((X/摄)) come back with no authors, so the caller drops them all the same."""
    text = plain(paragraph)
    match = TRAILING_CREDIT.search(text)
    if not match:
        return None
    rest = text[: match.start()].rstrip()
    if NOT_AUTHOR_CREDIT.search(key(match["spec"])) and re.search(r"摄影?$", key(match["spec"])):
        return (), rest
    found = credit_authors(match["spec"])
    return (found, rest) if found else None


def author_line(text: str) -> tuple[Author, ...] | None:
    """A line that is only a byline: □ X, 文/X, 本报记者 X, X Y (bare names), POSITION X."""
    text = plain(text).strip()
    if len(text) > _BYLINE_MAX or re.search(r"[。！？；]", text):
        return None
    folded = key(text)
    column = _COLUMN_WRITER.match(text)
    if column and looks_like_name(column["name"].replace(" ", "")):
        return (Author(column["name"].replace(" ", ""), column["column"]),)
    if BYLINE_MARK.match(folded) or (_ROLE.search(folded) and BYLINE.match(folded)):
        found = credit_authors(text)
        return found if found else None
    found = names_only(text)
    if found:
        return found
    words = text.split()
    if len(words) == 2 and POSITION_WORDS.search(key(words[0])) and looks_like_name(words[1]):
        return (Author(words[1], words[0]),)
    return None


def is_affiliation(text: str) -> bool:
    """A line naming the writer's unit under a name line: 江苏省人大常委会研究室."""
    folded = key(text)
    return (
        len(folded) <= _AFFILIATION_MAX
        and bool(re.fullmatch(r"[\u4e00-\u9fff、（）()\s]+", folded))
        and bool(
            re.search(
                r"(?:人大|委员会|常委会|政府|大学|学院|研究|办公|局|厅|院|室|处|中心)", folded
            )
        )
    )


def with_affiliation(authors: tuple[Author, ...], following: str | None) -> tuple[Author, ...]:
    """Names from a name line, with the unit the next line gives as their position."""
    if following is None or not is_affiliation(following):
        return authors
    if any(author.position for author in authors):
        return authors
    return tuple(Author(author.name, plain(following).strip()) for author in authors)


def authors_from_header(lines: list[str]) -> tuple[Author, ...] | None:
    """Authors named in the info lines; ``()`` for 佚名, None when no author field at all.

    An empty 作者: field or one holding a site account does not end the search: a byline line
    under the title may still name the writer."""
    field_seen = False
    for line in lines:
        match = HEADER_AUTHOR.search(key(line))
        if match:
            found = parse_author_spec(plain(line)[match.start("spec") :])
            if found:
                return found
            field_seen = True
    for index, line in enumerate(lines):
        byline = author_line(line)
        if byline:
            following = lines[index + 1] if index + 1 < len(lines) else None
            return with_affiliation(byline, following)
    return () if field_seen else None


def author_from_foot(line: str) -> tuple[Author, ...] | None:
    """Authors from one foot line like (作者系XX人大常委会主任 张三); None if not such a line."""
    if len(line) > 120:
        return None
    folded = key(line)
    match = FOOT_AUTHOR_PARENTHESISED.match(folded) or FOOT_AUTHOR_PLAIN.match(folded)
    if match:
        return parse_author_spec(plain(line)[match.start("spec") : match.end("spec")])
    if NOT_AUTHOR_CREDIT.search(folded) and not _ROLE.search(folded):
        return None
    whole = re.fullmatch(r"\s*[(（](?P<spec>[^()（）]+)[)）]\s*", plain(line))
    if whole:
        return credit_authors(whole["spec"])
    if len(line) <= _BYLINE_MAX and (BYLINE.match(folded) or BYLINE_MARK.match(folded)):
        return credit_authors(line)
    return None
