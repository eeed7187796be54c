"""Shared fixtures: a project copy with the sample corpus, built once with the real mkdocs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.pipeline import Project, build

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content" / "reports"
SLUGS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


def make_project(root: Path, reports: dict[str, bytes | str] | None = None, with_samples: bool = True) -> Project:
    """A throwaway project: the repo's config, templates and taxonomy, plus reports."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "content" / "reports").mkdir(parents=True)
    for name in ("themes.yml", "parts.yml", "indicators.yml", "deadlines.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    if with_samples:
        for path in SAMPLES.iterdir():
            shutil.copy(path, root / "content" / "reports" / path.name)
    for name, data in (reports or {}).items():
        target = root / "content" / "reports" / name
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Project(root)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Project:
    project = make_project(tmp_path_factory.mktemp("sample") / "project")
    build(project)
    return project


def read_text(text: str):
    """(cleaned, document) of a report given as text, through the real stages."""
    from pathlib import Path

    from generator.read.clean import clean
    from generator.read.normalise import normalise
    from generator.read.page import segment
    from generator.read.parse import parse
    from generator.records import Decoded, Source

    normalised = normalise(Decoded(Source("r", Path("r.txt"), text.encode(), None), text, "utf-8"))
    cleaned = clean(normalised, segment(normalised.lines))
    return cleaned, parse(cleaned)
