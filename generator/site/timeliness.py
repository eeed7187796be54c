"""Stage 6f: was each report public by its deadline (/timeliness/).

The deadline is the rule of content/deadlines.yml for the report's level,
applied to its year. The date a report was made public is, in order: the
sidecar's `date` (the publisher's word), the publication line (发布日期 of the
page), the index block's 成文日期, the signature's date. The first two say
when the report was public: on or before the deadline is 按时, after it
逾期 N 天. The last two say only when it was written: a report cannot be
public before it is written, so a later one is late, but one written in time
says nothing of when it was published (日期不详, with the date shown). No
date, no year or no rule: 日期不详.

Pages: /timeliness/ (the rule, its source, a table by year and by level) and,
per year, a league table by province and by level and the year's reports by
status, in pages of about ROWS rows cut where the reports say (chunks.stable_chunks).
"""
from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from generator.read.deadlines import DeadlineRule, Deadlines
from generator.read.regions import NAMES, by_province
from generator.read.schema import LEVELS
from generator.records import Report
from generator.site.chunks import chunk_file, neighbours, pager, stable_chunks
from generator.site.pagehtml import heading, link, paragraph, table, text
from generator.site.render import (
    PAGE_SIZE,
    Output,
    SiteFile,
    frontmatter,
    html_page,
    in_region_order,
    md_inline,
    place_name,
    when_changed,
)
from generator.version import generator_version

Status = Literal["on_time", "late", "unknown"]
STATUS_LABELS = {"on_time": "按时", "late": "逾期", "unknown": "日期不详"}
# Where the date used was read, as readers are told.
SOURCES = {
    "sidecar": "补充文件中的日期",
    "publication": "网页发布信息中的发布日期",
    "index": "信息公开索引中的成文日期",
    "signature": "落款日期",
}
PUBLIC = ("sidecar", "publication")  # dates that say when the report was public
ROWS = PAGE_SIZE  # reports on a page of a year's list, about


@dataclass(frozen=True)
class Timeliness:
    slug: str
    status: Status
    year: int | None
    deadline: str | None  # ISO date, the last day on time
    date: str | None  # ISO date used
    source: str  # a key of SOURCES, "" without a date
    days_late: int = 0
    why: str = ""  # for 日期不详: why, in Chinese

    @property
    def label(self) -> str:
        return f"逾期 {self.days_late} 天" if self.status == "late" else STATUS_LABELS[self.status]

    def shown(self) -> dict[str, object]:
        """For the report page's card (frontmatter)."""
        return {"status": self.status, "label": self.label, "deadline": self.deadline, "date": self.date,
                "source": SOURCES.get(self.source, ""), "why": self.why, "year": self.year}


def date_used(report: Report) -> tuple[str | None, str]:
    """The date the report was made public, else written, and where it was read."""
    field = report.metadata.values.get("date")
    if field is not None and field.origin == "sidecar":
        return str(field.value), "sidecar"
    facts = report.cleaned.page.facts
    for value, source in ((facts.published, "publication"), (facts.written, "index"),
                          (facts.signed or report.document.signed, "signature")):
        if value:
            return value, source
    return None, ""


def timeliness(report: Report, deadlines: Deadlines) -> Timeliness:
    m = report.metadata
    year = m.get("year")
    rule: DeadlineRule | None = deadlines.rule(m.get("level"))
    date, source = date_used(report)
    if not isinstance(year, int):
        return Timeliness(report.slug, "unknown", None, None, date, source, why="报告年度不详，无法确定期限")
    if rule is None:
        why = "本站没有公开期限规则" if not deadlines.rules else "没有适用于该层级的公开期限规则"
        return Timeliness(report.slug, "unknown", year, None, date, source, why=why)
    deadline = rule.deadline(year)
    if date is None:
        return Timeliness(report.slug, "unknown", year, deadline.isoformat(), None, "",
                          why="原文没有发布日期、成文日期或落款日期")
    late = (dt.date.fromisoformat(date) - deadline).days
    if late > 0:
        return Timeliness(report.slug, "late", year, deadline.isoformat(), date, source, late)
    if source in PUBLIC:
        return Timeliness(report.slug, "on_time", year, deadline.isoformat(), date, source)
    return Timeliness(report.slug, "unknown", year, deadline.isoformat(), date, source,
                      why=f"{SOURCES[source]}在期限之前，但何时公开不详")


def measure(reports: Sequence[Report], deadlines: Deadlines) -> dict[str, Timeliness]:
    return {r.slug: timeliness(r, deadlines) for r in reports}


# --- pages -------------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    on_time: int = 0
    late: int = 0
    unknown: int = 0

    def add(self, status: Status) -> Tally:
        return Tally(**{**self.__dict__, status: getattr(self, status) + 1})

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.unknown

    def cells(self) -> str:
        known = self.on_time + self.late
        share = f"{100 * self.on_time / known:.0f}%" if known else "—"
        return f"{self.total} | {self.on_time} | {self.late} | {self.unknown} | {share}"


TALLY_HEAD = "| 报告数 | 按时 | 逾期 | 日期不详 | 按时率 |"
TALLY_COLUMNS = ("报告数", "按时", "逾期", "日期不详", "按时率")
TALLY_RULE = "|---|---|---|---|---|"


def tally(items: Sequence[Timeliness]) -> Tally:
    t = Tally()
    for item in items:
        t = t.add(item.status)
    return t


def _rule_text(deadlines: Deadlines) -> list[str]:
    if not deadlines.rules:
        return ["本站没有设定公开期限规则（content/deadlines.yml 不存在），所有报告记为“日期不详”。", ""]
    lines = []
    for rule in deadlines.rules:
        levels = "、".join(LEVELS[lv] for lv in rule.levels)
        lines += [f"- **{md_inline(levels)}**：报告年度的{rule.shown}（含当日）前向社会公开。",
                  f"  依据：{md_inline(rule.source)}"]
        if rule.note:
            lines.append(f"  说明：{md_inline(rule.note)}")
    return lines + [""]


HOW = ("判定方法：所用日期依次取补充文件中的日期、网页发布信息中的发布日期、信息公开索引中的成文日期、落款日期。"
       "前两种表明报告何时公开，不晚于期限为“按时”，晚于期限为“逾期 N 天”；后两种只表明报告何时成文——"
       "成文晚于期限的报告不可能按时公开，记为逾期，成文在期限之前的则不知何时公开，记为“日期不详”。"
       "按时率为按时报告占日期可判定报告的比例。本站所录发布日期可能是转载网页的日期，而非首次公开的日期。")


def timeliness_site(reports: Sequence[Report], measured: dict[str, Timeliness], deadlines: Deadlines) -> list[Output]:
    by_year: dict[int | None, list[Report]] = defaultdict(list)
    for report in reports:
        by_year[measured[report.slug].year].append(report)
    years = sorted((y for y in by_year if y is not None), reverse=True)
    lines = ["[首页](../index.md)\n{ .crumbs }", "", "# 按时公开", "",
             "各级政府及其部门的法治政府建设年度报告须在规定期限前向社会公开。本站据下列规则核对每份报告：", ""]
    lines += _rule_text(deadlines)
    lines += [HOW, "", "## 各年度 {#years}", "", "| 报告年度 " + TALLY_HEAD, "|---" + TALLY_RULE]
    for year in years:
        lines.append(f"| [{year} 年度]({year}/index.md) | " + tally([measured[r.slug] for r in by_year[year]]).cells() + " |")
    if None in by_year:
        lines.append("| 年度不详 | " + tally([measured[r.slug] for r in by_year[None]]).cells() + " |")
    lines += ["", "## 各层级（全部年度） {#levels}", "", "| 层级 " + TALLY_HEAD, "|---" + TALLY_RULE]
    lines += ["| " + " | ".join(row) + " |" for row in _by_level(reports, measured)]
    lines += ["", "数据下载：[timeliness.csv.gz](../data/timeliness.csv.gz)（gzip 压缩）"]
    pages: list[Output] = [SiteFile("timeliness/index.md", frontmatter({"title": "按时公开", "hide": ["navigation"]}, "\n".join(lines) + "\n"))]
    for year in years:
        pages += _year_pages(year, by_year[year], measured, deadlines)
    return pages


def _by_level(reports: Sequence[Report], measured: dict[str, Timeliness]) -> list[list[str]]:
    """A table's rows: each level's name and its tally's cells."""
    groups: dict[str, list[Timeliness]] = defaultdict(list)
    for report in reports:
        groups[str(report.metadata.get("level") or "")].append(measured[report.slug])
    labels = {**LEVELS, "": "层级不详"}
    return [[labels[lv], *tally(groups[lv]).cells().split(" | ")] for lv in labels if lv in groups]


ORDER = {"late": 0, "unknown": 1, "on_time": 2}


def _year_pages(year: int, reports: list[Report], measured: dict[str, Timeliness],
                deadlines: Deadlines) -> list[Output]:
    base = f"timeliness/{year}"
    head = "[首页](../../index.md) › [按时公开](../index.md)\n{ .crumbs }\n\n"
    rule = deadlines.rule(None)
    due = f"，公开期限为 {rule.deadline(year).isoformat()}" if rule else ""
    rows = []
    for slug, members in by_province(reports).items():
        t = tally([measured[r.slug] for r in members])
        known = t.on_time + t.late
        rows.append((-(t.on_time / known) if known else 1.0, -t.total, slug, t))
    intro = (paragraph(f"本站收录 {year} 年度报告 {len(reports)} 份{due}。{HOW}")
             + heading(2, "provinces", "各省级行政区") + paragraph("按按时率从高到低排列；按时率相同时按报告数。")
             + table(["省级行政区", *TALLY_COLUMNS], ([text(NAMES[slug]), *t.cells().split(" | ")] for *_, slug, t in sorted(rows)))
             + heading(2, "levels", "各层级") + table(["层级", *TALLY_COLUMNS], _by_level(reports, measured))
             + heading(2, "reports", "各份报告") + paragraph("先列逾期，再列日期不详，后列按时；同类按地区排列。"))
    ordered = sorted(in_region_order(reports), key=lambda r: ORDER[measured[r.slug].status])
    # Pages of about ROWS short rows, cut where the reports say (chunks.stable_chunks): one added
    # report changes the page it joins, and a later page is made again only when its rows changed.
    # The first page's tallies read every report of the year: made every build.
    chunks = stable_chunks(ordered, size=ROWS)
    files = [chunk_file(base, chunk, n) for n, chunk in enumerate(chunks, start=1)]
    pages: list[Output] = []
    for n, chunk in enumerate(chunks, start=1):
        make = functools.partial(_year_page, year, head, intro, files, n, chunk, measured)
        if n == 1:
            pages.append(SiteFile(files[0], make()))
        else:
            shown = [[m.label, m.why, m.deadline, m.date, m.source] for m in (measured[r.slug] for r in chunk)]
            pages.append(when_changed(files[n - 1], make, chunk, generator_version(), year, neighbours(files, n), n,
                                      shown))
    return pages


def _year_page(year: int, head: str, intro: str, files: list[str], n: int, chunk: Sequence[Report],
               measured: dict[str, Timeliness]) -> bytes:
    """Page n (from 1) of a year's reports (_year_pages); intro opens the first."""
    page = files[n - 1]
    nav = pager(files, n)
    title = f"{year} 年度报告按时公开情况"
    cells = []
    for r in chunk:
        m = measured[r.slug]
        result = m.label + (f"（{text(m.why)}）" if m.why else "")
        cells.append([link(page, text(r.title), f"../../reports/{r.slug}/index.md"), text(place_name(r.metadata) or "—"),
                      LEVELS.get(str(r.metadata.get("level")), "—"), m.deadline or "—", m.date or "—",
                      SOURCES.get(m.source, "—"), result])
    body = ((intro if n == 1 else "") + nav
            + table(["报告", "地区", "层级", "期限", "所用日期", "日期来源", "结果"], cells) + nav)
    return html_page({"title": title, "hide": ["navigation"]},
                     head + (f"# {title}" if n == 1 else f"# {title}（续）"), body)


TIMELINESS_COLUMNS = (
    ("report", "报告代码（同 reports.csv 的 slug 列）"),
    ("year", "报告年度"),
    ("level", "发布机关层级代码"),
    ("province", "省级行政区"),
    ("deadline", "公开期限（YYYY-MM-DD，当日公开仍为按时），依据见 /timeliness/"),
    ("date", "判定所用的日期"),
    ("date_source", "所用日期的来源：sidecar 补充文件，publication 网页发布日期，index 信息公开索引的成文日期，signature 落款日期"),
    ("status", "on_time 按时，late 逾期，unknown 日期不详"),
    ("days_late", "逾期天数（逾期时）"),
    ("why", "日期不详的原因"),
)


def timeliness_rows(reports: Sequence[Report], measured: dict[str, Timeliness]) -> list[dict[str, object]]:
    rows = []
    for report in sorted(reports, key=lambda r: r.slug):
        t = measured[report.slug]
        rows.append({"report": report.slug, "year": t.year, "level": report.metadata.get("level"),
                     "province": report.metadata.get("province"), "deadline": t.deadline, "date": t.date,
                     "date_source": t.source or None, "status": t.status,
                     "days_late": t.days_late if t.status == "late" else None, "why": t.why or None})
    return rows
