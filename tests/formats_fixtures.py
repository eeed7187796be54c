"""Article pages, PDFs and Word files made from labelled texts, for the format tests.

Three page-template families of our own, modelled on how government CMS
families lay out an article page (not copied from any site):

- ``portal``: a provincial/city portal of the national norms: <meta> tags
  (ArticleTitle, PubDate, ContentSource, SiteName, ColumnName, Url), header,
  menu, breadcrumb, headline in an h1, byline, toolbar, content in div#zoom,
  related links and footer; UTF-8.
- ``xxgk``: a disclosure (政府信息公开) page: a canonical link, the index table
  (索引号, 主题分类, 发布机构, 文号, 成文日期, 发布日期) as a two-column-pair
  table, headline in h2.title, content in div.view > div.TRS_Editor, a
  sidebar of other documents, footer; UTF-8.
- ``legacy``: an old table-layout site in GBK, the
  browser's "saved from url" comment, headline in a td.bt, byline in a td,
  content in a td of no known class (found by text density), a script,
  a hidden spam block, footer.

A labelled opening (../shared/wild/) is split by its labels: the labelled
chrome lines go to the page's frame (header before the text, footer after),
the headline is the first line(s) up to the one that names the report, and
every other line goes into the content container as a paragraph. Values
the page states in markup come from the labels (source, date, doc_number)
and from the chrome lines (the publication date).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

FAMILIES = ("portal", "xxgk", "legacy")
TITLE_LINE = re.compile(r"报告|報告|通知|解读|解讀|总结|總結|汇报|匯報|情况$|情況$")
DATE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}")
PUBLISHED = re.compile(r"发布|發佈|發布|时间|時間|日期|来源|來源")


@dataclass
class Parts:
    above: list[str]  # site chrome before the text
    headline: str | None
    content: list[str]
    below: list[str]  # site chrome after the text
    published: str | None


def split_page(text: str, label: dict) -> Parts:
    chrome = {c.strip() for c in (label.get("chrome") or [])}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    above: list[str] = []
    below: list[str] = []
    rest: list[str] = []
    published = None
    for line in lines:
        if line in chrome:
            (below if rest else above).append(line)
            if PUBLISHED.search(line) and (m := DATE.search(line)):
                published = published or m.group(0)
        else:
            rest.append(line)
    # Chrome between text lines (a toolbar under the title) goes to the frame too;
    # that is what a page does. The body starts where the label says.
    first = label.get("body_first") or ""
    start = next((i for i, line in enumerate(rest) if re.sub(r"\s", "", line).startswith(re.sub(r"\s", "", first))),
                 len(rest))
    headline = None
    if label.get("title"):
        at = next((i for i in range(start) if TITLE_LINE.search(rest[i]) and len(rest[i]) <= 120), None)
        if at is not None:
            headline = " ".join(rest[: at + 1])
            rest = rest[at + 1:]
    return Parts(above, headline, rest, below, published)


def site_name(parts: Parts) -> str:
    """The site's name as its first chrome line prints it (湄潭县人民政府门户网站), else a neutral one."""
    first = re.split(r"\s*[|｜]\s*", parts.above[0])[0] if parts.above else ""
    return first if re.search(r"(?:政府|网站|门户|网|局|厅|委)$", first) else "政务公开平台"


def _p(lines: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)


def _meta(name: str, value: object) -> str:
    return f'<meta name="{name}" content="{html.escape(str(value))}">' if value else ""


def render(family: str, parts: Parts, label: dict, slug: str, tables: str = "") -> bytes:
    """The page's bytes in a family's template; `tables` is HTML put at the end of the content."""
    e = html.escape
    head = e(parts.headline or "")
    above = "".join(f"<li>{e(line)}</li>" for line in parts.above)
    below = "".join(f"<div>{e(line)}</div>" for line in parts.below)
    source = label.get("source") or ""
    url = f"https://www.example.gov.cn/art/{slug}.html"
    if family == "portal":
        return f"""<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="utf-8">
<title>{head}_门户网站</title>
{_meta("SiteName", site_name(parts))}
{_meta("ColumnName", "法治政府建设")}
{_meta("ArticleTitle", parts.headline)}
{_meta("PubDate", parts.published and parts.published + " 09:30")}
{_meta("ContentSource", source)}
{_meta("Url", url)}
<link rel="stylesheet" href="/css/site.css">
<script src="/js/jquery.js"></script>
</head><body>
<div class="top"><ul class="site-chrome">{above}</ul>
<div class="search"><form action="/search"><input name="q"><button>搜索</button></form></div></div>
<div class="main">
  <div class="article">
    <div class="article-title"><h1>{head}</h1></div>
    <div class="article-info"><span>来源：{e(source)}</span></div>
    <div class="article-tools"><span>【字号：大 中 小】</span><a href="javascript:window.print()">打印</a></div>
    <div id="zoom" class="article-body">
{_p(parts.content)}
{tables}
    </div>
    <div class="share">分享到：<a>微信</a><a>微博</a></div>
  </div>
  <div class="related"><h3>相关链接</h3><ul><li><a href="/a1.html">关于开展年度普法考核工作的通知</a></li>
  <li><a href="/a2.html">全市行政执法人员培训班举行</a></li></ul></div>
</div>
<div class="footer">{below}<p>主办：示例市人民政府办公室 网站标识码：0000000000 京ICP备00000000号</p></div>
</body></html>""".encode()
    if family == "xxgk":
        doc = label.get("doc_number") or ""
        written = label.get("date") or ""
        index = f"""<table class="xxgk_table">
<tr><th>索 引 号：</th><td>000000000/{(written or "2023")[:4]}-00001</td><th>主题分类：</th><td>综合政务\\其他</td></tr>
<tr><th>发布机构：</th><td>{e(source)}</td><th>文&nbsp;&nbsp;号：</th><td>{e(doc)}</td></tr>
<tr><th>成文日期：</th><td>{e(written)}</td><th>发布日期：</th><td>{e(parts.published or "")}</td></tr>
</table>"""
        return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{head}</title>
<link rel="canonical" href="{url}">
<style>.view {{ font-size: 16px }}</style>
</head><body>
<div class="header"><div class="logo">{e(site_name(parts))}</div><ul class="menu">{above}</ul></div>
<div class="container">
<div class="sidebar"><h4>其他文件</h4><ul><li><a href="/x1.html">关于调整部分行政审批事项的通知</a></li>
<li><a href="/x2.html">年度政府信息公开工作报告</a></li><li><a href="/x3.html">关于印发应急预案的通知</a></li></ul></div>
<div class="xxgk-detail">
{index}
<h2 class="title">{head}</h2>
<div class="view TRS_UEDITOR trs_paper_default">
<div class="TRS_Editor">
{_p(parts.content)}
{tables}
</div></div>
<div class="print"><a>【打印本页】</a><a>【关闭窗口】</a></div>
</div></div>
<div id="footer">{below}<p>版权所有：示例县人民政府 网站标识码 0000000001</p></div>
</body></html>""".encode()
    # legacy: table layout, GB2312 declared, the browser's saved-from comment
    rows = "\n".join(f"<tr><td>&nbsp;&nbsp;{e(line)}</td></tr>" for line in parts.content)
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<!-- saved from url=(0045){url} -->
<HTML><HEAD><META http-equiv="Content-Type" content="text/html; charset=gbk">
<TITLE>{head}</TITLE>
<SCRIPT language="javascript">function doZoom(size){{document.getElementById('c').style.fontSize=size+'px';}}</SCRIPT>
</HEAD><BODY>
<TABLE width="980" align="center"><TR><TD class="banner">{above and ''.join(f'<DIV>{e(x)}</DIV>' for x in parts.above)}</TD></TR></TABLE>
<TABLE width="980" align="center"><TR><TD class="bt" align="center"><FONT size="5"><B>{head}</B></FONT></TD></TR>
<TR><TD align="center">发布时间：{e(parts.published or "")}&nbsp;&nbsp;来源：{e(source)}</TD></TR>
<TR><TD><DIV style="display:none">六合彩 博彩 娱乐城</DIV></TD></TR>
<TR><TD class="wz14" id="c"><TABLE width="100%">{rows}</TABLE>
{tables}</TD></TR></TABLE>
<TABLE width="980" align="center"><TR><TD class="foot">{below}主办单位：示例县人民政府办公室 技术支持：某公司</TD></TR></TABLE>
</BODY></HTML>"""
    return page.encode("gbk", "xmlcharrefreplace")


# --- documents: DOCX and PDF ------------------------------------------------------------

def document_lines(parts: Parts) -> list[str]:
    """The report's own lines as a document holds them: the headline, then the content."""
    return ([parts.headline] if parts.headline else []) + parts.content


HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分)")
SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")


def docx_bytes(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word file: the first line in the Title style, numbered headings in heading styles,
    paragraphs, and (when given) a table after the second paragraph."""
    import io

    import docx

    document = docx.Document()
    for i, line in enumerate(lines):
        if i == 0:
            document.add_paragraph(line, style="Title")
        elif HEADING.match(line):
            document.add_heading(line, level=1)
        elif SUBHEADING.match(line) and len(line) < 40:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
        if table and i == 2:
            t = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
    section = document.sections[0]
    section.header.paragraphs[0].text = "示例县人民政府文件"  # a running head: never read
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(lines: list[str], numbering: str = "dash", running: str = "法治政府建设年度报告",
              table: list[list[str]] | None = None) -> bytes:
    """A PDF as an office prints one: STSong-Light (reportlab's built-in CID font),
    the title centred and larger, paragraphs indented two characters and wrapped,
    a running head on every page after the first, page numbers `— 3 —`
    (numbering="dash") or `第 3 页 共 12 页` ("of"), and (when given) a ruled table."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=14, leading=24, firstLineIndent=28,
                          wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=28)
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=20, leading=30, alignment=TA_CENTER,
                           wordWrap="CJK", spaceAfter=12)
    def story() -> list:
        flow: list = []
        for i, line in enumerate(lines):
            style = title if i == 0 else heading if HEADING.match(line) else body
            flow.append(Paragraph(html.escape(line), style))  # STSong-Light draws no • (U+2022) or ·
            if table and i == 2:
                flow.append(Spacer(1, 6))
                t = PdfTable(table)
                t.setStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("FONTSIZE", (0, 0), (-1, -1), 11),
                            ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
                flow.append(t)
                flow.append(Spacer(1, 6))
        return flow

    out = io.BytesIO()
    pages: list[int] = []

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 10)
        number = canvas.getPageNumber()
        if number > 1:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, running)
        canvas.setFont("STSong-Light", 12)
        text = f"— {number} —" if numbering == "dash" else f"第 {number} 页 共 {total[0]} 页"
        canvas.drawCentredString(A4[0] / 2, 30, text)
        canvas.restoreState()
        pages.append(number)

    total = [0]
    for _ in range(2):  # the second pass knows the page count (第 n 页 共 N 页)
        out = io.BytesIO()
        pages.clear()
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=79, rightMargin=74, topMargin=72, bottomMargin=70)
        doc.build(story(), onFirstPage=decorate, onLaterPages=decorate)
        total[0] = len(pages)
    return out.getvalue()
