"""Writing generated pages: a deferred page is made only when its inputs changed."""
from __future__ import annotations

import pytest

from generator.site.render import Deferred, SiteFile
from generator.site.write import write_pages


def deferred(path: str, key: str, content: bytes, calls: list[str]) -> Deferred:
    def make() -> bytes:
        calls.append(path)
        return content
    return Deferred(path, key, make)


def test_a_deferred_page_is_made_again_only_when_its_key_changes(tmp_path):
    out, keys = tmp_path / "docs", tmp_path / "page-keys.json"
    calls: list[str] = []
    first = write_pages([deferred("a.md", "k1", b"A", calls), deferred("b.md", "k1", b"B", calls),
                         SiteFile("c.md", b"C")], out, keys)
    assert (first.written, calls) == (3, ["a.md", "b.md"])

    calls.clear()
    again = write_pages([deferred("a.md", "k1", b"A", calls), deferred("b.md", "k2", b"B2", calls),
                         SiteFile("c.md", b"C")], out, keys)
    assert calls == ["b.md"]  # a.md's inputs are unchanged: not made at all
    assert (again.written, again.unchanged) == (1, 2)
    assert (out / "b.md").read_bytes() == b"B2"


def test_a_missing_file_or_keys_file_makes_the_page(tmp_path):
    out, keys = tmp_path / "docs", tmp_path / "page-keys.json"
    calls: list[str] = []
    write_pages([deferred("a.md", "k", b"A", calls)], out, keys)
    (out / "a.md").unlink()
    write_pages([deferred("a.md", "k", b"A", calls)], out, keys)
    assert calls == ["a.md", "a.md"] and (out / "a.md").read_bytes() == b"A"
    keys.write_text("{not json", encoding="utf-8")  # damaged: as if there were none
    write_pages([deferred("a.md", "k", b"A", calls)], out, keys)
    assert calls == ["a.md"] * 3


def test_pages_not_reached_after_a_failure_keep_their_old_keys(tmp_path):
    out, keys = tmp_path / "docs", tmp_path / "page-keys.json"
    calls: list[str] = []
    write_pages([deferred("a.md", "k1", b"A", calls), deferred("b.md", "k1", b"B", calls)], out, keys)

    def broken() -> bytes:
        raise RuntimeError("template error")
    try:
        write_pages([Deferred("a.md", "k2", broken), deferred("b.md", "k1", b"B", calls)], out, keys)
    except RuntimeError:
        pass
    calls.clear()
    write_pages([deferred("a.md", "k2", b"A2", calls), deferred("b.md", "k1", b"B", calls)], out, keys)
    assert calls == ["a.md"]  # a.md still holds what k1 made, so it is made for k2; b.md is as k1 made it
    assert (out / "a.md").read_bytes() == b"A2"


def test_pages_are_written_as_they_come(tmp_path):
    """write_pages takes the pages as an iterator: a group is made only
    after the pages before it are on disk (the build makes its page groups
    one at a time), and a second page for one path stops the build."""
    import pytest

    from generator.errors import BuildError

    out = tmp_path / "docs"

    def groups():
        yield SiteFile("a.md", b"A")
        assert (out / "a.md").read_bytes() == b"A"  # written before the next group is made
        yield SiteFile("b/c.md", b"C")

    result = write_pages(groups(), out)
    assert (result.written, result.pages) == (2, 2) and (out / "b" / "c.md").read_bytes() == b"C"
    with pytest.raises(BuildError, match="two pages want the same file"):
        write_pages(iter([SiteFile("a.md", b"A"), SiteFile("./a.md", b"B")]), out)


def test_a_page_outside_the_folder_or_claimed_twice_stops_the_build(tmp_path):
    """Paths are checked as strings (write._relative): one written in another
    spelling is the same file, and one that climbs out is refused."""
    from generator.errors import BuildError

    out = tmp_path / "docs"
    written = write_pages([SiteFile("a/b.md", b"1"), SiteFile("./c//d.md", b"2")], out)
    assert written.written == 2 and (out / "a/b.md").read_bytes() == b"1" and (out / "c/d.md").read_bytes() == b"2"
    for pages, message in (([SiteFile("../x.md", b"")], "outside"), ([SiteFile("/x.md", b"")], "outside"),
                           ([SiteFile("", b"")], "outside"),
                           ([SiteFile("a/b.md", b""), SiteFile("a/./b.md", b"")], "two pages")):
        with pytest.raises(BuildError, match=message):
            write_pages(pages, out)
    assert not (tmp_path / "x.md").exists()


def test_files_no_page_claims_go_with_the_folders_they_leave_empty(tmp_path):
    """What a deleted report leaves: its files, and every folder left without
    a page's file (an empty one too); folders holding a kept page stay."""
    out = tmp_path / "docs"
    first = write_pages([SiteFile("keep.md", b"k"), SiteFile("a/b/c.md", b"c"), SiteFile("a/d.md", b"d"),
                         SiteFile("x/y/z.md", b"z")], out)
    assert first.written == 4
    (out / "empty" / "deeper").mkdir(parents=True)
    (out / "a" / ".stray.tmp").write_bytes(b"left by a killed build")
    again = write_pages([SiteFile("keep.md", b"k"), SiteFile("a/d.md", b"d2"), SiteFile("n/m.md", b"m")], out)
    assert (again.written, again.unchanged, again.removed) == (2, 1, 3)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["a", "a/d.md", "keep.md", "n", "n/m.md"]
