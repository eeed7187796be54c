"""Report pages written by filling their frame (generator/plugins/frames.py),
not rendered by MkDocs one by one: the published site must be the one MkDocs
made, byte for byte, and what MkDocs no longer checks in them (links and
anchors) the tests check.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import generator.build.pipeline as pipeline
from generator.build.pipeline import Project, build
from generator.plugins.frames import FRAME_URL, SKIP, TITLE, Frame, fill_reports
from tests.conftest import make_project
from tests.test_site import broken_links

# A report with no numbered headings (my own words): its page has no table
# of contents, so Material writes no skip link; the frame's must go.
NO_HEADINGS = """甲乙县人民政府2023年度法治政府建设情况的报告

2023年，甲乙县坚持依法行政，推进政务公开，完善行政复议和调解工作机制。

全年办理行政复议案件十二件，组织执法人员培训三次，群众满意度持续提升。

下一年度，甲乙县将继续健全依法决策机制，加强行政执法监督。

甲乙县人民政府
2024年1月10日
"""


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.relative_to(site).parts}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Project, Project]:
    """One corpus built twice with a site address (canonical links, sitemap
    entries): report pages filled into their frame, and rendered by MkDocs."""
    base = tmp_path_factory.mktemp("frames")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", "https://example.org/fazhi/")
        framed = make_project(base / "framed", {"2023-jiayi-county.txt": NO_HEADINGS})
        filled: list[int] = []

        def counted(*args, **kwargs) -> int:
            filled.append(fill_reports(*args, **kwargs))
            return filled[-1]

        patch.setattr(pipeline, "fill_reports", counted)
        build(framed)
        assert filled == [6], "the report pages were not written into their frame"  # the samples and NO_HEADINGS
        rendered = make_project(base / "rendered", {"2023-jiayi-county.txt": NO_HEADINGS})
        patch.setattr(pipeline, "can_frame", lambda overrides: False)
        build(rendered)
    return framed, rendered


def test_framed_report_pages_are_the_pages_mkdocs_renders(two_builds):
    framed, rendered = two_builds
    ours, theirs = files_of(framed.site_dir), files_of(rendered.site_dir)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    page = ours["reports/2023-jiayi-county/index.html"].decode()
    assert 'class="md-skip"' not in page and "甲乙县人民政府2023年度" in page  # no headings: no skip link
    assert "md-dialog" not in page and "announce" not in page and 'data-md-component="skip"' in page  # unused parts out
    assert '<link rel="canonical" href="https://example.org/fazhi/reports/2022-anhui-wuhu/">' in (
        ours["reports/2022-anhui-wuhu/index.html"].decode())
    sitemap = ours["sitemap.xml"].decode()
    assert "<loc>https://example.org/fazhi/reports/2023-jiayi-county/</loc>" in sitemap
    assert "~frame" not in sitemap and not (framed.site_dir / FRAME_URL).exists()


def test_a_broken_link_or_anchor_in_a_written_page_is_found(two_builds, tmp_path):
    """MkDocs no longer checks the anchors of links into report pages: the
    tests' link check (test_site.broken_links) must see a report page's
    missing anchor and a report page's broken link."""
    framed, _ = two_builds
    site = tmp_path / "site"
    shutil.copytree(framed.site_dir, site, ignore=shutil.ignore_patterns("pagefind"))
    assert broken_links(site) == []
    # an anchor of the report page that a link reaches: from another page where
    # one links into it (theme and part rows are drawn from data files since
    # weight4 and figtable), else from the page itself (its contents, its skip link)
    page = site / "reports/2022-anhui-wuhu/index.html"
    html = page.read_text(encoding="utf-8")
    linked = next((m for p in site.rglob("*.html") if "reports" not in p.parts
                   for m in re.findall(r'href="[./]*/reports/2022-anhui-wuhu/#([^"]+)"', p.read_text(encoding="utf-8"))),
                  None) or re.findall(r'<a [^>]*href="#([^"]+)"', html)[-1]
    assert f'id="{linked}"' in html and 'href="../../regions/anhui/"' in html
    page.write_text(html.replace(f'id="{linked}"', f'id="{linked}-gone"')
                    .replace('href="../../regions/anhui/"', 'href="../../regions/nowhere/"', 1), encoding="utf-8")
    broken = broken_links(site)
    assert "reports/2022-anhui-wuhu/index.html: ../../regions/nowhere/" in broken
    assert any("2022-anhui-wuhu" in b and b.endswith(f"#{linked} (no such anchor)") for b in broken), broken


def test_a_frame_without_its_placeholders_is_refused():
    with pytest.raises(ValueError):
        Frame.of("<html><title>x</title></html>")
    frame = Frame.of(f'<title>{TITLE}</title>\n<a href="#{SKIP}" class="md-skip">\n跳转至\n</a>\n<main>FAZHIFRAMECONTENT</main>')
    # filled, then minified as fazhi-compact does (no line break next to a block's tag)
    assert frame.page("reports/a/", "甲", "s1", "正文") == '<title>甲</title><a href="#s1" class="md-skip">\n跳转至\n</a><main>正文</main>'
    assert frame.page("reports/a/", "甲", None, "正文") == "<title>甲</title><main>正文</main>"


def test_a_broken_report_content_template_is_one_line_and_keeps_the_site(tmp_path):
    from generator.errors import BuildError

    project = make_project(tmp_path / "p")
    build(project)
    before = files_of(project.site_dir)
    partial = project.overrides_dir / "partials/report-content.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "\n{% if %}", encoding="utf-8")
    with pytest.raises(BuildError, match=r"partials/report-content\.html:\d+: "):
        build(project)
    assert files_of(project.site_dir) == before
    assert not project.aside_sites()


def test_an_interrupt_after_report_pages_are_filled_keeps_the_published_site(tmp_path, monkeypatch):
    """An incremental build fills changed report pages into a copy of the
    published site made of hard links: stopped then (Ctrl-C), the published
    pages are unchanged and no copy is left; the next build publishes the edit."""
    project = make_project(tmp_path / "p")
    build(project)
    before = files_of(project.site_dir)
    text = project.reports_dir / "2022-anhui-wuhu.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\n本段为检验中断而追加的文字。\n", encoding="utf-8")
    filled: list[int] = []

    def interrupted(*args, **kwargs) -> int:
        filled.append(fill_reports(*args, **kwargs))
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "fill_reports", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert filled and filled[0] >= 1  # the edited page was written into the copy
    assert files_of(project.site_dir) == before and not project.aside_sites()
    monkeypatch.undo()
    build(project)
    assert "本段为检验中断而追加的文字" in (project.site_dir / "reports/2022-anhui-wuhu/index.html").read_text(encoding="utf-8")


def sitemap_template():
    """The sitemap.xml template the site's theme renders (MkDocs' own)."""
    from mkdocs.theme import Theme

    return Theme(name="material", language="zh").get_env().get_template("sitemap.xml")


def test_the_sitemap_made_from_one_entry_is_the_templates_own():
    """sitemap_by_pattern fills the template's entry for one page with each
    page's address: it must give what the template gives looping over every
    page (an address with characters to escape, a page the template leaves
    out), and give up on a template that is not one entry per page."""
    from types import SimpleNamespace

    from jinja2 import Template

    from generator.plugins.frames import sitemap_by_pattern

    def page(url: str | None, is_link: bool = False) -> SimpleNamespace:
        return SimpleNamespace(page=SimpleNamespace(is_link=is_link, canonical_url=url, abs_url=url,
                                                    update_date="2024-05-01"))

    pages = [page("https://example.org/a/"), page(None), page("https://example.org/b/?x=1&y=<2>"),
             page("https://example.org/link/", is_link=True), page("https://example.org/c/")]
    template = sitemap_template()
    context = {"pages": []}
    expected = template.render({"pages": pages})
    assert "&amp;y=&lt;2&gt;" in expected and "/link/" not in expected
    assert sitemap_by_pattern(template, context, pages) == expected
    assert sitemap_by_pattern(template, context, []) == template.render({"pages": []})
    counting = Template("<n>{{ pages|length }}</n>{% for f in pages %}<u>{{ f.page.canonical_url }}</u>{% endfor %}")
    assert sitemap_by_pattern(counting, context, pages) is None
    dated = pages[:1] + [SimpleNamespace(page=SimpleNamespace(is_link=False, canonical_url="https://example.org/d/",
                                                              abs_url="/d/", update_date="2024-06-01"))]
    assert sitemap_by_pattern(template, context, dated) is None  # two dates: not one entry filled in
