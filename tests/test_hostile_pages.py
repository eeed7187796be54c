"""No markup from a report runs on the site, whatever the format it came in.

A saved page whose meta tags, headline, paragraphs, table caption and cells carry
script, event handlers and javascript: addresses, and a text report carrying the
same markup that is then edited in git (so a versions page is made), are built
with the real build; every page of the site, the reader, search and the figures
explorer are loaded in Chromium, and not one dialog may open."""
from __future__ import annotations

import pytest

from generator.build.pipeline import build
from tests.conftest import SAMPLES, make_project, serving
from tests.test_measures import git

MARKUP = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'><svg onload=alert(3)>'
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="某县2023年度法治政府建设情况报告{MARKUP}">
<meta name="PubDate" content="2024-03-20">
<meta name="ContentSource" content="某县司法局{MARKUP}">
<meta name="SiteName" content="某县人民政府{MARKUP}">
<link rel="canonical" href="javascript:alert(4)"><title>报告</title></head><body>
<h1>某县2023年度法治政府建设情况报告{MARKUP}</h1>
<div id="zoom">
<p>2023年，某县人民政府坚持依法行政，全面建设法治政府。{MARKUP}</p>
<p>一、主要举措和成效</p>
<p>（一）加强行政执法。全年开展行政检查1200次，办理行政处罚案件300件，化解矛盾纠纷80件。</p>
<table><caption>行政复议案件统计{MARKUP}</caption><tr><th>项目</th><th>件数{MARKUP}</th></tr>
<tr><td>收到行政复议申请{MARKUP}</td><td>45</td></tr><tr><td>受理</td><td>40</td></tr></table>
<p>二、存在的不足和原因</p><p>执法队伍专业化水平有待提高。</p>
<p>三、下一步工作安排</p><p>持续深化行政执法改革。<a href="javascript:alert(5)">点此</a></p>
<p>某县人民政府</p><p>2024年1月19日</p></div></body></html>"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    wuhu = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")
    text = wuhu.replace("全面", "全面" + MARKUP, 3).replace("芜湖", "马鞍山")
    later = text.replace("2022年", "2023年").replace("坚持", "坚持" + MARKUP, 1)  # the next year: a 对照 page
    project = make_project(tmp_path_factory.mktemp("hostile-pages") / "project", {
        "2023-hostile-page.html": PAGE,
        "2022-hostile-text.txt": text,
        "2023-hostile-text.txt": later,
    })
    git(project.root, "init", "-q")
    git(project.root, "add", "content")
    git(project.root, "commit", "-qm", "reports", date="2023-03-30")
    edited = project.reports_dir / "2022-hostile-text.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "坚持", "坚持<iframe src=javascript:alert(7)></iframe>", 2), encoding="utf-8")
    git(project.root, "commit", "-qam", "edit", date="2023-05-02")
    build(project)
    return project


def test_no_markup_from_a_report_runs_on_any_page(hostile_site, browser):
    site = hostile_site.site_dir
    assert (site / "reports/2022-hostile-text/versions/index.html").is_file(), "the edit made no versions page"
    assert (site / "reports/2023-hostile-page/index.html").is_file()
    assert 'id="vs-2023"' in (site / "series/hostile-text/index.html").read_text(encoding="utf-8"), \
        "no 对照 of the two text reports on their series page"
    paths = sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html"))
    paths += ["reader/?theme=enforcement&r=2022-anhui-wuhu,2022-hostile-text,2023-hostile-page",
              "search/?q=%E5%85%A8%E9%9D%A2", "figures/", "compare/", "series/hostile-text/#vs-2023"]
    dialogs: list[tuple[str, str]] = []
    with serving(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append((page.url, d.message)), d.dismiss()))
        for path in paths:
            page.goto(base + path)
            if "#vs-" in path:  # the 对照 opens on load and fills both columns from the two report pages
                page.locator(".duiz-pair:target table.duiz tbody td").first.wait_for()
            page.wait_for_timeout(1500 if "?" in path or "#vs-" in path or path in ("figures/", "compare/") else 100)
        page.close()
    assert len(paths) > 60
    assert not dialogs, dialogs


def test_the_markup_is_shown_as_text_where_the_report_has_it(hostile_site):
    """Escaped, not dropped: a reader sees what the text report printed."""
    page = (hostile_site.site_dir / "reports/2022-hostile-text/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page and "<script>alert" not in page
    versions = (hostile_site.site_dir / "reports/2022-hostile-text/versions/index.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=javascript:alert(7)&gt;" in versions and "<iframe" not in versions
    saved = (hostile_site.site_dir / "reports/2023-hostile-page/index.html").read_text(encoding="utf-8")
    assert "javascript:alert" not in saved  # neither the canonical address nor the link is taken
