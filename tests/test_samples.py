"""The five sample reports: golden files, plus values verified by hand.

Golden files pin the whole output and are refreshed with
`python -m tests.refresh_golden`: they guard against unintended change and
verify nothing (they are the code's own output). The table below was checked
against the texts by a person and must not be refreshed automatically.
"""
from __future__ import annotations

import json
import re
from functools import cache

import opencc
import pytest

from generator.read.clean import LOST
from generator.read.page import chrome_reason
from tests.conftest import SAMPLES, SLUGS
from tests.refresh_golden import GOLDEN, expected

HAND_CHECKED = {
    "2022-anhui-wuhu": dict(
        title="芜湖市人民政府关于2022年法治政府建设情况的报告", title_derived=False, issuer="芜湖市人民政府",
        level="city", province="安徽省", city="芜湖市", county=None, town=None, year=2022,
        date="2023-03-29", doc_number=None, source="芜湖市司法局"),
    "2022-chongqing-yunyang-houye": dict(
        title="中共云阳县后叶镇委员会 云阳县后叶镇人民政府关于2022年度法治政府建设工作报告", title_derived=False,
        # Issuers are named without their parent places (as in ../shared/wild's labels);
        # a municipality has no city of its own.
        issuer="中共后叶镇委员会、后叶镇人民政府", level="town", province="重庆市", city=None,
        county="云阳县", town="后叶镇", year=2022, date=None, doc_number="后叶委文〔2023〕3号", source=None),
    "2023-anhui-shexian-xucun": dict(
        title="许村镇2023年度法治政府建设情况报告", title_derived=True, issuer="许村镇人民政府", level="town",
        province="安徽省", city="黄山市", county="歙县", town="许村镇", year=2023, date=None, doc_number=None,
        source=None),
    "2023-guangdong-dongguan-huangjiang": dict(
        title="黄江镇2023年度法治政府建设情况报告", title_derived=True, issuer="中共黄江镇委员会、黄江镇人民政府",
        level="town", province="广东省", city="东莞市", county=None, town="黄江镇", year=2023, date="2024-01-30",
        doc_number=None, source=None),
    "2023-shanxi-xiangning": dict(
        title="乡宁县2023年度法治政府建设情况报告", title_derived=True, issuer="中共乡宁县委、乡宁县人民政府",
        level="county", province="山西省", city="临汾市", county="乡宁县", town=None, year=2023, date="2024-01-19",
        doc_number=None, source="山西省临汾市乡宁县人民政府"),
}
# Headings counted by hand in each text (numbered headings of every level).
HEADINGS = {"2022-anhui-wuhu": 10, "2022-chongqing-yunyang-houye": 51, "2023-anhui-shexian-xucun": 19,
            "2023-guangdong-dongguan-huangjiang": 18, "2023-shanxi-xiangning": 17}


@cache
def output(slug: str) -> tuple[str, str]:
    """(cleaned text, inspect JSON) for one sample, computed once per test run."""
    return expected(SAMPLES / f"{slug}.txt")


def test_every_sample_has_golden_files():
    assert SLUGS == sorted(HAND_CHECKED)
    for slug in SLUGS:
        assert (GOLDEN / f"{slug}.cleaned.txt").is_file(), "run: python -m tests.refresh_golden"
        assert (GOLDEN / f"{slug}.json").is_file()


@pytest.mark.parametrize("slug", SLUGS)
def test_golden(slug):
    cleaned, record = output(slug)
    assert cleaned == (GOLDEN / f"{slug}.cleaned.txt").read_text(encoding="utf-8")
    assert record == (GOLDEN / f"{slug}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_metadata_verified_by_hand(slug):
    record = json.loads(output(slug)[1])
    got = {key: record[key] for key in HAND_CHECKED[slug]}
    assert got == HAND_CHECKED[slug]
    assert len(record["sections"]) == HEADINGS[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_cleaned_text_has_no_damage_left(slug):
    text = output(slug)[0]
    assert not any(chrome_reason(line) for line in text.splitlines())
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", text)
    assert opencc.OpenCC("t2s").convert(text) == text
    assert "九游会" not in text and "?" not in text
    assert not re.search(r"[\u4e00-\u9fff][,:;]|[,:;][\u4e00-\u9fff]", text)


def test_xiangning_cleaning_counts():
    diagnostics = {d["code"]: d["count"] for d in json.loads(output("2023-shanxi-xiangning")[1])["diagnostics"]}
    # 205 readings plus one whose character was lost (成績?nèi)); 10 chrome
    # lines (two identical footer blocks, above and below the text), 3 lines of
    # signature; 8 '?' of which 2 sat in chrome lines and 1 in the signature.
    assert diagnostics["pinyin-removed"] == 206
    frame = json.loads(output("2023-shanxi-xiangning")[1])["frame"]
    assert [f["role"] for f in frame] == ["chrome"] * 5 + ["signature"] * 3 + ["chrome"] * 5
    assert diagnostics["lost-characters"] == 5
    text = output("2023-shanxi-xiangning")[0]
    assert text.count(LOST) == 5
