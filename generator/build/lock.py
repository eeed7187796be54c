"""One fazhi command at a time per project folder.

Two builds in one folder used to share the aside site and the cache's
temporary files and published a fraction of the site, both reporting
success. A build (and serve, for as long as it runs) now holds an OS-level
lock on build/.lock, through `filelock` (flock on POSIX, LockFileEx on
Windows, where fcntl does not exist and fazhi could not start). The second
command stops at once with a message naming the holder, which each holder
writes to build/.lock.holder ("fazhi build (pid 123)") once it holds the lock.

The operating system releases the lock when its holder ends, however it ends;
filelock closes the lock's descriptor in forked children, so reading workers
left by a killed build (generator/build/pool.py ends them anyway) never keep
it. A holder file left behind by a process that ended without releasing is
taken over with a notice. Should the lock still be held although the named
holder is gone (processes of an older fazhi), the command waits a few
seconds for them and then says what to do.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from generator.disk import atomic_write
from generator.errors import BuildError, os_advice

LOCK_NAME = ".lock"
HOLDER_NAME = ".lock.holder"
LEFTOVERS_WAIT = 3.0  # seconds to wait for a dead holder's last processes to end


def is_running(pid: int) -> bool:
    """Whether a process of this id exists. On Windows a lock dies with its
    holder and there is no fork, so a held lock's holder is running."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _holder(path: Path) -> tuple[str, int | None]:
    """Who the holder file names, and its process id."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "", None
    found = re.search(r"\(pid (\d+)\)", text)
    return text, int(found.group(1)) if found else None


@contextmanager
def project_lock(build_dir: Path, command: str, *, required: bool = True) -> Iterator[bool]:
    """Hold build/.lock while the block runs; yields True when held.

    required: raise BuildError when another command holds it; otherwise
    yield False (and False when build/ cannot be written) and let the caller
    go on without it: commands that only read use this to do their repair of
    a killed build only when nobody else is at work."""
    path, holder_file = build_dir / LOCK_NAME, build_dir / HOLDER_NAME
    lock = FileLock(path)
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            raise BuildError(f"{path}: is a symbolic link; remove it, then run `fazhi {command}` again")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            holder, pid = _holder(holder_file)
            if pid is None or is_running(pid):
                if not required:
                    yield False
                    return
                raise BuildError(
                    f"{build_dir.parent}: {holder or 'another fazhi command'} is running in this folder; one command "
                    f"at a time can build it: wait for that one to finish (or stop it), then run `fazhi {command}` "
                    "again") from None
            try:  # its workers end within a second of it (generator/build/pool.py)
                lock.acquire(timeout=LEFTOVERS_WAIT)
            except Timeout:
                if not required:
                    yield False
                    return
                raise BuildError(
                    f"{path}: {holder} is no longer running, but processes it started still hold this lock; end "
                    f"them (on Linux `fuser -v {path}` lists them), then run `fazhi {command}` again") from None
    except OSError as exc:
        if not required:
            yield False
            return
        raise BuildError(f"{path}: cannot create the lock file ({exc.strerror}); {os_advice(exc)}") from None
    try:
        left, _ = _holder(holder_file)
        if left:
            print(f"notice: {left} ended without releasing {path}; {command} takes it over", file=sys.stderr)
        atomic_write(holder_file, f"fazhi {command} (pid {os.getpid()})\n".encode(), "the lock's holder")
        yield True
    finally:
        try:
            holder_file.unlink(missing_ok=True)
        finally:
            lock.release()
