"""``extra.rdkb``: declared once (MkDocs config options), errors naming the file and key."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from scraper.errors import ConfigError
from scraper.publish.options import RdkbConfig, SiteOptions, load_options


def test_defaults_and_values() -> None:
    options, notes = load_options({"rdkb": {"page_size": 7}}, None)
    assert options == SiteOptions(page_size=7) and notes == []
    assert load_options({}, None)[0] == SiteOptions()


def test_the_record_has_every_declared_option() -> None:
    declared = {
        name for name, option in RdkbConfig._schema if type(option).__name__ != "Deprecated"
    }
    assert {f.name for f in fields(SiteOptions)} == declared


def test_a_removed_option_warns_and_names_itself() -> None:
    options, notes = load_options({"rdkb": {"convert_helper": True, "page_size": 7}}, None)
    assert options == SiteOptions(page_size=7)
    assert len(notes) == 1 and "extra.rdkb.convert_helper" in notes[0]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ({"convert_helpers": True}, "extra.rdkb.convert_helpers"),
        ({"page_size": 0}, "extra.rdkb.page_size"),
        ({"page_size": "ten"}, "extra.rdkb.page_size"),
        ({"cache": "yes"}, "extra.rdkb.cache"),
        ({"themes_file": "missing.yml"}, "extra.rdkb.themes_file"),
    ],
)
def test_a_bad_value_is_an_error_naming_the_file_and_key(
    value: dict[str, object], key: str
) -> None:
    with pytest.raises(ConfigError, match=rf"^site/mkdocs.yml: '{key}'"):
        load_options({"rdkb": value}, "site/mkdocs.yml")


def test_files_are_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "themes.yml").write_text("themes: []\n", encoding="utf-8")
    options, _ = load_options({"rdkb": {"themes_file": "themes.yml"}}, str(tmp_path / "mkdocs.yml"))
    assert options.themes_file == str(tmp_path / "themes.yml")


def test_settings_must_be_a_mapping() -> None:
    with pytest.raises(ConfigError, match=r"'extra\.rdkb' must be a mapping"):
        load_options({"rdkb": [1, 2]}, None)
