"""The indentation of rendered pages is taken out; what a reader sees is not changed."""
from __future__ import annotations

from generator.plugins.compact import compact, minify


def test_indentation_goes_and_kept_elements_stay():
    page = ("<div>\n    <p>第一段\n      续行</p>\n  <pre>代码\n    缩进</pre>\n"
            "<script>if (a)\n    b();</script>\n\t<textarea>\n  原样</textarea>\n  <span>a</span> <span>b</span></div>")
    assert compact(page) == ("<div>\n<p>第一段\n续行</p>\n<pre>代码\n    缩进</pre>\n"
                             "<script>if (a)\n    b();</script>\n<textarea>\n  原样</textarea>\n"
                             "<span>a</span> <span>b</span></div>")


def test_a_built_page_has_no_indentation_left(sample_site):
    html = (sample_site.site_dir / "reports" / "2022-anhui-wuhu" / "index.html").read_text(encoding="utf-8")
    outside = compact(html)
    assert outside == html  # already compact: the plugin ran on it
    assert "\n  <" not in html.split("<script", 1)[0]


def test_minify_omits_only_what_the_standard_lets_a_page_omit():
    page = ("<ul>\n<li>甲</li>\n<li>乙 <a href=\"x\">丙</a></li>\n</ul>\n<p>段一</p>\n<p>段二</p>\n<div>块</div>\n"
            "<table>\n<thead><tr><th>列</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody>\n</table>\n"
            "<dl><div><dt>名</dt><dd>值</dd></div></dl>\n<p>前 <span>甲</span>\n<span>乙</span></p>\n"
            "<p><a href=\"y\">链</a></p>\n<a href=\"z\"><p>块中</p></a>\n<pre>\n 原样 </pre>")
    assert minify(page) == ('<ul><li>甲<li>乙 <a href="x">丙</a></ul><p>段一<p>段二<div>块</div>'
                            "<table><thead><tr><th>列<tbody><tr><td>1<td>2</table>"
                            '<dl><div><dt>名<dd>值</div></dl><p>前 <span>甲</span>\n<span>乙</span>'
                            '<p><a href="y">链</a></p><a href="z"><p>块中</p></a>\n<pre>\n 原样 </pre>')  # next to a kept element: left
    assert minify(minify(page)) == minify(page)
