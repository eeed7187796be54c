"""A PDF with a text layer -> the report's paragraphs, tables and headline.

Read with pdfplumber (pdfminer.six underneath: characters with their
positions, fonts and sizes, and ruled tables found from the page's lines).

- Running heads and feet: a line in the top or bottom 7% of a page that
  recurs (digits aside) on at least half of the pages (in a document of up
  to three pages: any short line there without a clause), and page numbers
  there (`— 3 —`, `- 3 -`, `第 3 页 共 12 页`, `3/12`, a bare 3) are removed;
  each is listed in the report's cleaning record with why.
- Paragraphs: an office PDF indents a paragraph's first line by two
  characters and fills each line to the right margin; a line that starts
  indented, or that follows a line ending a sentence (。：；！？) four characters
  or more short of the margin, or that opens
  with a heading number (一、（一）), starts a paragraph, every other line
  continues the one before (across a page break too). Lines are joined with
  no space between Chinese characters.
- Headline: the lines of the first page in a font clearly larger than the
  body's, joined (a long title wraps onto two lines).
- Tables: ruled tables are taken out as tables (their text is not read as
  lines), placed where they stand on the page.

A PDF that needs a password, one with no text layer (a scan: pictures of
pages) or more than MAX_PAGES pages is refused with what to do.
"""
from __future__ import annotations

import io
import re
import statistics
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.read.decode import extracted
from generator.read.formats.base import Extracted, numbered_text, refuse
from generator.records import Diagnostic, Markup, Source, Table

MAX_PAGES = 300  # the longest reports run to about 40 pages
MAX_INFLATED = 200 << 20  # text streams inflated: a 40-page report's are about 1 MB
STREAM = re.compile(rb"stream\r?\n")
IMAGE = re.compile(rb"/Subtype\s*/Image")
EDGE = 0.07  # top and bottom share of a page where running heads and page numbers sit
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─\s]*\d{1,4}[-—–－─\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$")
HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分)")
CLAUSE = re.compile(r"[，。；：！？]")
FINAL = re.compile(r"[。！？：；…”』）)]$")


@dataclass
class _Line:
    page: int
    number: int  # running count of the document's lines
    text: str
    x0: float
    x1: float
    top: float
    size: float


class PdfReader:
    format: str = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def read(self, source: Source) -> Extracted:
        import pdfplumber  # imported here: only builds with PDFs pay for it

        if (inflated := _inflated(source.raw, MAX_INFLATED)) > MAX_INFLATED:
            raise refuse(source, (
                f"is a PDF whose text streams inflate past {MAX_INFLATED >> 20} MB (a decompression bomb, or not a "
                "report); it is not read: check the file, or paste the report's text into a .txt file"))
        del inflated

        try:
            pdf = pdfplumber.open(io.BytesIO(source.raw))
        except Exception as exc:  # pdfminer raises many kinds for damaged or protected files
            raise _unreadable(source, exc) from None
        with pdf:
            try:
                pages = pdf.pages
            except Exception as exc:
                raise _unreadable(source, exc) from None
            if len(pages) > MAX_PAGES:
                raise refuse(source, (
                    f"has {len(pages)} pages (at most {MAX_PAGES} are read); a report is far shorter: check that "
                    "this is the report and not a collection"))
            lines, tables, images, count = [], [], 0, 0
            for n, page in enumerate(pages, start=1):
                try:
                    found = page.find_tables()
                    boxes = [t.bbox for t in found]
                    for t in found:
                        rows = [[_cell(c) for c in row] for row in t.extract()]
                        rows = [r for r in rows if any(r)]
                        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                            tables.append((n, t.bbox[1], rows))
                    kept = page.filter(_outside(boxes))
                    images += len(page.images)
                    for line in kept.extract_text_lines(return_chars=True):
                        text = " ".join(line["text"].split())
                        if not text:
                            continue
                        count += 1
                        sizes = [c.get("size", 0) for c in line["chars"] if not c["text"].isspace()]
                        lines.append(_Line(n, count, text, line["x0"], line["x1"], line["top"],
                                           statistics.median(sizes) if sizes else 0))
                except Exception as exc:
                    raise _unreadable(source, exc, n) from None
            heights = {n: float(p.height) for n, p in enumerate(pages, start=1)}
        if sum(len(HAN.findall(line.text)) for line in lines) < 20:
            if images:
                raise refuse(source, (
                    "is a scanned PDF: its pages are pictures with no text layer; run text recognition (OCR) on it "
                    "and save a PDF with text, or find the report's text (a web page or Word file)"))
            raise refuse(source, "is a PDF with no text in it; find the report's text (a web page or Word file)")
        removed, body = _running(lines, heights, len(heights))
        headline, paragraphs = _paragraphs(body)
        placed = _place_tables(tables, body, count)
        values = (("headline", paragraphs[0][1], "PDF 首页的大号标题"),) if headline else ()
        markup = Markup("pdf", values=values, tables=tuple(placed), headline=paragraphs[0][0] if headline else None,
                        diagnostics=tuple(_removed_diagnostics(removed)))
        markup = replace(markup, removed=tuple((line.number, line.text, why) for line, why in removed))
        return Extracted(extracted(source, numbered_text(paragraphs), "utf-8"), markup)


def _unreadable(source: Source, exc: Exception, page: int | None = None):
    name = type(exc).__name__
    where = f" (page {page})" if page else ""
    if "Password" in name or "Encrypt" in name or "password" in str(exc).lower():
        return refuse(source, (
            "is a password-protected PDF; save an unprotected copy (print to PDF from a reader that opens it) "
            "or paste its text into a .txt file"))
    return refuse(source, (
        f"is a PDF that cannot be read{where} ({name}: {exc}); it is damaged or not a PDF: download it again, "
        "or paste its text into a .txt file"))


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def _outside(boxes: list) -> Callable[[dict], bool]:
    """A test that an object of the page is outside every table."""
    def test(obj: dict) -> bool:
        return not any(_inside(obj, box) for box in boxes)
    return test


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    cy = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _running(lines: list[_Line], heights: dict[int, float], pages: int) -> tuple[list[tuple[_Line, str]], list[_Line]]:
    """(removed lines with why, the other lines)."""
    def edge(line: _Line) -> bool:
        h = heights[line.page]
        return line.top < h * EDGE or line.top > h * (1 - EDGE)

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s", "", text))

    recurring: dict[str, set[int]] = {}
    for line in lines:
        if edge(line):
            recurring.setdefault(shape(line.text), set()).add(line.page)
    removed, kept = [], []
    for line in lines:
        if edge(line) and PAGE_NUMBER.match(line.text.strip()):
            removed.append((line, "PDF 页码"))
        elif edge(line) and pages >= 2 and (len(recurring[shape(line.text)]) >= max(2, pages // 2) or (
                pages <= 3 and len(line.text) <= 40 and not CLAUSE.search(line.text))):
            # Recurring on half the pages; in a short document (the head is often left off
            # the first page) a short line without a clause in the margin is one too.
            removed.append((line, "PDF 页眉页脚（每页重复的文字）"))
        else:
            kept.append(line)
    return removed, kept


def _paragraphs(lines: list[_Line]) -> tuple[bool, list[tuple[int, str]]]:
    """(whether the first paragraph is a headline, paragraphs as (number of their first line, text))."""
    if not lines:
        return False, []
    body_size = statistics.median(line.size for line in lines)
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    out: list[tuple[int, str]] = []
    headline = False
    i = 0
    # The headline: leading lines of the first page in a clearly larger font.
    head = []
    while i < len(lines) and lines[i].page == lines[0].page and lines[i].size >= body_size * 1.2:
        head.append(lines[i])
        i += 1
    if head:
        out.append((head[0].number, _join([line.text for line in head])))
        headline = True
    current: list[_Line] = []
    for line in lines[i:]:
        size = max(line.size, 1)
        starts = (not current or line.x0 > left + size * 1.2 or HEADING_START.match(line.text)
                  or (current[-1].x1 < right - size * 4 and FINAL.search(current[-1].text)) or abs(line.size - current[-1].size) > 1.5)
        if starts and current:
            out.append((current[0].number, _join([c.text for c in current])))
            current = []
        current.append(line)
    if current:
        out.append((current[0].number, _join([c.text for c in current])))
    return headline, out


def _join(texts: list[str]) -> str:
    """Wrapped lines joined: no space between Chinese characters, one between Latin words."""
    out = texts[0]
    for text in texts[1:]:
        out += (" " if re.search(r"[A-Za-z]$", out) and re.match(r"[A-Za-z]", text) else "") + text
    return out


def _place_tables(tables: list[tuple[int, float, list[list[str]]]], lines: list[_Line], count: int) -> list[Table]:
    """Each table after the last line above it (by page, then position)."""
    placed = []
    for page, top, rows in tables:
        before = [line.number for line in lines if (line.page, line.top) < (page, top)]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        placed.append(Table((before[-1] if before else 0) + 1, tuple(tuple(r) for r in rows), 1))
    return placed


def _removed_diagnostics(removed: list[tuple[_Line, str]]) -> list[Diagnostic]:
    if not removed:
        return []
    return [Diagnostic("pdf-running", "删除 PDF 每页重复的页眉页脚和页码（见清洗记录）", len(removed))]


def _inflated(raw: bytes, cap: int) -> int:
    """How far the PDF's Flate streams other than pictures inflate, counted
    without holding them (each is inflated in pieces and dropped) and stopped
    past cap: pdfminer inflates a content stream whole, so a small file could
    otherwise take all the memory. Pictures are not inflated by the reader."""
    total = 0
    for m in STREAM.finditer(raw):
        if IMAGE.search(raw, max(0, m.start() - 400), m.start()) or b"/FlateDecode" not in raw[max(0, m.start() - 400):m.start()]:
            continue
        end = raw.find(b"endstream", m.end())
        if end < 0:
            break
        inflater = zlib.decompressobj()
        data = raw[m.end():end]
        try:
            while data and total <= cap:
                total += len(inflater.decompress(data, 1 << 20))
                data = inflater.unconsumed_tail
        except zlib.error:
            continue
        if total > cap:
            break
    return total

