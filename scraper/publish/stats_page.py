"""The statistics page (统计): articles per year, theme and province, each an inline SVG chart
over a data table; every bar and every row links to the listing it counts, and counts what that
listing lists (the counts are taken from the listings' own article lists)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from scraper.analysis import stats
from scraper.publish import charts, generated
from scraper.publish.charts import Bar

if TYPE_CHECKING:
    from scraper.publish.generated import SitePages

SRC = "stats/index.md"


def stats_files(pages: SitePages) -> list[generated.GeneratedFile]:
    """stats/index.md: its title now, its body (charts and tables) after conversion, when the
    theme counts (which depend on the segmentation) are known."""
    return [generated.GeneratedFile(SRC, "# 统计\n", lambda: stats_body(pages))]


def stats_body(pages: SitePages) -> str:
    a = pages.analysis
    blocks = [
        ("years", "按年份", "各年份文章数", "年份", year_bars(pages)),
        ("themes", "按专题", "各专题文章数", "专题", theme_bars(pages)),
        ("provinces", "按省份", "各省（区、市）文章数", "省（区、市）", province_bars(pages)),
    ]
    return pages.render(
        "stats.html",
        articles=len(a.infos),
        provinces=len(a.regions.children),
        authors=len(a.authors),
        charts=[_chart(pages, *block) for block in blocks],
    )


def _chart(
    pages: SitePages, id_: str, heading: str, title: str, name: str, bars: list[Bar]
) -> dict[str, Any]:
    # the section's heading and the table's caption name the chart: no title drawn in it
    svg = charts.bar_chart(title, bars, heading=False, templates=pages.templates)
    # Markup: the chart is our own template's output, its text already escaped there
    table = {"caption": title, "name": name, "bars": bars}
    return {"id": id_, "heading": heading, "svg": Markup(svg.strip()), "table": table}


def year_bars(pages: SitePages) -> list[Bar]:
    """Oldest year first, 日期不详 last: each year's count is the sum of its months' listings;
    a year between two with articles but without any of its own is a 0, linked nowhere (it has
    no page), so that the time line has no silent gap."""
    a = pages.analysis
    counts = dict(stats.per_year_of_months(a.by_month))
    bars = [
        Bar(str(year), counts[year], pages.href(SRC, pages.paths.year(year)))
        if year in counts
        else Bar(str(year), 0)
        for year in range(min(counts, default=0), max(counts, default=-1) + 1)
    ]
    if a.undated:
        bars.append(Bar(stats.NO_DATE, len(a.undated), pages.href(SRC, pages.paths.undated())))
    return bars


def theme_bars(pages: SitePages) -> list[Bar]:
    """Every theme in the taxonomy's order (a theme with no article yet shows 0)."""
    a = pages.analysis
    return [
        Bar(t.name, len(a.by_theme.get(t.slug, ())), pages.href(SRC, pages.paths.theme(t.slug)))
        for t in a.taxonomy.themes
    ]


def province_bars(pages: SitePages) -> list[Bar]:
    """Provinces by count (most first), then 未标注地区 when some articles have no region."""
    root = pages.analysis.regions
    bars = [
        Bar(node.name, node.count, pages.href(SRC, pages.paths.region(node.path)))
        for node in root.sorted_children()
    ]
    if root.direct:
        bars.append(Bar(stats.NO_REGION, len(root.direct), pages.href(SRC, pages.paths.region(()))))
    return bars
