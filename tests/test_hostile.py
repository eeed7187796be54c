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


# --- 1. only regular files inside content/ are read ---------------------------------------


def test_a_symlink_publishes_nothing_outside_content(project):
    link = project.reports_dir / "passwd.txt"
    link.symlink_to("/etc/passwd")
    before = snapshot(project.site_dir)
    result = fazhi(project, "build")
    refused(result, link, "is a symbolic link (to /etc/passwd)", "copy the file here")
    assert snapshot(project.site_dir) == before
    assert fazhi(project, "check").returncode == 1
    # Even when the build goes on without it, nothing of the target is published.
    kept = fazhi(project, "build", "--keep-going")
    assert kept.returncode == 0, kept.stderr
    assert "root:x:0:0" not in site_text(project)
    assert not (project.site_dir / "reports/passwd").exists()


def test_symlinked_sidecar_and_taxonomy_are_refused(project):
    sidecar = project.reports_dir / "2022-anhui-wuhu.yml"
    sidecar.symlink_to("/etc/hostname")
    themes = project.content_dir / "themes.yml"
    themes.rename(project.root / "themes.yml")
    themes.symlink_to(project.root / "themes.yml")
    result = fazhi(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {sidecar}: is a symbolic link" in result.stderr
    assert f"error: {themes}: is a symbolic link" in result.stderr


def test_special_files_and_folders_are_named_not_ignored(project):
    folder = project.reports_dir
    os.mkfifo(folder / "pipe.txt")
    (folder / "x.txt").mkdir()
    (folder / "linked").symlink_to(REPO / "content", target_is_directory=True)
    (folder / ".2022-anhui-wuhu.yml").write_text("year: 2022\n", encoding="utf-8")
    started = time.monotonic()
    result = fazhi(project, "check", timeout=60)
    assert time.monotonic() - started < 30  # a FIFO must not hang the read
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for line in (f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a plain-text file",
                 f"{folder / 'x.txt'}: is a folder, not a plain-text file",
                 f"{folder / 'linked'}: is a symbolic link (to {REPO / 'content'})",
                 f"{folder / '.2022-anhui-wuhu.yml'}: is hidden (its name starts with '.') and would be left out: "
                 "rename it to 2022-anhui-wuhu.yml"):
        assert f"error: {line}" in result.stderr, line


def test_a_linked_reports_folder_is_refused(tmp_path):
    project = make_project(tmp_path / "p", with_samples=False)
    shutil.rmtree(project.reports_dir)
    project.reports_dir.symlink_to(SAMPLES, target_is_directory=True)
    refused(fazhi(project, "build"), project.reports_dir, "is a symbolic link")


def test_names_differing_only_in_case_are_one_address(project):
    (project.reports_dir / "2022-Anhui-Wuhu.txt").write_text(SAMPLE, encoding="utf-8")
    result = fazhi(project, "build")
    refused(result, project.reports_dir / "2022-anhui-wuhu.txt", "differs from 2022-Anhui-Wuhu.txt only in letter case")
    refused(result, project.reports_dir / "2022-Anhui-Wuhu.txt", "differs from 2022-anhui-wuhu.txt only in letter case")


def test_a_file_name_too_long_for_an_address_is_named_by_check(project):
    path = project.reports_dir / ("a" * 250 + ".txt")
    path.write_text(SAMPLE, encoding="utf-8")
    before = snapshot(project.site_dir)
    for command in ("check", "build"):
        refused(fazhi(project, command), path, "250 characters long", "at most 100", "shorten it")
    assert snapshot(project.site_dir) == before


def test_a_newline_in_a_file_name_is_not_a_slug(project):
    path = project.reports_dir / "abc\n.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        build(project)
    assert [p.path for p in info.value.problems] == [path]


# --- 3. a large report: linear cost, a size limit, cache entries in proportion ------------


def test_a_report_over_the_size_limit_is_refused_at_once(project):
    big = project.reports_dir / "big.txt"
    copies = 50 * 2**20 // len(SAMPLE.encode()) + 1
    big.write_text(SAMPLE * copies, encoding="utf-8")
    before = snapshot(project.site_dir)
    started = time.monotonic()
    with pytest.raises(ContentError) as info:
        build(project)
    assert time.monotonic() - started < 1.0
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{big}: is 50 MB, more than the 5 MB a report may be")
    refused(fazhi(project, "build"), big, "raise the limit with `fazhi --max-report-mb 51 build`")
    assert snapshot(project.site_dir) == before


def test_the_size_limit_is_configurable(project):
    result = fazhi(project, "--max-report-mb", "0.01", "check")
    refused(result, project.reports_dir / "2022-anhui-wuhu.txt", "is 13.3 KB, more than the 10.2 KB a report may be")


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


# --- 2. one build at a time; 9. the mid-swap repair comes first -----------------------


def lock_is_held(project: Project) -> bool:
    import fcntl

    path = project.root / "build" / ".lock"
    if not path.exists():
        return False
    with open(path, "rb") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
        return False


def start(project: Project, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project.root)


def test_a_second_build_stops_with_a_message_while_one_runs(project, built):
    first = start(project, "build", "--clean")
    deadline = time.monotonic() + 60
    while not lock_is_held(project):
        assert first.poll() is None and time.monotonic() < deadline, "the build never took the lock"
        time.sleep(0.05)
    second = fazhi(project, "build")
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr
    assert f"error: {project.root}: fazhi build (pid {first.pid}) is running in this folder" in second.stderr
    assert "wait for that one to finish" in second.stderr
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert snapshot(project.site_dir) == snapshot(built.site_dir)


def test_builds_started_together_never_publish_a_partial_site(project, built):
    shutil.rmtree(project.root / "build")  # nothing cached: each build reads everything
    runs = [start(project, "build") for _ in range(3)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    for code, err in results:
        assert "Traceback" not in err, err
        assert code == 0 or (code == 1 and "is running in this folder" in err), err
    assert any(code == 0 for code, _ in results)
    assert snapshot(project.site_dir) == snapshot(built.site_dir)
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.parametrize("command", ["build", "check", "inspect"])
def test_a_site_lost_mid_swap_is_put_back_before_anything_else(project, command):
    before = snapshot(project.site_dir)
    project.site_dir.rename(project.old_site)  # as if killed between the swap's two renames
    (project.reports_dir / "broken.txt").write_bytes(b"")  # this command fails on content
    args = ["inspect", str(project.reports_dir / "broken.txt")] if command == "inspect" else [command]
    refused(fazhi(project, *args), project.reports_dir / "broken.txt", "is empty")
    assert snapshot(project.site_dir) == before
    assert not project.old_site.exists()


def test_a_build_killed_anywhere_leaves_a_whole_site_and_a_loadable_cache(project, tmp_path):
    """SIGKILL at several points of a build: site/ is the old site or the new
    one, byte for byte, and the next build reads the cache it left."""
    import signal

    before = snapshot(project.site_dir)
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(SAMPLE + "\n全镇人民调解矛盾纠纷12件，调解成功率99%。\n", encoding="utf-8")
    reference = Project(tmp_path / "reference")
    shutil.copytree(project.root, reference.root)
    assert fazhi(reference, "build").returncode == 0
    after = snapshot(reference.site_dir)
    assert after != before
    for delay in (0.8, 1.6, 2.4, 3.2):
        run = start(project, "build", "--clean")
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        assert snapshot(project.site_dir) in (before, after) if project.site_dir.exists() else project.old_site.exists()
        result = fazhi(project, "check")
        assert result.returncode == 0, result.stderr
        assert snapshot(project.site_dir) in (before, after)
    result = fazhi(project, "build")
    assert result.returncode == 0, result.stderr
    assert "(5 from cache)" in result.stderr  # what check left after the last kill loads
    assert snapshot(project.site_dir) == after
