"""One reader per input format, chosen by the file's extension.

Every reader takes the publisher's bytes (a ``Source``) and returns the same
record, an ``Extracted``: the report's text as lines (which the stages after
decoding read exactly as they read a .txt file) and the ``Markup``, what the
file's structure states outright (metadata with the element each value came
from, tables). A new format is one new module with a ``Reader`` in
``READERS``; nothing after it changes.

    .txt          text.py   the bytes decoded as today (generator/read/decode.py)
    .html .htm    html.py   a saved web page: meta tags, headline, index table, content container
    .docx         docx.py   paragraphs, heading styles, tables
    .pdf          pdf.py    lines joined into paragraphs, running headers and page numbers removed

Formats that are refused say what to do (``REFUSED``).
"""
from __future__ import annotations

from pathlib import Path

from generator.errors import ContentError, Problem
from generator.read.formats.base import Extracted, Reader
from generator.read.formats.docx import DocxReader
from generator.read.formats.html import HtmlReader
from generator.read.formats.pdf import PdfReader
from generator.read.formats.text import TextReader
from generator.records import Source

READERS: tuple[Reader, ...] = (TextReader(), HtmlReader(), DocxReader(), PdfReader())
BY_EXTENSION: dict[str, Reader] = {ext: reader for reader in READERS for ext in reader.extensions}
EXTENSIONS: tuple[str, ...] = tuple(BY_EXTENSION)

# Files a collector meets that no reader takes, and what to do with each.
CONVERT = "open it in WPS Office or LibreOffice and save it as .docx (or export a PDF with text)"
REFUSED: dict[str, str] = {
    ".doc": f"is a Word 97-2003 document (.doc), which is not read; {CONVERT}, or paste its text into a .txt file",
    ".wps": f"is a WPS document (.wps), which is not read; {CONVERT}, or paste its text into a .txt file",
    ".ofd": ("is an OFD document, which is not read; open it in an OFD reader (数科、福昕), export a PDF with text "
             "or copy the text into a .txt file"),
    ".rtf": f"is an RTF document, which is not read; {CONVERT}, or paste its text into a .txt file",
    ".mht": "is a web archive (.mht), which is not read; save the page again as \"Web page, HTML only\" (.html)",
    ".mhtml": "is a web archive (.mhtml), which is not read; save the page again as \"Web page, HTML only\" (.html)",
    ".xls": "is a spreadsheet; a report is a document: find the report itself (a page, PDF or Word file)",
    ".xlsx": "is a spreadsheet; a report is a document: find the report itself (a page, PDF or Word file)",
    ".jpg": "is a picture; the site publishes a report's text: find the text (a page, PDF with text or Word file)",
    ".jpeg": "is a picture; the site publishes a report's text: find the text (a page, PDF with text or Word file)",
    ".png": "is a picture; the site publishes a report's text: find the text (a page, PDF with text or Word file)",
}


def reader_for(path: Path) -> Reader | None:
    return BY_EXTENSION.get(path.suffix.lower())


def refusal(path: Path) -> Problem | None:
    """Why a file of a known but unread format is refused, or None."""
    message = REFUSED.get(path.suffix.lower())
    return Problem(path, None, message) if message else None


def saved_page_folder(path: Path, stems: set[str], mode: int) -> bool:
    """A browser's folder of a saved page's images, styles and scripts
    (<slug>_files/ or <slug>.files/ beside <slug>.html): left alone, never read."""
    import stat

    if not stat.S_ISDIR(mode):
        return False
    for tail in ("_files", ".files", "_archivos", "-Dateien"):
        if path.name.endswith(tail) and path.name[: -len(tail)] in stems:
            return True
    return False


def extract(source: Source) -> Extracted:
    """The source read by the reader its extension names."""
    reader = reader_for(source.path)
    if reader is None:
        raise ContentError(refusal(source.path) or Problem(source.path, None, (
            f"has no reader; reports are {', '.join(EXTENSIONS)} files")))
    return reader.read(source)


__all__ = ["EXTENSIONS", "READERS", "Extracted", "Reader", "extract", "reader_for", "refusal", "saved_page_folder"]
