"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) on the built site."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from tests.conftest import serving, watched_page


@pytest.fixture(scope="module")
def served(sample_site):
    with serving(sample_site.site_dir) as base:
        yield base


def containing(project, word: str) -> set[str]:
    folder = project.docs_dir / "reports"
    return {d.name for d in folder.iterdir() if word in (d / f"{d.name}.txt").read_text(encoding="utf-8")}


def search_page(page, base: str, query: str, **filters: str) -> None:
    """Open /search/ with the query (and filters) in its address and wait for the answer."""
    page.goto(base + "search/?" + urlencode({"q": query, **filters}))
    page.wait_for_selector("#fazhi-search[data-state=done], #fazhi-search[data-state=error]")


def search(browser, base: str, query: str, **filters: str) -> tuple[set[str], set[str], int, list[str], set[str]]:
    """Reports and theme pages found, the count stated, console errors, hosts."""
    page, errors, hosts = watched_page(browser)
    search_page(page, base, query, **filters)
    count = int(page.locator("#fazhi-search-status").get_attribute("data-count") or 0)
    while page.locator("#fazhi-search-more").is_visible():
        drawn = page.locator(".fazhi-search__result").count()
        page.locator("#fazhi-search-more").click()
        page.wait_for_function("n => document.querySelectorAll('.fazhi-search__result').length > n", arg=drawn)
    links = page.eval_on_selector_all(".fazhi-search__title", "els => els.map(e => e.href)")
    page.close()
    reports = {link.split("/reports/")[1].split("/")[0] for link in links if "/reports/" in link}
    themes = {link.split("/themes/")[1].split("/")[0] for link in links if "/themes/" in link}
    assert len(links) == count
    return reports, themes, count, errors, hosts


# Domain words of two to eight characters: each must find exactly the reports
# whose text holds it (a grep of the generated text), no more, no fewer.
QUERIES = ["调解", "复议", "执法", "信访", "普法", "行政复议", "人民调解", "营商环境", "矛盾纠纷", "行政执法",
           "综合行政执法", "法治政府建设", "重大行政决策", "规范性文件", "法律顾问", "行政应诉", "一网通办",
           "公共法律服务", "合法性审查", "行政执法三项制度", "法治", "政务公开"]


@pytest.mark.parametrize("word", QUERIES)
def test_search_finds_exactly_the_reports_containing_the_word(sample_site, served, browser, word):
    expected = containing(sample_site, word)
    found, _, count, errors, hosts = search(browser, served, word)
    assert found == expected, f"missing: {expected - found}, wrong: {found - expected}"
    assert errors == []
    assert hosts == {served.split("/")[2]}


def test_search_finds_a_pair_of_a_digit_and_a_letter(sample_site, served, browser):
    """Bigrams are plain words: Pagefind does not split 5g into 5 and g."""
    expected = containing(sample_site, "5G") | containing(sample_site, "5g")
    assert expected
    assert search(browser, served, "5G")[0] == expected


def test_search_finds_a_word_inside_a_longer_one(sample_site, served, browser):
    """复议 is found inside 行政复议: no dictionary decides where words end."""
    inside = containing(sample_site, "行政复议")
    assert inside and inside <= search(browser, served, "复议")[0]


def test_search_finds_the_reports_holding_every_word_of_a_query(sample_site, served, browser):
    """A query of a two-character word and a longer one (each asked as its
    bigrams, generator/search/index.py): the results hold both."""
    expected = containing(sample_site, "调解") & containing(sample_site, "行政复议")
    assert expected and expected != containing(sample_site, "调解")
    found, _, _, errors, _ = search(browser, served, "调解 行政复议")
    assert found == expected and errors == []


def test_a_two_character_query_shows_its_passage(sample_site, served, browser):
    """A query of two characters (one bigram) shows the passage and the
    report's title and facts from the record's stored text and meta."""
    page, errors, _ = watched_page(browser)
    search_page(page, served, "复议")
    marks = page.locator(".fazhi-search__result mark").all_inner_texts()
    assert marks and set(marks) == {"复议"}
    titles = page.locator(".fazhi-search__title").all_inner_texts()
    facts = page.locator(".fazhi-search__facts").all_inner_texts()
    assert len(titles) == len(marks) and all(t and "/" not in t for t in titles)  # titles, not addresses
    assert all(f == "主题" or "年度" in f for f in facts), facts  # the record's meta
    assert errors == []
    page.close()


def test_search_finds_theme_pages_and_filters(sample_site, served, browser):
    _, themes, _, _, _ = search(browser, served, "行政复议")
    assert "reconsideration" in themes
    found, themes, _, errors, _ = search(browser, served, "调解", province="安徽省")
    assert found == {"2022-anhui-wuhu", "2023-anhui-shexian-xucun"} & containing(sample_site, "调解")
    assert themes == set() and errors == []


def test_search_shows_the_passage_and_links_to_it(sample_site, served, browser):
    page, errors, _ = watched_page(browser)
    search_page(page, served, "行政复议", province="安徽省", level="市级")
    result = page.locator(".fazhi-search__result").first
    assert "行政复议" in result.locator("mark").first.inner_text()
    href = result.locator("a").get_attribute("href")
    assert "/reports/2022-anhui-wuhu/#" in href
    result.locator("a").click()
    target = href.split("#")[1]
    page.wait_for_url(f"**/reports/2022-anhui-wuhu/#{target}")
    assert "行政复议" in page.locator(f'[id="{target}"]').inner_text()
    assert errors == []
    page.close()


@pytest.mark.parametrize("path", ["reports/2023-shanxi-xiangning/", "themes/mediation/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_header_sends_a_query_to_the_search_page(sample_site, served, browser, width, path):
    """Every page's header reaches search: a box on wide screens, a button
    that opens /search/ on phones (on a report page and on a page outside
    the navigation, whose header fazhi.js makes from the site's name)."""
    page, errors, _ = watched_page(browser, {"width": width, "height": 844})
    page.goto(served + path)
    box = page.locator(".md-header__search-input")
    if width >= 960:
        box.fill("行政复议")
        box.press("Enter")
        page.wait_for_selector("#fazhi-search[data-state=done]")
        links = page.eval_on_selector_all(".fazhi-search__title", "els => els.map(e => e.href)")
        assert any("/reports/2022-anhui-wuhu/" in link for link in links)
    else:
        assert not box.is_visible()
        page.locator(".md-header__search-icon").click()
        page.wait_for_url("**/search/**")
        assert page.locator("#fazhi-search input[name=q]").is_visible()
    assert errors == []
    page.close()


def test_search_links_stay_in_a_site_served_from_a_folder(sample_site, browser):
    """A GitHub project page lives at /<repo>/: result links must stay inside it."""
    with serving(sample_site.root) as root:
        base = root + "site/"
        page, errors, _ = watched_page(browser)
        search_page(page, base, "行政复议")
        links = page.eval_on_selector_all(".fazhi-search__title", "els => els.map(e => e.href)")
        assert links and all(link.startswith((base + "reports/", base + "themes/")) for link in links), links
        assert errors == []  # the excerpts were cut from the report pages, found at those links
        page.close()


def test_search_after_an_edit_finds_the_new_text_only(tmp_path, browser):
    """An edited report is indexed alone (the delta shard); its old text is not found."""
    from generator.build.pipeline import build
    from tests.conftest import make_project

    project = make_project(tmp_path / "p")
    build(project)
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("行政复议", "行政复核"), encoding="utf-8")
    build(project)
    assert (project.site_dir / "pagefind/delta").is_dir()
    with serving(project.site_dir) as base:
        old, _, count, errors, _ = search(browser, base, "行政复议")
        assert old == containing(project, "行政复议") and "2022-anhui-wuhu" not in old
        new, _, _, errors2, _ = search(browser, base, "行政复核")
        assert new == {"2022-anhui-wuhu"}
        assert errors == errors2 == []


def test_search_of_nothing_found_and_of_markup(served, browser):
    page, errors, _ = watched_page(browser)
    search_page(page, served, "完全不存在的词语组合")
    assert page.locator("#fazhi-search-status").get_attribute("data-count") == "0"
    search_page(page, served, "<img src=x onerror=alert(1)>调解")
    assert page.locator("img[src=x]").count() == 0
    assert errors == []
    page.close()


def test_report_page_and_paragraph_link_in_browser(sample_site, served, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(served + "regions/shanxi/")
    page.get_by_role("link", name="乡宁县2023年度法治政府建设情况报告").first.click()
    page.wait_for_url("**/reports/2023-shanxi-xiangning/")
    assert page.locator("h1").first.inner_text() == "乡宁县2023年度法治政府建设情况报告"
    first = page.locator("p.para").first
    anchor = first.get_attribute("id")
    page.goto(served + f"reports/2023-shanxi-xiangning/#{quote(anchor)}")
    assert page.evaluate("location.hash") == f"#{anchor}"
    assert page.locator(f"#{anchor}").is_visible()
    # the ¶ and # links, with their titles, are made in the browser, not written in the file
    assert first.locator("a.para-link").get_attribute("title") == "本段链接"
    assert first.locator("a.para-link").get_attribute("href") == f"#{anchor}"
    assert page.locator(".report-text a.headerlink").first.get_attribute("title") == "本节链接"
    html = (sample_site.site_dir / "reports/2023-shanxi-xiangning/index.html").read_text(encoding="utf-8")
    assert "para-link" not in html and "headerlink" not in html.split('<article class="report-text">')[1]
    page.locator(".report-card a", has_text="山西省").click()
    page.wait_for_url("**/regions/shanxi/")
    assert errors == []
    page.close()


@pytest.mark.parametrize("path", ["", "reports/2023-shanxi-xiangning/", "themes/"])
def test_a_page_view_loads_nothing_that_grows_with_the_corpus(served, browser, path):
    """Material's script fetches sitemap.xml (every page's address: megabytes
    at 10,000 reports) for each link[rel=alternate] it finds, taking it for
    another language of the site; the feed link must not set that off."""
    page, errors, _ = watched_page(browser)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url.removeprefix(served)))
    page.goto(served + path)
    page.wait_for_load_state("networkidle")
    assert page.locator('link[type="application/atom+xml"]').count() == 1  # the feed is still announced
    assert not [u for u in requested if "sitemap" in u], requested
    assert errors == []
    page.close()


def test_the_cleaned_text_downloads_as_the_page_shows_it(sample_site, served, browser):
    """The download is made from the page: title, headings and paragraphs in
    order, without the # and ¶ links; the same text the cleaned text holds."""
    page, errors, _ = watched_page(browser)
    page.goto(served + "reports/2022-anhui-wuhu/")
    with page.expect_download() as info:
        page.locator(".report-card__text").click()
    download = info.value
    assert download.suggested_filename == "2022-anhui-wuhu.txt"
    text = Path(download.path()).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == page.locator(".md-content h1").first.inner_text()
    assert "一、全市法治政府建设情况" in lines and "¶" not in text and "#" not in text
    cleaned = (sample_site.docs_dir / "reports/2022-anhui-wuhu/2022-anhui-wuhu.txt").read_text(encoding="utf-8")
    paragraphs = [line for line in lines[1:] if len(line) > 60]
    assert len(paragraphs) >= 15 and all(p in cleaned for p in paragraphs)  # the text as cleaned, whole paragraphs
    assert errors == []
    page.close()


def test_compare_matrix_filters_and_sorts_without_a_server(served, browser):
    page, errors, _ = watched_page(browser)
    page.goto(served + "compare/")
    page.wait_for_selector(".compare-filters:not([hidden]) select")
    rows = page.locator(".compare-table tbody tr")
    assert rows.count() == 5
    page.select_option("select[data-filter=province]", "安徽省")
    assert rows.count() == 2
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.province)")) == {"安徽省"}
    page.select_option("select[data-filter=province]", "")
    page.locator("th", has_text="矛盾纠纷化解与调解").locator("button.compare-sort").click()  # highest share first
    shares = rows.evaluate_all("rs => rs.map(r => +r.children[10].querySelector('small').textContent.replace('%',''))")
    assert shares == sorted(shares, reverse=True) and len(shares) == 5
    page.locator(".compare-table tbody tr").first.locator("td a").nth(6).click()
    page.wait_for_url("**/themes/mediation/#*")
    slug = page.evaluate("location.hash").lstrip("#")
    assert page.locator(f"li[id=\"{slug}\"]").is_visible()
    assert errors == []
    page.close()


def test_theme_rows_are_drawn_from_the_page_data(served, browser):
    """A theme page holds each report's row as a link (place and year);
    compare.js draws the rest from the page's data file: Wuhu's row on
    mediation (6 passages labelled, tests/data/theme_labels.yml; its 矛盾纠纷
    passage the first) gives its count linked to the reader, the numbered
    links to its paragraphs, and its row on the 行政复议 subtheme with its 2
    passages there (test_site.py reads the same in the data file)."""
    page, errors, _ = watched_page(browser)
    page.goto(served + "themes/mediation/")
    row = page.locator('li[id="2022-anhui-wuhu"]')
    meta = row.locator(".theme-row__meta")
    meta.wait_for()
    assert row.locator("a").first.inner_text() == "安徽省芜湖市 · 2022 年度"
    assert meta.inner_text().startswith("6 段：1 ")
    # each link named for a screen reader by its row's report too (every row has a "1")
    reader = meta.get_by_role("link", name="安徽省芜湖市 2022 年度 6 段", exact=True)
    assert reader.get_attribute("href") == served + "reader/?theme=mediation&r=2022-anhui-wuhu"
    assert meta.get_by_role("link", name="安徽省芜湖市 2022 年度 第 1 段", exact=True).get_attribute("href") == (
        served + "reports/2022-anhui-wuhu/#p-3975c901-s1")
    sub = meta.get_by_role("link", name="安徽省芜湖市 2022 年度 行政复议与行政应诉 2 段", exact=True)
    assert sub.get_attribute("href") == served + "themes/reconsideration/#2022-anhui-wuhu"
    assert page.locator("ul.theme-rows > li").count() == page.locator("ul.theme-rows .theme-row__meta").count()
    sub.click()
    page.wait_for_url("**/themes/reconsideration/#2022-anhui-wuhu")
    assert page.locator('li[id="2022-anhui-wuhu"] .theme-row__meta').inner_text().startswith("2 段")
    assert errors == []
    page.close()


def test_indicator_table_is_drawn_from_the_page_data(served, browser):
    """The 数据指标 table of a theme page is drawn by compare.js from the
    page's data file, as the page held it in its markup: a row a report
    (its title linked to its row above), a column an indicator, each number
    linked to its paragraph with its clause as its title. Wuhu's sentence,
    read: "……,全市各级调解组织排查各类矛盾纠纷30146件,调解成功率99.25%。";
    one of the five samples gives none of the indicators (test_site.py
    reads the same in the data file). axe finds nothing on the drawn page."""
    from tests.test_views import axe_problems

    page, errors, _ = watched_page(browser)
    page.goto(served + "themes/mediation/")
    table = page.locator("#indicators ~ .md-typeset__scrollwrap table")
    table.wait_for()
    assert page.locator(".indicators-drawn").count() == 0  # replaced by what it drew
    header = table.locator("thead th").all_inner_texts()
    assert header[0] == "报告" and "调解成功率（%）" in header and len(header) == 13
    row = table.locator("tbody tr", has=page.locator('a[href="#2022-anhui-wuhu"]'))
    assert row.locator("td").first.inner_text() == "芜湖市人民政府关于2022年法治政府建设情况的报告"
    rate = row.locator("td").nth(header.index("调解成功率（%）"))
    link = rate.get_by_role("link", name="99.25%", exact=True)
    assert link.get_attribute("title") == "调解成功率99.25%"
    assert link.get_attribute("href") == served + "reports/2022-anhui-wuhu/#p-3975c901-s1"
    screened = row.locator("td").nth(header.index("排查矛盾纠纷（件）")).get_by_role("link")
    assert screened.inner_text() == "30,146件" and screened.get_attribute("title") == "全市各级调解组织排查各类矛盾纠纷30146件"
    assert row.locator("td").nth(header.index("调解矛盾纠纷（件）")).inner_text() == ""  # not given: left empty
    assert table.locator("tbody tr").count() == 4
    assert page.get_by_text("本页其余 1 份报告没有给出这些指标中的任何一个数字，不列入上表。").is_visible()
    assert axe_problems(page) == []
    link.click()
    page.wait_for_url("**/reports/2022-anhui-wuhu/#p-3975c901-s1")
    assert errors == []
    page.close()


def test_part_rows_are_drawn_from_the_page_data(served, browser):
    """A part page holds each report's title linked; compare.js adds its
    place and year and the sections holding the part: Wuhu's part 1 is its
    section 一、全市法治政府建设情况 with seven subsections (read in the text)."""
    page, errors, _ = watched_page(browser)
    page.goto(served + "parts/measures/")
    row = page.locator('li[id="2022-anhui-wuhu"]')
    section = row.locator(".part-row")
    section.wait_for()
    assert row.locator(".theme-row__meta").inner_text() == "安徽省芜湖市 · 2022 年度"
    link = section.get_by_role("link", name="一、全市法治政府建设情况")
    assert link.get_attribute("href") == served + "reports/2022-anhui-wuhu/#s1"
    assert "字，分 7 节：（一）党对法治政府建设的组织领导更加全面有力 · （二）" in section.inner_text()
    assert errors == []
    page.close()


def test_rows_whose_data_cannot_be_fetched_say_so_in_chinese(served, browser):
    """A theme page whose data file does not arrive (the network fails: the
    browser's reason is English, "Failed to fetch") tells the reader in
    Chinese, above the rows, which stay links to the reports; a part page
    whose file is missing (404) gives its HTTP status. The page's 数据指标,
    drawn from the same file, say so below their explanation."""
    page, _, _ = watched_page(browser)
    page.route("**/themes/mediation/index.rows.json.gz", lambda route: route.abort())
    page.goto(served + "themes/mediation/")
    error = page.locator("p.theme-rows__error")
    error.wait_for()
    assert error.inner_text() == "各行的详细内容无法载入（网络或数据文件出错），仍可点击各行打开报告。"
    assert not re.search(r"[A-Za-z]", error.inner_text())
    assert page.locator('li[id="2022-anhui-wuhu"] a').first.get_attribute("href") == "../../reports/2022-anhui-wuhu/"
    # the 数据指标 of the page come in the same file: their section says so too, in Chinese
    error = page.locator("p.indicators__error")
    error.wait_for()
    assert error.inner_text() == "数据指标表和图无法载入（网络或数据文件出错），各指标的数字可在数据指标页查看。"
    assert error.get_by_role("link").get_attribute("href") == served + "figures/"
    page.route("**/parts/measures/index.rows.json.gz", lambda route: route.fulfill(status=404, body=""))
    page.goto(served + "parts/measures/")
    page.locator("p.theme-rows__error").wait_for()
    assert "HTTP 状态 404" in page.locator("p.theme-rows__error").inner_text()
    page.close()


def test_figures_and_reader_give_the_browsers_own_failures_in_chinese(served, browser):
    """The browser's own reasons are English ("Failed to fetch"; a data file
    of the wrong shape, "Cannot read properties of null"): the figures
    explorer whose index does not arrive says in Chinese that the network or
    a data file failed; the reader's reasons of its own (a report page
    without its packed data, a missing page's HTTP status) show."""
    page, _, _ = watched_page(browser)
    page.route("**/figures/index.json", lambda route: route.abort())
    page.goto(served + "figures/")
    error = page.locator(".reader-error")
    error.wait_for()
    assert error.inner_text() == "数据无法载入（网络或数据文件出错）。"
    page.route("**/reports/2022-anhui-wuhu/", lambda route: route.fulfill(status=200, body="null"))
    page.goto(served + "reader/?theme=mediation&r=2022-anhui-wuhu,nosuch,2023-shanxi-xiangning")
    page.wait_for_function("document.querySelectorAll('.reader-chosen .reader-error').length === 2")
    messages = page.locator(".reader-chosen .reader-error").all_inner_texts()
    assert messages[0].startswith("无法载入报告 2022-anhui-wuhu（报告页面：缺少对读所需的数据）")
    assert messages[1].startswith("找不到报告 nosuch（报告页面：HTTP 状态 404）")
    page.close()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_reader_walk_from_home_to_a_paragraph_and_back(served, browser, viewport):
    """home → region → report → theme chip → theme page → back to the paragraph,
    then search; no console error, no request to any other host."""
    page, errors, hosts = watched_page(browser, viewport)
    page.goto(served)
    page.locator("article").get_by_role("link", name="按地区浏览").click()
    page.wait_for_url("**/regions/")
    page.locator("article").get_by_role("link", name="安徽省").click()
    page.wait_for_url("**/regions/anhui/")
    page.locator("article").get_by_role("link", name="芜湖市人民政府关于2022年法治政府建设情况的报告").click()
    page.wait_for_url("**/reports/2022-anhui-wuhu/")
    chip = page.locator(".theme-chips a", has_text="矛盾纠纷化解与调解").first
    chip.scroll_into_view_if_needed()
    chip.click()
    page.wait_for_url("**/themes/mediation/#2022-anhui-wuhu")
    section = page.locator('li[id="2022-anhui-wuhu"]')
    assert section.is_visible()
    source = section.locator('a[href*="/reports/2022-anhui-wuhu/#p-"]').first
    target = source.get_attribute("href").split("#")[1]
    source.click()
    page.wait_for_url(f"**/reports/2022-anhui-wuhu/#{target}")
    passage = page.locator(f'[id="{target}"]')
    assert passage.is_visible() and passage.evaluate("e => e.matches(':target')")
    page.goto(served + "search/")
    page.locator("#fazhi-search input[name=q]").fill("人民调解")
    page.locator("#fazhi-search button.md-button--primary").click()
    page.wait_for_selector("#fazhi-search[data-state=done]")
    assert page.locator(".fazhi-search__result").count() > 0
    assert errors == []
    assert hosts == {served.split("/")[2]}
    page.close()


def test_the_phone_menu_button_is_named_and_opens_by_keyboard(served, browser):
    """Material's menu button is a label of a hidden checkbox: a screen reader
    hears a named button and a keyboard opens the drawer with Enter."""
    from tests.conftest import PHONE

    page, errors, _ = watched_page(browser, PHONE)
    # pages outside the navigation write no drawer (overrides/main.html): fazhi.js
    # makes it, with the site's sections, and the back-to-top button
    for path in ("reports/2022-anhui-wuhu/", "themes/mediation/", "parts/measures/"):
        page.goto(served + path)
        button = page.get_by_role("button", name="打开导航菜单")
        assert button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        assert page.locator("#__drawer").is_checked()
        drawer = page.locator(".md-sidebar--primary .md-nav__link")
        drawer.last.wait_for()
        assert drawer.all_inner_texts()[:3] == ["首页", "检索", "按地区"] and drawer.count() == 11, path
        button.focus()
        page.keyboard.press(" ")
        assert not page.locator("#__drawer").is_checked()
        assert page.locator(".md-top").count() == 1, path
        assert page.locator(".md-sidebar--primary").evaluate("e => e.hidden"), path  # no left column when wide
    assert errors == []
    page.close()


def test_a_reports_excerpt_is_cut_from_its_page_at_the_matched_position(served, browser):
    """The index stores no report text: search.js finds the unit by the
    record's "at" (where each unit starts, in word positions) and the match
    in it by its position, in the report's page parsed inert. A table's
    caption and rows share its anchor; white space is one position; a Latin
    run is found whatever its case; a page that no longer holds the run
    shows its unit unmarked, and no markup of the page runs."""
    from generator.search.index import SearchRecord, record_content

    units = (("", "甲市2023年报告"), ("p-1", "调解 工作。调解ABC"), ("table-1", "表一 调解"),
             ("table-1", "项目 件数"), ("table-1", "人民调解 12"))
    content, at = record_content(SearchRecord("reports/x", "reports/x/", units[0][1], units))
    words = content.split(" ")

    def positions(run: str) -> list[int]:
        grams = [run[i:i + 2] for i in range(len(run) - 1)]
        return [i for i in range(len(words)) if words[i:i + len(grams)] == grams]

    page_html = ("<h1>甲市2023年报告</h1><article><p id=\"p-1\">调解 工作。调解ABC<img src=x onerror=\"window.ran=1\"></p>"
                 "<p class=\"report-table__caption\"><strong>表一 调解</strong></p><table id=\"table-1\">"
                 "<thead><tr><th>项目</th><th>件数</th></tr></thead><tbody><tr><td>人民调解</td><td>12</td></tr></tbody>"
                 "</table></article>")
    asked = [(p, "调解") for p in positions("调解")] + [(positions("abc")[0], "abc"), (positions("2023")[0], "2023"),
                                                         (positions("调解")[1], "复议")]
    page, errors, _ = watched_page(browser)
    page.goto(served + "search/")
    shown = page.evaluate("""async ([html, at, asked]) => {
        const m = await import('../assets/javascripts/search.js');
        const doc = new DOMParser().parseFromString(html, 'text/html');
        return asked.map(([position, run]) => {
            const p = m.cutExcerpt(doc, at, position, run);
            const mark = p.querySelector('mark');
            return [p.textContent, mark ? mark.textContent : null, mark ? mark.previousSibling?.textContent || '' : null];
        });
    }""", [page_html, at, asked])
    assert shown == [
        ["调解 工作。调解ABC", "调解", ""],  # the paragraph's first 调解
        ["调解 工作。调解ABC", "调解", "调解 工作。"],  # its second, after a space and a full stop
        ["表一 调解", "调解", "表一 "],  # the table's caption
        ["人民调解 12", "调解", "人民"],  # its second row (after the header row)
        ["调解 工作。调解ABC", "ABC", "调解 工作。调解"],  # as the page writes it
        ["甲市2023年报告", "2023", "甲市"],  # the title, which has no anchor
        ["调解 工作。调解ABC", None, None],  # not on the page (any more): the unit, nothing marked
    ]
    assert page.evaluate("window.ran") is None and errors == []
    page.close()
