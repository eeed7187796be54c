"""Two engines, one site: the sample site built on MkDocs 1.6 and on ProperDocs
(FAZHI_ENGINE) is the same, byte for byte, apart from the generator tag."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_project

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def build_with(engine: str, root: Path) -> Path:
    project = make_project(root)
    env = {**os.environ, "FAZHI_ENGINE": engine}
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    return project.root / "site"


def files(site: Path) -> dict[str, bytes]:
    """Every file of the site but the search index (Pagefind writes a few of its
    files in varying order, whatever the engine: README, "Search")."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    return {engine: files(build_with(engine, tmp_path_factory.mktemp(engine) / "project"))
            for engine in ("mkdocs", "properdocs")}


def test_both_engines_build_the_same_site(sites):
    mkdocs, properdocs = sites["mkdocs"], sites["properdocs"]
    assert mkdocs.keys() == properdocs.keys()
    differ = [name for name in mkdocs
              if GENERATOR_TAG.sub(b"", mkdocs[name]) != GENERATOR_TAG.sub(b"", properdocs[name])]
    assert not differ, f"differ beyond the generator tag: {differ[:10]}"


def test_the_generator_tag_names_the_engine_that_ran(sites):
    """Otherwise the comparison above could be of two MkDocs builds."""
    assert b"mkdocs-1.6" in sites["mkdocs"]["index.html"]
    assert b"ProperDocs" in sites["properdocs"]["index.html"]


def test_an_unknown_engine_is_one_clear_line(tmp_path):
    project = make_project(tmp_path / "project", with_samples=False)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "check"],
                          capture_output=True, text=True, env={**os.environ, "FAZHI_ENGINE": "hugo"}, timeout=120)
    assert done.returncode != 0
    assert "FAZHI_ENGINE='hugo' is not an engine" in done.stderr
    assert "Traceback" not in done.stderr
