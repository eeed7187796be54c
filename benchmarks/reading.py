"""Benchmark: the CPU of reading reports in one process, and a digest of what was read.

    PYTHONPATH=SNAPSHOT .venv/bin/python benchmarks/reading.py PROJECT [--count 300] [--step 3] [--stages]

Reads every step-th report of PROJECT's content/reports/ (count of them) with
read_report, after the gazetteer and jionlp are loaded (once per process, not
per report), and prints the CPU seconds and a SHA-256 of every report's cleaned
text, document, metadata and analysis, pickled. Run with PYTHONHASHSEED=0 to
compare the digest of two snapshots: equal digests, the same reports read.
With --stages, the CPU per report of each stage of reading instead.
Alternate the snapshots compared; figures are in benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import hashlib
import pickle
import time
from collections.abc import Callable
from pathlib import Path

from generator.analyse.classify import analyse
from generator.analyse.taxonomy import load_taxonomy
from generator.build.pipeline import Project, discover, read_report
from generator.read.clean import clean
from generator.read.formats import extract
from generator.read.markup import with_markup
from generator.read.metadata import describe
from generator.read.normalise import normalise
from generator.read.orgs import gazetteer, load_jionlp
from generator.read.page import segment
from generator.read.parse import parse
from generator.read.schema import load_sidecar


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--step", type=int, default=3)
    parser.add_argument("--stages", action="store_true")
    args = parser.parse_args()
    project = Project(args.project.resolve())
    taxonomy = load_taxonomy(project.content_dir)
    sources = discover(project)[0][:: args.step][: args.count]
    gazetteer()
    load_jionlp()
    if not args.stages:
        digest = hashlib.sha256()
        started = time.process_time()
        for source in sources:
            report = read_report(source, taxonomy)
            digest.update(pickle.dumps((report.cleaned, report.document, report.metadata, report.analysis), 4))
        print(f"{digest.hexdigest()} CPU {time.process_time() - started:.2f} s for {len(sources)} reports")
        return
    spent: dict[str, float] = {}

    def timed(name: str, step: Callable, *values):
        started = time.process_time()
        result = step(*values)
        spent[name] = spent.get(name, 0.0) + time.process_time() - started
        return result

    for source in sources:
        given = timed("sidecar", load_sidecar, source.sidecar_path)[0] if source.sidecar_path else {}
        extracted = timed("extract", extract, source)
        normalised = timed("normalise", normalise, extracted.decoded)
        page = timed("segment", segment, normalised.lines)
        cleaned = with_markup(timed("clean", clean, normalised, page), extracted.markup)
        document = timed("parse", parse, cleaned)
        timed("describe", describe, cleaned, document, given)
        timed("analyse", analyse, document, taxonomy, cleaned.markup.tables)
    print(" ".join(f"{name} {seconds * 1000 / len(sources):.1f}" for name, seconds in spent.items()),
          f"total {sum(spent.values()) * 1000 / len(sources):.1f} ms a report")


if __name__ == "__main__":
    main()
