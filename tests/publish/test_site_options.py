"""``extra.rdkb`` options: a removed option is accepted (an older mkdocs.yml still builds)."""

from __future__ import annotations

import pytest

from scraper.errors import ConfigError
from scraper.publish.site import Options


def test_a_removed_option_is_ignored() -> None:
    assert Options.from_extra({"rdkb": {"convert_helper": True, "page_size": 7}}, ".") == Options(
        page_size=7
    )


def test_an_unknown_option_is_an_error() -> None:
    with pytest.raises(ConfigError, match="convert_helpers"):
        Options.from_extra({"rdkb": {"convert_helpers": True}}, ".")
