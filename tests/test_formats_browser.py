"""A report read from a saved page, in headless Chromium: its table is a table that
scrolls sideways on a phone, its cells are found by the site's search, and the
page's markup values say where they came from."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.pipeline import build
from tests.conftest import make_project, serving, watched_page
from tests.test_browser import search

WIDE = "".join(f"<th>{y}年</th>" for y in range(2016, 2024))
ROWS = "".join(
    f"<tr><td>{name}</td>" + "".join(f"<td>{n + k}</td>" for k in range(8)) + "</tr>"
    for name, n in (("收到行政复议申请", 120), ("受理", 110), ("审结", 100), ("调解和解终止", 14)))
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="宁海县2023年法治政府建设情况报告">
<meta name="PubDate" content="2024-03-08 10:20"><meta name="ContentSource" content="宁海县司法局">
<meta name="SiteName" content="宁海县人民政府"><script>window.PAGE_SCRIPT = 1</script></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a></div>
<h1>宁海县2023年法治政府建设情况报告</h1>
<div class="info">来源：宁海县司法局 发布时间：2024-03-08</div>
<div id="zoom">
<p>2023年，宁海县坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。现将有关情况报告如下：</p>
<p>一、主要举措和成效</p>
<p>（一）依法化解行政争议。发挥行政复议化解行政争议主渠道作用，近八年行政复议案件办理情况见下表。</p>
<table><caption>行政复议案件办理情况（件）</caption><thead><tr><th>项目</th>{WIDE}</tr></thead><tbody>{ROWS}</tbody></table>
<p>二、存在的不足</p><p>基层行政执法人员专业化水平有待提升。</p>
</div><div class="footer">主办：宁海县人民政府办公室</div></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    project = make_project(tmp_path_factory.mktemp("formats") / "p", {"ninghai-2023.html": PAGE}, with_samples=True)
    build(project)
    with serving(project.site_dir) as base:
        yield project.site_dir, base


def test_a_pages_table_scrolls_on_a_phone(site, browser, tmp_path):
    folder, base = site
    page, errors, hosts = watched_page(browser, {"width": 390, "height": 844})
    page.goto(base + "reports/ninghai-2023/")
    table = page.locator("table#table-1")
    table.scroll_into_view_if_needed()
    assert table.locator("td", has_text="收到行政复议申请").count() == 1
    wrap = page.locator(".md-typeset__scrollwrap:has(table#table-1)")
    assert wrap.count() == 1
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # wider than the phone: it scrolls
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # the page does not
    assert page.evaluate("typeof window.PAGE_SCRIPT") == "undefined"
    card = page.locator(".report-card").inner_text()
    # an origin mark is its value's class, labelled by fazhi.css after the value (not in inner_text)
    marks = page.locator(".report-card dd.o-markup").evaluate_all(
        "dds => dds.map(dd => getComputedStyle(dd, '::after').content)")
    assert marks and set(marks) == {'"网页标记"'} and "宁海县司法局" in card
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=False)
    assert errors == [] and hosts <= {base.split("/")[2]}
    page.close()


def test_a_table_cell_is_found_by_search(site, browser):
    _, base = site
    reports, _, _, errors, _ = search(browser, base, "和解终止")
    assert reports == {"ninghai-2023"} and errors == []
