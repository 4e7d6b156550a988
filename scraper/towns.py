"""Towns and streets (乡、镇、街道) → the county they lie in.

County-level congress news names its towns more often than its county (梧桐街道市人大代表联络站).
cpca stops at the county; jionlp ships the national division list down to towns and villages
(``jionlp/dictionary/china_location.zip``: one name a line, indented by level). We read that
file without importing jionlp (its import loads models and prints a banner), and accept a town
only where its name is unique in the country or unique within the region already known.
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
def town_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Town name → every (province, city, county) holding a town of that name."""
    path = _data_path()
    if path is None:
        return {}
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".txt"))
        text = io.TextIOWrapper(archive.open(name), encoding="utf-8")
        found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        levels: list[str] = ["", "", ""]
        for line in text:
            depth = len(line) - len(line.lstrip("\t"))
            name_here = line.strip().split("\t", 1)[0]
            if not name_here:
                continue
            if depth < 3:
                levels[depth] = name_here
                del levels[depth + 1 :]
                levels.extend([""] * (2 - depth))
            elif depth == 3:
                province, city, county = levels
                # Municipalities list themselves as their own city: keep one.
                parts = (province, county) if city == province else (province, city, county)
                found[name_here].add(parts)
    return {town: tuple(sorted(places)) for town, places in found.items()}


def county_of_town(town: str, within: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The (province, city, county) of ``town``; () when unknown or not unique."""
    places = [p for p in town_index().get(town, ()) if p[: len(within)] == within]
    return places[0] if len(places) == 1 else ()
