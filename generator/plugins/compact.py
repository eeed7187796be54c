"""MkDocs plugin `fazhi-compact`: the indentation of every rendered page, out.

Material's templates indent their markup; on a report page that is about a
tenth of the file, on every page of a site that must stay under GitHub Pages'
1 GB at 10,000 reports. Each run of white space that holds a line break
becomes one line break: HTML renders any run of white space between words as
one space, and a line break is white space, so pages look and read the same.
Only <pre>, <textarea>, <script> and <style> keep their text exactly.

It also leaves out the files of Material's theme that no page uses: its own
search (lunr's language files and the search worker; search here is
Pagefind) and the source maps of its script and styles, which only a
developer's tools read: 2.2 MB on every site, a sixth of the text of 1,000
reports.

Written here rather than taken from a minifier: minify-html (the fast one)
also unquotes attributes and drops default ones (type="submit"), which
changes the markup that scripts, tests and readers' tools select on; only
white space is wanted.
"""
from __future__ import annotations

import re

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
INDENT = re.compile(r"[ \t]*\n\s*")
UNUSED = re.compile(r"assets/javascripts/(lunr|workers)/|assets/.*\.map$")
# Parts of Material's frame no page of this site uses, left out of every
# page: the empty announcement bar and the dialog Material's script shows
# alerts in (a code block's copy button, a feature not enabled; the report
# page's citation says it was copied itself). Material's script looks for
# both as components it may find none of. 150 bytes a page.
UNUSED_PARTS = re.compile(r'<div data-md-component="announce">\n</div>\n'
                          r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n')


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


def unused(path: str) -> bool:
    """Whether path (relative to the site, with /) is one of the theme's files no page uses."""
    return bool(UNUSED.match(path))


class CompactPlugin(BasePlugin):
    def on_files(self, files: Files, **kwargs) -> Files:
        for file in [f for f in files if not f.is_documentation_page() and unused(f.dest_uri)]:
            files.remove(file)
        return files

    def on_post_page(self, output: str, **kwargs) -> str:
        return UNUSED_PARTS.sub("", compact(output))
