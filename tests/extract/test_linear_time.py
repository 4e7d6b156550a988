"""Extraction time grows linearly with the input (issue 13, point 2).

Hostile pages are one long paragraph (or many lines) in the shapes that made patterns
backtrack; each is extracted at n and 4n and must cost less than 5× (best of five runs each, so
a noisy machine does not decide). A page over the size limit is refused at once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from scraper.errors import DecodeError
from scraper.pipeline import MAX_PAGE_BYTES, article_from_raw
from scraper.records import RawPage

_HAN = "人大常委会组织代表开展视察听取汇报提出意见建议"
_PARA = "会议听取和审议了县政府关于耕地保护工作情况的报告，审议通过了县人大常委会工作要点。"

# name → (page of size n, file suffix)
SHAPES: dict[str, tuple[Callable[[int], str], str]] = {
    "one Han paragraph, no punctuation": (lambda n: _HAN * n, "txt"),
    "one paragraph of spaced words before 版权所有": (lambda n: ("某某 " * n) + "版权所有", "txt"),
    "brackets never closed": (lambda n: "标题\n2024-05-01\n" + ("（记者" * n), "txt"),
    "breadcrumb arrows": (lambda n: "首页 > " * n, "txt"),
    "dates glued to names": (lambda n: "2024-05-01张三李四" * n, "txt"),
    "actors without a place": (lambda n: "标题\n2024-05-01\n" + "人大代表" * n + "。", "txt"),
    "one HTML paragraph": (lambda n: f"<html><body><p>{_HAN * n}</p></body></html>", "html"),
    "unclosed font tags": (
        lambda n: "<html><body><h1>某县召开会议</h1>" + f"<p><font>{_PARA}" * (n // 10),
        "html",
    ),
}


def _cost(page: str, suffix: str) -> float:
    raw = RawPage(page.encode(), f"hostile.{suffix}")
    best = float("inf")
    gc.collect()
    for _ in range(5):
        start = time.perf_counter()
        try:
            article_from_raw(raw)
        except DecodeError:
            pass
        except Exception as error:  # NoArticleError and friends are fine: it finished
            assert "Error" in type(error).__name__
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_four_times_longer_page_costs_less_than_five_times(shape: str) -> None:
    make, suffix = SHAPES[shape]
    _cost(make(50), suffix)  # warm up: gazetteers and tables load once per process
    ratios = []
    for _ in range(3):  # a quadratic pattern costs ~16x every time; noise does not repeat
        small = _cost(make(1000), suffix)
        large = _cost(make(4000), suffix)
        ratios.append(large / max(small, 0.002))
        if ratios[-1] < 5:
            break
    assert min(ratios) < 5, f"{shape}: 4x input cost {min(ratios):.1f}x"


def test_a_huge_one_line_dump_is_refused_at_once() -> None:
    page = RawPage(b"x" * (MAX_PAGE_BYTES * 5), "huge.txt")
    start = time.perf_counter()
    with pytest.raises(DecodeError, match="refused"):
        article_from_raw(page)
    assert time.perf_counter() - start < 2
