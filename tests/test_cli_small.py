"""Small things of the command line (issue 23 item 9): repeated warnings are
summarised by a build, `inspect` reads paths from --root and ends quietly when
its reader stops."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import make_project

# No issuer, level, year or title anywhere in these texts: four warnings each.
UNNAMED = "一、主要工作\n本年度持续推进依法行政，完善{0}制度。\n二、存在的不足\n执法队伍素质仍需提升。\n三、下一步工作计划\n继续加强{0}建设。\n"
CODES = ("missing-issuer", "missing-level", "missing-year", "missing-title")


def fazhi(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=cwd or root)


def unnamed(tmp_path: Path):
    return make_project(tmp_path / "p", {f"r{n}.txt": UNNAMED.format(topic)
                                         for n, topic in enumerate(["行政复议", "行政执法", "法治宣传", "政务公开"])},
                        with_samples=False)


def test_a_build_prints_one_line_per_kind_of_warning(tmp_path):
    project = unnamed(tmp_path)
    done = fazhi(project.root, "build")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {code}: 4 files (r0.txt, r1.txt, r2.txt, …); `fazhi check` or "
                        "`fazhi build --verbose` lists each" for code in CODES]
    assert "0 errors, 16 warnings" in done.stderr
    verbose = fazhi(project.root, "build", "--verbose")
    listed = [line for line in verbose.stderr.splitlines() if line.startswith("warning:")]
    assert len(listed) == 16 and f"warning: {project.reports_dir / 'r3.txt'}: missing-year: " \
        "无法确定报告年度，请在补充文件中给出 year" in listed
    check = fazhi(project.root, "check")
    assert len([line for line in check.stderr.splitlines() if line.startswith("warning:")]) >= 16


def test_a_kind_of_warning_met_once_is_printed_whole(tmp_path):
    project = make_project(tmp_path / "p", {"r0.txt": UNNAMED.format("行政复议")}, with_samples=False)
    done = fazhi(project.root, "build")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert f"warning: {project.reports_dir / 'r0.txt'}: missing-issuer: 原文未写明发布机关，请在补充文件中给出 issuer" \
        in warnings and len(warnings) == 4


def test_inspect_reads_paths_from_the_root(sample_site, tmp_path):
    done = fazhi(sample_site.root, "inspect", "content/reports/2022-anhui-wuhu.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2022-anhui-wuhu: ")


def test_inspect_ends_quietly_when_its_reader_stops(sample_site, tmp_path):
    run = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(sample_site.root), "inspect", "--json",
                            "content/reports"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert run.stdout is not None and run.stderr is not None
    assert run.stdout.read(10) == b'[\n  {\n    '  # what `| head -c 10` reads
    run.stdout.close()
    err = run.stderr.read().decode()
    assert run.wait(timeout=120) == 0 and err == ""
