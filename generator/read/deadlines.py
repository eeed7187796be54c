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
from generator.read.schema import LEVELS
from generator.read.yamlfile import YamlFile, compose, shown

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
    problems: list[Problem] = []
    raw, root = compose(path, problems)
    checked = YamlFile(path, problems)
    rules: list[DeadlineRule] = []
    if root is None and not problems:
        checked.problem(None, "is empty; give its rules, or delete it to publish without deadlines")
    top = checked.mapping(root, None, ("rules",), example="rules: [...]") if root is not None else None
    if top is not None:
        nodes = checked.sequence(top["rules"], "rules")
        if not nodes and isinstance(top["rules"], yaml.SequenceNode):
            checked.problem(top["rules"], "rules must hold one or more rules")
        for node in nodes:
            if (rule := _rule(node, checked)) is not None:
                rules.append(rule)
    if problems:
        raise ContentError(problems)
    return Deadlines(tuple(rules), path, hashlib.sha256(raw).hexdigest())


def joined(text: str) -> str:
    """A folded YAML text as one line: the breaks YAML turned into spaces go
    where a side is Chinese (Chinese has no spaces between words), stay
    between Latin words."""
    text = " ".join(text.split())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


def _rule(node: yaml.Node, checked: YamlFile) -> DeadlineRule | None:
    keys = checked.mapping(node, "a rule", ("levels", "public_by", "source"), ("note",))
    if keys is None:
        return None
    before = len(checked.problems)
    levels = checked.texts(keys["levels"], "levels")
    for item, level in zip(keys["levels"].value if isinstance(keys["levels"], yaml.SequenceNode) else (), levels):
        if level not in LEVELS:
            checked.problem(item, f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    if isinstance(keys["levels"], yaml.SequenceNode) and not levels:
        checked.problem(keys["levels"], f"levels must list one or more of {', '.join(LEVELS)}")
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
        checked.problem(when, "public_by must be a day of the year written MM-DD in quotes (e.g. \"04-01\"), "
                              f"got {shown(when)}")
    source = joined(checked.text(keys["source"], "source"))
    note = joined(checked.text(keys["note"], "note")) if "note" in keys else ""
    if len(checked.problems) > before:
        return None
    return DeadlineRule(tuple(levels), month, day, source, note)
