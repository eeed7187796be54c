"""The real mkdocs build of the sample corpus and of hostile or broken inputs."""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import opencc
import pytest

from generator.build.pipeline import build
from generator.errors import ContentError
from generator.read.schema import ORIGIN_LABELS
from generator.site.render import part_of
from tests.conftest import REPO, SAMPLES, SLUGS, make_project


def report_record(html: str) -> dict:
    """A report page's packed record (cleaning steps "d", frame lines "f",
    related reports "p" and "c", theme chips "t" with their pages "w" and
    the report's slug "s"), as fazhi.js unpacks it."""
    packed = re.search(r'<script type="application/gzip-base64" id="report-record">([A-Za-z0-9+/=]+)</script>', html)
    assert packed, "no packed record in the page"
    return json.loads(gzip.decompress(base64.b64decode(packed.group(1))))


class Text(HTMLParser):
    """Visible text of the article, and every URL the page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.loads: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.loads.append(a["src"])
        # canonical and alternate (feed) links name addresses; they load nothing
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate", "alternate feed"):
            self.loads.append(a["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page(project, path: str) -> Text:
    parser = Text()
    parser.feed((project.site_dir / path).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("slug", SLUGS)
def test_report_pages_are_clean_simplified_text(sample_site, slug):
    html = (sample_site.site_dir / f"reports/{slug}/index.html").read_text(encoding="utf-8")
    parser = Text()
    parser.feed(re.search(r'<h1>.*?<article class="report-text">.*?</article>', html, re.S).group(0))
    text = "".join(parser.parts)
    assert "主办" not in text and "ICP备" not in text and "相关新闻" not in text and "分辨率" not in text
    assert not re.search(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+)\)", text)
    assert "九游会" not in text
    assert opencc.OpenCC("t2s").convert(text) == text


def test_report_page_shows_metadata_card_and_provenance(sample_site):
    html = (sample_site.site_dir / "reports/2023-shanxi-xiangning/index.html").read_text(encoding="utf-8")
    assert 'class="report-card"' in html
    assert re.search(r"省份(</dt>)?<dd class=\"o-derived\"><a href=\"[./]*/regions/shanxi/\">山西省</a>", html)
    assert "乡宁县2023年度法治政府建设情况报告" in html
    record = report_record(html)
    assert "pinyin-removed" in {d[0] for d in record["d"]} and 'class="lost"' in html
    downloads = sample_site.site_dir / "reports/2023-shanxi-xiangning"
    original = gzip.decompress((downloads / "2023-shanxi-xiangning.original.txt.gz").read_bytes())
    assert original == (SAMPLES / "2023-shanxi-xiangning.txt").read_bytes()  # the publisher's bytes, unaltered
    # the cleaned text is made in the browser from the page (tests/test_browser.py), not stored twice
    assert not (downloads / "2023-shanxi-xiangning.txt").exists()
    assert "乡宁县人民政府" in (sample_site.docs_dir / "reports/2023-shanxi-xiangning/2023-shanxi-xiangning.txt").read_text(encoding="utf-8")
    assert '<p class="report-card__downloads" data-file="2023-shanxi-xiangning.txt">' in html  # fazhi.js adds the button


def test_the_contents_block_is_made_from_every_heading_level(sample_site):
    """本报告目录 is not written: fazhi.js makes it from the text's headings
    (test_reader_browser.py opens it), which reach fourth-level ones: written
    out it repeated every heading (issue 22)."""
    html = (sample_site.site_dir / "reports/2022-chongqing-yunyang-houye/index.html").read_text(encoding="utf-8")
    assert 'id="s1-2-1"' in html and "page-toc" not in html


def test_every_paragraph_and_section_has_its_anchor(sample_site):
    record = json.loads((REPO / "tests/golden/2022-anhui-wuhu.json").read_text(encoding="utf-8"))
    html = (sample_site.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    for section in record["sections"]:
        assert f'id="{section["anchor"]}"' in html
    # 1 opening paragraph, 7 under 一、, 1 under 二、, 8 under 三、 (counted by hand)
    assert len(re.findall(r'<p id="p-[0-9a-f]{8}(?:-\d+)?">', html)) == 17


def test_browse_pages_link_every_report_once(sample_site):
    for index in ("regions", "years", "levels"):
        linked = set()
        for html in (sample_site.site_dir / index).rglob("index.html"):
            linked |= set(re.findall(r'href="[./]*/reports/([^/"]+)/"', html.read_text(encoding="utf-8")))
        assert linked == set(SLUGS), index
    home = (sample_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert "收录报告 <strong>5</strong> 份" in home


def test_navigation_never_lists_reports(sample_site):
    """Readers browse via index pages; no page embeds a list of all reports."""
    home = (sample_site.site_dir / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary[^"]*".*?</nav>', home, re.S).group(0)
    assert "/reports/" not in nav
    # a report page writes no drawer (fazhi.js makes it from the tabs): the tabs are its navigation
    html = (sample_site.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    assert "md-nav--primary" not in html
    assert "md-tabs" not in html  # fazhi.js makes the tabs (test_views.py opens a report page)
    # fazhi.js's tabs are mkdocs.yml's nav
    script = (sample_site.site_dir / "assets/javascripts/fazhi.js").read_text(encoding="utf-8")
    tabs = re.findall(r'\["([a-z/]*)", "([^"]+)"\]', re.search(r"var TABS = (\[.*?\]);", script, re.S).group(1))
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.findall(r"^  - (\S+): (\S*?)index\.md$", config[config.index("\nnav:"):], re.M)
    assert tabs == [(path, name) for name, path in nav] and len(tabs) == 11


def test_site_requests_nothing_from_other_hosts(sample_site):
    for html in sample_site.site_dir.rglob("*.html"):
        parser = page(sample_site, str(html.relative_to(sample_site.site_dir)))
        outside = [u for u in parser.loads if re.match(r"(https?:)?//", u)]
        assert outside == [], html
    css = "".join(p.read_text(encoding="utf-8") for p in sample_site.site_dir.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_search_index_holds_every_report_and_theme(sample_site):
    from generator.analyse.taxonomy import load_taxonomy
    from tests.test_search import fragments

    found = fragments(sample_site.site_dir)
    themes = load_taxonomy(sample_site.content_dir).themes
    assert set(found) == {f"reports/{slug}/" for slug in SLUGS} | {f"themes/{t.slug}/" for t in themes}
    wuhu = found["reports/2022-anhui-wuhu/"]
    assert wuhu["meta"]["title"] == "芜湖市人民政府关于2022年法治政府建设情况的报告"
    assert wuhu["filters"] == {}  # Pagefind's filter files hold them (test_browser.py filters by province)
    text = (sample_site.docs_dir / "reports/2022-anhui-wuhu/2022-anhui-wuhu.txt").read_text(encoding="utf-8")
    assert "行政复议" in text and wuhu["content"] == ""  # its page holds the text (search.js cuts excerpts there)
    assert wuhu["meta"]["at"].startswith("p-")  # where each unit starts: how the excerpt is found on the page
    assert found["themes/mediation/"]["content"]  # a theme page's (short) text is stored
    assert not (sample_site.site_dir / "search/search_index.json").exists()  # no second, whole-site index


HOSTILE = """一、<script>alert("x")</script>情况
<img src=x onerror=alert(1)>正文里有[链接](javascript:alert(1))和**粗体**。
---
# 不是标题
{{ page.title }} {% raw %}
（一）标题里有`代码`和<b>标签</b>。<iframe src="https://evil.example"></iframe>
"""


def test_report_text_is_never_markup(tmp_path):
    project = make_project(tmp_path / "p", {"hostile.txt": HOSTILE}, with_samples=False)
    (project.reports_dir / "hostile.yml").write_text("issuer: 某县人民政府\nyear: 2023\n", encoding="utf-8")
    build(project)
    html = (project.site_dir / "reports/hostile/index.html").read_text(encoding="utf-8")
    article = re.search(r'<article class="report-text">(.*?)</article>', html, re.S).group(1)
    for live in ("<script>alert", "<img src=x", "<iframe", 'href="javascript', "<strong>", "<b>", "<code>", "<hr"):
        assert live not in article, live
    text = "".join(page(project, "reports/hostile/index.html").parts)
    # the last line is taken for page furniture: a row of the packed cleaning record, which fazhi.js writes as text
    text += "".join(str(cell) for row in report_record(html)["f"] for cell in row)
    for literal in ('<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "[链接]（javascript:alert(1)）",
                    "**粗体**", "---", "# 不是标题", "{{ page.title }} {% raw %}", "`代码`", "<b>标签</b>"):
        assert literal in text, literal


def test_content_errors_are_all_reported_and_inputs_untouched(tmp_path):
    project = make_project(tmp_path / "p", {
        "empty.txt": "",
        "bad-sidecar.txt": "一、情况\n正文。\n",
        "bad-sidecar.yml": "year: 二〇二三\ncolour: red\n",
        "orphan.yml": "year: 2023\n",
        "中文名.txt": "正文。\n",
    })
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in project.reports_dir.iterdir()}
    (project.site_dir).mkdir()
    (project.site_dir / "index.html").write_text("previous site", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        build(project)
    messages = [str(p) for p in info.value.problems]
    folder = project.reports_dir
    assert f"{folder / 'bad-sidecar.yml'}:1: year must be a number between 1990 and 2100, got '二〇二三'" in messages
    assert any(m.startswith(f"{folder / 'bad-sidecar.yml'}:2: unknown key 'colour'") for m in messages)
    assert any(m.startswith(f"{folder / 'empty.txt'}: is empty") for m in messages)
    assert any(m.startswith(f"{folder / 'orphan.yml'}: sidecar without a report") for m in messages)
    assert any(m.startswith(f"{folder / '中文名.txt'}: file name is used as the page address") for m in messages)
    assert len(messages) == 5
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in project.reports_dir.iterdir()}
    assert after == before
    assert (project.site_dir / "index.html").read_text(encoding="utf-8") == "previous site"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_inspect_json_keys():
    result = run_cli("inspect", str(SAMPLES / "2023-anhui-shexian-xucun.txt"), "--json", cwd=REPO)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    for key in ("slug", "title", "title_derived", "issuer", "level", "province", "city", "county", "town",
                "year", "date", "doc_number", "source", "source_url", "sections", "diagnostics"):
        assert key in record
    assert set(record["sections"][0]) >= {"level", "number", "title"}
    assert set(record["diagnostics"][0]) >= {"code", "message", "count"}
    assert record["origins"]["issuer"] == "sidecar"


def test_cli_check_exits_non_zero_listing_every_problem(tmp_path):
    project = make_project(tmp_path / "p", {"a.txt": b"", "b.txt": "正文\n", "b.yml": "level: village\n"})
    result = run_cli("--root", str(project.root), "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "a.txt: is empty" in result.stderr and "b.yml:1: level must be one of" in result.stderr
    assert "Traceback" not in result.stderr
    ok = run_cli("--root", str(make_project(tmp_path / "q").root), "check", cwd=tmp_path)
    assert ok.returncode == 0 and "checked 5 reports: 0 errors" in ok.stderr


def broken_links(site: Path) -> list[str]:
    """Every internal link in the built site whose page or #anchor does not exist."""
    from urllib.parse import unquote, urljoin, urlparse

    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    broken = []
    for html in site.rglob("*.html"):
        if html.name == "404.html":
            continue
        base = "http://site/" + str(html.relative_to(site))
        for href in re.findall(r'<a [^>]*href="([^"]+)"', html.read_text(encoding="utf-8")):
            url = urlparse(urljoin(base, href.replace("&amp;", "&")))
            if url.netloc != "site":
                continue
            target = site / unquote(url.path).lstrip("/")
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{html.relative_to(site)}: {href}")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids_of(target):
                broken.append(f"{html.relative_to(site)}: {href} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves(sample_site):
    assert broken_links(sample_site.site_dir) == []


def test_paginated_listings_link_every_report(tmp_path, monkeypatch):
    """Lists longer than a page split into base/ and base/from-<first report>/
    (cut where the reports say: chunks.py); every link must still resolve,
    every report is listed once, and only the first page states the count."""
    import generator.site.chunks as chunks

    monkeypatch.setattr(chunks, "TARGET", 2)
    monkeypatch.setattr(chunks, "MIN", 1)
    monkeypatch.setattr(chunks, "MAX", 2)
    monkeypatch.setattr(chunks, "LINKS", 1)
    project = make_project(tmp_path / "p")
    build(project, strict=True)
    pages = sorted(p.relative_to(project.site_dir).as_posix() for p in (project.site_dir / "years/2023").rglob("index.html"))
    assert len(pages) == 2 and "years/2023/index.html" in pages  # 3 reports of 2023, at most 2 a page
    later = next(p for p in pages if p != "years/2023/index.html")
    assert re.fullmatch(r"years/2023/from-2023-[a-z-]+/index.html", later)
    assert broken_links(project.site_dir) == []
    linked = []
    for name in pages:
        html = (project.site_dir / name).read_text(encoding="utf-8")
        linked += re.findall(r'<td><a href="[./]*/reports/([^/"]+)/"', html)
    assert sorted(linked) == sorted(s for s in SLUGS if s.startswith("2023"))
    first = (project.site_dir / "years/2023/index.html").read_text(encoding="utf-8")
    assert "共 3 份报告" in first
    # the pager links only its neighbours: the first page lists every page, named by the places it holds
    assert "其余各页（按所含地区）" in first and f'href="{later.split("/")[2]}/"' in first
    assert "共 3 份报告" not in (project.site_dir / later).read_text(encoding="utf-8")
    assert later.split("/")[2].removeprefix("from-") in (project.site_dir / later).read_text(encoding="utf-8")


# --- comparison pages (themes, matrix, parts) ---------------------------------------

def labelled(theme: str) -> set[str]:
    import yaml

    labels = yaml.safe_load((REPO / "tests/data/theme_labels.yml").read_text(encoding="utf-8"))
    return {key.split("#")[0] for key, themes in labels.items() if theme in themes}


def theme_blocks(html: str) -> dict[str, str]:
    """Report slug -> its row on a theme or part page (<li id="slug">…</li>)
    as the page holds it (a theme page's rows: the report's link only, the
    rest drawn from the page's data file, theme_data)."""
    rows = re.search(r'<ul class="theme-rows"[^>]*>(.*?)</ul>', html, re.S)
    return dict(re.findall(r'<li id="([^"]+)">(.*?)(?=</?li[ >]|$)', rows.group(1))) if rows else {}


def theme_data(page: Path) -> dict:
    """The data file of a theme page's rows (its list's data-rows, relative
    to the page's address: page is its index.html): the theme, its
    subthemes as [slug, name], and by report slug [count, [[number,
    anchor] …], [[subtheme, its page, count] …]]."""
    src = re.search(r'<ul class="theme-rows" data-rows="([^"]+)">', page.read_text(encoding="utf-8")).group(1)
    return json.loads(gzip.decompress((page.parent / src).read_bytes()))


def report_anchors(site: Path, slug: str) -> set[str]:
    html = (site / "reports" / slug / "index.html").read_text(encoding="utf-8")
    return set(re.findall(r' id="([^"]+)"', html))


@pytest.mark.parametrize("theme", ["enforcement", "mediation", "business-environment"])
def test_theme_page_lists_every_report_that_discusses_it(sample_site, theme):
    page = sample_site.site_dir / f"themes/{theme}/index.html"
    html = page.read_text(encoding="utf-8")
    rows = theme_blocks(html)
    data = theme_data(page)
    sections = set(rows)
    assert labelled(theme) <= sections and set(data["rows"]) == sections and data["theme"] == theme
    # each passage links to its paragraph in the report, or to the subtheme's row that
    # links it; none is quoted (issue 22: links, not quotes)
    assert all(row[1] or row[2:] for row in data["rows"].values())
    assert "<mark>" not in html


NO_PLACE = """星河新区管理委员会2023年度法治政府建设情况报告

2023年，星河新区管理委员会坚持依法行政，现将有关情况报告如下。

一、主要举措和成效

（一）加强行政复议工作。全年收到行政复议申请12件，依法审结10件。

二、存在的不足

行政执法人员专业能力仍需提升。

三、下一步工作安排

持续深化行政复议体制改革。
"""


def test_a_theme_row_without_a_place_is_named_by_its_issuer(tmp_path):
    """A report whose body names no place (a 新区 of no known county): its
    row on a theme page is named by its issuer and year, never by its year
    alone, which on a theme page means "the place of the row above" (and
    which compare.js names so for a screen reader)."""
    project = make_project(tmp_path / "p", {"2023-xinghe.txt": NO_PLACE}, with_samples=False)
    build(project)
    blocks = theme_blocks((project.site_dir / "themes/reconsideration/index.html").read_text(encoding="utf-8"))
    assert blocks == {"2023-xinghe": '<a href="../../reports/2023-xinghe/">星河新区管理委员会 · 2023 年度</a>'}


@pytest.mark.parametrize("theme", ["enforcement", "mediation", "business-environment", "reconsideration"])
def test_theme_pages_link_three_passages_and_the_rest_in_the_reader(sample_site, theme):
    """Each report's row: its place and year linked to the report (what the
    page holds without JavaScript), then from the page's data file how many
    passages it has on the theme and at most 3 passages as numbered links
    to their paragraphs (the number is the passage's among the report's
    passages on the theme); none quoted, no heading as a tooltip. Every
    link's anchor is on the report's page. The browser test
    (test_browser.py) sees them drawn, the count linking the reader where
    the report has more."""
    site = sample_site.site_dir
    page = site / f"themes/{theme}/index.html"
    html = page.read_text(encoding="utf-8")
    blocks = theme_blocks(html)
    rows = theme_data(page)["rows"]
    assert blocks and "<mark>" not in html and "excerpt-source" not in html and " title=" not in "".join(blocks.values())
    for slug, block in blocks.items():
        assert re.fullmatch(rf'<a href="\.\./\.\./reports/{slug}/">[^<]+ · 20\d\d 年度</a>', block), block
        count, links, *subs = rows[slug]
        assert 1 <= len(links) <= 3 or subs, slug
        numbers = [n for n, _ in links]
        assert numbers == sorted(set(numbers)) and all(1 <= n <= count for n in numbers), numbers
        anchors = report_anchors(site, slug)
        assert all(anchor in anchors for _, anchor in links), slug  # the deep link resolves


def test_theme_page_links_a_known_passage(sample_site):
    """Wuhu's 矛盾纠纷 passage (read in the text: under （五）政府依法治理体系更加统筹高效,
    with 化解, 矛盾化解, 矛盾纠纷 and 调解) is linked on the mediation page
    as its first passage on the theme. Wuhu has 6 passages labelled
    mediation (tests/data/theme_labels.yml); its passages on 行政复议
    (（六）行政权力运行制约监督更加透明规范 and 三、推进法治政府建设的主要安排,
    read: 行政复议 and 出庭应诉 in both) are listed on the subtheme's page, to
    which its mediation row links, and not again on the mediation page."""
    site = sample_site.site_dir
    data = theme_data(site / "themes/mediation/index.html")
    count, links, subs = data["rows"]["2022-anhui-wuhu"]
    assert count == 6 and links[0] == [1, "p-3975c901-s1"]
    assert "有待进一步健全" not in (site / "themes/mediation/index.html").read_text(encoding="utf-8")
    named = {data["subs"][k][0]: (page, n) for k, page, n in subs}
    assert named["reconsideration"] == ("", 2)  # its row on the subtheme's first page, 2 passages
    assert data["subs"][[s for s, _ in data["subs"]].index("reconsideration")][1] == "行政复议与行政应诉"
    sub_count, sub_links, *_ = theme_data(site / "themes/reconsideration/index.html")["rows"]["2022-anhui-wuhu"]
    anchors = {anchor for _, anchor in sub_links}
    assert sub_count == 2 and {"p-6e51c605-s1", "p-4e73ce24"} <= anchors
    assert not anchors & {anchor for _, anchor in links}


def test_no_passage_is_listed_on_a_theme_and_its_subtheme(sample_site):
    """A parent theme's page links a report's passages that are on no
    subtheme, and links the subthemes' rows for the others: no passage is
    listed twice in one theme tree; every subtheme link finds the report's
    row there (with at least the count it gave: a passage on the subtheme
    alone is on that row too)."""
    site = sample_site.site_dir
    for parent in ("mediation",):
        data = theme_data(site / f"themes/{parent}/index.html")
        assert data["rows"] and {s for s, _ in data["subs"]} == {"reconsideration", "petitions", "legal-services"}
        for slug, (_, links, *subs) in data["rows"].items():
            mine = {anchor for _, anchor in links}
            linked = {data["subs"][k][0]: n for k, _, n in (subs[0] if subs else [])}
            for sub, _ in data["subs"]:
                other = theme_data(site / f"themes/{sub}/index.html")["rows"].get(slug)
                if sub in linked:  # the subtheme's row holds these passages (and any of the report's on it alone)
                    assert other and linked[sub] <= other[0]
                if other:
                    assert not mine & {anchor for _, anchor in other[1]}, (slug, sub)


def test_report_sections_link_to_their_themes(sample_site):
    """A section's theme chips are counted by fazhi.js from the page's packed
    record: each passage on a theme once, with its themes ("a", which the
    reader reads too; counted per section in the record, "t", they were
    0.2 KB more a page), the themes' pages once in the record, their names
    once in the site; the browser test clicks one."""
    from generator.build.pipeline import read_all

    html = (sample_site.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    record = report_record(html)
    assert "t" not in record
    wuhu = next(r for r in read_all(sample_site).reports if r.slug == "2022-anhui-wuhu")
    assert record["a"] == [[p.anchor, " ".join(t.theme for t in p.themes), part_of(wuhu, p.section)]
                           for p in wuhu.analysis.passages if p.themes]
    chips = {theme for _, themes, _ in record["a"] for theme in themes.split(" ")}
    assert {"mediation", "enforcement", "business-environment"} <= chips
    assert all(f'id="{anchor}"' in html for anchor, _, _ in record["a"])  # fazhi.js finds each passage's section
    assert "data-t=" not in html and "theme-chips-data" not in html  # not written into the page
    assert record["s"] == "2022-anhui-wuhu" and chips <= set(record["w"])
    assert all(re.fullmatch(r"(from-[-a-z0-9]+)?", p) for p in record["w"].values())  # its theme page, "" the first
    names = json.loads((sample_site.site_dir / "themes/names.json").read_text(encoding="utf-8"))  # once for all pages
    assert names["mediation"] == "矛盾纠纷化解与调解" and chips <= set(names)


def figure_data(page: Path) -> dict:
    """The 数据指标 of a theme page as compare.js draws them: the "fig" of
    the page's data file (the section's data-figures, relative to the
    page's address: page is its index.html; the same file as its rows)."""
    html = page.read_text(encoding="utf-8")
    src = re.search(r'<div class="indicators-drawn" data-figures="([^"]+)">', html).group(1)
    assert src == re.search(r'<ul class="theme-rows" data-rows="([^"]+)">', html).group(1)  # one fetch a page
    return json.loads(gzip.decompress((page.parent / src).read_bytes()))["fig"]


def figure_cells(fig: dict) -> dict[str, dict[str, list]]:
    """Report slug -> indicator slug -> its cell's figures, each [value as
    printed, anchor, clause], the chosen one first."""
    columns = [fig["i"][k][0] for k in fig["cols"]]
    return {slug: {i: cell for i, cell in zip(columns, cells) if cell} for slug, _, cells in fig["rows"]}


def test_indicator_table_links_each_number_to_its_sentence(sample_site):
    page = sample_site.site_dir / "themes/mediation/index.html"
    fig = figure_data(page)
    wuhu = figure_cells(fig)["2022-anhui-wuhu"]
    # the title is the clause that holds the number (the sample's sentence,
    # read: "……,全市各级调解组织排查各类矛盾纠纷30146件,调解成功率99.25%。"),
    # not the whole sentence; the anchor is that paragraph's in the report
    assert wuhu["mediation-success-rate"] == [["99.25%", "p-3975c901-s1", "调解成功率99.25%"]]
    assert wuhu["disputes-screened"] == [["30,146件", "p-3975c901-s1", "全市各级调解组织排查各类矛盾纠纷30146件"]]
    assert "p-3975c901-s1" in report_anchors(sample_site.site_dir, "2022-anhui-wuhu")
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="indicators"'):html.index('id="method"')]
    assert "空白格表示该报告没有给出这一数字" in section
    assert any(0 in cells for _, _, cells in fig["rows"])  # an empty cell, drawn empty
    assert "未报告" not in json.dumps(fig, ensure_ascii=False)
    # the page holds no figure: the table and charts are drawn from the data
    assert "<table" not in section and "99.25" not in section and "indicator-chart" not in section
    # without JavaScript: a line saying so, the open data's yearly files (the figures
    # explorer needs JavaScript too), and each indicator linked to the figures explorer
    noscript = re.search(r"<noscript>(.*?)</noscript>", section, re.S).group(1)
    assert "需要 JavaScript" in noscript
    assert '<a href="../../data/">开放数据</a>' in noscript and "figures-年度.csv.gz" in noscript
    linked = re.findall(r'<a href="\.\./\.\./figures/\?i=([-a-z]+)">', noscript)
    assert linked == [i[0] for i in fig["i"]] and "mediation-success-rate" in linked


def test_indicator_table_costs_few_bytes_per_figure(sample_site):
    """The table's weight is its figures: an empty cell for a number not
    given (explained once on the page), a clause, not the sentence, as each
    number's title, and no column that no report of the page fills. As
    markup the five samples' mediation table cost 372 bytes a figure (a 未报告
    per empty cell, whole sentences), then 204 with these rules; as data it
    is the value, the anchor and the clause (132 bytes a figure unpacked)."""
    fig = figure_data(sample_site.site_dir / "themes/mediation/index.html")
    figures = sum(len(cell) for _, _, cells in fig["rows"] for cell in cells if cell)
    assert figures >= 5
    size = len(json.dumps(fig, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    assert size / figures < 160
    assert all(any(cells[k] for _, _, cells in fig["rows"]) for k in range(len(fig["cols"])))  # every column has a figure
    assert all(len(cells) == len(fig["cols"]) for _, _, cells in fig["rows"])


def test_compare_matrix_has_every_report_and_theme(sample_site):
    data = json.loads(gzip.decompress((sample_site.site_dir / "compare/compare.json.gz").read_bytes()))
    assert {r["slug"] for r in data["rows"]} == set(SLUGS)
    # every theme, subthemes included (行政复议, 信访, 公共法律服务 fold under their parent)
    assert len(data["themes"]) == 13 and all(len(r["cells"]) == 13 for r in data["rows"])
    html = (sample_site.site_dir / "compare/index.html").read_text(encoding="utf-8")
    assert html.count('<tr><th scope="row"><a href="../reports/') == 5
    # the static cells are counts as text: compare.js links them (test_browser.py)
    assert '<td class="num heat-' in html and not re.search(r'<td class="num[^>]*><a ', html)
    assert 'src="../assets/javascripts/compare.js"' in html


def test_parts_matrix_shows_missing_parts(sample_site):
    html = (sample_site.site_dir / "parts/index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<td><a href=\"\.\./reports/2022-anhui-wuhu/\">.*?(?=</?tr>|</t(?:body|able)>)", html, re.S).group(0)
    cells = re.findall(r"<td>(.*?)(?=</?td>|$)", row, re.S)[1:6]  # </td> and </tr> omitted by the pages
    assert ["标题未见" in c for c in cells] == [False, False, True, False, True]
    part = sample_site.site_dir / "parts/shortcomings/index.html"
    assert set(theme_blocks(part.read_text(encoding="utf-8"))) == set(SLUGS)
    assert "部分行政执法人员能力素质有待提升" in json.dumps(theme_data(part), ensure_ascii=False)


def test_paginated_theme_and_part_pages_keep_every_link(tmp_path, monkeypatch):
    import generator.site.chunks as chunks

    monkeypatch.setattr(chunks, "TARGET", 2)
    monkeypatch.setattr(chunks, "MIN", 1)
    monkeypatch.setattr(chunks, "MAX", 2)
    monkeypatch.setattr(chunks, "LINKS", 1)
    project = make_project(tmp_path / "p")
    build(project, strict=True)
    later = sorted((project.site_dir / "themes/mediation").glob("from-*/index.html"))
    assert len(later) >= 2  # 5 reports, at most 2 a page
    assert len(list((project.site_dir / "compare").glob("from-*/index.html"))) >= 2  # the matrix too
    assert len(list((project.site_dir / "parts").glob("from-*/index.html"))) >= 2
    assert list((project.site_dir / "parts/measures").glob("from-*/index.html"))
    assert broken_links(project.site_dir) == []
    page = later[-1]
    slug = sorted(theme_blocks(page.read_text(encoding="utf-8")))[0]
    assert page.parent.name == f"from-{slug}" or slug in page.read_text(encoding="utf-8")
    report = (project.site_dir / f"reports/{slug}/index.html").read_text(encoding="utf-8")
    record = report_record(report)
    assert any("mediation" in themes.split(" ") for _, themes, _ in record["a"])  # fazhi.js links it there:
    assert record["w"]["mediation"] == page.parent.name  # to the theme's page that holds it
    # two reports a page leave some indicators without a figure: they are
    # named under the table (compare.js: those of "i" not in "cols"), never a
    # column of blanks; each page's figures are its own reports', linked there
    for path in [project.site_dir / "themes/mediation/index.html", *later]:
        fig = figure_data(path)
        assert len(fig["i"]) == 12, path
        assert all(any(cells[k] for _, _, cells in fig["rows"]) for k in range(len(fig["cols"]))), path
        assert {slug for slug, _, _ in fig["rows"]} <= set(theme_blocks(path.read_text(encoding="utf-8"))), path
        for slug, cells in figure_cells(fig).items():
            anchors = report_anchors(project.site_dir, slug)
            assert all(f[1] in anchors for figures in cells.values() for f in figures), (path, slug)


def test_titles_theme_names_and_table_cells_stay_text(tmp_path):
    """Found in review: Material prints titles unescaped; link titles could
    close early or split a table on |."""
    project = make_project(tmp_path / "p", {"evil.txt": "一、主要举措和成效|A\n全镇人民调解矛盾纠纷12件，调解成功率99%|其中。\n"},
                           with_samples=False)
    (project.reports_dir / "evil.yml").write_text('title: "<script>alert(1)</script>报告"\nissuer: 某镇人民政府\nyear: 2023\n',
                                                 encoding="utf-8")
    themes = project.content_dir / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("name: 矛盾纠纷化解与调解", 'name: "矛盾\\") **粗** <b>x</b>"'),
                      encoding="utf-8")
    build(project)
    for path in project.site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b>x</b>" not in html and "<strong>粗</strong>" not in html, path
    report = (project.site_dir / "reports/evil/index.html").read_text(encoding="utf-8")
    assert report_record(report)["a"]  # its chips, as data for fazhi.js
    names = json.loads((project.site_dir / "themes/names.json").read_text(encoding="utf-8"))
    assert names["mediation"] == '矛盾") **粗** <b>x</b>'  # the theme's name as data for fazhi.js, which sets it as text
    for page in ("themes/mediation/index.html", "parts/index.html"):
        html = (project.site_dir / page).read_text(encoding="utf-8")
        for table in re.findall(r"<table>.*?</table>", html, re.S):
            rows = re.findall(r"<tr>(.*?)(?=</?tr>|</t(?:body|able)>)", table, re.S)  # </tr> may be omitted
            assert len({len(re.findall(r"<t[hd]\b", r)) for r in rows}) == 1, page


def test_charts_hold_one_measure_one_level_and_two_bars_at_least(tmp_path):
    """A chart compares bodies of one level on one indicator: never a single
    bar, never a city beside towns. The samples' city (芜湖) and towns report
    the same measures, so a second town report is added to have a town chart."""
    from generator.read.schema import LEVELS
    from tests.conftest import SAMPLES

    # not a byte copy, which is refused (tests/test_duplicates.py): a version with one more line
    twin = (SAMPLES / "2023-guangdong-dongguan-huangjiang.txt").read_bytes() + "\n本镇另有补充说明。\n".encode()
    project = make_project(tmp_path / "p", {"twin.txt": twin})
    build(project)
    charts = []  # compare.js draws each as a figure captioned "indicator（unit）· level", a bar and a value a row
    for path in (project.site_dir / "themes").rglob("index.html"):
        if 'data-figures="' in path.read_text(encoding="utf-8"):
            fig = figure_data(path)
            charts += [(fig["i"][k], level, bars) for k, level, bars in fig["charts"]]
    assert charts
    for indicator, level, bars in charts:
        assert len(bars) >= 2, (indicator, level)
        assert all(label and isinstance(value, (int, float)) and re.search(r"\d", shown)  # every value printed
                   for label, value, shown in bars), (indicator, level)
        assert level in LEVELS.values(), level
    assert not any(level == LEVELS["city"] for _, level, _ in charts)  # 芜湖 is the only city: no chart of one bar
    assert any(level == LEVELS["town"] for _, level, _ in charts)  # the two Huangjiang versions and 许村 are towns


def test_one_value_per_report_and_indicator():
    """Xiangning states 行政应诉案件4件 twice: the table shows it once. Of two
    different values, the one stated as a total wins, else the largest count."""
    from dataclasses import replace

    from generator.analyse.taxonomy import load_taxonomy
    from generator.build.pipeline import read_report
    from generator.records import Figure, Source
    from generator.site.compare import chosen
    from tests.conftest import SAMPLES

    taxonomy = load_taxonomy(SAMPLES.parent)
    path = SAMPLES / "2023-shanxi-xiangning.txt"
    report = read_report(Source(path.stem, path, path.read_bytes(), None), taxonomy)
    litigation = next(i for i in taxonomy.indicators if i.slug == "litigation-cases")
    best, others = chosen(report, litigation)
    assert (best.value, others) == (4, [])

    def fig(value, text, sentence):
        return Figure("litigation-cases", value, "件", "", text, "p", sentence)
    part = fig(5, "行政应诉案件5件", "本局行政应诉案件5件。")
    total = fig(3, "行政应诉案件3件", "全年共办理行政应诉案件3件。")
    other = fig(9, "行政诉讼案件9件", "涉及行政诉讼案件9件。")
    report = replace(report, analysis=replace(report.analysis, figures=(part, total, other)))
    best, others = chosen(report, litigation)
    assert best is total and others == [part, other]
    report = replace(report, analysis=replace(report.analysis, figures=(part, other)))
    assert chosen(report, litigation) == (other, [part])


def test_rows_drawn_by_script_tell_a_reader_without_javascript_what_they_leave_out(sample_site):
    """Without JavaScript a theme or part page's rows are links to the
    reports only (compare.js draws the rest from the page's data file): a
    notice above the list says so and names what is missing, and the
    reader's own notice no longer sends such a reader to theme pages for
    passages they no longer list (review of the eighth session)."""
    site = sample_site.site_dir
    for page, missing in (("themes/mediation/index.html", "段落数和段落链接"),
                          ("parts/measures/index.html", "字数和其下各节的标题")):
        html = (site / page).read_text(encoding="utf-8")
        notice = re.search(r'<noscript>\s*<p class="theme-rows__noscript">([^<]+)</p>\s*</noscript>', html)
        assert notice and missing in notice.group(1) and "链接到报告" in notice.group(1), page
        assert notice.start() < html.index('<ul class="theme-rows"'), page
    reader = (site / "reader/index.html").read_text(encoding="utf-8")
    assert "相关段落" not in re.search(r"<noscript>(.*?)</noscript>", reader, re.S).group(1)


def test_part_pages_link_and_count_but_quote_nothing(sample_site):
    """Part 1 (measures) is most of a report: a part page gives each report's
    part as its heading, linked to the report, its length and its own
    subsections' headings (not linked: the heading's link leads to them); it quotes nothing (openings were a quarter
    of the part pages, issue 22). Xucun's shortcomings (a lead-in, 一是 二是
    三是 and a closing line) are 186 characters, Wuhu's one paragraph of 206."""
    site = sample_site.site_dir
    measures = (site / "parts" / "measures" / "index.html").read_text(encoding="utf-8")
    shortcomings = (site / "parts" / "shortcomings" / "index.html").read_text(encoding="utf-8")
    measure_rows = theme_data(site / "parts" / "measures" / "index.html")["rows"]
    shortcoming_rows = theme_data(site / "parts" / "shortcomings" / "index.html")["rows"]
    wuhu = (sample_site.root / "build" / "docs" / "reports" / "2022-anhui-wuhu" / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")
    paragraphs = [line for line in wuhu.splitlines() if len(line) > 40]
    stored = measures + shortcomings + json.dumps([measure_rows, shortcoming_rows], ensure_ascii=False)
    assert paragraphs and not any(line[:40] in stored for line in paragraphs)
    # the page holds each report's title linked; compare.js draws the rest from the data file
    assert theme_blocks(measures)["2022-anhui-wuhu"] == (
        '<a href="../../reports/2022-anhui-wuhu/">芜湖市人民政府关于2022年法治政府建设情况的报告</a>')
    # Wuhu's part 1 is its section 一、全市法治政府建设情况 with seven subsections, named, not each linked
    line, sections = measure_rows["2022-anhui-wuhu"]
    assert line == "安徽省芜湖市 · 2022 年度"
    [(anchor, heading, inferred, _, subs)] = sections
    assert (anchor, heading, inferred) == ("s1", "一、全市法治政府建设情况", 0)
    assert len(subs) == 7 and subs[0] == "（一）党对法治政府建设的组织领导更加全面有力"
    assert 'class="para"' not in measures + shortcomings
    assert all(section[0] in report_anchors(site, slug)
               for slug, (_, sections) in measure_rows.items() for section in sections)
    assert [s[3] for s in shortcoming_rows["2023-anhui-shexian-xucun"][1]] == [186]
    assert [s[3:] for s in shortcoming_rows["2022-anhui-wuhu"][1]] == [[206, []]]


# --- weight (issue 22: a site at most 3 times its text) -----------------------------

def test_report_theme_and_part_pages_weigh_little_beyond_what_they_say(sample_site):
    """The frame around a page's article (header, tabs, drawer, footer,
    scripts) stays under 6 KB on the many pages outside the navigation
    (8.8 KB before issue 22, 6.9 after its first cuts; under 4.9 KB since
    their header is the site's name, as a report page's; under 2.6 KB
    since fazhi.js makes their drawer and back-to-top button, as a report
    page's, and each page runs only its own section's scripts), under 4.7 KB on
    report pages (their sidebars and back-to-top button are made by
    fazhi.js), under 3.4 KB since its header is the site's name and
    fazhi.js makes the rest (logo, menu, search form: about 1,340 bytes);
    a report page's bytes outside its text (card, parts, the
    packed cleaning record and related reports, frame) stay under 8.7 KB
    (16.4 before the record was packed, 13.5 before the card's explanations
    moved to /guide/, 10.5 before the header was made by fazhi.js);
    theme and part pages quote nothing, and a report's row on a theme page
    stays under 1 KB (1.4 KB as a heading, a line and a list of three
    links with their headings and words; a quote added about 300 bytes),
    a report's row on a part page under 1.3 KB (the samples' largest 1.0). Bounds a little above the five samples' largest
    (5.7 KB, 3.2 KB, 8.2 KB, 1.2 KB)."""
    site = sample_site.site_dir
    pages = [*site.glob("reports/*/index.html"), *site.glob("themes/*/index.html"), *site.glob("parts/*/index.html")]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.rindex("</article>")]
        # no drawer, no back-to-top button (fazhi.js makes both), only its own section's scripts
        assert len(html.encode()) - len(article.encode()) < 2_600, path
        header = re.search(r"<header.*?</header>", html, re.S).group(0)  # the site's name; fazhi.js makes the rest
        assert "<svg" not in header and "<form" not in header, path
        assert re.search(r'<a class="md-header__title" href="[./]+">法治政府建设年度报告对读</a>', header), path
        assert "md-sidebar--primary" not in html and "md-top" not in html, path
        assert "reader.js" not in html and "figures.js" not in html, path
        assert ("compare.js" in html) == ("/reports/" not in path.as_posix()), path  # theme and part rows
    for path in site.glob("reports/*/index.html"):
        html = path.read_text(encoding="utf-8")
        text = re.search(r'<article class="report-text">(.*?)</article>', html, re.S).group(1)
        article = html[html.index("<article"):html.rindex("</article>")]
        assert len(html.encode()) - len(article.encode()) < 3_400, path  # no sidebars, no back-to-top
        assert len(html.encode()) - len(text.encode()) < 8_700, path
        header = re.search(r"<header.*?</header>", html, re.S).group(0)  # the site's name; fazhi.js makes the rest
        assert "<svg" not in header and "<form" not in header, path
        assert re.search(r'<a class="md-header__title" href="[./]+">法治政府建设年度报告对读</a>', header), path
        assert "md-sidebar" not in html and "md-top" not in html and "<noscript>" not in html, path
        assert "<table" not in html.split('<section class="report-cleaning"')[-1]  # the record is packed,
        assert report_record(html)["d"]  # and holds the cleaning steps
    for path in site.glob("themes/*/index.html"):
        html = path.read_text(encoding="utf-8")
        assert "<mark>" not in html and "excerpt-source" not in html, path
        blocks = theme_blocks(html)
        for slug, block in blocks.items():  # the report's link; the rest is drawn from the data file
            assert len(block.encode()) < 200 and block.count("<a ") == 1, (path, slug)
        rows = re.search(r'data-rows="([^"]+)"', html)  # about 60 bytes a row (gzip), the 数据指标
        if blocks:  # in the same file aside (their own budget: test_indicator_table_costs_few_bytes_per_figure)
            data = json.loads(gzip.decompress((path.parent / rows.group(1)).read_bytes()))
            data.pop("fig", None)
            packed = gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)
            assert len(packed) < 300 + 120 * len(blocks), path
    for path in site.glob("parts/*/index.html"):
        html = path.read_text(encoding="utf-8")
        assert 'class="para"' not in html, path
        for slug, row in theme_blocks(html).items():  # the report's title linked; the rest is drawn
            assert len(row.encode()) < 400 and row.count("<a ") == 1, (path, slug)
    # Material's own search and source maps are not published
    assert not list(site.glob("assets/**/*.map")) and not (site / "assets/javascripts/lunr").exists()


def test_report_pages_explain_once_on_the_guide(sample_site):
    """The legend of origin marks and the notes on citation, downloads, five
    parts and what needs JavaScript are on /guide/, once; every report page
    links there (card and footer), and the guide explains every origin mark
    a card shows and has the anchor the footer links."""
    site = sample_site.site_dir
    guide = (site / "guide/index.html").read_text(encoding="utf-8")
    assert 'id="origin"' in guide and 'id="licence"' in guide and "CC BY 4.0" in guide
    # a mark's label is written by fazhi.css after the value (dd.o-MARK::after)
    css = (site / "assets/stylesheets/fazhi.css").read_text(encoding="utf-8")
    labels = dict(re.findall(r'dd\.o-(\w+)::after \{ content: "([^"]+)"', css))
    assert labels == {**ORIGIN_LABELS, "file": "文件结构"}
    for path in site.glob("reports/*/index.html"):
        html = path.read_text(encoding="utf-8")
        assert 'href="../../guide/">本页说明</a>' in html, path
        assert 'href="../../guide/#licence">许可与纠错</a>' in html, path
        assert "由本站发布者另行补充" not in html and "标题未见”指" not in html, path  # said on the guide only
        marks = set(re.findall(r'<dd class="o-(\w+)">', html))
        assert marks and marks <= set(labels), (path, marks)
        for mark in marks:
            assert f"<strong>{labels[mark]}</strong>" in guide, (path, mark)


def test_guide_says_where_the_update_date_and_javascript_parts_are(sample_site):
    """Most pages' footer links only /guide/#licence; the update date is said
    on /data/ alone, so the section the footer links leads there by name. The
    note on what the page draws from its packed record names the theme chips
    too (they travel in the record now), not only the related reports and
    the cleaning record."""
    guide = (sample_site.site_dir / "guide/index.html").read_text(encoding="utf-8")

    def section(anchor: str) -> str:
        start = guide.index(f'id="{anchor}"')
        end = guide.find("<h2", start + 1)
        return guide[start:end if end > 0 else guide.index("</article>", start)]

    licence = section("licence")
    assert "数据更新日期" in licence and 'href="../data/"' in licence
    assert "主题标签" in section("record")


def test_the_search_index_stores_no_report_text(sample_site):
    """The index's record files hold a report's title, facts and where its
    units start, not its text (search.js cuts the excerpt from the report's
    page): together well under a tenth of the text's bytes. Stored, the text
    was a third of them again (gzipped), 0.45 times the corpus at 50,000
    reports (issue 22)."""
    site = sample_site.site_dir
    text = sum(p.stat().st_size for p in (sample_site.docs_dir / "reports").glob("*/*.txt"))
    records = [p for p in site.glob("pagefind/*/fragment/*.pf_fragment") if p.parent.parent.name != "themes"]
    assert len(records) == len(SLUGS)
    assert sum(p.stat().st_size for p in records) < 0.12 * text
    stored = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):]) for p in records]
    assert all(r["content"] == "" and r["meta"]["at"] for r in stored)



def test_cleaning_steps_name_their_messages_once_for_the_site(sample_site):
    """A report's packed record names each cleaning step's message by its
    key; the messages are one file for every page (guide/messages.json),
    which fazhi.js reads to draw 文本清理记录 (tests/test_damage.py in the
    browser): written into each record, the same sentences were 0.03 x the
    text at 1,000 varied reports."""
    from generator.site.render import message_key

    site = sample_site.site_dir
    messages = json.loads((site / "guide/messages.json").read_text(encoding="utf-8"))
    seen = set()
    for path in site.glob("reports/*/index.html"):
        html = path.read_text(encoding="utf-8")
        steps = report_record(html)["d"]
        for code, key, _count, _severity, *own in steps:
            if own:  # a message quoting the report stays in its record
                continue
            assert key in messages and message_key(messages[key]) == key, (path, code)
            assert re.search(r"[\u4e00-\u9fff]", messages[key]) and messages[key] not in html, (path, code)
            seen.add(key)
    assert seen == set(messages) and len(seen) > 5  # every message some report's, and only those


def test_a_message_quoting_its_report_stays_in_its_record(tmp_path):
    """A cleaning message that quotes the report (a sidecar's value over the
    text's, a cut-off sentence, a place named twice in the country) is kept
    in that report's record: in the site's one file of messages, which every
    report page reads, such messages would grow with the corpus (review12)."""
    from generator.analyse.taxonomy import load_taxonomy
    from generator.build.pipeline import read_report
    from generator.records import Source
    from generator.site.render import report_record, step_messages

    text = (SAMPLES / f"{SLUGS[0]}.txt").read_text(encoding="utf-8")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    sidecar = tmp_path / "r.yml"
    sidecar.write_text("title: 某县二〇二二年度法治政府建设情况的报告（补充文件给出）\n", encoding="utf-8")
    report = read_report(Source("r", path, path.read_bytes(), sidecar), load_taxonomy(REPO / "content"))
    own = [d for d in report.diagnostics if d.own]
    assert [d.code for d in own] == ["sidecar-overrides"] and "补充文件给出" in own[0].message
    shared = json.loads(step_messages([report]).content)
    assert own[0].message not in shared.values() and len(shared) == len(report.diagnostics) - 1
    steps = json.loads(gzip.decompress(base64.b64decode(report_record(report, None))))["d"]
    assert [s[4] for s in steps if len(s) == 5] == [own[0].message]
