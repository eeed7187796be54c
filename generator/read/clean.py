"""The page's body lines -> repaired body text, a diagnostic per step.

Runs after ``page.segment`` has said which lines are body: only those are
repaired, so nothing here decides what is chrome. Every step is a small
function over lines that returns the new lines and how often it applied;
lines keep the number they had in the original file so later messages can
point at the publisher's text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from generator.read.damage import repair
from generator.read.normalise import HAN, Normalised, map_lines
from generator.read.page import Page
from generator.records import Cleaned, Diagnostic

# Chinese punctuation and quotes that count as "Chinese context" for punctuation.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·"
LOST = "□"  # the conventional mark for a missing character in Chinese print

# --- '+' that became a space on the way --------------------------------------
PLUS_LOST = (
    re.compile(rf"(?<=互联网) (?=[{HAN}])"),
    re.compile(r"(?<=“线上) (?=线下”)"),
    re.compile(r"(?<=\d) (?=\d+ ?[nN]\b)|(?<=\d) (?=[nN]\b)"),
)

# --- a '?' that stands for a character lost in an encoding accident ----------
QUESTION_WORDS = re.compile("吗|呢|什么|如何|怎么|怎样|为什么|为何|是否|哪|多少|几|难道|谁")


def clean(normalised: Normalised, page: Page) -> Cleaned:
    diagnostics: list[Diagnostic] = list(normalised.diagnostics) + list(page.diagnostics)

    def record(code: str, message: str, count: int, severity: str = "info") -> None:
        if count:
            diagnostics.append(Diagnostic(code, message, count, severity))  # type: ignore[arg-type]

    damage = repair(page)  # wrapped text, page marks, truncation, spam (read/damage.py)
    page, lines = damage.page, damage.lines
    diagnostics.extend(damage.diagnostics)
    lines, n = _mark_lost(lines)
    record("lost-characters", f"原文因编码损坏丢失的字符，以“{LOST}”标出", n)

    lines, n = _restore_plus(lines)
    record("plus-restored", "恢复被误作空格的“+”号，如“互联网+政务服务”", n)

    lines, n = _fullwidth(lines)
    record("punctuation", "中文语境中的半角标点改为全角", n)

    lines = tuple(line for line in lines if line.text.strip(LOST + " "))
    return Cleaned(
        source=normalised.decoded.source,
        encoding=normalised.decoded.encoding,
        lines=lines,
        page=page,
        was_traditional=normalised.was_traditional,
        diagnostics=tuple(diagnostics),
    )


def _mark_lost(lines):
    """Replace each '?' (and U+FFFD) that stands for a lost character with □.

    A '?' is kept as a question mark only where it ends a question: right
    after a character of text, in a sentence that has a question word.
    """
    total = 0
    out = []
    for line in lines:
        text = line.text
        if "?" not in text and "\ufffd" not in text:  # nothing to look at: most lines
            out.append(line)
            continue
        chars = list(text)
        n = 0
        for i, ch in enumerate(chars):
            if ch == "\ufffd":
                chars[i] = LOST
                n += 1
            elif ch == "?" and not _is_question_mark(text, i):
                chars[i] = LOST
                n += 1
        if n:
            total += n
            line = replace(line, text="".join(chars))
        out.append(line)
    return tuple(out), total


def _is_question_mark(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    if not before or before.isspace() or before == "?":
        return False
    if re.match(r"[A-Za-z0-9=&/]", before) and re.search(r"https?://|\w+=", text):
        return True  # part of an address such as index.php?id=3
    sentence = re.split("[。！？!；;]", text[:i])[-1]
    return bool(QUESTION_WORDS.search(sentence))


def _restore_plus(lines):
    total = 0
    for pattern in PLUS_LOST:
        lines, n = map_lines(lines, pattern, "+")
        total += n
    return lines, total


FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
CONTEXT = f"[{HAN}{CJK_PUNCT}{LOST}]"


def _fullwidth(lines):
    total = 0
    out = []
    for line in lines:
        text, n = _fullwidth_text(line.text)
        total += n
        out.append(replace(line, text=text) if n else line)
    return tuple(out), total


HALFWIDTH_SIGNS = frozenset("(" + "".join(FULLWIDTH))  # what _fullwidth_text may change


def _fullwidth_text(text: str) -> tuple[str, int]:
    if HALFWIDTH_SIGNS.isdisjoint(text):  # a line in full-width signs only: most lines
        return text, 0
    count = 0
    chars = list(text)
    # Brackets first: a matched pair becomes full-width when it holds Chinese
    # text or touches it; (2021—2025年) counts, (a) in an English aside does not.
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            inside = "".join(chars[j + 1 : i])
            outside = (chars[j - 1] if j else "") + (chars[i + 1] if i + 1 < len(chars) else "")
            if re.search(CONTEXT, inside) or re.search(CONTEXT, outside):
                chars[j], chars[i] = "（", "）"
                count += 2
    for i, ch in enumerate(chars):
        if ch not in FULLWIDTH:
            continue
        before = _neighbour(chars, i, -1)
        after = _neighbour(chars, i, 1)
        if ch == ":" and before.isdigit() and after.isdigit():
            continue  # a time such as 09:56
        if ch == "," and before.isdigit() and after.isdigit():
            continue  # a thousands separator
        # Chinese on the left, or Chinese on the right of a number or bracket
        # (2022年,在… / 99.25%;今年…) but not right after an English word.
        if re.match(CONTEXT, before) or (re.match(CONTEXT, after) and not re.match("[A-Za-z]", before)):
            chars[i] = FULLWIDTH[ch]
            count += 1
    return "".join(chars), count


def _neighbour(chars: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(chars) and chars[j] == " ":
        j += step
    return chars[j] if 0 <= j < len(chars) else ""
