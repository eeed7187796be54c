"""Two reports of one body and year (issue 23 item 3): versions of one report.

The build warns about them (duplicate-issuer-year); the site shows them as
versions of one report, never as two rows that read alike. twins_of groups
the reports by place, issuer and year, and gives each report of a group of
two or more what tells it from the others, and the others: its date where the
group's dates all differ, else its file name (marked as such).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.records import Report

PLACE = ("province", "city", "county", "town")


@dataclass(frozen=True)
class Twin:
    label: str  # what tells this report from the other reports of its body and year
    others: tuple[tuple[str, str, str], ...]  # (slug, title, label) of each other report, by slug


def twin_key(report: Report) -> tuple[str, ...] | None:
    """The body (place and issuer) and the year; None when the issuer or the year is unknown."""
    m = report.metadata
    if not m.get("issuer") or not m.get("year"):
        return None
    return tuple(str(m.get(k) or "") for k in (*PLACE, "issuer", "year"))


def twins_of(reports: Sequence[Report]) -> dict[str, Twin]:
    """Report slug -> its Twin, for every report that shares its body and year with another."""
    groups: dict[tuple[str, ...], list[Report]] = {}
    for report in sorted(reports, key=lambda r: r.slug):
        key = twin_key(report)
        if key is not None:
            groups.setdefault(key, []).append(report)
    found: dict[str, Twin] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        dates = [str(r.metadata.get("date") or "") for r in group]
        by_date = all(dates) and len(set(dates)) == len(dates)
        labels = {r.slug: (f"{d}发布" if by_date else f"文件 {r.source.path.name}") for r, d in zip(group, dates)}
        for report in group:
            found[report.slug] = Twin(labels[report.slug], tuple(
                (r.slug, r.title, labels[r.slug]) for r in group if r is not report))
    return found


def labelled(report: Report, twins: Mapping[str, Twin]) -> str:
    """The report's title, with what tells it from its twins where it has any."""
    twin = twins.get(report.slug)
    return f"{report.title}（{twin.label}）" if twin else report.title


def card_line(twin: Twin) -> list[dict[str, str]]:
    """For the report page's card: 同一机关同一年度另有报告：each other version."""
    return [{"title": f"{title}（{label}）", "href": f"reports/{slug}/"} for slug, title, label in twin.others]
