"""Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) on the built site."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(sample_site):
    handler = functools.partial(Quiet, directory=str(sample_site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def containing(project, word: str) -> set[str]:
    folder = project.docs_dir / "reports"
    return {d.name for d in folder.iterdir() if word in (d / f"{d.name}.txt").read_text(encoding="utf-8")}


def watched_page(browser, viewport=None):
    """A new page, with the console errors it logs and the hosts it requests."""
    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    return page, errors, hosts


def type_query(page, query: str) -> None:
    """Type into Material's search box once its worker is ready."""
    box = page.locator(".md-search__input")
    box.click()
    # Typing before the search worker is ready leaves the results empty for good.
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() && !m.textContent.includes('初始化'); }")
    box.fill(query)
    box.press("End")  # Material searches on key events, which fill() does not send


def search(browser, base: str, query: str) -> tuple[set[str], list[str], set[str]]:
    page, errors, hosts = watched_page(browser)
    page.goto(base)
    type_query(page, query)
    # Wait until the stated count ("4 个符合条件的结果") and the rendered list agree.
    page.wait_for_function(
        """q => {
            const meta = document.querySelector('.md-search-result__meta');
            const m = meta && meta.textContent.match(/(\\d+) 个符合条件的结果/);
            const items = document.querySelectorAll('.md-search-result__item').length;
            return document.querySelector('.md-search__input').value === q && m && items === Math.min(+m[1], 10);
        }""", arg=query)
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    page.close()
    found = {link.split("/reports/")[1].split("/")[0] for link in links if "/reports/" in link}
    return found, errors, hosts


@pytest.mark.parametrize("word", ["行政复议", "调解"])
def test_search_finds_every_report_containing_the_word(sample_site, served, browser, word):
    expected = containing(sample_site, word)
    assert expected, f"no sample contains {word}"
    found, errors, hosts = search(browser, served, word)
    assert expected <= found, f"missing: {expected - found}"
    assert errors == []
    assert hosts == {served.split("/")[2]}


def test_exact_term_hits_only_reports_with_it(sample_site, served, browser):
    """Where Material does not split the query (调解 is not a prefix-split), hits are exact."""
    found, _, _ = search(browser, served, "调解")
    assert found == containing(sample_site, "调解")


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
    page.locator(".report-card a", has_text="山西省").click()
    page.wait_for_url("**/regions/shanxi/")
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
    page.locator("th", has_text="矛盾纠纷化解与调解").click()  # highest share first
    shares = rows.evaluate_all("rs => rs.map(r => +r.children[10].querySelector('small').textContent.replace('%',''))")
    assert shares == sorted(shares, reverse=True) and len(shares) == 5
    page.locator(".compare-table tbody tr").first.locator("td a").nth(6).click()
    page.wait_for_url("**/themes/mediation/#*")
    slug = page.evaluate("location.hash").lstrip("#")
    assert page.locator(f"h2[id=\"{slug}\"]").is_visible()
    assert errors == []
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
    chip = page.locator("a.theme-chip", has_text="矛盾纠纷化解与调解").first
    chip.scroll_into_view_if_needed()
    chip.click()
    page.wait_for_url("**/themes/mediation/#2022-anhui-wuhu")
    section = page.locator('h2[id="2022-anhui-wuhu"]')
    assert section.is_visible()
    source = page.locator('.passage-source a[href*="/reports/2022-anhui-wuhu/#p-"]').first
    target = source.get_attribute("href").split("#")[1]
    source.click()
    page.wait_for_url(f"**/reports/2022-anhui-wuhu/#{target}")
    passage = page.locator(f'[id="{target}"]')
    assert passage.is_visible() and passage.evaluate("e => e.matches(':target')")
    if viewport["width"] < 600:
        page.locator("label[for=__search]").first.click()
    type_query(page, "人民调解")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() > 0
    assert errors == []
    assert hosts == {served.split("/")[2]}
    page.close()
