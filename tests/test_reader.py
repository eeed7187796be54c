"""The side-by-side reader, series, related reports and citations, as data
(no browser): the files the build writes and what the pages say."""
from __future__ import annotations

import gzip
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build.pipeline import build
from tests.conftest import REPO, make_project
from tests.test_site import report_record

SERIES = REPO / "tests" / "data" / "series"  # one county's reports for 2021-2023, written for the tests
QINGYANG = [f"{y}-anhui-qingyang" for y in (2021, 2022, 2023)]


def series_reports() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(SERIES.iterdir()) if p.suffix in (".txt", ".yml")}


@pytest.fixture(scope="session")
def series_site(tmp_path_factory):
    """The samples plus the three-year fixture, built without SITE_URL."""
    saved = os.environ.pop("SITE_URL", None)
    try:
        project = make_project(tmp_path_factory.mktemp("series") / "project", series_reports())
        build(project)
    finally:
        if saved is not None:
            os.environ["SITE_URL"] = saved
    return project


def gunzip_json(path: Path):
    """A reader data file: stored gzip-compressed, JSON inside."""
    raw = path.read_bytes()
    assert raw[:2] == b"\x1f\x8b", f"{path.name} is not gzip"
    plain = gzip.decompress(raw)
    assert len(raw) < len(plain), f"{path.name}: compressed is no smaller"
    return json.loads(plain.decode("utf-8"))


def test_one_reader_file_per_report_and_an_index_without_text(series_site):
    reader = series_site.site_dir / "reader"
    files = sorted(p.name.removesuffix(".json.gz") for p in (reader / "r").iterdir())
    assert files == sorted(p.stem for p in series_site.reports_dir.glob("*.txt"))
    wuhu = gunzip_json(reader / "r/2022-anhui-wuhu.json.gz")
    assert wuhu["url"] == "reports/2022-anhui-wuhu/" and wuhu["passages"]
    # every passage once, with all its themes, and no text (the page has it)
    anchors = [p["a"] for p in wuhu["passages"]]
    assert len(anchors) == len(set(anchors))
    assert all(set(p) == {"a", "h", "th", "p"} for p in wuhu["passages"])
    html = (series_site.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    assert all(f'id="{a}"' in html for a in anchors)
    index = json.loads((reader / "index.json").read_text(encoding="utf-8"))
    assert [lv["name"] for lv in index["levels"]][:4] == ["省级", "市级", "县级", "乡镇（街道）"]
    total = 0
    for province in index["provinces"]:
        assert province["file"].endswith(".json.gz")
        rows = gunzip_json(reader / province["file"])["reports"]
        assert len(rows) == province["count"]
        total += len(rows)
        for row in rows:
            assert set(row) == {"slug", "title", "issuer", "place", "level", "year", "themes"}  # no text in the index
    assert total == len(files)


class ElementText(HTMLParser):
    """The text of the elements with the given ids, as reader.js reads it
    from a report page: textContent without the paragraph link (a.para-link).
    Pages omit end tags where the standard lets them (</p> before a block,
    </li>, </td>, …): a start tag closes what the browser's parser would."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}
    CLOSES = {  # a start tag -> the open elements it ends (the standard's implied end tags, as this site needs)
        **{t: {"p"} for t in ("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
                              "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
                              "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul")},
        "li": {"li", "p"}, "dt": {"dt", "dd", "p"}, "dd": {"dt", "dd", "p"},
        "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"td", "th", "tr"}, "tbody": {"td", "th", "tr", "thead", "tbody"},
    }

    def __init__(self, ids: set[str]):
        super().__init__(convert_charrefs=True)
        self.ids = ids
        self.open: list[tuple[str, str | None, bool]] = []  # (tag, id captured here, inside a.para-link)
        self.text: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        while self.open and self.open[-1][0] in self.CLOSES.get(tag, ()):
            self.open.pop()
        attrs = dict(attrs)
        capture = attrs.get("id") if attrs.get("id") in self.ids else None
        if capture:
            self.text[capture] = ""
        skip = (self.open and self.open[-1][2]) or (tag == "a" and "para-link" in (attrs.get("class") or "").split())
        self.open.append((tag, capture, bool(skip)))

    def handle_endtag(self, tag):
        if tag not in self.VOID and any(t == tag for t, _, _ in self.open):
            while self.open.pop()[0] != tag:  # the elements inside it whose end tags were omitted end with it
                pass

    def handle_data(self, data):
        if self.open and self.open[-1][2]:
            return
        for _, capture, _ in self.open:
            if capture:
                self.text[capture] += data


def test_reader_reads_each_passage_text_from_the_report_page(series_site):
    """The data files hold anchors, the report pages the text: every themed
    passage of every report is on its page, under its anchor, as written."""
    from generator.build.pipeline import read_all

    for report in read_all(series_site).reports:
        data = gunzip_json(series_site.site_dir / f"reader/r/{report.slug}.json.gz")
        passages = {p.anchor: p.text for p in report.analysis.passages if p.themes}
        assert [p["a"] for p in data["passages"]] == list(passages)
        page = ElementText(set(passages))
        page.feed((series_site.site_dir / data["url"] / "index.html").read_text(encoding="utf-8"))
        assert page.text == passages, report.slug
        # and the file is a fraction of the text it no longer holds (gzip of
        # the text alone is about 0.4 of it)
        stored = (series_site.site_dir / f"reader/r/{report.slug}.json.gz").stat().st_size
        assert stored < 1024 + 0.2 * len("".join(passages.values()).encode("utf-8")), report.slug


def test_reader_page_embeds_no_report_list(series_site):
    html = (series_site.site_dir / "reader/index.html").read_text(encoding="utf-8")
    assert 'class="reader"' in html and "reader.js" in html
    for slug in QINGYANG + ["2022-anhui-wuhu"]:
        assert slug not in html


def test_a_body_across_three_years_is_a_series(series_site):
    page = (series_site.site_dir / "series/anhui-qingyang/index.html").read_text(encoding="utf-8")
    for slug in QINGYANG:
        assert f"reports/{slug}/" in page
    # 行政复议收到申请 year by year, each value linking to its paragraph
    row = re.split(r"</?tr[ >]|</t(?:body|able)>", page[page.index("行政复议收到申请"):])[0]  # </tr> may be omitted
    assert [v for v in ("41件", "53件", "66件") if v in row] == ["41件", "53件", "66件"]
    assert row.index("41件") < row.index("53件") < row.index("66件")
    # the reports once, on the link to them all; each theme's link names the theme (fazhi.js adds
    # the reports: test_reader_browser.py follows one)
    assert page.count("2021-anhui-qingyang,2022-anhui-qingyang,2023-anhui-qingyang") == 1
    assert 'class="series-reports" href="../../reader/?r=2021-anhui-qingyang,2022-anhui-qingyang,2023-anhui-qingyang"' in page
    assert '<a class="series-reader" href="../../reader/?theme=reconsideration">' in page
    index = (series_site.site_dir / "series/index.html").read_text(encoding="utf-8")
    assert "anhui-qingyang/" in index and "2021、2022、2023" in index
    for slug in QINGYANG:
        report = (series_site.site_dir / f"reports/{slug}/index.html").read_text(encoding="utf-8")
        assert "series/anhui-qingyang/" in report


def test_samples_alone_are_no_series(series_site):
    from generator.build.pipeline import read_all
    from generator.site.series import find_series

    series = find_series(read_all(series_site).reports)
    assert [[r.slug for r in s.reports] for s in series] == [QINGYANG]


def test_related_reports_are_of_the_same_level_and_year(series_site):
    page = (series_site.site_dir / "reports/2023-anhui-shexian-xucun/index.html").read_text(encoding="utf-8")
    record = report_record(page)  # drawn by fazhi.js: peers "p", closest "c", as [slug, title, similarity]
    # towns of 2023: 黄江镇 (广东) is the only other one; 许村镇 has no peer in 安徽省
    assert "2023-guangdong-dongguan-huangjiang" in [r[0] for r in record["p"] + record["c"]]
    assert record["p"] == []
    assert "2022-chongqing-yunyang-houye" not in [r[0] for r in record["p"] + record["c"]]  # another year
    county = (series_site.site_dir / "reports/2023-anhui-qingyang/index.html").read_text(encoding="utf-8")
    assert "2023-shanxi-xiangning" in [r[0] for r in report_record(county)["p"] + report_record(county)["c"]]  # a county of 2023 with a close theme profile


def test_related_reports_compare_bounded_candidates():
    """Each report is compared with at most CANDIDATES others, however large its group."""
    from generator.site import related

    reports = [_fake(f"r{k:03d}", k % 7) for k in range(60)]
    saved = related.CANDIDATES
    related.CANDIDATES = 10
    try:
        out = related.related_reports(reports, _taxonomy())
    finally:
        related.CANDIDATES = saved
    assert len(out) == 60
    assert all(len(r.closest) <= related.SHOWN and len(r.peers) <= related.SHOWN for r in out.values())
    # the window: a report never lists one more than CANDIDATES places away in its group
    order = sorted(reports, key=lambda r: r.slug)
    pos = {r.slug: k for k, r in enumerate(order)}
    for slug, rel in out.items():
        for other, _ in rel.closest:
            assert abs(pos[other.slug] - pos[slug]) <= 10


def test_related_reports_are_those_of_every_candidate_compared_in_turn():
    """related_reports takes its candidates as an index array and stops the
    peers' walk at SHOWN (a list of indices and a walk over the whole
    window a report were most of its cost): the peers and closest reports
    are those of comparing each candidate of the window in turn."""
    import numpy

    from generator.records import Field
    from generator.site import related
    from generator.site.render import in_region_order

    taxonomy = _taxonomy()
    reports = [_fake(f"r{k:03d}", k % 5) for k in range(60)]
    for k, report in enumerate(reports):  # provinces and cities, so peers are a part of the window
        report.metadata.values["province"] = Field(("安徽省", "江西省", "湖南省")[k % 3], "text")
        report.metadata.values["city"] = Field(f"{'甲乙丙丁'[k % 4]}市", "text")
    saved = related.CANDIDATES
    related.CANDIDATES = 10
    try:
        out = related.related_reports(reports, taxonomy)
        members = in_region_order(reports)  # one group (level and year)
        profiles = [related.profile(r, taxonomy) for r in members]
        for i, report in enumerate(members):
            lo = max(0, min(i - 5, len(members) - 11))
            window = [j for j in range(lo, min(len(members), lo + 11)) if j != i]
            peers = [members[j].slug for j in window
                     if members[j].metadata.get("province") == report.metadata.get("province")][:related.SHOWN]
            scores = sorted(((float(numpy.dot(profiles[j], profiles[i])), members[j].slug) for j in window),
                            key=lambda t: (-t[0], t[1]))
            assert [r.slug for r in out[report.slug].peers] == peers
            assert [r.slug for r, _ in out[report.slug].closest] == [s for v, s in scores[:related.SHOWN] if v > 0]
    finally:
        related.CANDIDATES = saved


def _taxonomy():
    from generator.analyse.taxonomy import load_taxonomy

    return load_taxonomy(REPO / "content")


def _fake(slug: str, flavour: int):
    """A report record with metadata and themed passages, no text behind it."""
    from generator.records import Analysis, Cleaned, Document, Field, Metadata, Passage, Report, Source, ThemeMatch

    themes = [t.slug for t in _taxonomy().top_themes]
    passages = tuple(Passage(f"p{k}", f"p{k}", "", "x", (ThemeMatch(themes[(flavour + k) % len(themes)], 1.0, ("x",)),))
                     for k in range(3))
    meta = Metadata({"issuer": Field(f"{slug}镇人民政府", "text"), "level": Field("town", "text"),
                     "year": Field(2023, "text"), "province": Field("安徽省", "text")})
    source = Source(slug, Path(f"{slug}.txt"), b"", None)
    return Report(slug, source, Cleaned(source, "utf-8", (), None), Document(), meta, Analysis(passages))  # type: ignore[arg-type]


def test_citation_and_official_link(series_site):
    page = (series_site.site_dir / "reports/2023-anhui-qingyang/index.html").read_text(encoding="utf-8")
    assert 'class="official-link" href="https://www.example.org/qingyang/fzzf/2023.html"' in page
    # the citation's values; fazhi.js writes the citation from them (test_reader_browser.py copies it)
    assert ('<div class="cite" data-author="青阳县人民政府" data-date="2024-02-12" data-cited="2024-03-15" '
            'data-url="https://www.example.org/qingyang/fzzf/2023.html">') in page
    assert "[EB/OL]" not in page and 'href="../../guide/#cite">著录方法</a>' in page  # without JavaScript, the guide's note
    assert "青政〔2024〕5号" in page and "2024-03-15" in page  # document number and retrieval date on the card
    unknown = (series_site.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")
    assert "official-link" not in unknown and "官方原文：本站未记录其网址" in unknown
    assert 'href="../../guide/#cite">如何核对</a>' in unknown  # the guide says how to check it


def test_check_warns_of_reports_without_official_address(series_site, capsys):
    from generator.cli import main

    assert main(["--root", str(series_site.root), "check"]) == 0
    err = capsys.readouterr().err
    for slug in ("2022-anhui-wuhu", "2023-shanxi-xiangning"):
        assert f"{slug}.txt: no-source-url:" in err
    assert "2023-anhui-qingyang.txt: no-source-url" not in err


def test_citation_text_leaves_out_what_is_unknown():
    from generator.site.cite import citation_text

    assert citation_text("甲县人民政府", "报告", "", "", "") == "甲县人民政府. 报告[EB/OL]."
    assert citation_text("", "报告", "2024-01-02", "", "https://a.example/") == "报告[EB/OL]. (2024-01-02). https://a.example/."


def test_no_local_address_in_a_site_built_without_site_url(series_site):
    """Not in pages, data files, the feed or the sitemap. Material's source
    map (*.map, its own bundled code's comments) is not the site's content."""
    found = []
    for path in series_site.site_dir.rglob("*"):
        if path.is_file() and path.suffix != ".map" and b"127.0.0.1" in path.read_bytes():
            found.append(str(path.relative_to(series_site.site_dir)))
    assert found == []
    reports = (series_site.site_dir / "data/reports.csv").read_text(encoding="utf-8-sig")
    assert ",reports/2022-anhui-wuhu/," in reports
    assert "相对于本站首页的路径" in (series_site.site_dir / "data/index.html").read_text(encoding="utf-8")
    home = (series_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in home


def test_compare_matrix_has_subthemes_and_counts_unmentioned(series_site):
    data = json.loads(gzip.decompress((series_site.site_dir / "compare/compare.json.gz").read_bytes()))
    names = [t["name"] for t in data["themes"]]
    assert "行政复议与行政应诉" in names and "信访" in names and "公共法律服务与法律援助" in names
    assert data["levels"][:3] == ["省级", "市级", "县级"]
    html = (series_site.site_dir / "compare/index.html").read_text(encoding="utf-8")
    k = names.index("信访")
    unmentioned = sum(1 for row in data["rows"] if not row["cells"][k])  # a cell: 0, or [count, share, page]
    assert unmentioned > 0
    assert f'data-theme="petitions">└ 信访<small class="unmentioned">未涉及 {unmentioned} 份</small>' in html
    assert html.count('<span class="none">未涉及</span>') == sum(
        1 for row in data["rows"] for cell in row["cells"] if not cell)


def test_footer_says_licence_update_and_where_to_report(series_site):
    html = (series_site.site_dir / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('class="md-copyright fazhi-footer"'):]
    assert "CC BY 4.0" in footer and "发现文字、元数据或主题标注有误" in footer
    # the update date is said once, on /data/, made again whenever it changes: a footer
    # of every page would keep an old date on the pages an incremental build leaves alone
    assert "数据更新日期：" not in footer and "含数据更新日期" in footer
    data = (series_site.site_dir / "data/index.html").read_text(encoding="utf-8")
    assert "数据更新日期：2024-03-15" in data
    # official documents are outside copyright (Copyright Law art. 5): no owner is claimed for the texts
    assert "版权" not in footer and "政府信息" in footer


def test_data_page_speaks_to_readers(series_site):
    html = (series_site.site_dir / "data/index.html").read_text(encoding="utf-8")
    text = html[html.index("<article"):html.index("</article>")]
    for word in ("sidecar 补充文件", "content/themes.yml", "content/indicators.yml", "slug）"):
        assert word not in text


def test_subtheme_pages_point_to_their_figures(series_site):
    """行政复议's measures are kept under 矛盾纠纷化解与调解: its page says where."""
    page = (series_site.site_dir / "themes/reconsideration/index.html").read_text(encoding="utf-8")
    assert '行政复议收到申请' in page and 'href="../mediation/#indicators"' in page
    assert 'href="../../reader/?theme=reconsideration"' in page
    mediation = (series_site.site_dir / "themes/mediation/index.html").read_text(encoding="utf-8")
    assert 'href="#indicators"' in mediation and 'id="indicators"' in mediation


@pytest.mark.parametrize("path, section", [("themes/mediation", "主题"), ("years/2023", "按年度"),
                                           ("regions/anhui", "按地区"), ("series/anhui-qingyang", "历年报告"),
                                           ("parts/measures", "必备部分")])
def test_pages_outside_the_navigation_show_the_way_back(series_site, path, section):
    html = (series_site.site_dir / path / "index.html").read_text(encoding="utf-8")
    assert f'<p class="crumbs"><a href="../../">首页</a> › <a href="../">{section}</a>' in html
    assert 'data-md-component="sidebar" data-md-type="navigation" hidden>' in html  # no empty left column


def test_a_series_needs_a_place_that_tells_the_body_from_its_namesakes():
    """Two 城关镇人民政府 reports of two years are one body's series only when
    their county is known and the same (town names repeat across China)."""
    from dataclasses import replace

    from generator.records import Field, Metadata
    from generator.site.series import find_series

    def town(slug: str, year: int, county: str | None):
        base = _fake(slug, 0)
        values = {"issuer": Field("城关镇人民政府", "text"), "level": Field("town", "text"),
                  "year": Field(year, "text"), "province": Field("安徽省", "text")}
        if county:
            values["county"] = Field(county, "text")
        return replace(base, metadata=Metadata(values))

    assert find_series([town("a-2022", 2022, None), town("b-2023", 2023, None)]) == []
    assert find_series([town("a-2022", 2022, "歙县"), town("b-2023", 2023, "青阳县")]) == []
    found = find_series([town("a-2022", 2022, "歙县"), town("b-2023", 2023, "歙县")])
    assert [[r.slug for r in s.reports] for s in found] == [["a-2022", "b-2023"]]
