"""Benchmark: a full build of a synthesised corpus vs a rebuild after adding one report.

    .venv/bin/python benchmarks/rebuild.py [--reports 300] [--keep DIR]

Synthesises N reports from the five samples in content/reports/ (each a copy
of a sample with its own slug and a sidecar giving it a distinct title), then,
in one run on one machine:

1. full build: `fazhi build --clean` of the corpus in a fresh project;
2. no-change rebuild: `fazhi build` again;
3. one-added rebuild: add one report, `fazhi build`.

Each build runs as its own process, as a publisher would run it. Prints the
times, their ratio to the full build, and the largest resident memory of the
build processes. Timings on shared machines are noisy: compare the ratios of
one run, not absolute times across runs. Figures are recorded in
benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content" / "reports"


def make_project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "content" / "reports").mkdir(parents=True)
    for name in ("search-terms.txt", "themes.yml", "parts.yml", "indicators.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    return root


def synthesise(reports_dir: Path, n: int, start: int = 0) -> None:
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(start, start + n):
        sample = samples[i % len(samples)]
        slug = f"{sample.stem}-synth{i:04d}"
        shutil.copy(sample, reports_dir / f"{slug}.txt")
        sidecar = sample.with_suffix(".yml")
        values = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        values["title"] = f"合成样本第 {i} 号（据 {sample.stem}）"
        (reports_dir / f"{slug}.yml").write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")


def timed_build(root: Path, *flags: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", *flags],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr}")
    print("   ", result.stderr.strip().splitlines()[-1])
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    root = make_project(base / "project")
    synthesise(root / "content" / "reports", args.reports)
    print(f"corpus: {args.reports} reports in {root}")
    print("full build (--clean):")
    full = timed_build(root, "--clean")
    print("no-change rebuild:")
    same = timed_build(root)
    synthesise(root / "content" / "reports", 1, start=args.reports)
    print("rebuild after adding one report:")
    one = timed_build(root)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print()
    print(f"| reports | full build | no-change rebuild | one added | one added / full | max RSS |")
    print(f"|---|---|---|---|---|---|")
    print(f"| {args.reports} | {full:.1f} s | {same:.1f} s ({same / full:.2f}) | {one:.1f} s | {one / full:.2f} | {rss:.0f} MiB |")
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
