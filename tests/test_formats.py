"""Reports as governments publish them: saved pages, Word files and PDFs.

The labelled openings (../shared/wild/ and tests/data/pages/) are rendered
into three page-template families of our own (tests/formats_fixtures.py),
into Word files with heading styles and into PDFs with running heads and
page numbers. Each format must give the labelled metadata (the labels were
written by reading the texts; the pages' markup states source, date and
number where the labels give them) and the same body text and themes as the
text version. These are our own fixtures, not held-out pages: the figures
say that the readers keep what the text stages read, not how well they read
real pages (print them with `python -m tests.test_formats`).

Tables are checked against tables written here; hostile and refused files
against the one error line each must give.
"""
from __future__ import annotations

import gzip
import io
import json
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.errors import ContentError
from generator.read.formats import extract
from generator.records import Source
from tests.formats_fixtures import FAMILIES, document_lines, docx_bytes, pdf_bytes, render, split_page
from tests.test_pages import FIELDS, PAGES, WILD, field_right, needs_wild, nz

REPO = Path(__file__).resolve().parent.parent
CN_DATE = re.compile(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$")
SETS = {"wild": WILD, "pages": PAGES}


def inspect(files: list[Path]) -> dict[str, dict]:
    run = subprocess.run([sys.executable, "-m", "generator", "inspect", *map(str, files), "--json"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr[-2000:]
    return {r["slug"]: r for r in json.loads(run.stdout)}


@cache
def labelled(name: str) -> list[dict]:
    return yaml.safe_load((SETS[name] / "labels.yaml").read_text(encoding="utf-8"))


@cache
def text_version(name: str) -> dict[str, dict]:
    return inspect([SETS[name] / e["file"] for e in labelled(name)])


_FOLDERS: list = []


@cache
def rendered(name: str, kind: str) -> tuple[Path, dict[str, dict]]:
    """Every labelled opening of a set written as `kind` (an HTML family, docx or pdf), and what inspect reads."""
    import tempfile

    # Kept for the session (the result is cached); removed when the worker exits.
    _FOLDERS.append(tempfile.TemporaryDirectory(prefix=f"fazhi-{name}-{kind}-"))
    folder = Path(_FOLDERS[-1].name)
    for e in labelled(name):
        slug = e["file"][:-4]
        parts = split_page((SETS[name] / e["file"]).read_text(encoding="utf-8"), e)
        if kind in FAMILIES:
            (folder / f"{slug}.html").write_bytes(render(kind, parts, e, slug))
        elif kind == "docx":
            (folder / f"{slug}.docx").write_bytes(docx_bytes(document_lines(parts)))
        else:
            numbering = "dash" if int(re.sub(r"\D", "", slug) or 0) % 2 else "of"
            (folder / f"{slug}.pdf").write_bytes(pdf_bytes(document_lines(parts), numbering))
    return folder, inspect(sorted(folder.iterdir()))


def expected(e: dict, kind: str, key: str, lines: list[str]):
    """The label a format should give, or None where the format cannot state it:
    a document (docx, pdf) holds no page, so its date is the label's only when
    the document prints it as its signature date, and it names no source."""
    want = e.get(key)
    if kind in FAMILIES or key != "date" or not want:
        return want
    tail = [m.groups() for line in lines[-4:] if (m := CN_DATE.match(line.strip()))]
    return want if any(f"{y}-{int(m):02d}-{int(d):02d}" == want for y, m, d in tail) else "skip"


def score(name: str, kind: str) -> tuple[int, int, int, list[str]]:
    _, got = rendered(name, kind)
    right = total = wrong = 0
    misses = []
    for e in labelled(name):
        record = got[e["file"][:-4]]
        lines = document_lines(split_page((SETS[name] / e["file"]).read_text(encoding="utf-8"), e))
        for key in FIELDS:
            want = expected(e, kind, key, lines)
            if want == "skip" or (key in ("title", "province", "city", "county", "town") and not want):
                continue
            ok = field_right(key, want, record.get(key))
            total += 1
            right += ok
            if not ok:
                misses.append(f"{e['file']} {key}: want {want!r}, got {record.get(key)!r}")
                wrong += record.get(key) not in (None, "")
    return right, total, wrong, misses


def differences(name: str, kind: str) -> list[str]:
    """Reports whose body text or themes differ from the text version's."""
    _, got = rendered(name, kind)
    text = text_version(name)
    out = []
    for slug, record in sorted(got.items()):
        if nz(record["body"]) != nz(text[slug]["body"]):
            out.append(f"{slug}: body")
        if record["themes"] != text[slug]["themes"]:
            out.append(f"{slug}: themes {record['themes']} != {text[slug]['themes']}")
    return out


KINDS = (*FAMILIES, "docx", "pdf")


@needs_wild
@pytest.mark.parametrize("kind", KINDS)
def test_wild_openings_read_the_labels(kind):
    right, total, wrong, misses = score("wild", kind)
    assert right / total >= 0.95 and wrong <= 2, misses


@needs_wild
@pytest.mark.parametrize("kind", KINDS)
def test_wild_openings_publish_the_text_versions_body_and_themes(kind):
    assert differences("wild", kind) == []


@pytest.mark.parametrize("kind", FAMILIES)
def test_pages_openings_as_html(kind):
    """tests/data/pages/ as pages: as many fields right as from text, at most 2 wrong
    values, and no labelled chrome line in the body (the text version, which must
    guess the frame from the lines' shapes, keeps a few: a page's structure says it)."""
    right, total, wrong, misses = score("pages", kind)
    text_right = sum(field_right(k, e.get(k), text_version("pages")[e["file"][:-4]].get(k))
                     for e in labelled("pages") for k in FIELDS
                     if not (k in ("title", "province", "city", "county", "town") and not e.get(k)))
    assert right >= text_right and wrong <= 2, misses
    _, got = rendered("pages", kind)
    leaks = []  # as tests/test_pages.py counts them: a body line equal to a chrome line, or a long one anywhere
    for e in labelled("pages"):
        body = got[e["file"][:-4]]["body"]
        lines = {nz(line) for line in body.splitlines()}
        leaks += [f"{e['file']}: {c}" for c in e.get("chrome") or [] if nz(c) and (
            nz(c) in lines or (len(nz(c)) > 12 and nz(c) in nz(body)))]
    assert leaks == []
    # Where the text version's body starts as labelled, the page's does too (two
    # document-sharing pages glue the title to the first paragraph in one line: both
    # versions keep the glued title there).
    text = text_version("pages")
    starts = [e["file"] for e in labelled("pages") if e.get("body_first")
              and nz(text[e["file"][:-4]]["body"]).startswith(nz(e["body_first"]))
              and not nz(got[e["file"][:-4]]["body"]).startswith(nz(e["body_first"]))]
    assert starts == []


SAMPLES = sorted((REPO / "content" / "reports").glob("*.txt"))


@cache
def samples_as_text() -> dict[str, dict]:
    """What `fazhi inspect` reads from the samples' .txt files (the same for every format)."""
    return inspect(SAMPLES)


@pytest.mark.parametrize("kind", KINDS)
def test_the_samples_publish_the_same_report_in_every_format(kind, tmp_path):
    """The five samples, their whole text in a page's content container (the text's own
    frame lines too: which of them are chrome is left to the text rules, as from .txt),
    in a Word file and a PDF: the same metadata, body and themes as from text."""
    from tests.formats_fixtures import Parts

    for path in SAMPLES:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        parts = Parts([], None, lines, [], None)
        target = tmp_path / f"{path.stem}.{'html' if kind in FAMILIES else kind}"
        target.write_bytes(render(kind, parts, {}, path.stem) if kind in FAMILIES
                           else docx_bytes(lines) if kind == "docx" else pdf_bytes(lines))
        if (path.with_suffix(".yml")).exists():
            target.with_suffix(".yml").write_bytes(path.with_suffix(".yml").read_bytes())
    got = inspect(sorted(tmp_path.glob(f"*.{'html' if kind in FAMILIES else kind}")))
    text = samples_as_text()
    for slug, record in text.items():
        for key in (*FIELDS, "source"):
            if kind in ("docx", "pdf") and key in ("source", "date") and record["origins"].get(key) != "sidecar":
                continue  # a document holds no publication line: its date is its signature's
            assert got[slug].get(key) == record.get(key), (slug, key)
        # reportlab's STSong-Light draws no • or · (U+2022, U+00B7): the PDF fixture lacks them, not the reader
        dots = (lambda t: t.replace("•", "").replace("·", "")) if kind == "pdf" else (lambda t: t)
        assert dots(nz(got[slug]["body"])) == dots(nz(record["body"])), slug
        assert got[slug]["themes"] == record["themes"], slug


@needs_wild
def test_html_markup_values_and_their_sources():
    folder, got = rendered("wild", "xxgk")
    record = got["01"]
    # 01: the label's date (2023-03-24) is the index table's 成文日期 on this page; the
    # title is printed by the headline element; the canonical link is the address.
    assert record["format"] == "html"
    assert record["sources"]["title"] == "markup: <h2> 标题元素"
    assert record["sources"]["source_url"] == 'markup: <link rel="canonical">'
    assert record["source_url"] == "https://www.example.gov.cn/art/01.html"
    folder, got = rendered("wild", "legacy")
    assert got["01"]["sources"]["source_url"].startswith("markup: 浏览器保存网页")
    assert got["01"]["encoding"] == "gb18030"  # declared GBK, read as its superset


# --- tables written here ------------------------------------------------------------------

TABLE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="某县2023年法治政府建设情况报告"></head><body>
<div class="menu"><a href="/">首页</a></div>
<h1>某县2023年法治政府建设情况报告</h1>
<div class="TRS_Editor">
<p>2023年，某县深入推进法治政府建设，各项工作取得新成效。现将有关情况报告如下：</p>
<p>一、主要举措和成效</p>
<p>（一）依法化解行政争议。全县行政复议工作情况见下表。</p>
<table><caption>2023年行政复议案件办理情况</caption>
<thead><tr><th rowspan="2">项目</th><th colspan="2">件数（件）</th></tr><tr><th>2022年</th><th>2023年</th></tr></thead>
<tbody><tr><td>收到行政复议申请</td><td>98</td><td>126</td></tr><tr><td>受理</td><td>90</td><td>118</td></tr>
<tr><td>审结</td><td>88</td><td>109</td></tr></tbody></table>
<p>二、存在的不足</p><p>行政执法人员专业化水平有待提升，基层法治力量相对薄弱。</p>
</div><div class="footer">主办：某县人民政府办公室</div></body></html>"""


def _source(tmp_path: Path, name: str, data: bytes) -> Source:
    path = tmp_path / name
    path.write_bytes(data)
    return Source(path.stem, path, data, None)


def test_an_html_table_stays_a_table_with_its_spans(tmp_path):
    markup = extract(_source(tmp_path, "t.html", TABLE_PAGE.encode())).markup
    (table,) = markup.tables
    assert table.caption == "2023年行政复议案件办理情况"
    assert table.header_rows == 2
    assert table.rows == (("项目", "件数（件）", "件数（件）"), ("项目", "2022年", "2023年"),
                          ("收到行政复议申请", "98", "126"), ("受理", "90", "118"), ("审结", "88", "109"))


def test_a_traditional_pages_table_is_made_simplified(tmp_path):
    import opencc

    traditional = opencc.OpenCC("s2hk").convert(TABLE_PAGE)
    (tmp_path / "t.html").write_text(traditional, encoding="utf-8")
    (record,) = inspect([tmp_path / "t.html"]).values()
    assert record["tables"][0]["rows"][2] == ["收到行政复议申请", "98", "126"]
    assert ("reconsideration-received", 126) in {(f["indicator"], f["value"]) for f in record["figures"]}


def test_table_figures_are_read_by_row(tmp_path):
    (tmp_path / "t.html").write_text(TABLE_PAGE, encoding="utf-8")
    (record,) = inspect([tmp_path / "t.html"]).values()
    figures = {(f["indicator"], f["value"]) for f in record["figures"]}
    # The 2023 column only: the 2022 column holds the year before's figures, not this report's.
    assert figures == {("reconsideration-received", 126), ("reconsideration-accepted", 118),
                       ("reconsideration-concluded", 109)}
    assert all(f["paragraph"] == "table-1" for f in record["figures"])
    assert "98" not in record["body"]  # the table's cells are not flattened into the text


def test_docx_and_pdf_tables(tmp_path):
    lines = ["某县2023年法治政府建设情况报告", "2023年，某县深入推进法治政府建设，各项工作取得新成效。",
             "一、主要举措和成效", "（一）依法化解行政争议。全县行政复议案件办理情况如下表。",
             "二、存在的不足", "行政执法人员专业化水平有待提升，基层法治力量相对薄弱。"]
    rows = [["项目", "件数"], ["收到行政复议申请", "126件"], ["审结", "109件"]]
    for name, data in (("t.docx", docx_bytes(lines, rows)), ("t.pdf", pdf_bytes(lines, table=rows))):
        extracted = extract(_source(tmp_path, name, data))
        (table,) = extracted.markup.tables
        assert [list(r) for r in table.rows] == rows, name
        assert "126" not in extracted.decoded.text, name


def test_pdf_running_heads_and_page_numbers_go_to_the_cleaning_record(tmp_path):
    long = ["某县2023年法治政府建设情况报告"] + [
        f"{'一二三四五六七八九十'[i % 10]}是推进第{i + 1}项工作。" + "全县各部门依法履行职责，规范行政执法行为，提升依法行政水平。" * 6
        for i in range(16)]
    extracted = extract(_source(tmp_path, "r.pdf", pdf_bytes(long, "of", running="某县人民政府文件")))
    removed = [text for _, text, _ in extracted.markup.removed]
    pages = sum(1 for t in removed if re.fullmatch(r"第 \d+ 页 共 \d+ 页", t))
    assert pages >= 3 and pages == sum(1 for t in removed if "共" in t)
    assert "某县人民政府文件" in removed and "某县人民政府文件" not in extracted.decoded.text
    assert "第 2 页" not in extracted.decoded.text
    # Paragraphs come back whole: each 是 sentence is one line of text, the headline the first.
    lines = [line for line in extracted.decoded.text.splitlines() if line]
    assert lines[0] == long[0] and lines[1:] == long[1:]


# --- refused and hostile files --------------------------------------------------------------

def refused(tmp_path: Path, name: str, data: bytes) -> str:
    with pytest.raises(ContentError) as info:
        extract(_source(tmp_path, name, data))
    (problem,) = info.value.problems
    assert str(problem).startswith(str(tmp_path / name)) and "\n" not in str(problem)
    return problem.message


def test_hostile_pages(tmp_path):
    deep = "<html><body>" + "<div>" * 100_000 + "法治政府建设" * 10 + "</div>" * 100_000 + "</body></html>"
    assert "nested more than 255" in refused(tmp_path, "deep.html", deep.encode())
    many = "<html><body>" + "<i></i>" * 210_000 + "<p>" + "法治政府建设" * 10 + "</p></body></html>"
    assert "elements (at most 200,000" in refused(tmp_path, "many.html", many.encode())
    bad = b'<html><head><meta charset="utf-8"></head><body><p>' + "法治政府建设".encode("gbk") * 50 + b"</p></body></html>"
    assert "not valid utf-8" in refused(tmp_path, "bad.html", bad)
    assert "no text in its body" in refused(tmp_path, "pic.html", b'<html><body><img src="http://x/a.png"></body></html>')


def test_a_page_never_brings_its_scripts_hidden_text_or_links(tmp_path):
    page = TABLE_PAGE.replace("<head>", '<head><link rel="canonical" href="javascript:alert(1)">'
                              '<script>document.write("脚本写入的文字")</script>').replace(
        "<p>二、存在的不足</p>", '<p style="display:none">隐藏的博彩广告文字</p><iframe src="http://x/"></iframe>'
        '<p>二、存在的不足</p><noscript>请启用脚本</noscript>')
    extracted = extract(_source(tmp_path, "p.html", page.encode()))
    text = extracted.decoded.text
    assert "脚本" not in text and "博彩" not in text and "首页" not in text and "主办" not in text
    assert extracted.markup.get("source_url") is None  # javascript: is no address
    entity = '<!DOCTYPE html [<!ENTITY a "法治法治法治法治">]><html><body><div class="content"><p>&a;&a;' + \
             "法治政府建设情况报告正文内容" * 3 + "</p></div></body></html>"
    assert "法治法治法治法治" not in extract(_source(tmp_path, "e.html", entity.encode())).decoded.text


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_refused_documents(tmp_path):
    assert "Word 97-2003 (.doc) file or an encrypted document" in refused(
        tmp_path, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "not a readable .docx" in refused(tmp_path, "broken.docx", b"PK\x03\x04 broken")
    bomb = _zip({"word/document.xml": b"<w/>" + b" " * (120 << 20)})
    assert "would inflate to 120 MB" in refused(tmp_path, "bomb.docx", bomb)
    ratio = _zip({"word/document.xml": b"<w/>" + b" " * (20 << 20)})
    assert "compressed" in refused(tmp_path, "ratio.docx", ratio)
    dtd = _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "b">]><w/>',
                "[Content_Types].xml": b"<Types/>"})
    assert "declares a DTD" in refused(tmp_path, "dtd.docx", dtd)
    assert "is a PDF that cannot be read" in refused(tmp_path, "broken.pdf", b"%PDF-1.4\n garbage")
    assert "scanned PDF" in refused(tmp_path, "scan.pdf", _scanned_pdf())
    assert "password-protected PDF" in refused(tmp_path, "locked.pdf", _locked_pdf())
    assert "decompression bomb" in refused(tmp_path, "bomb.pdf", _bomb_pdf())


def _bomb_pdf() -> bytes:
    """A one-page PDF whose content stream inflates to 300 MB of spaces."""
    import zlib

    inflater = zlib.compressobj(9)
    stream = b"".join(inflater.compress(b" " * (1 << 20)) for _ in range(300)) + inflater.flush()
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream
            + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _scanned_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = io.BytesIO()
    Image.new("L", (200, 280), 255).save(picture, "PNG")
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 50, 50, 400, 560)
    c.showPage()
    c.save()
    return out.getvalue()


def _locked_pdf() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "locked")
    c.showPage()
    c.save()
    return out.getvalue()


def test_discovery_takes_each_format_and_refuses_the_rest(tmp_path):
    from generator.build.pipeline import Project, discover

    reports = tmp_path / "content" / "reports"
    reports.mkdir(parents=True)
    (reports / "a.html").write_bytes(TABLE_PAGE.encode())
    (reports / "a_files").mkdir()  # the browser's folder of the page's pictures and scripts
    (reports / "a_files" / "x.js").write_text("alert(1)")
    (reports / "b.pdf").write_bytes(b"%PDF-1.4")
    (reports / "c.docx").write_bytes(b"PK")
    (reports / "d.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (reports / "e.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    (reports / "f.ofd").write_bytes(b"PK")
    (reports / "g.txt").write_text("某县法治政府建设情况报告" * 3, encoding="utf-8")
    (reports / "g.htm").write_bytes(TABLE_PAGE.encode())
    sources, problems = discover(Project(tmp_path))
    assert [s.path.name for s in sources] == ["a.html", "b.pdf", "c.docx", "g.txt"]
    said = {p.path.name: p.message for p in problems}
    assert set(said) == {"d.doc", "e.wps", "f.ofd", "g.htm"}  # of two files of one report, the .txt is kept
    assert "Word 97-2003" in said["d.doc"] and "save it as .docx" in said["d.doc"]
    assert "WPS document" in said["e.wps"] and "OFD document" in said["f.ofd"]
    assert "second report named g (beside g.txt)" in said["g.htm"]


def test_the_site_shows_tables_and_never_serves_the_page(tmp_path):
    """A built site of a page, a Word file and a PDF: the report from the page
    shows its table, marks markup values as 网页标记, offers the page only
    gzip-compressed under a name no host serves as HTML, and holds nothing of
    the page's scripts."""
    from generator.build.pipeline import build
    from tests.conftest import make_project

    page = TABLE_PAGE.replace("<head>", "<head><script>window.PAGE_SCRIPT=1</script>")
    lines = document_lines(split_page((REPO / "content" / "reports" / "2022-anhui-wuhu.txt").read_text(encoding="utf-8"),
                                      {"title": None}))
    project = make_project(tmp_path / "p", {"table-page.html": page, "wuhu-word.docx": docx_bytes(lines),
                                            "wuhu-print.pdf": pdf_bytes(lines)}, with_samples=False)
    summary = build(project)
    assert summary.reports == 3
    folder = project.site_dir / "reports" / "table-page"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert '<table id="table-1">' in html and "<td>收到行政复议申请<" in html  # </td> omitted where the standard lets it be
    assert '<dd class="o-markup">' in html  # labelled 网页标记 by fazhi.css (tests/test_site.py)
    original = folder / "table-page.original-html.gz"
    assert gzip.decompress(original.read_bytes()) == page.encode()
    assert not list(project.site_dir.rglob("*.original.html*"))
    assert not any("PAGE_SCRIPT" in p.read_text(encoding="utf-8", errors="replace")
                   for p in project.site_dir.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".json"))


def main() -> None:
    for name in ("wild", "pages"):
        for kind in KINDS if name == "wild" else FAMILIES:
            right, total, wrong, misses = score(name, kind)
            print(f"{name:5} {kind:7} {right}/{total} fields right ({right / total:.1%}), {wrong} wrong values shown; "
                  f"{len(differences(name, kind))} body/theme differences from the text version")
            for miss in misses:
                print("    ", miss)


if __name__ == "__main__":
    main()
