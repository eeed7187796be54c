"""Benchmark: the CPU seconds of each step of a one-added rebuild's `generate`
(reading and making pages, no MkDocs), in process, of a project built before.

    PYTHONPATH=<snapshot> .venv/bin/python benchmarks/pages.py PROJECT --as-built-by SNAPSHOT [--add] [--profile FILE]

PROJECT is a project `benchmarks/rebuild.py --keep DIR` left (DIR/project),
or a copy of one (its build/ hard-linked: every file there is replaced, never
written in place). With --add, one more report of the varied corpus is added
first. --as-built-by pins the generator's version to the snapshot that built
the project (benchmarks/phase.py), so that other code of the pages measures a
rebuild, not a first build. Prints the CPU seconds of reading, of each step
before the groups and of each group of pages (made and written), the pages
written, and the load average. Set ORIGINALS_URL as the build that made
the project had it (rebuild.py --originals-url), or every report page is
made again. Figures are recorded in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import time
from collections.abc import Callable, Iterator

import corpus  # benchmarks/ is on the path when a script of it runs
import phase

STEPS = ("read_all", "find_series", "measures_site", "ordered_reports", "report_links", "write_packs")
GROUPS = ("measures' pages", "render_site", "compare_site", "publish_pages", "reader_site", "series_site",
          "search page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=os.path.abspath)
    parser.add_argument("--as-built-by", type=os.path.abspath)
    parser.add_argument("--add", action="store_true", help="add one report of the varied corpus first")
    parser.add_argument("--profile", help="write cProfile statistics (CPU) here")
    args = parser.parse_args()
    from pathlib import Path

    from generator.build import pipeline

    root = Path(args.project)
    if args.as_built_by:
        phase.as_built_by(Path(args.as_built_by), pipeline.Project(root))
    reports = root / "content" / "reports"
    if args.add:
        corpus.write(reports, 1, start=sum(1 for _ in reports.glob("*.yml")), seed=1)
    times: list[tuple[str, float]] = []

    def timed(name: str, step: Callable) -> Callable:
        def run(*a, **k):
            started = time.process_time()
            try:
                return step(*a, **k)
            finally:
                times.append((name, time.process_time() - started))
        return run

    for name in STEPS:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))

    def one_group_at_a_time(groups: list) -> Iterator:
        n = 0
        while groups:
            started = time.process_time()
            yield from groups.pop(0)()
            times.append((f"group {GROUPS[n] if n < len(GROUPS) else n}", time.process_time() - started))
            n += 1

    pipeline.one_group_at_a_time = one_group_at_a_time  # type: ignore[assignment]
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    _, _, written, _ = pipeline.generate(pipeline.Project(root))
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    for name, seconds in times:
        print(f"{name:28s} {seconds:7.2f}")
    print(f"{'generate':28s} {time.process_time() - cpu:7.2f} CPU, {time.perf_counter() - wall:.1f} s wall; "
          f"{written.written} pages written, {written.unchanged} unchanged; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
