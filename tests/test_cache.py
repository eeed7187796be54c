"""The report cache's format (issue 21 item 5): an entry that cannot be read,
or of another format, is read again with one notice; a bug is not hidden."""
from __future__ import annotations

import operator
import pickle
import re
import zlib
from dataclasses import replace

import pytest

from generator.build.cache import FORMAT, ReportCache, read_entry, unpack_held, unpack_whole, without_text
from generator.build.pipeline import read_all
from generator.records import Source
from tests.conftest import make_project


def entry(project, slug: str = "2022-anhui-wuhu"):
    return project.cache_dir / f"{slug}.pickle"


def store(path, value) -> None:
    path.write_bytes(zlib.compress(pickle.dumps(value)))


def whole_entry(path):
    """(format, key, the report whole) of an entry."""
    version, key, held, text, rest = read_entry(path)
    return version, key, unpack_whole(unpack_held(held), rest, text)


@pytest.fixture()
def cached(tmp_path):
    project = make_project(tmp_path / "p")
    read_all(project)
    return project


def test_entries_hold_their_format(cached):
    version, key, report = whole_entry(entry(cached))
    assert version == FORMAT and report.slug == "2022-anhui-wuhu" and len(key) == 64


@pytest.mark.parametrize("damage", ["cut short", "not zlib", "old shape", "format 2", "other format",
                                    "unknown class", "damaged part"])
def test_an_unreadable_entry_is_read_again_with_one_notice(cached, damage, capsys):
    path = entry(cached)
    data = path.read_bytes()
    version, key, held, text, rest = read_entry(path)
    report = unpack_whole(unpack_held(held), rest, text)
    if damage == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "not zlib":
        path.write_bytes(b"not a cache entry")
    elif damage == "old shape":  # what fazhi wrote before entries had a format
        store(path, (key, report))
    elif damage == "format 2":  # the report whole in one compressed pickle, as fazhi wrote before
        store(path, (2, key, report))
    elif damage == "other format":
        path.write_bytes(pickle.dumps((FORMAT + 1, key, held, text, rest)))
    elif damage == "unknown class":  # a record class that no longer exists
        path.write_bytes(pickle.dumps((FORMAT, key, zlib.compress(
            zlib.decompress(held).replace(b"generator.records", b"generator.recordz")), text, rest)))
    else:  # the part a build holds is cut short
        path.write_bytes(pickle.dumps((FORMAT, key, held[: len(held) // 2], text, rest)))
    other = entry(cached, "2023-shanxi-xiangning")
    other.write_bytes(b"\x00")  # a second one: still one line
    capsys.readouterr()
    corpus = read_all(cached)
    assert corpus.cache_hits == len(corpus.reports) - 2
    notices = [line for line in capsys.readouterr().err.splitlines() if line.startswith("notice:")]
    assert len(notices) == 1 and "2 cache entries" in notices[0] and str(cached.cache_dir) in notices[0]
    assert read_entry(path)[0] == FORMAT  # rewritten
    assert read_all(cached).cache_hits == len(corpus.reports)
    assert "notice:" not in capsys.readouterr().err


class Failing:
    """Unpickles by dividing by zero: stands for a bug met while loading."""

    def __reduce__(self):
        return operator.truediv, (1, 0)


def test_an_error_that_is_no_damage_is_not_hidden(tmp_path):
    cache = ReportCache(tmp_path)
    (tmp_path / "r.pickle").write_bytes(pickle.dumps((FORMAT, "key", zlib.compress(pickle.dumps(Failing())), b"", b"")))
    source = Source("r", tmp_path / "r.txt", b"", None)
    with pytest.raises(ZeroDivisionError):
        cache.get(source, "key")


def test_a_changed_report_is_a_silent_miss(cached, capsys):
    path = cached.reports_dir / "2022-anhui-wuhu.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    capsys.readouterr()
    corpus = read_all(cached)
    assert corpus.cache_hits == len(corpus.reports) - 1
    assert "notice:" not in capsys.readouterr().err


def test_a_report_as_the_build_holds_it_says_what_it_said_as_read(tmp_path):
    """The build holds each report lean (generator/build/pipeline.py held):
    its page's frame lines only, and the short strings every report repeats
    (theme terms, anchors) once for all. Only which objects hold the values
    changes: the document, the cleaned lines, the metadata and the analysis
    are equal to the report as read."""
    import sys

    from generator.analyse.taxonomy import load_taxonomy
    from generator.build.pipeline import discover, held, read_report

    project = make_project(tmp_path / "p")
    taxonomy = load_taxonomy(project.content_dir)
    sources, _ = discover(project)
    terms = 0
    for source in sources:
        read = read_report(source, taxonomy)
        lean = held(pickle.loads(pickle.dumps(read)))  # as the reading pool hands it over
        assert (lean.document, lean.cleaned.lines, lean.analysis, lean.metadata) == (
            read.document, read.cleaned.lines, read.analysis, read.metadata)
        assert all(line.role != "body" for line in lean.cleaned.page.lines)
        for passage in lean.analysis.passages:
            assert passage.anchor is sys.intern(passage.anchor) and passage.section is sys.intern(passage.section)
            for match in passage.themes:
                assert match.theme is sys.intern(match.theme)
                assert all(term is sys.intern(term) for term in match.terms if len(term) <= 24)
                terms += len(match.terms)
    assert terms  # the samples match themes


def test_a_lean_report_is_whole_again_for_its_downloads(tmp_path):
    """The build holds each report without its bytes and cleaned lines
    (pipeline.lean: only its two downloads read them); whole_report gives
    them back, equal to the file's bytes and the lines as read, and refuses
    a file that changed after it was read."""
    from generator.build.pipeline import discover, read_report, whole_report
    from generator.errors import BuildError

    project = make_project(tmp_path / "p")
    corpus = read_all(project, use_lean=True)
    whole = whole_report(project, corpus.taxonomy)
    sources = {s.slug: s for s in discover(project)[0]}
    for report in corpus.reports:
        assert report.source.raw == b"" and report.cleaned.lines == ()
        again = whole(report)
        assert again.source.raw == sources[report.slug].path.read_bytes()
        assert again.cleaned.lines == read_report(sources[report.slug], corpus.taxonomy).cleaned.lines
    report = corpus.reports[0]
    path = report.source.path
    path.write_bytes(path.read_bytes() + "\n又一段。\n".encode())
    with pytest.raises(BuildError, match=str(path)):
        whole_report(project, corpus.taxonomy)(report)


def test_a_lean_build_reads_each_file_again_caches_it_and_checks_its_bytes(tmp_path, monkeypatch):
    """A build that holds its reports lean never holds their bytes: each
    report not in the cache is read again from its file (pipeline.read_held),
    cached whole under the key of the bytes read, and given back lean with
    that key; a file whose bytes changed between the two readings stops the
    build, naming it, rather than caching a report under another file's key."""
    from generator.build import pipeline
    from generator.build.cache import cache_key
    from generator.errors import BuildError

    project = make_project(tmp_path / "p")
    corpus = read_all(project, use_lean=True)
    cache = ReportCache(project.cache_dir)
    for report in corpus.reports:
        assert report.source.raw == b"" and report.cleaned.lines == ()
        stored = cache.stored(report.slug, report.key)
        assert stored is not None and stored.cleaned.lines  # cached whole, under the key the build noted
        source = Source(report.slug, report.source.path, report.source.path.read_bytes(), report.source.sidecar_path)
        assert report.key == cache_key(source, corpus.taxonomy.digest)

    fresh = make_project(tmp_path / "q")
    target = sorted(fresh.reports_dir.glob("*.txt"))[0]
    first_reading = pipeline.read_source
    readings: list[str] = []

    def changing(project, path):  # the file gains a paragraph after the build first read it
        readings.append(path.name)
        data = first_reading(project, path)
        return data + "\n又一段。\n".encode() if path == target and readings.count(path.name) > 1 else data

    monkeypatch.setattr(pipeline, "read_source", changing)
    with pytest.raises(BuildError, match=f"{target}: changed while the build was reading it"):
        read_all(fresh, use_lean=True)


def test_equal_theme_matches_are_held_once_for_all_reports(tmp_path):
    """Theme matches, part matches and section titles equal across reports
    are one object for the build (pipeline.share_values); values unchanged."""
    from generator.build.pipeline import read_report

    project = make_project(tmp_path / "p")
    corpus = read_all(project, use_lean=True)
    seen: dict = {}
    shared = 0
    for report in corpus.reports:
        again = read_report(Source(report.slug, report.source.path, report.source.path.read_bytes(),
                                   report.source.sidecar_path), corpus.taxonomy)
        thin = without_text(again)  # the build holds no text (each a HeldText: its lengths)
        assert report.analysis.passages == thin.analysis.passages and report.analysis.parts == again.analysis.parts
        for match in [m for p in report.analysis.passages for m in p.themes] + list(report.analysis.parts):
            if match in seen:
                assert seen[match] is match
                shared += 1
            seen[match] = match
    assert shared  # the samples repeat some match


class OtherLayout:
    """Unpickles as a Report whose state has two values: a report pickled by
    a fazhi whose records had other fields."""

    def __reduce__(self):
        from generator.records import Report
        return object.__new__, (Report,), ("2022-anhui-wuhu", "a source")


def test_a_record_of_another_layout_is_never_taken_for_a_report(cached, capsys):
    """Records pickle as the tuple of their values (records._pickled_as_tuple):
    a state of another length, or the list dataclasses itself wrote, is a
    TypeError, and an entry holding one is read again with the notice."""
    from generator.records import Passage

    passage = Passage("p1", "p1", "s1", "一段。")
    assert pickle.loads(pickle.dumps(passage)) == passage
    for state in (("p1", "p1", "s1"), ["p1", "p1", "s1", "一段。", ()]):
        with pytest.raises(TypeError):
            Passage.__new__(Passage).__setstate__(state)
    path = entry(cached)
    version, key, held, text, rest = read_entry(path)
    path.write_bytes(pickle.dumps((FORMAT, key, zlib.compress(pickle.dumps(OtherLayout())), text, rest)))
    capsys.readouterr()
    corpus = read_all(cached, use_lean=True)
    assert corpus.cache_hits == len(corpus.reports) - 1
    assert "1 cache entry" in capsys.readouterr().err
    assert whole_entry(path)[2].slug == "2022-anhui-wuhu"


def test_a_build_reads_only_the_part_of_an_entry_it_holds(cached):
    """A build that holds its reports lean takes from each entry the lean
    report only (its lines are another part, left packed): what it holds is
    what holding the whole report lean gives."""
    from generator.build.pipeline import held

    lean = {r.slug: r for r in read_all(cached, use_lean=True).reports}
    whole = read_all(cached).reports
    assert all(report.cleaned.lines for report in whole)
    for report in whole:
        made_lean = held(report, use_lean=True)
        got = lean[report.slug]
        assert (got.document, got.metadata, got.analysis, got.cleaned.page, got.cleaned.lines, got.source.raw) == (
            made_lean.document, made_lean.metadata, made_lean.analysis, made_lean.cleaned.page, (), b"")


def test_search_records_are_made_again_only_for_new_and_changed_reports(tmp_path, monkeypatch):
    """Each report's search record is kept beside the cache under the
    report's key (pipeline.kept_search_records): a build packs the records
    of the reports read anew only, and the records it gives are those
    search_records makes of every report."""
    from generator.build import pipeline
    from generator.search.index import search_records, units_of

    project = make_project(tmp_path / "p")
    made: list[list[str]] = []

    def counted(reports, taxonomy, pack=False, text=None):
        made.append(sorted(r.slug for r in reports))
        return search_records(reports, taxonomy, pack=pack, text=text)

    monkeypatch.setattr(pipeline, "search_records", counted)
    corpus = read_all(project, use_lean=True)
    slugs = sorted(r.slug for r in corpus.reports)
    first = pipeline.kept_search_records(project, corpus)
    again = pipeline.kept_search_records(project, read_all(project, use_lean=True))
    text = pipeline.texts_of(project)  # the build holds no text: each report's is in its cache entry

    def whole(records):  # what a record holds, its units read back where the build keeps them on disk
        return [(replace(r, packed=b""), units_of(r)) for r in records]

    assert whole(first) == whole(again) == whole(search_records(corpus.reports, corpus.taxonomy, pack=True, text=text))
    # the build holds a report's record without its packed units (kept on disk), a theme page's whole
    assert all(not r.packed and r.kept for r in first if r.key.startswith("reports/"))
    before = whole(first)  # read now: the entry of a changed report is written again
    assert made == [slugs, []]
    path = corpus.reports[0].source.path
    path.write_bytes(path.read_bytes() + "\n又一段：推进行政复议体制改革。\n".encode())
    changed = read_all(project, use_lean=True)
    records = pipeline.kept_search_records(project, changed)
    assert made[-1] == [corpus.reports[0].slug]
    assert whole(records) == whole(search_records(changed.reports, changed.taxonomy, pack=True, text=text)) != before
    assert whole(pipeline.kept_search_records(project, changed, use_cache=False)) == whole(records)
    assert made[-1] == slugs


def test_a_build_holds_each_report_without_its_text_and_takes_it_back_from_the_cache(tmp_path):
    """Every paragraph's and passage's text is a HeldText in the build (its
    lengths, what the pages made from every report read); texts_of gives the
    report with its text as read, from its cache entry, read or cached; a
    held text has none of str's methods, so a stage reading it fails."""
    from generator.build.pipeline import read_report, texts_of
    from generator.records import HeldText, solid_chars

    project = make_project(tmp_path / "p")
    for use_cache in (False, True):  # read by the workers, then from the cache
        corpus = read_all(project, use_lean=True, use_cache=use_cache)
        text = texts_of(project)
        for report in corpus.reports:
            again = read_report(Source(report.slug, report.source.path, report.source.path.read_bytes(),
                                       report.source.sidecar_path), corpus.taxonomy)
            held = [p.text for s in report.document.sections for p in s.paragraphs]
            real = [p.text for s in again.document.sections for p in s.paragraphs]
            assert held and all(isinstance(t, HeldText) for t in held)
            assert [(len(h), solid_chars(h)) for h in held] == [(len(t), len(re.sub(r"\s", "", t))) for t in real]
            whole = text(report)
            assert whole.document == again.document and whole.analysis.passages == again.analysis.passages
            assert whole.analysis.theme_counts() == again.analysis.theme_counts()
            assert text(whole) is whole
    with pytest.raises(AttributeError):
        held[0].strip()


def test_a_search_record_kept_on_disk_whose_entry_went_stops_the_build_with_what_to_do(tmp_path):
    """A report's search record is held without its units, which are read
    back from build/cache/search/ when it is indexed (pipeline.held_record):
    an entry that went meanwhile is one line naming it, never an empty record."""
    from generator.build import pipeline
    from generator.errors import BuildError
    from generator.search.index import units_of

    project = make_project(tmp_path / "p")
    records = pipeline.kept_search_records(project, read_all(project, use_lean=True), use_cache=False)
    record = next(r for r in records if r.key.startswith("reports/"))
    slug = record.key.removeprefix("reports/")
    assert units_of(record)[0][1]  # its title, read back from its entry
    (project.cache_dir / "search" / f"{slug}.pickle").unlink()
    with pytest.raises(BuildError, match=f"{slug}.pickle: changed or went while the build was indexing"):
        units_of(record)


def test_equal_held_lengths_and_repeated_strings_are_held_once_for_all_reports(tmp_path):
    """pipeline.share_values: a held text's lengths (HeldText), a passage's
    tuple of matches, metadata keys and diagnostics' messages equal across
    reports are one object for the build."""
    corpus = read_all(make_project(tmp_path / "p"), use_lean=True)
    seen: dict = {}
    repeated = 0
    for report in corpus.reports:
        values = [p.text for p in report.analysis.passages] + [p.themes for p in report.analysis.passages if p.themes]
        values += list(report.metadata.values) + [d.message for d in report.cleaned.diagnostics]
        for value in values:
            if value in seen and seen[value] is not value:
                raise AssertionError(f"{report.slug}: {value!r} is held twice")
            repeated += value in seen
            seen.setdefault(value, value)
    assert repeated  # the samples repeat some lengths, keys and messages
