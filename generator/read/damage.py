"""Damage a copied text carries, found on the page's body lines.

Each detector is a plain function over the body lines (after ``page.segment``,
before ``clean``'s character repairs) and judges by general features of the
genre, never by one page's wording:

- **wrapped text**: a PDF's lines pasted as they were printed: most lines of
  nearly one width, ending without sentence punctuation. Rejoined into
  paragraphs where safe.
- **page numbers** (— 3 —, 第 3 页 共 12 页, a bare number between wrapped
  lines) and **running headers** (a short line repeating at regular
  intervals): removed, listed in the cleaning record.
- **truncation**: a document-sharing site's notices (calls to read on, pay or
  download), or a body that stops mid-sentence with no signature after it.
- **spam inside sentences**: web addresses outside government domains and
  gambling or download promotion glued into the text; removed only where the
  span is clearly delimited, otherwise the sentence is named in the warning.

Each finding is a ``Diagnostic`` with a code, a count and a message in Chinese
for the report page's 文本清理记录; ``fazhi check`` prints the warnings.
Lines removed here become frame lines of the page, with the reason.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from generator.read.orgs import org_names
from generator.read.page import DATE_LINE, PAGE_NUMBER, is_heading
from generator.records import Diagnostic, Line, Page, PageLine

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# What a sentence or a clause that stands alone ends with (closing quotes and brackets may follow).
SENTENCE_END = "。！？!?；;：:…"
CLOSERS = "”’」』）)】》〉 □?"


def ends_sentence(text: str) -> bool:
    bare = text.rstrip(CLOSERS)
    return bool(bare) and bare[-1] in SENTENCE_END


def width(text: str) -> int:
    """Display width: a Chinese character or full-width sign is two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass(frozen=True)
class Repaired:
    """The body after the damage repairs, the page with removed lines marked,
    and what was found."""

    lines: tuple[Line, ...]
    page: Page
    diagnostics: tuple[Diagnostic, ...]


def repair(page: Page) -> Repaired:
    """Every detector over the page's body, in order: page marks first (so a
    paragraph broken by a page break is joined across it), then wrapping,
    truncation and spam."""
    lines = page.body
    removed: dict[int, str] = {}
    diagnostics: list[Diagnostic] = []

    wrap = wrapped_width(lines)
    numbers = page_numbers(lines, wrapped=wrap is not None)
    # Running heads come with printed pages: only in wrapped text or text with page numbers
    # (a web report may repeat a short subhead such as 存在问题 in every section).
    headers = running_headers(lines, page) if wrap is not None or numbers else []
    notices = sharing_notices(lines)
    for found, reason in ((numbers, PAGE_NUMBER_REASON), (headers, HEADER_REASON), (notices, NOTICE_REASON)):
        removed.update((number, reason) for number in found)
    lines = tuple(line for line in lines if line.number not in removed)
    # Page numbers the page's frame already holds (one after the signature, say).
    framed = sum(1 for p in page.lines if p.role != "body" and PAGE_NUMBER.match(p.text.strip()))
    if numbers or framed:
        diagnostics.append(Diagnostic(
            "page-numbers", "删除从 PDF 或 Word 文件带来的页码行（如“— 3 —”“第 3 页 共 12 页”），见清洗记录",
            len(numbers) + framed, "warning"))
    if headers:
        diagnostics.append(Diagnostic(
            "running-headers", "删除每页重复出现的页眉行，见清洗记录", len(headers), "warning"))

    if wrap is not None:
        lines, spaces = number_spaces(lines)
        if spaces:
            diagnostics.append(Diagnostic(
                "number-spaces", "删除 PDF 文本中数字两侧多出的空格，如“2022 年”“6 次”", spaces))
        lines, joined = rejoin(lines, wrap)
        if joined:
            diagnostics.append(Diagnostic(
                "wrapped-lines", f"原文按固定宽度折行（约每行 {wrap // 2} 字，多为从 PDF 复制），"
                "已把同一段落的行接回；请核对段落划分，最好从原文件重新复制", joined, "warning", own=True))

    shown_notices = [p.text for p in page.lines if p.number in notices] or _sharing_in_frame(page)
    if shown_notices:
        diagnostics.append(Diagnostic(
            "truncated", f"文本来自文档分享网站，可能不全（页面有“{shown_notices[0][:30]}”一类的提示）："
            "请从政府网站取得全文", len(shown_notices), "warning", own=True))
    elif cut_off(lines, page):
        last = lines[-1].text
        diagnostics.append(Diagnostic(
            "truncated", f"正文在句子中间结束（“…{last[-12:]}”），其后没有落款：文本可能不全，请核对原文", 1, "warning", own=True))

    lines, spans, flagged = remove_spam(lines)
    if spans or flagged:
        shown = "；".join(f"“{s}”" for s in (spans + flagged)[:3])
        what = "已删除" if spans and not flagged else "已删除界限清楚的部分，其余请核对" if spans else "请核对并删除"
        diagnostics.append(Diagnostic(
            "spam", f"正文中夹杂推广内容（网址、博彩或下载推广语），{what}：{shown}", len(spans) + len(flagged),
            "warning", own=True))

    if removed or framed:
        page = replace(page, lines=tuple(_marked(p, removed) for p in page.lines))
    return Repaired(lines, page, tuple(diagnostics))


def _marked(line: PageLine, removed: dict[int, str]) -> PageLine:
    """A page line with the reason the damage repairs give it, if any."""
    if line.role == "body" and line.number in removed:
        return PageLine(line.number, line.text, "chrome", removed[line.number])
    if line.role == "chrome" and PAGE_NUMBER.match(line.text.strip()):
        return PageLine(line.number, line.text, "chrome", PAGE_NUMBER_REASON)
    return line


# --- wrapped text ------------------------------------------------------------------------

WRAP_MIN_LINES = 8  # fewer lines say nothing about a width
WRAP_SHARE = 0.4  # of the lines that are not headings, at least this share is full (a paragraph's last line is not)
WRAP_OPEN = 0.7  # and of the full lines, at least this share ends mid-sentence
WRAP_SLACK = 4  # columns a full line may fall short of the width (a wide sign that did not fit)


def wrapped_width(lines: tuple[Line, ...]) -> int | None:
    """The width (in columns) the text was wrapped at, or None when it was not.

    A report copied from a web page has one paragraph per line: lengths spread
    from a heading's few characters to hundreds. Text copied out of a PDF has
    the printed lines: most of them full, of one width, ending anywhere in a
    sentence, and none much longer."""
    widths = [width(line.text) for line in lines
              if not (is_heading(line.text) or PAGE_NUMBER.match(line.text) or BARE_NUMBER.match(line.text))]
    if len(widths) < WRAP_MIN_LINES:
        return None
    counts = Counter(widths)
    best, best_n = 0, 0
    for w in sorted(counts):
        if w < 20 or w > 120:
            continue
        n = sum(c for v, c in counts.items() if w - WRAP_SLACK <= v <= w)
        if n > best_n:
            best, best_n = w, n
    if best_n < WRAP_SHARE * len(widths):
        return None
    if sum(1 for v in widths if v > best + 2) > 0.05 * len(widths):
        return None  # lines longer than the width: not wrapped there
    full = [line for line in lines if _full(line.text, best) and not is_heading(line.text)]
    open_ = sum(1 for line in full if not ends_sentence(line.text))
    if open_ < WRAP_OPEN * len(full):
        return None
    return best


# A space a PDF's layout put between a number and the Chinese around it (2022 年, 审查 6 次).
NUMBER_SPACE = re.compile(rf"(?<=[{HAN}，。、；：（）“”])\s(?=\d)|(?<=\d)\s(?=[{HAN}，。、；：（）“”%])|(?<=%)\s(?=[{HAN}])")


def number_spaces(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], int]:
    """In wrapped text only: the spaces around numbers go (2022 年 -> 2022年);
    spaces between two numbers (1 9 N for 1+9+N) and between words stay."""
    total = 0
    out = []
    for line in lines:
        text, n = NUMBER_SPACE.subn("", line.text)
        total += n
        out.append(Line(line.number, text) if n else line)
    return tuple(out), total


def _full(text: str, wrap: int) -> bool:
    return wrap - WRAP_SLACK <= width(text) <= wrap + 2


def rejoin(lines: tuple[Line, ...], wrap: int) -> tuple[tuple[Line, ...], int]:
    """Join each full line that ends mid-sentence with the line after it.
    Never after sentence punctuation, never onto a heading, never after a
    line that is not full (a paragraph's last line is short)."""
    out: list[Line] = []
    last = ""  # the last printed line of the paragraph being joined
    joined = 0
    for line in lines:
        if out and _continues(out[-1].text, last, line.text, wrap):
            prev = out[-1]
            out[-1] = Line(prev.number, _glue(prev.text, line.text))
            joined += 1
        else:
            out.append(line)
        last = line.text
    return tuple(out), joined


def _continues(paragraph: str, last: str, after: str, wrap: int) -> bool:
    if ends_sentence(last) or is_heading(after) or not _full(last, wrap):
        return False
    if paragraph == last and is_heading(last) and not re.search("[，。；：,;:]", last):
        # A heading alone on a full line: it goes on only into a short line that ends
        # no sentence (its own rest), not into a paragraph (a full line, or a sentence).
        return not _full(after, wrap) and not ends_sentence(after) and len(after) <= 30
    return True


def _glue(before: str, after: str) -> str:
    """Two pieces of one printed sentence: Chinese joins without a space, and
    so do the halves of a number broken at the line end (12 / 3件 -> 123件);
    two words of Latin letters keep a space between them."""
    a, b = before[-1:], after[:1]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
        return before + " " + after
    return before + after


# --- page numbers and running headers ---------------------------------------------------

PAGE_NUMBER_REASON = "页码（从 PDF 或 Word 文件带来的）"
HEADER_REASON = "页眉（每页重复出现的行）"
BARE_NUMBER = re.compile(r"^(\d{1,3})(?:\s*[/／]\s*\d{1,3})?$")


def page_numbers(lines: tuple[Line, ...], wrapped: bool) -> list[int]:
    """Line numbers of page-number lines in the body. A decorated number (— 3 —,
    第 3 页) anywhere; a bare number only in wrapped text, between two lines of
    text, and only where the bare numbers rise page by page."""
    found = [line.number for line in lines if PAGE_NUMBER.match(line.text.strip())]
    if not wrapped:
        return found
    bare: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        m = BARE_NUMBER.match(line.text.strip())
        if not m or i == 0 or i == len(lines) - 1:
            continue
        if not (_texty(lines[i - 1].text) and _texty(lines[i + 1].text)):
            continue  # a cell of a table printed one per line
        bare.append((line.number, int(m.group(1))))
    values = [v for _, v in bare]
    if bare and all(b > a for a, b in zip(values, values[1:])) and values[0] <= 3 + len(values):
        found.extend(number for number, _ in bare)
    return sorted(found)


def _texty(text: str) -> bool:
    return len(re.findall(f"[{HAN}]", text)) >= 6


def running_headers(lines: tuple[Line, ...], page: Page) -> list[int]:
    """Line numbers of a running header: a short line, not a heading nor a
    sentence, printed again and again at regular intervals through the body
    (digits aside: 某县人民政府文件 第3页)."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s", "", text))

    positions: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        t = line.text.strip()
        if len(t) > 40 or is_heading(t) or re.search("[。；，！？]", t) or len(re.findall(f"[{HAN}]", t)) < 4:
            continue
        positions.setdefault(key(t), []).append(i)
    frame = Counter(key(p.text) for p in page.lines if p.role != "body")
    breaks = {i for i, line in enumerate(lines) if PAGE_NUMBER.match(line.text.strip())}
    found: list[int] = []
    for k, at in positions.items():
        # Three printings, or two that each stand next to a page number (a page break).
        at_breaks = all(i - 1 in breaks or i + 1 in breaks for i in at)
        if len(at) < 2 or (len(at) + frame.get(k, 0) < 3 and not at_breaks):
            continue
        gaps = [b - a for a, b in zip(at, at[1:])]
        if min(gaps) < 5 or (len(gaps) > 1 and max(gaps) > 2.5 * min(gaps)):
            continue  # pages hold more than a few lines, and about as many each
        found.extend(lines[i].number for i in at)
    return sorted(found)


# --- truncation ---------------------------------------------------------------------------

NOTICE_REASON = "文档分享网站的提示（阅读、下载、付费）"
# A document-sharing site's calls to action: read on, unlock, pay, download. A
# government page asks for none of these; they come with a count of pages or
# words left out, a membership, points or coupons, or the words 全文/文档.
CUT_NOTICE = (r"(?:还剩|剩余|余下)\s*\d+\s*页|\d+\s*页未读|继续(?:免费)?阅读|"
              r"(?:开头|中间|结尾|部分)(?:部分)?(?:内容)?已省略\s*\d*\s*字|已省略\s*\d+\s*字|"
              r"VIP|会员(?:专享|免费|下载)|(?:积分|下载券|金币)\s*(?:下载|兑换)|(?:付费|免费)下载|"
              r"下载(?:全文|文档|本文档|完整版)|文档贡献者|需\s*登录")
# Anywhere on the page (a government site's frame may say 阅读全文 or 立即下载 of its own app).
SHARING_PAGE = re.compile(CUT_NOTICE, re.I)
# A line inside the body: there, 展开全文 or 立即下载 on a line of its own is a notice too.
SHARING = re.compile(CUT_NOTICE + r"|展开(?:阅读)?全文|阅读全文|查看(?:完整|全部)?全文|(?:立即|一键)下载|免费阅读", re.I)


def sharing_notices(lines: tuple[Line, ...]) -> list[int]:
    """Line numbers of body lines that are a document-sharing site's notice:
    short lines (no report sentence) holding one of its calls to action."""
    return [line.number for line in lines
            if len(line.text) <= 40 and not ends_sentence(line.text) and SHARING.search(line.text)]


def _sharing_in_frame(page: Page) -> list[str]:
    return [p.text for p in page.lines if p.role != "body" and SHARING_PAGE.search(p.text) and len(p.text) <= 80]


def cut_off(lines: tuple[Line, ...], page: Page) -> bool:
    """The body stops mid-sentence and nothing follows it: no signature, no
    date, no closing remark. A report's last paragraph ends a sentence."""
    if not lines:
        return False
    last = lines[-1].text.strip()
    if ends_sentence(last) or (is_heading(last) and len(last) <= 40 and not re.search("[。；]", last)):
        return False  # a heading may close a text (解读人及联系方式); one running into its paragraph may not
    if len(re.findall(f"[{HAN}]", last)) < 10 or len(last) < 20 or not re.match(f"[{HAN}]", last[-1]):
        return False  # a short line (a caption, a table's cell, a name) or a contact line (…电话：0563-…) says nothing
    if any(DATE_LINE.match(line.text.strip(" □?")) or org_names(line.text) for line in lines[-4:]):
        return False  # a signature the page did not tell apart from the body
    after = [p for p in page.lines if p.number > lines[-1].number]
    return not any(p.role in ("signature", "closing", "attachment") for p in after) \
        and not page.facts.signers and not page.facts.signed


# --- spam inside sentences ----------------------------------------------------------------

# A web address. Government reports cite government sites (…gov.cn) and a few
# public bodies' (…org.cn, …edu.cn); any other address inside the text is not
# the publisher's.
HOST_END = r"(?![A-Za-z]|\.[A-Za-z])"  # a host ends at its top-level domain, even with digits glued after it
URL = re.compile(
    rf"(?<![A-Za-z0-9@.-])(?:(?:https?://|www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*?\.[A-Za-z]{{2,6}}{HOST_END}"
    rf"|[A-Za-z0-9-]{{2,}}(?:\.[A-Za-z0-9-]{{2,}})*?\.(?:com|net|cc|vip|top|xyz|me|co|io|app|bet|club|info|biz|tv|la"
    rf"|shop|site|fun|win){HOST_END})(?::\d+)?(?:[/?#][A-Za-z0-9./_%?=&#:~+-]*)?",
    re.I)
# Hosts of public bodies and services: government, public institutions, a hotline's number (12315.cn).
PUBLIC_HOST = re.compile(r"(?:gov|org|edu|ac|mil)\.cn\b|\.gov\b|\bcourt\.|(?:^|[/.])\d{5,6}\.cn\b", re.I)
# The gambling trade's own words. A sentence about enforcement may name them (收缴老虎机).
TRADE = r"百家乐|老虎机|娱乐城|彩金|首存|存送|返水|真人视讯|电子游艺|体育投注|在线投注|网上投注|盘口|赔率"
GAMBLING_TRADE = re.compile(TRADE)
# Promotion out of the genre: gambling and game words (体育, 娱乐, 真人 …) glued to
# the vocabulary of an app or a site (官网, 登录入口, app下载, 注册 …), and the
# trade's words. A report speaks of 体育局, 体育彩票 or 打击赌博, never of 体育官网
# or 真人平台, and never of an app's entrance.
PROMOTION = re.compile(
    r"[A-Za-z0-9]{0,12}[\u4e00-\u9fff]{0,4}?(?:体育|娱乐|真人|电竞|彩票|棋牌|视讯|博彩|电子|游戏|赌场|娱乐城|彩经|竞彩)"
    r"(?:官方网站|官网|登录入口|登陆入口|登录|登陆|入口|网址|手机版|网页版|客户端|app|APP|App|下载|注册|开户|平台官网)+"
    r"|官网(?:登录|登陆|注册|入口|下载)(?:入口)?|(?:app|APP|App)下载(?:入口|官网)|" + TRADE)
# Words of a sentence about enforcement.
ENFORCING = re.compile(r"打击|查处|整治|取缔|赌博|涉赌|非法|违法|犯罪|收缴|查获|侦破")
DELIMITED = re.compile(r"[【\[（(「《]\s*([^】\]）)」》]{1,60})\s*[】\]）)」》]")


def spam_spans(text: str) -> list[tuple[int, int]]:
    """Where spam sits in a line: addresses outside public domains, and
    promotion phrases in a sentence that is not about enforcement."""
    spans: list[tuple[int, int]] = []
    for m in URL.finditer(text):
        if not PUBLIC_HOST.search(m.group()):
            spans.append(m.span())
    for m in PROMOTION.finditer(text):
        if GAMBLING_TRADE.fullmatch(m.group()) and ENFORCING.search(_sentence_at(text, m.start())):
            continue
        spans.append(m.span())
    return sorted(spans)


def _sentence_at(text: str, i: int) -> str:
    start = max(text.rfind(c, 0, i) for c in "。！？；") + 1
    ends = [j for j in (text.find(c, i) for c in "。！？；") if j >= 0]
    return text[start: min(ends) + 1 if ends else len(text)]


def remove_spam(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], list[str], list[str]]:
    """Spam removed where its span is clearly delimited (a bracketed aside, a
    whole line, an address standing between spaces or at the end of a
    sentence); elsewhere the sentence is named and left as published."""
    out: list[Line] = []
    removed: list[str] = []
    flagged: list[str] = []
    for line in lines:
        text = line.text
        spans = spam_spans(text)
        if not spans:
            out.append(line)
            continue
        cut: list[tuple[int, int]] = []
        for start, end in spans:
            whole = (start, end) if URL.fullmatch(text[start:end]) else _delimited(text, start, end)
            if whole is not None:
                cut.append(whole)
                removed.append(text[whole[0]:whole[1]].strip())
            else:
                flagged.append(("…" if start > 8 else "") + text[max(0, start - 8):end + 8] + ("…" if end + 8 < len(text) else ""))
        for start, end in sorted(set(cut), reverse=True):
            text = text[:start] + text[end:]
        text = re.sub(r"\s{2,}", " ", text).strip()
        if text:
            out.append(Line(line.number, text))
    return tuple(out), _unique(removed), _unique(flagged)


def _delimited(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span to cut when spam is clearly set apart from the report's words:
    the whole line, a bracketed aside holding nothing else, or a run of
    Latin letters and signs between spaces, brackets or sentence marks."""
    if not re.search(f"[{HAN}]", text[:start] + text[end:]):
        return 0, len(text)
    for m in DELIMITED.finditer(text):
        if m.start(1) <= start and end <= m.end(1):
            inner = m.group(1)
            if len(re.sub(r"\s", "", inner)) - (end - start) <= 4:
                return m.span()
    piece = text[start:end]
    if piece.isascii():
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if (before.isspace() or before in "，。；：、（(【[") and (after.isspace() or after in "，。；：、）)】]"):
            return start, end
    return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
