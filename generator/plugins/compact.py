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

Then every page is made smaller by two rules of the HTML standard
(minify): a line break between two tags goes where one of them is a
block-level element's (white space there is never drawn: a block's line
starts and ends without it, and no page's styles make those elements
inline), and an end tag the
standard lets a page omit is omitted where what follows it is the very
tag that closes the element anyway (</li> before <li> or </ul>, </p>
before a block or its parent's end, </td> before <td> or </tr>, …,
"Optional tags" in the standard's HTML syntax). The parser builds the same
elements with the same text; only the white space nodes between blocks are
gone. 0.09 × the text at 1,000 varied reports (benchmarks/RESULTS.md,
eleventh session).

Written here rather than taken from a minifier: minify-html (0.18, the fast
one) also unquotes and reorders attributes, drops default ones
(type="submit", method="get") and removes the space between two inline
elements in a block that holds no text of its own (<div><a>1</a> <a>2</a>
shows "12"), which changes what readers see and what scripts and tests
select on. Attribute quotes stay: 0.03 × the text, and every attribute a
script or a test reads is written as the templates write it.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
INDENT = re.compile(r"[ \t]*\n[ \t\n\r\f]*")  # HTML's white space: U+3000 and NBSP are drawn
UNUSED = re.compile(r"assets/javascripts/(lunr|workers)/|assets/.*\.map$")
# Parts of Material's frame no page of this site uses, left out of every
# page: the empty announcement bar and the dialog Material's script shows
# alerts in (a code block's copy button, a feature not enabled; the report
# page's citation says it was copied itself). Material's script looks for
# both as components it may find none of. 150 bytes a page.
UNUSED_PARTS = re.compile(r'<div data-md-component="announce">\n</div>\n'
                          r'|<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n')


def _outside_kept(html: str, edit: Callable[[str], str]) -> str:
    """html with edit applied to the text between its <pre>, <textarea>,
    <script> and <style> elements, which are kept exactly."""
    pieces = KEEP.split(html)
    out = []
    for n, piece in enumerate(pieces):
        kind = n % 3  # split() gives text, the kept element, its tag name, text, …
        if kind == 0:
            out.append(edit(piece))
        elif kind == 1:
            out.append(piece)
    return "".join(out)


def _compact(text: str) -> str:
    return INDENT.sub("\n", text)


def compact(html: str) -> str:
    """html with every run of white space that holds a line break made one line break."""
    return _outside_kept(html, _compact)


# Elements the browser draws as blocks (or table parts, or not at all) and
# no stylesheet of this site makes inline: white space next to one of their
# tags (before or after, start or end tag) starts or ends a line and is not
# drawn.
BLOCK = frozenset("html head body meta link title base div p ul ol li dl dt dd table caption thead tbody tfoot tr td th "
                  "colgroup col section article nav header footer main aside h1 h2 h3 h4 h5 h6 form fieldset legend "
                  "figure figcaption details summary blockquote address hr".split())
# HTML's own white space only (Python's \s also takes U+3000 and NBSP, which a browser draws).
BETWEEN = re.compile(r"(<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>)[ \t\n\r\f]+(?=</?([a-zA-Z][a-zA-Z0-9]*)\b)")
# An end tag and what must follow it at once for the standard to let it be
# omitted ("Optional tags"): the next sibling's start tag, or the end tag of
# its parent (for </p>, a parent that is not a, audio, del, ins, map,
# noscript or video; the parents this site writes are listed).
_P_NEXT = ("address|article|aside|blockquote|details|dialog|div|dl|fieldset|figcaption|figure|footer|form|h[1-6]"
           "|header|hgroup|hr|main|menu|nav|ol|p|pre|search|section|table|ul")
_P_PARENT = "body|div|section|article|aside|nav|header|footer|main|li|dd|td|th|blockquote|details|form|figure|figcaption|fieldset"
OPTIONAL_END = re.compile(
    r"</li>(?=<li[\s>]|</(?:ul|ol|menu)>)"
    r"|</dt>(?=<d[td][\s>])"
    r"|</dd>(?=<d[td][\s>]|</(?:dl|div)>)"
    rf"|</p>(?=<(?:{_P_NEXT})[\s>/]|</(?:{_P_PARENT})>)"
    r"|</t[dh]>(?=<t[dh][\s>]|</tr>)"
    r"|</tr>(?=<tr[\s>]|</(?:tbody|thead|tfoot|table)>)"
    r"|</thead>(?=<t(?:body|foot)[\s>])"
    r"|</tbody>(?=<t(?:body|foot)[\s>]|</table>)")


def _between(match: re.Match) -> str:
    tag, name, after = match.group(1), match.group(3).lower(), match.group(4).lower()
    return tag if name in BLOCK or after in BLOCK else match.group(0)


def _minified(compacted: str) -> str:
    return OPTIONAL_END.sub("", BETWEEN.sub(_between, compacted))


def _minify(text: str) -> str:
    return _minified(_compact(text))


def minify(html: str) -> str:
    """html made compact, then without the white space between two block
    tags and without the end tags the standard lets a page omit there.
    <pre>, <textarea>, <script> and <style> keep their text exactly."""
    return _outside_kept(html, _minify)


def _page(text: str) -> str:
    """A rendered page's text outside kept elements: compact, without the
    unused parts of Material's frame (matched as compact writes them), minified."""
    return _minified(UNUSED_PARTS.sub("", _compact(text)))


def unused(path: str) -> bool:
    """Whether path (relative to the site, with /) is one of the theme's files no page uses."""
    return bool(UNUSED.match(path))


class CompactPlugin(BasePlugin):
    def on_files(self, files: Files, **kwargs) -> Files:
        for file in [f for f in files if not f.is_documentation_page() and unused(f.dest_uri)]:
            files.remove(file)
        return files

    def on_post_page(self, output: str, **kwargs) -> str:
        return _outside_kept(output, _page)  # one pass over the page (it was split and compacted twice)
