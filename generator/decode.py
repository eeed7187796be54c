"""Stage 1: bytes -> text.

UTF-8 (with or without BOM) and UTF-16 with a BOM are recognised exactly;
anything else is detected with charset-normalizer, limited to the encodings
Chinese government sites actually use, so a short GBK text is not mistaken for
some Cyrillic code page.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .errors import ContentError, Problem
from .records import Decoded, Source

# Encodings worth considering for Chinese report texts, in charset-normalizer's names.
CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]
BOMS = [
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
]


def decode(source: Source) -> Decoded:
    raw = source.raw
    if not raw.strip():
        raise ContentError(Problem(source.path, None, "is empty; put the report's text in it or delete it"))
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return Decoded(source, _decode(source, raw, encoding), encoding.replace("_sig", "").replace("_", "-"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise ContentError(Problem(source.path, None, "looks like a binary file, not a report text"))
        return Decoded(source, text, "utf-8")
    best = from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is None or _looks_binary(str(best)):
        raise ContentError(Problem(
            source.path, None,
            "is not readable text in UTF-8, GB18030/GBK, Big5 or UTF-16; "
            "save the report as a plain-text file (UTF-8 preferred)",
        ))
    encoding = best.encoding.replace("_", "-")
    return Decoded(source, str(best), encoding)


def _decode(source: Source, raw: bytes, encoding: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ContentError(Problem(
            source.path, None,
            f"starts with a {encoding} byte-order mark but is not valid {encoding} at byte {exc.start}; "
            "re-save the file in one encoding",
        )) from None
    if _looks_binary(text):
        raise ContentError(Problem(source.path, None, "looks like a binary file, not a report text"))
    return text


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    return controls > max(2, len(text) // 100)
