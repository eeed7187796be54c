"""Read: a report file's bytes -> the report's text, structure and metadata.

The stages, in the order generator/build/pipeline.py runs them on one report:
decode (bytes -> text) -> normalise (numbered lines, Simplified, pinyin out) ->
page (what each line of the page is) -> clean (the body's damage repaired) ->
parse (headings and paragraphs) -> metadata (each value with its origin).
files reads the inputs; orgs, regions and schema are the grammar of issuing
bodies, the gazetteer's provinces and the sidecar's keys they share.
"""
