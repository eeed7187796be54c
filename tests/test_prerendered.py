"""Page bodies the generator writes as HTML reach the site as written, with
their headings in the table of contents and their ids known to MkDocs' link
checks (generator/plugins/prerendered.py)."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.plugins.prerendered import HTML_MARKER, toc_tokens


def test_toc_entries_nest_by_level():
    tokens = toc_tokens([[2, "s1", "一、甲"], [3, "s1-1", "（一）乙"], [3, "s1-2", "（二）丙"], [2, "s2", "二、丁"]])
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in tokens] == [("s1", ["s1-1", "s1-2"]), ("s2", [])]


def test_the_html_part_is_not_read_as_markdown(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    meta = {"title": "页", "toc": [[2, "s1", "一、甲 &amp; 乙"]]}
    (docs / "page.md").write_text(
        f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n前言 *强调*\n\n{HTML_MARKER}\n"
        '<h2 id="s1">一、甲 &amp; 乙</h2>\n<p id="p-1">*不是强调* [不是链接](x.md) 1_2_3</p>\n', encoding="utf-8")
    (docs / "index.md").write_text("# 首页\n\n[到第一段](page.md#p-1) [到一、](page.md#s1)\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nuse_directory_urls: true\nplugins:\n  - fazhi-html\n"
        "theme:\n  name: material\n  language: zh\n"
        "validation:\n  links:\n    anchors: warn\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # strict: the anchors of the HTML part were found
    html = (tmp_path / "site" / "page" / "index.html").read_text(encoding="utf-8")
    assert "<p>前言 <em>强调</em></p>" in html  # the Markdown before the marker is converted
    assert '<p id="p-1">*不是强调* [不是链接](x.md) 1_2_3</p>' in html  # the HTML after it is not
    sidebar = html.split('md-nav--secondary', 1)[1]
    assert 'href="#s1"' in sidebar and "一、甲 &amp; 乙" in sidebar  # in the table of contents


def test_raw_html_blocks_are_set_aside_and_come_back_as_markdown_would_give_them():
    import markdown

    from generator.plugins.prerendered import put_back, set_aside

    page = ("# 标题\n\n引言 *强调* [链接](x.md)\n\n"
            '<h2 id="r1"><a href="../r1/">报告一 *不是强调*</a></h2>\n\n'
            "芜湖市 · 2022 年度\n\n"
            '<ul class="excerpts"><li><p>摘引 1_2</p></li></ul>\n\n'
            '<div class="charts">\n<figure>图</figure>\n</div>\n\n'
            "<details>\n<summary>未闭合</summary>\n\n正文 **粗**\n\n</details>\n\n"
            "<span>行内标签开头的段落</span>\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n")
    plain = markdown.markdown(page, extensions=["tables", "attr_list"])
    head, kept = set_aside(page)
    assert [block.split(">")[0] for block in kept] == ['<h2 id="r1"', '<ul class="excerpts"', '<div class="charts"']
    converted = markdown.markdown(head, extensions=["tables", "attr_list"])
    assert put_back(converted, kept) == plain


@pytest.mark.parametrize("page", [
    "<details><summary>未闭合</summary>\n\n<p>x</p>\n\n</details>\n\n段落",  # a closed block inside an open one
    "<!-- 注释\n\n<div>a</div>\n\n-->\n\n段落",  # inside a comment that runs over blocks
    "<p>a</p>\n正文 *b*\n<p>c</p>",  # Markdown between elements of one block
    "<div>a</div>\n*强调*\n<div>b</div>",
    "<div><div>x</div>\n\n*t*\n\n</div>",  # the first tag closed fewer times than opened
    "FAZHIRAWHTML0X\n\n<p>x</p>",  # the placeholder's own text in the page
    "<p>a</p>\n<p>b</p>\n\n*c*",
    '<div class="indicator-charts">\n<figure class="c"><figcaption>图</figcaption><div class="chart-row">行</div>'
    "</figure>\n</div>\n\n后文",
], ids=["open-details", "open-comment", "markdown-between", "markdown-between-divs", "unbalanced", "placeholder",
        "two-elements", "charts"])
def test_set_aside_never_changes_what_markdown_makes_of_a_page(page):
    import re

    import markdown

    from generator.plugins.prerendered import put_back, set_aside

    def lines(html: str) -> str:  # fazhi-compact makes every run of white space with a line break one break
        return re.sub(r"\s*\n\s*", "\n", html).strip()

    head, kept = set_aside(page)
    ours = put_back(markdown.markdown(head, extensions=["tables", "attr_list", "toc"]), kept)
    assert lines(ours) == lines(markdown.markdown(page, extensions=["tables", "attr_list", "toc"]))


def test_the_final_html_waits_on_disk_until_its_page_is_rendered(tmp_path):
    """MkDocs converts every page before rendering any: a page's content
    holds only a marker where its final HTML goes, read back from its file
    when the page is rendered (the report pages' HTML held at once was about
    400 MB at 10,000 reports)."""
    from types import SimpleNamespace

    from mkdocs.structure.toc import get_toc

    from generator.plugins.prerendered import TAIL, PrerenderedPlugin

    tail = '\n<h2 id="s1">一、甲</h2>\n<p id="p-1">' + "行政复议" * 1000 + "</p>\n"
    source = tmp_path / "page.md"
    source.write_text(f"---\ntitle: 页\n---\n\n前言\n\n{HTML_MARKER}{tail}", encoding="utf-8")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="page.md", abs_src_path=str(source)),
                           meta={"toc": [[2, "s1", "一、甲"]]}, toc=get_toc([]), present_anchor_ids=None)
    plugin = PrerenderedPlugin()
    head = plugin.on_page_markdown(source.read_text(encoding="utf-8").split("---\n", 2)[2], page)
    content = plugin.on_page_content("<p>前言</p>", page)
    assert content == "<p>前言</p>" + TAIL and "行政复议" not in head + content
    assert set(page.present_anchor_ids) == {"s1", "p-1"} and [t.id for t in page.toc] == ["s1"]
    # what MkDocs asks of the ids when it checks links to anchors, after the last page
    assert "p-1" in page.present_anchor_ids and "s1" in page.present_anchor_ids
    assert "p-2" not in page.present_anchor_ids and "" not in page.present_anchor_ids
    rendered = plugin.on_post_page(f"<html><article>{content}</article></html>", page)
    assert rendered == f"<html><article><p>前言</p>{tail}</article></html>"
    assert not list(page.toc)  # written: its headings are let go (only its own template read them)
    assert plugin.on_post_page("<html>其他页</html>", page) == "<html>其他页</html>"


def test_a_long_content_waits_compressed_until_its_page_is_rendered():
    """Theme and part pages are mostly excerpts: their content waits
    compressed while MkDocs converts the other pages. What stays is the
    content up to its first <h1, which Material's template looks for."""
    from types import SimpleNamespace

    from generator.plugins.prerendered import STASH, PrerenderedPlugin

    plugin = PrerenderedPlugin()
    body = "<p>" + "营商环境" * 2000 + "</p>"
    for content, kept in ((f'<h1 id="t">主题</h1>{body}', "<h1"), (body, ""), ("<p>短</p>", "<p>短</p>")):
        page = SimpleNamespace(file=SimpleNamespace(src_uri="t.md", abs_src_path="/nonexistent"),
                               meta={}, toc=[], present_anchor_ids=None)
        plugin.on_page_markdown("正文", page)
        held = plugin.on_page_content(content, page)
        assert held == (kept + STASH if kept != content else content)
        assert plugin.on_post_page(f"<article>{held}</article>", page) == f"<article>{content}</article>"


def test_the_frontmatter_waits_compressed_until_its_page_is_rendered():
    """MkDocs holds every page between converting it and rendering it: the
    frontmatter (report card, downloads, related reports) waits compressed,
    the page keeping only what the rendering of other pages reads of it;
    its own template gets all of it back, and once written it keeps only
    those keys again. The Markdown is let go once converted."""
    from types import SimpleNamespace

    from generator.plugins.prerendered import NAV_META, PrerenderedPlugin

    meta = {"title": "某区 2023 年度报告", "template": "report.html", "hide": ["navigation"],
            "downloads": [["原文", "x.txt.gz"]], "related": [{"slug": "b", "why": ["行政复议"]}], "year": 2023}
    page = SimpleNamespace(file=SimpleNamespace(src_uri="reports/a/index.md", abs_src_path="/nonexistent"),
                           meta=dict(meta), toc=[], present_anchor_ids=None, markdown="正文", content=None)
    plugin = PrerenderedPlugin()
    plugin.on_page_markdown(page.markdown, page)
    page.content = plugin.on_page_content("<p>正文</p>", page)
    assert page.markdown == "" and page.meta == {k: meta[k] for k in ("title", "template", "hide")}
    context = {"page": page}
    assert plugin.on_page_context(context, page=page) is context
    assert page.meta == meta and list(page.meta) == list(meta)  # all of it, in its order, for its template
    plugin.on_post_page("<html></html>", page)
    assert set(page.meta) <= NAV_META and page.meta["title"] == meta["title"] and page.content is None
    other = SimpleNamespace(file=SimpleNamespace(src_uri="about.md", abs_src_path="/nonexistent"),
                            meta={"title": "关于"}, toc=[], present_anchor_ids=None, markdown="", content=None)
    plugin.on_page_markdown("关于", other)
    plugin.on_page_content("<p>关于</p>", other)
    plugin.on_page_context({}, page=other)
    assert other.meta == {"title": "关于"}  # nothing to hold back, nothing held


# What stays Markdown on a page written as HTML (generator/site/pagehtml.py):
# its way back (crumbs, `{ .crumbs }`) and its `# title`, nothing more.
MARKDOWN_PART = re.compile(r"(\[[^\n]*\n\{ \.crumbs \}\n\n)?# [^\n]+\n\n")


def test_list_series_theme_part_and_measure_pages_are_not_converted_by_markdown(tmp_path):
    """The pages of every kind that grows with the corpus are final HTML
    after their title: none falls back to Python-Markdown's conversion (it
    was most of the MkDocs phase), and the headings of their HTML are in
    the table of contents under the page's title, as Markdown nested them."""
    from generator.build.pipeline import build
    from tests.conftest import SAMPLES, make_project

    # a second year of one sample's body (a paragraph added, so it is no byte copy): a series page
    text = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")
    project = make_project(tmp_path / "p", {"2023-anhui-wuhu.txt": text + "\n本年度另行组织行政执法人员培训两次。\n",
                                           "2023-anhui-wuhu.yml": "year: 2023\n"})
    build(project)
    docs = project.docs_dir
    kinds = ["series/index.md", "themes/enforcement/index.md", "parts/index.md", "compare/index.md",
             "parts/first-responsible/index.md", "years/2022/index.md", "levels/city/index.md",
             "timeliness/2022/index.md"]
    kinds += [str(p.relative_to(docs)) for p in docs.glob("series/*/index.md")]
    kinds += [str(p.relative_to(docs)) for p in docs.glob("coverage/*/*/index.md")][:3]
    assert len(kinds) > 9, kinds  # a series page and coverage pages were made
    for name in kinds:
        page = (docs / name).read_text(encoding="utf-8")
        body = page.split("\n---\n", 1)[1].lstrip("\n")
        markdown, marker, final = body.partition(HTML_MARKER)
        assert marker and MARKDOWN_PART.fullmatch(markdown), f"{name} is converted by Markdown: {markdown[:300]!r}"
        assert "](" not in final and "\n|---" not in final and "**" not in final, f"{name}: Markdown after the marker"
    series = next(docs.glob("series/*/index.md")).parent.name
    html = (project.site_dir / "series" / series / "index.html").read_text(encoding="utf-8")
    sidebar = html.split("md-nav--secondary", 1)[1].split("</nav>", 1)[0]
    assert all(f'href="#{anchor}"' in sidebar for anchor in ("themes", "indicators", "repeats")), sidebar
    assert '<h2 id="themes">各主题逐年对照<a class="headerlink" href="#themes" title="本节链接">#</a></h2>' in html
