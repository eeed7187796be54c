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
import http.server
import json
import threading
from importlib import resources

import pytest

from generator.build.pipeline import build
from tests.conftest import REPO, make_project
from tests.test_browser import Quiet, browser, watched_page  # noqa: F401 (browser is a fixture)
from tests.views_corpus import corpus

SHOTS = REPO / "tests" / "output"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture(scope="module")
def views_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("views") / "project", corpus(), with_samples=False)
    build(project)
    return project


@pytest.fixture(scope="module")
def site(views_site):
    handler = functools.partial(Quiet, directory=str(views_site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def shot(page, name: str, viewport: dict, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{'phone' if viewport['width'] < 600 else 'desktop'}.png"), full_page=full)


AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_problems(page) -> list[str]:
    """Serious and critical findings of axe-core on the page as it is now."""
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                      else json.dumps(n["target"]) for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def one_report(views_site, **wanted) -> str:  # noqa: ARG001
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
        "regions": "regions/anhui/",
        "404": "404.html",
    }


@VIEWPORTS
def test_axe_finds_no_serious_problem_on_any_page_type(site, views_site, browser, viewport):  # noqa: F811
    problems = {}
    page, errors, _ = watched_page(browser, viewport)
    for name, path in page_types(site, views_site).items():
        page.goto(site + path)
        if name == "reader":
            page.wait_for_selector(".reader-table")
        if name == "search":
            page.wait_for_selector("#fazhi-search[data-state=done]")
        page.wait_for_load_state("networkidle")
        found = axe_problems(page)
        if found:
            problems[name] = found
    page.close()
    assert problems == {}


def test_focus_is_visible_on_both_search_boxes_and_the_404_marks_no_tab(site, browser):  # noqa: F811
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
    page.goto(site + "404.html")
    assert page.locator(".md-tabs__item--active, .md-nav__link--active, [aria-current]").count() == 0
    assert errors == []
    page.close()
