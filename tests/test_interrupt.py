"""Interrupted and killed builds (issue 23 items 1 and 2).

A build is stopped at a point of its run (reading in the worker pool,
indexing for search, MkDocs rendering) by SIGINT sent to its whole process
group (what Ctrl-C at a terminal does), SIGTERM or SIGKILL sent to it alone.
Then:

- the published site is the previous one, file for file;
- no process the build started outlives it by more than a second, and the
  lock never blocks the next command;
- SIGINT and SIGTERM end it with one line and exit code 130 (a signal that
  arrives during the swap of site/ waits for it: the new site is published
  and the line says so);
- the next plain build publishes exactly what a clean build of the same
  content publishes (every file but the search index, which an incremental
  build shards differently, is compared byte for byte; the search index by
  the results it serves: each live record's address and stored text), and
  the build after it leaves the site alone.

The previous site has a delta shard in its search index, so adding a report
keeps the names of the published shards: the case where the next build used
to skip MkDocs and never publish the report.

A loop over random points, outside the suite:
    .venv/bin/python -m tests.test_interrupt --runs 50
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build.pipeline import Project
from tests.conftest import REPO, make_project

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")

SYNTHETIC = 20  # with the samples, enough unread reports for the worker pool (generator/build/pool.py)
INTERRUPTED = "interrupted; the published site is unchanged"
SWAPPED = "interrupted; the new site was published just before"
ADDED = "\n三、其他事项\n本年度新增一段用于检验中断构建的文字。\n"


@dataclass(frozen=True)
class Point:
    """Where a build is stopped: `delay` seconds after the first progress
    line starting with `after`."""

    signal: signal.Signals
    clean: bool
    after: str  # "reading" or "mkdocs renders"
    delay: float

    def __str__(self) -> str:
        return f"{self.signal.name}{' --clean' if self.clean else ''} {self.after}+{self.delay:.1f}s"


def synthesise(reports: Path, start: int, count: int) -> None:
    """Copies of the samples, each with its own slug and title."""
    samples = sorted((REPO / "content" / "reports").glob("*.txt"))
    for i in range(start, start + count):
        sample = samples[i % len(samples)]
        text = sample.read_text(encoding="utf-8")
        (reports / f"{sample.stem}-copy{i:03d}.txt").write_text(
            text + f"\n四、附记\n这是第{i}号副本，用于检验中断构建。\n", encoding="utf-8")


def fazhi(root: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), *args], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)


def built(root: Path, *args: str) -> str:
    run = fazhi(root, "build", *args)
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    return err


def snapshot(site: Path, search: bool = True) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and (search or not p.relative_to(site).as_posix().startswith("pagefind/"))}


def live_results(site: Path) -> set[tuple[str, ...]]:
    """The index's live results: (address, stored text, words, where each
    unit starts) of every record of a published shard whose id the manifest
    does not list as superseded (a report's stored text is empty: its page
    holds it; its words and units tell an edited record from the old one)."""
    manifest = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    superseded = set(manifest["superseded"])
    out: set[tuple[str, ...]] = set()
    for shard in manifest["shards"]:
        assert (site / "pagefind" / shard).is_dir(), f"{shard} is listed but not published"
        for path in (site / "pagefind" / shard / "fragment").glob("*.pf_fragment"):
            if path.stem in superseded:
                continue
            record = json.loads(gzip.decompress(path.read_bytes())[12:])
            out.add((record["url"], record["content"], str(record["word_count"]), record["meta"].get("at", "")))
    return out


def descendants(pid: int) -> set[int]:
    """Every live process below pid (the build's workers and Pagefind)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":  # fields: state, ppid, …
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    out = set()
    for pid in pids:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                out.add(pid)
        except OSError:
            pass
    return out


def is_pagefind(pid: int) -> bool:
    try:
        return b"pagefind" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@dataclass(frozen=True)
class Corpus:
    before: Path  # a project whose site and build output hold the previous content
    clean: dict[str, bytes]  # the site a clean build makes of the changed content
    results: set[tuple[str, ...]]


def change(root: Path) -> None:
    """The edit waiting to be published: one report added, one edited, one deleted."""
    reports = root / "content" / "reports"
    synthesise(reports, SYNTHETIC + 1, 1)
    edited = reports / "2022-anhui-wuhu.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    (reports / f"2023-shanxi-xiangning-copy{SYNTHETIC - 1:03d}.txt").unlink()


def make_corpus(base: Path) -> Corpus:
    project = make_project(base / "before")
    synthesise(project.reports_dir, 0, SYNTHETIC)
    built(project.root)
    synthesise(project.reports_dir, SYNTHETIC, 1)  # the published search index now has a delta
    built(project.root)
    assert "delta" in json.loads((project.site_dir / "pagefind/shards.json").read_text())["shards"]
    clean = make_project(base / "clean", with_samples=False)
    shutil.rmtree(clean.reports_dir)
    shutil.copytree(project.reports_dir, clean.reports_dir)
    change(clean.root)
    built(clean.root, "--clean")
    return Corpus(project.root, snapshot(clean.site_dir, search=False), live_results(clean.site_dir))


def interrupt_and_rebuild(corpus: Corpus, point: Point, work: Path) -> str:
    """Stop a build at point, then check what it left and what the next build
    publishes; returns what was hit (for the loop's log)."""
    root = work / "project"
    shutil.copytree(corpus.before, root, symlinks=True)
    project = Project(root)
    built(root)  # the copy's files are new: this build records the site again (and is dirty, so quick)
    site_before = snapshot(project.site_dir)
    inode = project.site_dir.stat().st_ino
    built(root)
    assert project.site_dir.stat().st_ino == inode, "nothing changed: the published site is kept"
    change(root)

    # a group of its own, with Ctrl-C's default handling whatever this process was started with
    run = fazhi(root, "build", *(["--clean"] if point.clean else []), start_new_session=True,
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert run.stderr is not None
    lines = []
    for line in run.stderr:
        lines.append(line)
        if line.startswith(point.after):
            break
    time.sleep(point.delay)
    started = descendants(run.pid)
    hit = "pagefind running" if any(map(is_pagefind, started)) else "no pagefind"
    if point.signal == signal.SIGINT:
        os.killpg(run.pid, signal.SIGINT)  # Ctrl-C at a terminal reaches the whole group
    else:
        os.kill(run.pid, point.signal)
    deadline = time.monotonic() + 120
    while run.poll() is None:  # every process it starts until it ends
        started |= descendants(run.pid)
        if time.monotonic() > deadline:
            os.kill(run.pid, signal.SIGUSR1)  # the build prints where each of its threads is
            time.sleep(2)
            for pid in alive(started | {run.pid}):
                os.kill(pid, signal.SIGKILL)
            run.wait()
            pytest.fail(f"{point}: the build did not end within 2 minutes of the signal:\n"
                        + "".join(lines) + run.stderr.read())
        time.sleep(0.02)
    lines.extend(run.stderr)
    code = run.wait()
    ended = time.monotonic()
    while (left := alive(started)) and time.monotonic() - ended < 1.0:
        time.sleep(0.05)
    assert not left, f"{point}: processes outlived the build: {left}"
    err = "".join(lines)
    finished = code == 0 or "\nfazhi: built " in "\n" + err  # done (and published) before the signal came
    swapped = err.rstrip("\n").endswith(SWAPPED)  # stopped once the swap had begun: it ends first
    if not finished and not swapped:
        now = snapshot(project.site_dir)
        if point.signal == signal.SIGKILL and now != site_before:
            # killed between the swap and the line that reports it (a kill cannot be caught): the
            # published site must then be the new one, whole
            assert snapshot(project.site_dir, search=False) == corpus.clean, f"{point}: a site neither old nor new\n{err}"
        else:
            changed = sorted(k for k in now.keys() | site_before.keys() if now.get(k) != site_before.get(k))
            assert not changed, f"{point}: the published site changed: {changed[:20]}\n{err}"
    if not finished:
        if point.signal == signal.SIGKILL:
            assert code == -signal.SIGKILL
        else:
            assert code == 130, f"{point}: exit code {code}\n{err}"
            assert err.rstrip("\n").splitlines()[-1] in (INTERRUPTED, SWAPPED), err
            assert err.count("interrupted;") == 1 and "Traceback" not in err and "Exception" not in err, err
            assert "Event loop" not in err, err

    built(root)
    assert snapshot(project.site_dir, search=False) == corpus.clean, f"{point}: not what a clean build publishes"
    assert live_results(project.site_dir) == corpus.results, f"{point}: the search index differs"
    inode = project.site_dir.stat().st_ino
    built(root)
    assert project.site_dir.stat().st_ino == inode, f"{point}: the build after it rendered again"
    assert not [p for p in root.iterdir() if p.name.startswith(".")], "a site built aside was left"
    outcome = "finished first" if finished else f"exit {code}" + (" after the swap" if swapped else "")
    return f"{point}: {outcome}, {hit}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("interrupt"))


@pytest.mark.parametrize("point", [
    Point(signal.SIGINT, False, "mkdocs renders", 0.0),  # indexing for search
    Point(signal.SIGINT, False, "reading", 0.4),  # Pagefind starting (the loop met "Event loop is closed" here)
    Point(signal.SIGTERM, True, "reading", 0.3),  # the worker pool reading
    Point(signal.SIGKILL, True, "reading", 0.3),
    Point(signal.SIGINT, True, "mkdocs renders", 1.0),  # rendering
    Point(signal.SIGKILL, False, "mkdocs renders", 0.6),
], ids=str)
def test_an_interrupted_build_keeps_the_site_and_the_next_build_publishes_everything(corpus, point, tmp_path):
    interrupt_and_rebuild(corpus, point, tmp_path)


def main() -> None:
    parser = argparse.ArgumentParser(description="interrupt builds at random points, one after another")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = Path(os.environ.get("TMPDIR", "/tmp")) / f"fazhi-interrupt-{os.getpid()}"
    corpus = make_corpus(base)
    failed = 0
    for n in range(1, args.runs + 1):
        point = Point(rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL]), rng.random() < 0.5,
                      rng.choice(["reading", "mkdocs renders"]), round(rng.uniform(0, 2.2), 1))
        work = base / f"run{n}"
        try:
            print(f"{n}: {interrupt_and_rebuild(corpus, point, work)}", flush=True)
        except (AssertionError, pytest.fail.Exception) as exc:  # go on: every failure is worth seeing
            failed += 1
            print(f"{n}: FAILED {point}: {exc}", flush=True)
        shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(base)
    print(f"{args.runs - failed} of {args.runs} runs passed")


if __name__ == "__main__":
    main()
