"""The statistics page (统计): counts per year, theme and province, each as a chart."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from scraper.analysis import stats
from scraper.publish import charts, generated

if TYPE_CHECKING:
    from scraper.publish.generated import SitePages


def stats_files(pages: SitePages) -> list[generated.GeneratedFile]:
    """stats/index.md and its charts."""
    a = pages.analysis
    GeneratedFile = generated.GeneratedFile
    articles = [info.article for info in a.infos]
    years = stats.per_year(articles)
    provinces = stats.per_province(articles)
    themes = stats.per_theme(
        [info.themes for info in a.infos], [(t.slug, t.name) for t in a.taxonomy.themes]
    )
    chart = partial(charts.bar_chart, templates=pages.templates)
    files = [
        GeneratedFile("stats/years.svg", chart("各年份文章数", years)),
        GeneratedFile("stats/provinces.svg", chart("各省（区、市）文章数", provinces)),
        GeneratedFile("stats/themes.svg", chart("各专题文章数", themes, label_width=220)),
    ]
    body = pages.render(
        "stats.html",
        articles=len(articles),
        provinces=len(a.regions.children),
        authors=len(a.authors),
        charts=[
            {"heading": "按年份", "title": "各年份文章数", "file": "years.svg"},
            {"heading": "按专题", "title": "各专题文章数", "file": "themes.svg"},
            {"heading": "按省份", "title": "各省（区、市）文章数", "file": "provinces.svg"},
        ],
    )
    return [GeneratedFile("stats/index.md", body + "\n"), *files]
