"""Horizontal bar charts as SVG, drawn at build time (no JavaScript, no web font); the markup is
the template ``bar_chart.html``. The statistics page puts them inline, each bar a link to the
listing it counts, so the geometry is sized for a phone: the chart scales with the page's width,
and at 390 px its 14-unit labels are still about 12 CSS px."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from scraper.publish.templating import make_environment

ELLIPSIS = "…"


@dataclass(frozen=True)
class Bar:
    """One bar (and one table row): what is counted, how many, and the href of the listing it
    counts, relative to the page the chart is on (None: no listing to link to)."""

    label: str
    value: int
    href: str | None = None


def text_width(text: str, size: float) -> float:
    """Approximate drawn width: a CJK (wide) character is one em, anything else about 0.6 em."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    return size * (wide + 0.6 * (len(text) - wide))


def fit(text: str, size: float, room: float) -> str:
    """``text`` cut (with …) to fit ``room``; the full text stays in the bar's tooltip and table."""
    if text_width(text, size) <= room:
        return text
    while text and text_width(text + ELLIPSIS, size) > room:
        text = text[:-1]
    return text + ELLIPSIS


def bar_chart(
    title: str,
    items: Sequence[Bar | tuple[str, int]],
    *,
    width: int = 400,
    font: int = 14,
    row: int = 26,
    color: str = "#c62828",
    heading: bool = True,
    templates: jinja2.Environment | None = None,
) -> str:
    """A horizontal bar chart, one bar per item, its label left of it and its value at its end;
    a bar with an href is a link (label, bar and value, the whole row is the target).
    ``heading``: the title drawn above the bars (a page that heads the chart itself leaves it
    out; the title stays in the SVG's <title>).

    The label column is as wide as the longest label, at most 45% of the chart (longer labels
    are cut); the bars share the rest, longest bar = largest value."""
    bars_in = [b if isinstance(b, Bar) else Bar(*b) for b in items]
    gap = font * 0.6
    label_width = min(
        max((text_width(b.label, font) for b in bars_in), default=0.0) + gap, width * 0.45
    )
    value_room = max((text_width(str(b.value), font) for b in bars_in), default=0.0) + gap + 2
    span = max(1.0, width - label_width - value_room)
    peak = max((b.value for b in bars_in), default=0) or 1
    top = round(font * 2.2) if heading else 2
    height = top + row * max(1, len(bars_in)) + 6
    baseline = row / 2 + font * 0.36
    bars = [
        {
            "label": fit(b.label, font, label_width - gap),
            "full": b.label,
            "value": b.value,
            "href": b.href,
            "y": top + n * row,
            "text_y": round(top + n * row + baseline, 1),
            "length": (length := round(max(1.0, span * b.value / peak), 1) if b.value else 0.0),
            "value_x": round(label_width + length + font * 0.4, 1),
        }
        for n, b in enumerate(bars_in)
    ]
    env = templates if templates is not None else make_environment()
    svg = env.get_template("bar_chart.html").render(
        title=title,
        heading=heading,
        bars=bars,
        width=width,
        height=height,
        label_width=round(label_width, 1),
        label_x=round(label_width - gap, 1),
        row=row,
        font=font,
        title_y=round(font * 1.3),
        color=color,
    )
    return svg + "\n"
