"""Stage 6c: what the site publishes besides pages: open data, the feed, and
the list of reports a --keep-going build skipped.

- /data/reports.csv: one row per report, all metadata with where each value
  came from, and links to the page and the original (a JSON copy of the same
  rows went: it repeated the CSV, 1 MB at 1,000 reports);
- /data/passages-<year>.csv.gz: every theme passage of the reports of one
  year: its theme, heading, terms, score and link (not its words: they are
  the report page's text again, a third of the text's size gzipped);
- /data/figures-<year>.csv.gz: every indicator value of those reports with
  its sentence and link;
- /data/: a page listing the files and explaining every column;
- /feed.xml: Atom feed of the newest reports by date added;
- /skipped/: reports left out of this build, with the reason.

CSV files are UTF-8 with a BOM so that Excel and WPS open them correctly.
Passages and figures grow with the corpus, so they are split by report year
and stored gzip-compressed, with deterministic bytes; the index file
reports.csv stays plain.
Nothing here reads the clock: dates come from the content or from git.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import subprocess
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from generator import __version__
from generator.analyse.taxonomy import Indicator, Taxonomy, Theme
from generator.errors import Problem
from generator.read.schema import KEYS, LEVELS
from generator.records import Figure, Report
from generator.site.figures import figures_site
from generator.site.memo import Kept
from generator.site.render import (
    Output,
    SiteFile,
    frontmatter,
    md_inline,
    original_link,
    original_name,
    place_name,
    when_changed,
)
from generator.version import generator_version

FEED_SIZE = 50
UNKNOWN_YEAR = "unknown"  # the file name part for reports whose year is not known


@dataclass(frozen=True)
class Skipped:
    path: Path
    problems: tuple[Problem, ...]


def dates_added(root: Path, reports_dir: Path) -> dict[str, str]:
    """slug -> ISO date of the commit that first added content/reports/<slug>.txt (or .html, .pdf, .docx),
    read from git in one call; empty outside a git checkout."""
    try:
        rel = reports_dir.resolve().relative_to(root.resolve())
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--diff-filter=A", "--name-only", "--format=%x00%cs", "--", str(rel)],
            capture_output=True, text=True, check=True, timeout=120).stdout
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}
    added: dict[str, str] = {}
    date = ""
    for line in out.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line.endswith((".txt", ".html", ".htm", ".pdf", ".docx")) and date:  # a report of any format
            added[Path(line).stem] = date  # newest first: the last seen is the first add
    return added


def added_date(report: Report, added: dict[str, str]) -> str | None:
    """When the report joined the collection: its commit, else the date it was
    retrieved, else its own date."""
    return added.get(report.slug) or report.metadata.get("retrieved") or report.metadata.get("date")  # type: ignore[return-value]


def site_epoch(reports: Sequence[Report], added: dict[str, str]) -> int:
    """SOURCE_DATE_EPOCH for mkdocs (sitemap dates): the newest date in the content."""
    import datetime as dt

    dates = [d for d in (added_date(r, added) for r in reports) if d]
    if not dates:
        return 0
    return int(dt.datetime.fromisoformat(max(dates)).replace(tzinfo=dt.UTC).timestamp())


def publish_pages(reports: Sequence[Report], taxonomy: Taxonomy, skipped: Sequence[Skipped],
                  added: dict[str, str], site_url: str, edits: Sequence[tuple[str, str, int]] = (),
                  originals: str = "", epoch: int = 0, kept: Kept | None = None) -> list[Output]:
    """edits: (date, report slug, version number) of each later version of a
    report's text (generator/site/versions.py), announced in the feed.
    originals: where the publisher's files are served instead of a copy in
    the site (extra.originals_url), or "". epoch: the newest content's date
    (site_epoch, which the build computes once), 0 where none is known.
    kept: each report's line of reports.csv from earlier builds (_csv_line)."""
    reports = sorted(reports, key=lambda r: r.slug)
    # Without a published address the data files give addresses relative to
    # the site's home page (and say so on /data/), never a made-up host.
    base = site_url.rstrip("/") + "/" if site_url else ""
    kept = kept or Kept(None)
    # each report's line of reports.csv, kept between builds under its key and what else the line reads
    lines = [kept.get(r.slug, f"{r.key}\n{added_date(r, added)}\n{base}\n{originals}" if r.key else "",
                      functools.partial(_csv_line, REPORT_COLUMNS, _report_row, r, added, base, originals))
             for r in reports]
    kept.save()
    pages: list[Output] = [SiteFile("data/reports.csv", _csv(REPORT_COLUMNS, []) + b"".join(lines))]
    years = []
    for year, members in by_year(reports).items():
        passages = _year_file(f"data/passages-{year}.csv.gz", members, taxonomy, base, PASSAGE_COLUMNS, _passage_rows)
        # One form of each file (gzip), as the passages: a plain copy beside
        # it was 16 times its bytes (13.8 against 0.86 MB at 10,000 varied
        # reports): hosts compress in transit, but the site's size on disk
        # is what a host's quota counts.
        figures = _year_file(f"data/figures-{year}.csv.gz", members, taxonomy, base, FIGURE_COLUMNS, _figure_rows)
        pages += [passages, figures]
        years.append(YearFiles(year, len(members), passages, figures))
    updated = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d") if epoch else ""
    pages += [_data_page(len(reports), years, bool(base), updated),
              SiteFile("feed.xml", _feed(reports, added, base, edits))]
    pages += figures_site(reports, taxonomy)  # the figures explorer, /figures/
    if skipped:
        pages.append(_skipped_page(skipped))
    return pages


# --- CSV and JSON ------------------------------------------------------------------

def _year_file(path: str, members: list[Report], taxonomy: Taxonomy, base: str, columns, rows,
               gzip_level: int | None = 6) -> Output:
    """A year's passages or figures, gzipped (unless gzip_level is None); made
    again only when a report of that year changed (at 10,000 reports writing
    and compressing them all took a good part of every build)."""
    def make() -> bytes:
        return _csv(columns, rows(members, taxonomy, base), gzip_level=gzip_level)

    return when_changed(path, make, members, generator_version(), taxonomy.digest, base)


@dataclass(frozen=True)
class YearFiles:
    """The data files of the reports of one year, for the /data/ page."""
    year: str  # "2023", or UNKNOWN_YEAR
    reports: int
    passages: Output
    figures: Output


def by_year(reports: Sequence[Report]) -> dict[str, list[Report]]:
    """Reports by year as written in file names, newest first, unknown last."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        year = report.metadata.get("year")
        groups[str(year) if year else UNKNOWN_YEAR].append(report)
    order = sorted((y for y in groups if y != UNKNOWN_YEAR), reverse=True)
    if UNKNOWN_YEAR in groups:
        order.append(UNKNOWN_YEAR)
    return {y: groups[y] for y in order}


KEY_DOCS = {  # what each metadata column means, for readers of the data page
    "title": "报告标题；原文没有标题时由发布机关和年度推断",
    "issuer": "发布机关，多个机关以“、”分隔",
    "level": "发布机关层级代码：province 省级、city 市级、county 县级、town 乡镇（街道）、department 部门",
    "province": "省级行政区",
    "city": "地级市（适用时）",
    "county": "县（区）（适用时）",
    "town": "乡镇（街道）（适用时）",
    "year": "报告所总结的年度",
    "date": "成文或发布日期（YYYY-MM-DD）",
    "doc_number": "文号",
    "source": "来源网站或单位",
    "source_url": "原文链接",
    "retrieved": "从原文链接获取文本的日期",
}
REPORT_COLUMNS = (
    ("slug", "报告代码：报告页面地址 /reports/<代码>/ 中的一段，也是原始文件名"),
    *((k.name, KEY_DOCS.get(k.name, k.label)) for k in KEYS),
    *((f"{k.name}_origin", f"{k.name} 一项的来源：text 表示从报告原文读取，sidecar 表示由本站发布者补充，derived 表示由其他信息推算；空表示未知") for k in KEYS),
    ("level_label", "层级的中文名称"),
    ("added", "收录日期：首次提交该报告的日期，其次为获取日期或报告日期"),
    ("encoding", "原始文本的编码"),
    ("sections", "编号标题数"),
    ("passages", "段落（长段落再分）数"),
    ("url", "报告页面地址"),
    ("original_url", "原始文件（未经改动）的下载地址：本站另存的 gzip 压缩副本，或发布者存放原件的地址"),
    ("original_sha256", "原始文件（未压缩）的 SHA-256 校验值，用于核对下载的原件"),
    ("original_bytes", "原始文件（未压缩）的字节数"),
)
PASSAGE_COLUMNS = (
    ("report", "报告代码（同 reports.csv 的 slug 列）"),
    ("theme", "主题代码：主题页地址 /themes/<代码>/ 中的一段"),
    ("theme_name", "主题名称"),
    ("parent_theme", "上级主题的代码（细分主题才有）"),
    ("section", "所在标题"),
    ("anchor", "段落锚点"),
    ("terms", "段落中使其计入本主题的主题词，以“、”分隔；只作修饰语、机关名称或并列话题之一出现的词按提及计入、"
              "权重较低，不列出（段中没有其他主题词时全部列出）"),
    ("heading_terms", "所在标题中命中的主题词"),
    ("score", "主题词权重合计（含按提及计入而未列出的词）"),
    ("url", "原文中该段的地址（段落文字即报告页面中该锚点所在的段落）"),
)
FIGURE_COLUMNS = (
    ("report", "报告代码（同 reports.csv 的 slug 列）"),
    ("issuer", "发布机关"),
    ("province", "省份"),
    ("level", "层级（中文）"),
    ("year", "报告年度"),
    ("indicator", "指标代码（英文）"),
    ("indicator_name", "指标名称"),
    ("theme", "数字所属主题的代码：指标名称或所在段落属于某个细分主题时为该细分主题（如行政复议），否则为指标的主题"),
    ("theme_name", "数字所属主题的名称"),
    ("value", "数值（已按指标单位换算）"),
    ("unit", "单位"),
    ("approx", "约数标记：余、多、约、近、超过、逾；空表示确数"),
    ("text", "原文中的数字及其前后文字"),
    ("sentence", "数字所在的句子"),
    ("url", "原文中该段的地址"),
)


def _csv(columns, rows, gzip_level: int | None = None) -> bytes:
    """The rows (dicts keyed by the columns' names) as CSV, gzipped at
    gzip_level if given, compressed as it is written: a year's passages at
    10,000 reports held whole as text, then as bytes, were the build's
    largest allocation (about 450 MB, for a 3 MB file). csv.writer with
    lists, not DictWriter: that file is a quarter of a million rows, and
    DictWriter checked every row's keys one by one."""
    names = [c for c, _ in columns]
    known = set(names)
    out = io.BytesIO()
    sink = gzip.GzipFile(fileobj=out, mode="wb", compresslevel=gzip_level, mtime=0) if gzip_level else out
    text = io.TextIOWrapper(sink, encoding="utf-8-sig", newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(_fields(row, names, known))
    text.flush()
    text.detach()
    if sink is not out:
        sink.close()
    return out.getvalue()


def _csv_line(columns, row, *args) -> bytes:
    """One row's line of a CSV file as _csv writes it (UTF-8, no BOM: the
    BOM opens the file, with its header)."""
    out = io.StringIO()
    names = [c for c, _ in columns]
    csv.writer(out, lineterminator="\r\n").writerow(_fields(row(*args), names, set(names)))
    return out.getvalue().encode("utf-8")


def _fields(row: dict, names: list[str], known: set[str]) -> list:
    """A row's values in the columns' order ("" for None); a key of no column is an error."""
    if row.keys() - known:
        raise ValueError(f"unknown CSV columns: {sorted(row.keys() - known)}")
    return ["" if (v := row.get(k)) is None else v for k in names]


def _report_row(report: Report, added: dict[str, str], base: str, originals: str = "") -> dict:
    m = report.metadata
    row: dict[str, object] = {"slug": report.slug}
    for key in KEYS:
        row[key.name] = m.get(key.name)
    for key in KEYS:
        field = m.values.get(key.name)
        row[f"{key.name}_origin"] = field.origin if field else None
    page = f"{base}reports/{report.slug}/"
    row.update({
        "level_label": LEVELS.get(str(m.get("level")), None),
        "added": added_date(report, added),
        "encoding": report.cleaned.encoding,
        "sections": len(report.document.sections),
        "passages": len(report.analysis.passages),
        "url": page,
        "original_url": original_link(report.source, originals)["url"] if originals
        else f"{page}{original_name(report.slug, report.cleaned.markup.format)}",
        "original_sha256": report.source.sha256 or None,
        "original_bytes": report.source.size or None,
    })
    return row


def _passage_rows(reports: Sequence[Report], taxonomy: Taxonomy, base: str):
    for report in reports:
        headings = {s.anchor: s.heading for s in report.document.sections}
        for passage in report.analysis.passages:
            for match in passage.themes:
                theme = taxonomy.theme(match.theme)
                yield {
                    "report": report.slug, "theme": theme.slug, "theme_name": theme.name,
                    "parent_theme": theme.parent, "section": headings.get(passage.section, ""),
                    "anchor": passage.anchor, "terms": "、".join(match.terms),
                    "heading_terms": "、".join(match.heading_terms), "score": match.score,
                    "url": f"{base}reports/{report.slug}/#{passage.anchor}",
                }


def figure_theme(report: Report, figure: Figure, indicator: Indicator, taxonomy: Taxonomy) -> Theme:
    """The theme a figure belongs to: the subtheme of its indicator's theme
    whose terms its name carries (行政复议收到申请 -> 行政复议), else the one
    its passage is in, else the indicator's own theme."""
    subs = taxonomy.subthemes(indicator.theme)
    named = [t for t in subs if any(term.text in indicator.name for term in t.terms)]
    if len(named) == 1:
        return named[0]
    passage = next((p for p in report.analysis.passages if p.anchor == figure.passage), None)
    placed = [t for t in subs if passage and any(m.theme == t.slug for m in passage.themes)]
    return placed[0] if len(placed) == 1 else taxonomy.theme(indicator.theme)


def _figure_rows(reports: Sequence[Report], taxonomy: Taxonomy, base: str):
    indicators = {i.slug: i for i in taxonomy.indicators}
    for report in reports:
        m = report.metadata
        for figure in report.analysis.figures:
            indicator = indicators[figure.indicator]
            theme = figure_theme(report, figure, indicator, taxonomy)
            yield {
                "report": report.slug, "issuer": m.get("issuer"), "province": m.get("province"),
                "level": LEVELS.get(str(m.get("level")), None), "year": m.get("year"),
                "indicator": figure.indicator, "indicator_name": indicator.name,
                "theme": theme.slug, "theme_name": theme.name,
                "value": figure.value, "unit": figure.unit, "approx": figure.approx,
                "text": figure.text, "sentence": figure.sentence,
                "url": f"{base}reports/{report.slug}/#{figure.passage}",
            }


def _data_page(count: int, years: Sequence[YearFiles], absolute: bool = True, updated: str = "") -> SiteFile:
    """updated: the newest content's date (site_epoch), said here only: this
    page is made again whenever it changes, a footer of every page is not."""
    example = years[0].passages.path.rsplit("/", 1)[1] if years else "passages-2023.csv.gz"
    lines = [
        "# 开放数据",
        "",
        f"本站全部 {count} 份报告的数据可下载，供研究和核对使用。CSV 文件为带 BOM 的 UTF-8 编码，"
        "可用 Excel 或 WPS 打开（以 .gz 结尾的文件须先解压，见下文）。每份报告的原始文件（未经改动）可从报告页面下载，"
        "地址、字节数和 SHA-256 校验值也列在 reports.csv 中；清理后文本即报告页面的正文，可在报告页面一键下载。段落文件不重复收录段落文字："
        "每段的 url 列指向报告页面中的这一段（锚点即 anchor 列），段落文字在那里。",
        "",
        f"数据更新日期：{updated}（最新收录报告的日期）。" if updated else "数据更新日期：不详（没有一份报告有日期）。",
        "",
        "- [reports.csv](reports.csv)：每份报告一行，含全部元数据及每项的来源（未压缩）",
        "- [passages-年度.csv.gz](#files)：各主题的段落，每段一行，含所在标题、命中的主题词和原文地址",
        "- [figures-年度.csv.gz](#files)：报告给出的指标数字，含发布机关、省份、层级、原句和原文地址"
        "（也可在[数据指标](../figures/index.md)页筛选浏览）",
        "- [feed.xml](../feed.xml)：新收录报告的 Atom 订阅源",
        "- [coverage / timeliness](measures.md)：各机关各年度的收录情况、各份报告是否按时公开（CSV）",
        "",
        "## 段落和指标数字文件 {#files}",
        "",
        "段落和指标数字的数据量大，按报告所总结的年度分成多个文件，并用 gzip 压缩（文件名以 `.gz` 结尾）。"
        "解压后是带 BOM 的 UTF-8 编码 CSV 文件，列的含义见下文。",
        "",
        "- **解压**：Windows 用 7-Zip、Bandizip 等解压软件（右键“解压到当前文件夹”）；"
        "macOS 双击文件即可；Linux 在终端运行 "
        f"`gunzip {example}`。解压得到的 .csv 文件可用 Excel 或 WPS 打开。",
        f"- **不解压直接读取**：Python 用 `pandas.read_csv(\"{example}\", encoding=\"utf-8-sig\")`，"
        f"R 用 `read.csv(\"{example}\", fileEncoding = \"UTF-8-BOM\")`。",
        "",
    ]
    if years:
        lines += ["| 报告年度 | 报告数 | 段落 | 指标数字 |", "|---|---|---|---|"]
        for y in years:
            name = "年度不详" if y.year == UNKNOWN_YEAR else f"{y.year} 年度"
            cells = [f"[{md_inline(f.path.rsplit('/', 1)[1])}]({f.path.rsplit('/', 1)[1]})"
                     for f in (y.passages, y.figures)]
            lines.append(f"| {name} | {y.reports} | {cells[0]} | {cells[1]} |")
        lines.append("")
    if not absolute:
        lines += ["构建本站时没有设定站点的公开地址，因此数据文件中的地址（url 等列）是相对于本站首页的路径，"
                  "例如 `reports/2022-anhui-wuhu/`：在前面加上本站首页的地址即为完整地址。", ""]
    for title, name, columns in (("reports.csv", "reports", REPORT_COLUMNS),
                                 ("passages-年度.csv.gz", "passages", PASSAGE_COLUMNS),
                                 ("figures-年度.csv.gz", "figures", FIGURE_COLUMNS)):
        lines += [f"## {md_inline(title)} {{#{name}}}", "", "| 列 | 含义 |", "|---|---|"]
        lines += [f"| `{c}` | {md_inline(d)} |" for c, d in columns]
        lines.append("")
    return SiteFile("data/index.md", frontmatter({"title": "开放数据"}, "\n".join(lines)))


# --- feed ---------------------------------------------------------------------------

def _feed(reports: Sequence[Report], added: dict[str, str], base: str, edits: Sequence[tuple[str, str, int]] = ()) -> bytes:
    """Atom feed of the newest reports, by feedgen. Without a published address
    (base "") links are relative to the feed (which sits at the site's root) and
    ids are URNs. Dates are the days reports were added, so the same inputs give
    the same bytes."""
    dated = [(added_date(r, added), r) for r in reports]
    by_slug = {r.slug: r for r in reports}
    # New reports (version 0) and edits of their text, newest first.
    items = [(d, r.slug, 0, r) for d, r in dated if d] + [(d, s, n, by_slug[s]) for d, s, n in edits if s in by_slug]
    newest = sorted(items, key=lambda item: item[:3])[::-1][:FEED_SIZE]
    feed = FeedGenerator()
    feed.title("法治政府建设年度报告对读：新收录报告")
    feed.id(base + "feed.xml" if base else "urn:fazhi:feed")
    feed.link(href=f"{base}feed.xml", rel="self", type="application/atom+xml")
    feed.link(href=base or "./", rel="alternate", type="text/html")
    feed.language("zh-CN")
    feed.generator("fazhi", version=__version__)
    feed.updated(_midnight(newest[0][0]) if newest else _midnight("1970-01-01"))
    for date, slug, version, report in reversed(newest):  # feedgen puts each new entry first
        m = report.metadata
        place = place_name(m)
        summary = "；".join(x for x in (f"发布机关：{m.get('issuer')}" if m.get("issuer") else "",
                                       f"地区：{place}" if place else "",
                                       f"报告年度：{m.get('year')}" if m.get("year") else "") if x)
        url = f"{base}reports/{slug}/"
        entry = feed.add_entry()
        if version:  # an edit: its versions page, at the change
            url += f"versions/#v{version}"
            summary = f"报告文本于 {date} 修改（第 {version} 版），逐段改动见各版本页面；" + summary
        entry.title(f"修改：{report.title}" if version else report.title)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.id(url if base else f"urn:fazhi:report:{slug}" + (f":v{version}" if version else ""))
        entry.updated(_midnight(date))
        entry.author(name=str(m.get("issuer") or "发布机关不详"))
        entry.summary(summary)
    # A browser opening the feed shows it through overrides/feed.xsl (what a
    # feed is, how to subscribe, the reports as links), not as an XML tree.
    xml = feed.atom_str(pretty=True)
    head, _, rest = xml.partition(b"?>\n")
    return head + b'?>\n<?xml-stylesheet type="text/xsl" href="feed.xsl"?>\n' + rest


def _midnight(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC)


# --- skipped reports ------------------------------------------------------------------

def _skipped_page(skipped: Sequence[Skipped]) -> SiteFile:
    lines = [
        "# 未能发布的报告",
        "",
        f"本次构建跳过了 {len(skipped)} 份有问题的报告，其余报告已正常发布。问题修正后重新构建即可。",
        "",
        "| 文件 | 问题（构建程序给发布者的说明） |",
        "|---|---|",
    ]
    for item in skipped:
        problems = "<br>".join(md_inline(f"第 {p.line} 行：{p.message}" if p.line else p.message) for p in item.problems)
        lines.append(f"| {md_inline(item.path.name)} | {problems} |")
    return SiteFile("skipped/index.md", frontmatter({"title": "未能发布的报告"}, "\n".join(lines) + "\n"))
