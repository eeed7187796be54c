"""Hostile and careless input, concurrent and interrupted builds: never expose,
never lose, never hang.

Each test asserts an outcome a publisher or reader would see: the error text
and exit code, the published site unchanged, or the text rendered literally.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from generator.build.pipeline import Project, build
from generator.errors import ContentError
from tests.conftest import REPO, SAMPLES, make_project
from tests.test_site import report_record

SAMPLE = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's digest but Pagefind's filter and meta files (tests.test_search.unstable)."""
    from tests.test_search import unstable

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not unstable(p.relative_to(folder).as_posix())}


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
    """Everything the site publishes, as one text (pages, downloads, data, index);
    gzip files (reader and open data, sitemap) decompressed."""
    def text(path: Path) -> str:
        raw = path.read_bytes()
        return (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")

    return "\n".join(text(p) for p in project.site_dir.rglob("*") if p.is_file())


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
    for line in (f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a plain-text file; remove it",
                 f"{folder / 'x.txt'}: is a folder; content/reports/ holds only report files",
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
    refused(fazhi(project, "build", timeout=60), big, "raise the limit with `fazhi --max-report-mb 51 build`")
    assert snapshot(project.site_dir) == before
    # refused from its size alone, before any of its 50 MB is read (measured in
    # bytes allocated, not in seconds: a timed assertion fails on a busy machine)
    tracemalloc.start()
    try:
        with pytest.raises(ContentError) as info:
            build(project)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{big}: is 50 MB, more than the 5 MB a report may be")


def test_the_size_limit_is_configurable(project):
    result = fazhi(project, "--max-report-mb", "0.01", "check")
    refused(result, project.reports_dir / "2022-anhui-wuhu.txt", "is 13.3 KB, more than the 10.2 KB a report may be")


def test_cache_entries_are_in_proportion_to_the_report(tmp_path):
    """Seen: an entry four times the report (its bytes, text, paragraphs and
    passages, uncompressed)."""
    from generator.analyse.taxonomy import load_taxonomy
    from generator.build.cache import ReportCache
    from generator.build.pipeline import read_report
    from generator.records import Source

    taxonomy = load_taxonomy(REPO / "content")
    cache = ReportCache(tmp_path / "cache")
    for copies in (1, 8):
        raw = (SAMPLE * copies).encode("utf-8")
        source = Source(f"r{copies}", Path(f"r{copies}.txt"), raw, None)
        report = read_report(source, taxonomy)
        cache.put("key", report)
        assert (tmp_path / "cache" / f"r{copies}.pickle").stat().st_size < 1.5 * len(raw)
        assert cache.get(source, "key") == report


def test_cache_entries_hold_no_copy_of_the_report_bytes(tmp_path):
    """Seen: the cleaned text's record of its source kept the bytes, so every
    entry held them, and a build from the cache held them twice."""

    from generator.analyse.taxonomy import load_taxonomy
    from generator.build.cache import ReportCache
    from generator.build.pipeline import read_report
    from generator.records import Source

    raw = SAMPLE.encode("utf-8")
    source = Source("r", Path("r.txt"), raw, None)
    report = read_report(source, load_taxonomy(REPO / "content"))
    cache = ReportCache(tmp_path / "cache")
    cache.put("key", report)
    stored = cache.stored("r", "key")
    assert stored.source.raw == b"" and stored.cleaned.source.raw == b""
    again = cache.get(source, "key")
    assert again.source is source and again.cleaned.source is source


class Counted(tuple):
    """A tuple that counts the items handed out by iteration."""

    visits = 0

    def __iter__(self):
        for item in super().__iter__():
            Counted.visits += 1
            yield item


def page_visits(copies: int) -> tuple[int, int, int]:
    """Passages and sections visited to render the report and comparison
    pages of a report made of copies of a sample; and how many there are."""
    from dataclasses import replace

    from generator.analyse.taxonomy import load_taxonomy
    from generator.build.pipeline import read_report
    from generator.records import Source
    from generator.site.compare import compare_site
    from generator.site.render import render_report, theme_members, theme_pages

    taxonomy = load_taxonomy(REPO / "content")
    raw = (SAMPLE * copies).encode("utf-8")
    report = read_report(Source("big", Path("big.txt"), raw, None), taxonomy)
    passages, sections = Counted(report.analysis.passages), Counted(report.document.sections)
    report = replace(report, analysis=replace(report.analysis, passages=passages),
                     document=replace(report.document, sections=sections))
    where = theme_pages(theme_members([report], taxonomy))
    Counted.visits = 0
    render_report(report, taxonomy, where)
    rendered = Counted.visits
    Counted.visits = 0
    compare_site([report], taxonomy)
    return rendered, Counted.visits, len(passages) + len(sections)


def test_report_and_comparison_pages_cost_linear_time():
    """Seen: 50 MB stuck in render._chips, which asked for each section's
    counts by walking every passage (sections x passages); theme and part pages
    looked up each passage's heading and each part's text the same way."""
    small, large = page_visits(10), page_visits(20)
    # Twice the text, twice the items (give or take the frame of the first copy:
    # its title and publication lines are not body, those of later copies are).
    assert abs(large[2] - 2 * small[2]) <= 3
    assert large[0] <= 2 * large[2]  # the report page: about one pass
    for k in (0, 1):  # twice the report, twice the work (quadratic work would be four times)
        assert large[k] <= 2.2 * small[k], (small, large)


# --- 2. one build at a time; 9. the mid-swap repair comes first -----------------------


def lock_is_held(project: Project) -> bool:
    from filelock import FileLock, Timeout

    path = project.root / "build" / ".lock"
    if not path.exists():
        return False
    try:
        FileLock(path).acquire(timeout=0).lock.release()
    except Timeout:
        return True
    return False


def start(project: Project, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project.root)


def test_a_second_build_stops_with_a_message_while_one_runs(project, built):
    first = start(project, "build", "--clean")
    deadline = time.monotonic() + 10
    while not lock_is_held(project) and first.poll() is None and time.monotonic() < deadline:
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
    old = project.root / ".site.old"
    project.site_dir.rename(old)  # as if killed between the swap's two renames
    (project.reports_dir / "broken.txt").write_bytes(b"")  # this command fails on content
    args = ["inspect", str(project.reports_dir / "broken.txt")] if command == "inspect" else [command]
    refused(fazhi(project, *args), project.reports_dir / "broken.txt", "is empty")
    assert snapshot(project.site_dir) == before
    assert not old.exists()


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
        assert snapshot(project.site_dir) in (before, after) if project.site_dir.exists() else (project.root / ".site.old").exists()
        result = fazhi(project, "check")
        assert result.returncode == 0, result.stderr
        assert snapshot(project.site_dir) in (before, after)
    result = fazhi(project, "build")
    assert result.returncode == 0, result.stderr
    assert "(5 from cache)" in result.stderr  # what check left after the last kill loads
    assert snapshot(project.site_dir) == after


# --- 4. no report to publish: blank, other formats, markup, no Chinese --------------------

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"4 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Annual report) Tj ET\nendstream\nendobj\n"
       b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
PARAGRAPHS = [line for line in SAMPLE.splitlines() if len(line) > 40][:12]
PAGE = ('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>芜湖市法治政府建设情况报告</title>\n'
        '<script src="/js/app.js"></script>\n</head>\n<body>\n<div class="nav"><a href="/">首页</a></div>\n'
        '<div class="article">\n' + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "\n</div>\n</body>\n</html>\n")
FRAGMENT = "\n".join(f'<p style="text-indent:2em">{p}</p>' for p in PARAGRAPHS * 2)
JUNK = {
    "spaces.txt": (b"   \n \t \n", "is empty; put the report's text in it"),
    "ideographic.txt": ("\u3000\u3000\n\u3000 \u3000\n".encode(), "is empty: it holds only blank characters"),
    "zero-width.txt": ("\u200b\u200b\n\u200d\u2060\u200b\n".encode(), "is empty: it holds only blank characters"),
    "pdf.txt": (PDF, "is a PDF document, not a text file; give it the extension .pdf"),
    "word.txt": (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "is a ZIP archive (as .docx, .wps and .xlsx documents are)"),
    "page.txt": (PAGE.encode(), "looks like an HTML page, not a report's text ("),
    "fragment.txt": (FRAGMENT.encode(), "looks like an HTML page, not a report's text (48 tags such as <p>)"),
    "english.txt": (b"Annual report on the rule of law.\nSee the attachment.\n" * 5,
                    "has no readable Chinese text: 0 Chinese character(s) among"),
}


def test_files_with_no_report_are_refused_saying_what_was_found(project):
    for name, (raw, _) in JUNK.items():
        (project.reports_dir / name).write_bytes(raw)
    before = snapshot(project.site_dir)
    result = fazhi(project, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for name, (_, words) in JUNK.items():
        assert f"error: {project.reports_dir / name}: {words}" in result.stderr or (
            f"error: {project.reports_dir / name}:" in result.stderr and words in result.stderr), (name, result.stderr)
    assert f"{len(JUNK)} error(s); nothing was published" in result.stderr
    assert snapshot(project.site_dir) == before
    # --keep-going publishes the samples and none of these: no page titled "None"
    kept = fazhi(project, "build", "--keep-going")
    assert kept.returncode == 0, kept.stderr
    for name in JUNK:
        assert not (project.site_dir / "reports" / Path(name).stem).exists()
    assert not any("<title>None" in p.read_text(encoding="utf-8") for p in project.site_dir.rglob("*.html"))


def test_the_html_page_error_points_at_its_first_tag(project):
    path = project.reports_dir / "page.txt"
    path.write_text("\n\n" + PAGE, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        build(project)
    (problem,) = info.value.problems
    assert problem.line == 3 and "save the page as page.html instead of .txt" in problem.message


def test_a_report_quoting_a_few_tags_is_published_as_text(project):
    text = SAMPLE + "\n正文中引用的代码<script>alert(1)</script>和<b>标签</b>照原样显示。\n"
    (project.reports_dir / "quoting.txt").write_text(text, encoding="utf-8")
    result = fazhi(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project.site_dir / "reports/quoting/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;和&lt;b&gt;标签&lt;/b&gt;" in html and "<script>alert(1)" not in html


def test_the_marker_of_generated_html_in_a_report_stays_text(project):
    """The report page's HTML is read back from its file after the marker
    comment (generator/plugins/prerendered.py): a report's own line holding that
    comment, kept as a frame line in the page's metadata, must not become
    where the HTML starts."""
    line = "<!--fazhi:html--><img src=x onerror=alert(1)>"
    (project.reports_dir / "marker.txt").write_text(f"{line}\n{SAMPLE}\n{line}\n", encoding="utf-8")
    result = fazhi(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project.site_dir / "reports/marker/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "onerror=alert(1)&gt;" in html
    assert "\"frame\": [" not in html  # no frontmatter spilled into the page


def test_a_report_with_no_title_or_issuer_is_not_titled_none(project):
    (project.reports_dir / "untitled.txt").write_text(
        "部分工作人员业务能力有待提升，法治宣传形式还不够丰富，下一步将进一步加强培训和宣传工作。\n", encoding="utf-8")
    result = fazhi(project, "build")
    assert result.returncode == 0, result.stderr
    html = (project.site_dir / "reports/untitled/index.html").read_text(encoding="utf-8")
    assert "<title>未识别出标题的报告（文件名：untitled）" in html
    assert not any("<title>None" in p.read_text(encoding="utf-8") for p in project.site_dir.rglob("*.html"))


# --- 7. invisible characters ----------------------------------------------------------------

INVISIBLE = ("某县人民政府关于2023年法治政府建设情况的\u202e报告\n"
             "一、主要举措和成效\n"
             "（一）依法办理行政\u200b复议案件。全年收到行政\u200b复\u00ad议申请12件，依法受理10件，办结9件，"
             "纠正违法或不当行政行为2件，行政\u200d复议决定全部按期履行。\n"
             "二、存在的不足\n"
             "部分工作人员\x00业务能力\u2066有待\u2069提升，\x00法治宣传\ufeff形式还不够丰富。\n")


def test_invisible_characters_are_removed_counted_and_words_found_again(project):
    (project.reports_dir / "invisible.txt").write_text(INVISIBLE, encoding="utf-8")
    result = fazhi(project, "build")
    assert result.returncode == 0, result.stderr
    folder = project.site_dir / "reports/invisible"
    html = (folder / "index.html").read_text(encoding="utf-8")
    cleaned = (project.docs_dir / "reports/invisible/invisible.txt").read_text(encoding="utf-8")  # as the page shows it
    record = report_record(html)  # the cleaning record, packed in the page
    for ch in "\u200b\u200d\u00ad\u202e\u2066\u2069\x00\ufeff":
        assert ch not in html and ch not in cleaned and ch not in json.dumps(record, ensure_ascii=False), repr(ch)
    assert "<title>某县人民政府关于2023年法治政府建设情况的报告" in html
    counts = {d[0]: d[2] for d in record["d"]}
    for code, count in (("zero-width", 5), ("bidi-controls", 3), ("control-characters", 2)):
        assert counts[code] == count, code
    # themes and search see 行政复议 whole
    assert any("reconsideration" in themes.split(" ") for _, themes, _ in record["a"])  # fazhi.js links it
    from tests.test_search import fragments

    # the index stores no report text: the page, which search cuts its excerpts from, holds the word whole
    assert fragments(project.site_dir)["reports/invisible/"]["content"] == ""
    article = html.split('<article class="report-text">', 1)[1].split("</article>", 1)[0]
    assert re.sub(r"<[^>]*>", "", article).count("行政复议") == 3


def test_invisible_characters_in_a_sidecar_are_named(project):
    sidecar = project.reports_dir / "2022-anhui-wuhu.yml"
    sidecar.write_text("issuer: 芜湖市人民政府\ntitle: 芜湖市\u202e告报\n", encoding="utf-8")
    refused(fazhi(project, "check"), f"{sidecar}:2", "title contains an invisible character (U+202E")


# --- 11. encodings: the line, the byte, and what the rest of the file is ------------------


def line_start(raw: bytes, number: int) -> int:
    return sum(len(line) + 1 for line in raw.split(b"\n")[: number - 1])


def test_one_bad_byte_in_utf8_names_line_and_byte(project):
    raw = SAMPLE.encode("utf-8")
    at = line_start(raw, 13) + len("(三)".encode())
    path = project.reports_dir / "bad-byte.txt"
    path.write_bytes(raw[:at] + b"\xb8" + raw[at:])
    refused(fazhi(project, "check"), f"{path}:13", f"byte {at} (0xB8) is not valid UTF-8, the encoding of the rest",
            "damaged line(s): 13)", "retype it")


def test_lines_in_gbk_among_utf8_are_named_as_such(project):
    lines = SAMPLE.split("\n")
    raw = b"\n".join(line.encode("gb18030" if 9 <= n <= 13 else "utf-8") for n, line in enumerate(lines, start=1))
    path = project.reports_dir / "mixed.txt"
    path.write_bytes(raw)
    with pytest.raises(UnicodeDecodeError) as first:
        lines[8].encode("gb18030").decode("utf-8")
    refused(fazhi(project, "check"), f"{path}:9", f"byte {line_start(raw, 9) + first.value.start} (0x",
            "is not UTF-8, the encoding of the rest of the file: line(s) 9–13 are in GBK/GB18030")


def test_a_damaged_gbk_file_names_line_byte_and_encoding(project):
    raw = SAMPLE.encode("gb18030")
    at = line_start(raw, 20)
    path = project.reports_dir / "gbk.txt"
    path.write_bytes(raw[:at] + b"\xff" + raw[at:])
    refused(fazhi(project, "check"), f"{path}:20", f"byte {at} (0xFF) is not valid GBK/GB18030, the encoding the rest")


def test_front_matter_is_refused_pointing_at_the_sidecar(project):
    path = project.reports_dir / "front.txt"
    path.write_text("---\ntitle: 芜湖市2022年度报告\nyear: 2022\nsource_url: https://www.wuhu.gov.cn/\n---\n" + SAMPLE,
                    encoding="utf-8")
    refused(fazhi(project, "check"), f"{path}:1",
            "starts with a front-matter block (lines 1–5: title, year, source_url)", "into the sidecar front.yml")


SIMPLIFIED = "芜湖市人民政府关于2022年法治政府建设情况的报告\n一、深化行政复议体制改革\n（一）扩展字㐀䶵𠀀也要读对。" + "调解" * 20
GBK = SIMPLIFIED.replace("㐀䶵𠀀", "")  # GBK has no extension characters: GB18030 writes them in 4 bytes
TRADITIONAL = "蕪湖市人民政府關於2022年法治政府建設情況的報告\n一、深化行政復議體制改革\n（一）擴展字也要讀對。" + "調解" * 20
ENCODED = {
    "gb18030-4-byte": (SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
    "gbk": (GBK.encode("gbk"), GBK),
    "big5": (TRADITIONAL.encode("big5"), TRADITIONAL),
    "utf-16-le": (SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED),
    "utf-16-be": (SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED),
    "utf-16-le-bom": (b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED),
    "utf-16-be-bom": (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED),
    "crlf": (SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"), SIMPLIFIED.replace("\n", "\r\n")),
    "lone-cr": (GBK.replace("\n", "\r").encode("gb18030"), GBK.replace("\n", "\r")),
}


@pytest.mark.parametrize("name", ENCODED)
def test_encodings_still_read_right(name):
    """What held before and must keep holding."""
    from generator.read.decode import decode
    from generator.records import Source

    raw, text = ENCODED[name]
    decoded = decode(Source("r", Path("r.txt"), raw, None))
    assert decoded.text == text and getattr(decoded, "diagnostics", ()) == ()


# --- 5, 6, 11. taxonomy and sidecar values -------------------------------------------------


def edit(path: Path, old: str, new: str) -> int:
    """Replace old (once) in a content file; returns the line number of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_a_blank_taxonomy_term_is_an_error_not_a_match_for_everything(project):
    themes = project.content_dir / "themes.yml"
    line = edit(themes, "          行政复议: 1\n", '          行政复议: 1\n          " ": 1\n          "调\u200b解": 1\n') + 1
    result = fazhi(project, "check")
    refused(result, f"{themes}:{line}", "a term of theme 'reconsideration' must be a non-empty text, got ' '")
    refused(result, f"{themes}:{line + 1}", "contains an invisible character (U+200B ZERO WIDTH SPACE)")


def test_an_indicator_pattern_with_seven_gaps_cannot_stall_the_build(project):
    """Python's re tried 13^7 ways at every character (68 s for check); RE2
    does not backtrack. Timed against a check of the same reports without the
    pattern in the same run (a ratio: a wall-clock bound failed on a loaded
    machine, 88 s for a build beside a 50,000-report benchmark)."""
    started = time.monotonic()
    assert fazhi(project, "check", timeout=300).returncode == 0
    plain = time.monotonic() - started
    indicators = project.content_dir / "indicators.yml"
    edit(indicators, "      - 调处率{n}%\n", "      - 调处率{n}%\n      - \"{_}{_}{_}{_}{_}{_}{_}{n}%\"\n")
    started = time.monotonic()
    result = fazhi(project, "check", timeout=300)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 3 * plain + 5
    assert fazhi(project, "build", "--clean", timeout=300).returncode == 0


def test_a_pattern_of_gaps_alone_is_refused(project):
    indicators = project.content_dir / "indicators.yml"
    line = edit(indicators, "      - 调处率{n}%\n", "      - \"{_}({n})?\"\n")
    refused(fazhi(project, "check"), f"{indicators}:{line}", "has no words of its own and would take every number")


def test_an_unreadable_themes_file_is_one_error_not_eighteen(project):
    themes = project.content_dir / "themes.yml"
    line = edit(themes, "  - slug: leadership\n", "  - slug: leadership\n  bad: [\n")
    result = fazhi(project, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error.startswith(f"error: {themes}:{line + 1}: is not valid YAML")
    assert "fazhi: 1 error(s)" in result.stderr


def test_a_weight_given_as_a_list_is_described_as_one(project):
    themes = project.content_dir / "themes.yml"
    line = edit(themes, "          行政复议: 1\n", "          行政复议: [1, 2]\n")
    refused(fazhi(project, "check"), f"{themes}:{line}", "weight of term '行政复议' must be a number from 0.05 to 10, got a list")


@pytest.mark.parametrize("date", ["1899-12-31", "2999-01-01"])
def test_sidecar_dates_outside_any_report_are_refused(project, date):
    sidecar = project.reports_dir / "2022-anhui-wuhu.yml"
    sidecar.write_text(f"issuer: 芜湖市人民政府\ndate: {date}\n", encoding="utf-8")
    refused(fazhi(project, "check"), f"{sidecar}:2", f"date must be a date from 1990-01-01 to 2100-12-31, got {date}")


# --- 8. one message, never a traceback -----------------------------------------------------


def test_keep_going_names_each_problem_once(project):
    (project.reports_dir / "broken.txt").write_bytes(b"")
    result = fazhi(project, "build", "--keep-going")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("broken.txt") == 1, result.stderr
    assert f"skipped: {project.reports_dir / 'broken.txt'}: is empty" in result.stderr


def test_a_full_disk_during_the_cache_write_is_one_message_and_leaves_no_temporary_file(project):
    """A file size limit (RLIMIT_FSIZE) stands in for a full disk: writes past
    it fail with an OSError, as writes to a full disk do."""
    import resource
    import signal

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing the process
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    before = snapshot(project.site_dir)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--clean"],
                            capture_output=True, text=True, timeout=300, preexec_fn=small_files)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {project.cache_dir}/") and ".pickle: could not write the cache entry: File too large" in line
    assert "free some disk space" in line
    assert list(project.cache_dir.glob("*.tmp")) == []
    assert snapshot(project.site_dir) == before


def as_nobody() -> list[str]:
    """A command prefix that runs as an unprivileged user (root ignores permissions)."""
    if os.getuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("needs setpriv (util-linux) to drop root's privileges")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    if not _nobody_can_import(tuple(prefix)):
        pytest.skip("the unprivileged user cannot read this checkout or its .venv (e.g. a clone inside a "
                    "0700 `mktemp -d` folder): clone into a folder others can read to run this test")
    return prefix


@functools.cache
def _nobody_can_import(prefix: tuple[str, ...]) -> bool:
    return subprocess.run([*prefix, sys.executable, "-c", "import generator.cli"], capture_output=True,
                          cwd="/", timeout=60).returncode == 0


@pytest.fixture
def nobodys_project(built):
    """A copy of the built project that an unprivileged user owns."""
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="fazhi-ro-"))
    top.chmod(0o755)
    root = top / "p"
    shutil.copytree(built.root, root, symlinks=True)
    (top / "tmp").mkdir()  # the user's own temporary folder (jieba keeps a cache there)
    if os.getuid() == 0:
        for path in [top / "tmp", root, *root.rglob("*")]:
            os.lchown(path, 65534, 65534)
    yield Project(root)
    for path in [root, *root.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(top)


def test_a_read_only_site_is_one_message(nobodys_project):
    project = nobodys_project
    before = snapshot(project.site_dir)
    for folder in [project.site_dir, *project.site_dir.rglob("*")]:
        if folder.is_dir():
            folder.chmod(0o555)
    # a changed report, so that the site must be rendered again and replaced
    # (a build with nothing changed leaves the published site alone)
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_bytes(report.read_bytes() + "\n本年度另有一段新增文字。\n".encode())
    env = dict(os.environ, TMPDIR=str(project.root.parent / "tmp"))
    run = lambda *args: subprocess.run(
        [*as_nobody(), sys.executable, "-m", "generator", "--root", str(project.root), *args],
        capture_output=True, text=True, timeout=300, env=env)
    first = run("build")
    # The new site may go in (renaming a folder needs only its parent writable),
    # but the old one cannot be deleted: a warning now, an error naming it next time.
    for result in (first, run("build")):
        assert "Traceback" not in result.stderr, result.stderr
        assert "make it writable for this user" in result.stderr, result.stderr
    second = run("build")
    refused(second, project.root / ".site.old", "could not remove what a previous build left: Permission denied")
    after = snapshot(project.site_dir)  # the new site, whole: the same pages (the search index gains a delta)
    assert [f for f in after if not f.startswith("pagefind/")] == [f for f in before if not f.startswith("pagefind/")]
    assert "本年度另有一段新增文字" in (project.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")


def test_an_unexpected_error_is_one_line_unless_debug(project, monkeypatch, capsys):
    import generator.cli as cli

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "build", broken)
    assert cli.main(["--root", str(project.root), "build"]) == 1
    err = capsys.readouterr().err
    assert err == ("error: RuntimeError: boom; this is a bug in fazhi: run the command again with --debug "
                   "and report the traceback it prints\n")
    with pytest.raises(RuntimeError):
        cli.main(["--root", str(project.root), "--debug", "build"])
    monkeypatch.setattr(cli, "build", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device", "site")))
    assert cli.main(["--root", str(project.root), "build"]) == 1
    assert capsys.readouterr().err == ("error: site: No space left on device; free some disk space (or raise the quota) "
                                       "and run the command again\n")


# --- 10. serve regenerates once per saved change, never on its own reading ------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_regenerates_once_per_saved_change_and_never_by_itself(project):
    import signal
    import threading
    import urllib.request

    port = free_port()
    run = start(project, "serve", "--dev-addr", f"127.0.0.1:{port}")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(run.stderr.readline, "")), daemon=True)
    reader.start()

    def regenerations() -> int:
        return sum("fazhi: regenerated" in line for line in list(lines))

    # Upper bounds, not timings: a loaded machine (CI beside other builds) may
    # take minutes to serve the first page; a pass never waits for them.
    def wait_for(count: int, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while regenerations() < count and time.monotonic() < deadline:
            time.sleep(0.1)

    def settled(quiet: float = 5, seconds: float = 120) -> int:
        deadline = time.monotonic() + seconds
        count, since = regenerations(), time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - since < quiet:
            time.sleep(0.2)
            if regenerations() != count:
                count, since = regenerations(), time.monotonic()
        return count

    try:
        deadline = time.monotonic() + 240
        while True:
            assert run.poll() is None, "".join(lines)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline, "".join(lines)
                time.sleep(0.2)
        time.sleep(3)
        assert regenerations() == 0, "".join(lines)
        # the gzip data files are served as they are stored, as GitHub Pages
        # serves them: reader.js decompresses what starts with gzip's magic bytes
        for path in ("reader/index/anhui.json.gz", "data/passages-2022.csv.gz"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
                assert response.headers["Content-Type"] == "application/gzip", path
                assert response.headers["Content-Encoding"] is None, path
                body = response.read()
            assert body[:2] == b"\x1f\x8b" and gzip.decompress(body), path
        report = project.reports_dir / "2022-anhui-wuhu.txt"
        report.write_text(SAMPLE + "\n全镇人民调解矛盾纠纷12件。\n", encoding="utf-8")
        wait_for(1)
        time.sleep(2)
        assert regenerations() == 1, "".join(lines)
        # an editor's save: write a temporary file, rename it over the report
        tmp = report.with_name(".2022-anhui-wuhu.txt.swp")
        tmp.write_text(SAMPLE, encoding="utf-8")
        tmp.replace(report)
        wait_for(2)
        time.sleep(2)
        assert regenerations() == 2, "".join(lines)
        # content/ deleted and restored: serve still regenerates on a change (it stopped watching)
        saved = project.root / "content.saved"
        shutil.copytree(project.content_dir, saved)
        shutil.rmtree(project.content_dir)
        time.sleep(1)
        shutil.copytree(saved, project.content_dir)
        # what the removal and the restoring set off may come seconds late on a loaded machine:
        # counted once no regeneration has come for a while (before, a fixed 2 s let a late one
        # be taken for the edit's, and the edit's text was looked for before it was made)
        before = settled()
        report.write_text(SAMPLE + "\n恢复之后又补充了一段文字。\n", encoding="utf-8")
        wait_for(before + 1)
        assert regenerations() == before + 1, "".join(lines)
        assert any("恢复之后又补充了一段文字" in page.read_text(encoding="utf-8")
                   for page in (project.docs_dir / "reports").rglob("*.md")), "".join(lines)
    finally:
        run.send_signal(signal.SIGINT)
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()


def test_a_build_keeps_only_the_frame_of_each_page_once_it_is_cached(tmp_path):
    """The page's body lines repeat the cleaned text: the build holds only
    the frame (what the report page lists as removed) for every report until
    the pages are made; the cache keeps the page whole, for the next build."""
    from generator.build.cache import ReportCache, read_entry
    from generator.build.pipeline import read_all
    from tests.conftest import make_project

    project = make_project(tmp_path / "p")
    for use_cache in (True, True):  # read, then from the cache
        corpus = read_all(project, use_cache=use_cache)
        for report in corpus.reports:
            assert all(p.role != "body" for p in report.cleaned.page.lines) and report.cleaned.text.strip()
        assert any(report.cleaned.page.lines for report in corpus.reports)  # the samples' chrome
    entry = next(project.cache_dir.glob("*.pickle"))
    _, key, *_ = read_entry(entry)
    cached = ReportCache(project.cache_dir).stored(entry.stem, key)
    assert any(p.role == "body" for p in cached.cleaned.page.lines)
