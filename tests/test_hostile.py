"""Hostile and careless input, concurrent and interrupted builds: never expose,
never lose, never hang.

Each test asserts an outcome a publisher or reader would see: the error text
and exit code, the published site unchanged, or the text rendered literally.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.errors import ContentError
from tests.conftest import REPO, SAMPLES, make_project

SAMPLE = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fazhi(project: Project, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=project.root)


def refused(result: subprocess.CompletedProcess, path: Path | str, *words: str) -> str:
    """The one error line naming path, after checking the exit code and that no
    traceback was printed; returns the line."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"error: {path}")]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def site_text(project: Project) -> str:
    """Everything the site publishes, as one text (pages, downloads, data, index)."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in project.site_dir.rglob("*")
                     if p.is_file() and p.suffix != ".gz")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """The five samples, built once; tests work on copies of it."""
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    build(project)
    return project


@pytest.fixture
def project(built, tmp_path) -> Project:
    root = tmp_path / "p"
    shutil.copytree(built.root, root, symlinks=True)
    return Project(root)


# --- 3. a large report: linear cost, a size limit, cache entries in proportion ------------


class Counted(tuple):
    """A tuple that counts the items handed out by iteration."""

    visits = 0

    def __iter__(self):
        for item in super().__iter__():
            Counted.visits += 1
            yield item


def test_section_chips_cost_one_pass_over_the_passages():
    """Seen: 50 MB stuck in render._chips, asking for each section's counts by
    walking every passage (work = sections x passages)."""
    from dataclasses import replace

    from generator.build import read_report
    from generator.records import Source
    from generator.render import render_report, theme_members, theme_pages
    from generator.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(REPO / "content")
    raw = (SAMPLE * 20).encode("utf-8")
    report = read_report(Source("big", Path("big.txt"), raw, None), taxonomy)
    passages = Counted(report.analysis.passages)
    report = replace(report, analysis=replace(report.analysis, passages=passages))
    assert len(report.document.sections) > 150 and len(passages) > 500
    where = theme_pages(theme_members([report], taxonomy))
    Counted.visits = 0
    render_report(report, taxonomy, where)
    assert Counted.visits <= 2 * len(passages)
