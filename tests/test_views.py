"""The comparison views at scale, in headless Chromium at 1280 and 390 px, on
one 300-report site built once for this module (tests/views_corpus.py):

- axe-core (shipped by the axe-playwright-python package as axe.min.js) finds
  no serious or critical problem on any page type at either width;
- the three readers' tasks of issue 25: a journalist reading several counties
  side by side on 调解 and 行政复议, a researcher after one province's
  行政复议 figures, an official checking a report's completeness.

Screenshots go to tests/output/ (ignored by git) for a person to look at."""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

import pytest

from generator.build.pipeline import build
from tests.conftest import DESKTOP, PHONE, REPO, make_project, serving, watched_page
from tests.conftest import shot as shot_in
from tests.test_reader_browser import columns_labelled_at_the_end
from tests.views_corpus import corpus

SHOTS = REPO / "tests" / "output"
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture(scope="module")
def views_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("views") / "project", corpus(), with_samples=False)
    build(project)
    return project


@pytest.fixture(scope="module")
def site(views_site):
    with serving(views_site.site_dir) as base:
        yield base


def shot(page, name: str, viewport: dict, full: bool = False) -> None:
    shot_in(page, name, viewport, full, folder=SHOTS)


AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_problems(page) -> list[str]:
    """Serious and critical findings of axe-core on the page as it is now."""
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                      else json.dumps(n["target"]) for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def one_report(views_site, **wanted) -> str:
    """The slug of a report whose sidecar has these values (the corpus's own labels)."""
    return next(slug for slug, values in corpus_labels().items() if all(values.get(k) == v for k, v in wanted.items()))


@functools.cache
def corpus_labels() -> dict[str, dict]:
    import yaml
    return {name.removesuffix(".yml"): yaml.safe_load(text) for name, text in corpus().items() if name.endswith(".yml")}


def page_types(site: str, views_site) -> dict[str, str]:
    county = one_report(views_site, level="county", year=2023, province="安徽省")
    other = one_report(views_site, level="county", year=2023, province="山西省")
    return {
        "home": "",
        "theme": "themes/mediation/",
        "compare": "compare/",
        "reader": f"reader/?theme=reconsideration&r={county},{other}",
        "search": "search/?q=行政复议",
        "report": f"reports/{county}/",
        "parts": "parts/",
        "part": "parts/measures/",
        "figures": "figures/?i=reconsideration-received&year=2023&level=county",
        "regions": "regions/anhui/",
        "timeliness": "timeliness/2023/",
        "coverage": "coverage/2023/",
        "404": "404.html",
    }


@VIEWPORTS
def test_axe_finds_no_serious_problem_on_any_page_type(site, views_site, browser, viewport):
    problems = {}
    page, errors, _ = watched_page(browser, viewport)
    for name, path in page_types(site, views_site).items():
        page.goto(site + path)
        if name == "reader":
            page.wait_for_selector(".reader-table")
        if name == "search":
            page.wait_for_selector("#fazhi-search[data-state=done]")
        if name == "figures":
            page.wait_for_selector(".figures-table tbody tr")
        page.wait_for_load_state("networkidle")
        found = axe_problems(page)
        if found:
            problems[name] = found
    page.close()
    assert problems == {}


def test_focus_is_visible_on_both_search_boxes_and_the_404_marks_no_tab(site, browser):
    page, errors, _ = watched_page(browser, DESKTOP)
    page.goto(site + "search/")
    for box in (".md-header__search-input", "#fazhi-search input[type=search]"):
        page.locator(box).first.focus()
        page.keyboard.press("a")  # typed into: focus came from the keyboard's side
        style = page.locator(box).first.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
        assert not style.startswith("none") and not style.endswith(" 0px"), (box, style)
    # two search forms, each named, so their landmarks are told apart
    labels = page.locator("[role=search]").evaluate_all("fs => fs.map(f => f.getAttribute('aria-label'))")
    assert len(labels) == len(set(labels)) == 2 and all(labels)
    # a sortable header holds a button, not the other way round
    page.goto(site + "compare/")
    page.wait_for_selector("th[data-sort] button.compare-sort")
    assert page.locator("th[data-sort][role=button], th[data-sort][tabindex]").count() == 0
    # one pager (显示更多), and the column names stay at the top of the table's box as it scrolls
    assert not page.locator(".compare-pager").first.is_visible() and page.locator(".compare-more").is_visible()
    box = page.locator(".compare > .compare-scroll")
    box.evaluate("b => b.scrollTop = 2000")
    assert abs(page.locator(".compare-table thead th").nth(5).bounding_box()["y"] - box.bounding_box()["y"]) < 3
    provinces = page.locator("select[data-filter=province] option").all_inner_texts()[1:]
    assert provinces[:3] == ["北京市", "山西省", "江苏省"]  # the gazetteer's order, not the characters'
    page.select_option("select[data-filter=province]", "山西省")
    assert "province=" in page.url
    page.goto(site + "404.html")
    assert page.locator(".md-tabs__item--active, .md-nav__link--active, [aria-current]").count() == 0
    assert errors == []
    page.close()


SLUG = re.compile(r"\b(19|20)\d\d-[a-z]+-[a-z]+\b")  # a file name of this corpus


def no_file_names(page) -> None:
    text = page.locator("article").inner_text()
    assert not SLUG.search(text), (page.url, SLUG.search(text).group(0))


def choose(page, name: str, slug: str) -> None:
    """In the reader's chooser, find a report by name (any province) and tick it."""
    page.fill("input[data-filter=name]", name)
    box = page.locator(f'.reader-list input[value="{slug}"]')
    box.wait_for(state="attached")
    if not box.is_visible():  # a report silent on the theme is listed apart, folded
        page.locator(".reader-list__toggle").click()
    box.check()


@VIEWPORTS
def test_a_journalist_reads_three_counties_side_by_side_and_cites_one(site, views_site, browser, viewport):
    """Three county governments of 2023, in three provinces, on 矛盾纠纷化解与调解
    then 行政复议: every subtheme reachable by scrolling the page, every column
    named while any of it is in view; then one paragraph cited with its address."""
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site + "reader/?theme=mediation")
    page.wait_for_selector("input[data-filter=name]")
    chosen = ["2023-feixi-gov", "2023-xiangning-gov", "2023-yunyang-gov"]
    for name, slug in zip(("肥西县人民政府", "乡宁", "云阳县人民政府"), chosen):
        choose(page, name, slug)
        assert "本主题" in page.locator(".reader-list__facts").first.inner_text()
    page.wait_for_selector(".reader-table tr.reader-names th >> nth=2", state="attached")
    assert page.evaluate("new URLSearchParams(location.search).get('r')") == ",".join(chosen)
    no_file_names(page)
    page.locator("details.reader-chooser summary").click()  # fold the chooser away
    groups = page.locator("tr.reader-group th").all_inner_texts()
    subthemes = [t["name"] for t in json.loads((views_site.site_dir / "reader/index.json").read_text())["themes"]
                 if t["parent"] == "mediation"]
    assert groups[1:1 + len(subthemes)] == subthemes  # every subtheme has its row
    for i in range(page.locator("tr.reader-passages").count()):  # and each is reached by scrolling the page
        row = page.locator("tr.reader-passages").nth(i)
        row.evaluate("r => r.scrollIntoView({block: 'start'})")
        assert row.locator("td:visible").first.bounding_box()["y"] < viewport["height"]
    columns_labelled_at_the_end(page, chosen)
    shot(page, "journalist-reader-mediation", viewport)
    # 行政复议: the same three, then to one passage in its report, cited with its paragraph
    page.select_option("select[data-control=theme]", "reconsideration")
    page.wait_for_url("**/reader/?theme=reconsideration*")
    page.locator("tr.reader-group th", has_text="数据指标").wait_for()
    link = page.locator("td:visible .reader-where a").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    page.locator(".cite__copy").click()
    page.wait_for_selector(".cite__done:text('已复制')")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"#{target}.")
    assert errors == []
    context.close()


@VIEWPORTS
def test_an_official_checks_a_report_is_complete_and_finds_its_peers(site, browser, viewport):
    """The report page says which of the five required parts its headings
    name, each linked to its section; /parts/ filters every report by
    province, level and year and finds one by name, in the page's address."""
    page, errors, _ = watched_page(browser, viewport)
    page.goto(site + "reports/2023-feixi-gov/")
    block = page.locator(".report-parts")
    assert block.is_visible()
    items = block.locator("li")
    assert items.count() == 5
    found = block.locator('li:not([data-found]) a')  # a part found is the unmarked item
    assert found.count() >= 1
    anchor = found.first.get_attribute("href")
    found.first.click()
    assert page.evaluate("location.hash") == anchor
    assert page.locator(anchor).evaluate("e => e.tagName").startswith("H")
    assert block.locator('li[data-found="no"] .part-missing').all_inner_texts() == ["标题未见"] * (
        5 - block.locator('li:not([data-found])').count())
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "official-report-parts", viewport)
    page.goto(site + "parts/")
    page.wait_for_selector(".parts-filters select[data-filter=province]")
    provinces = page.locator(".parts-filters select[data-filter=province] option").all_inner_texts()[1:]
    assert provinces[:3] == ["北京市", "山西省", "江苏省"]  # as the gazetteer lists them
    page.select_option(".parts-filters select[data-filter=province]", "安徽省")
    page.select_option(".parts-filters select[data-filter=level]", "县级")
    page.select_option(".parts-filters select[data-filter=year]", "2023")
    rows = page.locator(".parts-results tbody tr")
    expected = {slug for slug, v in corpus_labels().items()
                if v["province"] == "安徽省" and v["level"] == "county" and v["year"] == 2023}
    assert {r.split("/reports/")[1].split("/")[0] for r in rows.locator("th a").evaluate_all(
        "as => as.map(a => a.href)")} == expected
    assert "province=%E5%AE%89%E5%BE%BD%E7%9C%81" in page.url and "year=2023" in page.url
    assert not page.locator(".md-typeset__scrollwrap").first.is_visible()  # the page's own table steps aside
    page.fill(".parts-filters input[data-filter=q]", "肥西")
    page.wait_for_function("document.querySelectorAll('.parts-results tbody tr').length === 1")
    no_file_names(page)
    shot(page, "official-parts-filtered", viewport)
    assert errors == []
    page.close()


@VIEWPORTS
def test_no_list_names_a_report_by_its_file(site, browser, viewport):
    """Home's 最新报告, a theme page and its page names, /parts/, a year's list:
    reports without a title are named by issuer and year, pages by places."""
    page, errors, _ = watched_page(browser, viewport)
    for path in ("", "themes/mediation/", "parts/", "years/2023/", "levels/county/"):
        page.goto(site + path)
        no_file_names(page)
    page.goto(site)
    latest = page.locator("article table").first.locator("tbody tr td:first-child").all_inner_texts()
    assert len(latest) == 10 and all("报告" in t for t in latest)
    page.goto(site + "themes/mediation/")
    names = page.locator("p", has_text="其余各页").locator("a").all_inner_texts()
    assert names and all("省" in n or "市" in n for n in names)
    assert errors == []
    page.close()


@VIEWPORTS
def test_a_researcher_takes_one_provinces_county_reconsideration_figures(site, views_site, browser, viewport):
    """行政复议收到申请 of 安徽省's county governments for 2023: the table lists
    exactly those reports that give it, each value linked to its sentence;
    the chart compares them; the CSV holds exactly the rows shown, in
    Chinese, with absolute addresses."""
    page, errors, _ = watched_page(browser, viewport)
    page.goto(site + "figures/")
    page.wait_for_selector(".figures-filters select[data-filter=i]")
    page.select_option("select[data-filter=i]", "reconsideration-received")
    page.select_option("select[data-filter=year]", "2023")
    page.select_option("select[data-filter=province]", "anhui")
    page.select_option("select[data-filter=level]", "county")
    page.wait_for_function("location.search.includes('level=county')")
    page.wait_for_selector(".figures-table tbody tr")
    rows = page.locator(".figures-table tbody tr")
    slugs = rows.evaluate_all("rs => rs.map(r => r.dataset.slug)")
    county_2023 = {slug for slug, v in corpus_labels().items()
                   if v["province"] == "安徽省" and v["level"] == "county" and v["year"] == 2023}
    data = views_site.docs_dir / "reports"
    giving = {s for s in county_2023 if "行政复议申请" in (data / s / f"{s}.txt").read_text(encoding="utf-8")}
    assert set(slugs) == giving and giving  # the counties whose text gives the number, no other
    for i in range(rows.count()):
        link = rows.nth(i).locator("td.num a")
        sentence = rows.nth(i).locator("td.figures-sentence").inner_text()
        assert link.inner_text().rstrip("件") in sentence.replace(",", "")
        assert "#p-" in link.get_attribute("href")
    assert page.locator(".figures-chart .chart-row").count() == len(giving)
    no_file_names(page)
    shot(page, "researcher-figures", viewport, full=True)
    with page.expect_download() as info:
        page.locator(".figures-download").click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheet programs read the Chinese
    import csv
    import io
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:6] == ["省份", "层级", "发布机关", "地区", "报告年度", "指标"]
    assert len(table) - 1 == rows.count()
    assert {(r[0], r[1], r[5]) for r in table[1:]} == {("安徽省", "县级", "行政复议收到申请")}
    assert all(r[10].startswith(site) and "#p-" in r[10] for r in table[1:])
    # the link takes the reader to the sentence's paragraph
    target = rows.first.locator("td.num a").get_attribute("href").split("#")[1]
    rows.first.locator("td.num a").click()
    page.wait_for_url(f"**#{target}")
    assert "行政复议" in page.locator(f'[id="{target}"]').inner_text()
    assert errors == []
    page.close()


def test_a_slow_answer_to_an_earlier_choice_does_not_overwrite_the_figures_table(site, browser):
    """The year's files of every province are asked for first; the reader
    then picks 安徽省, whose file arrives at once while the others are held
    back. When they arrive at last, the table must still show 安徽省's rows
    only (an earlier choice's answer drew them all over it)."""
    page, errors, _ = watched_page(browser, DESKTOP)
    held: list = []

    def hold_others(route) -> None:
        if route.request.url.endswith("/anhui.json.gz"):
            route.continue_()
        else:
            held.append(route)

    page.route("**/figures/data/2023/*.json.gz", hold_others)
    page.goto(site + "figures/?i=reconsideration-received&year=2023")
    page.wait_for_selector(".figures-filters select[data-filter=province]")
    page.select_option("select[data-filter=province]", "anhui")
    page.wait_for_selector(".figures-table tbody tr")
    assert held  # the earlier choice's files are still on their way
    for route in held:
        route.continue_()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the held answers' promise, had it drawn
    slugs = page.locator(".figures-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.slug)")
    labels = corpus_labels()
    assert slugs and {labels[s]["province"] for s in slugs} == {"安徽省"}
    assert errors == []
    page.close()


def test_touch_screens_show_the_paragraph_link_and_the_feed_reads_as_a_page(site, browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site + "reports/2023-feixi-gov/")
    assert page.locator(".para-link").first.evaluate("a => getComputedStyle(a).opacity") == "1"
    # the feed opens as a page that says what it is, not as an XML tree
    page.goto(site + "feed.xml")
    assert "订阅源" in page.locator("body").inner_text()
    assert page.locator("li a").count() >= 10
    context.close()
