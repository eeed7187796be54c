"""Benchmark: the MkDocs-and-publish phase of a rebuild after one added report.

    .venv/bin/python benchmarks/phase.py PROJECT [--profile FILE] [--add] [--seed 1]

PROJECT is a project `benchmarks/rebuild.py --keep DIR` left (DIR/project).
With --add, one more report of the varied corpus is added first (the next
one after those in content/reports/). Then one `fazhi build` runs in this
process, and the phase is timed from the build's "mkdocs renders the site"
line to its end: wall seconds, CPU seconds of this process (every thread:
the indexer's Python work too) and of its waited-for children (Pagefind).
With --profile, the build runs under cProfile (CPU time) and the statistics go to FILE
(the phase's share is what run_mkdocs and the calls after the pages'
generation take). Run it from the project's folder with PYTHONPATH naming the
code to measure (a `git archive` snapshot), as rebuild.py runs builds.

Any change to the generator's source changes the reading cache's keys and
the site's stamp, so the first build of other code reads every report and
renders every page again. To compare code that changes neither what is read
nor a byte of the pages (as a change to this phase must not), --as-built-by
DIR takes the cache's version from the generator in DIR (the snapshot that
last built the project) and the site's stamp from the project's record of
it: the build measured then does what it would do after one added report.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import resource
import sys
import time
from pathlib import Path

import corpus  # benchmarks/ is on the path when a script of it runs


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def as_built_by(folder: Path, project) -> None:
    """The cache's version as the generator in folder made it, and the
    site's stamp as the project's record of it says (see the module's text)."""
    import generator
    from generator import version
    from generator.build import cache, pipeline
    from generator.site import compare, publish

    digest = hashlib.sha256(generator.__version__.encode())
    source = folder / "generator"
    for path in sorted(source.rglob("*.py")):
        digest.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes())
    version.add_versions(digest, version.LIBRARIES)
    pinned = digest.hexdigest()
    for module in (cache, compare, publish):
        module.generator_version = lambda: pinned  # type: ignore[attr-defined]
    stamp = project.site_stamp.read_text(encoding="utf-8")
    pipeline.site_stamp = lambda config, overrides: stamp  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--add", action="store_true", help="add one report of the varied corpus first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="write cProfile statistics of the build here")
    parser.add_argument("--as-built-by", type=Path, help="the generator that last built the project (its folder)")
    args = parser.parse_args()
    from generator.build.pipeline import Project, build

    if args.as_built_by:
        as_built_by(args.as_built_by, Project(args.project.resolve()))

    root = args.project.resolve()
    reports = root / "content" / "reports"
    if args.add:
        count = sum(1 for _ in reports.glob("*.yml"))
        corpus.write(reports, 1, start=count, seed=args.seed)
        print(f"added report {count} of the varied corpus", flush=True)
    marks: dict[str, tuple[float, float, float]] = {}

    def mark(name: str) -> None:
        marks[name] = (time.perf_counter(), time.process_time(), children_cpu())

    def progress(line: str) -> None:
        if line.startswith("mkdocs renders"):
            mark("phase")
        print(f"  {time.perf_counter() - marks['start'][0]:7.1f} s  {line}", file=sys.stderr, flush=True)

    mark("start")
    profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU: the machine is shared
    if profiler:
        profiler.enable()
    summary = build(Project(root), progress=progress)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    mark("end")
    start, phase, end = marks["start"], marks.get("phase", marks["end"]), marks["end"]
    print(f"build: {end[0] - start[0]:.1f} s wall, {end[1] - start[1]:.1f} s CPU (+{end[2] - start[2]:.1f} children); "
          f"{summary.reports} reports")
    print(f"phase (mkdocs and publishing): {end[0] - phase[0]:.2f} s wall, {end[1] - phase[1]:.2f} s CPU "
          f"(+{end[2] - phase[2]:.2f} children)")


if __name__ == "__main__":
    main()
