from __future__ import annotations

import pytest

from scraper.regions import first_region, resolve_region


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("伊春市伊美区人大常委会党组书记、主任", ("黑龙江省", "伊春市", "伊美区")),
        ("六盘水市水城区人大常委会", ("贵州省", "六盘水市", "水城区")),
        ("甘肃省张掖市人大常委会主任", ("甘肃省", "张掖市")),
        ("贵州党建云", ("贵州省",)),
        ("内蒙古自治区人大常委会", ("内蒙古自治区",)),
        ("重庆市人大常委会", ("重庆市",)),
        ("浦东新区人大常委会", ("上海市", "浦东新区")),
        ("鼓楼区人大常委会", ()),  # four cities have a 鼓楼区: no guess
        ("中国人大网", ()),
        ("本报记者", ()),
        ("", ()),
    ],
)
def test_region_resolution(text: str, expected: tuple[str, ...]) -> None:
    assert resolve_region(text) == expected


def test_first_text_naming_a_place_wins() -> None:
    assert first_region([None, "本报记者", "四川省人大常委会", "甘肃人大网"]) == ("四川省",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深圳市人大常委会法制工作委员会", ("广东省", "深圳市")),
        ("东方红社区党支部书记", ()),  # 东方红 is not 东方市
        ("朝阳区人大常委会", ()),  # Beijing or Changchun
        ("长春市朝阳区人大常委会", ("吉林省", "长春市", "朝阳区")),
        ("鄂尔多斯市人大常委会环境与资源保护工作委员会主任", ("内蒙古自治区", "鄂尔多斯市")),
        ("于都县人民代表大会常务委员会", ("江西省", "赣州市", "于都县")),
    ],
)
def test_gazetteer_traps(text: str, expected: tuple[str, ...]) -> None:
    assert resolve_region(text) == expected
