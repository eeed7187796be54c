"""What publishing costs in an incremental build, with and without the spare.

    .venv/bin/python benchmarks/publish.py PROJECT [--runs 3]
    .venv/bin/python benchmarks/publish.py PROJECT --tree

PROJECT is a built project (e.g. one kept by `rebuild.py --keep DIR`:
DIR/project). Default: one report is edited and the project built `--runs`
times with the spare site (generator/build/spare.py) and as many times with
its record deleted first, alternately (the build then discards the spare and
copies site/ whole as hard links, as every incremental build did before), so
both kinds share the machine's load; each build is its own `python -m
generator build` process. The report file gets one line appended per run:
run it on a copy, never on a publisher's project.

--tree times the passes over the whole published tree that the spare
removes: a copy of site/ as hard links, the manifest's comparison of the two
trees, and the copy's deletion (into PROJECT/build/, removed afterwards).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed_build(project: Path) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "generator", "--root", str(project), "build"], check=True,
                   capture_output=True)
    return time.monotonic() - started


def alternate(project: Path, runs: int) -> None:
    reports = sorted((project / "content" / "reports").glob("*.txt"))
    report = reports[len(reports) // 2]
    record = project / "build" / "spare-site.json"
    times: dict[str, list[float]] = {"spare": [], "copy": []}
    # untimed: with another generator than the one that built it, the first build reads every report again
    print(f"warm-up build: {timed_build(project):.1f} s", flush=True)
    for i in range(runs):
        for kind in ("spare", "copy"):
            if kind == "copy":
                record.unlink(missing_ok=True)
            with report.open("a", encoding="utf-8") as f:
                f.write(f"\n第{i + 1}次修改（{kind}）：本段用于比较两种发布方式。\n")
            seconds = timed_build(project)
            times[kind].append(seconds)
            load = os.getloadavg()[0]
            print(f"run {i + 1}, {kind}: {seconds:.1f} s (load {load:.1f})", flush=True)
    for kind, values in times.items():
        print(f"{kind}: median {statistics.median(values):.1f} s of {', '.join(f'{v:.1f}' for v in values)}")


def tree(project: Path) -> None:
    from generator.build.incremental import link_copy
    from generator.build.manifest import changes

    site, copy = project / "site", project / "build" / "publish-benchmark-copy"
    shutil.rmtree(copy, ignore_errors=True)
    started = time.monotonic()
    link_copy(site, copy)
    linked = time.monotonic() - started
    started = time.monotonic()
    found = changes(copy, site)
    compared = time.monotonic() - started
    started = time.monotonic()
    shutil.rmtree(copy)
    removed = time.monotonic() - started
    files = sum(len(names) for _, _, names in os.walk(site))
    print(f"{files} files: copy as hard links {linked:.1f} s, compare both trees {compared:.1f} s "
          f"({len(found.changed)} changed), delete the copy {removed:.1f} s (load {os.getloadavg()[0]:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tree", action="store_true", help="time the whole-tree passes alone")
    args = parser.parse_args()
    if not (args.project / "site").is_dir():
        sys.exit(f"{args.project}: no site/ here; build the project first (or give rebuild.py's DIR/project)")
    if args.tree:
        tree(args.project)
    else:
        alternate(args.project, args.runs)


if __name__ == "__main__":
    main()
