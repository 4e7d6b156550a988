"""The libraries whose internals rdkb relies on are the versions those internals were checked in."""

from __future__ import annotations

from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import pytest

from scraper.publish.touchpoints import CHECKED_VERSIONS, MATERIAL_SEARCH_ASSETS, TOUCHPOINTS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("library", sorted(CHECKED_VERSIONS))
def test_installed_version_is_the_checked_one(library: str) -> None:
    installed = metadata.version(library)
    assert installed == CHECKED_VERSIONS[library], (
        f"{library} {installed} is installed but its touchpoints were checked in "
        f"{CHECKED_VERSIONS[library]}: check each touchpoint of {library} in "
        "scraper/publish/touchpoints.py, then update CHECKED_VERSIONS"
    )


def test_every_touchpoint_names_a_checked_library_and_an_existing_file() -> None:
    for point in TOUCHPOINTS:
        assert point.library in CHECKED_VERSIONS
        for where in point.where.split(","):
            assert (ROOT / where.split(" (")[0].strip()).exists(), where


def test_material_still_ships_the_search_assets_we_leave_out() -> None:
    spec = find_spec("material")
    assert spec is not None and spec.submodule_search_locations
    templates = Path(next(iter(spec.submodule_search_locations))) / "templates"
    for prefix in MATERIAL_SEARCH_ASSETS:
        folder, _, start = prefix.rpartition("/")
        assert any(p.name.startswith(start) for p in (templates / folder).iterdir()), prefix
