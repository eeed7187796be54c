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
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.analyse.taxonomy import Taxonomy, load_taxonomy
from generator.errors import BuildError, ContentError, Problem
from generator.records import Report, Source

Reader = Callable[[Source, Taxonomy], Report]
MIN_PARALLEL = 16  # fewer reports than this are read in this process: starting workers costs more

_taxonomy: Taxonomy | None = None


def workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start(content_dir: Path, digest: str) -> None:
    global _taxonomy
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
                 processes: int | None = None, min_parallel: int = MIN_PARALLEL) -> Iterator[Report | list[Problem]]:
    """Each source's report, or the problems that kept it from being read, in order."""
    processes = processes or workers()
    if processes < 2 or len(sources) < min_parallel:
        for source in sources:
            try:
                yield read(source, taxonomy)
            except ContentError as exc:
                yield list(exc.problems)
        return
    context: multiprocessing.context.BaseContext
    if threading.active_count() == 1:
        context = multiprocessing.get_context("fork")  # nothing to re-import, no thread to lose
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["generator.build.pipeline"])
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_start,
                             initargs=(content_dir, taxonomy.digest)) as pool:
        yield from pool.map(_read, ((read, s) for s in sources), chunksize=4)
