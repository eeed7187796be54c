"""MkDocs plugin `fazhi-html`: HTML the generator wrote is not converted again.

Python-Markdown reads every raw-HTML block of a page with the standard
library's HTML parser (to find where it ends) only to give it back as it
was, and the generator writes most of the site as such blocks: paragraphs of
reports, excerpts on theme and part pages, tables of /compare/. At 1,000
reports that reading was 52 of the 96 seconds of a build (cProfile). So:

- A generated page may carry, after its Markdown, the line HTML_MARKER and
  then HTML that is final: escaped by the generator (render.html_text), its
  links already site URLs, its headings already with their ids and
  permalinks. Markdown gets only what precedes the marker; the HTML is
  appended untouched, and its headings enter the page's table of contents
  from the frontmatter's `toc`: [[level, id, title as HTML], …], nested
  under the headings of the Markdown part as Markdown nests one page's.
  Report pages are written so (and in a build MkDocs renders only their
  frame: generator/plugins/frames.py writes them; `fazhi serve` still
  renders them here), and so are the pages of lists, series, themes, parts
  and measures, whose Markdown is their crumbs and title only
  (generator/site/pagehtml.py): Markdown's conversion of their tables and
  links was most of the MkDocs phase.
- On every page, a block (text between blank lines) that opens with a
  block-level tag at the start of its first line and closes that same tag at
  the end of its last line is exactly what Python-Markdown passes through as
  raw HTML. It is set aside before conversion (a placeholder paragraph takes
  its place) and put back after, so the parser never reads it. Blocks that
  do not close their own tag are left to Markdown, which treats them as it
  always did.

Either way MkDocs is told the ids the HTML holds, for its checks of links to
anchors.

MkDocs converts every page before it renders the first one, so it holds the
content of all pages at once. So a page's final HTML waits on disk: its
content carries TAIL (the marker comment) in its place, and the rendered
page gets the HTML read again from its file (at 10,000 reports, the report
pages' HTML held as text was about 400 MB of the build). The rest of a
longer page's content waits compressed (STASH in its place): theme and part
pages are mostly excerpts. What stays is the content up to its first <h1
(Material adds a title to a page whose content has none).

Likewise a page's Markdown is let go once converted, and its frontmatter
(the report card, downloads, related reports, cleaning record: at 300
reports about as much as the Markdown) waits pickled and compressed from its
conversion until its own rendering, when the template reads it; between
the two, and once the page is written, the page keeps only the keys that
MkDocs and Material read of other pages (NAV_META).
"""
from __future__ import annotations

import bisect
import pickle
import re
import sys
import zlib
from typing import Any

from markdown.util import BLOCK_LEVEL_ELEMENTS
from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import TableOfContents, get_toc

HTML_MARKER = "<!--fazhi:html-->"
TAIL = HTML_MARKER  # where the final HTML goes back, in a rendered page (a comment: text is escaped, so no report holds it)
STASH = "<!--fazhi:stash-->"  # where the rest of a page's content goes back
STASH_MIN = 4096  # characters of content worth compressing while MkDocs converts the other pages
ID = re.compile(r'\sid="([^"]+)"')
OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
LINE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)[\s>]")  # a line of a block that may be set aside (checked below)
PLACEHOLDER = "FAZHIRAWHTML{}X"  # a paragraph of one word: Markdown leaves it alone
PUT_BACK = re.compile(r"<p>FAZHIRAWHTML(\d+)X</p>")
BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
# Frontmatter keys read while a page is not the one being rendered: its
# template (MkDocs picks it before the page's own context) and what
# Material's navigation, tabs and titles read of every page.
NAV_META = frozenset({"title", "template", "hide", "icon", "status", "subtitle", "description", "search"})


def toc_tokens(entries: list) -> list[Any]:
    """[[level, id, title], …] in page order -> Python-Markdown's nested toc tokens."""
    roots: list[dict] = []
    stack: list[dict] = []
    for level, anchor, title in entries:
        token = {"level": int(level), "id": str(anchor), "name": str(title), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots


def toc_entries(toc) -> list[list]:
    """A table of contents (MkDocs' AnchorLinks, nested) as [[level, id, title], …] in page order."""
    flat: list[list] = []
    for link in toc:
        flat.append([link.level, link.id, link.title])
        flat.extend(toc_entries(link.children))
    return flat


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """markdown with each self-contained raw-HTML block replaced by a
    placeholder, and the blocks. Conservative: a block qualifies only when
    every line of it opens or closes a block-level tag (no Markdown text
    between elements), its first tag is closed at its end and opened and
    closed equally often within it. From the first raw-HTML block that does
    not qualify (an element or comment left open may run over later blocks,
    where Python-Markdown reads everything as HTML) nothing more is set
    aside. A page that holds the placeholder's text itself is left whole."""
    if PLACEHOLDER[:12] in markdown:
        return markdown, []
    kept: list[str] = []
    blocks = markdown.split("\n\n")
    for n, block in enumerate(blocks):
        if not block.startswith("<"):
            continue
        opening = OPENING.match(block)
        tag = opening.group(1).lower() if opening else ""
        lines = block.strip("\n").split("\n")
        if not (opening and tag in BLOCK_TAGS and block.rstrip().endswith(f"</{opening.group(1)}>")
                and all((m := LINE.match(line)) and m.group(1).lower() in BLOCK_TAGS for line in lines)
                and len(re.findall(f"<{tag}[\\s>]", block, re.I)) == len(re.findall(f"</{tag}>", block, re.I))):
            break  # left to Markdown, and so is the rest of the page
        blocks[n] = PLACEHOLDER.format(len(kept))
        kept.append(block.strip("\n"))
    return "\n\n".join(blocks), kept


def put_back(html: str, kept: list[str]) -> str:
    """The converted page with the blocks set aside in their places, spaced
    as Python-Markdown spaces raw HTML (a blank line after each)."""
    if not kept:  # nothing was set aside: any placeholder-like text is the page's own
        return html
    return PUT_BACK.sub(lambda m: kept[int(m.group(1))] + "\n", html).rstrip("\n")


def nav_meta(meta: dict) -> dict:
    """The keys of a page's frontmatter that other pages' rendering reads."""
    return {key: value for key, value in meta.items() if key in NAV_META}


class AnchorIds(tuple):
    """A page's anchor ids, held for every page until MkDocs checks the
    anchors of links, after the last page is written; it asks only whether
    one is there (`in`). Sorted, answered by bisection, and each id held
    once for all pages (a report page's ids, p-1, s-2…, are those of every
    other report page): at 300 reports the pages' sets of ids were 2.6 of
    the 10.8 MiB MkDocs held at the end."""

    __slots__ = ()

    def __new__(cls, ids) -> AnchorIds:
        return super().__new__(cls, sorted(sys.intern(str(i)) for i in ids))

    def __contains__(self, anchor: object) -> bool:
        if not isinstance(anchor, str):
            return False
        at = bisect.bisect_left(self, anchor)
        return at < len(self) and self[at] == anchor


class PrerenderedPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._pages: dict[str, tuple[list[str], str]] = {}
        self._stash: dict[str, bytes] = {}
        self._meta: dict[str, bytes] = {}

    def on_page_markdown(self, markdown: str, page, **kwargs) -> str:
        head, _, tail = markdown.partition(HTML_MARKER)
        head, kept = set_aside(head)
        self._pages[page.file.src_uri] = (kept, tail)
        return head

    def on_page_content(self, html: str, page, **kwargs) -> str:
        kept, tail = self._pages.pop(page.file.src_uri, ([], ""))
        if kept:
            html = put_back(html, kept)
        if kept or tail:
            ids = set(ID.findall(tail)).union(*(ID.findall(block) for block in kept))
            page.present_anchor_ids = set(page.present_anchor_ids or ()) | ids
        if page.present_anchor_ids:
            page.present_anchor_ids = AnchorIds(page.present_anchor_ids)
        entries = page.meta.get("toc")
        if tail and entries:  # nested with the converted part's headings, as Markdown nests one page's
            page.toc = get_toc(toc_tokens([*toc_entries(page.toc), *entries]))
        if tail:
            html += TAIL
        if len(html) > STASH_MIN:
            keep = html.find("<h1") + 3 if "<h1" in html else 0
            self._stash[page.file.src_uri] = zlib.compress(html[keep:].encode("utf-8"), 1)
            html = html[:keep] + STASH
        page.markdown = ""  # converted: only its being set is read now (Page.title)
        if any(key not in NAV_META for key in page.meta):
            self._meta[page.file.src_uri] = zlib.compress(pickle.dumps(page.meta, pickle.HIGHEST_PROTOCOL), 1)
            page.meta = nav_meta(page.meta)
        return html

    def on_page_context(self, context, page, **kwargs):
        """The page's whole frontmatter back, for its own template."""
        packed = self._meta.pop(page.file.src_uri, None)
        if packed is not None:
            page.meta = pickle.loads(zlib.decompress(packed))
        return context

    def on_post_build(self, **kwargs) -> None:  # pages converted but not rendered (a dirty build)
        self._pages.clear()
        self._stash.clear()
        self._meta.clear()

    def on_post_page(self, output: str, page, **kwargs) -> str:
        page.meta = nav_meta(page.meta)  # written: what other pages read of it is all it keeps
        page.content = None
        # Its table of contents is read only by its own template: written, the
        # page lets it go (a report page's headings were about 1 KiB of
        # objects each page, held until the last page was written).
        page.toc = TableOfContents([])
        packed = self._stash.pop(page.file.src_uri, None)
        if packed is not None:
            before, _, after = output.partition(STASH)
            output = before + zlib.decompress(packed).decode("utf-8") + after
        if TAIL not in output:
            return output
        # The last marker: the HTML after it is the generator's, all text in it
        # escaped, so it holds none; the frontmatter before it holds no "<" either
        # (render.frontmatter), but the page's own split is the one to trust.
        try:
            with open(page.file.abs_src_path, encoding="utf-8-sig") as f:
                tail = f.read().rpartition(HTML_MARKER)[2]
        except FileNotFoundError:  # `fazhi serve` removed the page mid-rebuild; the next rebuild drops it
            tail = ""
        before, _, after = output.partition(TAIL)
        return before + tail + after
