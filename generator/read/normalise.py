"""Decoded text -> normalised lines, before anything is judged.

Character-level repairs that every later stage needs to read the page at all:
lines split and trimmed (numbered as in the original file), pinyin readings
after characters removed, Traditional converted to Simplified (OpenCC), and
full-width digits and Latin letters made ASCII (２０２３年 -> 2023年). No line is
removed here: deciding what a line *is* belongs to ``page.segment``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import opencc

from generator.read.mojibake import unmojibake
from generator.records import Decoded, Diagnostic, Line

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# --- pinyin readings after characters: 鄉(xiāng) -> 鄉 -------------------------
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = re.compile(
    rf"(?<=[{HAN}])[(（](?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}[)）]"
)
ORPHAN_PINYIN = re.compile(rf"\?(?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}[)）]")

# Full-width digits and Latin letters (U+FF10-FF19, FF21-FF3A, FF41-FF5A).
FULLWIDTH_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                   for c in range(r[0], r[1] + 1)}
FULLWIDTH_ALNUM_CHAR = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")  # a key of FULLWIDTH_ALNUM


@dataclass(frozen=True)
class Normalised:
    decoded: Decoded
    lines: tuple[Line, ...]
    was_traditional: bool
    diagnostics: tuple[Diagnostic, ...]


def normalise(decoded: Decoded) -> Normalised:
    decoded = unmojibake(decoded)  # UTF-8 once read as GBK: repaired first (read/mojibake.py)
    diagnostics: list[Diagnostic] = list(decoded.diagnostics)  # invisible characters removed on decoding

    def record(code: str, message: str, count: int) -> None:
        if count:
            diagnostics.append(Diagnostic(code, message, count))

    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        record("encoding", f"原文编码为 {decoded.encoding}，已转为 UTF-8", 1)
    lines = split_lines(decoded.text)
    lines, n = _remove_pinyin(lines)
    record("pinyin-removed", "删除汉字后附注的拼音读音，如“鄉(xiāng)”", n)
    lines, n, traditional = _to_simplified(lines)
    record("traditional-converted", "繁体字转为简体字（字数）", n)
    lines, n = _ascii_digits(lines)
    record("fullwidth-digits", "全角数字和字母改为半角，如“２０２３”", n)
    return Normalised(decoded, lines, traditional, tuple(diagnostics))


def split_lines(text: str) -> tuple[Line, ...]:
    """Non-blank lines, trimmed, with runs of spaces folded; numbered as in the file."""
    out = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        text_ = raw.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "")
        text_ = re.sub(r"[ \t]+", " ", text_).strip()
        if text_:
            out.append(Line(number, text_))
    return tuple(out)


def map_lines(lines: tuple[Line, ...], pattern: re.Pattern[str], repl: str) -> tuple[tuple[Line, ...], int]:
    total = 0
    out = []
    for line in lines:
        text, n = pattern.subn(repl, line.text)
        total += n
        out.append(replace(line, text=text) if n else line)
    return tuple(out), total


def _remove_pinyin(lines):
    lines, n = map_lines(lines, PINYIN, "")
    # A reading whose character and "(" were lost together: 成績?nèi)… -> 成績?…
    # The '?' stays, to be marked as a lost character later.
    lines, m = map_lines(lines, ORPHAN_PINYIN, "?")
    return lines, n + m


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """A text in Simplified characters (for the cells of a Traditional report's tables)."""
    return _t2s().convert(text)


def _to_simplified(lines):
    """Convert to Simplified only when the text is Traditional.

    Judged on OpenCC's phrase-level result: a Simplified text that keeps a few
    characters which are also Traditional (乾坤, 著名) changes in no place, or
    in too few to count, and is left alone.
    """
    converter = _t2s()
    converted = [converter.convert(line.text) for line in lines]
    changed = [sum(1 for a, b in zip(line.text, text) if a != b) if text != line.text else 0
               for line, text in zip(lines, converted)]
    han = sum(len(re.findall(f"[{HAN}]", line.text)) for line in lines)
    total = sum(changed)
    if not han or total < 3 or total / han < 0.02:
        return lines, 0, False
    out = tuple(replace(line, text=text) if n else line for line, text, n in zip(lines, converted, changed))
    return out, total, True


def _ascii_digits(lines):
    total = 0
    out = []
    for line in lines:
        n = len(FULLWIDTH_ALNUM_CHAR.findall(line.text))
        total += n
        out.append(replace(line, text=line.text.translate(FULLWIDTH_ALNUM)) if n else line)
    return tuple(out), total
