"""Benchmark: the MkDocs phase of a full build, CPU by step and by kind of page.

    PYTHONPATH=SNAPSHOT .venv/bin/python benchmarks/mkdocs_kinds.py PROJECT [--profile FILE]

Runs the pipeline's `run_mkdocs` (a full build, no search index) over a built
project's docs, as `fazhi build --clean` runs it after the pages are made,
and times with the process's CPU clock: each page's conversion (MkDocs'
_populate_page: reading, Markdown, the plugins' page events) and rendering
(_build_page: Material's templates, fazhi-compact, the write), summed by
kind of page (the first folder of its docs path; the home page and
single pages as `top`), and the steps around them (the files and the
navigation, static files, the anchors' check, the report pages filled by
frames.fill_reports). With --profile, a cProfile of the same run with a CPU
timer. The site is built into PROJECT/site as a build would.
"""
from __future__ import annotations

import argparse
import collections
import cProfile
import functools
import os
import sys
import time
from pathlib import Path


def kind_of(src_uri: str) -> str:
    head, _, rest = src_uri.partition("/")
    return head if rest else "top"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()

    import mkdocs.commands.build as mkbuild
    import mkdocs.structure.files as mkfiles
    import mkdocs.structure.nav as mknav

    from generator.build import pipeline
    from generator.plugins import frames

    cpu: collections.Counter[str] = collections.Counter()
    count: collections.Counter[str] = collections.Counter()

    def timed(name: str, fn, by_page: bool = False):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            start = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                key = f"{name} {kind_of(a[0].file.src_uri)}" if by_page else name
                cpu[key] += time.process_time() - start
                count[key] += 1
        return wrapper

    mkbuild._populate_page = timed("convert", mkbuild._populate_page, True)
    mkbuild._build_page = timed("render", mkbuild._build_page, True)
    mkbuild.get_files = timed("get_files", mkbuild.get_files)
    mkbuild.get_navigation = timed("get_navigation", mknav.get_navigation)
    mkfiles.Files.copy_static_files = timed("copy_static_files", mkfiles.Files.copy_static_files)
    mkbuild._build_theme_template = timed("theme templates (sitemap, 404)", mkbuild._build_theme_template)
    from mkdocs.structure.pages import Page
    Page.validate_anchor_links = timed("validate_anchor_links", Page.validate_anchor_links)
    pipeline.fill_reports = timed("fill_reports", frames.fill_reports)

    project = pipeline.Project(args.project.resolve())
    profile = cProfile.Profile(time.process_time) if args.profile else None
    wall, start = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    pipeline.run_mkdocs(project, epoch=1700000000)
    if profile:
        profile.disable()
        profile.dump_stats(str(args.profile))
    total = time.process_time() - start
    print(f"run_mkdocs: {total:.1f} s CPU, {time.perf_counter() - wall:.1f} s wall, load {os.getloadavg()[0]:.1f}")
    for key in sorted(cpu, key=lambda k: -cpu[k]):
        n = count[key]
        print(f"{cpu[key]:9.2f} s {cpu[key] / total * 100:5.1f} %  {n:7d} x {cpu[key] / n * 1000:8.2f} ms  {key}")
    accounted = sum(cpu.values())  # the timed steps do not nest
    print(f"{total - accounted:9.2f} s unaccounted (MkDocs' own passes, plugins' file events, the swap)")


if __name__ == "__main__":
    sys.exit(main())
