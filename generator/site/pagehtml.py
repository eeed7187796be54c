"""Page bodies written as final HTML, not as Markdown for MkDocs to convert.

Python-Markdown's conversion was most of the MkDocs phase (at 3,000 reports
25 of its 38 s of CPU, the listings', series', part and theme pages: tables
of links, pagers, paragraphs with a few links). Those bodies are written
here as the HTML Markdown made of them, after the page's HTML_MARKER
(generator/plugins/prerendered.py appends it untouched); what stays Markdown
is a page's way back and its title (crumbs, `# title`), so its h1 keeps the
id and permalink the toc extension gives it. A heading in the HTML is
listed in the frontmatter's `toc` (page_body), so the table of contents and
the skip link are what Markdown made.

Equal to Markdown's output once fazhi-compact has minified the page (the
white space between block tags, the end tags the standard lets a page
omit): link addresses as MkDocs writes them from a link to a Markdown file
(href), text escaped as Markdown prints md_inline's text (text), headings
with the toc extension's permalink (heading). The HTML is the site's,
whatever renders its frame; only its marker comes from the fazhi-html
plugin's module (which imports MkDocs, as render.py's import of it did).
"""
from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Sequence

from generator.plugins.prerendered import HTML_MARKER

PERMALINK = "#"  # mkdocs.yml's toc permalink and its title
PERMALINK_TITLE = "本节链接"


def page_url(path: str) -> str:
    """The address of a docs file relative to the site's root (MkDocs'
    directory URLs): a/index.md -> a/, a/b.md -> a/b/, index.md -> ''."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def href(page: str, target: str) -> str:
    """A link's address in the page at `page` (its docs path) to `target`,
    written as a Markdown link of that page is (a .md file relative to the
    page's file, maybe with #anchor): relative to the page's own address,
    as MkDocs rewrites it. An anchor alone or any other address is kept."""
    path, mark, anchor = target.partition("#")
    if not path.endswith(".md") or "://" in path:
        return target
    url = page_url(posixpath.normpath(posixpath.join(posixpath.dirname(page), path)))
    relative = posixpath.relpath("/" + url, "/" + page_url(page))
    if url.endswith("/") or not url:
        relative += "/"
    return relative + mark + anchor


def text(value: str) -> str:
    """Text as Markdown prints render.md_inline(value): escaped, never markup."""
    return html.escape(value, quote=False)


def attribute(value: str) -> str:
    """An attribute's value escaped as Markdown's serializer escapes it (an
    entity left as it is; ' kept)."""
    return AMP.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


AMP = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.I)


def link(page: str, label: str, target: str, title: str | None = None) -> str:
    """<a> of a Markdown link [label](target "title") in page; label is HTML
    (text() of a value), title an attribute's value already escaped (render.link_title)."""
    titled = f' title="{title}"' if title is not None else ""
    return f'<a href="{attribute(href(page, target))}"{titled}>{label}</a>'


def paragraph(inline: str) -> str:
    return f"<p>{inline}</p>\n"


def heading(level: int, anchor: str, title: str) -> str:
    """A heading with its permalink as the toc extension writes it (title is HTML)."""
    return (f'<h{level} id="{anchor}">{title}<a class="headerlink" href="#{anchor}" title="{PERMALINK_TITLE}">'
            f"{PERMALINK}</a></h{level}>\n")


HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink" href="#\2" title="[^"]*">')


def toc_of(final: str) -> list[list]:
    """The frontmatter's `toc` of final HTML: [[level, id, title], …] of its
    headings written by heading() (others, as Markdown's raw HTML, are in no
    table of contents)."""
    return [[int(level), anchor, title] for level, anchor, title in HEADING.findall(final)]


def table(head: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table of HTML cells as Markdown's tables extension writes one (with
    no rows, one row of empty cells, as it makes of a table of a head only)."""
    rows = list(rows) or [[""] * len(head)]
    out = ["<table>\n<thead>\n<tr>\n", *(f"<th>{cell}</th>\n" for cell in head), "</tr>\n</thead>\n<tbody>\n"]
    for row in rows:
        out.append("<tr>\n")
        out.extend(f"<td>{cell}</td>\n" for cell in row)
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def page_body(markdown: str, final: str) -> str:
    """A page's body: Markdown (its crumbs and `# title`), then HTML_MARKER
    and the final HTML."""
    return f"{markdown}\n\n{HTML_MARKER}\n{final}"
