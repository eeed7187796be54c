"""Benchmark: a full build of a synthesised corpus vs a rebuild after adding one report.

    .venv/bin/python benchmarks/rebuild.py [--reports 300] [--keep DIR]

Synthesises N reports from the five samples in content/reports/ (each a copy
of a sample with its own slug and a sidecar giving it a distinct title), then,
in one run on one machine:

1. full build: `fazhi build --clean` of the corpus in a fresh project;
2. no-change rebuild: `fazhi build` again;
3. one-added rebuild: add one report, `fazhi build`;
4. one-edited rebuild: append a paragraph to one report, `fazhi build`.

Each build runs as its own process, as a publisher would run it. Prints the
times, their ratio to the full build, the largest resident memory of any one
build process or its children (the Pagefind indexer, the reading workers),
and the size of site/ and of its search index. Timings on shared machines are noisy: compare the ratios of
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
    for name in ("themes.yml", "parts.yml", "indicators.yml", "deadlines.yml"):
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


def du(folder: Path) -> int:
    """Bytes of the files under folder (hard links counted once)."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if path.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def timed_build(root: Path, *flags: str) -> float:
    started = time.perf_counter()
    # Run from the project folder: `python -m` puts the working folder first
    # on the import path, so started from the repository it would import the
    # working tree's generator, not the one PYTHONPATH names (a snapshot).
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root.resolve()), "build", *flags],
                            capture_output=True, text=True, cwd=root.resolve())
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
    edited = sorted((root / "content" / "reports").glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n本年度另有一项工作需要报告：基准测试修改了这一段。\n",
                      encoding="utf-8")
    print("rebuild after editing one report:")
    edit = timed_build(root)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    site = du(root / "site")
    index = du(root / "site" / "pagefind")
    print()
    print("| reports | full build | no-change rebuild | one added | one added / full | one edited | one edited / full "
          "| max RSS | site/ | search index |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.reports} | {full:.1f} s | {same:.1f} s ({same / full:.2f}) | {one:.1f} s | {one / full:.2f} "
          f"| {edit:.1f} s | {edit / full:.2f} | {rss:.0f} MiB | {site / 2**20:.0f} MiB | {index / 2**20:.1f} MiB |")
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
