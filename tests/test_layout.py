"""The package shows its pipeline: each module imports only from its own stage
or an earlier one (README, "How the code is laid out"), and no private name
crosses a module."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Earlier stages first; a module may import from its own rank or a lower one.
RANKS = {"records": 0, "errors": 0, "disk": 0, "version": 0, "engine": 0, "__init__": 0,
         "read": 1, "analyse": 2, "plugins": 3, "site": 4, "search": 5, "build": 6,
         "cli": 7, "__main__": 7}


def stage(module: str) -> str:
    """generator.read.page -> read; generator.records -> records."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import of this package, lazy ones too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("generator"):
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "." * node.level + (node.module or ""), [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names if a.name.startswith("generator")]
    return found


def modules() -> list[tuple[str, Path]]:
    return [(".".join(("generator",) + p.relative_to(PACKAGE).with_suffix("").parts), p)
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_every_module_has_a_known_stage():
    unknown = {stage(name) for name, _ in modules()} - set(RANKS)
    assert not unknown, f"add these to RANKS in tests/test_layout.py and the README's layout section: {unknown}"


def test_no_module_imports_from_a_later_stage():
    wrong = []
    for name, path in modules():
        for line, target, _ in imports(path):
            if target.startswith("."):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: relative import {target}: use generator.<stage>.<module>")
                continue
            mine, theirs = stage(name), stage(target) if target != "generator" else "__init__"
            if RANKS[theirs] > RANKS[mine]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {mine} imports {target} ({theirs} is a later stage)")
    assert not wrong, "\n".join(wrong)


def test_no_private_name_crosses_a_module():
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{line}: imports {n} from {target}"
             for _, path in modules() for line, target, names in imports(path)
             for n in names if n.startswith("_") and not n.startswith("__")]
    assert not wrong, "\n".join(wrong)


def test_the_rule_catches_an_upward_import(tmp_path):
    """The check itself can fail: a read-stage module importing the site stage."""
    bad = tmp_path / "bad.py"
    bad.write_text("from generator.site.render import html_text\n")
    (line, target, _), = imports(bad)
    assert RANKS[stage(target)] > RANKS[stage("generator.read.bad")]
