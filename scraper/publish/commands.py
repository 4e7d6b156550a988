"""CLI subcommands for the site: build, serve (placeholder until issue 4)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Add the site subcommands to ``rdkb``."""
    del subparsers
