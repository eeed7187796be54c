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
    related reports and its citation (frontmatter for render_report).
    ordered: the build's one ordering of these reports (render.ordered_reports)."""
    from generator.site.cite import citation

    related = related_reports(reports, taxonomy, ordered)
    # Each report is listed on about ten others' pages: its entry is made once
    # (read only: the pages' frontmatter and keys dump it as JSON).
    entries: dict[str, dict] = {}

    def entry(report: Report) -> dict:
        if (found := entries.get(report.slug)) is None:
            found = entries[report.slug] = _entry(report)
        return found

    out = {}
    for report in reports:
        rel = related.get(report.slug, Related())
        out[report.slug] = {
            "series": series.get(report.slug),
            "related": {
                "peers": [entry(r) for r in rel.peers],
                "closest": [{**entry(r), "similarity": round(score, 2)} for r, score in rel.closest],
            },
            "citation": citation(report),
        }
    return out


def _entry(report: Report) -> dict:
    m = report.metadata
    return {"title": report.title, "href": f"reports/{report.slug}/", "issuer": str(m.get("issuer") or ""),
            "year": m.get("year")}
