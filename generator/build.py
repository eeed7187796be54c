"""The whole build, as the list of its stages.

    load taxonomy; read sources -> decode -> clean -> parse -> describe ->
    analyse   (per report; all problems across all files are collected
    before failing) -> render pages -> write docs -> mkdocs build
"""
from __future__ import annotations

import logging
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .analyse import analyse
from .clean import clean
from .decode import decode
from .errors import BuildError, ContentError, Problem
from .metadata import describe
from .parse import parse
from .records import Report, Source
from .compare import compare_site
from .render import render_site
from .schema import load_sidecar
from .taxonomy import Taxonomy, load_taxonomy
from .write import WriteResult, write_pages

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Project:
    """Where a site's inputs and outputs live; all derived from its root."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def reports_dir(self) -> Path:
        return self.content_dir / "reports"

    @property
    def search_terms(self) -> Path:
        return self.root / "content" / "search-terms.txt"

    @property
    def docs_dir(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"


@dataclass(frozen=True)
class Summary:
    reports: int
    pages: int
    written: WriteResult
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def discover(project: Project) -> tuple[list[Source], list[Problem]]:
    """Find report texts and their sidecars; every stray file is a problem."""
    folder = project.reports_dir
    if not folder.is_dir():
        raise BuildError(f"{folder}: no such folder; put report texts in content/reports/<slug>.txt")
    sources, problems = [], []
    texts = {p.stem: p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file()}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yml":
            if path.stem not in texts:
                problems.append(Problem(path, None, f"sidecar without a report: expected {path.stem}.txt beside it"))
        elif path.suffix == ".yaml":
            problems.append(Problem(path, None, f"sidecars are named <slug>.yml; rename to {path.stem}.yml"))
        elif path.suffix != ".txt":
            problems.append(Problem(path, None, "unexpected file; reports are <slug>.txt with an optional <slug>.yml"))
    for slug, path in sorted(texts.items()):
        if not SLUG.match(slug):
            problems.append(Problem(path, None, (
                "file name is used as the page address and must be Latin letters, digits, '-' or '_' "
                "(e.g. 2023-anhui-shexian-xucun.txt); rename the file")))
            continue
        sidecar = path.with_suffix(".yml")
        sources.append(Source(slug, path, path.read_bytes(), sidecar if sidecar.is_file() else None))
    return sources, problems


def read_report(source: Source, taxonomy: Taxonomy) -> Report:
    """decode -> clean -> parse -> describe -> analyse, for one report."""
    given: dict[str, object] = {}
    if source.sidecar_path:
        given, problems = load_sidecar(source.sidecar_path)
        if problems:
            raise ContentError(problems)
    cleaned = clean(decode(source))
    document = parse(cleaned)
    metadata = describe(cleaned, document, given)
    return Report(source.slug, source, cleaned, document, metadata, analyse(document, taxonomy))


def read_all(project: Project, progress: Progress | None = None) -> tuple[Taxonomy, list[Report]]:
    taxonomy = load_taxonomy(project.content_dir)
    sources, problems = discover(project)
    reports = []
    for n, source in enumerate(sources, start=1):
        if progress:
            progress(f"reading {n}/{len(sources)}: {source.slug}")
        try:
            reports.append(read_report(source, taxonomy))
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    if not reports:
        raise BuildError(f"{project.reports_dir}: no reports found; add <slug>.txt files")
    return taxonomy, reports


def warnings_of(reports: Sequence[Report]) -> list[str]:
    return [
        f"{r.source.path}: {d.code}: {d.message}"
        for r in reports for d in r.diagnostics if d.severity == "warning"
    ]


def generate(project: Project, progress: Progress | None = None) -> tuple[list[Report], int, WriteResult]:
    """Everything up to the Markdown: used by build, serve and check."""
    taxonomy, reports = read_all(project, progress)
    pages = render_site(reports, taxonomy) + compare_site(reports, taxonomy)
    written = write_pages(pages, project.docs_dir)
    return reports, len(pages), written


def build(project: Project, *, strict: bool = False, progress: Progress | None = None) -> Summary:
    started = time.monotonic()
    reports, pages, written = generate(project, progress)
    warnings = warnings_of(reports)
    if strict and warnings:
        raise BuildError("strict mode: content warnings:\n" + "\n".join(warnings))
    if progress:
        progress(f"rendering site with mkdocs ({pages} pages)")
    run_mkdocs(project, strict=strict)
    return Summary(len(reports), pages, written, warnings, time.monotonic() - started)


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def mkdocs_config(project: Project, **overrides):
    from mkdocs.config import load_config

    config = load_config(str(project.config), **overrides)
    # Material's search reads jieba_dict_user relative to the working
    # directory; pin it to this project's file so builds run from anywhere.
    for plugin in config["plugins"].values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            plugin.config["jieba_dict_user"] = str(project.search_terms)
    return config


def run_mkdocs(project: Project, *, strict: bool = False) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    counter = _Counter()
    log = logging.getLogger("mkdocs")
    log.addHandler(counter)
    try:
        config = mkdocs_config(project, strict=strict, site_dir=str(project.site_dir))
        mkdocs_build(config)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs failed: {exc}") from None
    except SystemExit as exc:  # mkdocs' strict mode aborts this way
        raise BuildError(f"mkdocs aborted: {'; '.join(counter.messages) or exc}") from None
    finally:
        log.removeHandler(counter)
    if counter.messages:
        print(f"mkdocs reported {len(counter.messages)} warning(s)", file=sys.stderr)
