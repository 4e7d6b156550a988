"""Hostile archive content for the escaping tests (issue 13, point 1).

Every payload, if a template printed it unescaped (or a link used it as its target), would run
``alert(…)`` in the browser or leave an ``on*`` attribute or a ``javascript:`` link in the page.
Two ways in: pages imported with ``rdkb import`` (what a scraped site could send) and front
matter written by hand (what a careless maintainer, or a tampered archive, could hold).
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from bench.synth import make_article

# Text payloads: markup, attribute and element breakers, Markdown and front-matter breakers.
PAYLOADS = (
    "<script>alert('script')</script>",
    "<img src=x onerror=alert('img')>",
    "<svg onload=alert('svg')>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "</title><script>alert('title')</script>",
    "\"><script>alert('dquote')</script>",
    "'><img src=x onerror=alert('squote')>",
    "&lt;/title&gt;&lt;script&gt;alert('entity')&lt;/script&gt;",
    "x {: onclick=\"alert('attr_list')\" }",
    "[点我](javascript:alert('mdlink'))",
    "x\n<script>alert('newline')</script>\n",
    "x\n\n---\n<img src=x onerror=alert('block')>",
    "<!-- x --><details open ontoggle=alert('details')>",
    "\u202e\u2066县人大\u2069\u200f常委会\u202c",
)

# URL payloads, for url, original_url and also_at.
URLS = (
    "javascript:alert('url')",
    " JaVaScRiPt:alert('mixedcase')",
    "java\tscript:alert('tab')",
    "data:text/html,<script>alert('data')</script>",
    "vbscript:msgbox('vb')",
    "\"><script>alert('urlquote')</script>",
)


def body(n: int) -> list[str]:
    """Paragraphs of a congress article (bench.synth's), different for each ``n``: the
    importer recognises the pages as articles and does not merge them as reposts."""
    _, markdown = make_article(n, random.Random(n), 600)
    return [p for p in markdown.split("\n\n") if p.strip() and not p.startswith("#")]


def hostile_meta(n: int, payload: str) -> dict[str, object]:
    """Front matter with ``payload`` in every text field and hostile URLs in every URL field."""
    return {
        "title": f"{payload}县人大常委会开展执法检查{n}",
        "date": f"2024-05-{n % 28 + 1:02d}",
        "authors": [{"name": payload, "position": payload}, {"name": None, "position": payload}],
        "region": [payload, f"{payload}市"],
        "source": payload,
        "site": payload,
        "url": URLS[n % len(URLS)],
        "original_url": URLS[(n + 1) % len(URLS)],
        "also_at": list(URLS),
        # keys outside the schema that Material's base.html prints
        "description": payload,
        "author": payload,
    }


def write_article(docs: Path, name: str, meta: dict[str, object], text: str) -> Path:
    path = docs / "articles" / "2024" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n\n{text}\n", encoding="utf-8")
    return path


# Keys outside the schema that Material acts on: a redirect to a script URL, a raw "updated" date.
MATERIAL_KEYS = {
    "template": "redirect.html",
    "location": "javascript:alert('redirect')",
    "revision_date": "<img src=x onerror=alert('revision')>",
}


def write_hostile_articles(docs: Path) -> None:
    """One hand-written article per payload, and one with keys Material acts on."""
    for n, payload in enumerate(PAYLOADS):
        name = f"2024-05-{n % 28 + 1:02d}-hostile{n:02d}"
        write_article(docs, name, hostile_meta(n, payload), "\n\n".join(body(n)))
    meta = {"title": "跳转", "date": "2024-04-01", **MATERIAL_KEYS}
    write_article(docs, "2024-04-01-hostile-material", meta, "\n\n".join(body(99)))


def hostile_page(n: int, payload: str) -> str:
    """A government-site page whose title, author, source and site name carry ``payload``."""
    esc = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    attr = esc.replace('"', "&quot;")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{esc}县人大常委会开展执法检查{n}_{esc}</title>
<meta name="ArticleTitle" content="{attr}县人大常委会开展执法检查{n}">
<meta name="PubDate" content="2024-06-{n % 28 + 1:02d} 10:05">
<meta name="ContentSource" content="{attr}">
<meta name="Author" content="{attr}">
<meta name="SiteName" content="{attr}">
<link rel="canonical" href="{URLS[n % len(URLS)].replace('"', "&quot;")}">
</head><body>
<div class="article">
<h1>{esc}县人大常委会开展执法检查{n}</h1>
<div class="info">发布时间：2024-06-{n % 28 + 1:02d}　来源：{esc}　作者：{esc}</div>
<div class="content">
{"".join(f"<p>{p}</p>" for p in body(100 + n))}
<p>{payload}</p>
<p><a href="{URLS[n % len(URLS)].replace('"', "&quot;")}">原文链接</a></p>
</div></div></body></html>
"""


def write_hostile_pages(folder: Path) -> None:
    """One page per payload, for ``rdkb import``."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, payload in enumerate(PAYLOADS):
        (folder / f"hostile{n:02d}.html").write_text(hostile_page(n, payload), encoding="utf-8")
