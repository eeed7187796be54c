"""Stage 2: decoded text -> cleaned lines, with a diagnostic per cleaning step.

Every step is a small function over lines that returns the new lines and how
often it applied; ``clean`` runs them in order and records the counts. Lines
keep the number they had in the original file so later messages can point at
the publisher's text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import opencc

from .records import Cleaned, Decoded, Diagnostic, Line

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation and quotes that count as "Chinese context" for punctuation.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·"
LOST = "□"  # the conventional mark for a missing character in Chinese print

# --- pinyin readings after characters: 鄉(xiāng) -> 鄉 -------------------------
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = re.compile(
    rf"(?<=[{HAN}])[(（](?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}[)）]"
)

ORPHAN_PINYIN = re.compile(rf"\?(?=[a-zü{TONED}]*[{TONED}])[a-zü{TONED}]{{1,7}}[)）]")

# --- site chrome ------------------------------------------------------------
# Lines with any of these marks are chrome when they are short; a body
# paragraph is long and never carries ICP numbers or browser hints.
CHROME_MARKS = re.compile(
    r"ICP备|ICP证|网站标识码|公网安备|版权所有|涉密文件严禁上网|"
    r"分辨率|最佳浏览|浏览效果|无障碍|"
    r"^\s*(?:主办|承办|协办|技术支持|主管|运维)(?:单位)?\s*[:：]|"
    r"^\s*[-·•]?\s*相关(?:新闻|链接|文章|阅读|信息)\s*$|"
    r"简体\s*[|｜/]\s*繁体|繁体\s*[|｜/]\s*简体|"
    r"^\s*(?:上一篇|下一篇)\s*[:：]|当前位置\s*[:：]|"
    r"字号\s*[:：]?\s*[\[【]?\s*(?:大|中|小|\s)*[\]】]|背景颜色\s*[:：]"
)
CHROME_WORDS = re.compile(
    r"^(?:[\[【]?\s*(?:打印|关闭|关闭窗口|收藏|分享|分享到|返回顶部|返回|字号|大|中|小|"
    r"默认|扫一扫|网站地图|联系我们|首页|打印本页|关闭本页)\s*[\]】]?[\s|｜/]*)+$"
)
CHROME_MAX = 160
HOST = re.compile(r"^\s*主办(?:单位)?\s*[:：]\s*([^\s?□©]+?)(?:\s|版权|$)")

# --- publication line: 发布日期 / 来源 / 作者 / 阅读次数 -------------------------
PUBLICATION = re.compile(r"发布日期|发布时间|发文日期|阅读次数|浏览次数|点击数|(?:来源|作者)\s*[:：].*(?:来源|作者|日期|时间)\s*[:：]")
DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
FROM = re.compile(r"来源\s*[:：]\s*([^\s|｜]+)")
AUTHOR = re.compile(r"作者\s*[:：]\s*([^\s|｜]+)")

# --- a site name or spam glued onto a page title -------------------------------
TITLE_SUFFIX = re.compile(
    r"^(?P<title>.{4,80}?(?:报告|情况|总结|要点|计划))\s*(?:--?|_|\||｜|——|—|–|-)\s*(?P<suffix>\S.{0,60})$"
)

# --- '+' that became a space on the way --------------------------------------
PLUS_LOST = (
    re.compile(rf"(?<=互联网) (?=[{HAN}])"),
    re.compile(rf"(?<=“线上) (?=线下”)"),
    re.compile(r"(?<=\d) (?=\d+ ?[nNxX]\b)|(?<=\d) (?=[nNxX]\b)"),
)

# --- a '?' that stands for a character lost in an encoding accident ----------
QUESTION_WORDS = re.compile("吗|呢|什么|如何|怎么|怎样|为什么|为何|是否|哪|多少|几|难道|谁")


def clean(decoded: Decoded) -> Cleaned:
    lines = _split(decoded.text)
    diagnostics: list[Diagnostic] = list(decoded.diagnostics)
    found: dict[str, object] = {}

    def record(code: str, message: str, count: int, severity: str = "info") -> None:
        if count:
            diagnostics.append(Diagnostic(code, message, count, severity))  # type: ignore[arg-type]

    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        record("encoding", f"原文编码为 {decoded.encoding}，已转为 UTF-8", 1)

    lines, n = _remove_pinyin(lines)
    record("pinyin-removed", "删除汉字后附注的拼音读音，如“鄉(xiāng)”", n)

    lines, n, traditional = _to_simplified(lines)
    found["was_traditional"] = traditional
    record("traditional-converted", "繁体字转为简体字（字数）", n)

    lines, n, publication = _lift_publication(lines)
    found.update(publication)
    record("publication-line", "发布信息行（发布日期、来源、作者、阅读次数）转为元数据", n)

    lines, n, host = _remove_chrome(lines)
    if host and "source_office" not in found:
        found["source_office"] = host
    record("chrome-removed", "删除网站页面杂项行（主办、备案号、浏览提示、相关新闻等）", n)

    lines, n, page_title = _cut_title_suffix(lines)
    if page_title:
        found["page_title"] = page_title
    record("title-suffix", "删除标题后附加的网站名或无关文字", n)

    lines, n = _mark_lost(lines)
    record("lost-characters", f"原文因编码损坏丢失的字符，以“{LOST}”标出", n)

    lines, n = _restore_plus(lines)
    record("plus-restored", "恢复被误作空格的“+”号，如“互联网+政务服务”", n)

    lines, n = _fullwidth(lines)
    record("punctuation", "中文语境中的半角标点改为全角", n)

    lines = tuple(line for line in lines if line.text.strip(LOST + " "))
    return Cleaned(
        source=decoded.source,
        encoding=decoded.encoding,
        lines=lines,
        page_title=found.get("page_title"),  # type: ignore[arg-type]
        published=found.get("published"),  # type: ignore[arg-type]
        source_office=found.get("source_office"),  # type: ignore[arg-type]
        author=found.get("author"),  # type: ignore[arg-type]
        was_traditional=bool(found.get("was_traditional")),
        diagnostics=tuple(diagnostics),
    )


def _split(text: str) -> tuple[Line, ...]:
    out = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        text_ = raw.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "")
        text_ = re.sub(r"[ \t]+", " ", text_).strip()
        if text_:
            out.append(Line(number, text_))
    return tuple(out)


def _map(lines: tuple[Line, ...], pattern: re.Pattern[str], repl: str) -> tuple[tuple[Line, ...], int]:
    total = 0
    out = []
    for line in lines:
        text, n = pattern.subn(repl, line.text)
        total += n
        out.append(replace(line, text=text) if n else line)
    return tuple(out), total


def _remove_pinyin(lines):
    lines, n = _map(lines, PINYIN, "")
    # A reading whose character and "(" were lost together: 成績?nèi)… -> 成績?…
    # The '?' stays, to be marked as a lost character later.
    lines, m = _map(lines, ORPHAN_PINYIN, "?")
    return lines, n + m


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _to_simplified(lines):
    """Convert to Simplified only when the text is Traditional.

    Judged on OpenCC's phrase-level result: a Simplified text that keeps a few
    characters which are also Traditional (乾坤, 著名) changes in no place, or
    in too few to count, and is left alone.
    """
    converter = _t2s()
    converted = [converter.convert(line.text) for line in lines]
    changed = [sum(1 for a, b in zip(line.text, text) if a != b) for line, text in zip(lines, converted)]
    han = sum(len(re.findall(f"[{HAN}]", line.text)) for line in lines)
    total = sum(changed)
    if not han or total < 3 or total / han < 0.02:
        return lines, 0, False
    out = tuple(replace(line, text=text) if n else line for line, text, n in zip(lines, converted, changed))
    return out, total, True


def is_chrome(text: str) -> bool:
    if len(text) > CHROME_MAX:
        return False
    return bool(CHROME_MARKS.search(text) or CHROME_WORDS.match(text))


def _remove_chrome(lines):
    host = None
    out = []
    removed = 0
    for line in lines:
        if is_chrome(line.text):
            removed += 1
            match = HOST.match(line.text)
            if match and host is None:
                host = match.group(1)
        else:
            out.append(line)
    return tuple(out), removed, host


def _lift_publication(lines):
    found: dict[str, str] = {}
    out = []
    lifted = 0
    for line in lines:
        if len(line.text) <= 200 and PUBLICATION.search(line.text):
            lifted += 1
            if (m := DATE.search(line.text)) and "published" not in found:
                found["published"] = _iso(*m.groups())
            if (m := FROM.search(line.text)) and "source_office" not in found:
                found["source_office"] = m.group(1)
            if (m := AUTHOR.search(line.text)) and "author" not in found:
                found["author"] = m.group(1)
        else:
            out.append(line)
    return tuple(out), lifted, found


def _iso(year: str, month: str, day: str) -> str | None:
    import datetime as dt

    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _cut_title_suffix(lines):
    if not lines:
        return lines, 0, None
    first = lines[0]
    match = TITLE_SUFFIX.match(first.text)
    if not match:
        return lines, 0, None
    title = match.group("title")
    return (replace(first, text=title),) + lines[1:], 1, title


def _mark_lost(lines):
    """Replace each '?' (and U+FFFD) that stands for a lost character with □.

    A '?' is kept as a question mark only where it ends a question: right
    after a character of text, in a sentence that has a question word.
    """
    total = 0
    out = []
    for line in lines:
        text = line.text
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
        lines, n = _map(lines, pattern, "+")
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


def _fullwidth_text(text: str) -> tuple[str, int]:
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
