"""Stage 6g: how to cite a report and reach its official text.

GB/T 7714-2015 for an electronic resource:
    责任者. 题名[EB/OL]. (发布日期)[引用日期]. 获取和访问路径.
The cited date is the day the text was retrieved from source_url when the
sidecar says so; otherwise the reader's page fills in the day of copying, and
the address is this site's page for the report (the official one is unknown).
"""
from __future__ import annotations

from generator.records import Report


def citation(report: Report) -> dict:
    """The parts of the citation line, for the report page's template."""
    m = report.metadata
    url = str(m.get("source_url") or "")
    parts = {
        "author": str(m.get("issuer") or ""),
        "title": report.title,
        "date": str(m.get("date") or ""),
        "cited": str(m.get("retrieved") or "") if url else "",
        "url": url,
    }
    parts["text"] = citation_text(**parts)
    return parts


def citation_text(author: str, title: str, date: str, cited: str, url: str) -> str:
    """The line itself; empty parts are left out, never printed as blanks."""
    line = f"{author}. " if author else ""
    line += f"{title}[EB/OL]."
    dates = (f"({date})" if date else "") + (f"[{cited}]" if cited else "")
    if dates:
        line += f" {dates}."
    if url:
        line += f" {url}."
    return line


def missing_source(report: Report) -> str | None:
    """The warning `fazhi check` prints for a report with no official address."""
    if report.metadata.get("source_url"):
        return None
    sidecar = report.source.path.with_suffix(".yml")
    return (f"{report.source.path}: no-source-url: the official page of this report is unknown; add "
            f"source_url (and retrieved: YYYY-MM-DD) to {sidecar.name} so readers can check the text")
