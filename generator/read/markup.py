"""What a file's structure states -> the page's facts, and the metadata's origins.

The text stages (page.segment, metadata.describe) read a structured file's
lines as they read a .txt file's. This module adds what the structure states
outright, before describe and after it:

- ``with_markup``: where the text's frame left a fact empty, the markup's
  value fills it (the headline or ArticleTitle as title, PubDate or the byline
  as publication date, ContentSource as source, the index table's 发布机构,
  成文日期 and 文号, SiteName as the banner, the breadcrumb and ColumnName as
  place clues). What the text itself printed is never replaced: the existing
  rules (wrappers, signatures, title trimming) stay in charge of it.
- ``attribute``: a metadata value that came from the markup is marked
  ``markup`` (shown as 网页标记 on the report page), and the page's address
  becomes ``source_url`` unless the sidecar gives one.
"""
from __future__ import annotations

from dataclasses import replace

from generator.read.normalise import to_simplified
from generator.read.page import trim_title
from generator.records import Cleaned, Facts, Field, Markup, Metadata, PageLine

# Facts filled from the markup, in order of trust (the first value found wins).
FILLS = {
    "published": ("published",),
    "source": ("source",),
    "publisher": ("publisher",),
    "written": ("written",),
    "index_doc_number": ("doc_number",),
    "banner": ("site",),
}
# Which facts each metadata key is read from (generator/read/metadata.py's precedence).
READ_FROM = {
    "title": ("title",),
    "date": ("signed", "written", "published"),
    "doc_number": ("doc_number", "index_doc_number"),
    "source": ("source", "publisher", "host"),
}


def with_markup(cleaned: Cleaned, markup: Markup) -> Cleaned:
    """The cleaned report with the markup's facts where the text gave none."""
    if markup.format == "text":
        return cleaned
    facts = cleaned.page.facts
    filled: dict[str, object] = {}
    for name, keys in FILLS.items():
        if getattr(facts, name) is None:
            value = next((v for k in keys if (v := markup.get(k))), None)
            if value:
                filled[name] = value
    if facts.title is None:
        for key in ("headline", "title", "index_title"):
            if (value := markup.get(key)) and (title := trim_title(value)):
                filled["title"] = title
                break
    crumbs = tuple(c for key in ("crumbs", "column") if (v := markup.get(key)) for c in v.split(" > "))
    if crumbs:
        filled["crumbs"] = facts.crumbs + crumbs
    page = replace(cleaned.page, facts=replace(facts, **filled)) if filled else cleaned.page  # type: ignore[arg-type]
    if markup.removed:  # lines the reader took out (PDF running heads, page numbers): in the cleaning record
        taken = tuple(PageLine(number, text, "chrome", why) for number, text, why in markup.removed)
        page = replace(page, lines=tuple(sorted(page.lines + taken, key=lambda line: line.number)))
    if cleaned.was_traditional and markup.tables:  # the lines were made Simplified: the tables too
        markup = replace(markup, tables=tuple(
            replace(t, caption=to_simplified(t.caption), rows=tuple(tuple(to_simplified(c) for c in row) for row in t.rows))
            for t in markup.tables))
    return replace(cleaned, page=page, markup=markup, diagnostics=cleaned.diagnostics + markup.diagnostics)


def attribute(metadata: Metadata, cleaned: Cleaned, text_facts: Facts) -> Metadata:
    """Metadata whose values read from the markup say so; text_facts are the
    facts of the text alone (before with_markup)."""
    markup = cleaned.markup
    if markup.format == "text":
        return metadata
    facts = cleaned.page.facts
    values = dict(metadata.values)
    for key, names in READ_FROM.items():
        field = values.get(key)
        if field is None or field.origin != "text":
            continue
        from_markup = any(getattr(facts, n) == field.value and getattr(text_facts, n) != field.value for n in names)
        # The title printed by the headline element is the markup's statement too.
        if key == "title" and markup.headline is not None:
            from_markup |= any(line.number == markup.headline for line in cleaned.page.role("title"))
        if from_markup:
            values[key] = Field(field.value, "markup")
    if "source_url" not in values and (url := markup.get("source_url")):
        values["source_url"] = Field(url, "markup")
    return replace(metadata, values=values)


# Which markup keys can state each metadata value.
STATED_BY = {"title": ("headline", "title", "index_title"), "date": ("written", "published"),
             "source": ("source", "publisher"), "doc_number": ("doc_number",), "source_url": ("source_url",)}


def sources(cleaned: Cleaned, metadata: Metadata) -> dict[str, str]:
    """Where each metadata value came from, in words (fazhi inspect --json):
    text, sidecar, derived, or markup with the element that stated it."""
    markup = cleaned.markup
    out: dict[str, str] = {}
    for key, field in metadata.values.items():
        out[key] = field.origin
        if field.origin != "markup":
            continue
        value = str(field.value)
        for name in STATED_BY.get(key, ()):
            stated = markup.get(name)
            if stated and (stated in value or value in stated):
                out[key] = f"markup: {markup.where(name)}"
                break
    return out
