"""Benchmark: a full build of a synthesised corpus vs a rebuild after adding one report.

    .venv/bin/python benchmarks/rebuild.py [--reports 300] [--keep DIR] [--corpus varied|copied] [--seed 1]

Synthesises N reports: by default the varied corpus of benchmarks/corpus.py
(a sample's layout with a real place, paragraphs rebuilt from sentences of
all samples, rarer words whose number grows with the corpus; deterministic by
seed); with --corpus copied, the five samples in content/reports/ copied
(each with its own slug and a sidecar giving it a distinct title), the older
corpus, kept for comparison. Then, in one run on one machine:

1. full build: `fazhi build --clean` of the corpus in a fresh project;
2. no-change rebuild: `fazhi build` again;
3. one-added rebuild: add one report, `fazhi build`;
4. one-edited rebuild: append a paragraph to one report, `fazhi build`.

Each build runs as its own process, as a publisher would run it. Prints the
times, their ratio to the full build, the peak of the summed resident memory
of the build process and all its descendants (the Pagefind indexers, the
reading workers), sampled from /proc every 0.2 s, also by kind of process
(the build process, the reading pool's workers, the Pagefind indexers) and,
for the build process, by stage (reading, making pages, MkDocs: from the
build's log lines), and the size of site/ (file
bytes, hard links once) against the text it publishes, folder by folder. Timings on shared machines are noisy: compare the ratios of
one run, not absolute times across runs. Figures are recorded in
benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import corpus  # benchmarks/ is on the path when a script of it runs
import yaml

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content" / "reports"
PAGE = os.sysconf("SC_PAGE_SIZE")


def make_project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "content" / "reports").mkdir(parents=True)
    for name in ("themes.yml", "parts.yml", "indicators.yml", "deadlines.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    return root


def synthesise(reports_dir: Path, n: int, start: int = 0) -> None:
    """The copied corpus: the samples copied with new titles."""
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(start, start + n):
        sample = samples[i % len(samples)]
        slug = f"{sample.stem}-synth{i:04d}"
        shutil.copy(sample, reports_dir / f"{slug}.txt")
        sidecar = sample.with_suffix(".yml")
        values = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
        values["title"] = f"合成样本第 {i} 号（据 {sample.stem}）"
        (reports_dir / f"{slug}.yml").write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")


def add_reports(kind: str, reports_dir: Path, n: int, start: int = 0, seed: int = 1) -> None:
    if kind == "copied":
        synthesise(reports_dir, n, start)
    else:
        corpus.write(reports_dir, n, start=start, seed=seed)


def du(folder: Path, seen: set[tuple[int, int]] | None = None) -> int:
    """Bytes of the files under folder (hard links counted once)."""
    seen = set() if seen is None else seen
    total = 0
    for path in folder.rglob("*") if folder.is_dir() else [folder]:
        st = path.lstat()
        if path.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def by_folder(site: Path) -> dict[str, int]:
    """Bytes of each top-level folder of site/ ("(top)" for its own files)."""
    seen: set[tuple[int, int]] = set()
    out = {entry.name + "/": du(entry, seen) for entry in sorted(site.iterdir()) if entry.is_dir()}
    out["(top)"] = sum(du(entry, seen) for entry in site.iterdir() if entry.is_file())
    return out


def processes() -> tuple[dict[int, int], dict[int, int], dict[int, str]]:
    """Every process's parent, resident bytes and executable's name, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
            statm = Path(f"/proc/{entry.name}/statm").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        names[pid] = stat[stat.find("(") + 1:stat.rfind(")")]
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = int(statm.split()[1]) * PAGE
    return parents, rss, names


def tree_rss(root: int) -> dict[str, int]:
    """Resident bytes of the process and all its descendants, by kind: the
    build process itself ("build"), the Pagefind indexers ("pagefind"), the
    other descendants (the reading pool's workers, its forkserver: "workers")
    and all together ("summed")."""
    parents, rss, names = processes()
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    kinds = {"build": rss.get(root, 0), "pagefind": 0, "workers": 0}
    for pid in tree - {root}:
        kinds["pagefind" if "pagefind" in names.get(pid, "") else "workers"] += rss.get(pid, 0)
    kinds["summed"] = sum(kinds.values())
    return kinds


# The build's stages as its log lines tell them (the build process's own memory is given per stage).
STAGES = (("reading", "reading"), ("making pages", "pages"), ("mkdocs renders", "mkdocs"))


def timed_build(root: Path, *flags: str) -> tuple[float, int]:
    """Seconds of one build and the peak of its process tree's summed memory.
    Prints the peaks by kind of process and, for the build process, by stage."""
    started = time.perf_counter()
    # Run from the project folder: `python -m` puts the working folder first
    # on the import path, so started from the repository it would import the
    # working tree's generator, not the one PYTHONPATH names (a snapshot).
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root.resolve()), "build", *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root.resolve())
    peaks: dict[str, int] = {}
    stage = ["start"]
    lines: list[str] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            kinds = tree_rss(process.pid)
            kinds[f"build: {stage[0]}"] = kinds["build"]
            for kind, n in kinds.items():
                peaks[kind] = max(peaks.get(kind, 0), n)

    def follow() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            stage[0] = next((name for start, name in STAGES if line.startswith(start)), stage[0])

    sampler = threading.Thread(target=sample, daemon=True)
    reader = threading.Thread(target=follow, daemon=True)
    sampler.start()
    reader.start()
    process.stdout.read() if process.stdout else None
    process.wait()
    reader.join()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    stderr = "".join(lines)
    if process.returncode != 0:
        sys.exit(f"build failed:\n{stderr}")
    print("   ", stderr.strip().splitlines()[-1], f"({seconds:.1f} s, peak {peaks.get('summed', 0) / 2**20:.0f} MiB summed,"
          f" load average {os.getloadavg()[0]:.1f})")
    print("    peak MiB by kind: " + ", ".join(f"{kind} {n / 2**20:.0f}" for kind, n in peaks.items()))
    return seconds, peaks.get("summed", 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    parser.add_argument("--corpus", choices=("varied", "copied"), default="varied")
    parser.add_argument("--seed", type=int, default=1, help="of the varied corpus")
    parser.add_argument("--full-only", action="store_true", help="only the full build (for large corpora)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    root = make_project(base / "project")
    reports_dir = root / "content" / "reports"
    add_reports(args.corpus, reports_dir, args.reports, seed=args.seed)
    text = sum(p.stat().st_size for p in reports_dir.glob("*.txt"))
    print(f"corpus: {args.reports} {args.corpus} reports, {text / 1e6:.1f} MB of text, in {root}")
    print("full build (--clean):")
    full, peak = timed_build(root, "--clean")
    if args.full_only:
        folders = by_folder(root / "site")
        site = sum(folders.values())
        print(f"| {args.corpus} | {args.reports} | {text / 1e6:.1f} MB | {full:.1f} s | — | — | — "
              f"| {peak / 2**20:.0f} MiB | {site / 1e6:.1f} MB | {site / text:.2f} |")
        print("site/ by folder: " + ", ".join(f"{name} {n / 1e6:.1f} MB ({n / text:.2f})"
                                              for name, n in sorted(folders.items(), key=lambda x: -x[1])))
        return
    print("no-change rebuild:")
    same, _ = timed_build(root)
    add_reports(args.corpus, reports_dir, 1, start=args.reports, seed=args.seed)
    print("rebuild after adding one report:")
    one, _ = timed_build(root)
    edited = sorted(reports_dir.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n本年度另有一项工作需要报告：基准测试修改了这一段。\n",
                      encoding="utf-8")
    print("rebuild after editing one report:")
    edit, _ = timed_build(root)
    text = sum(p.stat().st_size for p in reports_dir.glob("*.txt"))
    folders = by_folder(root / "site")
    site = sum(folders.values())
    print()
    print("| corpus | reports | text | full build | no-change rebuild | one added (÷ full) | one edited (÷ full) "
          "| peak memory, all processes (full build) | site/ | site ÷ text |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.corpus} | {args.reports} | {text / 1e6:.1f} MB | {full:.1f} s | {same:.1f} s ({same / full:.2f}) "
          f"| {one:.1f} s ({one / full:.2f}) | {edit:.1f} s ({edit / full:.2f}) | {peak / 2**20:.0f} MiB "
          f"| {site / 1e6:.1f} MB | {site / text:.2f} |")
    print()
    print("site/ by folder: " + ", ".join(f"{name} {n / 1e6:.1f} MB ({n / text:.2f})"
                                          for name, n in sorted(folders.items(), key=lambda x: -x[1])))
    if not args.keep:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
