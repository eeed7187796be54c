"""A Word document (.docx) -> the report's lines and tables.

Read with python-docx (lxml underneath, entities never resolved, no network):
the body's paragraphs and tables in document order; each paragraph is a line
(numbered by its place among the body's blocks), a paragraph in a heading
style (Heading 1-9, 标题 1-9, Title) is a line like any other, since the
heading ladder (一、（一）1.) is what the later stages read, and its style is
noted. Tables of data stay tables; a table that holds the text itself (one
column, or long cells: some offices lay the whole report in a one-cell
table) is read as lines. Headers, footers, comments and text boxes are not
read: running heads and page numbers never reach the text.

Checked before python-docx opens it: the ZIP's entries, their total
uncompressed size and compression ratios (a zip bomb is refused from its
directory, before anything is inflated), and no part may declare a DTD
(OOXML never does; entity tricks need one). A legacy .doc, an encrypted
document (an OLE container, not a ZIP) or a damaged file is one error line.
"""
from __future__ import annotations

import io
import zipfile

from generator.read.decode import extracted
from generator.read.formats.base import Extracted, numbered_text, refuse
from generator.records import Diagnostic, Markup, Source, Table

MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED = 100 << 20  # a 300-page report with pictures is about 30 MB inflated
MAX_RATIO = 200  # XML compresses about 10:1; a bomb compresses thousands to one
MAX_PARAGRAPHS = 50_000
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LONG_CELL = 200


class DocxReader:
    format: str = "docx"
    extensions: tuple[str, ...] = (".docx",)

    def read(self, source: Source) -> Extracted:
        _check_container(source)
        import docx  # python-docx: imported here, only builds with Word files pay for it
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        try:
            document = docx.Document(io.BytesIO(source.raw))
        except Exception as exc:  # python-docx raises many kinds for a damaged package
            raise refuse(source, (
                f"is not a Word document that can be read ({type(exc).__name__}: {exc}); open it in Word, WPS or "
                "LibreOffice and save it again as .docx, or paste its text into a .txt file")) from None
        lines: list[tuple[int, str]] = []
        tables: list[Table] = []
        headings = 0
        number = 0
        headline: tuple[int, str] | None = None
        try:
            blocks = list(document.iter_inner_content())
        except Exception as exc:  # a damaged body python-docx cannot walk
            raise refuse(source, (
                f"is a Word document whose body cannot be read ({type(exc).__name__}: {exc}); save it again from "
                "Word, WPS or LibreOffice, or paste its text into a .txt file")) from None
        for block in blocks:
            number += 1
            if number > MAX_PARAGRAPHS:
                raise refuse(source, f"has more than {MAX_PARAGRAPHS:,} paragraphs; no report is that long: check the file")
            if isinstance(block, DocxParagraph):
                text = _text(block.text)
                if text:
                    lines.append((number, text))
                    style = (block.style.name if block.style is not None else "") or ""
                    headings += style.lower().startswith(("heading", "title")) or style.startswith("标题")
                    if len(lines) == 1 and (style.lower() == "title" or style == "标题"):
                        headline = (number, text)  # the document's first line, in the Title style
            elif isinstance(block, DocxTable):
                rows = _rows(block)
                if _is_data(rows):
                    tables.append(Table(number, tuple(tuple(r) for r in rows), 1))
                else:
                    for row in rows:
                        for cell in dict.fromkeys(row):  # a merged cell repeats: read it once
                            for piece in cell.split("\n"):
                                if piece.strip():
                                    number += 1
                                    lines.append((number, _text(piece)))
        diagnostics = []
        if headings:
            diagnostics.append(Diagnostic("docx-headings", "Word 文件中按标题样式排版的段落按其编号层级读取", headings))
        values = (("headline", headline[1], "Word 文件中“标题”样式的首段"),) if headline else ()
        markup = Markup("docx", values=values, tables=tuple(tables), headline=headline[0] if headline else None,
                        diagnostics=tuple(diagnostics))
        return Extracted(extracted(source, numbered_text(lines), "utf-8"), markup)


def _check_container(source: Source) -> None:
    raw = source.raw
    if raw.startswith(OLE):
        raise refuse(source, (
            "is a Word 97-2003 (.doc) file or an encrypted document saved with a .docx name; open it in Word, WPS "
            "or LibreOffice, remove any password and save it as .docx, or paste its text into a .txt file"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise refuse(source, (
            f"is not a readable .docx (a .docx is a ZIP package: {exc}); the file is damaged or is not a Word "
            "document: save it again from Word, WPS or LibreOffice")) from None
    if len(infos) > MAX_ENTRIES:
        raise refuse(source, f"is a ZIP package of {len(infos):,} parts (a Word document has a few dozen); check the file")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise refuse(source, (
            f"would inflate to {total >> 20} MB (at most {MAX_UNCOMPRESSED >> 20} MB are read); a zip bomb or a "
            "document full of pictures: save a copy without pictures, or paste its text into a .txt file"))
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise refuse(source, "is a ZIP package but not a Word document (no word/document.xml); check the file")
    for info in infos:
        if info.flag_bits & 0x1:
            raise refuse(source, "is encrypted; save an unprotected copy from Word or WPS, or paste its text into a .txt file")
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refuse(source, (
                f"has a part ({info.filename}) compressed {info.file_size // max(info.compress_size, 1):,} to 1, as zip "
                "bombs are; it is not read: check the file"))
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                head = part.read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise refuse(source, (
                    f"declares a DTD in {info.filename}, which Word never writes (XML entity tricks need one); "
                    "save the document again from Word, WPS or LibreOffice"))


def _text(text: str) -> str:
    return " ".join(text.replace("\t", " ").split()) if "\n" not in text else " ".join(text.split())


def _rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        rows.append([cell.text.strip() for cell in row.cells])
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def _is_data(rows: list[list[str]]) -> bool:
    """A table of data: two rows and two columns or more, short cells."""
    return (len(rows) >= 2 and len(rows[0]) >= 2
            and all(len(cell) <= LONG_CELL and cell.count("\n") <= 2 for row in rows for cell in row))
