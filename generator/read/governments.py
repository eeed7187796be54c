"""Every government at county level and above, from jionlp's gazetteer (the
one read/orgs.py reads places with): the bodies expected to publish an annual
report every year. Provinces, their cities (prefectures, autonomous
prefectures, leagues) and counties (counties, districts, county-level cities,
banners), in the gazetteer's administrative-code order. Hong Kong, Macao and
Taiwan, and the gazetteer's entries that are no government (development
zones and other functional areas, coded xxxx7x; its 直辖行政区划 filler), are left out.
"""
from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from generator.read.orgs import FILLER, load_jionlp

OUTSIDE = ("香港特别行政区", "澳门特别行政区", "台湾省")
COUNTY_UNIT = re.compile(r"(?:县|区|市|旗)$")


@dataclass(frozen=True, slots=True)
class Government:
    province: str
    city: str  # "" for a province, a municipality's districts (重庆市云阳县) and units under a province (河南省济源市)
    county: str  # "" for a province or a city
    level: str  # province | city | county
    code: str  # administrative code, for order

    @property
    def name(self) -> str:
        return self.county or self.city or self.province

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.province, self.city, self.county)


@lru_cache(maxsize=1)
def governments() -> tuple[Government, ...]:
    load_jionlp()
    from jionlp.dictionary.dictionary_loader import china_location_loader

    with contextlib.redirect_stdout(io.StringIO()):
        tree = china_location_loader(detail=False)  # three levels: towns and villages are not read
    found: list[Government] = []
    for province, p in tree.items():
        if province in OUTSIDE:
            continue
        found.append(Government(province, "", "", "province", str(p.get("_admin_code", ""))))
        for city, c in p.items():
            if city.startswith("_"):
                continue
            # a municipality's districts, and the gazetteer's filler for units directly under
            # their province (济源市, 仙桃市, 石河子市): no city government above the county
            own = "" if city == province or city.endswith(FILLER) else city
            if own:
                found.append(Government(province, own, "", "city", str(c.get("_admin_code", ""))))
            for county, k in c.items():
                code = str(k.get("_admin_code", "")) if isinstance(k, dict) else ""
                if (county.startswith("_") or "直辖" in county or not COUNTY_UNIT.search(county)
                        or code[4:5] == "7" or county.endswith("开发区")):  # statistical codes xxxx7x: development zones, no government of their own
                    continue
                found.append(Government(province, own, county, "county", code))
    return tuple(sorted(found, key=lambda g: (g.code, g.key)))
