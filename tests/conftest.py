"""Shared fixtures: a project copy with the sample corpus, built once with the real mkdocs."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.pipeline import Project, build

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "content" / "reports"
SLUGS = sorted(p.stem for p in SAMPLES.glob("*.txt"))
SHOTS = REPO / "build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"  # Debian's, driven by Playwright
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# `make test` runs each file whole on one worker (`--dist loadfile`), handing
# out the files in collection order (`--no-loadscope-reorder`; xdist's own
# order, most tests first, left the few long tests of test_interrupt.py running
# alone at the end). The longest files go first so that the short ones fill in
# behind them: the order of the per-file sums of `pytest --durations=0`
# (2026-12-07). A file not named here comes after them, in its usual place.
LONGEST_FIRST = ["test_hostile.py", "test_views.py", "test_interrupt.py", "test_formats.py", "test_publish.py",
                 "test_browser.py", "test_reader_browser.py", "test_site.py", "test_measures.py",
                 "test_incremental.py", "test_cache.py", "test_frames.py", "test_search.py",
                 "test_labelled_themes.py", "test_hostile_pages.py", "test_reader.py", "test_packs.py",
                 "test_cli_small.py", "test_duplicates.py", "test_damage.py", "test_engines.py", "test_manifest.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file's own order kept


def make_project(root: Path, reports: dict[str, bytes | str] | None = None, with_samples: bool = True) -> Project:
    """A throwaway project: the repo's config, templates and taxonomy, plus reports."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "content" / "reports").mkdir(parents=True)
    for name in ("themes.yml", "parts.yml", "indicators.yml", "deadlines.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    if with_samples:
        for path in SAMPLES.iterdir():
            shutil.copy(path, root / "content" / "reports" / path.name)
    for name, data in (reports or {}).items():
        target = root / "content" / "reports" / name
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Project(root)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Project:
    project = make_project(tmp_path_factory.mktemp("sample") / "project")
    build(project)
    return project


def read_text(text: str):
    """(cleaned, document) of a report given as text, through the real stages."""
    from pathlib import Path

    from generator.read.clean import clean
    from generator.read.normalise import normalise
    from generator.read.page import segment
    from generator.read.parse import parse
    from generator.records import Decoded, Source

    normalised = normalise(Decoded(Source("r", Path("r.txt"), text.encode(), None), text, "utf-8"))
    cleaned = clean(normalised, segment(normalised.lines))
    return cleaned, parse(cleaned)


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static host on the loopback that does not log every request."""

    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = Quiet) -> Iterator[str]:
    """The folder served on a free loopback port, as its base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (each test opens its own pages)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def watched_page(browser, viewport=None):
    """A new page, with the console errors it logs and the hosts it requests."""
    page = browser.new_page(viewport=viewport or DESKTOP)
    # Playwright waits up to 30 s for a page or an element by default; with the
    # whole suite beside other builds (load 17 on 2 cores) a phone walk's page
    # load took longer. A bound, not a timing: a passing step never waits it out.
    page.set_default_timeout(120_000)
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    return page, errors, hosts


def shot(page, name: str, viewport: dict, full: bool = False, folder: Path = SHOTS) -> None:
    """A screenshot for a person to look at (build/screenshots/ unless told)."""
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{'phone' if viewport['width'] < 600 else 'desktop'}.png"), full_page=full)
