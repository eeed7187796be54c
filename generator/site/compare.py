"""Stage 6b: the pages that put reports side by side.

- /themes/ and /themes/<slug>/: every passage on a theme, report by report,
  each linking to its paragraph; then the theme's indicators across reports,
  as a table and as bar charts in HTML and CSS, which compare.js draws from
  the page's data file.
- /compare/: reports × themes (passages and share of the text), sortable and
  filterable in the browser from compare.json; no server.
- /parts/ and /parts/<slug>/: which report has which required part, and each
  part's headings and length from every report, linked to the text.

Every page here is split into pages of a bounded number of reports, so no page
grows with the corpus; theme and part pages are cut where the reports' slugs say
(generator/site/chunks.py), so a new report leaves most of them as they are. The
search index (generator/search/index.py) holds the reports and the themes' names and
descriptions, not these pages: a search finds the report.
"""
from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from generator.analyse.taxonomy import Indicator, Taxonomy, Theme
from generator.read.regions import PROVINCES
from generator.read.schema import LEVELS
from generator.records import Figure, Report, Section
from generator.site.chunks import neighbours, pager
from generator.site.memo import Kept
from generator.site.pagehtml import heading, link, paragraph, table, text
from generator.site.render import (
    Ordered,
    Output,
    SiteFile,
    crumbs,
    frontmatter,
    gzipped,
    html_page,
    html_text,
    known_as,
    list_pages,
    md_inline,
    ordered_reports,
    page_list,
    page_url,
    place_name,
    when_changed,
)
from generator.site.twins import labelled
from generator.version import generator_version

UNREPORTED = "未报告"  # the body-by-year tables (series.py); the theme table leaves the cell empty


def compare_site(reports: Sequence[Report], taxonomy: Taxonomy, ordered: Ordered | None = None,
                 kept: Kept | None = None) -> list[Output]:
    """ordered: what the build derived once from these reports (render.ordered_reports), else made here.
    kept: the table's rows' values from each report, kept between builds (_matrix)."""
    reports = sorted(reports, key=lambda r: r.slug)
    ordered = ordered or ordered_reports(reports, taxonomy)
    members = ordered.members
    pages: list[Output] = [_themes_index(reports, taxonomy, members)]
    where = ordered.where
    for theme in taxonomy.themes:
        pages.extend(_theme(theme, members[theme.slug], taxonomy, where))
    pages.extend(_matrix(ordered, taxonomy, where, kept))
    pages.extend(_parts(ordered.reports, taxonomy))
    return pages


def _themes_index(reports: list[Report], taxonomy: Taxonomy, members: dict[str, list[Report]]) -> SiteFile:
    lines = [
        "# 主题",
        "",
        "每份报告按段落（长段落按“一是……二是……”或句子再分）归入主题：段落中出现主题词、"
        "或所在标题含主题词时计入。一段可属于多个主题。"
        f"每个主题页每份报告一行，链接最相关的至多 {SHOWN} 段（同时属于细分主题的段落列在细分主题页），"
        "点击即到报告原文的该段；一份报告在某主题下的全部段落可在[并排对读](../reader/index.md)中阅读。",
        "",
        "| 主题 | 说明 | 报告数 | 段落数 |",
        "|---|---|---|---|",
    ]
    # each theme's passages over its members: every report's counts read once (not once per theme it is on)
    passages: Counter[str] = Counter()
    for report in reports:
        passages.update(report.analysis.theme_counts())
    for theme in taxonomy.themes:
        count = passages.get(theme.slug, 0)
        name = md_inline(theme.name)
        label = f"[{name}]({theme.slug}/index.md)" if theme.parent is None else f"　└ [{name}]({theme.slug}/index.md)"
        lines.append(f"| {label} | {md_inline(theme.description)} | {len(members[theme.slug])} | {count} |")
    lines += ["", "[报告 × 主题对比表](../compare/index.md) · [五个必备部分](../parts/index.md)"]
    return SiteFile("themes/index.md", frontmatter({"title": "主题"}, "\n".join(lines) + "\n"))


def _theme(theme: Theme, members: list[Report], taxonomy: Taxonomy,
           where: dict[tuple[str, str], str]) -> list[Output]:
    """The theme's pages: members are the reports with passages on it; where
    says which page of each theme holds a report (a row links its
    subthemes' pages)."""
    chunks, files = list_pages(f"themes/{theme.slug}", members)
    indicators = [i for i in taxonomy.indicators if i.theme == theme.slug]
    subs = [s.slug for s in taxonomy.subthemes(theme.slug)]
    pages: list[Output] = []
    for n, chunk in enumerate(chunks, start=1):
        make = functools.partial(_theme_page, theme, members, taxonomy, indicators, chunks, files, n)
        # a first page also shows the theme's report count and where each page
        # starts; its list of pages (page_list) also reads the places of reports
        # that start no page (a long list's place_starts, a short one's last
        # report of each page), so a corrected place there remakes it too
        first = [len(members), [c[0].key for c in chunks if c], page_list(files, chunks)] if n == 1 else None
        pages.append(when_changed(files[n - 1], make, chunk, generator_version(), taxonomy.digest,
                                  neighbours(files, n), n, first))
        if chunk:
            linked = [where.get((sub, r.slug)) for r in chunk for sub in subs]  # the subtheme pages its rows link
            rows = functools.partial(_theme_rows, theme, chunk, taxonomy, where, indicators)
            pages.append(when_changed(rows_file(files[n - 1]), rows, chunk, generator_version(), taxonomy.digest,
                                      linked))
    return pages


def rows_file(page: str) -> str:
    """The data file of a listing page's rows, which compare.js draws
    (drawn_rows): beside the page's Markdown file (themes/x/index.md ->
    themes/x/index.rows.json.gz, themes/x/from-y.md ->
    themes/x/from-y.rows.json.gz), so every page of a listing finds its
    listing's folder one step up from its data file."""
    return page.removesuffix(".md") + ".rows.json.gz"


def drawn_rows(page: str, items: str, drawn: str) -> str:
    """A listing's rows for compare.js to complete from the page's data file
    (rows_file; its address relative to the page): items are the rows as
    the page holds them without JavaScript, each an item with the report's
    slug as its id and a link to the report. A reader without JavaScript is
    told what the rows leave out (drawn: what compare.js adds), not left to
    wonder where the page's counts and links are."""
    src = posixpath.relpath(rows_file(page), page_url(page))
    return (f'<noscript><p class="theme-rows__noscript">浏览器未启用 JavaScript：本页各行只列出报告并链接到报告，'
            f"{drawn}不显示。</p></noscript>\n\n"
            f'<ul class="theme-rows" data-rows="{src}">{items}</ul>')


def _theme_page(theme: Theme, members: list[Report], taxonomy: Taxonomy, indicators: list[Indicator],
                chunks: list[list[Report]], files: list[str], n: int) -> bytes:
    """Page n of a theme: its reports' rows (each a link; the rest in the
    page's data file, _theme_rows), and on the first page the list of pages."""
    chunk = chunks[n - 1]
    page = files[n - 1]
    base = f"themes/{theme.slug}"
    nav = pager(files, n)
    body = [paragraph(text(theme.description))]
    intro, method = _theme_intro(theme, taxonomy, len(members) if n == 1 else None, page)
    body.append(intro)
    up = "../../" if n == 1 else "../../../"  # themes/x/ or themes/x/from-y/
    body.append(f'<p><a class="md-button" href="{up}reader/?theme={theme.slug}">并排对读本主题</a> '
                "选 2—4 份报告，把它们在本主题下的段落和数字并排比较。</p>\n")
    # A subtheme's measures are kept under its parent: name the ones whose
    # names carry the subtheme's own terms (行政复议收到申请, 行政应诉案件 …).
    own = [i for i in taxonomy.indicators if theme.parent and i.theme == theme.parent
           and any(term.text in i.name for term in theme.terms)]
    if own and not indicators:
        parent = taxonomy.theme(theme.parent)  # type: ignore[arg-type]
        body.append(paragraph(f"本主题的数字（{text('、'.join(i.name for i in own))}）列在上级主题"
                              + link(page, text(parent.name), f"../{parent.slug}/index.md#indicators")
                              + "页末尾的数据指标表中；并排对读时，每列顶部列出本主题段落中的数字。"))
    if indicators:
        body.append(paragraph(f"本主题有 {len(indicators)} 项数据指标（" + "、".join(text(i.name) for i in indicators)
                              + "），见本页末尾的" + link(page, "数据指标", "#indicators") + "表和图。"))
    body.append(nav + (page_list(files, chunks) if n == 1 else ""))
    if not chunk:
        body.append(paragraph("（暂无报告涉及此主题）"))
    if chunk:
        items = "".join(_row_link(report, up, before) + "</li>" for before, report in zip([None, *chunk], chunk))
        body.append(drawn_rows(page, items, "各报告在本主题下的段落数和段落链接") + "\n")
    if indicators:
        body.append(_indicator_section(indicators, page if chunk else None, up))
    body += [method, nav]
    title = theme.name if n == 1 else f"{theme.name}（续）"
    meta = {"title": title, "theme": theme.slug, "hide": ["navigation", "toc"]}
    return html_page(meta, crumbs(base) + f"# {md_inline(theme.name)}", "".join(body))


def _theme_intro(theme: Theme, taxonomy: Taxonomy, count: int | None, page: str) -> tuple[str, str]:
    """What opens a theme page (its place among the themes, the count of its
    reports) and the methods that close it (how excerpts are chosen, the
    rules, the terms), as the HTML of the page at `page`: on a phone the
    first report began a screen and a half down when the methods came first.
    The count, the rules and the terms only on the first page (count None on
    the others, so a new report leaves them as they are, and the words of
    the rules are not paid on each)."""
    lines = []
    if theme.parent:
        parent = taxonomy.theme(theme.parent)
        lines.append("属于主题 " + link(page, text(parent.name), f"../{parent.slug}/index.md") + "。")
    subs = taxonomy.subthemes(theme.slug)
    if subs:
        lines.append("细分主题：" + " · ".join(link(page, text(s.name), f"../{s.slug}/index.md") for s in subs))
    opening = paragraph("\n".join(lines)) if lines else ""  # one paragraph, as Markdown made of the two lines
    shown = (f"每份报告一行：地区和年度（链接到报告）、本主题下的段落数，再以数字链接主题词权重合计最高的至多 {SHOWN} 段"
             "（数字为该段在这份报告本主题各段中的序号，点击即到原文中的这一段）。"
             + ("同时属于细分主题的段落只列在细分主题页，本页注明各细分主题的段数并链接到该页中这份报告的一行。" if subs else "")
             + "本页不摘引原文；链接之外还有段落的报告，其段落数链接到并排对读，在那里可读到全部段落的全文。"
             "每段命中的主题词（段中的词和所在标题中的词）列在" + link(page, "开放数据", "../../data/index.md")
             + "的段落文件中。")
    method = heading(2, "method", "本页说明")
    if count is None:  # a later page: the rules and the terms are on the first
        return (opening + paragraph("本页续列有段落涉及此主题的报告（总数、计入规则和主题词见"
                                    + link(page, "第一页", "index.md") + "）。"),
                method + paragraph(shown))
    terms = "、".join(f"{t.text}（{t.weight:g}）" for t in sorted(theme.terms, key=lambda t: -t.weight))
    opening += paragraph(f"共 <strong>{count}</strong> 份报告有段落涉及此主题；每份一行，链接至多 {SHOWN} 段，怎样选段和计入见"
                         + link(page, "本页说明", "#method") + "。")
    method += (paragraph(shown + f"标题和引导段（以冒号结尾）中的主题词按 {taxonomy.heading_weight:g} 倍权重计入其下各段；"
                         "含具体数字的段落，其所在小标题的主题词按全权重计入；表格中单独成行的单元格不归入主题。")
               + f'<details class="theme-terms"><summary>主题词及权重（权重合计达 {taxonomy.threshold:g} 即归入本主题）</summary>'
               f"<p>{html.escape(terms)}</p></details>\n")
    return opening, method


# A theme page shows each report's SHOWN strongest passages on the theme as
# links to their paragraphs with the words that decided them; the side-by-side
# reader (/reader/?theme=…&r=…) shows them all in full. Quoting every passage
# whole made the theme pages most of the site (58 KB a report at 1,000
# reports); one excerpt of 100 characters a report was still a quarter of them.
SHOWN = 3


def strongest(passages: Sequence, slug: str, n: int = SHOWN) -> list:
    """The n passages with the highest score on the theme (the weight of the
    terms that decided it), the earlier first among equals, in report order."""
    ranked = sorted(range(len(passages)), key=lambda k: (-passages[k].theme(slug).score, k))
    return [passages[k] for k in sorted(ranked[:n])]


def _theme_rows(theme: Theme, chunk: list[Report], taxonomy: Taxonomy,
                where: dict[tuple[str, str], str], indicators: list[Indicator]) -> bytes:
    """The data file of a theme page's rows (rows_file), which compare.js
    draws into the page's items (its drawRows): the theme's subthemes as
    [slug, name] and, by report slug, _theme_row's row; and under "fig" the
    table and charts of the page's indicators (indicator_data), which
    compare.js draws into the page's 数据指标 section (its drawFigures): one
    fetch a page. gzip: a host's quota counts the bytes it stores."""
    subs = taxonomy.subthemes(theme.slug)
    data: dict = {"theme": theme.slug, "subs": [[s.slug, s.name] for s in subs],
                  "rows": {r.slug: _theme_row(theme, r, subs, where) for r in chunk}}
    if indicators:
        data["fig"] = indicator_data(indicators, chunk)
    return gzipped(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _theme_row(theme: Theme, report: Report, subs: Sequence[Theme], where: dict[tuple[str, str], str]) -> list:
    """What a report's row on a theme page shows after its link (_row_link):
    [count, links, in subthemes], where count is how many passages it has on
    the theme, links its strongest ones as [number, anchor] (the passage's
    number among the report's passages on the theme, its paragraph's
    anchor) and in subthemes [k, page, count] for each subtheme k (of the
    data's subs) with passages of the report: the subtheme's page that
    holds the report's row ("" its first, else "from-x/") and how many.
    compare.js draws it as the rows were written before: the count, linked
    to the reader where it has more than the links; the numbered links; the
    subthemes' rows. The words that decided a passage are in
    /data/passages-<year>.csv.gz, not here: in each link's title they were a
    third of the theme pages' rows.

    A passage that is also on a subtheme is linked from the subtheme's page
    only: this row links the report's row there, with its count (the same
    passage listed on the parent and on the subtheme was a third of the
    theme pages). No passage is quoted, and one row a report instead of a
    heading, a line and a list (1.2 KB a report a theme at 1,000 varied
    reports, theme pages 0.92 x the text). Neither the report's title (on
    its own page) nor a passage's heading as the link's title (the reader
    shows each passage under its heading): theme pages 0.69 -> 0.52 x the
    text at 1,000 varied reports. Rows as markup, each link an address of
    the report's page, were three quarters of the theme pages."""
    passages = [p for p in report.analysis.passages if p.theme(theme.slug)]
    sub_slugs = {s.slug for s in subs}
    own = [p for p in passages if not any(m.theme in sub_slugs for m in p.themes)]
    number = {p.anchor: k for k, p in enumerate(passages, start=1)}
    links = [[number[p.anchor], p.anchor] for p in strongest(own, theme.slug)]
    in_subs = []
    for k, sub in enumerate(subs):
        on_sub = sum(1 for p in passages if p.theme(sub.slug))
        page = where.get((sub.slug, report.slug))
        if on_sub and page:
            in_subs.append([k, page_url(page).removeprefix(f"themes/{sub.slug}/"), on_sub])
    return [len(passages), links, in_subs] if in_subs else [len(passages), links]


def _row_head(report: Report, up: str) -> str:
    """A report's row on a part page as far as its title (HTML: the item with
    the report's slug as its id, which /parts/ links to, and the title
    linked to the report); compare.js adds the rest (_part_rows)."""
    return f'<li id="{report.slug}"><a href="{up}reports/{report.slug}/">{html_text(report.title)}</a>'


def _row_line(report: Report, before: Report | None = None) -> str:
    """A report's place and year (text), the place left out where the row
    before, of before, shows it: rows are in the order of places, and a
    body's reports of several years follow each other."""
    place = place_name(report.metadata)
    if before is not None and place_name(before.metadata) == place:
        place = ""
    return " · ".join(b for b in (place, _year(report)) if b)


def _row_link(report: Report, up: str, before: Report | None = None) -> str:
    """A report's row on a theme page as far as its link (HTML: the item with
    the report's slug as its id, which report pages and /compare/ link to),
    the link naming the report by its place (else its issuer, else its
    title: known_as) and year, the place left out where the row before
    shows the same: a link named only by a year always follows its body's
    rows, and compare.js names it to a screen reader by theirs (its
    rowName). The title is on the report's own page; on a theme page it was
    a tenth of the rows' bytes."""
    name = known_as(report)
    if before is not None and known_as(before) == name:
        name = ""
    name = " · ".join(b for b in (name, _year(report)) if b)
    return f'<li id="{report.slug}"><a href="{up}reports/{report.slug}/">{html_text(name)}</a>'


def _year(report: Report) -> str:
    year = report.metadata.get("year")
    return f"{year} 年度" if year else ""


# --- indicators -----------------------------------------------------------------

def format_value(figure: Figure) -> str:
    value = f"{figure.value:,}" if isinstance(figure.value, int) else f"{figure.value:g}"
    before = figure.approx if figure.approx in ("约", "近", "超过", "逾") else ""
    after = figure.approx if figure.approx in ("余", "多") else ""
    return f"{before}{value}{after}{figure.unit}"


TOTAL = re.compile(r"全年|共|累计|合计|总计|总量|总数|全部")


def chosen(report: Report, indicator: Indicator) -> tuple[Figure | None, list[Figure]]:
    """One value per report and indicator, and the others it states.

    The rule: among the distinct values the report gives, the one stated as a
    total (全年, 共, 累计, 总量 …) wins; else, for a count, the largest (the
    total over the part, sub-counts being smaller); for a rate, the first. The
    others are listed beside it with their own links."""
    figures: list[Figure] = []
    for f in report.analysis.figures:
        if f.indicator == indicator.slug and all((g.value, g.approx) != (f.value, f.approx) for g in figures):
            figures.append(f)
    if not figures:
        return None, []
    totals = [f for f in figures if TOTAL.search(f.sentence[: max(0, f.sentence.find(f.text)) + len(f.text)])]
    pool = totals or figures
    best = pool[0] if indicator.unit == "%" else max(pool, key=lambda f: f.value)
    return best, [f for f in figures if f is not best]


# Where a clause of a sentence ends: the figure's title quotes its own clause
# (收到行政复议申请470件 / 受理432件), not the whole sentence around it, which
# repeated itself once per figure it holds (four figures, four copies). A
# comma before three digits is a thousands separator (3,918件), not an end.
CLAUSE_END = re.compile(r"[，；。！？：;!?:]|,(?!\d{3})")


def figure_clause(f: Figure) -> str:
    """The clause of the figure's sentence that holds its words: cut at the
    sentence punctuation either side; the whole sentence if the words are not
    found in it."""
    at = f.sentence.find(f.text)
    if at < 0 or not f.text:
        return f.sentence
    start, end = 0, len(f.sentence)
    for mark in CLAUSE_END.finditer(f.sentence):
        if mark.end() <= at:
            start = mark.end()
        elif mark.start() >= at + len(f.text):
            end = mark.start()
            break
    return f.sentence[start:end].strip() or f.sentence


# The indicator table and charts of a theme page are data in the page's rows
# file (_theme_rows, under "fig"), which compare.js draws (drawFigures) into
# the same table and charts the page held as markup: that markup, each number
# a link with its clause as its title, was 47 of a theme page's 58 KB at
# 50,000 varied reports. The page keeps the section's heading and its
# explanation, and for a reader without JavaScript a line saying so with the
# page's indicators linked to the figures explorer.
INDICATORS_HEAD = (
    heading(2, "indicators", "数据指标")
    + paragraph("下表列出本页各报告给出的数字，每个数字链接到它所在的原文段落；"
                "<strong>空白格表示该报告没有给出这一数字</strong>。"
                "“余”“多”“约”等表示报告给出的是约数。一份报告对同一指标给出多个数字时，表中先列标明全年、共计、"
                "累计或总量的数字（没有标明的，计数取最大者，比率取第一个），其余数字列在“另”之后。"))


def _indicator_section(indicators: list[Indicator], page: str | None, up: str) -> str:
    """The section's heading and explanation, and where compare.js draws its
    table and charts from the page's data file (page: the page's Markdown
    file; None when the page has no reports, hence no data file)."""
    if page is None:
        return INDICATORS_HEAD + paragraph("本页各报告都没有给出这些指标的数字。")
    src = posixpath.relpath(rows_file(page), page_url(page))
    links = "、".join(f'<a href="{up}figures/?i={html.escape(i.slug)}">{html.escape(i.name)}</a>' for i in indicators)
    # the figures explorer needs JavaScript too: the numbers a reader
    # without it can have are the open data's yearly CSV files
    return (INDICATORS_HEAD
            + '<noscript><p class="indicators__noscript">浏览器未启用 JavaScript：本节的数据指标表和图需要 JavaScript 才能显示。'
            f'全部数字可在<a href="{up}data/">开放数据</a>中按年度下载（figures-年度.csv.gz，可用 Excel 或 WPS 打开）；'
            f"启用 JavaScript 后，也可在数据指标页按指标筛选查看：{links}。</p></noscript>\n"
            f'<div class="indicators-drawn" data-figures="{src}"></div>\n')


def _figure_data(f: Figure) -> list[str]:
    """A figure as the table shows it: [its value as printed, its
    paragraph's anchor, its clause (the link's title)]."""
    return [format_value(f), f.passage, figure_clause(f)]


def indicator_data(indicators: list[Indicator], chunk: list[Report]) -> dict:
    """The table and charts of a theme page's indicators, for compare.js
    (drawFigures): "i" the page's indicators as [slug, name, unit]; "cols"
    the ones some report of the page gives (the table's columns, by their
    index in "i"); "rows" one per report giving any, [slug, title, cells],
    a cell 0 (not given) or its figures, the chosen one first (chosen),
    each _figure_data; "silent" how many reports give none (counted, not
    listed: their row would be a title and blanks); "charts" one per
    indicator and level, [index in "i", level's name, [[label, value,
    value as printed], ...]] (charts_by_level)."""
    rows: list[list] = []
    silent = 0
    for report, title in zip(chunk, told_apart([r.title for r in chunk], chunk)):
        cells: list = []
        for indicator in indicators:
            best, others = chosen(report, indicator)
            cells.append([_figure_data(f) for f in (best, *others)] if best else 0)
        if any(cells):
            rows.append([report.slug, title, cells])
        else:
            silent += 1
    cols = [k for k in range(len(indicators)) if any(row[2][k] for row in rows)]
    for row in rows:
        row[2] = [row[2][k] for k in cols]
    charts = [[k, level, [[label, f.value, format_value(f)] for label, f in bars]]
              for k, indicator in enumerate(indicators) for level, bars in charts_by_level(indicator, chunk)]
    return {"i": [[i.slug, i.name, i.unit] for i in indicators], "cols": cols, "rows": rows, "silent": silent,
            "charts": charts}


def charts_by_level(indicator: Indicator, reports: list[Report]) -> list[tuple[str, list[tuple[str, Figure]]]]:
    """One chart per level of government, each comparing at least two bodies
    of that level on the indicator: a city beside towns compares nothing.
    Each as (the level's name, its bars as (label, figure))."""
    rows: dict[str, list[tuple[str, Figure]]] = defaultdict(list)
    having = [(report, best) for report in reports for best in [chosen(report, indicator)[0]] if best is not None]
    labels = []
    for report, _ in having:
        label = str(report.metadata.get("issuer") or report.title)
        if report.metadata.get("year"):  # one body's several years must read apart
            label += f"（{report.metadata.get('year')}年度）"
        labels.append(label)
    for (report, best), label in zip(having, told_apart(labels, [r for r, _ in having])):
        rows[str(report.metadata.get("level") or "")].append((label, best))
    return [(LEVELS.get(level, "层级不详"), level_rows)
            for level, level_rows in sorted(rows.items(), key=lambda kv: LEVEL_ORDER.get(kv[0], 9))
            if len(level_rows) >= 2]


LEVEL_ORDER = {key: k for k, key in enumerate(LEVELS)}


def told_apart(labels: list[str], reports: Sequence[Report]) -> list[str]:
    """Labels with the report's file name added where two read alike: two
    reports of one issuer and year (a corrected version beside the first,
    which the build warns about) must never show as two identical rows."""
    counts = Counter(labels)
    return [f"{label}（{report.slug}）" if counts[label] > 1 else label for label, report in zip(labels, reports)]


# --- comparison matrix ----------------------------------------------------------

def theme_shares(report: Report) -> dict[str, tuple[int, float]]:
    """Theme slug -> (passages on it, their share of the report's text), in one pass."""
    # each passage's length taken once (a held text's len() is a method of its own: once per match
    # and again for the total, at every build, it was a share of the matrix's time)
    total = 0
    count: dict[str, int] = defaultdict(int)
    length: dict[str, int] = defaultdict(int)
    for passage in report.analysis.passages:
        chars = len(passage.text)
        total += chars
        for match in passage.themes:
            count[match.theme] += 1
            length[match.theme] += chars
    total = total or 1
    return {slug: (n, length[slug] / total) for slug, n in count.items()}


NO_CELL = (0, 0.0)  # a report's cell of a theme it has no passage on (the static table's): one for all


def _matrix_own(report: Report, themes: Sequence[Theme], numbers: Sequence[int]) -> tuple:
    """What a report's row of the table takes from the report alone (kept
    between builds: _matrix): its cells (passages, share) per theme, the
    static table's, its parts' states and its province, level, year and
    issuer as the row shows them."""
    m = report.metadata
    shares = theme_shares(report)
    cells: list[tuple[int, float]] = []
    for theme in themes:
        count, share = shares.get(theme.slug, (0, 0.0))
        # every row is held until compare.json is written: one object for all empty cells
        cells.append((count, round(share, 3)) if count else NO_CELL)
    return (cells, _part_states(report, numbers), str(m.get("province") or "地区不详"),
            LEVELS.get(str(m.get("level")), "层级不详"), str(m.get("year") or "年度不详"), str(m.get("issuer") or ""))


def _matrix(every: Ordered, taxonomy: Taxonomy, where: dict[tuple[str, str], str],
            kept: Kept | None = None) -> list[Output]:
    """kept: each report's _matrix_own from earlier builds (walking every
    report's passages for its shares was most of the table's cost)."""
    themes = taxonomy.themes  # subthemes follow their parent, and fold under it in the browser
    ordered = every.reports
    twins = every.twins  # two reports of one body and year: two rows that read alike otherwise
    kept = kept or Kept(None)
    rows = []
    # the theme page holding a report, as compare.json names it (matrix_data): one per page, not per cell
    named: dict[str, str] = {}
    numbers = [part.number for part in taxonomy.parts]
    for report in ordered:
        cells, parts, province, level, year, issuer = kept.get(
            report.slug, report.key, functools.partial(_matrix_own, report, themes, numbers))
        compact: list[object] = []  # the cells with the theme page that holds the report: compare.json's
        for theme, (count, share) in zip(themes, cells):
            if not count:
                compact.append(0)
                continue
            if (target := where.get((theme.slug, report.slug))) is None:
                compact.append([count, share, None])
            else:
                if (page := named.get(target)) is None:
                    page = named[target] = page_url(target).removeprefix(f"themes/{theme.slug}/").rstrip("/")
                compact.append([count, share, page] if page else [count, share])
        rows.append({
            "slug": report.slug,
            "title": labelled(report, twins),
            "href": f"../reports/{report.slug}/",
            "province": province,
            "level": level,
            "year": year,
            "cells": cells,
            "compact": compact,
            "issuer": issuer,
            # per required part: 2 a heading names it, 1 placed by position only, 0 no heading (/parts/ filters these)
            "parts": parts,
        })
    kept.save()
    pages: list[Output] = [SiteFile(MATRIX_DATA, gzipped(matrix_data(themes, rows, taxonomy)))]
    chunks, files = list_pages("compare", rows, slug=lambda row: row["slug"])
    unmentioned = _unmentioned(rows)
    by_slug = {report.slug: report for report in ordered}
    for n, chunk in enumerate(chunks, start=1):
        # Made again only when its rows' reports (or what tells twins apart), the
        # pages of the table, or (on the first page) the counts changed: a row's
        # cells and places are its report's, which its key says.
        make = functools.partial(_matrix_page, themes, chunk, files, n, unmentioned if n == 1 else None)
        pages.append(when_changed(files[n - 1], make, [by_slug[row["slug"]] for row in chunk], generator_version(),
                                  taxonomy.digest, neighbours(files, n), n, [row["title"] for row in chunk],
                                  unmentioned if n == 1 else None))
    return pages


def _matrix_page(themes, chunk: list[dict], files: list[str], n: int, unmentioned: list[int] | None) -> bytes:
    """Page n (from 1) of the comparison table: its rows (chunk), the
    counts of reports without a passage on each theme on the first."""
    # one way to page: compare.js draws every report (显示更多) and hides this pager
    nav = pager(files, n).replace("<p>", '<p class="compare-pager">', 1)
    body = [
        paragraph("每格为该报告涉及该主题的段落数及其占报告正文的比例，颜色越深占比越高；点击数字查看主题页中该报告的段落。"
                  "“未涉及”表示该报告没有一段属于该主题，表头下注明未涉及的报告数。带“└”的是细分主题，"
                  "可在上级主题的表头处展开或收起。可按省份、层级、年度筛选，点击表头排序"
                  "（筛选和排序在浏览器中进行，覆盖全部报告）。表格较宽时可左右滑动，报告名称一列保持不动。"),
        "<noscript><p class=\"compare-noscript\">浏览器未启用 JavaScript：筛选、排序、展开细分主题和数字的链接都不可用，"
        "下表只列出本页的报告，请用表格上下的翻页链接逐页浏览。</p></noscript>\n",
        nav,
        # counts of every report on the first page only: one added report leaves later pages unchanged
        _matrix_table(themes, chunk, "" if n == 1 else "../", unmentioned) + "\n",
        nav,
    ]
    meta = {"title": "报告 × 主题对比", "hide": ["navigation", "toc"]}  # the table needs the width
    return html_page(meta, "# 报告 × 主题对比", "".join(body))


# compare.json as gzip (compare.js unpacks it): JSON of every report's row,
# 16 times its gzip, and a host's quota counts the bytes it stores (0.64 MB
# of 1,000 varied reports' site, 0.05 x their text).
MATRIX_DATA = "compare/compare.json.gz"


def matrix_data(themes: Sequence[Theme], rows: list[dict], taxonomy: Taxonomy) -> bytes:
    """compare.json, which compare.js expands (its expand()): a row without
    its address (the slug's), a cell as 0 where the report has no passage on
    the theme, else [count, share] and the theme's page that holds the
    report when it is not the theme's first ("from-x"; null for none): the
    row's "compact" cells, made with the row (_matrix). As objects each with
    its address, a row was 1.3 KB (1.4 MB at 1,000 reports, all of it loaded
    by /compare/ and /parts/); so about a third."""
    compact = [{**{k: v for k, v in row.items() if k not in ("href", "cells", "compact")}, "cells": row["compact"]}
               for row in rows]
    data = {"themes": [{"slug": t.slug, "name": t.name, "parent": t.parent} for t in themes], "rows": compact,
            "levels": [*LEVELS.values(), "层级不详"], "parts": [p.name for p in taxonomy.parts],
            "provinces": [*PROVINCES, "地区不详"]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _part_states(report: Report, numbers: Sequence[int]) -> list[int]:
    """Per required part (by number): 0 no match names it (its own matches
    aside), 1 only matches placed by position (inferred), 2 a heading names
    it; one pass over the report's part matches."""
    state: dict[int, int] = {}
    for match in report.analysis.parts:
        if not match.own:
            for number in match.parts:
                state[number] = 2 if not match.inferred or state.get(number) == 2 else 1
    return [state.get(number, 0) for number in numbers]


def _unmentioned(rows: list[dict]) -> list[int]:
    """Per theme column: how many reports (of all) have no passage on it."""
    return [sum(1 for row in rows if not row["cells"][k][0]) for k in range(len(rows[0]["cells"]))] if rows else []


def _matrix_table(themes, rows: list[dict], up: str, unmentioned: list[int] | None) -> str:
    """The static table of one page of rows; compare.js redraws it from
    compare.json with every report, each count linked to the theme page's
    row. The static cells hold the counts as text: their links, each a theme
    page's address, were a third of /compare/ (only readers without
    JavaScript lose them; the report's title stays linked). Addresses in
    compare.json are relative to /compare/; up is the way there from this
    page."""
    head = "".join(
        f'<th scope="col" data-sort="{i}" class="num{" sub" if t.parent else ""}"'
        f'{f" data-parent={chr(34)}{t.parent}{chr(34)}" if t.parent else ""} data-theme="{t.slug}">'
        f'{"└ " if t.parent else ""}{html.escape(t.name)}'
        f'<small class="unmentioned">{f"未涉及 {unmentioned[i]} 份" if unmentioned else ""}</small></th>'
        for i, t in enumerate(themes))
    body = []
    for row in rows:
        cells = []
        for (count, share), theme in zip(row["cells"], themes):
            heat = min(4, int(share * 10)) if count else 0
            shown = f'{count}<small>{share:.0%}</small>' if count else '<span class="none">未涉及</span>'
            sub = f' sub" data-parent="{theme.parent}' if theme.parent else ""
            cells.append(f'<td class="num heat-{heat}{sub}">{shown}</td>')
        body.append(
            "<tr>"
            f'<th scope="row"><a href="{html.escape(up + row["href"])}">{html.escape(row["title"])}</a></th>'
            f'<td>{html.escape(row["province"])}</td><td>{html.escape(row["level"])}</td><td>{html.escape(row["year"])}</td>'
            + "".join(cells) + "</tr>")
    return (
        f'<div class="compare" data-src="{up}{MATRIX_DATA.removeprefix("compare/")}">'
        '<div class="compare-filters" hidden></div>'
        '<div class="compare-scroll"><table class="compare-table">'
        '<thead><tr><th scope="col" data-sort="title">报告</th><th scope="col" data-sort="province">省份</th>'
        f'<th scope="col" data-sort="level">层级</th><th scope="col" data-sort="year">年度</th>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div></div>'
    )


# --- required parts -------------------------------------------------------------

# /parts/ filtered in the browser (compare.js) over every report, from the
# rows of compare.json; without JavaScript the page says what it lacks.
PARTS_FILTER = (f'<div class="parts-filter" data-src="../{MATRIX_DATA}"><noscript><p>按省份、层级、年度筛选和'
                '按名称查找需要浏览器启用 JavaScript；下表可逐页浏览全部报告。</p></noscript></div>\n')


def _parts(ordered: list[Report], taxonomy: Taxonomy) -> list[Output]:
    """ordered: every report, in region order (in_region_order)."""
    pages: list[Output] = []
    chunks, files = list_pages("parts", ordered)
    having = {part.number: [r for r in ordered if any(part.number in m.parts for m in r.analysis.parts)]
              for part in taxonomy.parts}
    part_where: dict[tuple[int, str], str] = {}
    for part in taxonomy.parts:
        for chunk, file in zip(*list_pages(part.slug, having[part.number])):
            for report in chunk:
                part_where[part.number, report.slug] = file
    for n, chunk in enumerate(chunks, start=1):
        # Made again only when its reports, the part pages its rows link, or the
        # pages of the list changed (the first page's list of pages reads them all).
        listing = page_list(files, chunks) if n == 1 else ""
        targets = [part_where.get((part.number, r.slug)) for r in chunk for part in taxonomy.parts]
        make = functools.partial(_parts_page, taxonomy, chunk, part_where, files, n, listing)
        pages.append(when_changed(files[n - 1], make, chunk, generator_version(), taxonomy.digest,
                                  neighbours(files, n), n, listing, targets))
    for part in taxonomy.parts:
        pages.extend(_part(part, having[part.number], len(ordered) - len(having[part.number])))
    return pages


def _parts_page(taxonomy: Taxonomy, chunk: list[Report], part_where: dict[tuple[int, str], str], files: list[str],
                n: int, listing: str) -> bytes:
    """Page n (from 1) of /parts/: listing is the first page's list of pages."""
    page = files[n - 1]
    nav = pager(files, n)
    head = [link(page, f"{p.number}. {text(p.name)}", f"{p.slug}/index.md") for p in taxonomy.parts]
    rows = []
    for report in chunk:
        cells = [link(page, text(report.title), f"../reports/{report.slug}/index.md")]
        for part in taxonomy.parts:
            found = [m for m in report.analysis.parts if part.number in m.parts]
            if not found:
                cells.append('<span class="part-missing">标题未见</span>')
                continue
            mark = "✓?" if all(m.inferred for m in found) else "✓"
            target = part_where[part.number, report.slug].removeprefix(part.slug + "/")
            # no title quoting the headings: the part page it links to shows them
            cells.append(link(page, mark, f"{part.slug}/{target}#{report.slug}"))
        own = [m.heading for m in report.analysis.parts if m.own]
        cells.append(text("；".join(own)) if own else "—")
        rows.append(cells)
    body = [
        paragraph("法治政府建设年度报告应包含以下五个部分。下表按各报告一级标题判断其包含哪些部分："
                  "<strong>✓</strong> 标题写明了该部分，<strong>✓?</strong> 标题未写明、按位置推断为举措和成效，"
                  "<strong>标题未见</strong> 表示没有一个一级标题"
                  "写明该部分：报告可能在别的标题下写了相应内容，不等于报告缺少这部分内容。"
                  "点击部分名称可对照阅读各报告的该部分。"),
        PARTS_FILTER if n == 1 else "",
        nav + listing,
        table(["报告", *head, "自有部分"], rows),
        nav,
    ]
    return html_page({"title": "五个必备部分"}, "# 五个必备部分", "".join(body))


def _part(part, having: list[Report], missing: int) -> list[Output]:
    """The part's pages: having are the reports that contain it. Each page is
    made only when its reports or its links to other pages changed."""
    chunks, files = list_pages(f"parts/{part.slug}", having)
    pages: list[Output] = []
    for n, chunk in enumerate(chunks, start=1):
        nav = pager(files, n)
        listing = page_list(files, chunks) if n == 1 else ""
        counts = (len(having), missing) if n == 1 else None
        make = functools.partial(_part_page, part, chunk, n, nav, listing, counts, files[n - 1])
        inputs = (generator_version(), part.number, part.name, nav, listing, counts)
        pages.append(when_changed(files[n - 1], make, chunk, *inputs))
        if chunk:
            rows = functools.partial(_part_rows, part, chunk)
            pages.append(when_changed(rows_file(files[n - 1]), rows, chunk, *inputs))
    return pages


def _part_page(part, chunk: list[Report], n: int, nav: str, listing: str, counts: tuple[int, int] | None,
               file: str) -> bytes:
    body = [
        paragraph((f"共 {counts[0]} 份报告有标题写明此部分，{counts[1]} 份的标题中未见（见"
                   + link(file, "完整性总表", "../index.md") + "）。" if counts
                   else "本页续列有标题写明此部分的报告（总数见" + link(file, "第一页", "index.md") + "）。")
                  + "各报告的该部分依次排列：每份报告一行，该部分的标题链接到原文位置，其后注明该部分的字数和其下各节的标题。"),
        nav + listing,
    ]
    up = "../../" if n == 1 else "../../../"  # parts/x/ or parts/x/from-y/
    # one row a report (its id the slug /parts/ links to): its title linked;
    # compare.js adds its place and year and each section that holds the part
    items = "".join(_row_head(report, up) + "</li>" for report in chunk)
    if items:
        body.append(drawn_rows(file, items, "各报告的地区和年度、该部分的标题链接、字数和其下各节的标题") + "\n")
    body.append(nav)
    title = f"{part.number}. {part.name}" if n == 1 else f"{part.number}. {part.name}（续）"
    meta = {"title": title, "hide": ["navigation", "toc"]}
    return html_page(meta, crumbs(f"parts/{part.slug}") + f"# {part.number}. {md_inline(part.name)}", "".join(body))


def _part_rows(part, chunk: list[Report]) -> bytes:
    """The data file of a part page's rows (rows_file), which compare.js
    draws after each report's link (its drawRows): by report slug [place
    and year (the place left out after a row of the same place, _row_line),
    its sections that hold the part as [anchor, heading, 1 where placed by
    position only else 0, characters, its own subsections' headings]].
    Rows as markup were a third tags and addresses; as gzipped data the
    headings, which reports of one template share, compress too."""
    rows = {}
    for before, report in zip([None, *chunk], chunk):
        index = {s.anchor: i for i, s in enumerate(report.document.sections)}
        sections = []
        for match in (m for m in report.analysis.parts if part.number in m.parts):
            length, subs = _section_facts(report.document.sections, index[match.section])
            sections.append([match.section, match.heading, int(match.inferred), length, subs])
        rows[report.slug] = [_row_line(report, before), sections]
    data = {"part": part.number, "rows": rows}
    return gzipped(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _section_facts(sections: Sequence[Section], start: int) -> tuple[int, list[str]]:
    """What a part page says of sections[start] and its subsections: how long
    it is (characters) and its own subsections' headings (not theirs), shown
    after the section's link. Subsections follow their section (their
    anchors extend its anchor), so the walk stops at the first section
    outside it. No text is quoted: part 1 (the year's measures) is most of a
    report, and even openings of about 200 characters were a quarter of the
    part pages (2.0 of 7.8 MB at 1,000 varied reports); nor is each
    subsection heading a link of its own (a list item and an address each,
    half the part pages): the section's link leads to them in the report."""
    anchor = sections[start].anchor
    inside = []
    for section in sections[start:]:
        if section.anchor != anchor and not section.anchor.startswith(anchor + "-"):
            break
        inside.append(section)
    length = sum(len(p.text) for s in inside for p in s.paragraphs)
    depth = anchor.count("-") + 1
    subs = [s for s in inside if s.anchor.count("-") == depth]  # its own subsections; theirs are in the report
    return length, [s.heading for s in subs]
