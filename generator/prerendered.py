"""MkDocs plugin `fazhi-html`: page bodies the generator wrote as HTML are
not converted again.

A generated page may carry, after its Markdown, the line HTML_MARKER and then
HTML that is final: escaped by the generator (render.html_text), its links
already site URLs, its headings already with their ids and permalinks. MkDocs
converts the Markdown before the marker as usual (links checked and made
URLs, headings into the table of contents) and this plugin appends the HTML
after it untouched. The headings of the HTML part enter the page's table of
contents from the frontmatter's `toc`: [[level, id, title as HTML], …].

Why: Python-Markdown read the raw-HTML paragraphs of every report page with
the standard library's HTML parser, and walked every inline pattern over
them, to give back the same HTML: 52 of the 96 seconds of a 1,000-report
build, and the largest single cost of a 10,000-report one.
"""
from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin
from mkdocs.structure.toc import TableOfContents, get_toc

HTML_MARKER = "<!--fazhi:html-->"
ID = re.compile(r'\sid="([^"]+)"')


def toc_tokens(entries: list) -> list[dict]:
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


class PrerenderedPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._html: dict[str, str] = {}

    def on_page_markdown(self, markdown: str, page, **kwargs) -> str:
        head, marker, tail = markdown.partition(HTML_MARKER)
        if marker:
            self._html[page.file.src_uri] = tail
        return head

    def on_page_content(self, html: str, page, **kwargs) -> str:
        tail = self._html.pop(page.file.src_uri, None)
        if tail is None:
            return html
        # MkDocs checks links to anchors against the ids it found: add the HTML part's
        page.present_anchor_ids = (page.present_anchor_ids or set()) | set(ID.findall(tail))
        entries = page.meta.get("toc")
        if entries:
            extra = get_toc(toc_tokens(entries))
            page.toc = TableOfContents(list(page.toc) + list(extra)) if len(page.toc) else extra
        return html + tail
