"""Where the bytes of a built site go.

    .venv/bin/python benchmarks/weight.py SITE [--text BYTES] [--kinds]

For each top-level folder of SITE: its files' bytes, and for its HTML pages
the bytes of the page frame (everything outside the <article>: Material's
header, tabs, navigation, footer, scripts), of the article's markup (tags and
attributes) and of the article's text (what a reader reads). For report
pages, the article's parts: theme chips, the contents block, the frame-line
table, the report card, paragraphs' own markup. With --text (the corpus's
text bytes) each figure is also given as a multiple of it. With --kinds,
a report page taken apart byte by byte (report_kinds): every byte of the
average page in exactly one kind (the frame's parts, the card's, the text
itself, its markup, chips, the cleaning record, related reports …).
"""
from __future__ import annotations

import argparse
import html
import re
from collections import Counter
from pathlib import Path

TAG = re.compile(r"<[^>]*>")
PARTS = {
    "chips": re.compile(r'<p class="theme-chips".*?</p>', re.S),
    "contents": re.compile(r'<details class="page-toc">.*?</details>', re.S),
    "frame table": re.compile(r'<details class="report-frame">.*?</details>', re.S),
    "card": re.compile(r'<section class="report-card".*?</section>', re.S),
    "related": re.compile(r'<section class="report-links".*?</section>', re.S),
    "cleaning": re.compile(r'<section class="report-cleaning".*?</section>', re.S),
}


def weigh(site: Path) -> tuple[Counter, Counter]:
    folders: Counter = Counter()
    parts: Counter = Counter()
    seen: set[tuple[int, int]] = set()
    for path in site.rglob("*"):
        st = path.lstat()
        if not path.is_file() or (st.st_dev, st.st_ino) in seen:
            continue
        seen.add((st.st_dev, st.st_ino))
        rel = path.relative_to(site)
        folder = rel.parts[0] + "/" if len(rel.parts) > 1 else "(top)"
        folders[folder, "files"] += st.st_size
        if path.suffix != ".html":
            continue
        page = path.read_text(encoding="utf-8")
        start, end = page.find("<article"), page.rfind("</article>")
        if start < 0:
            continue
        article = page[start:end]
        text = len(TAG.sub("", article).encode("utf-8"))
        folders[folder, "frame"] += len(page.encode("utf-8")) - len(article.encode("utf-8"))
        folders[folder, "markup"] += len(article.encode("utf-8")) - text
        folders[folder, "text"] += text
        folders[folder, "pages"] += 1
        if folder == "reports/":
            for name, pattern in PARTS.items():
                parts[name] += sum(len(m.group(0).encode("utf-8")) for m in pattern.finditer(article))
            parts["paragraph markup"] += sum(len(m.group(0)) for m in re.finditer(r'<p id="[^"]*"[^>]*>|<a class="para-link"[^>]*>¶</a>|</p>', article))
            parts["heading links"] += sum(len(m.group(0)) for m in re.finditer(r'<a class="headerlink"[^>]*>#</a>', article))
    return folders, parts


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _visible(markup: str) -> int:
    """Bytes of the text a reader reads in markup (tags out, entities decoded)."""
    return _size(html.unescape(TAG.sub("", markup)))


FRAME_KINDS = (
    ("frame: <head>", re.compile(r"\A.*?</head>", re.S)),
    ("frame: header", re.compile(r"<header.*?</header>", re.S)),
    ("frame: tabs", re.compile(r'<nav class="md-tabs".*?</nav>', re.S)),
    ("frame: sidebars", re.compile(r'<div class="md-sidebar md-sidebar--primary".*?(?=<div class="md-content")', re.S)),
    ("frame: footer", re.compile(r"<footer.*?</footer>", re.S)),
    ("frame: config and scripts", re.compile(r'<script id="__config".*?</script>|<script src=[^>]*></script>', re.S)),
)
# A paragraph's end: its </p>, or (pages omit it where the standard lets
# them, generator/plugins/compact.py) the next block or its parent's end.
P_END = r"(?:</p>|(?=<(?:p|div|ul|ol|dl|section|table|h[1-6])[ >]|</(?:section|div|article|dd|li)>))"
CARD_KINDS = (
    ("card: legend", re.compile(r'<p class="report-card__legend">.*?' + P_END, re.S)),
    ("card: official address", re.compile(r'<p class="report-card__official">.*?' + P_END, re.S)),
    ("card: citation", re.compile(r'<div class="cite".*?</div>', re.S)),
    ("card: reader and series links", re.compile(r'<p class="report-card__more">.*?' + P_END, re.S)),
    ("card: downloads", re.compile(r'<p class="report-card__downloads">.*?' + P_END, re.S)),
    ("card: twins", re.compile(r'<p class="report-card__twins">.*?' + P_END, re.S)),
)
ARTICLE_KINDS = (
    ("five parts block", re.compile(r'<section class="report-parts".*?</section>', re.S)),
    ("crumbs", re.compile(r'<nav class="crumbs".*?</nav>', re.S)),
    ("title (h1)", re.compile(r"<h1>.*?</h1>", re.S)),
    ("contents block (empty, made by fazhi.js)", re.compile(r'<details class="page-toc".*?</details>', re.S)),
    ("shared-template marks (style)", re.compile(r"<style>.*?</style>", re.S)),
    ("legend of lost characters", re.compile(r'<p class="lost-legend">.*?</p>', re.S)),
    ("cleaning: frame-line table", re.compile(r'<details class="report-frame">.*?</details>', re.S)),
    ("cleaning: steps", re.compile(r'<section class="report-cleaning".*?</section>', re.S)),
    ("related reports", re.compile(r'<section class="report-links".*?</section>', re.S)),
    ("packed record (cleaning, related; gzip+base64)", re.compile(r'<script type="application/gzip-base64".*?</script>', re.S)),
)
TEXT_KINDS = (
    ("text: theme chips (data)", re.compile(r'<p class="theme-chips"[^>]*></p>| data-t="[^"]*"')),
    ("text: theme names and pages (JSON)", re.compile(r'<script type="application/json" id="theme-chips-data">.*?</script>', re.S)),
)


def report_kinds(page: str) -> Counter:
    """A report page's bytes by kind; the kinds add up to the page."""
    out: Counter = Counter()
    start, end = page.find('<article class="md-content__inner'), page.rfind("</article>")
    frame = page[:start] + "\x00" + page[end:]
    for name, pattern in FRAME_KINDS:
        for m in pattern.finditer(frame):
            out[name] += _size(m.group(0))
        frame = pattern.sub("", frame)
    out["frame: the rest (body, skip link, toggles, dialog, back to top)"] += _size(frame.replace("\x00", ""))
    article = page[start:end]
    t0 = article.find('<article class="report-text">')
    t1 = article.find("</article>", t0)
    text, article = article[t0:t1 + len("</article>")], article[:t0] + article[t1 + len("</article>"):]
    card = re.search(r'<section class="report-card".*?</section>', article, re.S)
    if card:
        article = article.replace(card.group(0), "")
        rest = card.group(0)
        for name, pattern in CARD_KINDS:
            for m in pattern.finditer(rest):
                out[name] += _size(m.group(0))
            rest = pattern.sub("", rest)
        rows = [m.group(0) for m in re.finditer(r"<div[^>]*>\s*<dt>.*?(?:</dd>)?\s*</div>", rest, re.S)]
        out["card: rows, their text"] += sum(_visible(r) for r in rows)
        out["card: rows, markup"] += sum(_size(r) - _visible(r) for r in rows)
        for r in rows:
            rest = rest.replace(r, "", 1)
        out["card: the rest"] += _size(rest)
    for name, pattern in ARTICLE_KINDS:
        for m in pattern.finditer(article):
            out[name] += _size(m.group(0))
        article = pattern.sub("", article)
    out["article: the rest"] += _size(article)
    for name, pattern in TEXT_KINDS:
        for m in pattern.finditer(text):
            out[name] += _size(m.group(0))
        text = pattern.sub("", text)
    tables = re.findall(r'<p class="report-table__caption">.*?' + P_END + r'|<table.*?</table>', text, re.S)
    out["text: tables, their text"] += sum(_visible(t) for t in tables)
    out["text: tables, markup"] += sum(_size(t) - _visible(t) for t in tables)
    for t in tables:
        text = text.replace(t, "", 1)
    heads = re.findall(r"<h[2-6][^>]*>.*?</h[2-6]>", text, re.S)
    out["text: headings, their text"] += sum(_visible(h) for h in heads)
    out["text: headings, markup (tags, ids)"] += sum(_size(h) - _visible(h) for h in heads)
    for h in heads:
        text = text.replace(h, "", 1)
    spans = re.compile(r"<span id=\"[^\"]*\"[^>]*>|</span>")
    out["text: passage spans (tags, ids)"] += sum(_size(m.group(0)) for m in spans.finditer(text))
    text = spans.sub("", text)
    paragraphs = re.compile(r'<p id="[^"]*">|</p>|<p class="signature">|<br>')
    out["text: paragraph tags, ids"] += sum(_size(m.group(0)) for m in paragraphs.finditer(text))
    text = paragraphs.sub("", text)
    out["text: other tags"] += sum(_size(m) for m in TAG.findall(text))
    text = TAG.sub("", text)
    out["text: paragraphs, their text"] += _size(html.unescape(text))
    out["text: entities (&lt; …) beyond their characters"] += _size(text) - _size(html.unescape(text))
    return out


def kinds_table(site: Path, scale: int) -> list[str]:
    """The average report page of site by kind, as Markdown table rows."""
    pages = sorted(site.glob("reports/*/index.html"))
    total: Counter = Counter()
    for path in pages:
        total.update(report_kinds(path.read_text(encoding="utf-8")))
    whole = sum(total.values())
    n = max(len(pages), 1)
    lines = [f"{len(pages)} report pages, {whole / n:,.0f} bytes on average",
             "| kind | bytes a page | share | × the text |", "|---|---|---|---|"]
    for name, value in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        if value:
            lines.append(f"| {name} | {value / n:,.0f} | {value / whole:.1%} | {value / scale:.3f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--text", type=int, help="the corpus's text bytes")
    parser.add_argument("--kinds", action="store_true", help="the average report page, byte by byte")
    args = parser.parse_args()
    folders, parts = weigh(args.site)
    scale = args.text or 1

    def fmt(n: int) -> str:
        return f"{n / 1e6:.1f} MB" + (f" ({n / scale:.2f})" if args.text else "")

    total = sum(v for (_, kind), v in folders.items() if kind == "files")
    print(f"site: {fmt(total)}")
    print("| folder | files | HTML pages | page frame | article markup | article text |")
    print("|---|---|---|---|---|---|")
    names = sorted({f for f, _ in folders}, key=lambda f: -folders[f, "files"])
    for f in names:
        print(f"| {f} | {fmt(folders[f, 'files'])} | {folders[f, 'pages']} | {fmt(folders[f, 'frame'])} "
              f"| {fmt(folders[f, 'markup'])} | {fmt(folders[f, 'text'])} |")
    print("report pages' articles: " + ", ".join(f"{k} {fmt(v)}" for k, v in parts.most_common()))
    if args.kinds:
        print("\n".join(kinds_table(args.site, scale)))


if __name__ == "__main__":
    main()
