"""The metadata schema, declared once.

The same declaration validates sidecars (``content/reports/<slug>.yml``), fixes
the order of keys in the generated frontmatter and in ``fazhi inspect``, and
gives the Chinese labels shown on report pages.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import Problem
from generator.read.decode import invisible_in
from generator.read.yamlfile import YamlFile, compose

LEVELS = {
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "town": "乡镇（街道）",
    "department": "部门",
}


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty text, got {value!r}")
    if hidden := invisible_in(value):
        raise ValueError(f"contains an invisible character ({hidden}); delete it, or type the value again")
    return value.strip()


def _year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        raise ValueError(f"must be a number between 1990 and 2100, got {value!r}")
    return value


FIRST_DATE, LAST_DATE = dt.date(1990, 1, 1), dt.date(2100, 12, 31)  # as for year


def _date(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if not isinstance(value, dt.date):
        raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValueError(f"must be a date from {FIRST_DATE} to {LAST_DATE}, got {value.isoformat()}")
    return value.isoformat()


def _level(value: object) -> str:
    if value not in LEVELS:
        raise ValueError(f"must be one of {', '.join(LEVELS)}, got {value!r}")
    return str(value)


MAX_URL = 2000  # characters: what browsers and servers reliably accept; a longer value is no address


def _url(value: object) -> str:
    text = _text(value)
    if len(text) > MAX_URL:
        raise ValueError(f"is {len(text):,} characters long; an address has at most {MAX_URL:,}: give the page's address")
    if not re.fullmatch(r"https?://[^\s<>\"']+", text):
        raise ValueError(f"must be an http:// or https:// address, got {value!r}")
    return text


@dataclass(frozen=True)
class Key:
    name: str
    label: str  # shown to readers
    check: Callable[[object], object]
    doc: str


KEYS: tuple[Key, ...] = (
    Key("title", "标题", _text, "Title of the report; derived from issuer and year when the text has none."),
    Key("issuer", "发布机关", _text, "Issuing body or bodies, joined with 、."),
    Key("level", "层级", _level, "Level of the issuing body: " + ", ".join(LEVELS) + "."),
    Key("province", "省份", _text, "Province-level division, e.g. 安徽省 or 重庆市."),
    Key("city", "市", _text, "Prefecture-level city, where it applies."),
    Key("county", "县（区）", _text, "County or district, where it applies."),
    Key("town", "乡镇（街道）", _text, "Town, township or street, where it applies."),
    Key("year", "报告年度", _year, "The year the report covers (usually the year before publication)."),
    Key("date", "成文或发布日期", _date, "Date signed or published, YYYY-MM-DD."),
    Key("doc_number", "文号", _text, "Document number, e.g. 后叶委文〔2023〕3号."),
    Key("source", "来源", _text, "The publishing site or office."),
    Key("source_url", "原文链接", _url, "Address the text was retrieved from."),
    Key("retrieved", "获取日期", _date, "Date the text was retrieved from source_url."),
)
BY_NAME = {key.name: key for key in KEYS}
ORIGIN_LABELS = {"text": "原文", "sidecar": "补充", "derived": "推断", "markup": "网页标记"}


def load_sidecar(path: Path) -> tuple[dict[str, object], list[Problem]]:
    """Read and validate a sidecar; return its values and every problem found."""
    problems: list[Problem] = []
    _, root = compose(path, problems)
    if root is None:
        return {}, problems
    file = YamlFile(path, problems)
    nodes = file.mapping(root, None, (), tuple(BY_NAME), example="`year: 2023`")
    values: dict[str, object] = {}
    for name, node in (nodes or {}).items():
        if not isinstance(node, yaml.ScalarNode):
            file.problem(node, f"{name} must be a single value, not a list or mapping")
            continue
        try:
            values[name] = BY_NAME[name].check(file.scalar(node))
        except ValueError as exc:
            file.problem(node, f"{name} {exc}")
    return values, sorted(problems, key=lambda problem: problem.line or 0)  # in the order of the file's lines
