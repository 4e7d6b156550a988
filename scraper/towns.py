"""Towns and streets (乡、镇、街道) → the county they lie in; cities by their short names.

County-level congress news names its towns more often than its county (梧桐街道市人大代表联络站).
cpca stops at the county; jionlp ships the national division list down to towns and villages
(``jionlp/dictionary/china_location.zip``: one name a line, indented by level). We read that
file without importing jionlp (its import loads models and prints a banner), and accept a town
only where its name is unique in the country or unique within the region already known. The
same list gives each city its short name (湘西 for 湘西土家族苗族自治州, 阜新 for 阜新市),
which cpca does not know.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

_DATA = ("dictionary", "china_location.zip")


def _data_path() -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_DATA)
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _division_list() -> tuple[
    dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]
]:
    """(town name → every (province, city, county) holding it, city short name → place,
    county short name → place); short names only where unique."""
    path = _data_path()
    if path is None:
        return {}, {}, {}
    towns: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    cities: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    counties: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".txt"))
        levels: list[str] = ["", "", ""]
        for line in io.TextIOWrapper(archive.open(name), encoding="utf-8"):
            depth = len(line) - len(line.lstrip("\t"))
            fields = line.strip().split("\t")
            if not fields[0]:
                continue
            if depth < 3:
                levels[depth] = fields[0]
                del levels[depth + 1 :]
                levels.extend([""] * (2 - depth))
            short = fields[2] if len(fields) > 2 and len(fields[2]) >= 2 else ""
            if depth == 1 and fields[0] != levels[0] and short:
                cities[short].add((levels[0], fields[0]))
            elif depth == 2 and short:
                city = levels[1]
                place = (levels[0], fields[0]) if city == levels[0] else (*levels[:2], fields[0])
                counties[short].add(tuple(place))
            elif depth == 3:
                province, city, county = levels
                # Municipalities list themselves as their own city: keep one.
                parts = (province, county) if city == province else (province, city, county)
                towns[fields[0]].add(parts)
    return (
        {town: tuple(sorted(places)) for town, places in towns.items()},
        {short: next(iter(places)) for short, places in cities.items() if len(places) == 1},
        {short: next(iter(places)) for short, places in counties.items() if len(places) == 1},
    )


def town_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Town name → every (province, city, county) holding a town of that name."""
    return _division_list()[0]


def city_by_short_name(short: str) -> tuple[str, ...]:
    """(province, city) of a prefecture-level city called by its short name; () if none."""
    return _division_list()[1].get(short, ())


def county_by_short_name(short: str) -> tuple[str, ...]:
    """(province, city, county) of a county called by its short name (桐乡); () if none or
    several counties share it."""
    return _division_list()[2].get(short, ())


def county_of_town(town: str, within: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The (province, city, county) of ``town``; () when unknown or not unique."""
    places = [p for p in town_index().get(town, ()) if p[: len(within)] == within]
    return places[0] if len(places) == 1 else ()
