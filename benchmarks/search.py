"""Benchmark: search on a built site, in headless Chromium, against a grep.

    .venv/bin/python benchmarks/search.py PROJECT [--queries 行政复议 调解 …] [--repeat 3]
    .venv/bin/python benchmarks/search.py PROJECT --material   (a site built with Material's search)

PROJECT is a built project folder (e.g. the one `benchmarks/rebuild.py --keep
DIR` leaves in DIR/project). For the reader's first search (a fresh browser
page opening /search/?q=行政复议) it records what was transferred: every
response's body as served, and the same with text files gzipped as static
hosts serve them (Pagefind's own index files are gzipped already), and the
time until results are drawn. Then for each query it asks the search page's
module for every matching report and compares with a grep of the published
text (each report's title and build/docs/reports/<slug>/<slug>.txt): recall,
precision. Prints a
Markdown table for benchmarks/RESULTS.md. With --material (a site built
before issue 12, with Material's lunr search) it measures only the first
search: what it transfers and when its results are drawn.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import sync_playwright

QUERIES = ["调解", "复议", "执法", "信访", "普法", "行政复议", "人民调解", "营商环境", "矛盾纠纷", "行政执法",
           "法治政府", "人民政府", "依法行政", "行政复议委员会",
           "综合行政执法", "法治政府建设", "重大行政决策", "规范性文件", "法律顾问", "行政应诉", "一网通办",
           "公共法律服务", "合法性审查", "行政执法三项制度", "政务公开", "多元化解", "放管服"]
TEXT = (".js", ".json", ".html", ".css", ".svg", ".xml", ".csv", ".txt")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def served_size(site: Path, url: str, body: int) -> int:
    """The bytes a static host sends: gzip for text, as is for the rest."""
    path = site / unquote(urlparse(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if path.suffix in TEXT and path.is_file():
        return len(gzip.compress(path.read_bytes(), 6))
    return body


@functools.cache
def published(project: Path) -> dict[str, str]:
    """Each report's published text: its title (the page's heading, from
    the front matter of build/docs/reports/<slug>/index.md) and its text
    (<slug>.txt). Read once for every query."""
    out = {}
    for d in (project / "build" / "docs" / "reports").iterdir():
        with (d / "index.md").open(encoding="utf-8") as page:
            page.readline()  # ---
            title = json.loads(page.readline())["title"]
        out[d.name] = title + "\n" + (d / f"{d.name}.txt").read_text(encoding="utf-8")
    return out


def grep(project: Path, word: str) -> set[str]:
    return {slug for slug, text in published(project).items() if word in text}


def material(site: Path, query: str) -> None:
    """The first search with Material's search box: its index is one file."""
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = site / "search" / "search_index.json"
    print(f"site: {site}; search index {index.stat().st_size / 2**20:.1f} MiB, "
          f"{len(gzip.compress(index.read_bytes(), 6)) / 2**20:.1f} MiB gzipped")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        sizes: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
        page.goto(base)
        page.wait_for_load_state("load")
        started = time.perf_counter()
        page.locator(".md-search__input").click()
        page.wait_for_function(
            "() => { const m = document.querySelector('.md-search-result__meta');"
            " return m && m.textContent.trim() && !m.textContent.includes('初始化'); }", timeout=600_000)
        page.locator(".md-search__input").fill(query)
        page.locator(".md-search__input").press("End")
        page.wait_for_selector(".md-search-result__item", timeout=600_000)
        seconds = time.perf_counter() - started
        meta = page.inner_text(".md-search-result__meta")
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        search = [(u, n) for u, n in sizes if "/search/" in u or "search" in u.rsplit("/", 1)[-1]]
        sent = sum(served_size(site, u, n) for u, n in search)
        print(f"first search {query}: {sum(n for _, n in search) / 1024:.0f} KiB of search files as served here, "
              f"{sent / 1024:.0f} KiB with text gzipped, results drawn {seconds:.1f} s after opening the box, "
              f"page JS heap {heap / 2**20:.0f} MiB; Material says: {meta}")
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--queries", nargs="*", default=QUERIES)
    parser.add_argument("--first", default="行政复议")
    parser.add_argument("--show", type=int, default=8, help="list this many of the largest responses")
    parser.add_argument("--material", action="store_true", help="the site uses Material's search")
    parser.add_argument("--repeat", type=int, default=1,
                        help="ask each query this many times and give its fastest (a busy machine's noise)")
    parser.add_argument("--first-only", action="store_true",
                        help="measure only the first search (recall asks for every result's record)")
    args = parser.parse_args()
    if args.material:
        return material(args.project / "site", args.first)
    site = args.project / "site"
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    reports = len(list((args.project / "build" / "docs" / "reports").iterdir()))
    index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    print(f"site: {site} ({reports} reports); search index {index_bytes / 2**20:.1f} MiB")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        # 1. the reader's first search, in a fresh page (no cache)
        page = browser.new_page()
        page.goto(base + "search/")
        page.wait_for_load_state("load")
        sizes: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
        started = time.perf_counter()
        page.fill("#fazhi-search input[name=q]", args.first)
        page.click("#fazhi-search button.md-button--primary")
        page.wait_for_selector("#fazhi-search[data-state=done]", timeout=120_000)
        first_seconds = time.perf_counter() - started
        raw = sum(n for _, n in sizes)
        sent = sum(served_size(site, u, n) for u, n in sizes)
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
        print(f"first search {args.first}: {len(sizes)} requests, {raw / 1024:.0f} KiB as served here, "
              f"{sent / 1024:.0f} KiB with text gzipped, results drawn in {first_seconds:.2f} s, "
              f"page JS heap {heap / 2**20:.1f} MiB")
        for url, n in sorted(sizes, key=lambda x: -x[1])[:args.show]:
            print(f"    {n / 1024:8.1f} KiB  {url.removeprefix(base)}")
        page.close()
        if args.first_only:
            browser.close()
            server.shutdown()
            return
        # 2. recall and precision of every query, through the page's own module
        page = browser.new_page()
        page.goto(base + "search/")
        page.wait_for_load_state("load")
        page.evaluate("""async () => {
            const m = await import(new URL('../assets/javascripts/search.js', location.href).href);
            window.searchModule = m;
            window.searchIndex = await m.openIndex(new URL('../pagefind/', location.href));
        }""")
        # The base's result ids name their reports in build/search/state.json, so
        # only results of the delta and theme shards fetch their record to be
        # named: at 10,000 reports fetching every result's record would move
        # hundreds of MB per query.
        state = json.loads((args.project / "build" / "search" / "state.json").read_text(encoding="utf-8"))
        known = {entry[1]: key.split("/", 1)[1] for key, entry in state["base"].items() if entry[1]}
        rows = []
        for query in args.queries:
            seconds = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                named = page.evaluate("""async ([q, known]) => {
                    const found = await window.searchModule.find(window.searchIndex, q, {});
                    const ids = new Set(known);
                    const out = [];
                    for (const f of found) {
                        if (ids.has(f.result.id)) out.push(["id", f.result.id]);
                        else out.push(["url", (await f.result.data()).url]);
                    }
                    return out;
                }""", [query, list(known)])
                seconds = min(seconds, time.perf_counter() - started)
            found = {known[v] if kind == "id" else v.split("/")[2] for kind, v in named
                     if kind == "id" or v.startswith("/reports/")}
            expected = grep(args.project, query)
            hits = len(found & expected)
            recall = hits / len(expected) if expected else 1.0
            precision = hits / len(found) if found else (1.0 if not expected else 0.0)
            rows.append((query, len(expected), len(found), recall, precision, seconds,
                         len(expected - found), len(found - expected)))
        page.close()
        browser.close()
    print()
    print("| query | reports containing it (grep) | found | missed | extra | recall | precision | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for q, e, f, r, pr, s, missed, extra in rows:
        print(f"| {q} | {e} | {f} | {missed} | {extra} | {r:.2f} | {pr:.2f} | {s:.1f} |")
    print(f"\n{len(rows)} queries: min recall {min(r[3] for r in rows):.2f}, "
          f"min precision {min(r[4] for r in rows):.2f}, median {statistics.median(r[5] for r in rows):.1f} s, "
          f"sum {sum(r[5] for r in rows):.1f} s")
    server.shutdown()
    if min(min(r[3], r[4]) for r in rows) < 0.95:
        sys.exit(1)


if __name__ == "__main__":
    main()
