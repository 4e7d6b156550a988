"""Static SVG bar charts, written at build time (no JavaScript, no web fonts)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"


def bar_chart(
    title: str,
    items: Sequence[tuple[str, int]],
    *,
    width: int = 760,
    label_width: int = 180,
    row: int = 26,
    color: str = "#c62828",
) -> str:
    """A horizontal bar chart, one bar per (label, value), values printed at the bar's end."""
    top = 44
    height = top + row * max(1, len(items)) + 16
    peak = max((v for _, v in items), default=0) or 1
    span = width - label_width - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="14">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="24" font-size="18" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    for n, (label, value) in enumerate(items):
        y = top + n * row
        length = max(1.0, span * value / peak) if value else 0.0
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row * 0.65:.1f}" text-anchor="end" '
            f'fill="#333">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'rx="2" fill="{color}"><title>{escape(label)}：{value}</title></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + row * 0.65:.1f}" '
            f'fill="#333">{value}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
