"""Stage 6f: related reports, for the foot of every report page.

- peers: reports of the same level in the same province and year;
- closest: reports of the same level and year (any province) whose theme
  profile (share of passages per top-level theme) is nearest, by cosine.

Both compare a report only within a bounded candidate set: its group (level
and year, then province), cut to the CANDIDATES reports nearest to it in the
group's sorted order, so the cost grows linearly with the corpus, never with
all pairs.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

from generator.analyse.taxonomy import Taxonomy
from generator.records import Report
from generator.site.render import Ordered, in_region_order

SHOWN = 5  # reports listed under each heading
CANDIDATES = 200  # reports compared with each report, at most


@dataclass(frozen=True)
class Related:
    peers: tuple[Report, ...] = ()
    closest: tuple[tuple[Report, float], ...] = ()  # with the cosine similarity


def profile(report: Report, taxonomy: Taxonomy) -> tuple[float, ...]:
    counts = report.analysis.theme_counts()
    vector = [float(counts.get(t.slug, 0)) for t in taxonomy.top_themes]
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return tuple(v / norm for v in vector)


def related_reports(reports: Sequence[Report], taxonomy: Taxonomy, ordered: Ordered | None = None) -> dict[str, Related]:
    """ordered: the build's one ordering of these reports (render.ordered_reports), else made here."""
    groups: dict[tuple[str, str], list[Report]] = {}
    for report in ordered.in_order(reports) if ordered else in_region_order(list(reports)):
        m = report.metadata
        groups.setdefault((str(m.get("level") or ""), str(m.get("year") or "")), []).append(report)
    out: dict[str, Related] = {}
    for (level, year), members in groups.items():
        # Cosine similarity of theme profiles, a window of CANDIDATES at a
        # time, as one matrix product per report (numpy: the pure-Python sums
        # took ten seconds of every build at 10,000 reports).
        profiles = numpy.array([profile(r, taxonomy) for r in members], dtype=float)
        provinces = [r.metadata.get("province") for r in members]
        every = numpy.arange(len(members))
        for i, report in enumerate(members):
            # the window as an index array (the same rows, in the same order, as a
            # list of CANDIDATES indices made for each report was) and the peers'
            # walk stopped at SHOWN: the two were most of the per-report cost
            lo = max(0, min(i - CANDIDATES // 2, len(members) - CANDIDATES - 1))
            hi = min(len(members), lo + CANDIDATES + 1)
            province = provinces[i]
            peers: list[Report] = []
            if level and year and province:
                for j in range(lo, hi):
                    if j != i and provinces[j] == province:
                        peers.append(members[j])
                        if len(peers) == SHOWN:
                            break
            closest: tuple[tuple[Report, float], ...] = ()
            if level and year and hi - lo > 1:
                window = numpy.concatenate((every[lo:i], every[i + 1:hi]))
                scores = profiles[window] @ profiles[i]
                # the SHOWN best, ties by slug: all candidates at least as good as the SHOWN-th
                shown = min(SHOWN, len(window))
                bar = numpy.partition(scores, -shown)[-shown]
                best = sorted(((float(scores[k]), members[window[k]].slug, int(window[k]))
                               for k in numpy.flatnonzero(scores >= bar)), key=lambda t: (-t[0], t[1]))
                closest = tuple((members[j], score) for score, _, j in best[:SHOWN] if score > 0)
            out[report.slug] = Related(tuple(peers), closest)
    return out


def report_links(reports: Sequence[Report], taxonomy: Taxonomy, series: dict[str, str],
                 ordered: Ordered | None = None) -> dict[str, dict]:
    """Report slug -> what its page says beyond its own text: its series, its
    related reports and its citation (frontmatter for render_report), the
    last two as what makes them when the page is made (Lazy: render.report_page
    calls them), so a rebuild makes them for the pages it makes only.
    ordered: the build's one ordering of these reports (render.ordered_reports)."""
    related = related_reports(reports, taxonomy, ordered)
    out = {}
    for report in reports:
        rel = related.get(report.slug, Related())
        out[report.slug] = {"series": series.get(report.slug), "related": LazyRelated(rel), "citation": LazyCitation(report)}
    return out


class LazyRelated:
    """A report's related reports as its page's record takes them
    ({"peers": [entry], "closest": [entry and similarity]}), made when
    called. Its repr, part of the page's key (render.report_pages), names
    each related report by its slug and a prefix of its key (which covers
    its title, issuer and year) and the similarity shown: made for every
    report and dumped into every page's key, the entries were most of what
    a rebuild spent on the report pages' links."""

    __slots__ = ("related",)

    def __init__(self, related: Related):
        self.related = related

    def __call__(self) -> dict:
        return {"peers": [_entry(r) for r in self.related.peers],
                "closest": [{**_entry(r), "similarity": round(score, 2)} for r, score in self.related.closest]}

    def __repr__(self) -> str:
        def named(r: Report) -> object:
            return (r.slug, r.key[:16]) if r.key else _entry(r)

        return repr(("related", [named(r) for r in self.related.peers],
                     [(named(r), round(score, 2)) for r, score in self.related.closest]))


class LazyCitation:
    """A report's citation (cite.citation), made when called; its repr
    names nothing more: the citation is the report's own, whose key is in
    its page's key."""

    __slots__ = ("report",)

    def __init__(self, report: Report):
        self.report = report

    def __call__(self) -> dict:
        from generator.site.cite import citation

        return citation(self.report)

    def __repr__(self) -> str:
        return "citation" if self.report.key else repr(self())


def _entry(report: Report) -> dict:
    m = report.metadata
    return {"title": report.title, "href": f"reports/{report.slug}/", "issuer": str(m.get("issuer") or ""),
            "year": m.get("year")}
