"""A 300-report corpus for the views' browser tests (tests/test_views.py).

Bodies of fifteen counties in fourteen provinces, five kinds each (the county
government, its 司法局, 市场监督管理局 and 公安局, and its city's government),
for four years: each report's text is the body of one of the five samples
(from its first 一、 heading on, so no title or signature of the sample is
read), and its sidecar names the body, its place, level and year. One report
in five has no title in its sidecar: those are the reports a reader must see
named by their issuer and year, never by their file name. The places are
real; the reports are not.
"""
from __future__ import annotations

import functools

import yaml

from tests.conftest import SAMPLES

PLACES = [  # province, city, county, county slug (in Latin letters, for file names)
    ("北京市", "北京市", "大兴区", "daxing"),
    ("山西省", "临汾市", "乡宁县", "xiangning"),
    ("山西省", "太原市", "清徐县", "qingxu"),
    ("江苏省", "苏州市", "昆山市", "kunshan"),
    ("浙江省", "杭州市", "桐庐县", "tonglu"),
    ("安徽省", "合肥市", "肥西县", "feixi"),
    ("安徽省", "黄山市", "歙县", "shexian"),
    ("福建省", "厦门市", "同安区", "tongan"),
    ("山东省", "济南市", "章丘区", "zhangqiu"),
    ("河南省", "郑州市", "中牟县", "zhongmou"),
    ("湖北省", "武汉市", "江夏区", "jiangxia"),
    ("广东省", "广州市", "从化区", "conghua"),
    ("重庆市", "重庆市", "云阳县", "yunyang"),
    ("四川省", "成都市", "郫都区", "pidu"),
    ("云南省", "昆明市", "宜良县", "yiliang"),
]
KINDS = [  # slug part, issuer suffix (after the county), level
    ("gov", "人民政府", "county"),
    ("sfj", "司法局", "department"),
    ("scjgj", "市场监督管理局", "department"),
    ("gaj", "公安局", "department"),
    ("city", None, "city"),
]
YEARS = (2020, 2021, 2022, 2023)


def body(text: str) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    return "\n".join(lines[start:]) + "\n"


@functools.cache
def corpus() -> dict[str, str]:
    """File name -> text of every report and sidecar (300 reports)."""
    samples = [body(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    files: dict[str, str] = {}
    n = 0
    for year in YEARS:
        for province, city, county, slug in PLACES:
            for kind, suffix, level in KINDS:
                issuer = f"{city}人民政府" if suffix is None else f"{county}{suffix}"
                if suffix is None and city == province:
                    level = "province"  # a municipality's government
                values: dict[str, object] = {"issuer": issuer, "level": level, "province": province, "year": year,
                                             "date": f"{year + 1}-03-{n % 28 + 1:02d}"}
                if city != province:
                    values["city"] = city
                if suffix is not None:
                    values["county"] = county
                if n % 5:
                    values["title"] = f"{issuer}关于{year}年度法治政府建设情况的报告"
                name = f"{year}-{slug}-{kind}"
                files[f"{name}.txt"] = samples[n % len(samples)]
                files[f"{name}.yml"] = yaml.safe_dump(values, allow_unicode=True, sort_keys=True)
                n += 1
    return files
