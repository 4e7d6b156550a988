"""Passages attributed to 习近平总书记: 习近平总书记[在…上]指出/强调/讲过：“…”."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTE = re.compile(
    r"习近平总书记(?P<context>[^。！？；“”\"\n]{0,60}?)"
    r"(?P<verb>深刻指出|明确指出|强调指出|郑重宣示|指出|强调|讲过|说过|讲道|说|要求)"
    r"[：:，,]?\s*[“\"](?P<text>[^”\"\n]{4,800})[”\"]"
)


@dataclass(frozen=True)
class Quote:
    text: str  # the passage, without quotation marks
    verb: str  # 指出, 强调, …
    context: str  # what stood between 总书记 and the verb, e.g. 在中央人大工作会议上


def find_quotes(text: str) -> list[Quote]:
    """Every attributed passage in ``text``, in order."""
    quotes: list[Quote] = []
    for match in _QUOTE.finditer(text):
        passage = match.group("text").strip()
        if passage:
            quotes.append(Quote(passage, match.group("verb"), match.group("context").strip(" ，,")))
    return quotes


def quote_key(text: str) -> str:
    """Normalised passage used to group the same quotation cited by several articles."""
    normal = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s，。、；：！？,.;:!?]", "", normal)
