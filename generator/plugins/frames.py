"""Report pages written without MkDocs: one frame rendered, every page filled in.

A report page's content is final HTML the generator wrote (prerendered.py)
and a card made from its frontmatter (overrides/partials/report-content.html);
everything around it, Material's frame, is the same on every report page
but for the title and the skip link's target. MkDocs held every page it
rendered until the build's end (about 0.07 MiB a report at 10,000 reports,
27 KiB of it the report pages' objects) and templated the whole frame again
for each one. So, in a build (never in `fazhi serve`):

- FramePlugin, added to MkDocs' plugins by the pipeline, takes the report
  pages out of what MkDocs renders (excluded: links to them still resolve,
  at INFO level; their anchors are no longer checked by MkDocs, so the tests
  check every generated page's internal links, tests/test_frames.py) and
  adds one page of its own at the same depth, FRAME_SRC, whose title, skip
  target and content are placeholders; it keeps that page's rendered output
  (after fazhi-compact) instead of writing it. It also gives sitemap.xml an
  entry for every report page, in the place MkDocs gave it.
- fill_reports, after MkDocs, writes each report page into the site being
  built: the card rendered by Jinja from the page's own frontmatter, its
  HTML after HTML_MARKER, both put into the frame and made compact as
  fazhi-compact makes a page. One page is read, made and written at a time.

In a dirty build a page is written again only when its Markdown is newer
than its HTML (MkDocs' own rule); it is unlinked first (disk.unlink_file,
as incremental.unlinking_writes does for MkDocs' writes), so a hard-linked copy of the published site is
never written through.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_build_date

from generator.disk import unlink_file
from generator.errors import BuildError
from generator.plugins.compact import minify
from generator.plugins.prerendered import HTML_MARKER

# Where the frame of report pages is rendered: the depth of reports/<slug>/,
# under a name no report can take (a slug starts with a letter or digit and
# holds no '~').
FRAME_SRC = "reports/~frame/index.md"
FRAME_URL = "reports/~frame/"  # its address, in its canonical link (with site_url)
REPORT_PAGE = re.compile(r"reports/[A-Za-z0-9][A-Za-z0-9_-]*/index\.md")
TITLE = "FAZHIFRAMETITLE"
SKIP = "FAZHIFRAMESKIP"
CONTENT = "FAZHIFRAMECONTENT"
CONTENT_PARTIAL = "partials/report-content.html"
SKIP_LINK = re.compile(rf'<a href="#{SKIP}" class="md-skip">.*?</a>\s*', re.S)
FRONTMATTER = re.compile(r"---\n(.*?)\n---\n", re.S)


def frame_page() -> str:
    """The Markdown of the frame: a report page's frontmatter keys that the
    frame reads (report.html, main.html, partials/toc.html), with placeholders."""
    meta = {"title": TITLE, "template": "report.html", "hide": ["navigation"], "report": [{"key": "frame"}],
            "fazhi_frame": CONTENT, "toc": [[2, SKIP, SKIP]]}
    return f"---\n{json.dumps(meta)}\n---\n\n{HTML_MARKER}\n"


def can_frame(overrides: Path) -> bool:
    """Whether the project's templates render report pages as a frame around
    partials/report-content.html (a project made before that keeps its own
    report.html, and MkDocs renders its report pages as before)."""
    report = overrides / "report.html"
    try:
        return (overrides / CONTENT_PARTIAL).is_file() and "fazhi_frame" in report.read_text(encoding="utf-8")
    except OSError:
        return False


@dataclass
class Frame:
    """The rendered frame, cut at its content: before (with the title and
    skip placeholders still in it) and after."""
    before: str
    after: str

    @classmethod
    def of(cls, output: str) -> Frame:
        before, found, after = output.partition(CONTENT)
        if not found or CONTENT in after or TITLE in after or "~frame" in after:
            raise ValueError("the report pages' frame does not hold its content placeholder once")
        return cls(before, after)

    def page(self, url: str, title: str, skip: str | None, content: str) -> str:
        """A report page at url (reports/<slug>/): the frame's placeholders
        filled, made compact and minified as fazhi-compact makes a page."""
        before = self.before.replace(FRAME_URL, url).replace(TITLE, title)
        before = before.replace(SKIP, skip) if skip else SKIP_LINK.sub("", before)
        return minify(before + content + self.after)


class FramePlugin(BasePlugin):
    """Added by the pipeline's build (not a plugin of mkdocs.yml): report
    pages left out of MkDocs' rendering, their frame kept.

    With `changed` (an incremental build that knows, from the published
    record, which docs files were added or changed since the site it starts
    from was made: incremental.docs_since), every other file of the docs is
    left out too, but for the pages of the navigation: its output in that
    site is already what it would be. MkDocs' dirty pass otherwise made a
    Page of every page, compared the times of every page and static file
    with their outputs' and rendered none of them (about 2 s per 1,000
    reports, the phase's largest slope). A file left out stays in MkDocs'
    files, so links to it from the pages rendered still resolve (at INFO
    level, as for report pages), and sitemap.xml still lists its page."""

    def __init__(self, changed: frozenset[str] | None = None) -> None:
        super().__init__()
        self.frame: Frame | None = None
        self.files: Files | None = None  # MkDocs' own, in its order (sitemap.xml)
        self.changed = changed
        self.left_out: set[str] = set()  # documentation pages left out, besides report pages (sitemap.xml)
        self.sitemap_template: Any = None
        self.sitemap: str | None = None

    def on_files(self, files: Files, config: Any, **kwargs) -> Files:
        self.files = files
        for file in files.documentation_pages():
            if REPORT_PAGE.fullmatch(file.src_uri):
                file.inclusion = InclusionLevel.EXCLUDED
        if self.changed is not None:
            self.left_out = leave_out_unchanged(files, config, self.changed)
        files.append(File.generated(config, FRAME_SRC, content=frame_page(), inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_pre_template(self, template: Any, template_name: str, **kwargs) -> Any:
        if template_name == "sitemap.xml":
            self.sitemap_template = template
        return template

    def on_template_context(self, context: Any, template_name: str, config: Any, **kwargs) -> Any:
        """sitemap.xml: every page MkDocs lists, and the report pages where
        MkDocs listed them (files in order), the frame left out; made from
        its template's entry for one page (sitemap_by_pattern) where it can be."""
        if template_name == "sitemap.xml":
            pages = list(sitemap_pages(context["pages"], self.files, config, self.left_out))
            template, self.sitemap_template = self.sitemap_template, None
            self.sitemap = sitemap_by_pattern(template, context, pages) if template is not None else None
            context["pages"] = [] if self.sitemap is not None else pages
        return context

    def on_post_template(self, output: str, template_name: str, **kwargs) -> str:
        if template_name == "sitemap.xml" and self.sitemap is not None:
            output, self.sitemap = self.sitemap, None
        return output

    def on_page_content(self, html: str, page: Any, **kwargs) -> str:
        """A page's links to anchors of report pages, let go: MkDocs holds
        every page's until the last is written, to check them against pages
        it no longer renders (1,000 reports: 13,530 of the 21,318 it held)."""
        links = page.links_to_anchors
        if links:
            for target in [f for f in links if f.inclusion.is_excluded()]:
                del links[target]
        return html

    def on_post_build(self, **kwargs) -> None:
        self.left_out = set()
        self.files = None  # the report pages are filled in after MkDocs, without its files held

    @event_priority(-100)  # after fazhi-compact: the frame as the page would be written
    def on_post_page(self, output: str, page: Any, **kwargs) -> str:
        if page.file.src_uri != FRAME_SRC:
            return output
        self.frame = Frame.of(output)
        return ""  # MkDocs writes no file for an empty page


def nav_paths(nav: Any) -> set[str]:
    """The docs files the navigation (mkdocs.yml's nav) names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_paths(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_paths(item) for item in nav))
    return set()


def leave_out_unchanged(files: Files, config: Any, changed: frozenset[str]) -> set[str]:
    """Leave every file of the docs folder that is not in `changed` and not
    named by the navigation out of MkDocs' rendering and copying (excluded);
    the theme's files and generated ones stay. Returns the documentation
    pages left out that were to be published (included before)."""
    docs_dir = config.docs_dir  # get_files gives each file of the docs this very src_dir
    keep = nav_paths(config.nav) | changed
    left_out: set[str] = set()
    for file in files:
        if file.src_dir != docs_dir or file.src_uri in keep:
            continue
        if file.inclusion.is_included() and file.is_documentation_page():
            left_out.add(file.src_uri)
        file.inclusion = InclusionLevel.EXCLUDED
    return left_out


def sitemap_pages(pages: Any, files: Files | None, config: Any, left_out: set[str] | frozenset[str] = frozenset()
                  ) -> Iterator[Any]:
    """What sitemap.xml's template reads of each page (file.page: is_link,
    abs_url, canonical_url, update_date), report pages and pages in
    left_out stood in for."""
    listed = [f for f in pages if f.src_uri != FRAME_SRC]
    if files is None:
        yield from listed
        return
    date = get_build_date()  # every page's update_date (SOURCE_DATE_EPOCH)
    base = config.site_url or ""
    if base and not base.endswith("/"):
        base += "/"
    for file in files.documentation_pages(inclusion=lambda level: True):
        if file.src_uri == FRAME_SRC:
            continue
        if file.page is not None and file.inclusion.is_included():
            yield file
        elif base and (REPORT_PAGE.fullmatch(file.src_uri) or file.src_uri in left_out):  # (no address: not listed)
            canonical = urljoin(base, file.url) if base else None  # as Page._set_canonical_url
            abs_url = urlsplit(canonical).path if canonical else None
            yield SimpleNamespace(page=SimpleNamespace(is_link=False, canonical_url=canonical, abs_url=abs_url,
                                                       update_date=date))


# Two addresses no site has, filled into sitemap.xml's template to read its entry for one page.
PROBES = ("https://fazhi.invalid/FAZHISITEMAP1/", "https://fazhi.invalid/FAZHISITEMAP2/")


def sitemap_by_pattern(template: Any, context: Any, pages: list[Any]) -> str | None:
    """sitemap.xml as `template` renders it for `pages` (what sitemap_pages
    gives), without a loop of the template over every page (at 10,000
    reports 37,000 pages, about 0.17 s of CPU per 1,000 reports a build):
    the template is rendered for no page, one and two pages with PROBES for
    addresses, which gives the text before the entries, one entry and the
    text after; each page's entry is that one with its address (escaped,
    as the template's `|e` does). The two-page rendering must be exactly the
    one-page entry twice, and every page must have the same date: otherwise
    (a template that is not one entry per page) None, and the template
    renders every page."""
    from markupsafe import escape

    urls: list[str] = []
    dates: set[Any] = set()
    for file in pages:
        page = file.page
        if page.is_link or not (page.abs_url or page.canonical_url):
            continue  # the template's own condition
        urls.append(page.canonical_url or page.abs_url)
        dates.add(page.update_date)
    if len(dates) > 1:
        return None
    date = dates.pop() if dates else get_build_date()

    def render(addresses: tuple[str, ...]) -> str:
        stand_ins = [SimpleNamespace(page=SimpleNamespace(is_link=False, canonical_url=url, abs_url=url, update_date=date))
                     for url in addresses]
        return template.render({**context, "pages": stand_ins})

    none, one, two = render(()), render(PROBES[:1]), render(PROBES)
    at = len(os.path.commonprefix([none, one]))
    entry = one[at:at + len(one) - len(none)]
    head, tail = none[:at], none[at:]
    before, found, after = entry.partition(PROBES[0])
    if (not found or PROBES[0] in after or PROBES[1] in entry or head + entry + tail != one
            or head + entry + entry.replace(PROBES[0], PROBES[1]) + tail != two):
        return None
    return head + "".join(before + str(escape(url)) + after for url in urls) + tail


def content_template(overrides: Path) -> Any:
    """partials/report-content.html, loaded by Jinja alone (the engine's
    environment adds only filters this partial does not use)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(overrides)), auto_reload=False)
    return env.get_template(CONTENT_PARTIAL)


def read_page(path: Path) -> tuple[dict, str]:
    """A generated report page's frontmatter (JSON, render.frontmatter) and
    its final HTML (after the last HTML_MARKER)."""
    text = path.read_text(encoding="utf-8-sig")
    found = FRONTMATTER.match(text)
    meta = json.loads(found.group(1)) if found else {}
    head, marker, html = text[found.end():].rpartition(HTML_MARKER) if found else ("", "", "")
    if not (marker and isinstance(meta, dict) and meta.get("template") == "report.html") or head.strip():
        raise BuildError(f"{path}: not a report page as the generator writes them (frontmatter with "
                         "template report.html, then only final HTML); run `fazhi build --clean`")
    return meta, html


def fill_reports(frame: Frame, docs: Path, site: Path, overrides: Path, *, dirty: bool = False,
                 only: Iterable[str] | None = None) -> int:
    """Write every report page of docs/reports/ into site/ (the site being
    built) by filling the frame; one page at a time. In a dirty build, only
    pages whose Markdown is newer than their HTML; with `only` (the slugs
    whose pages changed since the site copied was made: the pipeline knows
    them from the published record), only those, without looking at the
    others. Returns how many were written."""
    import jinja2

    try:
        template = content_template(overrides)
    except jinja2.TemplateError as exc:  # the publisher's own template: name the file and line
        line = f":{exc.lineno}" if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno else ""
        raise BuildError(f"{overrides / CONTENT_PARTIAL}{line}: {exc}; fix the template") from None
    written = 0
    reports = docs / "reports"
    if not reports.is_dir():
        return 0
    if only is not None:
        slugs = sorted(slug for slug in only if REPORT_PAGE.fullmatch(f"reports/{slug}/index.md"))
    else:
        with os.scandir(reports) as entries:
            slugs = sorted(e.name for e in entries
                           if e.is_dir() and REPORT_PAGE.fullmatch(f"reports/{e.name}/index.md"))
    for slug in slugs:
        source = reports / slug / "index.md"
        target = site / "reports" / slug / "index.html"
        try:
            made = source.stat().st_mtime
        except FileNotFoundError:
            continue  # a folder of downloads only
        if dirty and only is None:
            try:
                if target.stat().st_mtime >= made:
                    continue
            except FileNotFoundError:
                pass
        meta, html = read_page(source)
        toc = meta.get("toc") or []
        content = template.render(page=SimpleNamespace(meta=meta, content=html), base_url="../..")
        page = frame.page(f"reports/{slug}/", str(meta.get("title", "")), str(toc[0][1]) if toc else None, content)
        target.parent.mkdir(parents=True, exist_ok=True)
        unlink_file(target)  # never written through a hard link into the published site
        with open(target, "wb") as f:
            f.write(page.encode("utf-8", errors="xmlcharrefreplace"))
        written += 1
    return written
