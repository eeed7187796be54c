"""Stage 6j: the measures of issue 20 together: timeliness, coverage, versions,
year-over-year repeats and shared templates, with their open data.

One call from the pipeline: the pages, what each report page adds to its
card (frontmatter merged into the report's links), and what each series
page adds (its table of repeats).
"""
from __future__ import annotations

import csv
import functools
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.read.deadlines import Deadlines
from generator.read.history import History
from generator.records import Report
from generator.site.coverage import COVERAGE_COLUMNS, coverage_rows, coverage_site
from generator.site.memo import Memo
from generator.site.render import Output, SiteFile, frontmatter, gzipped, md_inline
from generator.site.series import Series, series_key
from generator.site.timeliness import TIMELINESS_COLUMNS, measure, timeliness_rows, timeliness_site
from generator.site.versions import edits_of, versions_site
from generator.site.yearly import series_section, shared_templates


@dataclass(frozen=True)
class Measures:
    pages: list[Output]
    links: dict[str, dict] = field(default_factory=dict)  # report slug -> more frontmatter for its page
    # a series -> Markdown for its page (made with the page: yearly.series_section); None: nothing added
    series_table: Callable[[Series], str] | None = None
    note: str = ""  # said once by the build: why no versions pages were made
    edits: list[tuple[str, str, int]] = field(default_factory=list)  # (date, report slug, version) for the feed


SWITCH = "FAZHI_MEASURES"  # "0": a build without the pages of issue 20, for benchmarks only


def measures_wanted() -> bool:
    """False when the environment sets FAZHI_MEASURES=0: the build then makes
    no coverage, timeliness, versions, 对照 or template marks, so that
    benchmarks/rebuild.py --ab can measure what they cost on one corpus.
    Publishers never set it."""
    return os.environ.get(SWITCH, "").strip() != "0"


def no_measures() -> Measures:
    """What a build without the measures adds: nothing."""
    return Measures([])


def measures_site(reports: Sequence[Report], series: Sequence[Series], deadlines: Deadlines,
                  history: History, memo: Memo | None = None,
                  text: Callable[[Report], Report] | None = None) -> Measures:
    """memo: what was measured from each report's text in earlier builds
    (site/memo.py); without one, everything is measured again. text: a
    report with its text, for what is measured anew of a report the build
    holds without it (generator/build/pipeline.py texts_of)."""
    reports = sorted(reports, key=lambda r: r.slug)
    memo = memo or Memo(None)
    measured = measure(reports, deadlines)
    cov, files = coverage_site(reports)
    pages: list[Output] = list(files)
    pages += timeliness_site(reports, measured, deadlines)
    edits = edits_of(reports, history, measured)
    pages += versions_site(reports, edits, measured)
    # Each series' 对照 section is made with its page (series_section), from
    # its reports' matches kept in memo; each year's shared templates are
    # kept beside the reports' measures, and each report's prints apart
    # (only a year with a changed report reads them). Every report's kept
    # values were read here, every build: at 3,000 varied reports they were
    # the build's peak (99 MiB more than the reports), and 50,000 files read.
    def folder(name: str) -> Memo | None:
        return Memo(memo.folder.with_name(name), read=memo.read) if memo.folder is not None else None

    prints = folder("prints") or Memo(None)
    shared = shared_templates(reports, {r.slug: series_key(r) or (r.slug,) for r in reports}, prints,
                              folder("templates"), text)
    slugs = {r.slug for r in reports}
    memo.prune(slugs)
    prints.prune(slugs)
    links: dict[str, dict] = {}
    for report in reports:
        extra: dict[str, object] = {"timeliness": measured[report.slug].shown()}
        if report.slug in edits:
            extra["versions"] = edits[report.slug].card()
        if report.slug in shared:
            found = shared[report.slug]
            extra["shared"] = {"anchors": [s.anchor for s in found], "bodies": how_many(max(s.bodies for s in found))}
        links[report.slug] = extra
    t_rows, c_rows = timeliness_rows(reports, measured), coverage_rows(cov)
    pages += [
        # One file each: a JSON copy of the same rows beside each CSV (the
        # covered bodies' rows and counts that follow from them, for coverage)
        # repeated them, 2.3 MB at 10,000 varied reports, read by no page.
        # Stored as gzip, as the passages and figures are: a CSV is about
        # ten times its gzip, and a host's quota counts stored bytes (1.6 MB
        # of 1,000 varied reports' site, 3.5 MB at 10,000).
        SiteFile("data/timeliness.csv.gz", gzipped(to_csv(TIMELINESS_COLUMNS, t_rows))),
        SiteFile("data/coverage.csv.gz", gzipped(to_csv(COVERAGE_COLUMNS, c_rows))),
        _data_page(),
    ]
    note = "" if history.available else f"no versions pages: {history.why}"
    feed = [(v.date, slug, n) for slug, e in edits.items() for n, v in enumerate(e.versions[1:], start=2)]
    return Measures(pages, links, functools.partial(series_section, memo=memo, text=text), note, feed)


STEPS = (100, 50, 20, 10, 5)  # other bodies: above 4, said as "N 个以上" for the highest step reached


def how_many(bodies: int) -> str:
    """How many other bodies share a template, for the report page: exact up
    to 4, then by steps. Every report of the year that holds a template
    would be made again whenever one more body used it (at 3,000 varied
    reports, one added report rewrote 130 report pages); a step changes rarely."""
    step = next((n for n in STEPS if bodies >= n), None)
    return f"{step} 个以上" if step else f"最多 {bodies} 个"


def with_links(links: dict[str, dict], more: dict[str, dict]) -> dict[str, dict]:
    """Two stages' frontmatter for report pages, merged (keys do not overlap)."""
    return {slug: {**links.get(slug, {}), **more.get(slug, {})} for slug in links.keys() | more.keys()}


def to_csv(columns: Sequence[tuple[str, str]], rows: Sequence[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [c for c, _ in columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row.get(k) is None else row[k] for k in names])
    return out.getvalue().encode("utf-8-sig")


def _data_page() -> SiteFile:
    lines = ["# 收录情况与按时公开数据", "",
             "[收录情况](../coverage/index.md) 与 [按时公开](../timeliness/index.md) 两页的数据。CSV 文件为带 BOM 的 UTF-8 编码，"
             "以 gzip 压缩（解压后可用 Excel 或 WPS 打开）。", "",
             "- [coverage.csv.gz](coverage.csv.gz)：每个报告年度、每个应报机关一行，是否收录（含未收录的机关；"
             "按 covered 列筛选即得已收录的机关，按年度、省份、层级计数即得应报与已收录的机关数）",
             "- [timeliness.csv.gz](timeliness.csv.gz)：每份报告一行，公开期限、所用日期及其来源、结果", ""]
    for title, columns in (("coverage.csv", COVERAGE_COLUMNS),
                           ("timeliness.csv", TIMELINESS_COLUMNS)):
        lines += [f"## {md_inline(title)}", "", "| 列 | 含义 |", "|---|---|"]
        lines += [f"| `{c}` | {md_inline(d)} |" for c, d in columns]
        lines.append("")
    return SiteFile("data/measures.md", frontmatter({"title": "收录情况与按时公开数据"}, "\n".join(lines)))
