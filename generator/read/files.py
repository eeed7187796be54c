"""Reading the publisher's files: regular files inside content/ only, within a
size limit.

A symbolic link or a special file in content/ would let the site publish
whatever it points at (a link to /etc/passwd puts that file on a page, in the
downloads and in the search index), and a FIFO would hang the build; so every
input is opened without following links, checked to be a regular file on the
open descriptor (no window between check and read), and read only up to its
limit. Every refusal is a Problem naming the file and what to do.
"""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.errors import ContentError, Problem

MB = 1 << 20
# Far above any real report (the longest seen are under 1 MB); a build costs
# about 5 s per MB of report (benchmarks/large.py), so this keeps a build of
# one report well under a minute.
MAX_REPORT_MB = 5
MAX_SETTINGS_BYTES = 1 * MB  # a sidecar or taxonomy file


def kind_of(mode: int) -> str:
    """What a non-regular directory entry is, in words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "not a regular file"


def not_regular(path: Path, mode: int) -> Problem:
    what = kind_of(mode)
    if stat.S_ISLNK(mode):
        try:
            what += f" (to {os.readlink(path)})"
        except OSError:
            pass
        return Problem(path, None, (
            f"is {what}; only regular files inside content/ are read, so that nothing outside it "
            "can be published: copy the file here instead of linking to it"))
    if stat.S_ISDIR(mode):
        return Problem(path, None, (
            "is a folder; content/reports/ holds only report files (<slug>.txt and <slug>.yml): "
            "move the folder out of it"))
    return Problem(path, None, f"is {what}, not a plain-text file; remove it")


def size_text(size: float) -> str:
    """50 MB, 5.5 MB, 13.3 KB"""
    return f"{size / MB:.3g} MB" if size >= MB else f"{size / 1024:.3g} KB"


def report_limit_advice(size: int) -> str:
    return ("real reports are under 1 MB: check that it holds one report's text and nothing else, "
            f"or raise the limit with `fazhi --max-report-mb {size // MB + 1} build`")


def too_large(path: Path, size: int, limit: int, what: str) -> Problem:
    advice = report_limit_advice(size) if what == "a report" else "check that it is the right file"
    return Problem(path, None, f"is {size_text(size)}, more than the {size_text(limit)} {what} may be; {advice}")


def read_regular(path: Path, limit: int = MAX_SETTINGS_BYTES, what: str = "a settings file") -> bytes:
    """The bytes of a regular file, opened without following a symbolic link
    and refused above limit bytes; raises ContentError naming the file."""
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ContentError(not_regular(path, stat.S_IFLNK)) from None
        raise ContentError(Problem(path, None, f"cannot be read ({exc.strerror}); check that it exists and is readable")) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ContentError(not_regular(path, info.st_mode))
        if info.st_size > limit:
            raise ContentError(too_large(path, info.st_size, limit, what))
        data = f.read(limit + 1)
    if len(data) > limit:  # it grew while we read it
        raise ContentError(too_large(path, len(data), limit, what))
    return data
