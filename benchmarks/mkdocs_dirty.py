"""Benchmark: MkDocs' dirty build alone over a published project, nothing changed.

    PYTHONPATH=SNAPSHOT .venv/bin/python benchmarks/mkdocs_dirty.py PROJECT

What the MkDocs step of a rebuild costs whatever changed (its part that grows
with the corpus): the published site is copied as hard links aside, and
MkDocs builds into the copy with the report pages' frame plugin, as an
incremental build would with no docs file changed (code that can be told
what changed is told nothing did). Prints wall and CPU seconds of the build.
"""
from __future__ import annotations

import inspect
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from mkdocs.commands.build import build as mkdocs_build

    from generator.build.incremental import link_copy, unlinking_writes
    from generator.build.pipeline import Project, mkdocs_config
    from generator.plugins.frames import FramePlugin

    project = Project(Path(sys.argv[1]).resolve())
    aside = Path(tempfile.mkdtemp(prefix="mkdocs-dirty-", dir=project.site_dir.parent)) / "site"
    try:
        link_copy(project.site_dir, aside)
        os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
        config = mkdocs_config(project, site_dir=str(aside))
        told = "changed" in inspect.signature(FramePlugin.__init__).parameters
        config.plugins["fazhi-frame"] = FramePlugin(frozenset()) if told else FramePlugin()  # type: ignore[call-arg]
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        wall, cpu = time.perf_counter(), time.process_time()
        with unlinking_writes(aside):
            mkdocs_build(config, dirty=True)
        print(f"mkdocs dirty build, nothing changed ({'told' if told else 'not told'} what changed): "
              f"{time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s CPU")
    finally:
        shutil.rmtree(aside.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
