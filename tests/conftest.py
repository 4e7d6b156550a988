"""Shared test helpers: where fixtures live, and reading Markdown bodies back as plain text."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_ESCAPE = re.compile(r"\\(.)")


def unescape_markdown(text: str) -> str:
    return _ESCAPE.sub(r"\1", text).replace("&amp;", "&")


def paragraphs(body: str) -> list[str]:
    """Plain-text paragraphs of a Markdown body (headings left out)."""
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    return [unescape_markdown(b) for b in blocks if not b.startswith("#")]


def headings(body: str) -> list[str]:
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    return [unescape_markdown(b.lstrip("#").strip()) for b in blocks if b.startswith("#")]
