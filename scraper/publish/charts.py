"""Static SVG bar charts, written at build time (no JavaScript, no web fonts); the markup is the
template ``bar_chart.html``."""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from scraper.publish.templating import make_environment


def bar_chart(
    title: str,
    items: Sequence[tuple[str, int]],
    *,
    width: int = 760,
    label_width: int = 180,
    row: int = 26,
    color: str = "#c62828",
    templates: jinja2.Environment | None = None,
) -> str:
    """A horizontal bar chart, one bar per (label, value), values printed at the bar's end."""
    top = 44
    height = top + row * max(1, len(items)) + 16
    peak = max((v for _, v in items), default=0) or 1
    span = width - label_width - 70
    bars = [
        {
            "label": label,
            "value": value,
            "y": top + n * row,
            "length": max(1.0, span * value / peak) if value else 0.0,
        }
        for n, (label, value) in enumerate(items)
    ]
    env = templates if templates is not None else make_environment()
    svg = env.get_template("bar_chart.html").render(
        title=title,
        bars=bars,
        width=width,
        height=height,
        label_width=label_width,
        row=row,
        color=color,
    )
    return svg + "\n"
