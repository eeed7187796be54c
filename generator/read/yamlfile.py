"""Every YAML file a publisher edits, read and validated one way.

Sidecars (``content/reports/<slug>.yml``) and the taxonomy files
(``content/themes.yml``, ``parts.yml``, ``indicators.yml``) are composed into
PyYAML's node tree, which keeps each value's line, and checked node by node with
`YamlFile`: every problem is collected as ``file:line: what; what to do`` and
nothing is built from a file that has one.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.errors import ContentError, Problem
from generator.read.decode import invisible_in
from generator.read.files import read_regular

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def compose(path: Path, problems: list[Problem]) -> tuple[bytes, yaml.Node | None]:
    """The file's bytes and its node tree; None (and a problem) where it cannot
    be read or parsed. An empty file gives None and no problem: the caller
    decides whether empty is allowed."""
    try:
        raw = read_regular(path)
        text = raw.decode("utf-8-sig")
    except ContentError as exc:
        problems.extend(exc.problems)
        return b"", None
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, None, f"is not UTF-8 text ({exc.reason}); save it as UTF-8"))
        return raw, None
    try:
        return raw, yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(path, mark.line + 1 if mark else None,
                                f"is not valid YAML: {getattr(exc, 'problem', None) or exc}"))
        return raw, None


def shown(node: yaml.Node) -> str:
    """A YAML value as a publisher wrote it: '3', a list, a mapping."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return repr(node.value)


class YamlFile:
    """Validation of one file's YAML nodes, collecting problems with their lines."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems

    def problem(self, node: yaml.Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, node.start_mark.line + 1 if node is not None else None, message))

    def mapping(self, node: yaml.Node, what: str | None, required: tuple[str, ...],
                optional: tuple[str, ...] = (), example: str = "") -> dict[str, yaml.Node] | None:
        """The mapping's value nodes by key, or None where it is not a mapping or
        lacks a required key. what is None for a whole file's top level."""
        allowed = required + optional
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping with keys {', '.join(allowed)}" if what else
                         "must be a mapping of keys to values" + (f", e.g. {example}" if example else ""))
            return None
        inside = f" in {what}" if what else ""
        found: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value
            if name not in allowed:
                self.problem(key, f"unknown key {name!r}{inside}; allowed keys: {', '.join(allowed)}")
            elif name in found:
                self.problem(key, f"key {name!r} is given twice{inside}")
            else:
                found[name] = value
        for name in required:
            if name not in found:
                self.problem(node, f"{what or 'the file'} lacks the key {name!r}")
        return found if all(n in found for n in required) else None

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list (lines starting with '- ')")
            return []
        return list(node.value)

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            self.problem(node, f"{what} must be a non-empty text, got {shown(node)}")
            return ""
        if hidden := invisible_in(str(node.value)):
            self.problem(node, f"{what} contains an invisible character ({hidden}); delete it, or type the text again")
            return ""
        return str(node.value).strip()

    def texts(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        return tuple(t for t in (self.text(n, f"each entry of {what}") for n in self.sequence(node, what)) if t)

    def number(self, node: yaml.Node, what: str, low: float, high: float) -> float:
        try:
            value = float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            self.problem(node, f"{what} must be a number from {low:g} to {high:g}, got {shown(node)}")
            return low
        return value

    def flag(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.value not in ("true", "false"):
            self.problem(node, f"{what} must be true or false, got {shown(node)}")
            return False
        return node.value == "true"

    def slug(self, node: yaml.Node, what: str, seen: set[str]) -> str:
        slug = self.text(node, what)
        if slug and not SLUG.match(slug):
            self.problem(node, f"{what} {slug!r} must be lower-case Latin letters, digits and '-' (it is a page address)")
        elif slug in seen:
            self.problem(node, f"{what} {slug!r} is used twice; slugs must be unique")
        seen.add(slug)
        return slug

    def scalar(self, node: yaml.Node) -> object:
        """A scalar's value as YAML types it (2023 an int, 2024-01-19 a date);
        a value that only looks like a date (2024-13-01) stays text."""
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_object(node, deep=True)
        except ValueError:
            return node.value
        finally:
            loader.dispose()
