"""The search stage: the words Pagefind indexes, the records, shards rebuilt only when they change."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator import search
from generator.search import PARA, SPACE, SearchRecord, build_search_index, plan_shards, record_content, words


def fragments(site_dir: Path) -> dict[str, dict]:
    """url -> the record Pagefind keeps for each result (content, meta, filters)."""
    out = {}
    for path in (site_dir / "pagefind").glob("*/fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data[:12] == b"pagefind_dcd"
        record = json.loads(data[12:])
        out[record["url"]] = record
    return out


def unstable(relative: str) -> bool:
    """Pagefind's filter and meta files (and the entry naming the meta file)
    differ between two runs over the same records: it writes them from hash
    maps (Pagefind issue #638; its fragments and word index are stable)."""
    name = relative.rsplit("/", 1)[-1]
    return relative.startswith("pagefind/") and (
        name.endswith((".pf_filter", ".pf_meta")) or name == "pagefind-entry.json")


def phrase_in(content: str, phrase: str) -> int:
    """How often the word list holds the phrase (of 3 or more characters) as
    the search page asks it: its trigrams at consecutive positions."""
    tri = [phrase[i:i + 3] for i in range(len(phrase) - 2)]
    tokens = [w.replace("-", "") for w in content.split(" ")]
    return sum(tokens[i:i + len(tri)] == tri for i in range(len(tokens)))


def test_words_are_trigrams_with_the_bigram_as_their_part():
    assert words("行政复议") == ["行政-复", "政复-议", "复议", "议"]
    assert words("调解，ICP 备2023") == ["调解", "解", "，", "ic-p", "cp", "p", SPACE,
                                        "备2-0", "20-2", "02-3", "23", "3"]
    assert words("a") == ["a"]


def test_a_character_is_read_back_from_its_word():
    text = "一、开展行政复议 工作。（二）2023年"
    assert "".join(" " if w == SPACE else w[0] for w in words(text)) == text


def test_phrases_never_run_across_paragraphs():
    record = SearchRecord("reports/a", "reports/a/", "标题", (("", "标题"), ("p-1", "依法行政"), ("p-2", "复议工作")))
    content, starts = record_content(record)
    assert phrase_in(content, "依法行政") == 1 and phrase_in(content, "行政复议") == 0
    assert PARA in content.split(" ")
    assert starts == "p-1:3 p-2:8"  # 标题 is words 0-1, ¶ is 2; each paragraph starts after its ¶


def records(n: int) -> list[SearchRecord]:
    return [SearchRecord(f"reports/r{i}", f"reports/r{i}/", f"报告{i}", (("", f"第{i}号报告开展行政复议"),),
                         filters=(("province", ("安徽省",)),)) for i in range(n)]


def test_shards_are_stable_when_a_record_is_added(monkeypatch):
    monkeypatch.setattr(search, "SHARD_REPORTS", 4)
    before = plan_shards(records(7))
    after = plan_shards(records(8))
    assert len(before) == 2 and len(after) == 2  # 2 shards of at most about 4
    changed = [name for name in after if [r.key for r in after[name]] != [r.key for r in before.get(name, [])]]
    assert changed == [name for name in after if "reports/r7" in [r.key for r in after[name]]]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_only_changed_shards_are_indexed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_REPORTS", 4)
    cache = tmp_path / "search"
    first = build_search_index(records(7), cache)
    assert first.rebuilt == len(first.shards) == 2
    assert build_search_index(records(7), cache).rebuilt == 0
    third = build_search_index(records(8), cache)
    assert third.rebuilt == 1 and third.shards == first.shards
    site = tmp_path / "site"
    search.publish_search_index(third, cache, site)
    assert json.loads((site / "pagefind/shards.json").read_text())["shards"] == list(third.shards)
    assert (site / "pagefind" / third.shards[0] / "pagefind.js").is_file()
    assert not (site / "pagefind" / third.shards[1] / "pagefind.js").exists()  # one script, merged shards
    found = fragments(site)
    assert set(found) == {f"reports/r{i}/" for i in range(8)}
    assert found["reports/r3/"]["filters"] == {"province": ["安徽省"]}
    assert phrase_in(found["reports/r3/"]["content"], "行政复议") == 1
