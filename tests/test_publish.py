"""Publishing: incremental, reproducible and atomic builds, --keep-going, open
data and the feed, each with the real mkdocs build."""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build.pipeline import build
from generator.errors import BuildError, ContentError
from tests.conftest import SAMPLES, SLUGS, make_project
from tests.test_search import unstable


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's digest but Pagefind's filter and meta files (see unstable)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not unstable(p.relative_to(folder).as_posix())}


NEW_REPORT = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8").replace("芜湖", "马鞍山")


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path):
    one = make_project(tmp_path / "one")
    build(one)
    first = snapshot(one.site_dir)
    build(one, clean=True)
    assert snapshot(one.site_dir) == first
    # and in another folder, from scratch
    two = make_project(tmp_path / "two")
    build(two)
    assert snapshot(two.site_dir) == first
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first


def test_rebuild_reads_only_what_changed(tmp_path):
    project = make_project(tmp_path / "p")
    full = build(project)
    assert full.cached == 0
    (project.reports_dir / "2022-anhui-maanshan.txt").write_text(NEW_REPORT, encoding="utf-8")
    added = build(project)
    assert added.reports == 6 and added.cached == 5
    assert (project.site_dir / "reports/2022-anhui-maanshan/index.html").is_file()
    # an unchanged report's page is not rewritten
    assert added.written.unchanged > 0
    (project.reports_dir / "2023-anhui-shexian-xucun.yml").write_text("issuer: 许村镇人民政府\ncounty: 歙县\nyear: 2023\n", encoding="utf-8")
    assert build(project).cached == 5  # only the report whose sidecar changed is read again
    assert build(project, clean=True).cached == 0
    (project.reports_dir / "2022-anhui-maanshan.txt").unlink()
    gone = build(project)
    assert gone.reports == 5 and gone.written.removed >= 3
    assert not (project.site_dir / "reports/2022-anhui-maanshan").exists()
    assert not (project.cache_dir / "2022-anhui-maanshan.pickle").exists()
    themes = project.content_dir / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(project).cached == 0  # the taxonomy is part of every key


def test_failed_mkdocs_build_leaves_the_published_site_untouched(tmp_path):
    project = make_project(tmp_path / "p")
    build(project)
    before = snapshot(project.site_dir)
    template = project.root / "overrides/report.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}", encoding="utf-8")
    with pytest.raises(BuildError):
        build(project)
    assert snapshot(project.site_dir) == before
    assert sorted(p.name for p in project.root.iterdir()) == ["build", "content", "mkdocs.yml", "overrides", "site"]


def test_keep_going_publishes_good_reports_and_lists_the_others(tmp_path):
    project = make_project(tmp_path / "p", {"broken.txt": b"", "bad-meta.txt": "一、情况\n正文。\n",
                                            "bad-meta.yml": "year: 二〇二三\n"})
    with pytest.raises(ContentError):
        build(project)
    summary = build(project, keep_going=True)
    assert summary.reports == 5
    assert sorted(s.path.name for s in summary.skipped) == ["bad-meta.yml", "broken.txt"]
    page = (project.site_dir / "skipped/index.html").read_text(encoding="utf-8")
    assert "broken.txt" in page and "bad-meta.yml" in page and "第 1 行" in page
    assert "skipped/" in (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert not (project.site_dir / "reports/bad-meta").exists()
    with pytest.raises(BuildError):
        build(project, keep_going=True, strict=True)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "build", "--keep-going"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"skipped: {project.reports_dir / 'broken.txt'}: is empty" in result.stderr
    assert "2 skipped (listed on /skipped/)" in result.stderr


def read_csv(path: Path) -> list[dict]:
    """A CSV file, plain or (.csv.gz) gzip-compressed."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        assert raw[:2] == b"\x1f\x8b", f"{path.name} is not gzip"
        plain = gzip.decompress(raw)
        assert len(raw) < len(plain) / 2, f"{path.name}: compressed to more than half"
        raw = plain
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel and WPS"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def read_by_year(data: Path, name: str) -> dict[str, list[dict]]:
    """<name>-<year>.csv.gz files: year -> rows."""
    return {p.name.removeprefix(f"{name}-").removesuffix(".csv.gz"): read_csv(p)
            for p in sorted(data.glob(f"{name}-*.csv.gz"))}


def test_open_data_files(sample_site):
    data = sample_site.site_dir / "data"
    reports = read_csv(data / "reports.csv")
    assert [r["slug"] for r in reports] == SLUGS
    xucun = next(r for r in reports if r["slug"] == "2023-anhui-shexian-xucun")
    assert xucun["issuer"] == "许村镇人民政府" and xucun["issuer_origin"] == "sidecar" and xucun["date"] == ""
    # built without SITE_URL: addresses relative to the home page, never a made-up host
    assert xucun["original_url"] == "reports/2023-anhui-shexian-xucun/2023-anhui-shexian-xucun.original.txt.gz"
    # the hash and size are those of the publisher's file, whichever copy a reader fetches
    raw = (SAMPLES / "2023-anhui-shexian-xucun.txt").read_bytes()
    assert xucun["original_sha256"] == hashlib.sha256(raw).hexdigest() and xucun["original_bytes"] == str(len(raw))
    copy = sample_site.site_dir / "reports/2023-anhui-shexian-xucun/2023-anhui-shexian-xucun.original.txt.gz"
    assert gzip.decompress(copy.read_bytes()) == raw  # without extra.originals_url the site keeps a copy
    assert not (data / "reports.json").exists()  # it repeated reports.csv (issue 22)
    # passages and figures: one gzip file per report year, each holding that year's reports only,
    # in one form: no plain copy beside the .gz, no JSON copy beside a CSV (issue 22)
    assert not (data / "passages.csv").exists() and not (data / "figures.csv").exists()
    assert not list(data.glob("*-20*.csv")) and not list(data.glob("*.json"))
    year_of = {r["slug"]: r["year"] for r in reports}
    figures_by_year, passages_by_year = read_by_year(data, "figures"), read_by_year(data, "passages")
    assert sorted(figures_by_year) == sorted(passages_by_year) == ["2022", "2023"]
    for year, rows in (*figures_by_year.items(), *passages_by_year.items()):
        assert rows and {year_of[row["report"]] for row in rows} == {year}
    figures = [f for rows in figures_by_year.values() for f in rows]
    assert len(figures) == 24  # every value of tests/test_analyse.py's FIGURES table
    rate = next(f for f in figures if f["indicator"] == "mediation-success-rate" and f["report"] == "2022-anhui-wuhu")
    assert rate["value"] == "99.25" and rate["url"] == "reports/2022-anhui-wuhu/#p-3975c901-s1"
    passages = [p for rows in passages_by_year.values() for p in rows]
    assert {p["theme"] for p in passages} >= {"enforcement", "mediation", "business-environment", "reconsideration"}
    # a passage's words are the report page's: the row links them, never repeats them (issue 22)
    assert all(p["url"] and "text" not in p for p in passages)
    assert {p["report"] for p in passages} == set(SLUGS)
    columns = (data / "index.html").read_text(encoding="utf-8")
    for name in list(reports[0]) + list(figures[0]) + list(passages[0]):
        assert f"<code>{name}</code>" in columns, name
    # the page links every file and says how to open it
    for name in ("passages-2023.csv.gz", "figures-2023.csv.gz", "passages-2022.csv.gz", "figures-2022.csv.gz"):
        assert f'href="{name}"' in columns, name
    for words in ("gzip", "7-Zip", "gunzip passages-2023.csv.gz", "utf-8-sig", "带 BOM 的 UTF-8"):
        assert words in columns, words
    # every data file is a CSV now (issue 22): neither the data page nor the home page offers JSON
    home = (sample_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert "JSON" not in columns and "JSON" not in home


def test_atom_feed_without_site_url_links_relative_to_itself(sample_site):
    """The feed sits at the site's root, so its relative links resolve; ids are URNs."""
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(sample_site.site_dir / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    assert 0 < len(entries) <= 50
    for entry in entries:
        link = entry.find("a:link", ns).get("href")
        assert link.startswith("reports/")
        slug = link.rstrip("/").rsplit("/", 1)[1]
        assert entry.find("a:id", ns).text == f"urn:fazhi:report:{slug}"
        assert (sample_site.site_dir / f"reports/{slug}/index.html").is_file()
        assert entry.find("a:title", ns).text and entry.find("a:author/a:name", ns).text
    home = (sample_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home


def test_atom_feed_sitemap_and_data_use_site_url_and_originals_url(tmp_path, monkeypatch):
    site = "https://example.org/fazhi/"
    monkeypatch.setenv("SITE_URL", site)
    originals = "https://example.org/repo/raw/main/content/reports/"
    monkeypatch.setenv("ORIGINALS_URL", originals)  # mkdocs.yml: extra.originals_url
    project = make_project(tmp_path / "p")
    build(project)
    # the publisher's files are linked where they are served, never copied into the site
    assert not list(project.site_dir.rglob("*.original*"))
    raw = (SAMPLES / "2022-anhui-wuhu.txt").read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    card = (project.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    assert f'href="{originals}2022-anhui-wuhu.txt"' in card
    assert digest in card and f"{len(raw):,} 字节" in card and 'href="../../guide/#originals"' in card
    assert '<span>SHA-256</span> <code>' in card  # the name kept on one line (fazhi.css)
    row = next(r for r in read_csv(project.site_dir / "data/reports.csv") if r["slug"] == "2022-anhui-wuhu")
    assert (row["original_url"], row["original_sha256"]) == (f"{originals}2022-anhui-wuhu.txt", digest)
    guide = (project.site_dir / "guide/index.html").read_text(encoding="utf-8")
    assert 'id="originals"' in guide and "sha256sum" in guide
    # no line break inside a paragraph: the browser shows it as a space between Chinese sentences
    # (a paragraph or item ends at the next block's tag: pages omit </p> and </li> where they may)
    article = guide[guide.index("<article"):guide.index("</article>")]
    assert not [text for _, text in re.findall(r"<(p|li)>(.*?)(?=</?(?:p|li|ul|ol|dl|div|table|section|h[1-6]|pre)[ >])", article, re.S) if "\n" in text]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(project.site_dir / "feed.xml").getroot()
    for entry in feed.findall("a:entry", ns):
        assert entry.find("a:link", ns).get("href").startswith(site + "reports/")
    sitemap = ET.parse(project.site_dir / "sitemap.xml").getroot()
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sitemap]
    assert site + "reports/2022-anhui-wuhu/" in locs
    for loc in locs:
        path = loc.removeprefix(site)
        assert (project.site_dir / path / "index.html").is_file() or (project.site_dir / path).is_file(), loc
    assert read_csv(project.site_dir / "data/reports.csv")[0]["url"].startswith(site + "reports/")
    home = (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{site}">' in home


def test_report_page_keeps_provenance(tmp_path):
    project = make_project(tmp_path / "p")
    (project.reports_dir / "2023-anhui-shexian-xucun.yml").write_text(
        "issuer: 许村镇人民政府\ncounty: 歙县\nsource_url: https://www.ahshx.gov.cn/xxgk/123.html\nretrieved: 2024-03-02\n",
        encoding="utf-8")
    build(project)
    html = (project.site_dir / "reports/2023-anhui-shexian-xucun/index.html").read_text(encoding="utf-8")
    assert 'href="https://www.ahshx.gov.cn/xxgk/123.html"' in html and "2024-03-02" in html and "获取日期" in html
    assert "原始文本" in html


@pytest.mark.parametrize("url", ["ftp://example.org/reports/", "https://example.org/reports", "content/reports/"])
def test_originals_url_must_be_an_address_ending_in_a_slash(tmp_path, monkeypatch, url):
    monkeypatch.setenv("ORIGINALS_URL", url)
    project = make_project(tmp_path / "p")
    with pytest.raises(BuildError, match=r"mkdocs.yml: extra.originals_url must be an http\(s\) address.*ORIGINALS_URL"):
        build(project)


def test_keep_going_skips_only_the_files_at_fault(tmp_path):
    project = make_project(tmp_path / "p", {"2022-anhui-wuhu.pdf": b"%PDF"})
    summary = build(project, keep_going=True)
    assert summary.reports == 5 and [s.path.name for s in summary.skipped] == ["2022-anhui-wuhu.pdf"]
    assert (project.site_dir / "reports/2022-anhui-wuhu/index.html").is_file()


def test_a_build_killed_mid_swap_gets_the_site_back(tmp_path):
    project = make_project(tmp_path / "p")
    build(project)
    before = snapshot(project.site_dir)
    project.site_dir.rename(project.root / ".site.old")  # as if killed between the two renames
    (project.root / "overrides/report.html").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(BuildError):
        build(project)
    assert snapshot(project.site_dir) == before


def test_a_gzipped_csv_is_the_csv_compressed_as_it_is_written():
    """The year files are compressed while their rows are written (held
    whole, a year's passages were 450 MB at 10,000 reports): the same
    bytes once decompressed, with the BOM spreadsheets need, and the same
    file from the same rows."""
    import gzip as gz

    from generator.site.publish import _csv

    columns = [("text", ""), ("n", "")]
    rows = [{"text": "开展行政复议，“规范”", "n": 1}, {"text": 'a,"b"\nc', "n": None}]
    packed = _csv(columns, iter(rows), gzip_level=6)
    assert gz.decompress(packed) == _csv(columns, rows)
    assert _csv(columns, rows).startswith("\ufefftext,n\r\n".encode("utf-8"))
    assert packed == _csv(columns, rows, gzip_level=6)


def test_atom_feed_keeps_markup_in_titles_as_text(tmp_path):
    """The feed is written by feedgen: a title holding quotes, <, > and & is text
    in well-formed XML, never markup (the hand-written feed left \" raw in attributes)."""
    title = '乡宁县"2023"年度<法治>政府建设&情况报告'
    project = make_project(tmp_path / "p")
    (project.reports_dir / "2023-shanxi-xiangning.yml").write_text(f"title: '{title}'\n", encoding="utf-8")
    build(project)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(project.site_dir / "feed.xml").getroot()
    titles = [e.find("a:title", ns).text for e in feed.findall("a:entry", ns)]
    assert title in titles, titles
