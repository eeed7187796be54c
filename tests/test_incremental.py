"""Incremental builds: only changed pages are rendered again, and the result is
the site a clean build makes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.build.pipeline import Project, build
from tests.conftest import make_project

ADDED = "\n三、其他事项\n本年度新增一段独一无二的文字用于检验增量构建。\n"


def files(site: Path) -> dict[str, bytes]:
    """The pages and assets; the search index is compared by what it finds
    (tests/test_search.py, tests/test_browser.py): an incremental build keeps
    its base shard and adds a delta, so its files differ from a clean build's."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def assert_a_clean_build_makes_the_same(project: Project, tmp_path: Path) -> None:
    """The project's published site is, file for file, what a clean build of
    its reports in a new project publishes."""
    clean = make_project(tmp_path / "clean", with_samples=False)
    shutil.rmtree(clean.reports_dir)
    shutil.copytree(project.reports_dir, clean.reports_dir)
    build(clean)
    incremental, fresh = files(project.site_dir), files(clean.site_dir)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if incremental[name] != fresh[name]] == []


def test_one_changed_report_renders_few_pages_and_equals_a_clean_build(tmp_path, monkeypatch):
    """The published record lists the docs files the site was made from:
    the next build fills only the report pages whose files changed since
    and removes only the files of docs files removed since (an older record
    without that list: every page is compared, as MkDocs does)."""
    from generator.build import pipeline
    from generator.plugins.frames import fill_reports

    asked: list[object] = []

    def spied(*args, **kwargs) -> int:
        asked.append(kwargs.get("only"))
        return fill_reports(*args, **kwargs)

    monkeypatch.setattr(pipeline, "fill_reports", spied)
    project = make_project(tmp_path / "p")
    build(project)
    assert asked == [None]  # a clean build fills every page
    site = project.site_dir
    untouched = site / "reports/2023-shanxi-xiangning/index.html"
    changed = site / "reports/2022-anhui-wuhu/index.html"
    before = {p: p.stat().st_ino for p in (untouched, changed)}

    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(report.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    (project.reports_dir / "2023-anhui-shexian-xucun.txt").unlink()
    (project.reports_dir / "2023-anhui-shexian-xucun.yml").unlink(missing_ok=True)
    pages = {p.parent.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in project.docs_dir.glob("reports/*/index.md")}
    build(project)
    rewritten = {p.parent.name for p in project.docs_dir.glob("reports/*/index.md")
                 if pages.get(p.parent.name) != (p.stat().st_ino, p.stat().st_mtime_ns)}
    assert "2022-anhui-wuhu" in rewritten and len(rewritten) < len(pages) - 1  # (related reports' pages change too)
    assert asked[-1] == rewritten
    assert untouched.stat().st_ino == before[untouched]  # left as it was: not rendered again
    assert changed.stat().st_ino != before[changed]
    assert "独一无二的文字" in changed.read_text(encoding="utf-8")
    assert not (site / "reports/2023-anhui-shexian-xucun").exists()

    record = json.loads(project.published.read_bytes())
    del record["docs_files"]
    project.published.write_text(json.dumps(record), encoding="utf-8")
    report.write_text(report.read_text(encoding="utf-8") + "\n四、附记\n再增一段。\n", encoding="utf-8")
    build(project)
    assert asked[-1] is None and "再增一段" in changed.read_text(encoding="utf-8")
    assert_a_clean_build_makes_the_same(project, tmp_path)


def test_a_template_change_renders_every_page(tmp_path):
    project = make_project(tmp_path / "p")
    build(project)
    page = project.site_dir / "reports/2023-shanxi-xiangning/index.html"
    inode = page.stat().st_ino
    css = project.root / "overrides/assets/stylesheets/fazhi.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    build(project)
    assert page.stat().st_ino != inode


def test_the_published_site_is_never_written_through_a_link(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/fazhi/")  # sitemap.xml.gz then lists the pages
    project = make_project(tmp_path / "p")
    build(project)
    page = project.site_dir / "reports/2022-anhui-wuhu/index.html"
    # A second name for every published file (MkDocs writes sitemap.xml.gz
    # with open(…, "wb"), outside the writers the build swaps for unlinking
    # ones): each must keep its bytes while the next site is built and after.
    os_link = __import__("os").link
    keep = tmp_path / "published"
    keep.mkdir()
    published = sorted(p for p in project.site_dir.rglob("*") if p.is_file())
    for n, path in enumerate(published):
        os_link(path, keep / str(n))
    old = {n: (keep / str(n)).read_bytes() for n in range(len(published))}
    page_bytes = page.read_bytes()
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(report.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    (project.reports_dir / "2022-anhui-wuhu-again.txt").write_text(  # a new address: sitemap.xml.gz changes
        report.read_text(encoding="utf-8") + "\n四、附记\n另一份副本。\n", encoding="utf-8")
    build(project)
    changed = [published[n].relative_to(project.site_dir).as_posix()
               for n in old if (keep / str(n)).read_bytes() != old[n]]
    assert changed == []
    assert page.read_bytes() != page_bytes


def test_a_build_with_nothing_changed_leaves_the_published_site_alone(tmp_path):
    project = make_project(tmp_path / "p")
    build(project)
    site = project.site_dir
    before = site.stat().st_ino  # a rendered site is built aside and swapped in: a new folder
    build(project)
    assert site.stat().st_ino == before
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(report.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    build(project)
    assert site.stat().st_ino != before
    assert "独一无二的文字" in (site / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")


def test_the_replaced_site_becomes_the_next_builds_copy_and_every_publish_equals_a_clean_build(tmp_path):
    """generator/build/spare.py: after an incremental publish the replaced
    site waits in build/spare-site with the manifest that makes it a copy of
    site/; the next incremental build starts from it (no whole copy, no whole
    removal), across an added, a changed and a removed report, and what it
    publishes is still what a clean build makes. A stale record is never
    trusted: that spare is discarded and site/ copied as before."""
    project = make_project(tmp_path / "p")
    build(project)
    site = project.site_dir
    # A full build shares no file with the site it replaced: its spare is a
    # copy of site/ of hard links, made after the publish, with an empty manifest.
    page = site / "reports/2022-anhui-wuhu/index.html"
    assert (project.spare_site / "reports/2022-anhui-wuhu/index.html").stat().st_ino == page.stat().st_ino
    assert json.loads(project.spare_record.read_bytes())["changed"] == []
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(report.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    spare = project.spare_site.stat().st_ino
    first = site.stat().st_ino
    build(project)
    assert site.stat().st_ino == spare  # the first incremental build started from it
    assert project.spare_site.stat().st_ino == first and project.spare_record.is_file()

    # the next build: the spare (the first site) is brought up to date and published
    added = project.reports_dir / "2022-anhui-wuhu-copy.txt"
    added.write_text(report.read_text(encoding="utf-8").replace("芜湖", "芜湖市某区") + "\n另附一段新报告的文字。\n",
                     encoding="utf-8")
    (project.reports_dir / "2023-anhui-shexian-xucun.txt").unlink()
    (project.reports_dir / "2023-anhui-shexian-xucun.yml").unlink(missing_ok=True)
    unchanged = site / "reports/2023-shanxi-xiangning/index.html"
    linked = unchanged.stat().st_ino
    build(project)
    assert site.stat().st_ino == first  # the spare came back as the published site
    assert unchanged.stat().st_ino == linked  # the same file, linked: not copied or rendered again
    assert not (site / "reports/2023-anhui-shexian-xucun").exists()
    assert (site / "reports/2022-anhui-wuhu-copy/index.html").is_file()

    # a stale record (it names another site) is not trusted
    record = json.loads(project.spare_record.read_text(encoding="utf-8"))
    project.spare_record.write_text(json.dumps({**record, "site": record["site"] + 1}), encoding="utf-8")
    report.write_text(report.read_text(encoding="utf-8") + "\n再增一段文字。\n", encoding="utf-8")
    (project.spare_site / "stale.txt").write_text("不应发布", encoding="utf-8")  # would be published if the spare were used
    build(project)
    assert not (site / "stale.txt").exists()
    assert "再增一段文字" in (site / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    assert_a_clean_build_makes_the_same(project, tmp_path)


def test_pruning_keeps_the_themes_files_in_a_folder_the_docs_share(tmp_path):
    """A generated file under docs/assets/ made the incremental build's
    prune walk site/assets/ and delete every theme asset in it (they are
    not docs files): the next page opened without its styles."""
    from generator.build.incremental import expected_files, prune
    from generator.build.pipeline import mkdocs_config

    project = make_project(tmp_path / "p")
    build(project)
    generated = project.docs_dir / "assets" / "generated.json"
    generated.parent.mkdir(parents=True, exist_ok=True)
    generated.write_text("{}", encoding="utf-8")
    (project.site_dir / "assets" / "generated.json").write_text("{}", encoding="utf-8")
    stray = project.site_dir / "assets" / "gone.json"  # a generated file no longer made: pruned
    stray.write_text("{}", encoding="utf-8")
    css = project.site_dir / "assets/stylesheets/fazhi.css"
    assert css.is_file()
    removed = prune(project.site_dir, project.docs_dir, expected_files(mkdocs_config(project)))
    assert removed == 1 and not stray.exists()
    assert css.is_file() and (project.site_dir / "assets" / "generated.json").is_file()
    assert list((project.site_dir / "assets").rglob("*.js"))  # Material's scripts stay


def test_mkdocs_makes_pages_only_of_changed_docs_and_the_site_still_equals_a_clean_build(tmp_path, monkeypatch):
    """With the published record's list of docs files, MkDocs is handed
    only the docs that changed (and the navigation's pages) to render and
    copy: it made a Page of every page and compared every file's time with
    its output's, about 2 s per 1,000 reports of a rebuild. The others stay
    as published; links to them still resolve, and sitemap.xml (with a site
    address) still lists every page: the site is what a clean build makes."""
    from mkdocs.structure.pages import Page

    monkeypatch.setenv("SITE_URL", "https://example.org/fazhi/")
    made: list[str] = []
    init = Page.__init__

    def counted(self, title, file, config) -> None:
        made.append(file.src_uri)
        init(self, title, file, config)

    monkeypatch.setattr(Page, "__init__", counted)
    project = make_project(tmp_path / "p")
    build(project)
    every = set(made)
    docs = {p.relative_to(project.docs_dir).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in project.docs_dir.rglob("*.md")}
    report = project.reports_dir / "2022-anhui-wuhu.txt"
    report.write_text(report.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    made.clear()
    build(project)
    changed = {p.relative_to(project.docs_dir).as_posix() for p in project.docs_dir.rglob("*.md")
               if docs.get(p.relative_to(project.docs_dir).as_posix()) != (p.stat().st_ino, p.stat().st_mtime_ns)}
    nav = {"index.md", "search/index.md", "regions/index.md", "years/index.md", "levels/index.md",
           "themes/index.md", "compare/index.md", "reader/index.md", "parts/index.md", "figures/index.md",
           "data/index.md"}
    assert "reports/2022-anhui-wuhu/index.md" in changed
    assert set(made) <= changed | nav | {"reports/~frame/index.md"}
    assert len(made) < len(every) / 2
    sitemap = (project.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/fazhi/reports/2023-shanxi-xiangning/</loc>" in sitemap
    assert "独一无二的文字" in (project.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    assert_a_clean_build_makes_the_same(project, tmp_path)


def test_mkdocs_files_from_the_builds_listing_are_those_of_its_own_walk(tmp_path):
    """listed_docs gives MkDocs the Files its get_files would walk to, in its
    order (each folder's index and README first, then by name; a folder's
    files before its sub-folders', those by name), a README beside an index
    left out as get_files leaves it; another config's docs are walked."""
    from mkdocs.commands import build as mkdocs_build_module
    from mkdocs.config import load_config

    from generator.build.incremental import list_files, listed_docs

    docs = tmp_path / "docs"
    for rel in ("index.md", "b.md", "a.md", "README.md", "z/index.md", "z/a.md", "a/x.md", "a/README.md",
                "a/b/index.md", "a-b/c.md", "a/b/c/d.md", "img/p.png", "zz.txt", "Ab/i.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("# x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    walked = [(f.src_uri, f.dest_uri, f.url) for f in mkdocs_build_module.get_files(config)]
    with listed_docs(docs, list_files(docs)):
        listed = [(f.src_uri, f.dest_uri, f.url) for f in mkdocs_build_module.get_files(config)]
        (tmp_path / "other").mkdir()
        other = load_config(str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "other"))
        assert list(mkdocs_build_module.get_files(other)) == []  # not the listed folder: walked
    assert listed == walked
    assert "README.md" not in [src for src, _, _ in listed]  # beside index.md
    assert mkdocs_build_module.get_files.__module__ == "mkdocs.structure.files"  # put back


def test_the_docs_after_reports_added_edited_and_removed_are_those_a_clean_build_makes(tmp_path, monkeypatch):
    """Pages made again only where their inputs' keys changed (render.when_changed)
    leave the docs byte for byte what making every page gives: after one report
    is added, one edited and one removed, with lists cut into pages of one or
    two reports so that every listing, table and part page has many pages."""
    from generator.build.pipeline import generate
    from generator.site import chunks, timeliness

    monkeypatch.setattr(chunks, "MIN", 1)
    monkeypatch.setattr(chunks, "MAX", 2)
    monkeypatch.setattr(timeliness, "ROWS", 2)  # a year's reports on pages of one or two
    project = make_project(tmp_path / "p")
    samples = sorted(project.reports_dir.glob("*.txt"))
    generate(project)
    # samples: 2022-anhui-wuhu, 2022-chongqing-…, 2023-anhui-…, 2023-guangdong-…, 2023-shanxi-…; the first
    # pages (in region order: Shanxi, Anhui) keep their reports
    moved, edited = samples[1], samples[3]
    added = project.reports_dir / "2024-added-copy.txt"  # a sample's text under a new name, edited
    added.write_text(moved.read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    moved.unlink()
    moved.with_suffix(".yml").unlink(missing_ok=True)
    edited.write_text(edited.read_text(encoding="utf-8") + "\n四、附记\n另有一段修改。\n", encoding="utf-8")
    # a short report of no known place on one theme only: listed last, it changes the
    # counts on first pages (reports without a passage on a theme) and no other row there
    (project.reports_dir / "2024-short.txt").write_text(
        "某机关2024年法治政府建设情况报告\n\n一、主要举措\n本年度办理行政复议案件十二件，全部依法审结。\n", encoding="utf-8")
    # a second report under a kept one's title: both are now told apart by their file (the kept
    # one's rows change without its text changing; it sorts beside the new one, so this does not
    # prove the labels are in every key on its own)
    (project.reports_dir / "2022-anhui-wuhu-again.txt").write_text(
        samples[0].read_text(encoding="utf-8") + "\n五、补记\n另报一次。\n", encoding="utf-8")
    generate(project)
    incremental = {p.relative_to(project.docs_dir).as_posix(): p.read_bytes()
                   for p in project.docs_dir.rglob("*") if p.is_file()}
    project.page_keys.unlink()  # every page made again, from the reports as read (a clean read costs minutes here)
    shutil.rmtree(project.docs_dir)
    shutil.rmtree(project.cache_dir / "rows")  # and every report's row of the cross-report files (site/memo.py Kept)
    generate(project)
    clean = {p.relative_to(project.docs_dir).as_posix(): p.read_bytes()
             for p in project.docs_dir.rglob("*") if p.is_file()}
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []
    assert any(name.startswith("compare/from-") for name in clean)  # the table has more than one page
    assert any(name.startswith("timeliness/2023/from-") for name in clean)
    assert any("（文件 2022-anhui-wuhu.txt）" in body.decode(errors="replace") for body in clean.values())  # relabelled


def test_a_rebuild_works_out_only_new_reports_rows_of_the_cross_report_files(tmp_path, monkeypatch):
    """The comparison table's values from each report and each line of
    reports.csv are kept between builds (site/memo.py Kept) under the
    report's key: after one report is added, only its passages are walked
    for them, and an unreadable keeps file makes every row again (the same
    rows: the docs equality above)."""
    from generator.build.pipeline import generate
    from generator.site import compare, publish

    walked: list[str] = []
    shares, row = compare.theme_shares, publish._report_row
    monkeypatch.setattr(compare, "theme_shares", lambda report: walked.append(report.slug) or shares(report))
    monkeypatch.setattr(publish, "_report_row", lambda report, *a: walked.append(report.slug) or row(report, *a))
    project = make_project(tmp_path / "p")
    generate(project)
    everyone = sorted(walked)
    assert everyone == sorted(2 * [p.stem for p in project.reports_dir.glob("*.txt")])
    sample = sorted(project.reports_dir.glob("*.txt"))[0]
    (project.reports_dir / "2024-added-copy.txt").write_text(sample.read_text(encoding="utf-8") + ADDED,
                                                             encoding="utf-8")
    walked.clear()
    generate(project)
    assert walked == ["2024-added-copy", "2024-added-copy"]
    table = (project.docs_dir / "data/reports.csv").read_bytes()
    (project.cache_dir / "rows" / "reports-csv.pickle").write_bytes(b"not a pickle")
    walked.clear()
    generate(project)
    assert sorted(walked) == sorted(["2024-added-copy", *everyone[::2]])  # every line made again, the table's kept
    assert (project.docs_dir / "data/reports.csv").read_bytes() == table
