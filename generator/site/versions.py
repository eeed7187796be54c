"""Stage 6i: every committed version of a report's text (/reports/<slug>/versions/).

From read/history.py: a report whose text changed in the repository after it
was first committed has a versions page listing each version with its date,
and for each change the paragraphs added, removed and rewritten (the
characters that differ marked). An edit dated after the report's deadline
(site/timeliness.py) is marked 期限后修改: the national evaluations ask
whether a report was changed after it was published.
"""
from __future__ import annotations

import difflib
import functools
import html
from collections.abc import Sequence
from dataclasses import dataclass

from generator.plugins.prerendered import HTML_MARKER
from generator.read.history import History, Version
from generator.records import Report
from generator.site.render import Output, frontmatter, md_inline, when_changed
from generator.site.timeliness import Timeliness
from generator.site.yearly import diff_marked

SHORT = 8  # characters of a commit id shown


@dataclass(frozen=True)
class Edits:
    slug: str
    versions: tuple[Version, ...]  # oldest first: the first publication, then each edit
    after_deadline: tuple[str, ...]  # commit ids of edits dated after the deadline

    def card(self) -> dict[str, object]:
        """For the report page's card."""
        return {"first": self.versions[0].date, "edits": len(self.versions) - 1, "last": self.versions[-1].date,
                "late_edits": len(self.after_deadline), "href": f"reports/{self.slug}/versions/"}


def edits_of(reports: Sequence[Report], history: History, measured: dict[str, Timeliness]) -> dict[str, Edits]:
    found = {}
    for report in reports:
        versions = history.versions.get(report.slug)
        if not versions:
            continue
        deadline = measured[report.slug].deadline if report.slug in measured else None
        late = tuple(v.commit for v in versions[1:] if deadline and v.date > deadline)
        found[report.slug] = Edits(report.slug, versions, late)
    return found


def changes(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, str, str]]:
    """The changed paragraphs between two versions, in order: (kind, old as
    HTML, new as HTML), kind 改 (rewritten), 增 (added) or 删 (removed)."""
    rows = []
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = min(a1 - a0, b1 - b0) if tag == "replace" else 0
        for k in range(pairs):
            left, right = diff_marked(old[a0 + k], new[b0 + k])
            rows.append(("改", left, right))
        for k in range(a0 + pairs, a1):
            rows.append(("删", f"<del>{html.escape(old[k])}</del>", ""))
        for k in range(b0 + pairs, b1):
            rows.append(("增", "", f"<ins>{html.escape(new[k])}</ins>"))
    return rows


KINDS = {"改": "修改", "增": "新增", "删": "删去"}
CLASSES = {"改": "changed", "增": "added", "删": "removed"}


def versions_site(reports: Sequence[Report], edits: dict[str, Edits], measured: dict[str, Timeliness]) -> list[Output]:
    """A page per edited report, made again only when its versions, its title or its deadline changed."""
    pages: list[Output] = []
    for report in reports:
        e = edits.get(report.slug)
        if e is None:
            continue
        t = measured.get(report.slug)
        deadline = t.deadline if t else None
        pages.append(when_changed(f"reports/{report.slug}/versions.md",
                                  functools.partial(versions_page, report, e, deadline),
                                  [], report.title, [(v.commit, v.date) for v in e.versions], deadline, "versions-1"))
    return pages


def versions_page(report: Report, e: Edits, deadline: str | None) -> bytes:
    lines = ["[首页](../../index.md) › [本报告](index.md) › 各版本\n{ .crumbs }", "",
             f"# {md_inline(report.title)}：各版本", "",
             f"这份报告的文本在本站的资料库中提交过 {len(e.versions)} 个不同版本：首次收录于 {e.versions[0].date}，"
             f"此后修改 {len(e.versions) - 1} 次。本站报告页面显示最新版本；下面逐段列出每次修改的内容。"
             + (f"公开期限为 {deadline}，期限后的修改标为“期限后修改”。" if deadline else ""), "",
             "| 版本 | 日期 | 提交 | 说明 |", "|---|---|---|---|"]
    for n, v in enumerate(e.versions, start=1):
        note = "首次收录" if n == 1 else (f"[修改内容](#v{n})"
                                          + ("，**期限后修改**" if v.commit in e.after_deadline else ""))
        lines.append(f"| 第 {n} 版 | {v.date} | `{v.commit[:SHORT]}` | {note} |")
    lines.append("")
    html_parts = []
    for n in range(2, len(e.versions) + 1):
        old, new = e.versions[n - 2], e.versions[n - 1]
        rows = changes(old.paragraphs, new.paragraphs)
        late = ' <span class="version-late">期限后修改</span>' if new.commit in e.after_deadline else ""
        html_parts.append(f'<h2 id="v{n}">第 {n} 版（{html.escape(new.date)}）相对第 {n - 1} 版（{html.escape(old.date)}）'
                          f'{late}<a class="headerlink" href="#v{n}">#</a></h2>')
        unchanged = len(new.paragraphs) - sum(1 for k, _, _ in rows if k != "删")
        html_parts.append(f"<p>修改 {sum(1 for k, _, _ in rows if k == '改')} 段，新增 {sum(1 for k, _, _ in rows if k == '增')} 段，"
                          f"删去 {sum(1 for k, _, _ in rows if k == '删')} 段；其余 {unchanged} 段未改。</p>")
        html_parts.append(f'<table class="duiz duiz--versions"><thead><tr><th scope="col">改动</th><th scope="col">第 {n - 1} 版</th>'
                          f'<th scope="col">第 {n} 版</th></tr></thead><tbody>')
        for kind, left, right in rows:
            html_parts.append(f'<tr class="duiz-{CLASSES[kind]}"><td>{KINDS[kind]}</td><td>{left}</td><td>{right}</td></tr>')
        html_parts.append("</tbody></table>")
    toc = [[2, f"v{n}", f"第 {n} 版"] for n in range(2, len(e.versions) + 1)]
    body = "\n".join(lines) + "\n" + HTML_MARKER + "\n" + "\n".join(html_parts) + "\n"
    return frontmatter({"title": f"{report.title}：各版本", "hide": ["navigation"], "toc": toc}, body)

