"""One fazhi command at a time per project folder.

Two builds in one folder used to share the aside site and the cache's
temporary files and published a fraction of the site, both reporting
success. A build (and serve, for as long as it runs) now holds an OS-level
lock, fcntl.flock on build/.lock: the second command stops at once with a
message saying who holds it, and the operating system releases the lock when
its holder ends, however it ends (a killed build leaves no stale lock).
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError, os_advice

LOCK_NAME = ".lock"


@contextmanager
def project_lock(build_dir: Path, command: str, *, required: bool = True) -> Iterator[bool]:
    """Hold build/.lock while the block runs; yields True when held.

    required: raise BuildError when another command holds it; otherwise
    yield False (and False when build/ cannot be written) and let the caller
    go on without it: commands that only read use this to do their repair of
    a killed build only when nobody else is at work."""
    path = build_dir / LOCK_NAME
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if not required:
            yield False
            return
        raise BuildError(f"{path}: cannot create the lock file ({exc.strerror}); {os_advice(exc)}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another fazhi command"
            if required:
                raise BuildError(
                    f"{build_dir.parent}: {holder} is running in this folder; one command at a time can build it: "
                    f"wait for that one to finish (or stop it), then run `fazhi {command}` again") from None
            yield False
            return
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"fazhi {command} (pid {os.getpid()})\n".encode(), 0)
        yield True
    finally:
        os.close(fd)  # releases the lock
