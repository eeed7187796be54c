"""Mojibake: a UTF-8 text once read as GBK and saved again, found and undone.

Such a file is valid UTF-8, but its characters are GBK's reading of UTF-8
bytes: rare characters no report uses (娉曟不鏀垮簻 for 法治政府). The test is
exact rather than statistical: encoded back to GBK, the pieces of the text
decode as UTF-8 into Chinese, which real Chinese text never does (its GBK
bytes are not UTF-8 sequences). Where the editor that did the damage replaced
a byte it could not read (with � or ?), the character around it is lost and
is marked □, as other lost characters are (``clean``).

Runs on the decoded text before anything else reads it (``normalise``), so
every later stage sees the repaired text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from generator.errors import ContentError, Problem
from generator.records import Decoded, Diagnostic

LOST = "□"
# Pieces of text between ASCII, U+FFFD and '?': where a byte was lost, a piece ends.
PIECE = re.compile(r"[^\x00-\x7f\ufffd]+")
MIN_CHARS = 20  # fewer garbled characters say nothing
MIN_SHARE = 0.5  # of the non-ASCII characters, at least this share reads back as Chinese
MAX_LOST = 0.02  # a repair that loses more of the text is refused: the publisher must copy it again


def _back(piece: str) -> str | None:
    """The UTF-8 reading of a piece's GBK bytes, or None when the piece is not
    GBK's reading of UTF-8 (a character outside GBK, or mostly invalid bytes)."""
    try:
        raw = piece.encode("gbk")
    except UnicodeEncodeError:
        return None
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > 2 or not re.search("[\u4e00-\u9fff]", text) or bad * 4 > len(text):
        return None
    return text


def garbled_share(text: str) -> tuple[int, int]:
    """(characters in pieces that read back as Chinese, non-ASCII characters)."""
    pieces = PIECE.findall(text)
    total = sum(len(p) for p in pieces) + text.count("\ufffd")
    garbled = sum(len(p) for p in pieces if _back(p) is not None)
    return garbled, total


def is_mojibake(text: str) -> bool:
    garbled, total = garbled_share(text)
    return garbled >= MIN_CHARS and garbled >= MIN_SHARE * total


def unmojibake(decoded: Decoded) -> Decoded:
    """The decoded text repaired when it is mojibake (with a warning); as it
    was otherwise."""
    text = decoded.text
    if not is_mojibake(text):
        return decoded
    try:
        exact = text.encode("gbk").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        exact = None
    if exact is not None:
        message = ("原文是乱码（UTF-8 文字被当作 GBK 读取后又保存），已按原字节完整还原；"
                   "请从原网页或原文件重新复制，以 UTF-8 保存")
        fixed, lost = exact, 0
    else:
        fixed, lost = _repair(text)
        if lost > MAX_LOST * len(fixed):
            raise ContentError(Problem(decoded.source.path, _first_line(text), (
                f"the text is mojibake: UTF-8 once read as GBK and saved again (“{_sample(text)}”), and "
                f"{lost} characters of it cannot be recovered from this file; copy the report again from "
                "the original page or file and save it as UTF-8")))
        message = (f"原文是乱码（UTF-8 文字被当作 GBK 读取后又保存），已按原字节还原，{lost} 处字符无法还原，以“{LOST}”标出；"
                   "请从原网页或原文件重新复制，以 UTF-8 保存")
    diagnostic = Diagnostic("mojibake", message, max(1, lost), "warning", own=True)
    return replace(decoded, text=fixed, diagnostics=decoded.diagnostics + (diagnostic,))


def _first_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), start=1):
        if any(_back(p) is not None for p in PIECE.findall(line)):
            return number
    return 1


def _sample(text: str) -> str:
    return next((p[:8] for p in PIECE.findall(text) if len(p) >= 4 and _back(p) is not None), "")


def _repair(text: str) -> tuple[str, int]:
    """The text's GBK bytes read as UTF-8, with each � the editor left as one
    unknown byte: UTF-8 finds its footing again after a broken sequence, so a
    lost byte costs the character it belonged to, marked □, and no more."""
    raw = b"".join(b"?" if ch == "\ufffd" else _gbk(ch) for ch in text)
    fixed = raw.decode("utf-8", errors="replace")
    fixed, lost = re.subn(r"[\ufffd?]*\ufffd[\ufffd?]*", LOST, fixed)
    return fixed, lost


def _gbk(ch: str) -> bytes:
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return ch.encode("utf-8")
