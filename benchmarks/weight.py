"""Where the bytes of a built site go.

    .venv/bin/python benchmarks/weight.py SITE [--text BYTES]

For each top-level folder of SITE: its files' bytes, and for its HTML pages
the bytes of the page frame (everything outside the <article>: Material's
header, tabs, navigation, footer, scripts), of the article's markup (tags and
attributes) and of the article's text (what a reader reads). For report
pages, the article's parts: theme chips, the contents block, the frame-line
table, the report card, paragraphs' own markup. With --text (the corpus's
text bytes) each figure is also given as a multiple of it.
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--text", type=int, help="the corpus's text bytes")
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


if __name__ == "__main__":
    main()
