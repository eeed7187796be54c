"""Duplicate reports (issue 23 item 3): a byte copy is an error naming both
files; two reports of one issuer and year are a warning naming both (an
error with --strict), in `check` and in `build`."""
from __future__ import annotations

import subprocess
import sys

import pytest

from generator.build.pipeline import build, read_all
from generator.errors import BuildError, ContentError
from tests.conftest import SAMPLES, make_project
from tests.test_site import figure_data

WUHU = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")  # 芜湖市人民政府, 2022
CORRECTED = WUHU + "\n三、其他事项\n本报告第二版补充了一段说明。\n"


def fazhi(project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), *args],
                          capture_output=True, text=True, cwd=project.root)


def test_a_byte_copy_is_an_error_naming_both_files(tmp_path):
    project = make_project(tmp_path / "p", {"2022-wuhu-copy.txt": WUHU})
    with pytest.raises(ContentError) as caught:
        read_all(project)
    (problem,) = caught.value.problems
    assert problem.path == project.reports_dir / "2022-wuhu-copy.txt"  # sorted by name: the first is kept
    assert "byte-for-byte copy of 2022-anhui-wuhu.txt" in problem.message
    done = fazhi(project, "check")
    assert done.returncode == 1
    assert f"error: {project.reports_dir / '2022-wuhu-copy.txt'}: is a byte-for-byte copy of 2022-anhui-wuhu.txt" \
        in done.stderr


def test_with_keep_going_the_copy_is_skipped_and_the_first_published(tmp_path):
    project = make_project(tmp_path / "p", {"2022-wuhu-copy.txt": WUHU})
    summary = build(project, keep_going=True)
    assert [s.path.name for s in summary.skipped] == ["2022-wuhu-copy.txt"]
    assert (project.site_dir / "reports/2022-anhui-wuhu/index.html").is_file()
    assert not (project.site_dir / "reports/2022-wuhu-copy").exists()


def test_two_reports_of_one_issuer_and_year_are_a_warning_naming_both(tmp_path):
    project = make_project(tmp_path / "p", {"2022-anhui-wuhu-v2.txt": CORRECTED})
    done = fazhi(project, "check")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "duplicate-issuer-year" in line]
    assert lines == [f"warning: {project.reports_dir / '2022-anhui-wuhu-v2.txt'}: duplicate-issuer-year: "
                     "芜湖市人民政府, 2022: the same issuer and year as 2022-anhui-wuhu.txt; keep one report per issuer "
                     "and year (delete the older version), or correct the issuer or year in the sidecar"]
    summary = build(project)
    assert [w for w in summary.warnings if "duplicate-issuer-year" in w] == [lines[0].removeprefix("warning: ")]
    # on the site, never two identical rows: the charts and figure tables of theme pages (their
    # data, which compare.js draws) tell them apart
    figs = [figure_data(page) for page in (project.site_dir / "themes").rglob("index.html")
            if 'data-figures="' in page.read_text(encoding="utf-8")]
    charts = [[label for label, _, _ in bars] for fig in figs for _, _, bars in fig["charts"]]
    both = [labels for labels in charts if "芜湖市人民政府（2022年度）（2022-anhui-wuhu-v2）" in labels]
    assert both and all("芜湖市人民政府（2022年度）（2022-anhui-wuhu）" in labels for labels in both)
    assert all(len(set(labels)) == len(labels) for labels in charts)
    rows = [[title for _, title, _ in fig["rows"]] for fig in figs]
    assert all(len(set(r)) == len(r) for r in rows) and any(len(r) > 1 for r in rows)
    with pytest.raises(BuildError, match="duplicate-issuer-year"):
        build(project, strict=True)


def test_reports_of_one_issuer_in_other_years_are_no_duplicates(sample_site):
    assert not [w for w in build(sample_site).warnings if "duplicate" in w]


def test_one_text_under_two_sidecars_that_differ_is_no_copy(tmp_path):
    project = make_project(tmp_path / "p", {"2021-wuhu-copy.txt": WUHU, "2021-wuhu-copy.yml": "year: 2021\n"})
    corpus = read_all(project)
    assert {"2022-anhui-wuhu", "2021-wuhu-copy"} <= {r.slug for r in corpus.reports}


def test_a_copy_with_the_same_sidecar_is_a_copy(tmp_path):
    sidecar = (SAMPLES / "2023-anhui-shexian-xucun.yml").read_text(encoding="utf-8")
    text = (SAMPLES / "2023-anhui-shexian-xucun.txt").read_text(encoding="utf-8")
    project = make_project(tmp_path / "p", {"xucun-again.txt": text, "xucun-again.yml": sidecar})
    with pytest.raises(ContentError, match="xucun-again.txt: is a byte-for-byte copy of 2023-anhui-shexian-xucun.txt"):
        read_all(project)
