"""Held reports kept in packs (generator/build/packs.py, issue 22 item 5): a
rebuild takes an unchanged report from its bucket's pack, as the build held
it, and a bucket whose reports changed (added, edited, removed, renamed) is
written again: a stale pack would show readers what a report said before."""
from __future__ import annotations

import shutil

import pytest

from generator.build import packs as packs_module
from generator.build.packs import bucket, open_packs, write_packs
from generator.build.pipeline import read_all, texts_of
from generator.errors import BuildError
from tests.conftest import make_project

EDITED = "2022-anhui-wuhu"


def rebuild(project):
    """What generate does with the packs: read, then (after the pages) write the buckets that changed."""
    corpus = read_all(project, use_lean=True)
    assert corpus.packs is not None
    write_packs(corpus.packs, corpus.reports)
    return corpus


def held_folder(project):
    return project.cache_dir / "held"


def stored_keys(project) -> dict[str, str]:
    """Every slug -> key the packs on disk hold."""
    import pickle

    found: dict[str, str] = {}
    for path in held_folder(project).glob("[0-9]*.pickle"):
        _, _, keys, _ = pickle.loads(path.read_bytes())
        found.update(keys)
    return found


def chars(report) -> int:
    doc = report.document
    return sum(len(p.text) for p in doc.preamble) + sum(len(p.text) for s in doc.sections for p in s.paragraphs)


@pytest.fixture()
def packed(tmp_path):
    project = make_project(tmp_path / "p")
    first = rebuild(project)
    assert first.cache_hits == 0 and stored_keys(project) == {r.slug: r.key for r in first.reports}
    return project


def test_an_unchanged_report_comes_from_its_pack_as_its_cache_entry_gives_it(packed):
    again = rebuild(packed)
    assert again.packs is not None and again.packs.hits == len(again.reports) == again.cache_hits
    shutil.rmtree(held_folder(packed))  # the same build from the cache entries alone
    entries = read_all(packed, use_lean=True)
    assert entries.packs is not None and entries.packs.hits == 0 and entries.cache_hits == len(entries.reports)
    assert [r.slug for r in again.reports] == [r.slug for r in entries.reports]
    for mine, theirs in zip(again.reports, entries.reports):
        assert mine == theirs and mine.key == theirs.key
        assert mine.source is not theirs.source and mine.source.path == theirs.source.path and not mine.source.raw
        assert mine.analysis.theme_counts() == theirs.analysis.theme_counts()


def test_values_repeated_across_packs_are_one_object(packed):
    """What share_values holds once is the table's one object in every pack."""
    corpus = rebuild(packed)
    assert len({bucket(r.slug) for r in corpus.reports}) > 1  # the samples fall in several buckets
    seen: dict = {}
    repeated = 0
    for report in corpus.reports:
        values = [p.text for p in report.analysis.passages] + [p.themes for p in report.analysis.passages if p.themes]
        values += list(report.metadata.values) + [d.message for d in report.cleaned.diagnostics]
        values += [m for p in report.analysis.passages for m in p.themes]
        for value in values:
            if value in seen and seen[value] is not value:
                raise AssertionError(f"{report.slug}: {value!r} is held twice")
            repeated += value in seen
            seen.setdefault(value, value)
    assert repeated


def test_an_edited_report_is_read_again_and_its_pack_written_again(packed):
    path = packed.reports_dir / f"{EDITED}.txt"
    before = {r.slug: (r.key, chars(r)) for r in rebuild(packed).reports}
    path.write_text(path.read_text(encoding="utf-8") + "\n另有一段新增的工作说明，供测试之用。\n", encoding="utf-8")
    edited = rebuild(packed)
    assert edited.packs is not None and edited.packs.hits == len(edited.reports) - 1
    mine = next(r for r in edited.reports if r.slug == EDITED)
    assert mine.key != before[EDITED][0] and chars(mine) > before[EDITED][1]
    assert stored_keys(packed)[EDITED] == mine.key
    again = rebuild(packed)  # from its pack now, as edited
    assert again.packs is not None and again.packs.hits == len(again.reports)
    assert chars(next(r for r in again.reports if r.slug == EDITED)) == chars(mine)


def test_an_edited_sidecar_is_seen(packed):
    sidecar = packed.reports_dir / "2023-anhui-shexian-xucun.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "title: 测试用的另一个标题\n", encoding="utf-8")
    corpus = rebuild(packed)
    assert next(r for r in corpus.reports if r.slug == "2023-anhui-shexian-xucun").title == "测试用的另一个标题"
    again = rebuild(packed)
    assert again.packs is not None and again.packs.hits == len(again.reports)
    assert next(r for r in again.reports if r.slug == "2023-anhui-shexian-xucun").title == "测试用的另一个标题"


def test_an_added_report_joins_its_bucket(packed):
    shutil.copy(packed.reports_dir / f"{EDITED}.txt", packed.reports_dir / "2024-anhui-wuhu-copy.txt")
    (packed.reports_dir / "2024-anhui-wuhu-copy.yml").write_text("title: 复制的报告\n", encoding="utf-8")
    corpus = rebuild(packed)
    assert "2024-anhui-wuhu-copy" in stored_keys(packed)
    again = rebuild(packed)
    assert again.packs is not None and again.packs.hits == len(again.reports) == len(corpus.reports)
    assert next(r for r in again.reports if r.slug == "2024-anhui-wuhu-copy").title == "复制的报告"


def test_a_removed_or_renamed_report_leaves_its_pack(packed):
    (packed.reports_dir / f"{EDITED}.txt").rename(packed.reports_dir / "2022-anhui-wuhu-renamed.txt")
    (packed.reports_dir / "2023-shanxi-xiangning.txt").unlink()
    corpus = rebuild(packed)
    slugs = {r.slug for r in corpus.reports}
    assert EDITED not in slugs and "2023-shanxi-xiangning" not in slugs and "2022-anhui-wuhu-renamed" in slugs
    assert set(stored_keys(packed)) == slugs
    again = rebuild(packed)
    assert again.packs is not None and again.packs.hits == len(again.reports) == len(slugs)
    assert next(r for r in again.reports if r.slug == "2022-anhui-wuhu-renamed").source.path.name == (
        "2022-anhui-wuhu-renamed.txt")


def test_a_report_without_its_cache_entry_is_not_taken_from_its_pack(packed):
    """Its text and lines are read from its cache entry: without one it is read again from its file."""
    (packed.cache_dir / f"{EDITED}.pickle").unlink()
    corpus = rebuild(packed)
    assert corpus.packs is not None and corpus.packs.hits == len(corpus.reports) - 1
    assert (packed.cache_dir / f"{EDITED}.pickle").is_file()


@pytest.mark.parametrize("damage", ["table gone", "table damaged", "pack damaged", "table too large"])
def test_packs_that_cannot_be_trusted_are_not_taken(packed, damage, monkeypatch):
    folder = held_folder(packed)
    if damage == "table gone":
        (folder / "table.pickle").unlink()
    elif damage == "table damaged":
        (folder / "table.pickle").write_bytes(b"not a table")
    elif damage == "pack damaged":
        for path in folder.glob("[0-9]*.pickle"):
            path.write_bytes(path.read_bytes()[:40])
    else:
        monkeypatch.setattr(packs_module, "GROWTH", 0)
        monkeypatch.setattr(packs_module, "SLACK", 0)
    corpus = rebuild(packed)
    assert corpus.packs is not None and corpus.packs.hits == 0 and corpus.cache_hits == len(corpus.reports)
    monkeypatch.undo()
    again = rebuild(packed)  # written again whole
    assert again.packs is not None and again.packs.hits == len(again.reports)


def test_a_clean_build_begins_a_new_table(packed):
    before = open_packs(held_folder(packed), 5).generation
    corpus = read_all(packed, use_cache=False, use_lean=True)
    assert corpus.packs is not None and corpus.packs.generation != before and corpus.packs.hits == 0
    write_packs(corpus.packs, corpus.reports)
    again = rebuild(packed)
    assert again.packs is not None and again.packs.generation == corpus.packs.generation
    assert again.packs.hits == len(again.reports)


def test_the_table_begins_anew_when_most_reports_are_read_again(packed):
    """A new generator or taxonomy changes every report's key: what only the old reports held leaves the table."""
    before = open_packs(held_folder(packed), 5)
    for path in packed.cache_dir.glob("*.pickle"):  # stands for every key changed: each report read again
        path.unlink()
    corpus = rebuild(packed)
    assert corpus.packs is not None and corpus.packs.generation != before.generation and corpus.packs.hits == 0
    after = open_packs(held_folder(packed), 5)
    assert after.generation == corpus.packs.generation and len(after.table) <= len(before.table)
    assert rebuild(packed).packs.hits == len(corpus.reports)  # type: ignore[union-attr]


def test_what_a_killed_build_left_half_written_goes(packed):
    (held_folder(packed) / ".007.pickle.12345.tmp").write_bytes(b"half")
    rebuild(packed)
    assert not list(held_folder(packed).glob(".*.tmp"))


def test_an_entry_rewritten_without_its_pack_is_not_paired_with_the_pack(packed):
    """A report edited, read by `fazhi check` (which writes its cache entry, not the packs),
    then edited back: its pack holds its key again while its entry holds the edit. Taken
    from the pack, its text would be missing (every later build stopping on it) or the
    edit's: it is read again from its file."""
    path = packed.reports_dir / f"{EDITED}.txt"
    original = path.read_bytes()
    path.write_bytes(original + "\n另有一段新增的工作说明，供测试之用。\n".encode())
    read_all(packed)  # what `fazhi check` does
    path.write_bytes(original)
    corpus = rebuild(packed)
    mine = next(r for r in corpus.reports if r.slug == EDITED)
    whole = texts_of(packed)(mine)
    assert "新增的工作说明" not in "".join(p.text for s in whole.document.sections for p in s.paragraphs)
    again = rebuild(packed)  # its bucket written again
    assert again.packs is not None and again.packs.hits == len(again.reports)


def test_a_report_whose_entry_went_bad_is_read_again_after_the_build_that_found_it(packed):
    """An entry damaged on disk beside a good pack: the build that needs its text stops
    (build again), and the next one reads the report again rather than take its pack."""
    rebuild(packed)
    entry = packed.cache_dir / f"{EDITED}.pickle"
    entry.write_bytes(entry.read_bytes()[:40])
    corpus = rebuild(packed)
    mine = next(r for r in corpus.reports if r.slug == EDITED)
    with pytest.raises(BuildError, match="build again"):
        texts_of(packed)(mine)
    again = rebuild(packed)
    mine = next(r for r in again.reports if r.slug == EDITED)
    assert texts_of(packed)(mine).document.sections
