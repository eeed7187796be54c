"""A saved web page (.html, .htm) -> the report's lines and what the markup states.

Read with lxml (libxml2's HTML parser: tolerant of the broken markup of old
CMS templates, source line numbers for every element, no network access and
no entity expansion). Nothing the page references is fetched: images, frames,
styles and scripts are never opened, and a browser's ``<slug>_files/`` folder
beside the page is not read.

What the structure states outright, each value with the element it came from:

- ``<meta>`` tags of the national website norms: ArticleTitle, PubDate,
  ContentSource, SiteName, ColumnName, Url (and Author); the canonical link,
  og:url, or the browser's ``<!-- saved from url=(…)… -->`` comment as the
  page's address (http and https only);
- the headline element (h1/h2 or a title-classed block matching the page's
  title or ArticleTitle);
- the disclosure index table (索引号, 发布机构, 成文日期, 文号, 主题分类 …) read as
  key and value cells, in a table, list or run of spans;
- the byline (发布时间：… 来源：…) and the breadcrumb, outside the content;
- the content container: the deepest element of a known CMS family's content
  class or id (TRS_Editor, UCAP-CONTENT, zoom, pages_content, article-content
  …) holding most of the page's text; without one, the block with the most
  text of its own that is not links (a readability-style fallback, with a
  warning). Navigation, related links and footers outside it are never read.

Inside the container, block elements and <br> make lines, hidden elements
(display:none, the hidden attribute) are skipped — they are where injected
spam hides — and data tables are kept as tables (layout tables, which hold
paragraphs or other tables, are read as text).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from generator.read.decode import extracted
from generator.read.formats.base import Extracted, numbered_text, refuse
from generator.read.page import BREADCRUMB_LEAD, NAV_SEP, SITE_NAME, WEEKDAY, iso_date, publication_fields
from generator.records import Diagnostic, Markup, Source, Table

Element = Any  # an lxml element (lxml ships no type information)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_DEPTH = 255  # libxml2 stops building the tree there (and would drop the text below it)
MAX_ELEMENTS = 200_000  # far above any article page (a portal's home page has about 5,000)
MAX_TABLE_CELLS = 5_000
MAX_COLUMNS = 50

# Encodings a page may declare, as Python's codecs name them; GB2312 and GBK
# pages are read as GB18030, their superset (pages declaring GB2312 use GBK characters).
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
             "big5": "big5hkscs", "big5-hkscs": "big5hkscs"}
SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# Meta tags of the national government website norms (name -> our key).
META = {"articletitle": "title", "pubdate": "published", "contentsource": "source", "sitename": "site",
        "columnname": "column", "url": "source_url", "author": "author"}

DROP = {"script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "template", "svg",
        "canvas", "button", "input", "select", "option", "textarea", "map", "audio", "video", "head"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "table", "section", "article",
         "header", "footer", "aside", "main", "blockquote", "pre", "center", "ul", "ol", "dl", "form", "address",
         "figure", "figcaption", "caption", "tbody", "thead", "tfoot", "hr", "td", "th", "title", "body"}
CONTAINER_BLOCKS = {"div", "table", "ul", "ol", "dl", "section", "article", "header", "footer", "aside", "main",
                    "form", "body", "td", "tr", "tbody"}
# Content containers of the CMS families of government sites (class or id, any case).
CONTAINERS = {
    "ucap-content", "trs_editor", "trs_ueditor", "trs_editor_view", "trs_word", "zoom", "fontzoom", "zoomcon",
    "pages_content", "article-content", "article_content", "articlecontent", "art_con", "art-con", "artcon",
    "content", "contents", "con", "main-content", "news_content", "newscontent", "news-content", "wzcon",
    "wz_content", "zw", "zwnr", "zhengwen", "detail-content", "detail_content", "detailcontent", "bt_content",
    "contenttext", "content-text", "content_text", "context", "maintext", "info_content", "info-content",
    "xxgk_content", "xxgk-content", "nr", "view", "article-body", "articlebody", "text", "txt", "ccontent",
}
HEADLINE_CLASS = re.compile(r"(?:^|[-_])(?:title|tit|bt|headline|biaoti|article-title|art_title)(?:$|[-_\d])", re.I)
CRUMB_CLASS = re.compile(r"crumb|position|location|dqwz|currentpath|path", re.I)
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# Keys of a disclosure index table (spaces inside a key are allowed: 索 引 号).
INDEX_KEYS = {
    "索引号": "index_no", "主题分类": "topic", "发布机构": "publisher", "发文机关": "publisher",
    "发文单位": "publisher", "成文日期": "written", "生成日期": "written", "发文日期": "written",
    "印发日期": "written", "发布日期": "published", "文号": "doc_number", "发文字号": "doc_number",
    "名称": "index_title", "标题": "index_title", "有效性": "validity", "主题词": "keywords", "来源": "source",
    "体裁分类": "genre", "公开方式": "openness",
}
INDEX_KEY = re.compile(
    r"(?:^|(?<=[\s|｜]))(" + "|".join(r"\s*".join(k) for k in sorted(INDEX_KEYS, key=len, reverse=True))
    + r")\s*[:：]?\s*")
STRONG = {"index_no", "publisher", "written", "topic", "doc_number"}


@dataclass
class _Walk:
    """Lines taken out of the container, numbered by source line."""

    skip: set[Element] = field(default_factory=set)  # elements not to read (headline, index table)
    lines: list[tuple[int, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    at: int = 0  # source line of the current line's first text
    last: int = 0

    def text(self, text: str | None, line: int) -> None:
        if text:
            if not self.buffer:
                self.at = line
            self.buffer.append(text)

    def flush(self) -> None:
        text = _squash("".join(self.buffer))
        self.buffer.clear()
        if text:
            self.last = max(self.at, self.last + 1)
            self.lines.append((self.last, text))


class HtmlReader:
    format: str = "html"
    extensions: tuple[str, ...] = (".html", ".htm")

    def read(self, source: Source) -> Extracted:
        text, encoding, diagnostics = _decode(source)
        doc = _parse(source, text)
        values: list[tuple[str, str, str]] = []

        def put(key: str, value: str | None, where: str) -> None:
            value = _squash(value or "")
            if key in ("published", "written"):
                value = iso_date(value) or ""
            if value and not any(k == key for k, _, _ in values):
                values.append((key, value, where))

        for meta in doc.iter("meta"):
            name = (meta.get("name") or meta.get("property") or "").strip().lower()
            if name in META:
                put(META[name], meta.get("content"), f'<meta name="{meta.get("name") or name}">')
        for link in doc.iter("link"):
            if "canonical" in (link.get("rel") or "").lower().split():
                put("source_url", _url(link.get("href")), '<link rel="canonical">')
        for meta in doc.iter("meta"):
            if (meta.get("property") or "").lower() == "og:url":
                put("source_url", _url(meta.get("content")), '<meta property="og:url">')
        if m := SAVED_FROM.search(text[:4096]):
            put("source_url", _url(m.group(1)), "浏览器保存网页时记下的地址（saved from url）")
        values = [(k, v, w) for k, v, w in values if k != "source_url" or _url(v)]
        page_title = next((_squash(t.text_content()) for t in doc.iter("title")), "")

        for element in list(doc.iter(*DROP)) + [e for e in doc.iter() if _hidden(e)]:
            if element.getparent() is not None:
                element.drop_tree()
        container, found_by = _container(doc)
        if container is None:
            raise refuse(source, "is a web page with no text in its body (perhaps the report is a picture or is "
                                 "loaded by a script); find the page's text or the report's PDF or Word file")
        if found_by == "density":
            diagnostics.append(Diagnostic(
                "html-container-guessed", "网页中没有常见的正文容器，按文字密度选取正文区域，请核对正文首尾", 1, "warning"))

        index = _index_table(doc)
        for key, value in index.items():
            if key != "element":
                put(key, value, "信息公开索引表")

        headline = _headline(doc, container, page_title, next((v for k, v, _ in values if k == "title"), ""))
        if headline is not None and (headline is container or _within(container, headline)):
            headline = None  # a "title" block holding the content itself is no headline
        if headline is not None:
            put("headline", _squash(headline.text_content()), f"<{headline.tag}> 标题元素")
        if page_title:
            put("page_title", page_title, "<title>")
        outside = [e for e in doc.iter() if not _within(e, container)]
        for key, value, where in _byline(outside, index):
            put(key, value, where)
        put("site", _banner(outside), "页首的网站名称")

        walk = _Walk(skip={index.get("element")} if index.get("element") is not None else set())
        headline_line = None
        if headline is not None:  # the first line; inside the container it is not read twice
            walk.skip.add(headline)
            walk.text(_squash(headline.text_content()), headline.sourceline or 1)
            walk.flush()
            headline_line = walk.last
        walk.text(container.text, container.sourceline or walk.last)  # text before the container's first child
        _walk(container, walk)
        walk.flush()
        left_out = sum(1 for e in outside if e.tag in BLOCK and _own_han(e))
        if left_out:
            diagnostics.insert(0, Diagnostic(
                "html-frame", "网页正文区域之外的部分（导航、栏目、相关链接、页脚等）未读入", left_out))
        markup = Markup("html", values=tuple(values), tables=tuple(walk.tables), headline=headline_line,
                        diagnostics=tuple(diagnostics))
        return Extracted(extracted(source, numbered_text(walk.lines), encoding), markup)


# --- bytes -> tree -------------------------------------------------------------------


def _decode(source: Source) -> tuple[str, str, list[Diagnostic]]:
    raw = source.raw
    diagnostics: list[Diagnostic] = []
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace"), "utf-8", diagnostics
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if raw.startswith(bom):
            return raw.decode("utf-16", "replace"), "utf-16", diagnostics
    declared = None
    if m := CHARSET.search(raw[:8192]):
        declared = m.group(1).decode("ascii", "replace").lower()
    encoding = SUPERSETS.get(declared or "", declared or "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "utf-8"
    try:
        return raw.decode(encoding), encoding.replace("_", "-"), diagnostics
    except UnicodeDecodeError:
        pass
    if declared is None:  # undeclared and not UTF-8: the Chinese legacy encoding
        try:
            return raw.decode("gb18030"), "gb18030", diagnostics
        except UnicodeDecodeError:
            encoding = "gb18030"
    text = raw.decode(encoding, "replace")
    bad = text.count("\ufffd") - raw.decode(encoding, "ignore").count("\ufffd")
    if bad > max(3, len(text) // 100):
        raise refuse(source, (
            f"is a web page whose bytes are not valid {declared or encoding} ({bad} places); the page declares the "
            "wrong charset: save it again from the browser, or fix its <meta charset>"))
    diagnostics.append(Diagnostic("html-bad-bytes", f"网页中有 {bad} 处字节不符合其声明的编码，以“□”标出", bad, "warning", own=True))
    return text, encoding.replace("_", "-"), diagnostics


def _parse(source: Source, text: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False,
                                  collect_ids=False)
    try:
        doc = lxml.html.document_fromstring(XML_DECLARATION.sub("", text), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise refuse(source, f"is not a web page that can be read ({exc}); save the page again from the browser") from None
    if any("depth" in str(e.message).lower() for e in parser.error_log):
        raise refuse(source, (
            f"is a web page nested more than {MAX_DEPTH} elements deep, which no article page is; "
            "it is damaged or hostile: save the page again from the browser, or paste its text into a .txt file"))
    count = sum(1 for _ in doc.iter())
    if count > MAX_ELEMENTS:
        raise refuse(source, (
            f"is a web page of {count:,} elements (at most {MAX_ELEMENTS:,} are read); save the article page "
            "itself, not a listing or a whole site"))
    return doc


def _url(value: str | None) -> str | None:
    """An absolute http(s) address, or None (javascript:, data:, relative paths never become links)."""
    value = (value or "").strip()
    if not value or any(ch.isspace() or ord(ch) < 32 for ch in value) or len(value) > 2000:
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


# --- where things are -----------------------------------------------------------------


def _squash(text: str) -> str:
    """White space as a browser shows it: runs become one space, and a line
    break between two Chinese characters disappears."""
    text = re.sub(r"(?<=[\u3400-\u9fff，。；：、）])[ \t\r\n]*\n[ \t\r\n]*(?=[\u3400-\u9fff，。；：、（])", "", text)
    return re.sub(r"[ \t\r\n\f]+", " ", text).strip()


def _hidden(element: Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    return element.get("hidden") is not None or bool(HIDDEN.search(element.get("style") or ""))


def _tokens(element: Element) -> set[str]:
    return {t.lower() for t in ((element.get("class") or "").split() + [element.get("id") or ""]) if t}


def _han(text: str) -> int:
    return len(HAN.findall(text))


def _own_han(element: Element) -> int:
    return _han((element.text or "") + "".join(c.tail or "" for c in element))


def _within(element: Element | None, ancestor: Element) -> bool:
    while element is not None:
        if element is ancestor:
            return True
        element = element.getparent()
    return False


def _link_han(element: Element) -> int:
    return sum(_han(a.text_content()) for a in element.iter("a"))


def _container(doc: Element) -> tuple[Element | None, str]:
    """(element, how it was found): a known container holding most of the text, else by density."""
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        if (element.tag == "article" or _tokens(element) & CONTAINERS) and element.tag not in ("body", "html"):
            han = _han(element.text_content())
            if han >= 20 and _link_han(element) < han / 2:
                found.append((element, han))
    if found:
        best = max(han for _, han in found)
        near = [e for e, han in found if han >= 0.7 * best]
        return max(near, key=lambda e: sum(1 for _ in e.iterancestors())), "container"
    # Density (as readability scores a page): each block's own text that is not
    # links (its text and inline children's, not its sub-blocks') counts in full
    # for its parent and half for its grandparent; the highest-scoring block wins.
    own: dict = {}
    scores: dict = {}
    for element in reversed(list(doc.iter())):
        if not isinstance(element.tag, str):
            continue
        text = 0 if element.tag == "a" else _han(element.text or "")
        for child in element:
            text += _han(child.tail or "")
            if isinstance(child.tag, str) and child.tag not in BLOCK and child.tag != "a":
                text += own.get(child, 0)
        own[element] = text
        if element.tag in BLOCK and text >= 10:
            parent = element.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0) + text
                grandparent = parent.getparent()
                if grandparent is not None:
                    scores[grandparent] = scores.get(grandparent, 0) + text / 2
    if not scores or max(scores.values()) < 20:
        return None, ""
    return max(scores, key=lambda e: scores[e]), "density"


def _headline(doc: Element, container: Element, page_title: str, article_title: str) -> Element | None:
    """The element that prints the article's title."""
    wanted = [_squash(t) for t in (article_title, page_title) if t]
    candidates = []
    for element in doc.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong"):
        if element.tag not in ("h1", "h2", "h3") and not any(HEADLINE_CLASS.search(t) for t in _tokens(element)):
            continue
        text = _squash(element.text_content())
        if 4 <= _han(text) and len(text) <= 150:
            candidates.append((element, text))
    for element, text in candidates:  # the one the page's title or ArticleTitle names
        if any(w == text or (w.startswith(text) and len(text) >= 8) for w in wanted):
            return element
    for element, _ in candidates:
        if element.tag == "h1":
            return element
    return None


def _index_table(doc: Element) -> dict[str, Any]:
    """The disclosure index table's values (our keys), with the element under 'element'."""
    best = None
    for element in doc.iter("table", "ul", "dl", "div", "tbody"):
        text = element.text_content()
        if len(text) > 1500:
            continue
        keys = {INDEX_KEYS[re.sub(r"\s", "", m.group(1))] for m in INDEX_KEY.finditer(text)}
        strong = len(keys & STRONG)
        if strong >= 2 and (best is None or strong > best[1] or (strong == best[1] and len(text) < best[2])):
            best = (element, strong, len(text))
    if best is None:
        return {}
    tokens = [_squash(t) for t in best[0].itertext()]
    tokens = [t for t in tokens if t]
    values: dict = {"element": best[0]}
    pending = None
    for token in tokens:
        pieces = INDEX_KEY.split(token.strip("[]【】 "))  # ['', key, value, key, value …]
        if len(pieces) == 1:
            if pending and pending not in values:
                values[pending] = token
            pending = None
            continue
        for key, value in zip(pieces[1::2], pieces[2::2]):
            name = INDEX_KEYS[re.sub(r"\s", "", key)]
            value = value.strip(" ：:|｜[]【】")
            if value:
                values.setdefault(name, value)
                pending = None
            else:
                pending = name
    return values


def _byline(outside: list[Element], index: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Publication line and breadcrumb printed outside the content."""
    out: list[tuple[str, str, str]] = []
    element_of_index = index.get("element")
    for element in outside:
        if not isinstance(element.tag, str) or element.tag not in BLOCK or (
                element_of_index is not None and _within(element, element_of_index)):
            continue
        if any(child.tag in CONTAINER_BLOCKS for child in element):
            continue
        text = _squash(element.text_content())
        if not text or len(text) > 200:
            continue
        if BREADCRUMB_LEAD.search(text) or any(CRUMB_CLASS.search(t) for t in _tokens(element)):
            crumbs = [p for p in NAV_SEP.split(BREADCRUMB_LEAD.sub("", text)) if p]
            if crumbs:
                out.append(("crumbs", " > ".join(crumbs), "导航路径（面包屑）"))
            continue
        fields = publication_fields(text)
        if not fields:
            continue
        for key, value in fields.items():
            if not value:
                continue
            if re.search(r"日期|时间|发布", key) and (iso := iso_date(value)):
                out.append(("published", iso, "文章发布信息栏"))
            elif key in ("来源", "信息来源", "文章来源", "稿件来源", "出处", "供稿"):
                out.append(("source", value.split()[0], "文章发布信息栏"))
            elif key in ("作者", "撰稿"):
                out.append(("author", value.split()[0], "文章发布信息栏"))
    return out


def _banner(outside: list[Element]) -> str | None:
    """The site's name printed first on the page (湄潭县人民政府门户网站), a place clue."""
    for element in outside:
        if not isinstance(element.tag, str) or element.tag in ("html", "body") or any(
                isinstance(c.tag, str) and c.tag in CONTAINER_BLOCKS for c in element):
            continue
        text = _squash(element.text_content())
        if not text:
            continue
        head = re.split(r"\s*[|｜]\s*|\s+", text)[0]
        return head if SITE_NAME.search(head) and not WEEKDAY.search(head) and len(head) <= 24 else None
    return None


# --- the container's text --------------------------------------------------------------


def _walk(element: Element, walk: _Walk) -> None:
    for child in element:
        if child in walk.skip or not isinstance(child.tag, str):
            walk.text(child.tail, child.sourceline or walk.last)
            continue
        tag = child.tag
        if tag == "br":
            walk.flush()
        elif tag == "table" and (table := _data_table(child)) is not None:
            walk.flush()
            walk.last += 1
            walk.tables.append(Table(walk.last, *table))
        elif tag in BLOCK:
            walk.flush()
            walk.text(child.text, child.sourceline or walk.last)
            _walk(child, walk)
            walk.flush()
        else:
            walk.text(child.text, child.sourceline or walk.last)
            _walk(child, walk)
        walk.text(child.tail, child.sourceline or walk.last)


def _data_table(table: Element) -> tuple[tuple[tuple[str, ...], ...], int, str] | None:
    """(rows, header rows, caption) of a table of data; None for a layout table
    (one holding other tables, paragraphs or long text, or a single column)."""
    if any(True for _ in table.iter("table") if _ is not table):
        return None
    rows_el = [tr for tr in table.iter("tr")]
    cells = [c for tr in rows_el for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(rows_el) < 2 or len(cells) > MAX_TABLE_CELLS:
        return None
    if any(len(_squash(c.text_content())) > 200 or sum(1 for _ in c.iter("p", "div")) > 2 for c in cells):
        return None
    grid: list[list[str]] = []
    spans: dict[tuple[int, int], str] = {}  # (row, column) filled by a rowspan above
    for r, tr in enumerate(rows_el):
        row: list[str] = []
        col = 0
        for cell in (c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")):
            while (r, col) in spans:
                row.append(spans.pop((r, col)))
                col += 1
            text = _squash(" ".join(cell.itertext()))
            colspan = min(_int(cell.get("colspan")), MAX_COLUMNS)
            rowspan = min(_int(cell.get("rowspan")), len(rows_el))
            for k in range(colspan):
                row.append(text)
                for down in range(1, rowspan):
                    spans[(r + down, col + k)] = text
            col += colspan
        while (r, col) in spans:
            row.append(spans.pop((r, col)))
            col += 1
        grid.append(row[:MAX_COLUMNS])
    width = max(len(row) for row in grid)
    if width < 2:
        return None
    grid = [row + [""] * (width - len(row)) for row in grid if any(row)]
    head = sum(1 for tr in table.iter("tr") if tr.getparent() is not None and tr.getparent().tag == "thead")
    if not head:
        head = 0
        for tr in rows_el:
            cells_ = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if cells_ and all(c.tag == "th" for c in cells_):
                head += 1
            else:
                break
    caption = next((_squash(c.text_content()) for c in table.iter("caption")), "")
    return tuple(tuple(row) for row in grid), head or 1, caption


def _int(value: str | None) -> int:
    try:
        return max(1, int(str(value).strip()))
    except ValueError:
        return 1
