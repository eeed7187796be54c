"""Two reports of one body and year on the site (issue 23 item 3): each row
tells them apart (by date where the dates differ, else by file name), each
report's page links the other, and the series page lists both under the year."""
from __future__ import annotations

import gzip
import json
import re

import pytest

from generator.build.pipeline import build, read_all
from generator.site.twins import twins_of
from tests.conftest import SAMPLES, make_project, serving

WUHU = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")  # 芜湖市人民政府, 2022, 发布日期:2023-03-29
DATE_LINE = "发布日期:2023-03-29 09:56"
assert WUHU.count(DATE_LINE) == 1
V2 = WUHU.replace(DATE_LINE, "发布日期:2023-04-10 15:00")  # a second version, published later
TITLE = "芜湖市人民政府关于2022年法治政府建设情况的报告"
FIRST, SECOND = "2022-anhui-wuhu", "2022-wuhu-v2"
LABELS = {FIRST: "（2023-03-29发布）", SECOND: "（2023-04-10发布）"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("twins") / "p", {
        f"{SECOND}.txt": V2,
        # the same body a year before (its year from a sidecar): with 2022, a series
        "2021-wuhu.txt": WUHU, "2021-wuhu.yml": "year: 2021\n"})
    build(project)
    return project.site_dir


def links_to(page: str, slug: str) -> list[str]:
    """The texts of the page's links to a report's page."""
    return [re.sub(r"<[^>]+>", "", text)
            for text in re.findall(rf'<a href="[^"]*reports/{slug}/[^"#]*">(.*?)</a>', page)]


@pytest.mark.parametrize("listing", ["years/2022/index.html", "levels/city/index.html", "regions/anhui/index.html",
                                     "index.html"])
def test_the_two_rows_of_a_list_differ(site, listing):
    page = (site / listing).read_text(encoding="utf-8")
    for slug, label in LABELS.items():
        assert links_to(page, slug) == [TITLE + label], slug
    assert links_to(page, "2021-wuhu") in ([TITLE], [])  # no twin: its title alone (the home page lists the latest)


def test_the_two_rows_of_the_compare_matrix_differ(site):
    rows = {r["slug"]: r["title"] for r in json.loads(gzip.decompress((site / "compare/compare.json.gz").read_bytes()))["rows"]}
    assert rows[FIRST] == TITLE + LABELS[FIRST] and rows[SECOND] == TITLE + LABELS[SECOND]
    assert rows["2021-wuhu"] == TITLE


def test_each_version_links_the_other(site):
    for slug, other in ((FIRST, SECOND), (SECOND, FIRST)):
        page = (site / f"reports/{slug}/index.html").read_text(encoding="utf-8")
        (line,) = re.findall(r'<p class="report-card__twins">(.*?)(?=</p>|<p[ >]|<div|</section>)', page, re.S)  # </p> may be omitted
        assert line.startswith("同一机关同一年度另有报告：")
        assert links_to(line, other) == [TITLE + LABELS[other]]
    assert "report-card__twins" not in (site / "reports/2021-wuhu/index.html").read_text(encoding="utf-8")


def test_the_series_page_lists_both_versions_under_the_year(site):
    pages = [p.read_text(encoding="utf-8") for p in (site / "series").glob("*/index.html")]
    (page,) = [p for p in pages if "reports/2021-wuhu/" in p]
    rows = re.findall(r"<tr>\s*<td>(\d{4})(?:</td>)?\s*<td><a href=\"[^\"]*reports/([^/\"]+)/", page)
    assert rows == [("2021", "2021-wuhu"), ("2022", FIRST), ("2022", SECOND)]
    for slug, label in LABELS.items():
        assert TITLE + label in links_to(page, slug)


def test_versions_published_the_same_day_are_told_apart_by_file_name(tmp_path):
    edited = WUHU.replace("科学部署法治政府建设各项重点工作", "科学部署法治政府建设重点工作", 1)
    assert edited != WUHU
    project = make_project(tmp_path / "p", {f"{SECOND}.txt": edited})
    twins = twins_of(read_all(project).reports)
    assert sorted(twins) == [FIRST, SECOND]
    assert twins[FIRST].label == f"文件 {FIRST}.txt" and twins[SECOND].label == f"文件 {SECOND}.txt"
    assert [(slug, label) for slug, _, label in twins[FIRST].others] == [(SECOND, f"文件 {SECOND}.txt")]


def test_a_reader_goes_from_one_version_to_the_other_in_a_browser(site, tmp_path, browser):
    with serving(site) as base:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(f"{base}reports/{FIRST}/")
        line = page.locator(".report-card__twins")
        assert line.is_visible() and line.inner_text().startswith("同一机关同一年度另有报告：")
        page.screenshot(path=str(tmp_path / "twins.png"))
        line.get_by_role("link", name=TITLE + LABELS[SECOND]).click()
        page.wait_for_url(f"**/reports/{SECOND}/")
        assert page.locator(".report-card__twins").get_by_role("link", name=TITLE + LABELS[FIRST]).is_visible()
        page.close()
