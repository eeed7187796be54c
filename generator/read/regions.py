"""URL slugs for China's province-level divisions.

Written by hand: 34 fixed names, and the one pair that plain pinyin cannot tell
apart (山西 shanxi / 陕西 shaanxi) follows the official romanisation.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.records import Report

PROVINCES = {
    "北京市": "beijing", "天津市": "tianjin", "河北省": "hebei", "山西省": "shanxi",
    "内蒙古自治区": "neimenggu", "辽宁省": "liaoning", "吉林省": "jilin", "黑龙江省": "heilongjiang",
    "上海市": "shanghai", "江苏省": "jiangsu", "浙江省": "zhejiang", "安徽省": "anhui",
    "福建省": "fujian", "江西省": "jiangxi", "山东省": "shandong", "河南省": "henan",
    "湖北省": "hubei", "湖南省": "hunan", "广东省": "guangdong", "广西壮族自治区": "guangxi",
    "海南省": "hainan", "重庆市": "chongqing", "四川省": "sichuan", "贵州省": "guizhou",
    "云南省": "yunnan", "西藏自治区": "xizang", "陕西省": "shaanxi", "甘肃省": "gansu",
    "青海省": "qinghai", "宁夏回族自治区": "ningxia", "新疆维吾尔自治区": "xinjiang",
    "台湾省": "taiwan", "香港特别行政区": "hongkong", "澳门特别行政区": "macao",
}
UNKNOWN = "unknown"
NAMES = {slug: name for name, slug in PROVINCES.items()} | {UNKNOWN: "地区不详"}
ORDER = [*PROVINCES.values(), UNKNOWN]


def province_slug(name: object) -> str:
    return PROVINCES.get(str(name), UNKNOWN) if name else UNKNOWN


def by_province(reports: Iterable[Report]) -> dict[str, list[Report]]:
    """Reports grouped by their province's slug, provinces in the usual order
    and those of unknown province last; each group keeps the given order."""
    groups: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        groups[province_slug(report.metadata.get("province"))].append(report)
    return {slug: groups[slug] for slug in ORDER if slug in groups}
