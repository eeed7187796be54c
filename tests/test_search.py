"""The search stage: the words Pagefind indexes, the records, shards rebuilt only when they change."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.search import index as search
from generator.search.index import (
    FILLER,
    PARA,
    SPACE,
    SearchRecord,
    build_search_index,
    characters,
    packed_record,
    record_content,
    record_text,
    words,
)


def fragments(site_dir: Path) -> dict[str, dict]:
    """url -> the record the index keeps for each result (content, meta, filters)."""
    out = {}
    for path in (site_dir / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data[:12] == b"pagefind_dcd"
        record = json.loads(data[12:])
        out[record["url"].lstrip("/")] = record  # Pagefind names a page's URL from the site's root
    return out


def unstable(relative: str) -> bool:
    """Pagefind's filter and meta files (and the entry naming the meta file)
    differ between two runs over the same records: it writes them from hash
    maps (Pagefind issue #638; its fragments and word index are stable)."""
    name = relative.rsplit("/", 1)[-1]
    return relative.startswith("pagefind/") and (
        name.endswith((".pf_filter", ".pf_meta")) or name == "pagefind-entry.json")


def phrase_in(content: str, phrase: str) -> int:
    """How often the word list holds the phrase (of 2 or more characters) as
    the search page asks it: its bigrams at consecutive positions."""
    pairs = [phrase[i:i + 2] for i in range(len(phrase) - 1)]
    tokens = content.split(" ")
    return sum(tokens[i:i + len(pairs)] == pairs for i in range(len(tokens)))


def test_words_are_the_bigrams_starting_at_each_position():
    assert words("行政复议") == ["行政", "政复", "复议", FILLER]
    assert words("调解，ICP 备2023") == ["调解", FILLER, "，", "ic", "cp", FILLER, SPACE,
                                        "备2", "20", "02", "23", FILLER]
    assert words("a") == [FILLER]
    assert words("行政复议", 3) == ["行政复", "政复议", FILLER, FILLER]  # n-grams of another n, the same way


def test_the_stored_text_has_one_character_for_each_word_position():
    text = "一、开展行政复议 工作。（二）2023年  ICP"
    for n in (2, 3):
        indexed = words(text, n)
        shown = characters(text)
        assert len(indexed) == len(shown)
        assert all(w == FILLER or w == SPACE and c == " " or w.startswith(c) for w, c in zip(indexed, shown))
    assert characters(text) == "一、开展行政复议 工作。（二）2023年 icp"


def test_phrases_never_run_across_paragraphs():
    record = SearchRecord("reports/a", "reports/a/", "标题", (("", "标题"), ("p-1", "依法行政"), ("p-2", "复议工作")))
    content, starts = record_content(record)
    assert phrase_in(content, "依法行政") == 1 and phrase_in(content, "行政复议") == 0
    assert phrase_in(content, "行政") == 1 and phrase_in(content, "政复") == 0
    assert PARA in content.split(" ")
    assert starts == "p-1:3 p-2:8"  # 标题 is words 0-1, ¶ is 2; each paragraph starts after its ¶


def chunks(words: str, n: int) -> list[str]:
    """A routing file's words of n characters, which it holds concatenated."""
    return [words[i:i + n] for i in range(0, len(words), n)]


def records(n: int, edited: int | None = None) -> list[SearchRecord]:
    return [SearchRecord(f"reports/r{i}", f"reports/r{i}/", f"报告{i}",
                         (("", f"第{i}号报告开展{'行政复核' if i == edited else '行政复议'}"),),
                         filters=(("province", ("安徽省",)),)) for i in range(n)]


THEME = SearchRecord("themes/t", "themes/t/", "主题：调解", (("", "调解"),), meta=(("kind", "主题"),))


def test_a_packed_record_is_indexed_as_the_record_itself(tmp_path):
    """The build hands the indexer its report records packed (their units
    compressed, search_records(pack=True)): the index and its state are
    those of the plain records, and an unchanged record is not indexed again
    whichever way it comes."""
    plain = build_search_index(records(7) + [THEME], tmp_path / "plain")
    packed = [packed_record(r) for r in records(7)]
    assert all(r.units == () and r.packed for r in packed)
    assert [record_content(p) for p in packed] == [record_content(r) for r in records(7)]
    assert build_search_index(packed + [THEME], tmp_path / "packed") == plain
    state = {name: json.loads((tmp_path / name / "state.json").read_text()) for name in ("plain", "packed")}
    assert state["packed"] == state["plain"]
    assert build_search_index(packed + [THEME], tmp_path / "plain").rebuilt == 0


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_change_is_indexed_alone_and_the_base_result_it_replaces_is_dropped(tmp_path):
    cache = tmp_path / "search"
    first = build_search_index(records(7) + [THEME], cache)
    # the theme shard (small) comes first where it has words: the page opens it whatever the query
    assert first.shards == ("themes", "base")
    assert first.rebuilt == 2 and first.superseded == ()
    assert build_search_index(records(7) + [THEME], cache).rebuilt == 0  # nothing changed: nothing indexed
    base_ids = {url: path.stem for path in (cache / "base/fragment").glob("*")
                for url in [json.loads(gzip.decompress(path.read_bytes())[12:])["url"].lstrip("/")]}
    # r3 edited, r6 deleted, r7 added: only those two records are indexed, in the delta
    changed = [r for r in records(8, edited=3) if r.key != "reports/r6"] + [THEME]
    routing = (cache / "routes/0.json").stat()
    second = build_search_index(changed, cache)
    assert (cache / "routes/0.json").stat().st_mtime_ns == routing.st_mtime_ns  # the base's table is kept
    assert second.shards == ("themes", "base", "delta") and second.rebuilt == 1 and second.delta == 3
    assert {base_ids["reports/r3/"], base_ids["reports/r6/"]} == set(second.superseded)
    site = tmp_path / "site"
    search.publish_search_index(second, cache, site)
    manifest = json.loads((site / "pagefind/shards.json").read_text())
    assert manifest == {"shards": ["themes", "base", "delta"], "superseded": list(second.superseded),
                        "routes": {"bits": 0, "parts": ["base"]}}
    # one base part: the routing table is one file, every word of the base in it
    routes = json.loads((site / "pagefind/routes/0.json").read_text())
    assert set(routes) == {"2"} and set(routes["2"]) == {"*"}  # every word is in the only part
    assert "行政" in chunks(routes["2"]["*"], 2) and "复议" in chunks(routes["2"]["*"], 2)
    assert "调解" not in chunks(routes["2"]["*"], 2)  # only a theme holds it
    # the script and WebAssembly: in the shard the page opens first, and in the first base part,
    # which the page opens first when the theme shard has no words
    assert sorted(p.parent.name for p in (site / "pagefind").glob("*/pagefind.js")) == ["base", "themes"]
    assert sorted(p.parent.name for p in (site / "pagefind").glob("*/*.pagefind")) == ["base", "themes"]
    delta = {json.loads(gzip.decompress(p.read_bytes())[12:])["url"].lstrip("/"): p
             for p in (site / "pagefind/delta/fragment").glob("*")}
    assert set(delta) == {"reports/r3/", "reports/r7/"}
    record = json.loads(gzip.decompress(delta["reports/r3/"].read_bytes())[12:])
    assert record["filters"] == {}  # Pagefind filters with its filter files; the page reads no record's
    # the stored text is the record's characters, one per word position (what the page reads)
    edited = next(r for r in changed if r.key == "reports/r3")
    indexed = record_content(edited)[0].split(" ")
    assert phrase_in(" ".join(indexed), "行政复核") == 1
    # a report's text is not stored (its page holds it, search.js cuts the excerpt there):
    # only where each unit starts, which the page's excerpt is found by
    assert record["content"] == "" and record["meta"].get("at", "") == record_content(edited)[1]
    (theme,) = [json.loads(gzip.decompress(p.read_bytes())[12:]) for p in (site / "pagefind/themes/fragment").glob("*")]
    assert theme["content"] == record_text(THEME) == "调解" and theme["meta"]["kind"] == "主题"  # a theme page's text is stored
    # the same again: the delta is kept as it is
    assert build_search_index(changed, cache).rebuilt == 0


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_large_delta_makes_the_base_again(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "DELTA_MIN", 1)
    monkeypatch.setattr(search, "DELTA_SHARE", 0.0)
    cache = tmp_path / "search"
    build_search_index(records(5), cache)
    assert build_search_index(records(6), cache).shards == ("base", "delta")  # one change: a delta
    again = build_search_index(records(7), cache)  # two: the base is made again
    assert again.shards == ("base",) and again.superseded == () and not (cache / "delta").exists()
    assert len(list((cache / "base/fragment").glob("*"))) == 7


def page_merges_only_the_parts_that_can_hold_the_query(site: Path, index: search.SearchIndex, browser) -> None:
    """The search page's own module (search.js) over a published base of
    three parts (records(7, edited=4)), in Chromium: a query held by one
    report loads only its part (and the part the page opens first); a common
    one stops at the results asked for and finds all of them when asked for all."""
    from tests.conftest import serving

    (site / "assets/javascripts").mkdir(parents=True)
    script = Path(__file__).resolve().parent.parent / "overrides/assets/javascripts/search.js"
    (site / "assets/javascripts/search.js").write_bytes(script.read_bytes())
    (site / "search").mkdir()
    (site / "search/index.html").write_text("<!doctype html><html lang='zh'><body></body></html>")
    number = {i: search.shard_of(f"reports/r{i}", 3) for i in range(7)}
    def part_name(n: int) -> str:
        return f"base-{n}" if n else "base"

    part = {i: part_name(n) for i, n in number.items()}

    ask = """async ([query, enough]) => {
        const m = await import('../assets/javascripts/search.js');
        const index = await m.openIndex(new URL('../pagefind/', location.href));
        const found = enough ? await m.findSome(index, query, {}, enough)
                             : { items: await m.find(index, query, {}), complete: true };
        const urls = await Promise.all(found.items.map(async (i) => (await i.result.data()).url));
        return { urls: urls.sort(), complete: found.complete };
    }"""
    with serving(site) as served:

        def run(query: str, enough: int) -> tuple[dict, set[str]]:
            page = browser.new_page()
            page.goto(served + "search/")
            parts: set[str] = set()
            page.on("request", lambda r: parts.add(r.url.split("/pagefind/")[1].split("/")[0])
                    if "/pagefind/base" in r.url else None)
            answer = page.evaluate(ask, [query, enough])
            page.close()
            return answer, parts

        answer, parts = run("行政复核", 5)  # only r4 has it
        assert answer == {"urls": ["/reports/r4/"], "complete": True}
        assert parts <= {index.shards[0], part[4]}
        everyone = [f"/reports/r{i}/" for i in range(7) if i != 4]
        # one result asked: the part opened first if it holds the query, else the first other part that does
        first = index.shards[0]
        holding = sorted({number[i] for i in range(7) if i != 4})
        others = [n for n in holding if part_name(n) != first]
        searched = first if first in map(part_name, holding) else part_name(others[0])
        answer, parts = run("行政复议", 1)
        assert answer["urls"] == [u for i, u in enumerate(everyone) if part[i + (i >= 4)] == searched]
        assert answer["complete"] == (not others if searched == first else len(others) == 1)
        assert run("行政复议", 0)[0]["urls"] == everyone
        # a search continued on the same page counts every part that can hold the query, not only those left
        page = browser.new_page()
        page.goto(served + "search/")
        counts = page.evaluate("""async (query) => {
            const m = await import('../assets/javascripts/search.js');
            const index = await m.openIndex(new URL('../pagefind/', location.href));
            const a = await m.findSome(index, query, {}, 1);
            const b = await m.findSome(index, query, {}, Infinity);
            return [a.searched, a.candidates, b.searched, b.candidates, b.complete];
        }""", "行政复议")
        page.close()
        assert counts == [1, len(holding), len(holding), len(holding), True], counts
        assert run("调解", 0)[0]["urls"] == []  # in no record


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_large_base_is_split_and_only_the_parts_holding_changes_are_made_again(tmp_path, monkeypatch, browser):
    monkeypatch.setattr(search, "BASE_CHARACTERS", 30)  # seven records of 11 characters: three parts
    monkeypatch.setattr(search, "DELTA_MIN", 0)
    monkeypatch.setattr(search, "DELTA_SHARE", 0.0)
    cache = tmp_path / "search"
    first = build_search_index(records(7), cache)
    # a part no record falls in has no words: it is no Pagefind bundle and is not listed
    held = sorted({search.shard_of(f"reports/r{i}", 3) for i in range(7)})
    assert first.shards == tuple(f"base-{n}" if n else "base" for n in held) and first.rebuilt == 3
    second = build_search_index(records(7, edited=4), cache)  # past the (zero) delta limit
    assert second.shards == first.shards and second.rebuilt == 1 and second.superseded == ()
    site = tmp_path / "site"
    search.publish_search_index(second, cache, site)
    found = fragments(site)
    assert set(found) == {f"reports/r{i}/" for i in range(7)}
    assert found["reports/r4/"]["content"] == ""  # a report's text is not stored (its page holds it)
    # the first listed part keeps the script, which the page loads from there
    assert [p.parent.name for p in (site / "pagefind").glob("*/pagefind.js")] == [second.shards[0]]
    # the routing table names, for each word, the parts holding it: r4's 复核 only its part
    manifest = json.loads((site / "pagefind/shards.json").read_text())
    bits, parts = manifest["routes"]["bits"], manifest["routes"]["parts"]
    assert parts == ["base", "base-1", "base-2"]

    def holders(word: str) -> object:
        table = json.loads((site / "pagefind/routes" / f"{search.route_file(search.route_hash(word), bits)}.json")
                           .read_text())
        found = [key for key, words in table.get(str(len(word)), {}).items() if word in chunks(words, len(word))]
        assert len(found) <= 1
        return None if not found else "*" if found[0] == "*" else [int(n) for n in found[0].split(",")]

    four = search.shard_of("reports/r4", 3)
    assert holders("复核") == [four] and holders("4号") == [four]
    assert holders("行政") == ("*" if len(held) == 3 else held)  # in every record
    others = sorted({search.shard_of(f"reports/r{i}", 3) for i in range(7) if i != 4})
    assert holders("复议") == ("*" if len(others) == 3 else others)
    assert holders("调解") is None  # in no record
    page_merges_only_the_parts_that_can_hold_the_query(site, second, browser)


def test_a_failed_index_fails_the_build_and_keeps_the_published_site(tmp_path, monkeypatch):
    import generator.build.pipeline as build_module
    from generator.errors import BuildError
    from tests.conftest import make_project

    project = make_project(tmp_path / "p")
    build_module.build(project)
    before = (project.site_dir / "index.html").read_bytes()

    def broken(records, cache_dir, stop=None):
        raise BuildError(f"{cache_dir}: indexing for search failed: RuntimeError: disk on fire")

    monkeypatch.setattr(build_module, "build_search_index", broken)
    with pytest.raises(BuildError, match="^.*indexing for search failed: RuntimeError: disk on fire$"):
        build_module.build(project, clean=True)
    assert (project.site_dir / "index.html").read_bytes() == before
    assert not list(project.root.glob(".site.new*"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_each_shard_is_cut_into_chunks_of_its_own_size(tmp_path, monkeypatch):
    """Pagefind gets a chunk size fitted to the shard it indexes: a shard of
    few records is cut fine (its chunks hold many rare words), a large one
    coarsely (its chunk list is what every first search downloads)."""
    assert search.chunk_size(1) == search.CHUNK_MIN
    assert search.chunk_size(1000) == 1000 * search.CHUNK_PER_REPORT > search.CHUNK_MIN
    chunks = {}
    for per_report in (1, 1000):
        monkeypatch.setattr(search, "CHUNK_MIN", 1)
        monkeypatch.setattr(search, "CHUNK_PER_REPORT", per_report)
        cache = tmp_path / f"search-{per_report}"
        build_search_index(records(5), cache)
        chunks[per_report] = len(list((cache / "base/index").glob("*.pf_index")))
    assert chunks[1000] == 1 < chunks[1]  # 5,000 locations hold the five records whole


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_base_made_another_way_is_made_again_whole(tmp_path, monkeypatch):
    """A generator that writes words or chunks another way makes the base
    again: a delta of every report over a base of the old format would serve
    queries from chunks no longer read as they were written."""
    cache = tmp_path / "search"
    build_search_index(records(5), cache)
    (cache / "pairs-base" / "index").mkdir(parents=True)  # a shard of the bigram index kept beside the trigrams'
    monkeypatch.setattr(search, "UNITS_VERSION", "another-shape")
    again = build_search_index(records(5), cache)
    assert again.shards == ("base",) and again.superseded == () and again.rebuilt == 1
    assert sorted(p.name for p in cache.iterdir()) == ["base", "grams", "routes", "state.json"]  # no older shape's
    assert json.loads((cache / "state.json").read_text())["format"].startswith("another-shape ")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_indexing_stops_when_asked_and_leaves_nothing_half_made(tmp_path):
    import threading

    cache = tmp_path / "search"
    stop = threading.Event()
    stop.set()
    with pytest.raises(search.Stopped):
        build_search_index(records(3), cache, stop)
    assert not list(cache.glob("*.new")) and not (cache / "state.json").exists()


@pytest.mark.parametrize("failing_step, message", [("compare_site", "a page could not be made"),
                                                     ("run_mkdocs", "mkdocs failed: a template error")])
def test_a_build_that_fails_while_indexing_stops_the_indexing(tmp_path, monkeypatch, failing_step, message):
    """Indexing starts once the pages are written (beside MkDocs): a failure
    in MkDocs must not wait for it to finish, and a failure while the pages
    are made never starts it."""
    import generator.build.pipeline as build_module
    from generator.errors import BuildError
    from tests.conftest import make_project

    project = make_project(tmp_path / "p")
    told = []

    def indexing(records, cache_dir, stop=None):
        told.append(stop.wait(timeout=30))  # True as soon as the build says stop
        raise search.Stopped()

    def failing(*args, **kwargs):
        raise BuildError(message)

    monkeypatch.setattr(build_module, "build_search_index", indexing)
    monkeypatch.setattr(build_module, failing_step, failing)
    with pytest.raises(BuildError, match=message):
        build_module.build(project)
    assert told == ([] if failing_step == "compare_site" else [True])


def test_ids_that_would_hide_a_result_are_found():
    """Pagefind's ids are unique within one process only; the page tells
    results apart by id across shards, and drops superseded ids."""
    live = {"a": "und_1", "b": "und_1", "c": "und_3", "d": "und_4", "e": "und_5", "f": ""}
    retired = {"c": [None, "und_3", 0],  # edited to the same text: its own id, not a clash
               "x": [None, "und_5", 0],  # deleted; its id is e's
               "y": [None, "", 0]}  # no word of the index: no id
    assert search._clashing(live, retired, fresh={"a", "c", "e", "f"}) == {"a", "e"}
    assert search._clashing(live, retired, fresh={"d"}) == set()  # only records indexed now are salted


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_record_whose_id_clashes_is_salted_and_indexed_again(tmp_path, monkeypatch):
    real = search._index_jobs
    calls = []

    def clashing_once(jobs, cache_dir, stop, primary=None):
        made = real(jobs, cache_dir, stop, primary)
        calls.append([[r.meta for r in job] for job, _ in jobs])
        if len(calls) == 1:  # as if Pagefind had given r1 the id of r2 in another shard
            made["base"]["reports/r1"] = made["base"]["reports/r2"]
        return made

    monkeypatch.setattr(search, "_index_jobs", clashing_once)
    cache = tmp_path / "search"
    build_search_index(records(4), cache)
    assert len(calls) == 2 and {("salt", "1")} <= set(sum((list(m) for m in calls[1][0]), []))
    state = json.loads((cache / "state.json").read_text())
    ids = [entry[1] for entry in state["base"].values()]
    assert len(set(ids)) == 4 and {p.stem for p in (cache / "base/fragment").glob("*")} == set(ids)
    site = tmp_path / "site"
    search.publish_search_index(build_search_index(records(4), cache), cache, site)
    assert fragments(site)["reports/r1/"]["meta"]["salt"] == "1"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_an_edit_the_index_cannot_see_leaves_the_result_current(tmp_path):
    """An edit of letter case only gives the delta's record the id of the
    base's: that id must not be dropped as superseded."""
    def shaped(text: str) -> list[SearchRecord]:
        return [SearchRecord(f"reports/r{i}", f"reports/r{i}/", f"报告{i}", (("", f"第{i}号报告{text if i == 2 else 'App'}"),))
                for i in range(5)]

    cache = tmp_path / "search"
    build_search_index(shaped("App"), cache)
    second = build_search_index(shaped("APP"), cache)
    assert second.delta == 1 and second.superseded == ()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_build_stopped_while_shards_are_swapped_starts_the_index_again(tmp_path, monkeypatch):
    """Between the first swap of a new shard into place and the state written
    after the last, shards and state disagree (the state's ids could name
    records no longer there): the state goes first."""
    cache = tmp_path / "search"
    build_search_index(records(5) + [THEME], cache)
    theme = SearchRecord("themes/t", "themes/t/", "主题：调解", (("", "人民调解"),), meta=(("kind", "主题"),))
    renames = []
    original = Path.rename

    def failing(self, target):
        renames.append(self)
        if len(renames) == 2:
            raise OSError("disk gone")
        return original(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError):  # the delta swapped in, the theme shard not
        build_search_index(records(5, edited=1) + [theme], cache)
    monkeypatch.undo()
    assert not (cache / "state.json").exists()
    again = build_search_index(records(5, edited=1) + [theme], cache)
    assert again.shards == ("themes", "base") and again.rebuilt == 2 and again.superseded == ()


def test_pagefind_is_the_release_whose_index_format_was_checked():
    """The index format below was read against one Pagefind release; another
    must be checked first (README, "Upgrading Pagefind")."""
    from importlib.metadata import version

    installed = version("pagefind")
    assert installed == search.PAGEFIND_VERSION, (
        f"Pagefind {installed} is installed, the search index was checked against {search.PAGEFIND_VERSION}: "
        "follow README's \"Upgrading Pagefind\" before changing PAGEFIND_VERSION")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_pagefind_writes_the_index_format_the_generator_and_the_page_read(tmp_path):
    """What this module and search.js rely on in Pagefind's output, from
    its command line over the pages record_page writes: the entry file and
    its language, one record file per page (FRAGMENT, then JSON with the
    page's URL, words, meta and filters from the <meta> elements), the
    chunked word index, and the script's functions search.js calls. Fails
    with the part that changed if a release writes another format."""
    cache = tmp_path / "search"
    index = build_search_index(records(2), cache)
    assert index.shards == ("base",)
    entry = json.loads((cache / "base/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == search.PAGEFIND_VERSION
    assert list(entry["languages"]) == [search.LANGUAGE] and entry["languages"][search.LANGUAGE]["page_count"] == 2
    assert (cache / f"base/pagefind.{entry['languages'][search.LANGUAGE]['hash']}.pf_meta").is_file()
    assert list((cache / "base/index").glob("*.pf_index"))
    stored = {r["url"]: r for r in map(search.read_fragment, (cache / "base/fragment").glob("*.pf_fragment"))}
    assert set(stored) == {"/reports/r0/", "/reports/r1/"}
    first = stored["/reports/r0/"]
    assert first["meta"]["title"] == "报告0" and first["filters"] == {}  # the filter files hold them
    assert list((cache / "base/filter").glob("*.pf_filter"))
    assert first["content"] == ""  # a report's text is not stored: its page holds it
    # every word takes a position, the unindexed ones (FILLER) too: phrases and excerpts rely on it
    assert first["word_count"] == len(record_content(records(2)[0])[0].split(" "))
    script = (cache / "base/pagefind.js").read_text(encoding="utf-8")
    assert all(name in script for name in ("createInstance", "mergeIndex", "init", "search"))
    assert list((cache / "base").glob("wasm.*.pagefind")) and (cache / "base/pagefind-worker.js").is_file()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_index_holds_the_text_s_words_only_with_the_weight_mark(tmp_path):
    """A record's meta (its issuer, where each unit starts) reaches the
    search page through the record's file, not through Pagefind, which
    would index every meta value as words (a query of digits could match an
    anchor's position); and every word's locations carry the mark of weight
    1.0 (0x38 0x18, CBOR's -25: weight 24; Pagefind answers about twice as
    fast with it, generator/search/index.py PAGE_WEIGHT)."""
    record = SearchRecord("reports/m", "reports/m/", "报告甲",
                          (("", "报告甲"), ("p-beef1234", "推进行政复议"), ("s9", "二、工作打算")),
                          meta=(("issuer", "某县司法局"),))
    cache = tmp_path / "search"
    build_search_index([record], cache)
    (stored,) = map(search.read_fragment, (cache / "base/fragment").glob("*.pf_fragment"))
    # title 报告甲 (4 positions with the paragraph mark), then 推进行政复议 (6), then the heading
    assert stored["meta"] == {"title": "报告甲", "issuer": "某县司法局", "at": "p-beef1234:4 s9:11"}
    chunks = b"".join(gzip.decompress(path.read_bytes()) for path in (cache / "base/index").glob("*.pf_index"))
    assert "行政".encode() in chunks and "复议".encode() in chunks
    assert not any(word.encode() in chunks for word in ("beef1234", "某县司法局", "s9"))
    bigrams = ("报告", "告甲", "推进", "进行", "行政", "政复", "复议", "工作", "作打", "打算")
    assert chunks.count(b"\x38\x18") == len(bigrams)  # one mark before each word's locations


def test_a_record_file_of_another_format_stops_the_build_with_what_to_do(tmp_path):
    path = tmp_path / "und_0000000.pf_fragment"
    path.write_bytes(gzip.compress(b"pagefind_xyz{}"))
    from generator.errors import BuildError

    with pytest.raises(BuildError, match=r"cannot read .*Upgrading Pagefind"):
        search.read_fragment(path)
