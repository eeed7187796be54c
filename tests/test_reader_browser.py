"""A reader's walks in headless Chromium, at desktop and phone widths, on the
samples plus the three-year fixture: home → a three-report side-by-side view
of 行政复议 → back; → a series of three years; → the official source. And
what every page must hold on any screen: text contrast of 4.5:1 or more, no
sideways scrolling of the page, chart text of 12 px or more, a table of
contents on phones. Screenshots go to build/screenshots/ for a person to see."""
from __future__ import annotations

import re

import pytest

from tests.conftest import DESKTOP, PHONE, Quiet, serving, shot, watched_page
from tests.test_reader import series_site  # noqa: F401 (a fixture)

VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
THREE = ["2022-anhui-wuhu", "2023-shanxi-xiangning", "2023-anhui-qingyang"]


@pytest.fixture(scope="module")
def site(series_site):  # noqa: F811
    with serving(series_site.site_dir) as base:
        yield base


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), f"{page.url}: page is {width}px wide"


def columns_labelled_at_the_end(page, slugs: list[str]) -> None:
    """Scrolled to the last row of the reader, its visible columns are named
    under the site's header; on a narrow screen the others are reached one by
    one (by the buttons here; a swipe does the same) and each is named."""
    assert page.evaluate("getComputedStyle(document.querySelector('.reader-view')).overflowY") == "visible"
    page.locator("tr.reader-passages").last.evaluate("r => r.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(100)
    header = page.locator(".md-header").bounding_box()
    seen: list[str] = []
    for _ in slugs:
        names = page.locator(".reader-table tr.reader-names th:visible")
        for i in range(names.count()):
            box = names.nth(i).bounding_box()
            assert box is not None and box["y"] >= header["y"] + header["height"] - 1
            assert box["y"] < 300, "the name is not at the top of the screen"
            slug = names.nth(i).get_attribute("data-slug")
            if slug not in seen:
                seen.append(slug)
        cells = page.locator("tr.reader-passages").last.locator("td:visible")
        assert cells.count() == names.count() and cells.first.is_visible()
        nxt = page.locator(".reader-next")
        if not nxt.is_visible() or nxt.is_disabled():
            break
        nxt.click()
    assert seen == slugs


@VIEWPORTS
def test_home_to_three_reports_side_by_side_on_reconsideration_and_back(site, browser, viewport):
    page, errors, hosts = watched_page(browser, viewport)
    page.goto(site)
    page.locator("article").get_by_role("link", name="并排对读").first.click()
    page.wait_for_url("**/reader/")
    page.wait_for_selector(".reader-controls select[data-control=theme]")
    page.select_option("select[data-control=theme]", "reconsideration")
    chooser = page.locator("details.reader-chooser")
    if not chooser.evaluate("d => d.open"):
        chooser.locator("summary").click()
    for province, slug in (("anhui", "2022-anhui-wuhu"), ("shanxi", "2023-shanxi-xiangning"),
                           ("anhui", "2023-anhui-qingyang")):
        page.select_option("select[data-filter=province]", province)
        box = page.locator(f'.reader-list input[value="{slug}"]')
        box.wait_for()
        box.check()
    page.wait_for_selector(".reader-table tr.reader-names th >> nth=2", state="attached")
    assert page.evaluate("location.search") == "?theme=reconsideration&r=" + ",".join(THREE)
    headers = page.locator(".reader-table tr.reader-names th").evaluate_all("ths => ths.map(t => t.dataset.slug)")
    assert headers == THREE
    table = page.locator(".reader-table")
    # each column starts with the theme's figures: 青阳 2023 gave 66 applications
    figures = table.locator("tr.reader-figures td").nth(2)
    assert "行政复议收到申请：66件" in figures.inner_text()
    groups = table.locator("tr.reader-group th").all_inner_texts()
    assert groups[:2] == ["数据指标", "行政复议与行政应诉"]
    assert table.locator("td .reader-none").count() == 0  # all three report on it
    no_sideways_scroll(page)
    page.locator("details.reader-chooser summary").click()  # fold the chooser away
    page.locator(".reader-view").evaluate("e => e.scrollIntoView()")
    shot(page, "reader-reconsideration", viewport)
    # the address is the view: opened afresh, it shows the same three columns
    address = page.url
    fresh, fresh_errors, _ = watched_page(browser, viewport)
    fresh.goto(address)
    fresh.wait_for_selector(".reader-table tr.reader-names th >> nth=2", state="attached")
    assert fresh.locator(".reader-table tr.reader-names th").evaluate_all("ths => ths.map(t => t.dataset.slug)") == THREE
    assert fresh_errors == []
    fresh.close()
    # the page scrolls, not a box: at the last subtheme the report names are still in view
    columns_labelled_at_the_end(page, THREE)
    # from a passage to its paragraph in the report, and back to the same view
    link = table.locator("td:visible .reader-where a").first
    target = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(f"**/reports/**#{target}")
    assert page.locator(f'[id="{target}"]').evaluate("e => e.matches(':target')")
    page.go_back()
    page.wait_for_url("**/reader/?theme=reconsideration*")
    page.wait_for_selector(".reader-table tr.reader-names th >> nth=2", state="attached")
    assert page.locator(".reader-table tr.reader-names th").count() == 3
    # the parent theme, by subtheme: a report silent on one reads 未涉及 in the page, not in a tooltip
    page.select_option("select[data-control=theme]", "mediation")
    page.wait_for_url("**/reader/?theme=mediation&r=*")
    page.locator("tr.reader-group th", has_text="信访").wait_for()
    petitions = page.locator("tr.reader-group", has_text="信访").locator("xpath=following-sibling::tr[1]/td")
    assert petitions.nth(2).inner_text() == "未涉及"  # 青阳 says nothing on 信访
    assert page.locator(".reader-help").inner_text().count("未涉及") >= 1  # and the page says what it means
    assert errors == []
    assert hosts == {site.split("/")[2]}
    page.close()


@VIEWPORTS
def test_series_of_three_years_and_its_reader(site, browser, viewport):
    page, errors, _ = watched_page(browser, viewport)
    page.goto(site + "reports/2023-anhui-qingyang/")
    page.locator(".report-card__more a", has_text="同一机关的历年报告").click()
    page.wait_for_url("**/series/anhui-qingyang/")
    row = page.locator("tr", has_text="行政复议收到申请")
    assert row.locator("td").all_inner_texts()[1:] == ["41件", "53件", "66件"]
    no_sideways_scroll(page)
    shot(page, "series", viewport)
    page.locator("tr", has_text="行政复议与行政应诉").get_by_role("link", name="并排对读").click()
    page.wait_for_url("**/reader/?theme=reconsideration*")
    page.wait_for_selector(".reader-table tr.reader-names th >> nth=2", state="attached")
    years = page.locator(".reader-table tr.reader-names th .reader-facts").all_inner_texts()
    assert [y for y in ("2021 年度", "2022 年度", "2023 年度") if any(y in t for t in years)] == [
        "2021 年度", "2022 年度", "2023 年度"]
    page.locator(".reader-view").evaluate("e => e.scrollIntoView()")
    shot(page, "series-reader", viewport)
    # aligned by the reports' required parts: what was done, what fell short, what is planned
    page.select_option("select[data-control=align]", "part")
    page.wait_for_url("**/reader/?theme=reconsideration&r=*&align=part")
    groups = page.locator("tr.reader-group th").all_inner_texts()
    assert groups == ["数据指标", "第1部分：主要举措和成效", "第2部分：存在的不足和原因", "第4部分：下一年度主要安排"]
    # only 2022 names a shortcoming in 行政复议 (cases took too long)
    faults = page.locator("tr.reader-group", has_text="第2部分").locator("xpath=following-sibling::tr[1]/td")
    texts = faults.all_inner_texts()
    assert texts[0] == "未涉及" and "办理时限偏长" in texts[1] and texts[2] == "未涉及"
    plans = page.locator("tr.reader-group", has_text="第4部分").locator("xpath=following-sibling::tr[1]/td")
    assert all("深化行政复议规范化建设" in t for t in plans.all_inner_texts())
    page.locator(".reader-view").evaluate("e => e.scrollIntoView()")
    shot(page, "series-reader-by-part", viewport)
    assert errors == []
    page.close()


@VIEWPORTS
def test_official_source_and_citation(site, browser, viewport):
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site + "reports/2023-anhui-qingyang/")
    official = page.locator("a.official-link")
    assert official.get_attribute("href") == "https://www.example.org/qingyang/fzzf/2023.html"
    assert official.is_visible()
    page.locator(".cite__copy").click()
    page.wait_for_selector(".cite__done:text('已复制')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == ("青阳县人民政府. 青阳县2023年法治政府建设工作情况报告[EB/OL]. (2024-02-12)[2024-03-15]. "
                      "https://www.example.org/qingyang/fzzf/2023.html.")
    no_sideways_scroll(page)
    page.locator(".report-card").scroll_into_view_if_needed()
    shot(page, "report-card-citation", viewport)
    # without an official address the line cites this page, dated today
    page.goto(site + "reports/2022-anhui-wuhu/")
    text = page.locator(".cite__text").inner_text()
    assert text.startswith("芜湖市人民政府. 芜湖市人民政府关于2022年法治政府建设情况的报告[EB/OL]. (2023-03-29)[")
    assert text.endswith("/reports/2022-anhui-wuhu/.")
    context.close()


def test_table_of_contents_on_a_phone(site, browser):
    page, errors, _ = watched_page(browser, PHONE)
    page.goto(site + "reports/2022-anhui-wuhu/")
    toc = page.locator("details.page-toc")
    assert toc.is_visible()
    toc.locator("summary").click()
    toc.scroll_into_view_if_needed()
    shot(page, "report-toc", PHONE)
    first = toc.locator("a").first
    target = first.get_attribute("href")
    first.click()
    assert page.evaluate("location.hash") == target
    desktop, desktop_errors, _ = watched_page(browser, DESKTOP)
    response = desktop.goto(site + "reports/2022-anhui-wuhu/")
    # neither the sidebar nor its list is in the file: fazhi.js makes them from 本报告目录
    assert "md-sidebar" not in response.text() and 'class="md-nav__link"' not in response.text()
    assert not desktop.locator("details.page-toc").is_visible()  # the sidebar holds it there
    sidebar = desktop.locator(".md-sidebar--secondary .md-nav__link")
    block = desktop.locator("details.page-toc a")
    assert sidebar.count() == block.count() > 3
    assert [sidebar.nth(i).get_attribute("href") for i in range(sidebar.count())] == \
        [block.nth(i).get_attribute("href") for i in range(block.count())]
    assert sidebar.nth(2).inner_text() == block.nth(2).inner_text()
    # Material follows the reader's place in it (toc.follow), as in its own list
    middle = block.nth(block.count() // 2).get_attribute("href")
    desktop.evaluate("id => document.getElementById(id).scrollIntoView()", middle[1:])
    desktop.wait_for_selector(f".md-sidebar--secondary a.md-nav__link--active[href='{middle}']")
    shot(desktop, "report-toc", DESKTOP)
    desktop.close()
    assert errors == [] and desktop_errors == []
    page.close()
    # 本报告目录 is made in the browser from the headings (written out it repeated
    # them all, issue 22): without JavaScript it stays hidden, and the list of
    # the five required parts links the top-level headings instead
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    plain = context.new_page()
    plain.goto(site + "reports/2022-anhui-wuhu/")
    assert not plain.locator("details.page-toc").is_visible()
    assert plain.locator(".md-sidebar--secondary .md-nav__link").count() == 0
    assert plain.locator('.report-parts__list > li a[href^="#s"]').count() >= 3
    context.close()


@VIEWPORTS
def test_wide_tables_scroll_inside_with_the_first_column_fixed(site, browser, viewport):
    page, errors, _ = watched_page(browser, viewport)
    for path in ("", "parts/", "compare/", "regions/anhui/"):
        page.goto(site + path)
        page.wait_for_timeout(100)
        no_sideways_scroll(page)
        if viewport is PHONE:
            wide = page.locator(".is-wide")
            assert wide.count() >= 1, path  # the hint is shown where a table is wider than the screen
            hint = wide.first.evaluate("e => getComputedStyle(e, '::before').content")
            assert "左右滑动" in hint
            shot(page, "table-" + (path.strip("/").replace("/", "-") or "home"), viewport)
    # /compare/: scrolled sideways, the report column stays where it was
    page.goto(site + "compare/")
    page.wait_for_selector(".compare-filters:not([hidden]) select")
    first = page.locator(".compare-table tbody th").first
    before = first.bounding_box()["x"]
    page.locator(".compare-scroll").evaluate("s => s.scrollLeft = 300")
    assert abs(first.bounding_box()["x"] - before) < 2
    assert errors == []
    page.close()


def test_theme_row_links_are_named_by_their_report(site, browser):
    """On a theme page, 青阳县's rows after its first are links named only by
    their year and every row's passage links only by a number: compare.js
    names each, for a screen reader, by its row's report (an aria-label that
    holds the visible text), so that no two links opening different
    addresses share a name; nothing visible changes and axe finds nothing."""
    import re

    from tests.test_views import axe_problems

    page, errors, _ = watched_page(browser, DESKTOP)
    page.goto(site + "themes/reconsideration/")
    page.wait_for_function("document.querySelectorAll('ul.theme-rows > li').length === "
                           "document.querySelectorAll('ul.theme-rows .theme-row__meta').length")
    rows = page.locator("ul.theme-rows")
    assert rows.locator('li[id="2022-anhui-qingyang"] > a').inner_text() == "2022 年度"
    assert rows.get_by_role("link", name="安徽省池州市青阳县 2022 年度", exact=True).get_attribute("href") == (
        "../../reports/2022-anhui-qingyang/")
    assert rows.get_by_role("link", name="安徽省池州市青阳县 2023 年度", exact=True).get_attribute("href") == (
        "../../reports/2023-anhui-qingyang/")
    numbered = rows.locator('li[id="2022-anhui-qingyang"] .theme-row__meta a').filter(has_text=re.compile(r"^\d+$"))
    assert numbered.count() > 0
    for link in numbered.all():
        assert link.get_attribute("aria-label") == f"安徽省池州市青阳县 2022 年度 第 {link.inner_text()} 段"
    names: dict[str, set[str]] = {}
    for link in rows.locator("a").all():
        names.setdefault(link.get_attribute("aria-label") or link.inner_text(), set()).add(link.get_attribute("href"))
    assert {n: h for n, h in names.items() if len(h) > 1} == {}
    assert axe_problems(page) == []
    shown = rows.screenshot()
    page.evaluate("document.querySelectorAll('ul.theme-rows [aria-label]').forEach(a => a.removeAttribute('aria-label'))")
    assert rows.screenshot() == shown  # the names are for screen readers only
    shot(page, "theme-rows-named", DESKTOP)
    assert errors == []
    page.close()


def test_compare_subthemes_fold_under_their_parent(site, browser):
    page, errors, _ = watched_page(browser, DESKTOP)
    page.goto(site + "compare/")
    page.wait_for_selector(".compare-filters:not([hidden]) select")
    sub = page.locator('th[data-theme="reconsideration"]')
    assert not sub.is_visible()
    page.locator('th[data-theme="mediation"] .compare-toggle').click()
    assert sub.is_visible() and "未涉及" in sub.inner_text()
    levels = page.locator("select[data-filter=level] option").all_inner_texts()
    assert levels == ["全部层级", "市级", "县级", "乡镇（街道）"]
    shot(page, "compare-subthemes", DESKTOP)
    assert errors == []
    page.close()


@VIEWPORTS
def test_chart_text_is_twelve_pixels_or_more(site, browser, viewport):
    page, _, _ = watched_page(browser, viewport)
    page.goto(site + "themes/mediation/")
    page.locator(".indicator-chart").first.wait_for()  # drawn by compare.js from the page's data file
    sizes = page.locator(".indicator-chart").evaluate_all(
        "figs => figs.flatMap(f => [...f.querySelectorAll('figcaption, .chart-label, .chart-value')]"
        ".map(e => parseFloat(getComputedStyle(e).fontSize)))")
    assert sizes and min(sizes) >= 12, min(sizes)
    no_sideways_scroll(page)
    page.locator(".indicator-chart").first.scroll_into_view_if_needed()
    shot(page, "chart", viewport)
    page.close()


# Every visible text node: its colour over the background it sits on, opacity
# included; WCAG 2 ratio, 4.5:1 (3:1 for large text: 24px, or 18.66px bold).
CONTRAST = """() => {
  function rgba(s) { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; }
  function over(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  }
  function lum(c) {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  }
  function opacity(el) { let o = 1; for (let e = el; e; e = e.parentElement) o *= +getComputedStyle(e).opacity; return o; }
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (el.closest("script, style, noscript, .md-search, [hidden], .md-tooltip, .md-dialog")) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    const st = getComputedStyle(el);
    if (!r.width || !r.height || st.visibility !== "visible") continue;
    const o = opacity(el);
    if (o === 0) continue;
    const bg = background(el);
    const fg = rgba(st.color); fg[3] *= o;
    const c = over(fg, bg);
    const l1 = lum(c), l2 = lum(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(st.fontSize), bold = +st.fontWeight >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    out.push({ text: n.textContent.trim().slice(0, 20), ratio: Math.round(ratio * 100) / 100, need: need,
               size: size, where: el.tagName + "." + (el.className || "") });
  }
  return out;
}"""

PAGES = ["", "reader/?theme=reconsideration&r=" + ",".join(THREE), "compare/", "themes/mediation/",
         "reports/2023-shanxi-xiangning/", "reports/2023-anhui-qingyang/", "parts/", "series/anhui-qingyang/", "data/"]


@VIEWPORTS
def test_text_contrast_meets_wcag_aa(site, browser, viewport):
    page, _, _ = watched_page(browser, viewport)
    lowest = {}
    for path in PAGES:
        page.goto(site + path)
        page.wait_for_timeout(300)
        if path.startswith("compare/"):  # the folded subtheme columns too
            page.locator('th[data-theme="mediation"] .compare-toggle').click()
        texts = page.evaluate(CONTRAST)
        assert len(texts) > 20, path
        failing = [t for t in texts if t["ratio"] < t["need"]]
        assert failing == [], f"{path}: {failing[:5]}"
        tiny = [t for t in texts if t["size"] < 12]  # no text smaller than 12 px either
        assert tiny == [], f"{path}: {tiny[:5]}"
        lowest[path] = min(t["ratio"] for t in texts)
    print("lowest contrast per page:", lowest)
    page.close()


def test_report_text_stays_text_in_the_reader(tmp_path, browser):
    """Passages and titles reach the reader as JSON and are set as text: markup
    in a report is shown, never run."""
    from generator.build.pipeline import build
    from tests.conftest import make_project

    evil = ("一、主要举措和成效\n全年办理行政复议案件<img src=x onerror=\"window.pwned=1\">12件，"
            "<script>window.pwned=2</script>纠错率5%。\n")
    project = make_project(tmp_path / "p", {"evil.txt": evil})
    (project.reports_dir / "evil.yml").write_text(
        'title: "<b onmouseover=window.pwned=3>报告</b>"\nissuer: 某镇人民政府\nyear: 2023\nprovince: 安徽省\nlevel: town\n',
        encoding="utf-8")
    build(project)
    with serving(project.site_dir) as base:
        page, errors, hosts = watched_page(browser, DESKTOP)
        page.goto(f"{base}reader/?theme=reconsideration&r=evil,2022-anhui-wuhu")
        page.wait_for_selector(".reader-table tr.reader-names th >> nth=1")
        assert "<script>window.pwned=2</script>" in page.locator(".reader-table").inner_text()
        assert page.locator(".reader-table tr.reader-names th").first.inner_text().startswith("<b onmouseover")
        assert page.locator(".reader-table img, .reader-table script, .reader-table b").count() == 0
        page.locator(".reader-table tr.reader-names th a").first.hover()
        assert page.evaluate("window.pwned") is None
        assert errors == [] and len(hosts) == 1
        page.close()


class GzipEncoded(Quiet):
    """A host that serves .gz files with Content-Encoding: gzip (as some
    static hosts do), so the browser hands the reader decompressed bytes."""

    def guess_type(self, path):
        return "application/json" if str(path).endswith(".json.gz") else super().guess_type(path)

    def end_headers(self):
        if self.path.split("?")[0].endswith(".gz"):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()


def three_columns_with_text(page) -> list[str]:
    """The reader's passages in the three columns, after checking none is missing."""
    page.wait_for_selector(".reader-table tr.reader-names th >> nth=2", state="attached")
    assert page.locator(".reader-table tr.reader-names th").evaluate_all("ths => ths.map(t => t.dataset.slug)") == THREE
    assert page.locator(".reader-error").count() == 0
    assert "报告页面中找不到这一段" not in page.locator(".reader-table").inner_text()
    columns = []
    for k in range(3):
        texts = page.locator("tr.reader-passages").evaluate_all(
            f"trs => trs.map(tr => tr.children[{k}].querySelectorAll('.reader-passage')).flatMap(ps => [...ps])"
            ".map(p => p.textContent)")
        assert texts and all(len(t) > 10 for t in texts), k
        columns.append("".join(texts))
    return columns


@VIEWPORTS
def test_reader_decompresses_only_what_is_still_gzip(series_site, browser, viewport):  # noqa: F811
    """GitHub Pages serves .json.gz as application/gzip (the reader
    decompresses it); another host may send Content-Encoding: gzip (the
    browser has decompressed it): the same three columns either way."""
    address = "reader/?theme=reconsideration&r=" + ",".join(THREE)
    seen = []
    for handler_class in (Quiet, GzipEncoded):
        with serving(series_site.site_dir, handler_class) as base:
            page, errors, hosts = watched_page(browser, viewport)
            types = {}
            page.on("response", lambda r, types=types: types.update({r.url.rsplit("/", 1)[1]: (
                r.headers.get("content-type"), r.headers.get("content-encoding"))}))
            page.goto(base + address)
            seen.append(three_columns_with_text(page))
            assert all("行政复议" in column for column in seen[-1])
            # the chooser's province file (a report's own data is in its page's packed record)
            page.wait_for_selector(".reader-list .reader-list__count", state="attached")
            data = {v for k, v in types.items() if k.endswith(".json.gz")}
            assert data == {("application/gzip", None) if handler_class is Quiet else ("application/json", "gzip")}
            no_sideways_scroll(page)
            assert errors == [] and len(hosts) == 1
            page.close()
    assert seen[0] == seen[1]


def test_reader_says_which_file_it_cannot_load(tmp_path, series_site, browser):  # noqa: F811
    """A missing report, a page whose packed data is damaged and a missing report page: each
    named in Chinese in the page, the other columns still drawn."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(series_site.site_dir, site)
    damaged = site / "reports/2023-shanxi-xiangning/index.html"  # its packed record (the reader's data) broken
    damaged.write_text(re.sub(r'(id="report-record">)[^<]+', r"\1H4sIAAAAAAAAbroken", damaged.read_text(encoding="utf-8")),
                       encoding="utf-8")
    shutil.rmtree(site / "reports/2023-anhui-qingyang")
    with serving(site) as base:
        page, _, _ = watched_page(browser, DESKTOP)
        page.goto(f"{base}reader/?theme=reconsideration&r=nosuch," + ",".join(THREE))
        page.wait_for_selector(".reader-table tr.reader-names th")
        page.wait_for_function("document.querySelectorAll('.reader-chosen .reader-error').length === 3")
        messages = page.locator(".reader-chosen .reader-error").all_inner_texts()
        assert messages[0].startswith("找不到报告 nosuch（报告页面：HTTP 状态 404）")
        assert messages[1].startswith("无法载入报告 2023-shanxi-xiangning（报告页面：对读所需的数据已损坏，无法解读）")
        assert messages[2].startswith("找不到报告 2023-anhui-qingyang（报告页面：HTTP 状态 404）")
        assert page.locator(".reader-table tr.reader-names th").evaluate_all("ths => ths.map(t => t.dataset.slug)") == [THREE[0]]
        page.close()
