"""Benchmark: the search index alone, made again for a built project.

    .venv/bin/python benchmarks/reindex.py PROJECT [--fresh]

PROJECT is a project a build has finished in (e.g. `benchmarks/rebuild.py
--keep DIR` leaves DIR/project). Its reports are taken from the build's
report cache (build/cache/*.pickle, whatever generator wrote them: the
records are the same shape), so the search index can be measured after a
change to generator/search/ without reading and rendering the corpus again
(any change to the generator's source invalidates the whole cache for
`fazhi build`). Then the index is built into build/search/ as a build does
(build_search_index: only what changed, or everything with --fresh) and
published into site/pagefind/, with the page's script
(overrides/assets/javascripts/search.js, which reads what the index holds)
copied into site/assets/ (as a new file: a project copied with hard
links keeps its original's). Prints the time, the peak resident memory of
the Pagefind processes (the largest one and all at once, sampled from /proc
every 0.2 s) and of this process, and the index's bytes by kind against the
text.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

from generator.analyse.taxonomy import load_taxonomy
from generator.build.cache import UNREADABLE, read_entry, unpack_held, unpack_text
from generator.search import index as search
from generator.search.index import build_search_index, publish_search_index, record_size, search_records, units_of


def pagefind_memory(done: threading.Event, peaks: dict[str, int], folder: Path) -> None:
    """Sample the resident memory (KiB) of the Pagefind processes indexing
    under folder until done."""
    largest = summed = 0
    while not done.is_set():
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
                ours = b"pagefind" in argv[0] and any(a.startswith(bytes(folder)) for a in argv)
                status = (entry / "status").read_text() if ours else ""
            except OSError:
                continue
            if entry.name == str(os.getpid()) or not status:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            rss = int(fields.get("VmRSS", "0 kB").split()[0])
            largest = max(largest, int(fields.get("VmHWM", "0 kB").split()[0]))
            total += rss
        summed = max(summed, total)
        time.sleep(0.2)
    peaks.update(largest=largest, summed=summed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--fresh", action="store_true", help="index everything again (build/search/ emptied)")
    parser.add_argument("--base-characters", type=int, help="parts of this many characters (index.BASE_CHARACTERS)")
    args = parser.parse_args()
    if args.base_characters:
        search.BASE_CHARACTERS = args.base_characters
    project = args.project.resolve()
    taxonomy = load_taxonomy(project / "content")
    reports = []
    for path in sorted((project / "build" / "cache").glob("*.pickle")):
        try:
            entry = read_entry(path)  # the held report (without its text) and its text
            reports.append(unpack_text(unpack_held(entry[2]), entry[3]))
        except UNREADABLE:
            continue  # not a report's entry of this generator's format
    records = list(search_records(reports, taxonomy))
    del reports
    text = sum(record_size(r) for r in records if r.key.startswith("reports/"))
    cache = project / "build" / "search"
    if args.fresh:
        shutil.rmtree(cache, ignore_errors=True)
    done = threading.Event()
    peaks: dict[str, int] = {}
    sampler = threading.Thread(target=pagefind_memory, args=(done, peaks, cache))
    sampler.start()
    started = time.perf_counter()
    try:
        index = build_search_index(records, cache)
        publish_search_index(index, cache, project / "site")
        script = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "search.js"
        target = project / "site" / "assets" / "javascripts" / "search.js"
        target.unlink(missing_ok=True)
        shutil.copyfile(script, target)
    finally:
        done.set()
        sampler.join()
    seconds = time.perf_counter() - started
    site = project / "site" / "pagefind"
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    routes = sum(p.stat().st_size for p in (site / "routes").rglob("*") if p.is_file()) if (site / "routes").is_dir() else 0
    chunks = sum(p.stat().st_size for p in site.glob("*/index/*.pf_index"))
    fragments = sum(p.stat().st_size for p in site.glob("*/fragment/*.pf_fragment"))
    text_bytes = sum(len(t.encode("utf-8")) for r in records if r.key.startswith("reports/") for _, t in units_of(r))
    print(f"{len(records)} records ({text:,} characters, {text_bytes / 1e6:.1f} MB of their text); "
          f"{index.rebuilt} shards indexed in {seconds:.1f} s; {len(index.shards)} shards; "
          f"Pagefind processes: largest {peaks['largest'] / 1024:.0f} MiB, all at once {peaks['summed'] / 1024:.0f} "
          f"MiB; this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          f"pagefind/ {size / 1e6:.1f} MB (chunks {chunks / 1e6:.1f} MB, fragments {fragments / 1e6:.1f} MB, "
          f"routing table {routes / 1e6:.1f} MB in {len(list((site / 'routes').glob('*.json'))) if routes else 0} "
          f"files, the rest {(size - chunks - fragments - routes) / 1e6:.1f} MB); index ÷ text "
          f"{size / text_bytes:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
