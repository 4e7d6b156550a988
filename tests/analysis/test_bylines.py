"""Organisation bylines are told from people's names by shape (issue 15: 深圳市人大常委会法制工作
委员会 was filed under 未署名文章)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scraper.analysis.bylines import is_organisation, organisation_of, split_bylines
from scraper.analysis.concepts import Glossary
from scraper.analysis.corpus import analyse
from scraper.analysis.entries import load_archive
from scraper.analysis.themes import Taxonomy
from scraper.records import Author
from tests.analysis.conftest import article, entries

DOCS = Path(__file__).resolve().parents[2] / "docs"

ORGANISATIONS = [
    "深圳市人大常委会法制工作委员会",
    "花垣县人大常委会办公室",
    "甘肃省人大常委会办公厅",
    "本报评论员",
    "评论员",
    "人民日报评论员",
    "湖南省人大常委会研究室",
    "省人大常委会执法检查组",
    "县人大常委会调研组",
    "市人大常委会课题组",
    "中国人大杂志编辑部",
    "盐津县人大常委会",
    "溫嶺市人大常委會",  # traditional characters
    "甘肃人大",
    "县人大",
    "市政府",
    "区法院",
    "张掖市人民政府",
    "海伦市人民检察院",
    "中共山丹县委宣传部",
    "县财政局",
    "南漳县民政局",
    "浙江省德清县莫干山镇人大主席团",
    "乐山市人大常委会农业农村工作委员会",
    "武夷山市融媒体中心",
    "象山县人大常委会代表工作室",
    "桃江县人大常委会选举任免联络工作委员会",
    "  深圳市人大常委会 法制工作委员会 ",  # spaces as pages print them
]

PEOPLE = [
    "王海峰",
    "高娜",
    "钟岚",
    "罗佳",
    "欧阳建国",
    "司马南",
    "诸葛亮明",
    "张科",  # ends in a unit character, but a two-character name
    "李建部",
    "王处",
    "区小科",  # 区 is a surname, not only a district
    "王中心",
    "白乌云",
    "阿依古丽·买买提",  # minority names, written with a middle dot
    "买买提·吐尔逊",
    "热合曼•阿不都",
    "乌兰其其格",
    "任仲平",
    "县人大常委会主任王海峰",  # a post and a person: the person counts
    "",
]


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_organisations_by_shape(name: str) -> None:
    assert is_organisation(name)


@pytest.mark.parametrize("name", PEOPLE)
def test_people_stay_people(name: str) -> None:
    assert not is_organisation(name)


def test_a_nameless_entry_is_an_organisation_only_when_its_position_is_one() -> None:
    unit = "深圳市人大常委会法制工作委员会"
    assert organisation_of(Author(None, unit)) == unit
    assert organisation_of(Author(None, "光山县人大常委会主任")) is None  # a post, not a unit
    assert organisation_of(Author(None, "盐津县人大常委会研究室干部")) is None
    assert organisation_of(Author(None, "本报记者")) is None
    assert organisation_of(Author("王海峰", unit)) is None  # a person who works there
    assert organisation_of(Author("本报评论员", None)) == "本报评论员"


def test_split_bylines_keeps_order_and_each_unit_once() -> None:
    people, units = split_bylines(
        [
            Author("县人大常委会办公室", None),
            Author("李秀梅", "通讯员"),
            Author(None, "县人大常委会办公室"),
            Author(None, "本报记者"),
            Author("本报评论员", None),
        ]
    )
    assert [p.name for p in people] == ["李秀梅"]
    assert units == ["县人大常委会办公室", "本报评论员"]


def test_analysis_files_organisations_apart_from_people_and_unsigned() -> None:
    org = "深圳市人大常委会法制工作委员会"
    result = analyse(
        entries(
            article("甲", "内容一", "2024-01-01", authors=(Author(None, org),)),
            article(
                "乙", "内容二", "2024-03-01", authors=(Author(org, None), Author("王一", "主任"))
            ),
            article("丙", "内容三", "2024-02-01", authors=(Author(None, "主任"),)),
            article("丁", "内容四", "2024-04-01", authors=(Author("本报评论员", None),)),
        ),
        Taxonomy(()),
        Glossary(()),
    )
    assert result.organisations == {org: [1, 0], "本报评论员": [3]}  # most articles first
    assert list(result.authors) == ["王一"]
    assert result.unsigned == [2]  # a post with no name and no unit


def test_bundled_archive_shenzhen_byline_is_an_organisation() -> None:
    from scraper.analysis.concepts import load_glossary
    from scraper.analysis.themes import load_taxonomy

    archive = load_archive(DOCS)
    result = analyse(archive, load_taxonomy(), load_glossary())
    org = "深圳市人大常委会法制工作委员会"
    [index] = result.organisations[org]
    assert result.infos[index].article.title == "以法治之力护航一流营商环境"
    assert index not in result.unsigned
    assert org not in result.authors
    assert not any(is_organisation(name) for name in result.authors)
