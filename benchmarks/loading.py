"""Benchmark: the CPU seconds of a build's loading (pipeline.read_all, the
reports held lean) of a project built before, with nothing changed, in
process: what every rebuild pays before its pages, growing with the corpus.

    PYTHONPATH=<snapshot> .venv/bin/python benchmarks/loading.py PROJECT

Prints the reports, the cache's hits, the CPU and wall seconds, the
resident size after loading and the load average. Run it with the
snapshot that built the project: then it only reads; another generator's
keys differ, and every report is read again and its cache entry written
(the hits say so). Run two snapshots' projects alternately to compare
them. Figures are recorded in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from generator.build import pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    project = pipeline.Project(args.project.resolve())
    cpu, wall = time.process_time(), time.perf_counter()
    with pipeline.no_cycle_collection():
        corpus = pipeline.read_all(project, use_lean=True)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    resident = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") >> 20
    print(f"{len(corpus.reports)} reports, {corpus.cache_hits} from the cache: CPU {cpu:.2f} s, wall {wall:.2f} s, "
          f"resident {resident} MiB, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
