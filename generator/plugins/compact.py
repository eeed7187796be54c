"""MkDocs plugin `fazhi-compact`: the indentation of every rendered page, out.

Material's templates indent their markup; on a report page that is about a
tenth of the file, on every page of a site that must stay under GitHub Pages'
1 GB at 10,000 reports. Each run of white space that holds a line break
becomes one line break: HTML renders any run of white space between words as
one space, and a line break is white space, so pages look and read the same.
Only <pre>, <textarea>, <script> and <style> keep their text exactly.

Written here rather than taken from a minifier: minify-html (the fast one)
also unquotes attributes and drops default ones (type="submit"), which
changes the markup that scripts, tests and readers' tools select on; only
white space is wanted.
"""
from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin

KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
INDENT = re.compile(r"[ \t]*\n\s*")


def compact(html: str) -> str:
    """html with every run of white space that holds a line break made one line break."""
    pieces = KEEP.split(html)
    out = []
    for n, piece in enumerate(pieces):
        kind = n % 3  # split() gives text, the kept element, its tag name, text, …
        if kind == 0:
            out.append(INDENT.sub("\n", piece))
        elif kind == 1:
            out.append(piece)
    return "".join(out)


class CompactPlugin(BasePlugin):
    def on_post_page(self, output: str, **kwargs) -> str:
        return compact(output)
