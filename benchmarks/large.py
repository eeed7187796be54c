"""Benchmark: one large report. Is the cost linear in its size, and is a
report over the size limit refused at once?

    .venv/bin/python benchmarks/large.py [--sizes 1 2 4 8] [--refuse 50] [--keep DIR]

For each size (MB), synthesises one report of that size by repeating the
samples (each copy with its own headings, so sections and passages grow with
it), and runs `fazhi --max-report-mb 60 build --clean` on a project holding
only that report, as its own process. Prints wall time, time per MB and the
largest resident memory of the process. Then writes a --refuse MB report and
times `fazhi build` with the default limit, which must refuse it from its
size alone. Figures are recorded in benchmarks/RESULTS.md; compare ratios of
one run, not absolute times across machines.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.rebuild import make_project  # noqa: E402

MB = 1 << 20


def report_text(megabytes: float) -> bytes:
    """Copies of the samples, numbered so no two paragraphs are the same."""
    samples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "content" / "reports").glob("*.txt"))]
    out: list[str] = [samples[0].splitlines()[0]]
    size, n = 0, 0
    while size < megabytes * MB:
        n += 1
        for line in samples[n % len(samples)].splitlines()[1:]:
            line = line if not line.strip() or line[0] in "一二三四五六七八九十（(第" else f"{line}（第{n}份）"
            out.append(line)
            size += len(line.encode("utf-8")) + 1
    return ("\n".join(out) + "\n").encode("utf-8")


def run(root: Path, *args: str) -> tuple[int, float, int, str]:
    """exit code, seconds, max RSS in MiB, and the first error line (else the last line)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    lines = [line for line in err.splitlines() if line.startswith("error:")] or err.splitlines()[-1:]
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss // 1024, lines[0] if lines else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 2, 4, 8], help="report sizes to build, in MB")
    parser.add_argument("--refuse", type=float, default=50, help="size of the report that must be refused, in MB")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    top = args.keep or Path(tempfile.mkdtemp(prefix="fazhi-large-"))
    try:
        print("| report | exit | wall time | s per MB | max RSS |")
        print("|---|---|---|---|---|")
        for size in args.sizes:
            root = make_project(top / f"build-{size:g}mb")
            raw = report_text(size)
            (root / "content" / "reports" / "big.txt").write_bytes(raw)
            code, seconds, rss, last = run(root, "--max-report-mb", "60", "build", "--clean")
            print(f"| {len(raw) / MB:.1f} MB | {code} | {seconds:.1f} s | {seconds / (len(raw) / MB):.1f} | {rss} MiB |",
                  flush=True)
            if code:
                print(f"  {last}")
        root = make_project(top / "refuse")
        raw = report_text(args.refuse)
        (root / "content" / "reports" / "big.txt").write_bytes(raw)
        code, seconds, rss, last = run(root, "build")
        print(f"\nrefusal of {len(raw) / MB:.0f} MB with the default limit: exit {code} in {seconds:.2f} s "
              f"(whole process, start-up included), max RSS {rss} MiB\n  {last}")
    finally:
        if not args.keep:
            shutil.rmtree(top, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
