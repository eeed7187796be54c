"""Cleaned lines -> document structure.

Reads the body's numbered headings of the official ladder 一、 / （一） / 1. 1、 / （1） and
第一部分. Levels are assigned by nesting as the report uses them (a report may
put 第一部分 under 二、), not by a fixed table.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from generator.records import Cleaned, Diagnostic, Document, Line, Paragraph, Section

CN = "一二三四五六七八九十百零〇两"
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第[{CN}]{{1,3}}部分\s*[：:、.．]?\s*")),
    ("cn", re.compile(rf"^[{CN}]{{1,3}}、\s*")),
    ("cn-paren", re.compile(rf"^（[{CN}]{{1,3}}）\s*")),
    ("arabic", re.compile(r"^\d{1,2}\s*[.．、](?!\d)\s*")),
    ("arabic-paren", re.compile(r"^（\d{1,2}）\s*")),
)
# Verbs that open the first sentence after a heading when no punctuation
# separates them: （一）…更加全面有力强化顶层设计，印发… splits before 强化.
OPENING_VERBS = re.compile(
    "强化|深化|健全|坚持|加强|推进|完善|持续|印发|建立|落实|开展|制定|扎实|不断|认真|严格|围绕|聚焦|着力|大力|切实|全力|构建"
)
HEADING_MAX = 60  # a line this short with no full stop is a heading on its own
SENTENCE_MAX = 50  # a heading ends at a full stop within this many characters
CLAUSE_MAX = 20  # with no full stop, a first clause this short is the heading


def parse(cleaned: Cleaned) -> Document:
    """The body's headings and paragraphs; the title block and signature come
    from the page's frame, already told apart by ``page.segment``."""
    facts = cleaned.page.facts
    preamble, sections, diagnostics = _body(list(cleaned.lines))
    return Document(
        title_lines=(facts.title,) if facts.title else (),
        doc_number=facts.doc_number,
        addressee=facts.addressee,
        preamble=preamble,
        sections=sections,
        signers=facts.signers,
        signed=facts.signed,
        diagnostics=tuple(diagnostics),
    )


def heading_kind(text: str) -> tuple[str, str, str] | None:
    """Return (kind, marker, rest) when a line starts with a heading number."""
    for kind, pattern in MARKERS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            marker = match.group(0).strip()
            if kind == "part":  # 第一部分： -> 第一部分
                marker = marker.rstrip("：:、.．").strip()
            return kind, marker, text[match.end():]
    return None


def _body(lines: list[Line]):
    preamble: list[Paragraph] = []
    sections: list[Section] = []
    paragraphs: list[list[Paragraph]] = []  # each section's, joined once at the end (linear in the body)
    stack: list[str] = []  # heading kinds currently open, outermost first
    counters: list[int] = []
    used: set[str] = set()
    split = guessed = 0
    for line in lines:
        found = heading_kind(line.text)
        if found is None:
            paragraph = Paragraph(_anchor(line.text, used), line.text, line.number)
            if sections:
                paragraphs[-1].append(paragraph)
            else:
                preamble.append(paragraph)
            continue
        kind, marker, rest = found
        if kind in stack:
            depth = stack.index(kind)
            del stack[depth + 1 :]
            del counters[depth + 1 :]
            counters[depth] += 1
        else:
            stack.append(kind)
            counters.append(1)
        title, body, was_guessed = split_heading(rest)
        split += body is not None
        guessed += was_guessed
        section = Section(
            anchor="s" + "-".join(str(n) for n in counters),
            level=len(stack),
            number=marker,
            title=title,
            line=line.number,
            split_guessed=was_guessed,
            kind=kind,
        )
        sections.append(section)
        paragraphs.append([Paragraph(_anchor(body, used), body, line.number)] if body else [])
    sections = [replace(s, paragraphs=tuple(p)) for s, p in zip(sections, paragraphs)]
    diagnostics = []
    if split:
        diagnostics.append(Diagnostic("heading-split", "标题与正文同处一行，已拆分为标题和段落", split))
    if guessed:
        diagnostics.append(Diagnostic(
            "heading-split-guessed", "标题与正文之间没有标点，按句首动词推断分界，可能不准确", guessed))
    if not sections:
        diagnostics.append(Diagnostic("no-headings", "未识别出任何编号标题，全文按段落显示", 1, "warning"))
    return tuple(preamble), tuple(sections), diagnostics


def split_heading(rest: str) -> tuple[str, str | None, bool]:
    """Split the text after a heading number into (title, body, guessed)."""
    stop = rest.find("。")
    if 0 < stop <= SENTENCE_MAX:
        body = rest[stop + 1 :].strip()
        return rest[:stop], body or None, False
    if len(rest) <= HEADING_MAX and stop in (-1, len(rest) - 1):
        return rest.rstrip("。；;：:，,"), None, False
    first_clause = re.split("[，。；：]", rest, maxsplit=1)[0]
    if len(first_clause) <= CLAUSE_MAX and len(first_clause) < len(rest):
        # 2.严格规范性文件制定程序，… : a short first clause is the heading.
        return first_clause, rest[len(first_clause) + 1 :].strip(), True
    for match in OPENING_VERBS.finditer(first_clause[:SENTENCE_MAX]):
        if match.start() >= 6:
            return rest[: match.start()], rest[match.start():], True
    if len(first_clause) < len(rest) and len(first_clause) <= SENTENCE_MAX:
        return first_clause, rest[len(first_clause) + 1 :].strip(), True
    return rest[:SENTENCE_MAX], rest[SENTENCE_MAX:], True


def _anchor(text: str, used: set[str]) -> str:
    """A paragraph anchor that depends only on the paragraph's own text."""
    base = "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor
