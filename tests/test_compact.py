"""The indentation of rendered pages is taken out; what a reader sees is not changed."""
from __future__ import annotations

from generator.plugins.compact import compact


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
