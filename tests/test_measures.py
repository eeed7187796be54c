"""Issue 20: timeliness, coverage, versions and repeats, on the samples plus
tests/data/measures/ (two provinces, three years; see its README for what
each file was written to show). The fixture reports are committed into a
throwaway git repository on the dates below, so two of them have an earlier
version. Every expected value here is read from the fixtures and their
README, not from the build's output."""
from __future__ import annotations

import csv
import gzip
import html
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build.pipeline import Project, build
from generator.errors import ContentError
from generator.read.deadlines import load_deadlines
from tests.conftest import REPO, make_project

FIXTURES = REPO / "tests" / "data" / "measures"
# (commit date, files of content/reports/ taken from the fixtures: name -> fixture path)
COMMITS = [
    ("2022-03-25", {"2021-zhejiang-anji.txt": "earlier/2021-zhejiang-anji.txt", "2021-zhejiang-anji.yml": None}),
    ("2022-03-30", {"2021-zhejiang-anji.txt": None}),  # before the 2022-04-01 deadline
    ("2023-05-12", {"2022-zhejiang-anji.txt": None, "2022-zhejiang-anji.yml": None,
                    "2022-jiangxi-xiushui.txt": None, "2022-jiangxi-xiushui.yml": None}),
    ("2024-02-10", {"2023-zhejiang-anji.txt": "earlier/2023-zhejiang-anji.txt", "2023-zhejiang-anji.yml": None,
                    "2023-jiangxi-xiushui.txt": None, "2023-jiangxi-xiushui.yml": None,
                    "2023-jiangxi-xiushui-mawao.txt": None, "2023-jiangxi-xiushui-mawao.yml": None}),
    ("2024-05-20", {"2023-zhejiang-anji.txt": None}),  # after the 2024-04-01 deadline
]


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def with_history(root: Path) -> Project:
    """The samples and the fixtures, committed as COMMITS says."""
    project = make_project(root)
    git(root, "init", "-q", "-b", "main")
    for date, files in COMMITS:
        for name, source in files.items():
            shutil.copy(FIXTURES / (source or name), project.reports_dir / name)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"reports of {date}", date=date)
    return project


@pytest.fixture(scope="session")
def measured(tmp_path_factory) -> Project:
    project = with_history(tmp_path_factory.mktemp("measures") / "project")
    build(project)
    return project


def text_of(project: Project, path: str) -> str:
    """A built page's visible text, tags removed, white space collapsed."""
    page = (project.site_dir / path / "index.html").read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def card_row(project: Project, slug: str, label: str) -> str:
    page = (project.site_dir / "reports" / slug / "index.html").read_text(encoding="utf-8")
    found = re.search(rf"<dt>{label}(?:</dt>)?\s*<dd>(.*?)(?=</?d[dt]>|</div>|</dl>)", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found[1])).split()) if found else ""


def pages_of(project: Project, folder: str) -> str:
    """The text of a listing split into pages: its index and every from-*.html."""
    base = project.site_dir / folder
    more = sorted(p.name for p in base.iterdir() if p.is_dir() and (p.name.startswith("from-") or p.name.isdigit()))
    parts = [text_of(project, folder)] + [text_of(project, f"{folder}/{name}") for name in more]
    return " ".join(parts)


# --- timeliness -------------------------------------------------------------------------

EXPECTED_TIMELINESS = {  # from tests/data/measures/README.md and shared/genre.md's table of samples
    "2021-zhejiang-anji": ("按时", "2022-04-01", "2022-03-20", "网页发布信息中的发布日期"),
    "2022-zhejiang-anji": ("逾期 17 天", "2023-04-01", "2023-04-18", "网页发布信息中的发布日期"),
    "2023-zhejiang-anji": ("日期不详", "2024-04-01", "2024-02-05", "落款日期"),
    "2022-jiangxi-xiushui": ("逾期 39 天", "2023-04-01", "2023-05-10", "落款日期"),
    "2023-jiangxi-xiushui": ("按时", "2024-04-01", "2024-03-28", "补充文件中的日期"),
    "2023-jiangxi-xiushui-mawao": ("按时", "2024-04-01", "2024-04-01", "网页发布信息中的发布日期"),
    "2022-anhui-wuhu": ("按时", "2023-04-01", "2023-03-29", "网页发布信息中的发布日期"),
    "2023-shanxi-xiangning": ("日期不详", "2024-04-01", "2024-01-19", "落款日期"),
    "2023-guangdong-dongguan-huangjiang": ("日期不详", "2024-04-01", "2024-01-30", "落款日期"),
    "2022-chongqing-yunyang-houye": ("日期不详", "2023-04-01", None, None),
}


@pytest.mark.parametrize("slug", sorted(EXPECTED_TIMELINESS))
def test_report_page_says_whether_it_was_public_on_time(measured, slug):
    label, deadline, date, source = EXPECTED_TIMELINESS[slug]
    row = card_row(measured, slug, "按时公开")
    assert row.startswith(label + "（"), row
    assert f"期限 {deadline}" in row
    if date:
        assert f"所用日期 {date}，取自{source}" in row
    else:
        assert "所用日期" not in row and "原文没有发布日期、成文日期或落款日期" in row


def test_league_tables_by_province_and_level(measured):
    text = text_of(measured, "timeliness/2022")
    # 2022: 浙江 anji late; 江西 xiushui late; 安徽 wuhu on time; 重庆 houye unknown
    for province, cells in (("浙江省", "1 0 1 0 0%"), ("江西省", "1 0 1 0 0%"), ("安徽省", "1 1 0 0 100%"),
                            ("重庆市", "1 0 0 1 —")):
        assert f"{province} {cells}" in text, province
    assert text.index("安徽省 1 1 0") < text.index("浙江省 1 0 1")  # ranked by share on time
    # by level in 2022: counties anji + xiushui (both late), the city wuhu, the town houye
    assert "县级 2 0 2 0 0%" in text and "市级 1 1 0 0 100%" in text and "乡镇（街道） 1 0 0 1 —" in text
    text = text_of(measured, "timeliness/2023")
    assert "江西省 2 2 0 0 100%" in text
    index = text_of(measured, "timeliness")
    assert "第二十五条" in index and "厅字〔2019〕28号" in index


def test_deadline_file_errors_name_file_and_line(tmp_path):
    (tmp_path / "deadlines.yml").write_text(
        "rules:\n  - levels: [county, village]\n    public_by: \"04-31\"\n    source: 规定\n    extra: 1\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_deadlines(tmp_path)
    messages = [str(p) for p in caught.value.problems]
    path = tmp_path / "deadlines.yml"
    assert f"{path}:2: level must be one of province, city, county, town, department, got 'village'" in messages
    assert any(m.startswith(f"{path}:3: public_by must be a day of the year written MM-DD") for m in messages)
    assert any(m.startswith(f"{path}:5: unknown key 'extra' in a rule") for m in messages)


# --- coverage --------------------------------------------------------------------------

def test_coverage_tables_per_province_and_year(measured):
    zhejiang_2021 = pages_of(measured, "coverage/2021/zhejiang")
    assert "安吉县 县级 安吉县2021年法治政府建设情况报告" in zhejiang_2021
    assert "松阳县 县级 未收录" in zhejiang_2021  # a county of the gazetteer with no report here
    assert "不等于该机关没有发布报告" in zhejiang_2021
    jiangxi_2022 = pages_of(measured, "coverage/2022/jiangxi")
    assert "修水县 县级 修水县2022年度法治政府建设工作报告" in jiangxi_2022
    assert "马坳镇 乡镇（街道） 未收录" in jiangxi_2022  # a town is expected every year once the site has it
    jiangxi_2023 = pages_of(measured, "coverage/2023/jiangxi")
    assert "马坳镇 乡镇（街道） 马坳镇2023年法治政府建设情况报告" in jiangxi_2023


def test_national_summary_by_level(measured):
    text = text_of(measured, "coverage")
    # towns on the site: 许村镇 (2023), 黄江镇 (2023), 后叶镇 (2022), 马坳镇 (2023)
    assert "2023 年度 乡镇（街道） 4 3 75.0%" in text
    assert "2022 年度 乡镇（街道） 4 1 25.0%" in text
    assert "2021 年度 乡镇（街道） 4 0 0.0%" in text
    counties = {"2021": 1, "2022": 2, "2023": 3}  # 安吉; 安吉 修水; 安吉 修水 乡宁
    for year, covered in counties.items():
        assert re.search(rf"{year} 年度 县级 \d+ {covered} ", text), year
    assert re.search(r"2022 年度 市级 \d+ 1 ", text)  # 芜湖
    grid = (measured.site_dir / "coverage/2023/index.html").read_text(encoding="utf-8")
    assert re.search(r'class="cov-1"[^>]*href="jiangxi/">江西<small>', grid)  # 2 bodies of some hundred: under 25%


# --- versions ---------------------------------------------------------------------------

LATE_EDIT = re.compile(r"修改内容\s*，\s*期限后修改")  # a version's row in the table of versions


def test_versions_of_an_edited_report(measured):
    text = text_of(measured, "reports/2023-zhejiang-anji/versions")
    assert "第 1 版 2024-02-10" in text and "第 2 版 2024-05-20" in text and LATE_EDIT.search(text)
    assert "修改 1 段，新增 1 段，删去 0 段" in text
    page = (measured.site_dir / "reports/2023-zhejiang-anji/versions/index.html").read_text(encoding="utf-8")
    assert "缩短到<del>二</del>十<del>一</del>天" in page and "缩短到十<ins>九</ins>天" in page
    assert "<ins>全县新增省级民主法治村九个" in page
    assert "其中 1 次在公开期限后" in card_row(measured, "2023-zhejiang-anji", "版本")
    early = text_of(measured, "reports/2021-zhejiang-anji/versions")
    assert "第 1 版 2022-03-25" in early and "第 2 版 2022-03-30" in early and not LATE_EDIT.search(early)
    assert "修改 0 段，新增 0 段，删去 1 段" in early
    assert "在公开期限后" not in card_row(measured, "2021-zhejiang-anji", "版本")
    for slug in ("2022-zhejiang-anji", "2023-jiangxi-xiushui", "2022-anhui-wuhu"):  # committed once
        assert not (measured.site_dir / "reports" / slug / "versions").exists()
        assert card_row(measured, slug, "版本") == ""


def test_a_build_without_history_says_so_once(tmp_path, capsys):
    project = make_project(tmp_path / "project")  # not a git checkout
    build(project)
    err = capsys.readouterr().err
    assert err.count("no versions pages: the project is not in a git checkout") == 1
    assert not list(project.site_dir.glob("reports/*/versions"))


# --- year over year and templates ---------------------------------------------------------

def paragraphs_of(year: int) -> list[str]:
    """The paragraphs of an Anji fixture: its lines less title, publication line, headings and signature."""
    own = (FIXTURES / f"{year}-zhejiang-anji.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in own if line[0] not in "一二三（" and not line.startswith(("安吉县", "发布", str(year + 1)))]


def paragraphs_2022() -> list[str]:
    return paragraphs_of(2022)


def spans(value: str) -> list[tuple[int, int]]:
    return [(int(a), int(n)) for a, n in (s.split("+") for s in value.split(","))]


def pair_of(project: Project, series: str, year: int) -> tuple[dict[str, str], list[list[str]], str]:
    """A 对照 on a series page (series/<slug>/#vs-<year>): the attributes of its section, its
    alignment record's rows (a status code, then its fields) and the section's HTML."""
    page = (project.site_dir / "series" / series / "index.html").read_text(encoding="utf-8")
    section = re.search(rf'<section class="duiz-pair" id="vs-{year}"[^>]*>.*?</section>', page, flags=re.S)
    assert section, f"no 对照 of {year} on series/{series}/"
    attrs = dict(re.findall(r'\s([a-z-]+)="([^"]*)"', re.match(r"<section[^>]*>", section[0])[0]))
    rows = [[item[0], *item[1:].split("/")] for item in attrs["data-rows"].split()]
    return attrs, rows, section[0]


def test_series_page_counts_new_and_repeated_paragraphs(measured):
    text = text_of(measured, "series/zhejiang-anji")
    a21 = ["县政府常务会议全年专题研究法治政府建设工作四次，印发年度工作要点，明确四十五项具体任务并逐项落实到责任单位。",
           "全县行政执法机关全面推行行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，全年组织执法案卷评查两轮。"]
    paragraphs = paragraphs_2022()
    share = round(100 * sum(map(len, a21)) / sum(map(len, paragraphs)))
    assert f"2022 5 3 2 {share}% 与 2021 年度对照" in text
    assert "2023 6 6 0 0% 与 2022 年度对照" in text
    page = (measured.site_dir / "series/zhejiang-anji/index.html").read_text(encoding="utf-8")
    assert '<a href="#vs-2022">与 2021 年度对照</a>' in page and '<a href="#vs-2023">与 2022 年度对照</a>' in page
    attrs, rows, section = pair_of(measured, "zhejiang-anji", 2022)
    # 2022's first paragraph repeats 2021's with two numbers changed, its second word for word;
    # 2021's shortcomings and plans are not repeated; 2022's 复议, 不足 and 安排 paragraphs are new
    assert [r[0] for r in rows] == ["c", "s", "g", "g", "n", "n", "n"]
    summary = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    assert (f"本年度 5 段中，2 段几乎逐字重复上一年度（其中 1 段一字不差），3 段为新增；"
            f"上一年度 4 段中，2 段删去。重复的文字占本年度字数的 {share}%。") in summary
    assert (attrs["data-old"], attrs["data-new"]) == ("../../reports/2021-zhejiang-anji/", "../../reports/2022-zhejiang-anji/")
    assert '<a href="../../reports/2021-zhejiang-anji/">2021 年度报告</a>' in section
    assert '<a href="../../reports/2022-zhejiang-anji/">2022 年度报告</a>' in section
    # what changed in the first paragraph, as character ranges: 三 → 四 (次) and 四十二 → 四十五 (项)
    old, new = paragraphs_of(2021)[0], paragraphs[0]
    assert [old[a:a + n] for a, n in spans(rows[0][3])] == ["三", "二"]
    assert [new[a:a + n] for a, n in spans(rows[0][4])] == ["四", "五"]
    # a paragraph dropped since 2021 is named by its anchor on the 2021 report page
    report_2021 = (measured.site_dir / "reports/2021-zhejiang-anji/index.html").read_text(encoding="utf-8")
    for row, text_2021 in zip(rows[2:4], paragraphs_of(2021)[2:]):
        assert f'<p id="p-{row[1]}">{text_2021}<' in report_2021  # </p> omitted before a block


def test_duizhao_record_holds_no_report_text(measured):
    """Both texts are on their report pages: a 对照 on the series page holds where each paragraph
    is and what changed in it, never their words; without the script it is a summary with links
    to both reports and a line saying why."""
    page = html.unescape((measured.site_dir / "series/zhejiang-anji/index.html").read_text(encoding="utf-8"))
    _, rows, section = pair_of(measured, "zhejiang-anji", 2022)
    assert len(section.encode("utf-8")) < 2048  # the budget: a pair costs at most 2 KB
    olds = [r[1] for r in rows if r[0] in "csg"]
    news = [r[2] if r[0] in "cs" else r[1] for r in rows if r[0] in "csn"]
    for year, anchors in ((2021, olds), (2022, news)):
        report = html.unescape((measured.site_dir / f"reports/{year}-zhejiang-anji/index.html").read_text(encoding="utf-8"))
        paragraphs = paragraphs_of(year)
        assert len(paragraphs) == (4 if year == 2021 else 5) and all(p in report for p in paragraphs)
        for p in paragraphs:
            assert p[:10] not in page and p[-10:] not in page, p
        # each paragraph of each report is in the record once, in this order: (2021) 1 changed, 2 same,
        # 3 and 4 gone; (2022) 1 changed, 2 same, 3, 4 and 5 new
        assert len(anchors) == len(paragraphs)
        assert [f'<p id="p-{a}">{p}<' in report for a, p in zip(anchors, paragraphs)] == [True] * len(paragraphs)
    assert "逐段并排对照需要浏览器运行 JavaScript" in section
    assert not (measured.site_dir / "series/zhejiang-anji/vs-2022").exists()  # no page of its own any more


def test_an_edited_report_rewrites_its_series_page_and_its_own(measured, tmp_path):
    """A 对照 points at paragraphs of two report pages: when one report is edited, its page and
    its series page (which holds both 对照 it is in) are written again, and the records follow
    the new text; no other report page of the series is. (On a copy of the built fixture project.)"""
    project = Project(shutil.copytree(measured.root, tmp_path / "p", symlinks=True))
    site = project.site_dir
    pages = {p: site / p / "index.html" for p in ("series/zhejiang-anji", "reports/2022-zhejiang-anji",
                                                "reports/2021-zhejiang-anji", "reports/2023-zhejiang-anji")}
    inodes = {p: f.stat().st_ino for p, f in pages.items()}
    text = (project.reports_dir / "2022-zhejiang-anji.txt").read_text(encoding="utf-8")
    assert "工作四次" in text
    (project.reports_dir / "2022-zhejiang-anji.txt").write_text(text.replace("工作四次", "工作六次"), encoding="utf-8")
    build(project)
    rewritten = {p for p, f in pages.items() if f.stat().st_ino != inodes[p]}
    assert rewritten == {"series/zhejiang-anji", "reports/2022-zhejiang-anji"}
    report = (site / "reports/2022-zhejiang-anji/index.html").read_text(encoding="utf-8")
    _, rows, _ = pair_of(project, "zhejiang-anji", 2022)
    _, later, _ = pair_of(project, "zhejiang-anji", 2023)
    anchors = [r[2] if r[0] in "cs" else r[1] for r in rows if r[0] in "csn"] + [r[1] for r in later if r[0] == "g"]
    assert len(anchors) == 10 and all(f'<p id="p-{a}">' in report for a in anchors)
    # 2021: 三次 … 四十二项; 2022 now: 六次 … 四十五项
    edited = paragraphs_of(2022)[0].replace("四次", "六次")
    assert [edited[a:a + n] for a, n in spans(rows[0][4])] == ["六", "五"]


def test_shared_template_is_marked_on_both_reports(measured):
    for slug in ("2023-zhejiang-anji", "2023-jiangxi-xiushui"):
        row = card_row(measured, slug, "共用模板")
        assert row.startswith("1 段与同年度其他机关（最多 1 个）的报告几乎逐字相同"), (slug, row)
        page = (measured.site_dir / "reports" / slug / "index.html").read_text(encoding="utf-8")
        anchor = re.search(r'<dt>共用模板(?:</dt>)?.*?<a href="#([^"]+)"', page, flags=re.S)[1]
        paragraph = re.search(rf'<p id="{anchor}">(.*?)(?=</p>|<(?:p|h[1-6]|div|table)[ >]|</article>)', page)[1]  # its ¶ link: fazhi.js
        assert paragraph.startswith("坚持以习近平法治思想为指导，认真落实法治政府建设实施纲要")
    for slug in ("2023-jiangxi-xiushui-mawao", "2022-zhejiang-anji", "2022-jiangxi-xiushui"):
        assert card_row(measured, slug, "共用模板") == ""


# --- data -----------------------------------------------------------------------------------

def test_data_files(measured):
    raw = gzip.decompress((measured.site_dir / "data/timeliness.csv.gz").read_bytes())  # stored as gzip
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert "2022-jiangxi-xiushui,2022,county,江西省,2023-04-01,2023-05-10,signature,late,39," in lines
    coverage = gzip.decompress((measured.site_dir / "data/coverage.csv.gz").read_bytes()).decode("utf-8-sig").splitlines()
    assert "2022,江西省,马坳镇,town,九江市,修水县,0," in coverage
    assert "2023,江西省,马坳镇,town,九江市,修水县,1,2023-jiangxi-xiushui-mawao" in coverage
    assert "coverage / timeliness" in text_of(measured, "data")
    # one file each: the JSON copies of these rows are gone (issue 22: no file repeats another)
    assert not (measured.site_dir / "data/coverage.json").exists()
    assert not (measured.site_dir / "data/timeliness.json").exists()
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in table if r["report"] == "2022-zhejiang-anji")
    assert (row["status"], row["days_late"], row["date_source"]) == ("late", "17", "publication")


def test_feed_announces_edits(measured):
    feed = (measured.site_dir / "feed.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<entry>.*?</entry>", feed, flags=re.S)
    edits = [e for e in entries if "<title>修改：" in e]
    assert len(edits) == 2  # 2021-zhejiang-anji on 2022-03-30, 2023-zhejiang-anji on 2024-05-20
    assert any("reports/2023-zhejiang-anji/versions/#v2" in e and "2024-05-20" in e for e in edits)
    assert any("reports/2021-zhejiang-anji/versions/#v2" in e and "2022-03-30" in e for e in edits)
    assert entries.index(next(e for e in edits if "2023-zhejiang-anji" in e)) == 0  # the newest item first


# --- in the browser -------------------------------------------------------------------------

PAGES = {  # page -> what a reader must see on it
    "coverage/2023/jiangxi/": ".cov-grid a[aria-current=page]",
    "timeliness/2022/": "table",
    "series/zhejiang-anji/#vs-2022": "table.duiz tr.duiz-new ins",  # this year's text, by duizhao.js on load
    "reports/2023-zhejiang-anji/versions/": "table.duiz del",
    "reports/2023-zhejiang-anji/": ".report-card__row--timeliness",
}


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_pages_in_the_browser(measured, viewport, browser):
    from tests.conftest import serving, shot, watched_page

    with serving(measured.site_dir) as base:
        page, errors, hosts = watched_page(browser, viewport)
        for path, selector in PAGES.items():
            page.goto(base + path)
            page.locator(selector).first.wait_for(timeout=5000)  # some arrive by script
            assert page.locator(selector).first.is_visible(), (path, selector)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path}: page is {width}px wide"
            shot(page, "measures-" + path.strip("/").replace("/", "-"), viewport, full=True)
        # the report's card leads to its versions, and the grid to a province
        page.goto(base + "reports/2023-zhejiang-anji/")
        page.get_by_role("link", name="查看各版本及改动").click()
        page.wait_for_url("**/versions/")
        page.goto(base + "coverage/2023/")
        page.locator('.cov-grid a[href="jiangxi/"]').click()
        page.wait_for_url("**/coverage/2023/jiangxi/")
        assert not errors, errors
        assert hosts == {base.split("/")[2]}, hosts
        page.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_duizhao_columns_in_the_browser(measured, browser, viewport):
    """Opened on the series page, a 对照 shows both years' paragraphs, brought by script from their
    report pages, what changed marked as the generator found it; when a page cannot be fetched, or
    the script cannot run, the page says so in Chinese and the links to both reports stay."""
    from tests.conftest import serving, shot, watched_page
    from tests.test_views import axe_problems

    old, new = paragraphs_of(2021), paragraphs_of(2022)
    with serving(measured.site_dir) as base:
        page, errors, _ = watched_page(browser, viewport)
        page.goto(base + "series/zhejiang-anji/")
        pair = page.locator("#vs-2022")
        button = pair.get_by_role("button", name="显示逐段对照")
        assert button.get_attribute("aria-expanded") == "false" and not page.locator("table.duiz").count()
        assert not pair.locator(".duiz-status").is_visible()  # the line saying it needs the script: gone
        button.click()
        pair.locator("table.duiz").wait_for()
        page.wait_for_function("document.querySelector('#vs-2022 .duiz-status').hidden")  # every cell filled
        assert pair.get_by_role("button", name="收起逐段对照").get_attribute("aria-expanded") == "true"
        rows = pair.locator("table.duiz tbody tr")

        def cells(column: int) -> list[str]:  # each cell's text less its ¶ link
            return [t.removesuffix(" ¶") for t in rows.locator(f"td:nth-child({column})").all_inner_texts()]

        # 2021's 1 (changed) and 2 (word for word), its 3 and 4 dropped; 2022's 3, 4, 5 new
        assert cells(1) == [old[0], "（与右栏相同）", old[2], old[3], "新增", "新增", "新增"]
        assert cells(2) == [new[0], new[1], "删去", "删去", new[2], new[3], new[4]]
        changed = rows.nth(0)
        assert changed.locator("td").nth(0).locator("del").all_inner_texts() == ["三", "二"]
        assert changed.locator("td").nth(1).locator("ins").all_inner_texts() == ["四", "五"]
        assert "工作<ins>四</ins>次" in changed.locator("td").nth(1).inner_html()
        assert rows.nth(1).locator("ins, del").count() == 0
        assert pair.locator("tr.duiz-gone td:first-child del").all_inner_texts() == old[2:]
        assert pair.locator("tr.duiz-new td:last-child ins").all_inner_texts() == new[2:]
        # each filled cell keeps its link to the paragraph, by name
        link = rows.nth(4).locator("td").nth(1).get_by_role("link", name="2022 年度第3段")
        assert re.fullmatch(r"/reports/2022-zhejiang-anji/#p-[0-9a-f]{8}", link.get_attribute("href"))
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        pair.scroll_into_view_if_needed()
        shot(page, "duizhao-filled", viewport, full=True)
        assert axe_problems(page) == []
        pair.get_by_role("button", name="收起逐段对照").click()
        assert not pair.locator("table.duiz").is_visible()
        assert not page.locator("#vs-2023 table.duiz").count()  # the other pair: not opened, nothing fetched
        assert not errors, errors
        # the address names a pair: it opens on load; last year's page cannot be fetched: the reader
        # is told which, that column's cells keep their links
        page.route("**/reports/2021-zhejiang-anji/", lambda route: route.abort())
        page.goto("about:blank")
        page.goto(base + "series/zhejiang-anji/#vs-2022")
        status = page.locator("#vs-2022 .duiz-status--failed")
        status.wait_for()
        assert status.inner_text().startswith("未能载入2021 年度报告的文字")
        assert status.locator("a").get_attribute("href").endswith("/reports/2021-zhejiang-anji/")
        rows = page.locator("#vs-2022 table.duiz tbody tr")
        assert cells(1)[2:] == ["2021 年度报告中的这一段"] * 2 + ["新增"] * 3
        assert cells(2)[4:] == new[2:]
        shot(page, "duizhao-failed", viewport, full=False)
        if viewport["width"] > 600:
            # the page's body breaks off (the browser's reason, English "network error"): the console
            # keeps it, the reader is told in Chinese
            page.unroute("**/reports/2021-zhejiang-anji/")
            page.add_init_script("""{
                const real = window.fetch;
                window.fetch = (url, init) => String(url).includes("/reports/2021-zhejiang-anji/")
                  ? Promise.resolve(new Response(new ReadableStream({ start(c) { c.error(new TypeError("network error")); } })))
                  : real(url, init);
            }""")
            page.goto("about:blank")
            page.goto(base + "series/zhejiang-anji/#vs-2022")
            status = page.locator("#vs-2022 .duiz-status--failed")
            status.wait_for()
            assert status.inner_text().startswith("未能载入2021 年度报告的文字（网络或数据文件出错）")
        page.close()
    # without JavaScript: each pair's summary, its links to both reports and a line saying why no table
    plain = browser.new_page(viewport=viewport, java_script_enabled=False)
    with serving(measured.site_dir) as base:
        plain.goto(base + "series/zhejiang-anji/#vs-2022")
        pair = plain.locator("#vs-2022")
        assert pair.locator(".duiz-status").inner_text().startswith("逐段并排对照需要浏览器运行 JavaScript")
        assert [a.get_attribute("href") for a in pair.locator("a").all()] == [
            "../../reports/2021-zhejiang-anji/", "../../reports/2022-zhejiang-anji/"]
        assert not plain.locator("table.duiz, button.duiz-open").count()
        shot(plain, "duizhao-without-script", viewport, full=True)
    plain.close()


def test_check_names_a_bad_deadline_file(tmp_path):
    import sys

    project = make_project(tmp_path / "project", with_samples=False)
    (project.content_dir / "deadlines.yml").write_text("rules:\n  - levels: [county]\n    public_by: April\n    source: 规定\n",
                                                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "check"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert f"{project.content_dir / 'deadlines.yml'}:3: public_by must be a day of the year written MM-DD" in result.stderr
    assert (project.content_dir / "deadlines.yml").read_text(encoding="utf-8").endswith("source: 规定\n")  # untouched


def test_a_share_too_small_to_show_is_not_zero():
    """One county of 2,850 covered reads <0.1%, not 0.0% (which says none)."""
    from generator.site.coverage import _share
    assert _share(1, 2850) == "<0.1%"
    assert _share(0, 2850) == "0.0%"
    assert _share(3, 4) == "75.0%"
    assert _share(0, 0) == "—"


def test_measures_are_kept_per_report_between_builds(measured, monkeypatch):
    """The build kept each report's prints (build/cache/prints/), each
    year's shared templates (build/cache/templates/) and each report's match
    against last year's (build/cache/measures/); measuring again from them
    computes nothing anew, reads no prints of a year whose reports did not
    change, reads a series' matches only when its section is asked for, and
    gives what measuring from scratch gives."""
    from generator.build.pipeline import read_all
    from generator.read.history import read_history
    from generator.site import yearly
    from generator.site.measures import measures_site
    from generator.site.memo import Memo
    from generator.site.series import find_series

    reports = read_all(measured).reports
    series = find_series(reports)
    assert series
    deadlines, history = load_deadlines(measured.content_dir), read_history(measured.root, measured.reports_dir)
    memo = Memo(measured.cache_dir / "measures")
    printed: list[int] = []
    real = yearly.prints_of
    monkeypatch.setattr(yearly, "prints_of", lambda reports, *a: printed.append(len(reports)) or real(reports, *a))
    kept = measures_site(reports, series, deadlines, history, memo)
    assert printed == [] and memo.hits == memo.misses == 0
    tables = {s.slug: kept.series_table(s) for s in series}
    # a series' first report is matched against nothing: nothing kept of it
    assert (memo.hits, memo.misses, memo.written) == (sum(len(s.reports) - 1 for s in series), len(series), 0)
    fresh = measures_site(reports, series, deadlines, history)
    assert printed
    assert kept.links == fresh.links and tables == {s.slug: fresh.series_table(s) for s in series}
    assert "shared" in kept.links["2023-zhejiang-anji"]


def test_template_counts_by_steps_above_four():
    """One more body sharing a template must not make every report page of the year again."""
    from generator.site.measures import how_many
    assert [how_many(n) for n in (1, 4, 5, 9, 10, 19, 20, 99, 100, 250)] == [
        "最多 1 个", "最多 4 个", "5 个以上", "5 个以上", "10 个以上", "10 个以上", "20 个以上", "50 个以上",
        "100 个以上", "100 个以上"]


def test_units_under_a_province_are_expected_as_counties_with_no_city_above():
    """The gazetteer files 济源市, 仙桃市 and 石河子市 under a filler "city" (省直辖行政区划):
    coverage expects them as county-level bodies of their province and no such city."""
    from generator.read.governments import governments

    found = {g.key: g for g in governments()}
    for key in (("河南省", "", "济源市"), ("湖北省", "", "仙桃市"), ("新疆维吾尔自治区", "", "石河子市")):
        assert found[key].level == "county", key
    assert not [g for g in found.values() if "直辖" in g.city or "直辖" in g.county]


def test_shared_templates_of_an_unchanged_year_are_kept(measured, tmp_path, monkeypatch):
    """Each year's shared templates are kept under a digest of its reports'
    slugs, bodies and keys (yearly.shared_templates with a Memo of years):
    found again only for a year whose reports changed, and the same as
    found from scratch."""
    from dataclasses import replace

    from generator.build.pipeline import read_all
    from generator.site import yearly
    from generator.site.memo import Memo
    from generator.site.series import series_key

    reports = read_all(measured).reports
    body = {r.slug: series_key(r) or (r.slug,) for r in reports}
    fresh = yearly.templates(yearly.prints_of(reports, body))
    assert [s.bodies for s in fresh["2023-zhejiang-anji"]] == [1] == [s.bodies for s in fresh["2023-jiangxi-xiushui"]]
    compared: list[int] = []
    real = yearly.candidates
    monkeypatch.setattr(yearly, "candidates", lambda sig: compared.append(len(sig)) or real(sig))
    kept = Memo(tmp_path / "templates")
    assert yearly.shared_templates(reports, body, years=kept) == fresh and compared
    years = len(compared)
    assert yearly.shared_templates(reports, body, years=Memo(tmp_path / "templates")) == fresh
    assert len(compared) == years
    changed = [r if r.slug != "2023-zhejiang-anji" else replace(r, key="another") for r in reports]
    again = yearly.shared_templates(changed, body, years=Memo(tmp_path / "templates"))
    assert len(compared) == years + 1  # the changed year only
    assert again == yearly.templates(yearly.prints_of(changed, body))
