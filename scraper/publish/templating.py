"""The Jinja environment the generated pages and the article additions are rendered with.

The markup lives in templates (``scraper/publish/templates/``) so that a site owner restyles a
listing or the article header without touching Python: a file ``<custom_dir>/rdkb/listing.html``
(e.g. ``overrides/rdkb/listing.html``) is used instead of the packaged ``listing.html``. Python
passes records, strings and hrefs; every ``{{ … }}`` is escaped (autoescape), and a name a template
expects but is not given is an error (StrictUndefined), not an empty string.

No MkDocs here: the content layer renders without it (issue 14, point 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import jinja2

from scraper.publish.safe import web_url
from scraper.records import Author

TEMPLATES = Path(__file__).with_name("templates")
NAMESPACE = "rdkb"  # overrides live in <custom_dir>/rdkb/, apart from the theme's own templates
UNSIGNED = "未署名"
UNDATED = "日期不详"


def make_environment(
    custom_dirs: Sequence[str | Path] = (), base: jinja2.BaseLoader | None = None
) -> jinja2.Environment:
    """Templates looked up in each ``<custom_dir>/rdkb/`` first, then ``base``, then the
    package's defaults."""
    loaders: list[jinja2.BaseLoader] = [
        jinja2.FileSystemLoader(Path(d) / NAMESPACE) for d in custom_dirs
    ]
    if base is not None:
        loaders.append(base)
    loaders.append(jinja2.FileSystemLoader(TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one build renders each template thousands of times
    )
    env.filters.update(
        day=chinese_date,
        iso_day=iso_day,
        month=month,
        author_label=author_label,
        authors_text=authors_text,
        web_url=web_url,
    )
    env.globals.update(UNDATED=UNDATED, UNSIGNED=UNSIGNED)
    return env


# -- filters: Chinese text of the records ------------------------------------------------------


def chinese_date(date: dt.date | None) -> str:
    """2024年5月19日 (standard typography: no spaces, no leading zeros), or 日期不详."""
    if date is None:
        return UNDATED
    return f"{date.year}年{date.month}月{date.day}日"


def iso_day(date: dt.date | None) -> str:
    """2024-05-19, or 日期不详."""
    return date.isoformat() if date else UNDATED


def month(value: tuple[int, int]) -> str:
    """(2024, 5) → 2024年5月."""
    year, number = value
    return f"{year}年{number}月"


def author_label(author: Author) -> str:
    """王海峰（甘肃省张掖市人大常委会主任）, or the position alone, or 未署名."""
    if author.name and author.position:
        return f"{author.name}（{author.position}）"
    return author.name or author.position or UNSIGNED


def authors_text(authors: Sequence[Author]) -> str:
    return "、".join(author_label(a) for a in authors) if authors else UNSIGNED
