"""content/deadlines.yml -> the rule each report's publication is measured against.

The file is the publisher's: the legal source is quoted as written there, and
a changed rule changes every page that measures against it. Every problem is
reported as ``file:line: what is wrong; what to do`` before anything is built.
A project without the file has no rules: the timeliness pages say so and
every report's timeliness is unknown.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import ContentError, Problem
from generator.read.files import read_regular
from generator.read.schema import LEVELS

FILE = "deadlines.yml"
MONTH_DAY = re.compile(r"(\d\d)-(\d\d)")


@dataclass(frozen=True)
class DeadlineRule:
    levels: tuple[str, ...]
    month: int
    day: int
    source: str  # the legal source, shown to readers
    note: str = ""

    def deadline(self, year: int) -> dt.date:
        """The last day on time for a report of `year`."""
        return dt.date(year + 1, self.month, self.day)

    @property
    def shown(self) -> str:
        return f"次年{self.month}月{self.day}日"


@dataclass(frozen=True)
class Deadlines:
    rules: tuple[DeadlineRule, ...] = ()
    path: Path | None = None  # None: the project has no deadlines.yml
    digest: str = ""

    def rule(self, level: object) -> DeadlineRule | None:
        """The first rule naming the level; for an unknown level, the rule
        every level shares when there is one (else none)."""
        if level:
            return next((r for r in self.rules if str(level) in r.levels), None)
        shared = [r for r in self.rules if set(LEVELS) <= set(r.levels)]
        return shared[0] if shared else None


def load_deadlines(content_dir: Path) -> Deadlines:
    path = content_dir / FILE
    if not path.exists() and not path.is_symlink():
        return Deadlines()
    raw = read_regular(path)
    problems: list[Problem] = []

    def problem(node: yaml.Node | None, message: str) -> None:
        problems.append(Problem(path, node.start_mark.line + 1 if node is not None else None, message))

    try:
        root = yaml.compose(raw.decode("utf-8-sig"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise ContentError(Problem(path, None, f"is not UTF-8 text ({exc.reason}); save it as UTF-8")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(Problem(path, mark.line + 1 if mark else None,
                                   f"is not valid YAML: {getattr(exc, 'problem', None) or exc}")) from None
    rules: list[DeadlineRule] = []
    top = _mapping(root, "deadlines.yml", ("rules",), (), problem)
    if top is not None:
        if not isinstance(top["rules"], yaml.SequenceNode) or not top["rules"].value:
            problem(top["rules"], "rules must be a list of one or more rules (lines starting with '- ')")
        else:
            for node in top["rules"].value:
                if (rule := _rule(node, problem)) is not None:
                    rules.append(rule)
    if problems:
        raise ContentError(problems)
    return Deadlines(tuple(rules), path, hashlib.sha256(raw).hexdigest())


def _mapping(node: yaml.Node | None, what: str, required: tuple[str, ...], optional: tuple[str, ...],
             problem) -> dict[str, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        problem(node, f"{what} must be a mapping with the keys {', '.join(required + optional)}")
        return None
    found: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if key.value not in required + optional:
            problem(key, f"unknown key {key.value!r} in {what}; allowed keys: {', '.join(required + optional)}")
        else:
            found[key.value] = value
    missing = [name for name in required if name not in found]
    for name in missing:
        problem(node, f"{what} lacks the key {name!r}")
    return None if missing else found


def joined(text: str) -> str:
    """A folded YAML text as one line: the breaks YAML turned into spaces go
    where a side is Chinese (Chinese has no spaces between words), stay
    between Latin words."""
    text = " ".join(text.split())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def _rule(node: yaml.Node, problem) -> DeadlineRule | None:
    keys = _mapping(node, "a rule", ("levels", "public_by", "source"), ("note",), problem)
    if keys is None:
        return None
    ok = True
    levels: list[str] = []
    if not isinstance(keys["levels"], yaml.SequenceNode) or not keys["levels"].value:
        problem(keys["levels"], f"levels must be a list of one or more of {', '.join(LEVELS)}")
        ok = False
    else:
        for item in keys["levels"].value:
            if item.value not in LEVELS:
                problem(item, f"level must be one of {', '.join(LEVELS)}, got {item.value!r}")
                ok = False
            levels.append(str(item.value))
    when = keys["public_by"]
    month = day = 0
    match = MONTH_DAY.fullmatch(str(when.value).strip()) if isinstance(when, yaml.ScalarNode) else None
    if match:
        month, day = int(match[1]), int(match[2])
        try:
            dt.date(2001, month, day)  # a year without 29 February: a rule must hold every year
        except ValueError:
            match = None
    if not match:
        problem(when, f"public_by must be a day of the year written MM-DD in quotes (e.g. \"04-01\"), got {when.value!r}")
        ok = False
    texts = {}
    for name in ("source", "note"):
        value = keys.get(name)
        if value is None:
            continue
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            problem(value, f"{name} must be a non-empty text (the legal source readers are shown)")
            ok = False
        else:
            texts[name] = joined(str(value.value))
    return DeadlineRule(tuple(levels), month, day, texts.get("source", ""), texts.get("note", "")) if ok else None
