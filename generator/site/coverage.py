"""Stage 6g: which bodies have a report on the site, year by year (/coverage/).

Expected every year: every government at county level and above
(read/governments.py, from the gazetteer), and every other body the site has
any report of in any year (towns, departments, places the gazetteer does not
know). A government's report is matched by its place and level; any other
body by its place and issuer. 未收录 means "not on this site", never "not
published": the site holds what its publishers collected.

Pages: /coverage/ (a national summary by level and year), /coverage/<year>/
(the country as a grid coloured by the share covered, and a row per
province), /coverage/<year>/<province>/ (every expected body with its report
or 未收录, split into pages of at most ROWS rows: the gazetteer's order is
fixed, so a page's rows change only with the extra bodies of its province).
"""
from __future__ import annotations

import hashlib
import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from generator.read.governments import governments
from generator.read.regions import PROVINCES, UNKNOWN, province_slug
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.chunks import pager
from generator.site.pagehtml import link, paragraph, table, text
from generator.site.render import SiteFile, frontmatter, html_page, md_inline

GOVERNMENT_LEVELS = ("province", "city", "county")
LEVEL_ORDER = {lv: n for n, lv in enumerate(LEVELS)}
NOTE = ("“未收录”指本站没有收录该机关这一年度的报告，不等于该机关没有发布报告："
        "本站只收录发布者收集到的报告。")
# The country as a grid: (row, column) of each province, roughly where it lies.
GRID = {
    "黑龙江省": (1, 9), "吉林省": (2, 9), "辽宁省": (3, 8), "内蒙古自治区": (2, 6), "北京市": (3, 6),
    "天津市": (3, 7), "河北省": (4, 6), "山西省": (4, 5), "山东省": (4, 7), "新疆维吾尔自治区": (2, 2),
    "甘肃省": (3, 4), "宁夏回族自治区": (4, 4), "青海省": (4, 3), "陕西省": (5, 4), "河南省": (5, 5),
    "江苏省": (5, 7), "西藏自治区": (5, 2), "四川省": (6, 3), "重庆市": (6, 4), "湖北省": (6, 5),
    "安徽省": (6, 6), "上海市": (6, 8), "浙江省": (7, 7), "贵州省": (7, 4), "湖南省": (7, 5),
    "江西省": (7, 6), "云南省": (8, 3), "广西壮族自治区": (8, 4), "广东省": (8, 5), "福建省": (8, 6),
    "海南省": (9, 5),
}
SHORT = {"内蒙古自治区": "内蒙古", "新疆维吾尔自治区": "新疆", "宁夏回族自治区": "宁夏", "广西壮族自治区": "广西",
         "西藏自治区": "西藏", "黑龙江省": "黑龙江"}
ROWS = 250  # bodies on a page: every province's on one, except the largest with many towns and departments
BINS = ((0.0, "0"), (0.25, "1"), (0.5, "2"), (0.75, "3"), (1.01, "4"))  # share below -> class cov-N


@dataclass(frozen=True)
class Body:
    key: tuple[str, ...]  # place (and issuer, for bodies that are not governments)
    name: str
    level: str
    province: str
    order: tuple[str, ...]  # position in its province's table

    @property
    def slug(self) -> str:
        return hashlib.sha1("/".join(self.key).encode("utf-8")).hexdigest()[:12]


def _own_city(report: Report) -> str:
    m = report.metadata
    city = str(m.get("city") or "")
    return "" if city == str(m.get("province") or "") else city


def body_of(report: Report, known: dict[tuple[str, ...], Body]) -> Body | None:
    """The body a report belongs to: a government of the gazetteer when its
    level and place name one, else a body of its own; None without a province."""
    m = report.metadata
    province = str(m.get("province") or "")
    if province_slug(province) == UNKNOWN:
        return None
    city, county, town = _own_city(report), str(m.get("county") or ""), str(m.get("town") or "")
    level = str(m.get("level") or "")
    needs = {"province": not (city or county or town), "city": bool(city) and not (county or town),
             "county": bool(county) and not town}
    if level in GOVERNMENT_LEVELS and needs[level]:
        found = known.get((province, city, county))
        if found is not None and found.level == level:
            return found
    if level == "town" and town:
        key: tuple[str, ...] = (province, city, county, town)
        name = town
    else:
        issuer = str(m.get("issuer") or "")
        if not issuer:
            return None
        key = (province, city, county, town, issuer)
        name = issuer
    parent = known.get((province, city, county)) or known.get((province, city, "")) or known.get((province, "", ""))
    order = (parent.order if parent else ("~",)) + (str(LEVEL_ORDER.get(level, 9)), name)
    return Body(key, name, level or "", province, order)


@dataclass(frozen=True)
class Coverage:
    years: tuple[int, ...]
    bodies: dict[str, tuple[Body, ...]]  # province -> expected bodies, in table order
    reports: dict[tuple[tuple[str, ...], int], tuple[Report, ...]]  # (body key, year) -> its reports
    unplaced: int  # reports of unknown province or body, not counted

    def covered(self, body: Body, year: int) -> tuple[Report, ...]:
        return self.reports.get((body.key, year), ())


def coverage(reports: Sequence[Report]) -> Coverage:
    known: dict[tuple[str, ...], Body] = {}
    by_province: dict[str, list[Body]] = defaultdict(list)
    for g in governments():
        body = Body(g.key, g.name, g.level, g.province, (g.code,))
        known[g.key] = body
        by_province[g.province].append(body)
    found: dict[tuple[tuple[str, ...], int], list[Report]] = defaultdict(list)
    extra: dict[tuple[str, ...], Body] = {}
    years: set[int] = set()
    unplaced = 0
    for report in sorted(reports, key=lambda r: r.slug):
        own = body_of(report, known)
        year = report.metadata.get("year")
        if own is None or not isinstance(year, int):
            unplaced += 1
            continue
        years.add(year)
        if own.key not in known:
            extra.setdefault(own.key, own)
        found[own.key, year].append(report)
    for body in extra.values():
        by_province[body.province].append(body)
    ordered = {p: tuple(sorted(bs, key=lambda b: b.order)) for p, bs in by_province.items()}
    return Coverage(tuple(sorted(years, reverse=True)), ordered, {k: tuple(v) for k, v in found.items()}, unplaced)


# --- pages -------------------------------------------------------------------------

def _share(covered: int, expected: int) -> str:
    """A percentage to one decimal; a share too small to show is "<0.1%", never 0.0%."""
    if not expected:
        return "—"
    return "<0.1%" if covered and 1000 * covered < expected else f"{100 * covered / expected:.1f}%"


def _bin(covered: int, expected: int) -> str:
    share = covered / expected if expected else 0.0
    if covered == 0:
        return "0"
    return next(n for limit, n in BINS[1:] if share < limit)


def _counts(cov: Coverage, bodies: Sequence[Body], year: int) -> dict[str, tuple[int, int]]:
    """level -> (covered, expected)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for body in bodies:
        c = counts[body.level or "unknown"]
        c[1] += 1
        c[0] += bool(cov.covered(body, year))
    return {lv: (c[0], c[1]) for lv, c in counts.items()}


LABELS = {**LEVELS, "unknown": "层级不详"}


def coverage_site(reports: Sequence[Report]) -> tuple[Coverage, list[SiteFile]]:
    cov = coverage(reports)
    every = [b for bs in cov.bodies.values() for b in bs]
    lines = ["[首页](../index.md)\n{ .crumbs }", "", "# 收录情况", "",
             "每年应当公开法治政府建设年度报告的机关，本站收录了哪些。应报机关包括地名库（jionlp）中县级以上的全部政府"
             "（省、市、县三级），以及本站收录过其任一年度报告的乡镇（街道）和政府部门。", "", f"**{NOTE}**", ""]
    if cov.unplaced:
        lines += [f"另有 {cov.unplaced} 份报告的地区、发布机关或年度不详，未计入。", ""]
    lines += ["## 全国各层级 {#levels}", "", "| 报告年度 | 层级 | 应报机关 | 本站已收录 | 收录比例 |", "|---|---|---|---|---|"]
    for year in cov.years:
        counts = _counts(cov, every, year)
        for level in [lv for lv in LABELS if lv in counts]:
            c, e = counts[level]
            lines.append(f"| [{year} 年度]({year}/index.md) | {LABELS[level]} | {e} | {c} | {_share(c, e)} |")
    if not cov.years:
        lines.append("（暂无可计入的报告）")
    lines += ["", "数据下载：[coverage.csv.gz](../data/coverage.csv.gz)（gzip 压缩）"]
    pages = [SiteFile("coverage/index.md", frontmatter({"title": "收录情况", "hide": ["navigation"]}, "\n".join(lines) + "\n"))]
    for year in cov.years:
        counts = shares(cov, year)
        pages.append(_year_page(cov, year, counts))
        for province, bodies in cov.bodies.items():
            pages += _province_pages(cov, year, province, bodies, counts)
    return cov, pages


def shares(cov: Coverage, year: int) -> dict[str, tuple[int, int]]:
    """Province -> (bodies covered, bodies expected) in the year: once a year, for every grid of it."""
    return {province: (sum(1 for b in bodies if cov.covered(b, year)), len(bodies))
            for province, bodies in cov.bodies.items()}


def grid(counts: dict[str, tuple[int, int]], year: int, up: str, current: str = "") -> str:
    """The country as a grid of provinces, each coloured by its share covered
    (counts: shares()) and linking to its page (plain HTML; the stylesheet draws it).
    The year's page writes each share; a province's page (current) only
    colours them, so that one more report of one province does not make
    every province's page of the year again (its colour changes rarely)."""
    cells = []
    for province, (row, col) in GRID.items():
        covered, expected = counts.get(province, (0, 0))
        share = "" if current else f"<small>{_share(covered, expected)}</small>"
        name = SHORT.get(province, province.removesuffix("省").removesuffix("市"))
        mark = ' aria-current="page"' if province == current else ""
        cells.append(f'<a class="cov-{_bin(covered, expected)}" style="grid-area:{row}/{col}"{mark} '
                     f'href="{up}{PROVINCES[province]}/">{html.escape(name)}{share}</a>')
    legend = ('<p class="cov-legend">颜色表示本站已收录报告的机关占应报机关的比例：'
              '<span class="cov-0">0</span><span class="cov-1">25% 以下</span><span class="cov-2">25%—50%</span>'
              '<span class="cov-3">50%—75%</span><span class="cov-4">75% 以上</span></p>')
    return f'<nav class="cov-grid" aria-label="{year} 年度各省已收录报告的机关占应报机关的比例">' + "".join(cells) + "</nav>\n" + legend


def _year_page(cov: Coverage, year: int, counts: dict[str, tuple[int, int]]) -> SiteFile:
    lines = ["[首页](../../index.md) › [收录情况](../index.md)\n{ .crumbs }", "",
             f"# {year} 年度报告收录情况", "", NOTE, "", grid(counts, year, ""), "",
             "| 省级行政区 | 应报机关 | 本站已收录 | 收录比例 | 其中县级以上政府 |", "|---|---|---|---|---|"]
    for province in (p for p in GRID if p in cov.bodies):
        bodies = cov.bodies[province]
        levels = _counts(cov, bodies, year)
        c = sum(v[0] for v in levels.values())
        gc = sum(levels.get(lv, (0, 0))[0] for lv in GOVERNMENT_LEVELS)
        ge = sum(levels.get(lv, (0, 0))[1] for lv in GOVERNMENT_LEVELS)
        lines.append(f"| [{md_inline(province)}]({PROVINCES[province]}/index.md) | {len(bodies)} | {c} | "
                     f"{_share(c, len(bodies))} | {gc} / {ge} |")
    return SiteFile(f"coverage/{year}/index.md",
                    frontmatter({"title": f"{year} 年度报告收录情况", "hide": ["navigation"]}, "\n".join(lines) + "\n"))


def _province_pages(cov: Coverage, year: int, province: str, bodies: Sequence[Body],
                    shares_of_year: dict[str, tuple[int, int]]) -> list[SiteFile]:
    base = f"coverage/{year}/{PROVINCES[province]}"
    counts = _counts(cov, bodies, year)
    covered = sum(v[0] for v in counts.values())
    title = f"{province} {year} 年度报告收录情况"
    head = ("[首页](../../../index.md) › [收录情况](../../index.md) › "
            f"[{year} 年度](../index.md)\n{{ .crumbs }}\n\n")
    intro = (paragraph(NOTE)
             + paragraph(f"应报机关 {len(bodies)} 个，本站已收录其中 {covered} 个的 {year} 年度报告（{_share(covered, len(bodies))}）："
                         + "；".join(f"{LABELS[lv]} {c} / {e}"
                                    for lv, (c, e) in sorted(counts.items(), key=lambda kv: LEVEL_ORDER.get(kv[0], 9)))
                         + "。")
             + grid(shares_of_year, year, "../", province) + "\n")
    chunks = [list(bodies[i:i + ROWS]) for i in range(0, len(bodies), ROWS)] or [[]]
    files = [f"{base}/index.md"] + [f"{base}/{n}.md" for n in range(2, len(chunks) + 1)]
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        page = files[n - 1]
        nav = pager(files, n)
        rows = []
        for b in chunk:
            found = cov.covered(b, year)
            cell = "<br>".join(link(page, text(r.title), f"../../../reports/{r.slug}/index.md") for r in found) or "未收录"
            rows.append([text(b.name), LABELS.get(b.level or "unknown", "层级不详"), cell])
        body = (intro if n == 1 else paragraph(NOTE)) + nav + table(["机关", "层级", "本站收录的报告"], rows) + nav
        heading = f"# {md_inline(title)}" if n == 1 else f"# {md_inline(title)}（续）"
        pages.append(SiteFile(page, html_page({"title": title, "hide": ["navigation"]}, head + heading, body)))
    return pages


COVERAGE_COLUMNS = (
    ("year", "报告年度"),
    ("province", "省级行政区"),
    ("body", "应报机关（政府以地名表示，其他机关以发布机关名称表示）"),
    ("level", "层级代码：province、city、county、town、department"),
    ("city", "所属地级市（适用时）"),
    ("county", "所属县（区）（适用时）"),
    ("covered", "本站是否收录了该机关这一年度的报告：1 是，0 否（否不等于该机关没有发布）"),
    ("reports", "本站收录的该机关这一年度报告的代码，以空格分隔"),
)


def coverage_rows(cov: Coverage) -> list[dict[str, object]]:
    rows = []
    for year in cov.years:
        for province, bodies in cov.bodies.items():
            for b in bodies:
                found = cov.covered(b, year)
                rows.append({"year": year, "province": province, "body": b.name, "level": b.level,
                             "city": b.key[1] or None, "county": b.key[2] or None, "covered": int(bool(found)),
                             "reports": " ".join(r.slug for r in found) or None})
    return rows
