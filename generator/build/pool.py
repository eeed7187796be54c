"""Reading many reports on every core.

Reading a report (decode -> … -> analyse) is pure Python and independent of
every other report, so the reports the cache does not hold are read in a
process pool, one process per core, in the order given. Each worker loads the
taxonomy once (its compiled RE2 patterns cannot be sent between processes)
and checks it is the one the build loaded. Workers are forked from the
calling process when it runs no other thread; otherwise (`fazhi serve`
watches files in a thread, and a fork would copy its locks in whatever state
they are) they start from a forkserver that has imported the generator once,
which re-imports the calling script as multiprocessing does: such a script
needs the `if __name__ == "__main__":` guard.

A report's ContentError is returned as its problems, like the serial path
collects them; any other error stops the build.

Workers never outlive the build. When the build stops reading early (an
error, Ctrl-C, SIGTERM, or the caller closing the iterator) the pool is shut
down without waiting and its workers are terminated. When the build is
killed outright (SIGKILL, a crash), each worker finds out by itself: a thread
of its own checks every PARENT_CHECK seconds whether its parent process
changed (a forked worker's parent is the build; a forkserver's workers'
parent is the forkserver, which ends with the build) and ends the worker.
Workers ignore SIGINT: a Ctrl-C at a terminal reaches every process of the
foreground group, and the build, not each worker, answers it.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.analyse.taxonomy import Taxonomy, load_taxonomy
from generator.errors import BuildError, ContentError, Problem
from generator.records import Report, Source

Reader = Callable[[Source, Taxonomy], Report]
MIN_PARALLEL = 16  # fewer reports than this are read in this process: starting workers costs more
PARENT_CHECK = 0.2  # seconds between a worker's checks that the build is alive

_taxonomy: Taxonomy | None = None


def workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _watch_parent(parent: int) -> None:
    """End this worker as soon as its parent process is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(1)


def _start(content_dir: Path, digest: str) -> None:
    global _taxonomy
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the build's handler, copied by fork: end quietly
    threading.Thread(target=_watch_parent, args=(os.getppid(),), name="fazhi-parent-check", daemon=True).start()
    # A forked worker inherits every object the build holds (the sources, the
    # reports read from the cache): left to its collector, each full pass
    # wrote to all of them and so copied their pages into the worker (its
    # memory grew with the corpus: 205 MiB a worker at 1,000 varied reports,
    # 283 at 3,000). Frozen, the collector never visits them.
    gc.freeze()
    gc.enable()  # a forked worker inherits the build's collector switched off for reading
    _taxonomy = load_taxonomy(content_dir)
    if _taxonomy.digest != digest:
        raise BuildError(f"{content_dir}: the taxonomy changed while the build was reading it; build again")


def _read(job: tuple[Reader, Source]) -> Report | list[Problem]:
    read, source = job
    assert _taxonomy is not None
    try:
        return read(source, _taxonomy)
    except ContentError as exc:
        return list(exc.problems)


def read_reports(sources: Sequence[Source], taxonomy: Taxonomy, content_dir: Path, read: Reader, *,
                 processes: int | None = None, min_parallel: int = MIN_PARALLEL) -> Generator[Report | list[Problem], None, None]:
    """Each source's report, or the problems that kept it from being read, in order."""
    processes = processes or workers()
    if processes < 2 or len(sources) < min_parallel:
        for source in sources:
            try:
                yield read(source, taxonomy)
            except ContentError as exc:
                yield list(exc.problems)
        return
    context: BaseContext
    if "fork" not in multiprocessing.get_all_start_methods():  # Windows: workers import the generator anew
        context = multiprocessing.get_context("spawn")
    elif threading.active_count() == 1:
        context = multiprocessing.get_context("fork")  # nothing to re-import, no thread to lose
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["generator.build.pipeline"])
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(processes, mp_context=context, initializer=_start,
                               initargs=(content_dir, taxonomy.digest))
    given = 0
    try:
        for result in pool.map(_read, ((read, s) for s in sources), chunksize=4):
            given += 1
            yield result
    except BaseException:  # an error, Ctrl-C, SIGTERM, or the caller stopped early (GeneratorExit)
        if given < len(sources):
            pool.shutdown(wait=False, cancel_futures=True)
            stop_workers(set(multiprocessing.active_children()) - before)
            raise
        pool.shutdown()  # closed once every report was given: the workers are idle
        raise
    pool.shutdown()


def stop_workers(children: set[BaseProcess]) -> None:
    """Terminate these worker processes and wait (briefly) for each to end."""
    for child in children:
        child.terminate()
    for child in children:
        child.join(1)
        if child.is_alive():
            child.kill()
