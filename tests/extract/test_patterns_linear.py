"""Every pattern applied to page text runs in linear time (issue 13, point 2).

Each compiled pattern of the extraction and normalisation modules is searched and substituted on
inputs built to make a backtracking engine stall (long runs of the classes the patterns repeat);
a 4× longer input must cost less than 5× (best of a few runs, measured again when noisy), or
be too fast to matter at all (under 20 ms: there timer noise, not the pattern, sets the ratio).
"""

from __future__ import annotations

import gc
import re
import time
from types import ModuleType

import pytest

import scraper.extract.authors
import scraper.extract.dates
import scraper.extract.document
import scraper.extract.layout
import scraper.extract.patterns
import scraper.extract.textform
import scraper.normalise

MODULES: tuple[ModuleType, ...] = (
    scraper.extract.patterns,
    scraper.extract.dates,
    scraper.extract.authors,
    scraper.extract.layout,
    scraper.extract.document,
    scraper.extract.textform,
    scraper.normalise,
)
# Runs of what the patterns repeat: Han text, spaced words, digits and dates, brackets, arrows,
# word characters before 版权所有, dashes and bars.
INPUTS = {
    "han": "人大常委会组织代表开展视察听取汇报",
    "spaced": "某某 记者 ",
    "dates": "2024-05-01 12:30 ",
    "brackets": "（记者 某某",
    "arrows": "首页 > ",
    "copyright": "abc.某某 ",
    "dashes": "标题-某某|",
    "glosses": "聯(lián)",
}


_NEGLIGIBLE = 0.02  # seconds on the longer input


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(id(value), (f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


def _cost(pattern: re.Pattern[str], text: str) -> float:
    best = float("inf")
    gc.collect()
    for _ in range(3):
        start = time.perf_counter()
        pattern.search(text)
        pattern.sub("", text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=[n for n, _ in _patterns()])
def test_pattern_time_grows_linearly(name: str, pattern: re.Pattern[str]) -> None:
    for kind, unit in INPUTS.items():
        ratios = []
        for _ in range(3):
            small = _cost(pattern, unit * 250)
            large = _cost(pattern, unit * 1000)
            ratios.append(0.0 if large < _NEGLIGIBLE else large / small)
            if ratios[-1] < 5:
                break
        assert min(ratios) < 5, f"{name} on {kind}: 4x input cost {min(ratios):.1f}x"
