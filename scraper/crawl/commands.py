"""CLI subcommands for crawling: crawl, sites, reextract, demo-site (placeholder until issue 3)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    """Add the crawl subcommands to ``rdkb``."""
    del subparsers


__all__ = ["argparse", "register"]
