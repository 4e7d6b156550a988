"""Bylines naming an organisation (深圳市人大常委会法制工作委员会, 本报评论员), not a person.

Told apart by shape, as a reader does: an organisation's name ends in a unit word (委员会, 办公室,
局, 部 …) and is longer than a personal name can be. A Han personal name has at most four
characters (a compound surname such as 欧阳 or 司马 and a two-character given name); names written
with a middle dot (阿依古丽·买买提) are people's. So a one-character unit (局, 科 …) makes an
organisation past four characters, or at four after a level word (县财政局; 张科 and 欧阳建部 stay
people), a two-character one (人大, 政府) from four (甘肃人大) or from three after a level word
(县人大, 市政府), and a unit word of three characters or more (委员会, 评论员) always: no personal
name ends in one.
"""

from __future__ import annotations

from collections.abc import Iterable

from scraper.hanzi import as_simplified
from scraper.records import Author

LONGEST_PERSONAL_NAME = 4

# Unit words no personal name ends in: an organisation whatever its length.
LONG_UNITS = (
    "委员会",
    "常委会",
    "办公室",
    "办公厅",
    "研究室",
    "研究院",
    "研究所",
    "研究会",
    "检察院",
    "评论员",
    "编辑部",
    "编委会",
    "课题组",
    "调研组",
    "工作组",
    "检查组",
    "督查组",
    "写作组",
    "报道组",
    "通讯组",
    "理论组",
    "宣传部",
    "组织部",
    "代表团",
    "主席团",
    "工作室",
    "新华社",
    "通讯社",
    "杂志社",
    "电视台",
    "广播电台",
    "联络站",
    "联系点",
)
# Two-character unit words: an organisation from four characters, or three after a level word.
SHORT_UNITS = (
    "人大",
    "政府",
    "法院",
    "中心",
    "党委",
    "党组",
    "县委",
    "市委",
    "省委",
    "区委",
    "工委",
    "街道",
    "协会",
    "学会",
    "学院",
    "大学",
    "日报",
    "晚报",
    "报社",
    "机关",
)
# One-character unit words: an organisation when longer than any personal name (or level + 3).
UNIT_CHARS = frozenset("局部处科委办院所站厅社会组室队团庭署")
# Words for an administrative level or for the publication itself, opening a short unit's name.
LEVEL_CHARS = frozenset("省市县区州盟旗乡镇村本")
# Words for a person that end in a unit character (盐津县人大常委会研究室干部 is a cadre).
PERSON_ENDINGS = ("干部",)
# Middle dots used between the parts of a transcribed (minority or foreign) personal name.
NAME_DOTS = frozenset("·•・‧･．")


def is_organisation(name: str) -> bool:
    """Whether a byline names an organisation, not a person (see the module's rule)."""
    text = as_simplified("".join(name.split()))  # 常委會 reads as 常委会
    if not text or any(c in NAME_DOTS for c in text) or text.endswith(PERSON_ENDINGS):
        return False
    if text.endswith(LONG_UNITS):
        return True
    if text.endswith(SHORT_UNITS):
        return len(text) >= LONGEST_PERSONAL_NAME or (len(text) == 3 and text[0] in LEVEL_CHARS)
    if text[-1] in UNIT_CHARS:
        return len(text) > LONGEST_PERSONAL_NAME or (len(text) == 4 and text[0] in LEVEL_CHARS)
    return False


def organisation_of(author: Author) -> str | None:
    """The organisation an author entry names: its name when that is one, or, with no name,
    its position when that is a unit rather than a post (法制工作委员会, not 人大常委会主任)."""
    if author.name:
        return author.name.strip() if is_organisation(author.name) else None
    if author.position and is_organisation(author.position):
        return author.position.strip()
    return None


def split_bylines(authors: Iterable[Author]) -> tuple[list[Author], list[str]]:
    """An article's named people and the organisations it is credited to (each once, in order).
    An article with neither is unsigned."""
    people: list[Author] = []
    organisations: dict[str, None] = {}
    for author in authors:
        unit = organisation_of(author)
        if unit is not None:
            organisations.setdefault(unit, None)
        elif author.name:
            people.append(author)
    return people, list(organisations)
