"""build/changes.json: what a publish added, changed and removed in site/
(issue 22 item 6; generator/build/manifest.py).

One project of the five samples goes through a first build, a build that adds
a report, one stopped by Ctrl-C, one that fails, and one that removes the
report; the manifest after each is kept and checked by the tests below.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import generator.build.pipeline as pipeline
from generator.build.pipeline import Project, build
from generator.errors import BuildError
from tests.conftest import SAMPLES, make_project

NEW = "2024-anhui-wuhu"  # a later year of a sample's issuer, with a paragraph of its own
UNTOUCHED = "2023-shanxi-xiangning"  # another province, another year: nothing of it depends on NEW


def manifest(project: Project) -> dict:
    return json.loads(project.changes.read_text(encoding="utf-8"))


def paths(entries: list[dict]) -> set[str]:
    return {e["path"] for e in entries}


def site_files(site: Path) -> dict[str, tuple[int, str]]:
    """Every file of a site: its size and a digest of its bytes."""
    return {p.relative_to(site).as_posix(): (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in site.rglob("*") if p.is_file() and not p.is_symlink()}


def differing(before: dict, after: dict) -> set[str]:
    return {name for name, seen in after.items() if before.get(name) != seen}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> dict:
    project = make_project(tmp_path_factory.mktemp("manifest") / "project")
    seen: dict = {"project": project}
    build(project)
    seen["first"], seen["first_site"] = manifest(project), site_files(project.site_dir)

    text = (SAMPLES / "2022-anhui-wuhu.txt").read_text(encoding="utf-8")
    report = project.reports_dir / f"{NEW}.txt"
    report.write_text(text + "\n本年度另行开展了一次覆盖全部乡镇的执法案卷评查。\n", encoding="utf-8")
    before = site_files(project.site_dir)
    build(project)
    seen["added"], seen["added_before"], seen["added_site"] = manifest(project), before, site_files(project.site_dir)

    # Ctrl-C while the new site is made (before the swap): site/ and the manifest stay.
    report.write_text(text + "\n本年度另行开展了两次执法案卷评查。\n", encoding="utf-8")
    raw = project.changes.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "publish_search_index", interrupted)
        with pytest.raises(KeyboardInterrupt):
            build(project)
    seen["after_interrupt"] = (raw, project.changes.read_bytes())

    # A template that MkDocs cannot render: the build fails, nothing is published.
    main = project.root / "overrides" / "main.html"
    template = main.read_text(encoding="utf-8")
    main.write_text(template + "\n{% if %}\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build(project)
    seen["after_failure"] = (raw, project.changes.read_bytes())
    main.write_text(template, encoding="utf-8")
    report.write_text(text + "\n本年度另行开展了一次覆盖全部乡镇的执法案卷评查。\n", encoding="utf-8")
    build(project)  # as published before the two stopped builds

    before = site_files(project.site_dir)
    report.unlink()
    build(project)
    seen["removed"], seen["removed_before"] = manifest(project), before
    seen["removed_site"] = site_files(project.site_dir)
    return seen


def test_a_first_build_lists_every_file_of_the_site(history):
    first = history["first"]
    assert first["everything"] is True
    assert {e["path"]: e["size"] for e in first["changed"]} == {k: v[0] for k, v in history["first_site"].items()}
    assert first["removed"] == []
    assert first["changed_bytes"] == sum(v[0] for v in history["first_site"].values())
    assert "index.html" in paths(first["changed"])


def test_an_added_report_lists_its_pages_and_what_changed_with_it(history):
    added, before, after = history["added"], history["added_before"], history["added_site"]
    assert added["everything"] is False
    changed = paths(added["changed"])
    assert f"reports/{NEW}/index.html" in changed
    assert f"reports/{UNTOUCHED}/index.html" not in changed
    assert "data/reports.csv" in changed  # one row more
    # Exactly the files that are new or whose bytes differ, with their sizes.
    assert changed == differing(before, after)
    assert {e["path"]: e["size"] for e in added["changed"]} == {name: after[name][0] for name in changed}
    assert paths(added["removed"]) == set(before) - set(after)
    assert len(changed) < len(after) / 2, "most of the site did not change"
    assert not (history["project"].site_dir / "changes.json").exists()  # never uploaded


def test_a_removed_report_lists_its_files_as_removed(history):
    removed, before, after = history["removed"], history["removed_before"], history["removed_site"]
    gone = {e["path"]: e["size"] for e in removed["removed"]}
    assert f"reports/{NEW}/index.html" in gone
    assert gone == {name: before[name][0] for name in set(before) - set(after)}
    assert paths(removed["changed"]) == differing(before, after)
    assert f"reports/{UNTOUCHED}/index.html" not in paths(removed["changed"])
    assert "data/reports.csv" in paths(removed["changed"])


def test_an_interrupted_or_failed_build_leaves_the_manifest_as_it_was(history):
    raw, after = history["after_interrupt"]
    assert after == raw
    raw, after = history["after_failure"]
    assert after == raw
