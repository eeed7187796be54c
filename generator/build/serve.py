"""Live preview: mkdocs serves build/docs, and the docs are regenerated once
for every saved change to content/.

Reading content/ to regenerate fires the watcher's own events (inotify reports
opening and closing a file, even without writing), and every regeneration
used to fire the next: `fazhi serve` spun, printing 'regenerated (0 changed)'
hundreds of times a minute with nothing changing. So only events that can
change a file count; a burst of them (an editor's save is several) is one
regeneration after a quiet moment; and nothing is regenerated when every
file's size, time and inode under content/ are what they were.

A watch follows a folder, not its name: once content/ was deleted (or moved
away) and made again, serve stopped regenerating. The project folder is
watched too (not its subfolders), and when content/ appears there again its
watch is made anew and counts as a change.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver

from generator.build.lock import project_lock
from generator.build.pipeline import Project, generate, recover
from generator.errors import ContentError, FazhiError

CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}
QUIET = 0.3  # seconds without events before regenerating
SCRATCH = ("~", ".tmp", ".swp", ".swx")  # editors' backup and swap files: not content


def watched(path: str) -> bool:
    return not path.endswith(SCRATCH)


def fingerprint(folder: Path) -> dict[str, tuple[int, int, int, int]]:
    """Every entry under folder with its type, size, modification time and
    inode: what a save changes. stat() fires no watcher events."""
    state = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(parent, name)
            if not watched(path):
                continue
            try:
                s = os.lstat(path)
            except FileNotFoundError:
                continue
            state[path] = (s.st_mode, s.st_size, s.st_mtime_ns, s.st_ino)
    return state


class ContentWatcher(FileSystemEventHandler):
    """Calls regenerate once per real change under folder (see the module)."""

    def __init__(self, folder: Path, regenerate: Callable[[], None], quiet: float = QUIET):
        self.folder = folder
        self.regenerate = regenerate
        self.quiet = quiet
        self.state = fingerprint(folder)
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()  # guards the timer
        self.running = threading.Lock()  # one regeneration at a time

    def on_any_event(self, event) -> None:
        paths = [str(event.src_path), str(getattr(event, "dest_path", "") or "")]
        if event.event_type not in CHANGES or not any(p and watched(p) for p in paths):
            return
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.quiet, self._settled)
            self.timer.daemon = True
            self.timer.start()

    def _settled(self) -> None:
        with self.running:
            state = fingerprint(self.folder)
            if state == self.state:
                return
            self.state = state
            self.regenerate()

    def stop(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()


class FolderReturns(FileSystemEventHandler):
    """Watches the parent of the watcher's folder: when the folder is made
    again (restored, or moved back into place), the folder is watched anew."""

    def __init__(self, observer: BaseObserver, watcher: ContentWatcher):
        self.observer, self.watcher = observer, watcher
        self.lock = threading.Lock()
        self.watch = observer.schedule(watcher, str(watcher.folder), recursive=True)
        observer.schedule(self, str(watcher.folder.parent), recursive=False)

    def on_any_event(self, event) -> None:
        if event.event_type not in (EVENT_TYPE_CREATED, EVENT_TYPE_MOVED):
            return
        target = getattr(event, "dest_path", "") if event.event_type == EVENT_TYPE_MOVED else event.src_path
        if not target or Path(str(target)) != self.watcher.folder or not self.watcher.folder.is_dir():
            return
        with self.lock:
            try:
                self.observer.unschedule(self.watch)
            except KeyError:  # already gone with the folder
                pass
            self.watch = self.observer.schedule(self.watcher, str(self.watcher.folder), recursive=True)
        self.watcher.on_any_event(event)


def serve(project: Project, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.observers import Observer

    def regenerate() -> None:
        try:
            _, _, written, _ = generate(project)
            print(f"fazhi: regenerated ({written.written} changed, {written.removed} removed)", file=sys.stderr)
        except ContentError as exc:
            for problem in exc.problems:
                print(f"error: {problem}", file=sys.stderr)
        except FazhiError as exc:
            print(f"error: {exc}", file=sys.stderr)

    with project_lock(project.build_dir, "serve"):  # for as long as it serves
        recover(project)
        generate(project)
        watcher = ContentWatcher(project.content_dir, regenerate)
        observer = Observer()
        FolderReturns(observer, watcher)
        observer.start()
        os.chdir(project.root)  # mkdocs resolves the search dictionary from here
        try:
            mkdocs_serve(config_file=str(project.config), dev_addr=dev_addr, livereload=True)
        finally:
            observer.stop()
            watcher.stop()
