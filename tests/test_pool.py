"""Reading reports in a process pool gives what reading them one by one gives, in order."""
from __future__ import annotations

from generator.analyse.taxonomy import load_taxonomy
from generator.build.pipeline import discover, read_report
from generator.build.pool import read_reports
from tests.conftest import make_project


def test_pool_reads_as_one_process_does(tmp_path):
    project = make_project(tmp_path / "p", {"bad.txt": "only latin letters here, no report at all " * 3})
    taxonomy = load_taxonomy(project.content_dir)
    sources, _ = discover(project)
    serial = list(read_reports(sources, taxonomy, project.content_dir, read_report, processes=1))
    parallel = list(read_reports(sources, taxonomy, project.content_dir, read_report, processes=2, min_parallel=1))
    assert [type(r).__name__ for r in parallel] == ["Report"] * 5 + ["list"]  # bad.txt sorts last
    assert parallel[-1][0].path == project.reports_dir / "bad.txt"
    assert parallel == serial
