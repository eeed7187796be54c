"""The one small exception tree.

Expected problems with the publisher's content are ``ContentError``s: they name
the file (and line, where there is one), say what was wrong and what to do, and
are printed without a traceback. ``BuildError`` is for everything that stops a
build for reasons outside a single input file (mkdocs failed, output unsafe).
"""
from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


class FazhiError(Exception):
    """Base class of every error the CLI prints without a traceback."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ContentError(FazhiError):
    """One or more problems in the publisher's content files."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(FazhiError):
    """The build could not finish for a reason not tied to one input file."""


def os_advice(exc: OSError) -> str:
    """What a publisher can do about a failed file operation."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "free some disk space (or raise the quota) and run the command again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "make it writable for this user (check its owner and permissions) and run the command again"
    if exc.errno == errno.ENAMETOOLONG:
        return "use a shorter file name"
    return "check the folder and the disk, then run the command again"


def os_error(path: object, exc: OSError, doing: str) -> BuildError:
    """A BuildError for a failed file operation: where, what, and what to do.
    (An OSError raised by write() names no file: the caller knows it.)"""
    return BuildError(f"{path}: could not {doing}: {exc.strerror or exc}; {os_advice(exc)}")
