"""The project's data files (``scraper/data/*.yml``): read, shape-checked, errors naming the key.

Themes and concepts are both lists of entries with a slug and Chinese texts; this module holds
what their loaders share so each loader only states its own fields.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from scraper.errors import ConfigError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def data_path(name: str) -> Path:
    return Path(str(resources.files("scraper") / "data" / name))


def read_entries(
    path: Path, key: str, what: str
) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    """The whole document and ``(where, entry)`` for each mapping in its ``key`` list."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the {what}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise ConfigError(f"{path}: expected a mapping with a '{key}' list")
    entries = []
    for index, item in enumerate(data[key]):
        where = f"{path}: {key}[{index}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a mapping")
        entries.append((where, item))
    return data, entries


def required_slug(item: dict[str, Any], where: str) -> str:
    slug = item.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise ConfigError(f"{where}.slug: lowercase ASCII words joined by '-' required")
    return slug


def required_text(item: dict[str, Any], field: str, where: str) -> str:
    value = item.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}.{field}: required")
    return value.strip()
