"""Reports -> pages (Markdown with YAML frontmatter, and downloads).

Report text never reaches the page as Markdown or HTML: paragraphs are emitted
as escaped HTML blocks (Markdown leaves those alone), headings and link texts
are HTML-escaped and then Markdown-escaped. Index pages list reports in pages
of about chunks.TARGET rows, cut where the reports say (list_pages), so no page
grows with the whole corpus and one added report changes few of them.
"""
from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from generator.analyse.classify import passage_anchors, table_anchor
from generator.analyse.taxonomy import Taxonomy
from generator.plugins.prerendered import HTML_MARKER
from generator.read.clean import LOST
from generator.read.regions import NAMES, PROVINCES, by_province, province_slug
from generator.read.schema import KEYS, LEVELS
from generator.records import Metadata, Paragraph, Report, Source, Table
from generator.site import pagehtml
from generator.site.chunks import chunk_file, neighbours, pager, stable_chunks
from generator.site.pagehtml import page_url
from generator.site.twins import Twin, card_line, labelled, twins_of
from generator.version import generator_version

PAGE_SIZE = 100  # rows of a list page
LATEST = 10
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


@dataclass(frozen=True)
class SiteFile:
    path: str  # relative to the generated docs folder, '/'-separated
    content: bytes


@dataclass(frozen=True)
class Deferred:
    """A page made only when its inputs changed since the last build: key is
    a digest of everything make() reads (generator/site/write.py keeps the key
    each file was made from). Generating every page of a large corpus on
    every build was most of what one added report cost."""
    path: str
    key: str
    make: Callable[[], bytes]


Output = SiteFile | Deferred  # what the site stages return: a file now, or one made when its inputs changed
Whole = Callable[[Report], Report]  # the report with its text, bytes and cleaned lines, which the build does not hold
Reading = Callable[[Report], dict]  # what the reader reads of a report, packed in its page (generator/site/reader.py record_part)


HEX = re.compile(r"[0-9a-f]+")  # a report's key (generator/build/cache.py cache_key): JSON writes it as it is


def when_changed(path: str, make: Callable[[], bytes], reports: Sequence[Report], *inputs: object) -> Output:
    """The page at path, made again only when its inputs change: deferred,
    keyed on the keys of the reports it shows and the other values it shows
    (as JSON); made now when a report does not say what it was read from."""
    if not all(r.key for r in reports):
        return SiteFile(path, make())
    if not inputs and len(reports) == 1 and HEX.fullmatch(reports[0].key):
        # the JSON of [[key]] written out (a report's downloads and reader file: two files a report, every build)
        return Deferred(path, hashlib.sha256(f'[["{reports[0].key}"]]'.encode()).hexdigest(), make)
    parts = [[r.key for r in reports], *inputs]
    key = hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
    return Deferred(path, key, make)


def gzipped(data: bytes, level: int = 9) -> bytes:
    """gzip with no time or file name in the header, so the same data always
    gives the same bytes (and an unchanged file is not rewritten)."""
    return gzip.compress(data, compresslevel=level, mtime=0)


@dataclass(frozen=True)
class Ordered:
    """What the report pages, listings and comparison pages all derive from
    every report alike, made once per build (ordered_reports) and shared by
    the stages that read it: each took its own, and sorting and grouping
    every report again was a share of a rebuild that grows with the corpus."""
    reports: list[Report]  # in region order (in_region_order)
    members: dict[str, list[Report]]  # theme_members
    where: dict[tuple[str, str], str]  # theme_pages
    twins: dict[str, Twin]  # twins_of
    rank: dict[str, int] = field(default_factory=dict)  # report slug -> its place in reports

    def in_order(self, reports: Iterable[Report]) -> list[Report]:
        """Some of these reports in region order, as in_region_order gives
        them, from the place of each in the one ordering (in_region_order's
        key, five metadata values a report, was made again for every
        listing, year, level, reader and related reports: six sorts of every
        report a build)."""
        rank = self.rank
        return sorted(reports, key=lambda r: rank[r.slug])


def ordered_reports(reports: Sequence[Report], taxonomy: Taxonomy) -> Ordered:
    ordered = in_region_order(list(reports))
    members = theme_members(ordered, taxonomy, in_order=True)
    return Ordered(ordered, members, theme_pages(members), twins_of(reports),
                   {r.slug: n for n, r in enumerate(ordered)})


def render_site(reports: Sequence[Report], taxonomy: Taxonomy, skipped: Sequence = (),
                links: dict[str, dict] | None = None, whole: Whole | None = None,
                originals: str = "", ordered: Ordered | None = None, reading: Reading | None = None) -> list[Output]:
    """links: report slug -> more frontmatter for its page (series, related
    reports, citation), made by the stages that know them. whole: where a
    report's two downloads get its bytes and cleaned lines when the build
    holds it without them (generator/build/pipeline.py lean). originals:
    extra.originals_url of mkdocs.yml (originals_url), where the publisher's
    files are served; "" to publish a copy of each. ordered: what the build
    derived once from these reports (ordered_reports), else made here.
    reading: what the side-by-side reader reads of a report (its themed
    passages and figures: generator/site/reader.py record_part), packed
    into the report's page record (report_record)."""
    reports = sorted(reports, key=lambda r: r.slug)
    ordered = ordered or ordered_reports(reports, taxonomy)
    where = ordered.where
    pages: list[Output] = []
    mine: dict[str, dict[str, str]] = defaultdict(dict)  # report slug -> its theme pages
    for (theme, slug), path in where.items():
        mine[slug][theme] = path
    twins = ordered.twins  # two reports of one body and year: told apart in every list, linked on their pages
    for report in reports:
        extra = (links or {}).get(report.slug)
        if report.slug in twins:
            extra = {**(extra or {}), "twins": card_line(twins[report.slug])}
        pages.extend(report_pages(report, taxonomy, where, extra, mine[report.slug], whole, originals, reading))
    pages.append(_home(reports, len(skipped), twins))
    pages.append(guide_page())
    pages.append(theme_names(taxonomy))
    pages.append(step_messages(reports))
    pages.extend(_regions(reports, twins))
    pages.extend(_years(ordered.reports, twins))
    pages.extend(_levels(ordered.reports, twins))
    return pages


# --- escaping -----------------------------------------------------------------

def md_inline(text: str) -> str:
    """Text that Markdown will print literally, never as markup or HTML."""
    return MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def link_title(text: str) -> str:
    """Text for a Markdown link title: cannot close the title or split a table."""
    return html.escape(text, quote=True).replace("|", "&#124;").replace("\\", "&#92;")


def html_text(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return escaped.replace(LOST, f'<span class="lost" title="原文此处字符缺失">{LOST}</span>')


# Material prints page titles unescaped in the header (and `striptags` in
# <title> would undo any escaping), so <, > and & never reach a title: they
# become their full-width forms, which read the same in Chinese text.
TITLE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆"})


# Characters JSON leaves raw that YAML reads otherwise: line breaks of YAML
# 1.1 (they would fold inside a quoted string) and the two it cannot read.
# And <: no text of a report (its frame lines, its metadata) stands in a page's
# file as markup, not even the marker comment of generator/plugins/prerendered.py.
YAML_UNSAFE = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029\ufffe\uffff<"}


def frontmatter(meta: dict, body: str) -> bytes:
    """The page's metadata as a JSON object, which YAML (MkDocs' reader of
    frontmatter) reads as a flow mapping: PyYAML's representer, even with
    libyaml's emitter, took a tenth of a no-change rebuild."""
    if "title" in meta:
        meta = {**meta, "title": str(meta["title"]).translate(TITLE_SAFE)}
    head = json.dumps(meta, ensure_ascii=False).translate(YAML_UNSAFE)
    return f"---\n{head}\n---\n\n{body}".encode()


def html_page(meta: dict, markdown: str, final: str) -> bytes:
    """A page whose body is final HTML (generator/site/pagehtml.py) after
    its Markdown (crumbs and `# title`); its headings in the frontmatter's toc."""
    toc = pagehtml.toc_of(final)
    return frontmatter({**meta, "toc": toc} if toc else meta, pagehtml.page_body(markdown, final))


# --- report pages -----------------------------------------------------------

# What the cleaning record calls each line of a page that is not body text.
ROLE_LABELS = {
    "chrome": "网站杂项", "title": "标题", "publication": "发布信息", "index": "索引信息",
    "doc_number": "发文字号", "addressee": "主送机关", "notice": "印发通知", "signature": "落款",
    "closing": "公开属性", "attachment": "附件", "body": "正文",
}

def report_url(slug: str) -> str:
    return f"reports/{slug}/"


def report_pages(report: Report, taxonomy: Taxonomy, where: dict[tuple[str, str], str], links: dict | None,
                 theme_pages_of_report: dict[str, str], whole: Whole | None = None,
                 originals: str = "", reading: Reading | None = None) -> list[Output]:
    """A report's page and its two downloads, made again only when the
    report, its links or the theme pages its chips point to changed (the
    downloads: only when the report did). Each is made on its own and
    nothing keeps it once written: when the three shared one rendering,
    every report's rendered files stayed in memory until all pages were
    written (about 50 KB a report)."""
    (page, make_page), *downloads = _report_makers(report, taxonomy, where, links, whole, originals, reading)
    if report.key:
        # The page's key from the repr of its inputs, not their JSON (when_changed): its links
        # (related reports, citation, measures: about 2 KB) dumped as JSON with sorted keys for
        # every report were the largest cost of a rebuild's report pages (97 µs a report at
        # 50,000, half of it the JSON). Plain values only (str, numbers, None, lists and dicts
        # built in one order every build), whose repr is the same for the same values, and the
        # lazy values of generator/site/related.py, whose repr names what they make.
        inputs = repr(("report page", report.key, links, theme_pages_of_report, originals))
        first: Output = Deferred(page, hashlib.sha256(inputs.encode()).hexdigest(), make_page)
    else:
        first = SiteFile(page, make_page())
    return [first] + [when_changed(path, make, [report]) for path, make in downloads]


def _report_makers(report: Report, taxonomy: Taxonomy, where: dict[tuple[str, str], str],
                   links: dict | None, whole: Whole | None = None,
                   originals: str = "", reading: Reading | None = None) -> list[tuple[str, Callable[[], bytes]]]:
    """Each of a report's files, and how to make it: its page, the cleaned
    text and, unless the publisher's files are served elsewhere (originals),
    a copy of its original."""
    page, original, cleaned = report_files(report.slug, report.cleaned.markup.format)
    full = whole or (lambda r: r)
    makers = [
        (page, lambda: report_page(full(report), taxonomy, where, links, originals, reading)),  # its text: from whole
        (cleaned, lambda: full(report).cleaned.text.encode("utf-8")),
    ]
    if not originals:
        makers.append((original, lambda: gzipped(full(report).source.raw)))
    return makers


def report_files(slug: str, fmt: str = "text") -> tuple[str, str, str]:
    """The page, the publisher's original bytes (gzip: they are kept whole, page
    furniture and all, for checking; the cleaned text is the one to read) and
    the cleaned text."""
    return f"reports/{slug}/index.md", f"reports/{slug}/{original_name(slug, fmt)}", f"reports/{slug}/{slug}.txt"


def original_name(slug: str, fmt: str = "text") -> str:
    """The download of the publisher's file, always gzip-compressed. A saved
    page (or a PDF) is never served as itself: its name ends in .gz with no
    .html or .pdf before it (slug.original-html.gz), so no host serves it as
    text/html (Apache's mod_mime reads every extension of a name: a
    .html.gz could be sent as an HTML page, gzip-encoded, and rendered in the
    site's origin); browsers download it as a gzip file."""
    return f"{slug}.original.txt.gz" if fmt == "text" else f"{slug}.original-{fmt}.gz"


def render_report(report: Report, taxonomy: Taxonomy, where: dict[tuple[str, str], str],
                  links: dict | None = None, originals: str = "") -> list[SiteFile]:
    """A report's page and its downloads, made now."""
    return [SiteFile(path, make()) for path, make in _report_makers(report, taxonomy, where, links, None, originals)]


def original_link(source: Source, originals: str) -> dict[str, object]:
    """Where a reader fetches the publisher's file when the site links it
    rather than copying it (extra.originals_url): the file's own name after
    the prefix, with its SHA-256 and size to check the copy against."""
    return {"url": originals + source.path.name, "sha256": source.sha256, "bytes": source.size}


def report_page(report: Report, taxonomy: Taxonomy, where: dict[tuple[str, str], str],
                links: dict | None = None, originals: str = "", reading: Reading | None = None) -> bytes:
    """A report's page, written as final HTML (generator/plugins/prerendered.py):
    MkDocs reading back thousands of paragraphs of HTML as Markdown was the
    largest cost of a build. Every text is escaped here (html_text)."""
    slug = report.slug
    doc = report.document
    body: list[str] = []
    toc: list[list] = []
    tables = list(enumerate(report.cleaned.markup.tables))
    # the passages something links to: those on a theme (theme pages, the reader, the passages data) and
    # those holding a figure (indicator tables, the figures data); a paragraph's other pieces need no id
    linked = {p.anchor for p in report.analysis.passages if p.themes} | {f.passage for f in report.analysis.figures}

    def tables_before(line: float) -> None:
        while tables and tables[0][1].line <= line:
            index, table = tables.pop(0)
            body.append(table_html(table, table_anchor(index)))

    for paragraph in doc.preamble:
        tables_before(paragraph.line)
        body.append(_paragraph(paragraph, linked))
    for section in doc.sections:
        tables_before(section.line)
        depth = min(section.level + 1, 6)
        heading = html_text(section.heading)
        body.append(f'<h{depth} id="{section.anchor}">{heading}</h{depth}>')  # its # link and chips: fazhi.js
        toc.append([depth, section.anchor, html.escape(section.heading, quote=False)])
        for paragraph in section.paragraphs:
            tables_before(paragraph.line)
            body.append(_paragraph(paragraph, linked))
    tables_before(float("inf"))
    if doc.signers or doc.signed:
        lines = [html_text(s) for s in doc.signers]
        if doc.signed:
            lines.append(html.escape(_cn_date(doc.signed)))
        body.append('<p class="signature">' + "<br>".join(lines) + "</p>")
    meta: dict[str, object] = {
        "title": report.title,
        "template": "report.html",
        "hide": ["navigation"],  # not in the site's navigation: no empty left column
        "slug": slug,
        "report": _card(report),
        "front": {k: v for k, v in (("doc_number", doc.doc_number), ("addressee", doc.addressee)) if v},
        "cleaning": bool(report.diagnostics),
        "downloads": {"original": original_name(slug, report.cleaned.markup.format), "cleaned": f"{slug}.txt",
                      "format": FORMAT_LABELS.get(report.cleaned.markup.format, "")},
        **({"linked": original_link(report.source, originals)} if originals else {}),
        "encoding": report.cleaned.encoding,
        "toc": toc,
    }
    meta["completeness"] = completeness(report, taxonomy)
    if any(LOST in part for part in body):  # the legend above the text (the page's HTML waits on disk: prerendered.py)
        meta["lost"] = True
    for key in KEYS:
        value = report.metadata.get(key.name)
        if value is not None:
            meta[key.name] = value
    # what the other stages made lazily (generator/site/related.py: related reports, citation) made now
    links = {k: v() if callable(v) else v for k, v in (links or {}).items()}
    meta["record"] = report_record(report, links.pop("related", None), chip_pages(report, taxonomy, where),
                                   {**reading(report), "sr": links.get("series")} if reading else None)
    meta.update(links)
    return frontmatter(meta, HTML_MARKER + "\n" + "\n".join(body) + "\n")


def report_record(report: Report, related: dict | None,
                  chips: dict[str, str] | None = None, reader: dict | None = None) -> str:
    """What a report page shows below its text and few readers open: the
    cleaning record (each step and its count, each line of the page not
    published as text) and the related reports, as JSON compressed with gzip
    and written in base64, which fazhi.js unpacks and draws as the tables and
    lists the page wrote before. Written out as HTML they were about 3.2 KB
    of each report page (a tenth of it, 0.25 x the text at 1,000 varied
    reports); packed, about 0.9 KB, in the page itself rather than a file of
    its own (no second request, no file per report more for hosts that count
    files). Related reports: [href after reports/, title, similarity or
    null], peers under "p", closest under "c".

    The passages on a theme, each once as [anchor, its themes' slugs
    joined by spaces, its required part (part_of)], under "a", and the
    theme page holding the report for each of its themes (chips:
    chip_pages) under "w", with the report's slug under "s": fazhi.js
    draws a section's theme chips below its heading, counting the passages
    of the section (those after its heading, before the next), and the
    reader reads them (reader.js). On the headings and in a script of the
    page the chips were 2.2 KB of an average page; packed with the record,
    1,000 varied reports' pages were 0.8 KB a page lighter; counted in the
    browser from "a" (which the reader needs anyway) rather than given per
    section ("t": [anchor, "slug:count …"]), 0.2 KB lighter again.

    A cleaning step's message is named by its key (message_key), the
    messages once for the site (step_messages): most are one sentence a
    code, the same in every report, and were 0.03 x the text in the
    records (410 bytes a page of 1,360 at 1,000 varied reports). A message
    that quotes the report (Diagnostic.own) stays in its record, as a fifth
    element of its step: in the shared file it would grow with the corpus.

    reader: what the side-by-side reader (/reader/) reads of the report
    beyond its page (reader.record_part: its themed passages "a", figures
    "g", metadata "m", series "sr"), which reader.js unpacks from this
    record when it fetches the page for the passages' text: as a file of
    its own a report (reader/r/<slug>.json.gz) it was 1.3 KB, here 0.5 KB
    more of the page (gzip shares the record's dictionary), 0.06 x the
    text at 1,000 varied reports, and one file a report fewer."""
    data: dict[str, object] = {
        # a message quoting this report in full (Diagnostic.own), the others by their key
        "d": [[d.code, message_key(d.message), d.count, d.severity, *([d.message] if d.own else [])]
              for d in report.diagnostics],
        "f": [[p.number, ROLE_LABELS[p.role], p.reason, p.text] for p in report.cleaned.page.lines if p.role != "body"],
    }
    passages = [[p.anchor, " ".join(t.theme for t in p.themes), part_of(report, p.section)]
                for p in report.analysis.passages if p.themes]
    if passages:
        data["a"] = passages
    if chips:
        data["s"], data["w"] = report.slug, chips
    if reader:
        data.update(reader)
    if related:
        def entries(rows: list[dict]) -> list[list]:
            return [[str(r["href"]).removeprefix("reports/").rstrip("/"), r["title"], r.get("similarity")] for r in rows]
        data["p"] = entries(related.get("peers") or [])
        data["c"] = entries(related.get("closest") or [])
    packed = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzipped(packed)).decode("ascii")


FORMAT_LABELS = {"html": "网页", "pdf": "PDF 文件", "docx": "Word 文件"}


def table_html(table: Table, anchor: str) -> str:
    """A table of the report as a table (every cell escaped); Material wraps it
    to scroll sideways on narrow screens, as the site's other tables. Its id is
    where the figures read from it link."""
    head, rows = table.rows[: table.header_rows], table.rows[table.header_rows:]
    # The caption above the table, not in it: a <caption> is centred on the table's
    # whole width, off the screen of a phone when the table scrolls.
    out = [f'<p class="report-table__caption"><strong>{html_text(table.caption)}</strong></p>' if table.caption else "",
           f'<table id="{anchor}">']
    if head:
        out.append("<thead>" + "".join(
            "<tr>" + "".join(f"<th>{html_text(c)}</th>" for c in row) + "</tr>" for row in head) + "</thead>")
    out.append("<tbody>" + "".join(
        "<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>" for row in rows) + "</tbody>")
    out.append("</table>")
    return "".join(out)


def completeness(report: Report, taxonomy: Taxonomy) -> list[dict]:
    """The five required parts as the report's page shows them: each with the
    top-level sections whose headings name it (linked), whether it was only
    placed by position, or no section at all (then the page says 标题未见,
    which is not the same as the report lacking the content)."""
    out = []
    for part in taxonomy.parts:
        found = [m for m in report.analysis.parts if part.number in m.parts and not m.own]
        out.append({"number": part.number, "name": part.name, "slug": part.slug,
                    "sections": [{"anchor": m.section, "heading": m.heading} for m in found],
                    "inferred": bool(found) and all(m.inferred for m in found)})
    return out


def _paragraph(paragraph: Paragraph, linked: Collection[str] | None = None) -> str:
    """A paragraph as an escaped HTML block; a long one holds its passages as
    spans with anchors of their own, so theme pages can link to the piece
    (a span with an id in the report's text is a passage: no class, which
    was 16 bytes of every passage). Only the passages in linked (None: all)
    are spans: a piece no page, reader or data file links to is plain
    text (its anchor is published nowhere; a seventh of the spans at 1,000
    varied reports). Its ¶ link (like the headings' #, with
    their titles 本段链接 and 本节链接) is added by fazhi.js: written into
    every paragraph and heading they were 2.2 MB of 1,000 varied reports'
    pages (the titles alone had been 7 MB at 10,000 before they moved there)."""
    pieces = passage_anchors(paragraph)
    if len(pieces) == 1:
        inner = html_text(paragraph.text)
    else:
        inner = "".join(f'<span id="{anchor}">{html_text(text)}</span>' if linked is None or anchor in linked
                        else html_text(text) for anchor, text in pieces)
    return f'<p id="{paragraph.anchor}">{inner}</p>'


def part_of(report: Report, section: str) -> int:
    """The required part (1-5) a section belongs to: that of the top-level
    section it sits in (section anchors extend their parent's: s2, s2-1 …);
    0 for the opening, a report's own parts and sections mapped to none."""
    for match in report.analysis.parts:
        if match.parts and not match.own and (section == match.section or section.startswith(match.section + "-")):
            return match.parts[0]
    return 0


def chip_pages(report: Report, taxonomy: Taxonomy, where: dict[tuple[str, str], str]) -> dict[str, str]:
    """For each theme the chips name, the page of the theme that holds the
    report ("" for its first page). Written as links, with each theme's
    name and the report's address, the chips were 5.4 MB of 1,000 varied
    reports' pages (a report page has dozens of chip lines); as a
    paragraph of data each with its theme page, 2.0 MB; on the heading,
    about 0.6 MB; now counted from the packed record (report_record)."""
    counts = report.analysis.theme_counts()
    return {t.slug: page_url(where[t.slug, report.slug]).removeprefix(f"themes/{t.slug}/").rstrip("/")
            for t in taxonomy.themes if counts.get(t.slug) and (t.slug, report.slug) in where}


def theme_members(reports: Sequence[Report], taxonomy: Taxonomy, in_order: bool = False) -> dict[str, list[Report]]:
    """Theme slug -> reports with passages on it, in the order of its pages
    (in_order: the reports are in it already, in_region_order's)."""
    # Sorted once, then filtered per theme (the order is total: the slug
    # ends the key): sorting again for each theme cost 12.8 s at 50,000.
    ordered = [(r, r.analysis.theme_counts()) for r in (reports if in_order else in_region_order(list(reports)))]
    return {t.slug: [r for r, counts in ordered if counts.get(t.slug)] for t in taxonomy.themes}


def chunk_path(base: str, n: int) -> str:
    """The Markdown file of page n of a paginated listing under base/."""
    return f"{base}/index.md" if n == 1 else f"{base}/{n}.md"


def theme_pages(members: dict[str, list[Report]]) -> dict[tuple[str, str], str]:
    """(theme slug, report slug) -> the Markdown file of the theme page that
    holds the report's passages (theme pages are split into pages)."""
    where = {}
    for slug, reports in members.items():
        for chunk, file in zip(*list_pages(f"themes/{slug}", reports, links=True)):
            for report in chunk:
                where[slug, report.slug] = file
    return where


def _card(report: Report) -> list[dict]:
    """The metadata card: one row per known value, with its origin and a link."""
    rows = []
    meta = report.metadata
    for key in KEYS:
        field = meta.values.get(key.name)
        if field is None:
            continue
        value = field.value
        shown = LEVELS.get(str(value), str(value)) if key.name == "level" else str(value)
        href = None
        if key.name == "province":
            href = f"regions/{province_slug(value)}/"
        elif key.name in ("city", "county"):
            province_page = f"regions/{province_slug(meta.get('province'))}/"
            heading = _own_city(meta) if key.name == "city" else str(value)
            href = f"{province_page}#{_region_anchor(heading)}" if heading else province_page
        elif key.name == "year":
            href = f"years/{value}/"
        elif key.name == "level":
            href = f"levels/{value}/"
        elif key.name == "source_url":
            href = str(value)
        rows.append({
            "key": key.name,
            "label": key.label,
            "value": shown,
            "origin": field.origin,
            # the origin mark's class, o-MARK, labelled by fazhi.css (ORIGIN_LABELS, and
            # "file": a Word file's or PDF's structure, where "markup" is a web page's tags)
            "mark": "file" if field.origin == "markup" and report.cleaned.markup.format != "html" else field.origin,
            "href": href,
        })
    return rows


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


# --- index pages ---------------------------------------------------------------

def _row(report: Report, depth: int, twins: Mapping[str, Twin]) -> str:
    up = "../" * depth
    m = report.metadata
    place = place_name(m)
    cells = [
        f"[{md_inline(labelled(report, twins))}]({up}reports/{report.slug}/index.md)",
        md_inline(str(m.get("issuer") or "—")),
        md_inline(place or "—"),
        md_inline(LEVELS.get(str(m.get("level")), "—")),
        str(m.get("year") or "—"),
        str(m.get("date") or "—"),
    ]
    return "| " + " | ".join(cells) + " |"


TABLE_HEAD = "| 报告 | 发布机关 | 地区 | 层级 | 年度 | 日期 |\n|---|---|---|---|---|---|"


def _table(reports: Iterable[Report], depth: int, twins: Mapping[str, Twin]) -> str:
    rows = [_row(r, depth, twins) for r in reports]
    return TABLE_HEAD + "\n" + "\n".join(rows) if rows else "（暂无报告）"


def _table_html(page: str, reports: Iterable[Report], depth: int, twins: Mapping[str, Twin]) -> str:
    """_table as the HTML of the page at `page`."""
    up = "../" * depth
    rows = []
    for report in reports:
        m = report.metadata
        rows.append([pagehtml.link(page, pagehtml.text(labelled(report, twins)), f"{up}reports/{report.slug}/index.md"),
                     pagehtml.text(str(m.get("issuer") or "—")), pagehtml.text(place_name(m) or "—"),
                     pagehtml.text(LEVELS.get(str(m.get("level")), "—")), str(m.get("year") or "—"),
                     str(m.get("date") or "—")])
    return pagehtml.table(["报告", "发布机关", "地区", "层级", "年度", "日期"], rows) if rows else pagehtml.paragraph("（暂无报告）")


def _by_date(reports: Iterable[Report]) -> list[Report]:
    """Newest first; reports without a date last; slug breaks ties."""
    dated = sorted(reports, key=lambda r: r.slug)
    return sorted(dated, key=lambda r: (str(r.metadata.get("date") or ""), str(r.metadata.get("year") or "")), reverse=True)


def list_pages(base: str, items: Sequence, slug=lambda item: item.slug, links: bool = False) -> tuple[list[list], list[str]]:
    """A long list's pages and their Markdown files, cut where the items say
    (chunks.stable_chunks): one added report changes the page it joins, not
    every later one, as cutting every PAGE_SIZE rows did. links: a list of
    one link a row, with chunks.LINKS times as many rows a page."""
    chunks = stable_chunks(items, slug, links=links)
    return chunks, [chunk_file(base, chunk, n, slug) for n, chunk in enumerate(chunks, start=1)]


PAGES_LISTED = 40  # a list of more pages than this names, on its first page, where each place begins instead


def page_list(files: list[str], chunks: list[list[Report]]) -> str:
    """On a first page (its HTML): the other pages of the list, named by the range of
    places each covers (the pager links only the pages before and after).
    A list of more than PAGES_LISTED pages (a theme at 50,000 reports has
    about 1,000) names instead where each place begins (place_starts), so
    no page grows with the corpus."""
    if len(files) == 1:
        return ""
    name = lambda f: f.rsplit("/", 1)[-1]
    if len(files) > PAGES_LISTED:
        links = [pagehtml.link(files[0], pagehtml.text(place), name(files[n])) for place, n in place_starts(chunks)]
        return (pagehtml.paragraph("其余地区从哪一页开始（从本页开始的地区不再列出；每页按地区排列，用“上一页”“下一页”逐页浏览）："
                                   + " · ".join(links)) if links else "")
    links = [pagehtml.link(files[0], pagehtml.text(range_label(chunk)), name(f)) for f, chunk in zip(files[1:], chunks[1:])]
    return pagehtml.paragraph("其余各页（按所含地区）：" + " · ".join(links))


PLACE_LEVELS = ("province", "city", "county", "town")


def place_starts(chunks: list[list[Report]]) -> list[tuple[str, int]]:
    """Where each place of a list ordered by place begins: (name, index of
    the chunk holding its first report), at the widest level at which the
    list's reports differ (provinces on a theme page, cities on a
    province's). The first chunk is left out (the page that names them),
    and so is a place whose first report is there. Reports without that
    level of place are those of no known place (地区不详) or, below the
    province, of the wider place itself (本级)."""
    reports = [report for chunk in chunks for report in chunk]
    level = next((k for k in PLACE_LEVELS if len({str(r.metadata.get(k) or "") for r in reports}) > 1), None)
    if level is None:
        return []
    seen: set[str] = set()
    starts: list[tuple[str, int]] = []
    for n, chunk in enumerate(chunks):
        for report in chunk:
            name = str(report.metadata.get(level) or "") or ("地区不详" if level == "province" else "本级")
            if name not in seen:
                seen.add(name)
                if n:
                    starts.append((name, n))
    return starts


def known_as(report: Report) -> str:
    """What a reader recognises a report by in a list's page names: its
    place, else its issuer, else its title (never its file name)."""
    m = report.metadata
    return place_name(m) or str(m.get("issuer") or "") or report.title


def range_label(chunk: Sequence[Report]) -> str:
    """A page of a list named by its first and last report's places: 安徽省合肥市 — 安徽省黄山市歙县."""
    first, last = known_as(chunk[0]), known_as(chunk[-1])
    return first if first == last else f"{first} — {last}"


def _listing(base: str, title: str, intro: str, reports: list[Report], depth: int,
             twins: Mapping[str, Twin]) -> list[Output]:
    """One listing split into pages: base/index.md, base/from-<slug>.md, …
    The intro (with its counts) is on the first page only. A later page is
    made again only when its reports (or what tells twins among them apart)
    or the listing's pages changed: made every build, the listings' rows
    were a share of a rebuild that grew with the corpus."""
    chunks, files = list_pages(base, reports, links=True)
    pages: list[Output] = []
    for n, chunk in enumerate(chunks, start=1):
        make = functools.partial(_listing_page, base, title, intro, chunks, files, n, depth, twins)
        if n == 1:  # its intro's counts and its list of pages read every report of the listing
            pages.append(SiteFile(files[0], make()))
        else:
            pages.append(when_changed(files[n - 1], make, chunk, generator_version(), base, title, neighbours(files, n), n, depth,
                                      [labelled(r, twins) for r in chunk]))
    return pages


def _listing_page(base: str, title: str, intro: str, chunks: list[list[Report]], files: list[str], n: int,
                  depth: int, twins: Mapping[str, Twin]) -> bytes:
    """Page n (from 1) of a listing (_listing)."""
    chunk = chunks[n - 1]
    nav = pager(files, n)
    # Links are relative to the Markdown file, and every chunk of one
    # listing sits in the same folder, so all share one depth.
    heading = title if n == 1 else f"{title}（续）"
    body = ((pagehtml.paragraph(pagehtml.text(intro)) if n == 1 and intro else "") + nav
            + (page_list(files, chunks) if n == 1 else "") + _table_html(files[n - 1], chunk, depth, twins) + nav)
    return html_page({"title": heading, "hide": ["navigation"]}, f"{crumbs(base)}# {md_inline(heading)}", body)


SECTION_NAMES = {"regions": "按地区", "years": "按年度", "levels": "按层级", "themes": "主题", "parts": "必备部分",
                 "series": "历年报告"}


def crumbs(base: str) -> str:
    """The way back from a page in base/ (e.g. years/2023): 首页 › 按年度, above
    the page's own title (a crumb reading 本页 named nothing).
    Links are relative to the Markdown file, and every chunk of a listing sits
    in base/, so one line serves them all."""
    section = base.split("/")[0]
    depth = base.count("/") + 1
    return (f"[首页]({'../' * depth}index.md) › [{SECTION_NAMES[section]}]({'../' * (depth - 1)}index.md)\n"
            "{ .crumbs }\n\n")


def numbered_pager(page: str, n: int, total: int) -> str:
    """Page n of total, each page linked by its number (the page at `page`)."""
    if total == 1:
        return ""
    parts = [f"<strong>{k}</strong>" if k == n else pagehtml.link(page, str(k), f"{'index' if k == 1 else k}.md")
             for k in range(1, total + 1)]
    return pagehtml.paragraph(f"第 {n} / {total} 页：" + " · ".join(parts))


def _home(reports: list[Report], skipped: int, twins: Mapping[str, Twin]) -> SiteFile:
    provinces = {r.metadata.get("province") for r in reports if r.metadata.get("province")}
    years = sorted({r.metadata.get("year") for r in reports if r.metadata.get("year")}, key=str)
    span = f"{years[0]}—{years[-1]} 年度" if years else "—"
    skipped_line = f"- 本次构建有 {skipped} 份报告因问题未能发布：[查看原因](skipped/index.md)\n" if skipped else ""
    body = f"""# 法治政府建设年度报告对读

各级地方政府及其部门每年公开发布上一年度的法治政府建设情况报告。本站把这些散落在各政府网站上的报告整理为统一格式：
清除网页杂项、繁体转简体、恢复标题层级，并标明每项信息的来源，便于研究者、记者、监督机关和政府自身对照阅读。

- 收录报告 **{len(reports)}** 份，覆盖 **{len(provinces)}** 个省级行政区，{span}
- [按地区浏览](regions/index.md) · [按年度浏览](years/index.md) · [按层级浏览](levels/index.md)
- 对照阅读：[按主题](themes/index.md) · [报告 × 主题对比表](compare/index.md) · [五个必备部分](parts/index.md)
- [并排对读](reader/index.md)：选一个主题和 2—4 份报告，逐段并排比较 · [同一机关的历年报告](series/index.md)
- [收录情况](coverage/index.md)：每年应报的机关本站收录了哪些 · [按时公开](timeliness/index.md)：各报告是否在法定期限前公开
- [全文检索](search/index.md)：输入任意词句（两个字以上），找出原文中含有这一词句的全部报告，可按省份、层级、年度、主题筛选；右上角的检索框也通往这里。
- [开放数据](data/index.md)（CSV）· [订阅新收录报告](feed.xml)（Atom）
{skipped_line}
## 最新报告

{_table(_by_date(reports)[:LATEST], 0, twins)}

## 说明

报告页面中的每项信息标有来源：**原文**（从报告文本中读取）、**补充**（本站发布者另行补充）、**推断**（由其他信息推算）。
每份报告都可下载原始文本和清理后的文本；清理过程的每一步都记录在报告页面底部。
报告页面各项的含义见[报告页面说明](guide/index.md)。
"""
    return SiteFile("index.md", frontmatter({"title": "首页"}, body))


# The explanations every report page once repeated (the legend of the origin
# marks, the notes on the citation, the downloads and the five parts, what
# needs JavaScript): said once here, linked from each report's card
# (overrides/report.html). Anchors are fixed ids, linked from the pages.
# A paragraph is one line: a line break inside it is a space between two
# Chinese sentences in the browser.
GUIDE = """# 报告页面说明

每份报告的页面依次是：报告信息卡片、五个必备部分、报告正文、相关报告和文本清理记录。

## 来源标记 {#origin}

报告信息卡片的每一项后面标明这项信息从哪里来：

- **原文**：从报告文本中读取。
- **补充**：由本站发布者另行补充（例如报告所属的地区、层级和年度）。
- **推断**：由其他信息推算得出。
- **网页标记**：由原网页的结构写明（元数据标签、标题元素、信息公开索引表、发布信息栏）。
- **文件结构**：由原文件（PDF、Word 文档）的结构写明（标题样式或首页的大号标题）。

## 官方原文与引用 {#cite}

本站记录了报告在发布机关网站上的地址时，卡片链接到那里；没有记录时，可凭引用信息在发布机关网站检索核对。

引用格式按 GB/T 7714 写出：“发布机关. 报告标题[EB/OL]. (发布日期)[引用日期]. 访问路径.”，各项取自报告信息卡片；这条引用由浏览器运行 JavaScript 写出，不运行时可按此格式自行著录。“一键复制”复制这条引用；官方地址未知时，复制的引用以报告页面的地址和当天的日期作为访问路径和引用日期。从某一段的链接（段落末尾的 ¶）进入页面时，复制的引用指向这一段。

## 下载 {#downloads}

- **原始文本**或**原始文件**：发布者提供的原件，未经任何改动，用 gzip 压缩；卡片写明文本的编码。PDF、Word 等文件本站不直接显示，下载解压后用相应软件打开。本站也可设置为不另存原件、而链接到发布者存放原件的地址（见下文“核对原件”）。
- **清理后文本**：UTF-8 编码的纯文本，由浏览器从页面正文生成，内容与页面正文相同。生成下载文件需要浏览器运行 JavaScript；不运行 JavaScript 时，可直接复制页面正文。

## 核对原件 {#originals}

卡片中的“发布者提交的原始文件”链接到发布者存放原件的地址（例如本站源文件仓库），本站不另存一份。卡片同时写明该文件的字节数和 SHA-256 校验值：下载后可用 `sha256sum 文件名`（Linux）、`shasum -a 256 文件名`（macOS）或 `certutil -hashfile 文件名 SHA256`（Windows）计算校验值，与卡片上的一致，即为本站据以生成页面的同一文件。[开放数据](../data/index.md)的 reports.csv 也列出每份原件的地址、字节数和校验值。

## 五个必备部分 {#parts}

按报告的一级标题判断五个必备部分是否写明。“标题未见”指没有一个一级标题写明这一部分，报告可能在别的标题下写了相应内容；“按位置推断”指标题没有写明，按它在报告中的位置判断。各报告的对照见[必备部分](../parts/index.md)。

## 共用模板 {#shared}

与同年度其他机关的报告几乎逐字相同的段落，正文中以左侧虚线标出，卡片列出这些段落的链接。

## 相关报告和文本清理记录 {#record}

各节标题下的主题标签（链接到主题页中这份报告的一行）、相关报告（同省、同层级、同年度的报告，主题分布最接近的报告）和文本清理记录（每一步处理及次数、未作为正文发布的各行）由浏览器从页面中压缩保存的数据画出，需要运行 JavaScript 的较新浏览器；不运行 JavaScript 时，这三部分不显示，报告正文、信息卡片和下载照常可用，原始文本可从卡片下载核对。与其他报告并排对读、同一机关的历年报告，链接在信息卡片中。

## 许可与纠错 {#licence}

报告原文是署名机关公开发布的政府信息，本站照录原文，仅作文本清理；本站整理的元数据、主题标注和数据文件按 CC BY 4.0 许可开放使用（[开放数据](../data/index.md)，数据更新日期也写在那里）。发现文字、元数据或主题标注有误，请把页面地址（可复制段落末尾 ¶ 的链接）和问题所在告诉本站的维护者（见本页页脚）。
"""


# Not under assets/ (the theme's files): a generated file there emptied
# site/assets/ on the next incremental build.
THEME_NAMES = "themes/names.json"


def theme_names(taxonomy: Taxonomy) -> SiteFile:
    """Each theme's name by its slug, one small file that fazhi.js reads (and
    the browser keeps) to name the theme chips of every report page."""
    names = {t.slug: t.name for t in taxonomy.themes}
    return SiteFile(THEME_NAMES, json.dumps(names, ensure_ascii=False, separators=(",", ":")).encode())


# Beside /guide/, which says what a report page's cleaning record is (not
# under reports/, whose entries are the reports' folders).
STEP_MESSAGES = "guide/messages.json"


def message_key(message: str) -> str:
    """A cleaning step's message as the report records name it: its digest,
    the same in every report and every build, so a message met first in one
    report changes no other report's page."""
    return hashlib.sha256(message.encode("utf-8")).hexdigest()[:10]


def step_messages(reports: Iterable[Report]) -> SiteFile:
    """Every cleaning step's message by its key (message_key), one small
    file that fazhi.js reads (and the browser keeps) to draw the 文本清理记录
    of every report page; made from every report's steps in each build."""
    messages = {message_key(d.message): d.message for r in reports for d in r.diagnostics if not d.own}
    return SiteFile(STEP_MESSAGES, json.dumps(dict(sorted(messages.items())), ensure_ascii=False,
                                              separators=(",", ":")).encode())


def guide_page() -> SiteFile:
    """/guide/: what the marks, notes and sections of a report page mean, once for all of them."""
    return SiteFile("guide/index.md", frontmatter({"title": "报告页面说明"}, GUIDE))


def _regions(reports: list[Report], twins: Mapping[str, Twin]) -> list[Output]:
    groups = by_province(reports)
    lines = ["# 按地区浏览", "", "| 省级行政区 | 报告数 |", "|---|---|"]
    for slug, members in groups.items():
        lines.append(f"| [{md_inline(NAMES[slug])}]({slug}/index.md) | {len(members)} |")
    pages: list[Output] = [SiteFile("regions/index.md", frontmatter({"title": "按地区浏览"}, "\n".join(lines) + "\n"))]
    for slug, members in groups.items():
        pages.extend(_province(slug, NAMES[slug], members, twins))
    return pages


def _own_city(meta: Metadata) -> str:
    """The city of a place, or "" where it has none of its own: a municipality
    (重庆市) is both province and city, and its page has no city heading."""
    city = str(meta.get("city") or "")
    return "" if city == str(meta.get("province") or "") else city


def place_name(meta: Metadata) -> str:
    """Province, city, county and town as one name: 安徽省黄山市歙县许村镇,
    重庆市云阳县后叶镇 (a municipality is not repeated as its own city)."""
    return "".join(part for part in (str(meta.get("province") or ""), _own_city(meta),
                                     str(meta.get("county") or ""), str(meta.get("town") or "")) if part)


def _region_anchor(name: object) -> str:
    return "r-" + re.sub(r"[^0-9a-f]", "", str(name).encode("utf-8").hex())[:24]


def _province(slug: str, name: str, reports: list[Report], twins: Mapping[str, Twin]) -> list[Output]:
    """Province page: cities, then counties, then the reports of each."""
    tree: dict[str, dict[str, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for report in reports:
        m = report.metadata
        tree[_own_city(m)][str(m.get("county") or "")].append(report)
    if len(reports) > PAGE_SIZE:
        intro = f"共 {len(reports)} 份报告。"
        return _listing(f"regions/{slug}", name, intro, _by_place(reports), 2, twins)
    body = [crumbs(f"regions/{slug}") + f"# {md_inline(name)}", "", f"共 {len(reports)} 份报告。", ""]
    for city in sorted(tree):
        if city:
            body += [f"## {md_inline(city)} {{#{_region_anchor(city)}}}", ""]
        for county in sorted(tree[city]):
            level = "###" if city else "##"
            if county:
                body += [f"{level} {md_inline(county)} {{#{_region_anchor(county)}}}", ""]
            elif city:
                body += [f"{level} {md_inline(city)}本级", ""]
            body += [_table(_by_date(tree[city][county]), 2, twins), ""]
    return [SiteFile(f"regions/{slug}/index.md", frontmatter({"title": name, "hide": ["navigation"]}, "\n".join(body)))]


def _by_place(reports: list[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: tuple(str(r.metadata.get(k) or "") for k in ("city", "county", "town")) + (r.slug,))


def _years(reports: list[Report], twins: Mapping[str, Twin]) -> list[Output]:
    """reports: in region order (in_region_order), which each year's list keeps."""
    by_year: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_year[str(report.metadata.get("year") or "unknown")].append(report)
    lines = ["# 按年度浏览", "", "报告年度指报告所总结的年份，通常为发布的前一年。", "", "| 报告年度 | 报告数 |", "|---|---|"]
    order = sorted((y for y in by_year if y != "unknown"), reverse=True) + [y for y in by_year if y == "unknown"]
    pages = []
    for year in order:
        label = "年度不详" if year == "unknown" else f"{year} 年度"
        lines.append(f"| [{label}]({year}/index.md) | {len(by_year[year])} |")
        pages.extend(_listing(f"years/{year}", label, f"共 {len(by_year[year])} 份报告，按地区排列。",
                              by_year[year], 2, twins))
    return [SiteFile("years/index.md", frontmatter({"title": "按年度浏览"}, "\n".join(lines) + "\n"))] + pages


def _levels(reports: list[Report], twins: Mapping[str, Twin]) -> list[Output]:
    """reports: in region order (in_region_order), which each level's list keeps."""
    by_level: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_level[str(report.metadata.get("level") or "unknown")].append(report)
    labels = dict(LEVELS, unknown="层级不详")
    lines = ["# 按层级浏览", "", "| 层级 | 报告数 |", "|---|---|"]
    pages = []
    for level in [lv for lv in labels if lv in by_level]:
        lines.append(f"| [{labels[level]}]({level}/index.md) | {len(by_level[level])} |")
        pages.extend(_listing(f"levels/{level}", labels[level], f"共 {len(by_level[level])} 份报告，按地区排列。",
                              by_level[level], 2, twins))
    return [SiteFile("levels/index.md", frontmatter({"title": "按层级浏览"}, "\n".join(lines) + "\n"))] + pages


def in_region_order(reports: list[Report]) -> list[Report]:
    order = {p: n for n, p in enumerate(PROVINCES)}

    def key(r: Report):
        p = str(r.metadata.get("province") or "")
        return (order.get(p, len(order)),) + tuple(
            str(r.metadata.get(k) or "") for k in ("city", "county", "town")) + (str(r.metadata.get("year") or ""), r.slug)

    return sorted(reports, key=key)
