"""The repository's history of each report's text: every committed version.

Read from git before the site is made (this is I/O): one `git log` over
content/reports/ finds the texts committed more than once; for each of those,
`git log --follow` lists its versions (across renames) and one
`git cat-file --batch` reads them all. Each version is read as the build reads
a report (decode -> normalise -> segment -> clean -> parse) and kept as its
paragraphs. A version whose paragraphs equal the one before (a change of
encoding, of white space, of page furniture) is no new version.

Without history (no git, not a checkout, a shallow clone) History.available
is False and why says so; the build says it once and publishes no versions.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ContentError
from generator.read.clean import clean
from generator.read.decode import decode
from generator.read.normalise import normalise
from generator.read.page import segment
from generator.read.parse import parse
from generator.records import Source

TIMEOUT = 300


@dataclass(frozen=True, slots=True)
class Version:
    commit: str
    date: str  # ISO date of the commit (committer date)
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class History:
    available: bool
    why: str = ""  # why there is no history, for the build's one line and the versions page
    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)  # slug -> oldest first, two or more


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=True,
                          timeout=TIMEOUT).stdout


def read_history(root: Path, reports_dir: Path) -> History:
    try:
        if _git(root, "rev-parse", "--is-shallow-repository").strip() == b"true":
            return History(False, "the repository is a shallow clone (fetch its full history, e.g. "
                                  "actions/checkout with fetch-depth: 0)")
        rel = reports_dir.resolve().relative_to(root.resolve()).as_posix()
        log = _git(root, "log", "--format=%x00%H", "--name-only", "--", f"{rel}/*.txt").decode("utf-8", "replace")
    except (OSError, ValueError) as exc:
        return History(False, f"git cannot be run ({exc})")
    except subprocess.SubprocessError:
        return History(False, "the project is not in a git checkout")
    commits: dict[str, int] = {}
    for line in log.splitlines():
        if line and not line.startswith("\0"):
            commits[line] = commits.get(line, 0) + 1
    versions: dict[str, tuple[Version, ...]] = {}
    for path in sorted(p for p, n in commits.items() if n > 1 and (root / p).is_file()):
        found = _versions(root, path)
        if len(found) > 1:
            versions[Path(path).stem] = found
    return History(True, "", versions)


def _versions(root: Path, path: str) -> tuple[Version, ...]:
    """The text's versions, oldest first, following renames."""
    out = _git(root, "log", "--follow", "--format=%x00%H %cs", "--name-only", "--", path).decode("utf-8", "replace")
    listed: list[tuple[str, str, str]] = []  # commit, date, path at that commit
    commit = date = ""
    for line in out.splitlines():
        if line.startswith("\0"):
            commit, date = line[1:].split(" ", 1)
        elif line and commit:
            listed.append((commit, date, line))
    listed.reverse()
    blobs = _blobs(root, [f"{c}:{p}" for c, _, p in listed])
    found: list[Version] = []
    for (commit, date, at), raw in zip(listed, blobs):
        if raw is None:  # deleted at that commit
            continue
        try:
            paragraphs = read_paragraphs(Path(at).stem, root / at, raw)
        except ContentError:  # a version the build could not read (too damaged): no version to show
            continue
        if not found or found[-1].paragraphs != paragraphs:
            found.append(Version(commit, date, paragraphs))
    return tuple(found)


def _blobs(root: Path, names: list[str]) -> list[bytes | None]:
    """The contents of commit:path objects, in one git process."""
    out = _git(root, "cat-file", "--batch", stdin="".join(n + "\n" for n in names).encode("utf-8"))
    found: list[bytes | None] = []
    at = 0
    for _ in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3 or header[-1] == b"missing":
            found.append(None)
            at = end + 1
            continue
        size = int(header[2])
        found.append(out[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return found


def read_paragraphs(slug: str, path: Path, raw: bytes) -> tuple[str, ...]:
    """A version's paragraphs, read as the build reads the report."""
    normalised = normalise(decode(Source(slug, path, raw, None)))
    document = parse(clean(normalised, segment(normalised.lines)))
    return tuple(p.text for p in document.preamble) + tuple(p.text for s in document.sections for p in s.paragraphs)
