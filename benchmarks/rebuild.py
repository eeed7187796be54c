"""Benchmark: a full build of a synthesised corpus vs a rebuild after adding one report.

    .venv/bin/python benchmarks/rebuild.py [--reports 300] [--keep DIR] [--corpus varied|copied] [--seed 1]
    .venv/bin/python benchmarks/rebuild.py --ab [--reports 1000] [--keep DIR]

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
times (wall clock, and the CPU seconds of the build and all its
descendants), their ratio to the full build, the peak of the summed resident memory
of the build process and all its descendants (the Pagefind indexers, the
reading workers), sampled from /proc every 0.2 s, also by kind of process
(the build process, the reading pool's workers, the Pagefind indexers) and,
for the build process, by stage (reading, making pages, MkDocs: from the
build's log lines), the peak of the summed proportional set sizes (PSS: a
page shared by several processes counted once, so a child forked from the
build does not count the build's pages again), every kind at the moment of the summed peak (which
processes overlap there; --timeline FILE appends every sample), and the size of site/ (file
bytes, hard links once) against the text it publishes, folder by folder. Timings on shared machines are noisy: compare the ratios of
one run, not absolute times across runs. Figures are recorded in
benchmarks/RESULTS.md.

With --ab, the cost of the measures of issue 20 (coverage, timeliness,
versions, 对照 pages, shared templates): the same corpus in two projects, one
built with FAZHI_MEASURES=0 (no measures) and one without the setting, in
one run, alternating: full build of each, then one report added to each and
rebuilt. Prints wall and CPU seconds, site bytes by folder, and the ratios.
"""
from __future__ import annotations

import argparse
import os
import resource
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
TIMELINE: list[Path] = []  # --timeline: each build's samples (seconds, stage, MiB by kind) into this file


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


def processes() -> tuple[dict[int, int], dict[int, int], dict[int, str], dict[int, str]]:
    """Every process's parent, resident bytes, executable's name and memory
    figures as /proc/PID/statm gives them, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    names: dict[int, str] = {}
    statms: dict[int, str] = {}
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
        statms[pid] = statm
    return parents, rss, names, statms


def tree_rss(root: int) -> dict[str, int]:
    """Resident bytes of the process and all its descendants, by kind: the
    build process itself ("build"), the Pagefind indexers ("pagefind"), the
    other descendants (the reading pool's workers, its forkserver: "workers")
    and all together ("summed")."""
    parents, rss, names, statms = processes()
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    # A child started by subprocess (Pagefind) is, until its exec, a vfork of
    # its parent: the parent's own address space, not a copy, whose figures
    # /proc gives again under the child's pid (same name, same statm to the
    # page). Counted, one 0.2 s sample of a 50,000-report build summed the
    # build twice (2,350 MiB; 1,466 without it).
    tree = {pid for pid in tree if pid == root or not (names.get(pid) == names.get(parents.get(pid, -1))
                                                       and statms.get(pid) == statms.get(parents.get(pid, -1)))}
    kinds = {"build": rss.get(root, 0), "pagefind": 0, "workers": 0}
    for pid in tree - {root}:
        kinds["pagefind" if "pagefind" in names.get(pid, "") else "workers"] += rss.get(pid, 0)
    kinds["summed"] = sum(kinds.values())
    kinds["summed PSS"] = sum(proportional(pid) for pid in tree)
    return kinds


def proportional(pid: int) -> int:
    """The process's proportional set size: its resident pages, each shared
    page divided among the processes sharing it. Summed over a tree it
    counts a page once, where summed resident sizes count a child forked
    from a large build at the build's full size (copy-on-write pages it
    never touched) for as long as it lives."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# The build's stages as its log lines tell them (the build process's own memory is given per stage).
STAGES = (("reading", "reading"), ("making pages", "pages"), ("mkdocs renders", "mkdocs"))


def children_cpu() -> float:
    """CPU seconds (user and system) of the waited-for descendants so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(root: Path, *flags: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Seconds of one build and the peak of its process tree's summed memory.
    Prints the peaks by kind of process and, for the build process, by stage."""
    started, cpu = time.perf_counter(), children_cpu()
    # Run from the project folder: `python -m` puts the working folder first
    # on the import path, so started from the repository it would import the
    # working tree's generator, not the one PYTHONPATH names (a snapshot).
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root.resolve()), "build", *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root.resolve(),
                               env={**os.environ, **(env or {})})
    peaks: dict[str, int] = {}
    at_peak: dict[str, int] = {}  # every kind at the moment of the summed peak
    at_stage = ["start", 0.0]
    samples: list[str] = []
    stage = ["start"]
    lines: list[str] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            kinds = tree_rss(process.pid)
            kinds[f"build: {stage[0]}"] = kinds["build"]
            samples.append(f"{time.perf_counter() - started:.1f}\t{stage[0]}\t" + "\t".join(
                str(kinds[k] >> 20) for k in ("summed", "build", "pagefind", "workers", "summed PSS")))
            if kinds["summed"] > at_peak.get("summed", 0):
                at_peak.clear()
                at_peak.update((k, kinds[k]) for k in ("summed", "build", "pagefind", "workers", "summed PSS"))
                at_stage[:] = [stage[0], time.perf_counter() - started]
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
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
    done.set()
    sampler.join()
    stderr = "".join(lines)
    if TIMELINE:
        with TIMELINE[0].open("a", encoding="utf-8") as f:
            f.write(f"# {' '.join(flags) or 'build'}\nseconds\tstage\tsummed\tbuild\tpagefind\tworkers\tsummed PSS\n")
            f.writelines(line + "\n" for line in samples)
    if process.returncode != 0:
        sys.exit(f"build failed:\n{stderr}")
    print("   ", stderr.strip().splitlines()[-1], f"({seconds:.1f} s, CPU {cpu:.1f} s user+system, peak {peaks.get('summed', 0) / 2**20:.0f} MiB summed"
          f" ({peaks.get('summed PSS', 0) / 2**20:.0f} MiB summed PSS),"
          f" load average {os.getloadavg()[0]:.1f})")
    print("    peak MiB by kind: " + ", ".join(f"{kind} {n / 2**20:.0f}" for kind, n in peaks.items()))
    print(f"    at the summed peak ({at_stage[0]}, {at_stage[1]:.0f} s in), MiB: "
          + ", ".join(f"{kind} {n / 2**20:.0f}" for kind, n in at_peak.items()))
    return seconds, peaks.get("summed", 0)


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def ab(args: argparse.Namespace, base: Path) -> None:
    """The same corpus with and without the measures of issue 20 (see the module's text)."""
    variants = {"without": {"FAZHI_MEASURES": "0"}, "with": {}}
    roots = {name: make_project(base / name) for name in variants}
    add_reports(args.corpus, roots["with"] / "content" / "reports", args.reports, seed=args.seed)
    shutil.rmtree(roots["without"] / "content" / "reports")
    shutil.copytree(roots["with"] / "content" / "reports", roots["without"] / "content" / "reports")
    text = sum(p.stat().st_size for p in (roots["with"] / "content" / "reports").glob("*.txt"))
    print(f"corpus: {args.reports} {args.corpus} reports, {text / 1e6:.1f} MB of text, in {base}; load {load()}")
    wall: dict[tuple[str, str], float] = {}
    cpu: dict[tuple[str, str], float] = {}
    peak: dict[str, int] = {}
    for name, env in variants.items():
        print(f"full build (--clean), {name} the measures:")
        before = children_cpu()
        wall[name, "full"], peak[name] = timed_build(roots[name], "--clean", env=env)
        cpu[name, "full"] = children_cpu() - before
        print(f"    CPU {cpu[name, 'full']:.1f} s, site/ {sum(by_folder(roots[name] / 'site').values()) / 1e6:.2f} MB, "
              f"load {load()}", flush=True)
    sizes = {name: by_folder(roots[name] / "site") for name in variants}
    for name, env in variants.items():
        add_reports(args.corpus, roots[name] / "content" / "reports", 1, start=args.reports, seed=args.seed)
        print(f"rebuild after adding one report, {name} the measures:")
        before = children_cpu()
        wall[name, "one"], _ = timed_build(roots[name], env=env)
        cpu[name, "one"] = children_cpu() - before
        print(f"    CPU {cpu[name, 'one']:.1f} s, load {load()}", flush=True)
    print(f"load at the end: {load()}")
    print()
    print("| reports | measures | full build, wall | full build, CPU | one added, wall | one added, CPU "
          "| peak memory (full) | site/ |")
    print("|---|---|---|---|---|---|---|---|")
    for name in variants:
        site = sum(sizes[name].values())
        print(f"| {args.reports} | {name} | {wall[name, 'full']:.1f} s | {cpu[name, 'full']:.1f} s "
              f"| {wall[name, 'one']:.1f} s | {cpu[name, 'one']:.1f} s | {peak[name] / 2**20:.0f} MiB "
              f"| {site / 1e6:.2f} MB |")
    with_size, without_size = (sum(sizes[n].values()) for n in ("with", "without"))

    def more(key: str, table: dict[tuple[str, str], float]) -> str:
        return f"{table['with', key] / table['without', key] - 1:+.1%}"

    print(f"| {args.reports} | added by the measures | {more('full', wall)} | {more('full', cpu)} "
          f"| {more('one', wall)} | {more('one', cpu)} | | {with_size / without_size - 1:+.1%} |")
    print()
    added = {k: sizes["with"].get(k, 0) - sizes["without"].get(k, 0) for k in sizes["with"].keys() | sizes["without"].keys()}
    print("site/ bytes the measures add, by folder: " + ", ".join(
        f"{k} {v / 1e6:+.2f} MB ({v / args.reports / 1e3:+.1f} KB a report)"
        for k, v in sorted(added.items(), key=lambda x: -abs(x[1])) if v))
    if not args.keep:
        shutil.rmtree(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    parser.add_argument("--corpus", choices=("varied", "copied"), default="varied")
    parser.add_argument("--seed", type=int, default=1, help="of the varied corpus")
    parser.add_argument("--full-only", action="store_true", help="only the full build (for large corpora)")
    parser.add_argument("--originals-url", default="",
                        help="set extra.originals_url (the site links the publisher's files instead of copying them)")
    parser.add_argument("--timeline", type=Path, help="append every build's memory samples (MiB by kind) to this file")
    parser.add_argument("--ab", action="store_true",
                        help="with and without the measures of issue 20: full build and one added, each")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    if args.timeline:
        TIMELINE.append(args.timeline.resolve())
    if args.originals_url:  # mkdocs.yml reads extra.originals_url from ORIGINALS_URL; every build inherits it
        os.environ["ORIGINALS_URL"] = args.originals_url
    if args.ab:
        ab(args, base)
        return
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
