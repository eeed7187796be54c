"""Bytes -> text.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised exactly;
anything else is detected with charset-normalizer, limited to the encodings
Chinese government sites actually use, so a short GBK text is not mistaken for
some Cyrillic code page. A file that is not valid in any of them is an error
naming the line and byte where it goes wrong and the encoding the rest of the
file is in.

Then the text is repaired and judged:

- invisible characters are removed, each kind counted in a diagnostic: zero-
  width spaces and joiners and soft hyphens (行政\u200b复议 must read 行政复议 for
  search and themes), bidirectional controls (U+202E would reverse a title),
  NUL and other control characters;
- a file with no report to publish is refused, saying what was found and what
  to do: documents of other formats (PDF, Word, images), blank files, a
  front-matter block, a pasted HTML page, text with (almost) no Chinese.

Pasted HTML is refused rather than converted: which parts of a page are the
report (and which are menus, footers, related links) is for the publisher to
decide by copying the text from the browser.
"""
from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from html.parser import HTMLParser

from charset_normalizer import from_bytes

from generator.errors import ContentError, Problem
from generator.records import Decoded, Diagnostic, Source

# Encodings worth considering for Chinese report texts, in charset-normalizer's names.
CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]
BOMS = [
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
]
ENCODING_NAMES = {"gb18030": "GBK/GB18030", "big5": "Big5"}
NON_ASCII = bytes(range(0x80, 0x100))

# Files of other formats, by their first bytes.
SIGNATURES = [
    (b"%PDF-", "a PDF document", "give it the extension .pdf (PDFs are read as such)"),
    (b"PK\x03\x04", "a ZIP archive (as .docx, .wps and .xlsx documents are)",
     "if it is a Word document give it the extension .docx (read as such); otherwise open it in its program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word or Excel document in the old .doc/.xls format",
     "open it in its program, copy the report's text"),
    (b"{\\rtf", "an RTF document", "open it in a word processor, copy the report's text"),
    (b"\x89PNG", "a PNG image", "find the report's text (not a picture of it)"),
    (b"\xff\xd8\xff", "a JPEG image", "find the report's text (not a picture of it)"),
    (b"GIF8", "a GIF image", "find the report's text (not a picture of it)"),
]

# --- invisible characters, removed and counted -----------------------------------
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 controls but tab and the line breaks, DEL, C1 controls; form and line
# feeds of other kinds become a space or a line break.
CONTROL = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
BECOMES = {"\x0b": " ", "\x0c": " ", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"}
INVISIBLE = frozenset(ZERO_WIDTH + BIDI + CONTROL + "\u2028\u2029")
REMOVALS = (
    ("zero-width", ZERO_WIDTH, "删除词语中间的零宽字符（零宽空格、零宽连接符、软连字符等），以免检索和主题识别漏掉被隔开的词"),
    ("bidi-controls", BIDI, "删除文字方向控制字符（如 U+202E），它们会使文字的显示顺序与实际不符"),
    ("control-characters", CONTROL + "\u2028\u2029", "删除或替换空字符（NUL）、换页符等不可见的控制字符"),
)

# --- what makes a report ------------------------------------------------------------
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # a control character but \t \n \v \f \r
MIN_HAN = 20  # a report has at least this many Chinese characters (the shortest real ones have hundreds)
MARKUP_PREFIX = 32_768  # characters judged for markup: html.parser is quadratic on some hostile input
HTML_TAGS = frozenset(
    "html head body title meta link script style div span p a br hr img table thead tbody tr td th ul ol li "
    "h1 h2 h3 h4 h5 h6 strong b em i u font center section article header footer nav form input button "
    "iframe select option label pre code blockquote".split())
FRONT_MATTER_KEY = re.compile(r"^\s*(?:-\s|[^\s:：]{1,30}\s*[:：=](?:\s|$))")


def decode(source: Source) -> Decoded:
    raw = source.raw
    _refuse_other_formats(source)
    if not raw.strip():
        raise ContentError(Problem(source.path, None, "is empty; put the report's text in it or delete it"))
    text, encoding = _text(source)
    if _looks_binary(text):
        raise ContentError(Problem(source.path, None, "looks like a binary file, not a report text"))
    text, diagnostics = remove_invisible(text)
    _refuse_no_report(source, text)
    return Decoded(source, text, encoding, diagnostics)


def extracted(source: Source, text: str, encoding: str) -> Decoded:
    """Text a structured reader took out of a page or document (generator/read/formats/):
    judged as a text file's is, after its invisible characters are removed, except
    for markup (it holds none: the reader kept only the page's text)."""
    text, diagnostics = remove_invisible(text)
    _refuse_no_report(source, text, markup=False)
    return Decoded(source, text, encoding, diagnostics)


# --- bytes -> text ----------------------------------------------------------------


def _text(source: Source) -> tuple[str, str]:
    raw = source.raw
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _decode_with_bom(source, encoding), encoding.replace("_sig", "").replace("_", "-")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if raw.count(0) < len(raw) // 10:  # UTF-16 has a NUL in most characters; this is not it
        damaged = _damaged_utf8(source)
        if damaged:
            raise ContentError(damaged)
    best = from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is not None and not _looks_binary(str(best)):
        return str(best), best.encoding.replace("_", "-")
    raise ContentError(_undecodable(source))


def _decode_with_bom(source: Source, encoding: str) -> str:
    try:
        return source.raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.replace("_sig", "").replace("_", "-")
        raise ContentError(Problem(
            source.path, _line_of(source.raw, exc.start, encoding),
            f"byte {exc.start} ({_hex(source.raw, exc.start)}): the file starts with a {name} byte-order mark "
            f"but is not valid {name} here; re-save the file in one encoding",
        )) from None


# Each encoding's frequent characters, as code ranges: GB2312's first level
# (3,755 characters, lead bytes B0-D7) and Big5's frequent set (A440-C67E).
FREQUENT = {"gb18030": ("gb2312", 0xB0A1, 0xD7FE), "big5": ("big5", 0xA440, 0xC67E)}


def common_share(text: str, encoding: str) -> float:
    """The share of text's Han characters that are among the encoding's
    frequent ones: bytes read in the wrong encoding give mostly rare ones."""
    codec, low, high = FREQUENT[encoding]
    han = [c for c in text if HAN.match(c)]
    frequent = 0
    for c in han:
        code = c.encode(codec, "ignore")
        frequent += len(code) == 2 and low <= int.from_bytes(code, "big") <= high
    return frequent / len(han) if han else 0.0


def _damaged_utf8(source: Source) -> Problem | None:
    """A file that is mostly UTF-8 but has lines that are not: mixed
    encodings, or a damaged character. Judged line by line on the non-ASCII
    bytes; None when the file is not mostly UTF-8."""
    good = bad = 0
    lines: list[tuple[int, int, bytes, int]] = []  # line number, file offset, line, first bad index
    neutral: set[int] = set()  # ASCII-only lines, valid in every encoding
    offset = 0
    for number, line in enumerate(source.raw.splitlines(keepends=True), start=1):  # \n, \r\n, \r: as clean counts
        non_ascii = len(line) - len(line.translate(None, NON_ASCII))
        if not non_ascii:
            neutral.add(number)
        try:
            line.decode("utf-8")
            good += non_ascii
        except UnicodeDecodeError as exc:
            bad += non_ascii
            lines.append((number, offset, line, exc.start))
        offset += len(line)
    if not lines or good <= bad:
        return None
    number, start, line, index = lines[0]
    where = f"byte {start + index} ({_hex(source.raw, start + index)})"
    others = _ranges([n for n, *_ in lines], neutral)
    readable = [e for e in ("gb18030", "big5") if all(_decodes(l, e) and HAN.search(l.decode(e)) for _, _, l, _ in lines)]
    if readable:  # both read most Chinese bytes: the one giving common characters is the one written
        joined = b"".join(l for _, _, l, _ in lines)
        name = ENCODING_NAMES[max(readable, key=lambda e: common_share(joined.decode(e), e))]
        return Problem(source.path, number, (
            f"{where} is not UTF-8, the encoding of the rest of the file: line(s) {others} are in {name}. "
            "The file mixes two encodings; copy those lines again from the source into the UTF-8 file "
            "(or convert them) and save it as UTF-8"))
    return Problem(source.path, number, (
        f"{where} is not valid UTF-8, the encoding of the rest of the file (damaged line(s): {others}); "
        "a character there was cut in half or garbled: retype it and save the file as UTF-8"))


def _undecodable(source: Source) -> Problem:
    """Where the file goes wrong in the encoding it most looks like, or, when
    it looks like none, that it is not text in any of them."""
    raw = source.raw
    # The number of undecodable places in each: replacement characters the
    # decoder put in, beyond those the text itself holds.
    errors, encoding = min((raw.decode(e, "replace").count("\ufffd") - raw.decode(e, "ignore").count("\ufffd"), e)
                           for e in ("gb18030", "big5"))
    if 0 < errors <= max(3, len(raw) // 1000):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            name = ENCODING_NAMES[encoding]
            return Problem(source.path, _line_of(raw, exc.start, encoding), (
                f"byte {exc.start} ({_hex(raw, exc.start)}) is not valid {name}, the encoding the rest of the file "
                f"looks like ({errors} such place(s) in the file); a character there is damaged: retype it, "
                "or save the file again from its source, preferably as UTF-8"))
    return Problem(source.path, None, (
        "is not readable text in UTF-8, GB18030/GBK, Big5 or UTF-16; "
        "save the report as a plain-text file (UTF-8 preferred)"))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _line_of(raw: bytes, index: int, encoding: str) -> int:
    """The line a byte is on, counting line breaks as clean numbers lines
    (\n, \r\n, \r), in the text before it decoded."""
    before = raw[:index].decode(encoding, "replace")
    return before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def _hex(raw: bytes, index: int) -> str:
    return "0x" + raw[index : index + 1].hex().upper()


def _ranges(numbers: list[int], neutral: set[int], most: int = 5) -> str:
    """1, 4–6, 9 (and 3 more): a span goes on over neutral (blank) lines."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and all(k in neutral for k in range(spans[-1][1] + 1, n)):
            spans[-1][1] = n
        else:
            spans.append([n, n])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans[:most])
    return text + (f" (and {len(spans) - most} more)" if len(spans) > most else "")


def _looks_binary(text: str) -> bool:
    controls = len(BINARY_CONTROL.findall(text))
    return controls > max(2, len(text) // 100)


# --- invisible characters ------------------------------------------------------------


def remove_invisible(text: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text without zero-width, bidirectional-control and control
    characters (form feeds become spaces, Unicode line separators line
    breaks), and a diagnostic counting each kind removed."""
    diagnostics = []
    for code, chars, message in REMOVALS:
        count = sum(text.count(ch) for ch in chars)
        if count:
            text = text.translate({ord(ch): BECOMES.get(ch) for ch in chars})
            diagnostics.append(Diagnostic(code, message, count))
    return text, tuple(diagnostics)


def invisible_in(text: str) -> str | None:
    """The first invisible or control character of a short text (a sidecar
    value, a taxonomy term), named: 'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    found = next((ch for ch in text if ch in INVISIBLE), None)
    if found is None:
        return None
    return f"U+{ord(found):04X} {unicodedata.name(found, 'control character')}"


# --- is there a report? ----------------------------------------------------------------


def _refuse_other_formats(source: Source) -> None:
    head = source.raw.lstrip()[:16]
    for signature, kind, how in SIGNATURES:
        if head.startswith(signature):
            raise ContentError(Problem(source.path, None, (
                f"is {kind}, not a text file; {how} and save it as a plain-text .txt file (UTF-8)")))


def _refuse_no_report(source: Source, text: str, markup: bool = True) -> None:
    path = source.path
    if not text.strip():
        raise ContentError(Problem(path, None, (
            "is empty: it holds only blank characters (spaces, U+3000 ideographic spaces, zero-width spaces, "
            "line breaks); put the report's text in it or delete it")))
    front = _front_matter(text)
    if front:
        first, last, keys = front
        raise ContentError(Problem(path, first, (
            f"starts with a front-matter block (lines {first}–{last}: {', '.join(keys)}); a report file holds only "
            f"the report's text: move these values into the sidecar {source.slug}.yml (keys: title, issuer, year, "
            "date, source, …) and delete the block")))
    found = _markup(text[:MARKUP_PREFIX]) if markup else None
    if found:
        raise ContentError(Problem(path, found[0], (
            f"looks like an HTML page, not a report's text ({found[1]} tags such as {found[2]}); save the page "
            f"as {source.slug}.html instead of .txt (saved pages are read by their structure), or paste the "
            "report's text copied from the browser")))
    han = sum(1 for _ in itertools.islice(HAN.finditer(text), MIN_HAN))
    if han < MIN_HAN:
        visible = " ".join(text.split())
        preview = visible[:40] + ("…" if len(visible) > 40 else "")
        raise ContentError(Problem(path, None, (
            f"has no readable Chinese text: {han} Chinese character(s) among {len(visible)} (it begins "
            f"“{preview}”); a report file holds the report's text as published: check that this is the right "
            "file and that it was saved as text")))


def _front_matter(text: str) -> tuple[int, int, list[str]] | None:
    """(first line, last line, keys) of a YAML/TOML front-matter block at the
    top of the text: a --- (or +++) line, key: value lines, the closing line."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() not in ("---", "+++"):
        return None
    fence = lines[start].strip()
    for end in range(start + 1, min(len(lines), start + 60)):
        if lines[end].strip() in (fence, "..."):
            body = [line for line in lines[start + 1 : end] if line.strip()]
            keyed = [line for line in body if FRONT_MATTER_KEY.match(line) or line[:1] in " \t"]
            if body and len(keyed) == len(body):
                keys = [re.split(r"\s*[:：=]", line.strip(), maxsplit=1)[0] for line in body if line[:1] not in " \t-"]
                return start + 1, end + 1, keys[:6]
            return None
    return None


class _Tags(HTMLParser):
    """Counts the HTML elements in a text, with the lines they are on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.names: dict[str, int] = {}
        self.lines: set[int] = set()
        self.document = False

    def _tag(self, tag: str) -> None:
        if tag in HTML_TAGS:
            self.names[tag] = self.names.get(tag, 0) + 1
            self.lines.add(self.getpos()[0])
            self.document |= tag in ("html", "head", "body")

    def handle_starttag(self, tag, attrs) -> None:
        self._tag(tag)

    def handle_startendtag(self, tag, attrs) -> None:
        self._tag(tag)

    def handle_endtag(self, tag) -> None:
        self._tag(tag)

    def handle_decl(self, decl: str) -> None:
        if decl.lower().startswith("doctype html"):
            self.document = True
            self.lines.add(self.getpos()[0])


def _markup(text: str) -> tuple[int, int, str] | None:
    """(first line, number of tags, examples) when text is an HTML page or a
    run of markup rather than a report that quotes a few tags (those are
    shown as text): a whole document (<!DOCTYPE html>, <html>, <body>), or at
    least 20 tags on at least 30% of the lines."""
    if "<" not in text:
        return None
    parser = _Tags()
    parser.feed(text)
    parser.close()
    tags = sum(parser.names.values())
    lines = sum(1 for line in text.splitlines() if line.strip())
    if (parser.document and tags >= 3) or (tags >= 20 and len(parser.lines) >= 0.3 * lines):
        examples = ", ".join(f"<{name}>" for name, _ in sorted(parser.names.items(), key=lambda kv: -kv[1])[:3])
        return min(parser.lines), tags, examples
    return None
