"""Rewrite the golden files after a deliberate change: python -m tests.refresh_golden

For every report in content/reports/ this writes tests/golden/<slug>.cleaned.txt
(the cleaned text) and tests/golden/<slug>.json (what `fazhi inspect --json`
prints for it). Review the diff before committing it.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.analyse.taxonomy import load_taxonomy
from generator.build.pipeline import read_report
from generator.cli import inspect_record
from generator.records import Source

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


def expected(path: Path) -> tuple[str, str]:
    sidecar = path.with_suffix(".yml")
    taxonomy = load_taxonomy(REPO / "content")
    report = read_report(Source(path.stem, path, path.read_bytes(), sidecar if sidecar.is_file() else None), taxonomy)
    return report.cleaned.text, json.dumps(inspect_record(report, taxonomy), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for path in sorted((REPO / "content" / "reports").glob("*.txt")):
        cleaned, record = expected(path)
        (GOLDEN / f"{path.stem}.cleaned.txt").write_text(cleaned, encoding="utf-8")
        (GOLDEN / f"{path.stem}.json").write_text(record, encoding="utf-8")
        print(f"wrote golden files for {path.stem}")


if __name__ == "__main__":
    main()
