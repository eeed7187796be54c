"""Names of issuing bodies and their places: one grammar for the whole build.

An organisation name is a place chain followed by a suffix:

    [中共] place-chain (人民政府 | 政府 | 行政公署 | 街道办事处 | 办事处 | 委员会 | 委 | 党委 | 党工委)
    place-chain? functional-name (局 | 厅 | 委员会 | 委 | 办公室 | 办 | 部 | 署 | 中心 | 管委会 …)

The place chain is read against jionlp's gazetteer (provinces, cities, counties
and towns with their aliases), so 南通市市场监督管理局 splits into 南通市 +
市场监督管理局 and 恩施州 expands to 恩施土家族苗族自治州. The level follows
from the grammar: a department is a department whatever its place; a
government or Party committee takes the level of its place's last unit.

Written on top of jionlp rather than with it alone: jionlp parses a place in
running text but does not say where a place name ends and an office name
begins, which is what reading an organisation name needs.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
AUTONOMOUS_COUNTY = re.compile(r"自治(县|旗)$")
# A vertically managed service's local bureau is named after the service: 国家税务总局某县税务局.
VERTICAL = re.compile(r"^国家[\u4e00-\u9fff]{2,12}?总局(?=[\u4e00-\u9fff]{2,}(?:局|分局)$)")
# A department of a Party committee: 委宣传部, 委全面依法治县委员会办公室, 党工委党政办.
PARTY_DEPARTMENT = re.compile(r"^(?:党工委|党委|委员会|委)([\u4e00-\u9fff]{2,20})$")
# China's ethnic groups as autonomous units' names carry them; a name of one character
# is an ethnic name only with 族 (三都水族自治县), a longer one also without (巴里坤哈萨克自治县).
ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
          "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
          "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted((f"{e}族?" if len(e) > 1 else f"{e}族" for e in ETHNIC),
                                                   key=len, reverse=True)) + r")+(?=自治(?:县|旗|州)$)")
# A division of the Xinjiang Production and Construction Corps written before the
# city it governs as one body (师市合一): 第八师石河子市, 新疆生产建设兵团第三师图木舒克市.
CORPS = re.compile(r"^(?:新疆生产建设兵团|兵团)?第?[一二三四五六七八九十]{1,3}师(?=[\u4e00-\u9fff]{2,}市)")
# jionlp's filler for units directly under a province (石河子市, 神农架林区, 济源市) or a
# city without counties (东莞市): no place of that level.
FILLER = "直辖行政区划"
GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府|行政公署|行署|街道办事处|办事处)$")
# 工作委员会 is a Party working committee written in full (中共某街道工作委员会: 党工委).
PARTY_SUFFIX = re.compile(r"(?:[省市县区州旗盟镇乡]?委员会|工作委员会|党委|党工委|工委|[省市县区州旗盟镇乡]?委)$")
# Departments: a functional name, then one of these. 人民政府办公室 is a department.
DEPARTMENT_SUFFIX = re.compile(
    r"(?:局|厅|委员会|委|办公室|办|部|署|中心|所|队|处|院|管委会|管理委员会|公署|站|社|会)$"
)
TOWN_UNIT = re.compile(r"(?:镇|乡|街道|苏木)$")
# Particles no body's name holds: 某镇法治政府建设工作在区委 (…领导下) is a clause, not a 委.
FUNCTION_WORD = re.compile(r"的|在(?!线)")
# One-character level words standing for "this body's own place": 县司法局, 市政府.
GENERIC_PLACE = re.compile(r"^(?:省|市|县|区|州|旗|盟|镇|乡|自治区|自治州|自治县|地区)")
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# The generic-unit table: the level a place-less self-reference settles on its own.
# 市 stays None: a 市 may be a prefecture-level or a county-level city.
GENERIC_LEVEL = {"省": "province", "自治区": "province", "州": "city", "自治州": "city", "盟": "city", "地区": "city",
                 "县": "county", "自治县": "county", "区": "county", "旗": "county",
                 "镇": "town", "乡": "town", "街道": "town", "部门": "department"}
SELF = re.compile(r"^(?:我|本)(局|委|办|厅|署|中心|院|所|队|站|部|省|市|州|盟|县|区|旗|镇|乡|街道|街)$")
# A template's placeholder stands for a place too: XX镇, xx县人民政府, ××区.
PLACEHOLDER = r"(?:[Xx×＊*]{1,4}|某)?"
GENERIC_GOVERNMENT = re.compile(
    rf"^{PLACEHOLDER}(自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗|镇|乡|街道)(?:人民政府|政府|办事处|行政公署|行署)?$")
GENERIC_PARTY = re.compile(r"^(?:中共)?(自治区|自治州|自治县|省|市|州|盟|县|区|旗|镇|乡|街道)(?:委员会|委|党委|党工委)$")


@dataclass(frozen=True)
class Place:
    """A place as a chain of names (省 市 县 镇), each resolved in the gazetteer."""

    chain: tuple[str, ...]  # as written, abbreviations expanded: ('北京市', '大兴区', '榆垡镇')
    province: str | None = None
    city: str | None = None
    county: str | None = None
    town: str | None = None

    @property
    def last(self) -> str:
        return self.chain[-1] if self.chain else ""

    @property
    def level(self) -> str | None:
        """province / city / county / town, from the resolved hierarchy, or
        from the unit of the last name when the place did not resolve."""
        if not (self.province or self.city or self.county or self.town):
            return unit_level(self.last)
        if self.town:
            return "town"
        if self.county:
            return "county"
        if self.city and self.city not in MUNICIPALITIES:
            return "city"
        if self.province:
            return "province"
        return None

    def values(self) -> dict[str, str]:
        return {k: v for k, v in (("province", self.province), ("city", self.city),
                                  ("county", self.county), ("town", self.town)) if v}


def unit_level(name: str) -> str | None:
    """The level a place name's own unit implies; None for 市, which may be
    a prefecture-level or a county-level city."""
    if re.search(r"(?:镇|乡|街道|苏木)$", name):
        return "town"
    if re.search(r"(?:县|旗|区)$", name) and not name.endswith(("自治区", "地区")):
        return "county"
    if re.search(r"(?:州|盟|地区)$", name):
        return "city"
    if name.endswith(("省", "自治区")) or name in MUNICIPALITIES:
        return "province"
    return None


@dataclass(frozen=True)
class Org:
    """An organisation name read by the grammar."""

    written: str  # as printed
    kind: str  # government | party | department
    place: Place | None  # None when the name carries no place (水利部, 县司法局)
    rest: str  # the name after its place: 人民政府, 市场监督管理局
    unit: str = ""  # a place-less name's own unit: 县 of 县司法局, 区 of 区政府, 镇 of 我镇

    @property
    def generic(self) -> bool:
        """A self-reference without its place (县司法局, 区政府, 我局): it settles
        the level but never names the body to readers."""
        return self.place is None and bool(self.unit)

    @property
    def name(self) -> str:
        """The body's own name, without parent places: 榆垡镇人民政府."""
        if self.place is None:
            return self.written
        prefix = "中共" if self.written.startswith("中共") and not self.place.last.startswith("中共") else ""
        return prefix + self.place.last + self.rest

    @property
    def level(self) -> str | None:
        if self.kind == "department":
            return "department"
        if self.place is None:
            return GENERIC_LEVEL.get(self.unit)
        return self.place.level


@lru_cache(maxsize=1)
def load_jionlp():
    """jionlp, imported once. It prints a banner on import; stdout must stay
    clean for `inspect --json`."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


# The State Council's state-level new areas (国家级新区) that jionlp's gazetteer lacks, with
# their province and, where one city hosts or manages the whole area, that city (None where
# the area spans cities: 贵安新区, 滇中新区, 赣江新区, 雄安新区). Functional areas, not
# counties: their committees report as departments (is_zone), like 兰州新区's.
NEW_AREAS: dict[str, tuple[str, str | None]] = {
    "两江新区": ("重庆市", "重庆市"), "舟山群岛新区": ("浙江省", "舟山市"), "南沙新区": ("广东省", "广州市"),
    "西咸新区": ("陕西省", None), "贵安新区": ("贵州省", None), "西海岸新区": ("山东省", "青岛市"),
    "金普新区": ("辽宁省", "大连市"), "湘江新区": ("湖南省", "长沙市"), "江北新区": ("江苏省", "南京市"),
    "福州新区": ("福建省", "福州市"), "滇中新区": ("云南省", None), "哈尔滨新区": ("黑龙江省", "哈尔滨市"),
    "长春新区": ("吉林省", "长春市"), "赣江新区": ("江西省", None), "雄安新区": ("河北省", None),
}

# The new cities (新城) of 西咸新区, each run by its own committee that reports as a county does.
# 空港新城 is left out: Chengdu and Zhengzhou have areas of that name too.
NEW_AREA_PARTS: dict[str, str] = {"沣东新城": "西咸新区", "沣西新城": "西咸新区", "秦汉新城": "西咸新区", "泾河新城": "西咸新区"}


@lru_cache(maxsize=1)
def renamed_counties() -> dict[str, tuple[str, str]]:
    """Former names of county-level units -> (province, city) they are under today.

    From jionlp's list of the State Council's and the Ministry of Civil Affairs'
    approved changes (china_location_change.txt: date, approver, old province,
    city and county with their short forms => new province, city, county). Only
    county-level rows whose name changed; a city renamed is left out (its
    counties keep their names)."""
    load_jionlp()
    import jionlp.dictionary as package

    path = os.path.join(os.path.dirname(package.__file__), "china_location_change.txt")
    found: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 10 or "=>" not in fields[7]:
                continue
            old, province, city, new = fields[6], fields[7].split("=>")[1], fields[8], fields[9]
            if old != new and re.search(r"[县区旗市]$", old):
                found.setdefault(old, (province, city))
    return found


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, tuple[tuple[str, str | None, str | None], ...]]  # full name -> (province, city, county) paths
    aliases: dict[str, str]  # abbreviation as written (恩施州, 浙江) -> full name
    towns: dict[str, tuple[tuple[str, str | None, str | None], ...]]  # town name -> paths of its county
    longest: int
    # 新区 that are districts of the administrative hierarchy (浦东新区, 沈北新区), governed by a
    # 人民政府, unlike the functional areas run by a committee (兰州新区, 天府新区).
    new_area_districts: frozenset[str] = frozenset()
    # The functional areas jionlp files among counties under their statistical codes (71-80 in
    # their city): 郑州航空港经济综合实验区, 岳阳市屈原管理区. Each is run by a committee, no 人民政府.
    functional_areas: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    load_jionlp()
    from jionlp.dictionary.dictionary_loader import china_location_loader

    with contextlib.redirect_stdout(io.StringIO()):
        tree = china_location_loader(detail=True)
    names: dict[str, list] = {}
    aliases: dict[str, str] = {}
    towns: dict[str, list] = {}
    unit_aliases: dict[str, set[str]] = {}
    districts: set[str] = set()
    functional: set[str] = set()

    def add(full: str, alias, path) -> None:
        names.setdefault(full, []).append(path)
        # An abbreviation is usable only with its unit kept: 恩施州, 延边州; provinces
        # are written without one: 浙江, 广西.
        for short in ([alias] if isinstance(alias, str) else list(alias or ())):
            if not short or short == full:
                continue
            if path[1] is None:
                aliases.setdefault(short, full)
            elif full.endswith(("州", "盟")):
                # jionlp's short form may keep the unit already (巴州): never 巴州州.
                aliases.setdefault(short if short.endswith(full[-1]) else short + full[-1], full)
            elif path[2] is not None and (m := AUTONOMOUS_COUNTY.search(full)) and len(short) >= 2:
                # An autonomous county or banner is written with the plain unit
                # after its short form: 门源县 (门源回族自治县), 鄂温克旗 (鄂温克族自治旗).
                aliases.setdefault(short if short.endswith(m.group(1)) else short + m.group(1), full)
        # …and with its place name alone before the unit, the ethnic names dropped:
        # 和布克赛尔县 (和布克赛尔蒙古自治县), 积石山县 (积石山保安族东乡族撒拉族自治县).
        if path[1] is not None and (tail := ETHNIC_TAIL.search(full)) and tail.start() >= 2:
            aliases.setdefault(full[: tail.start()] + full[-1], full)
            # …or before 自治县 / 自治旗 / 自治州 still: 紫云自治县 (紫云苗族布依族自治县).
            aliases.setdefault(full[: tail.start()] + full[tail.end():], full)

    for province, p in tree.items():
        add(province, p.get("_alias", ""), (province, None, None))
        for city, c in p.items():
            if city.startswith("_"):
                continue
            if city != province:
                add(city, c.get("_alias", ""), (province, city, None))
            for county, k in c.items():
                if county.startswith("_"):
                    continue
                add(county, k.get("_alias", ""), (province, city, county))
                if _functional_code(k.get("_admin_code")):
                    functional.add(county)
                if county.endswith("新区") and _district_code(k.get("_admin_code")) \
                        and isinstance(alias := k.get("_alias"), str) and not alias.endswith("新区"):
                    # A 新区 with a district's code (functional areas are coded 71-99 within
                    # their city) and a short form of its own (浦东, not 新区 or 天府新区).
                    districts.add(county)
                for short in ([k.get("_alias")] if isinstance(k.get("_alias"), str) else list(k.get("_alias") or ())):
                    # A banner's or county's short form that keeps its unit: 达茂旗, 察右中旗.
                    if short and len(short) >= 3 and short != county and short[-1] == county[-1] \
                            and not ZONE_UNIT.search(county):
                        unit_aliases.setdefault(short, set()).add(county)
                for town in k:
                    if not town.startswith("_"):
                        # jionlp writes some towns with their county in front (化德县朝阳镇).
                        own = town[len(county):] if town.startswith(county) and len(town) > len(county) + 1 else town
                        towns.setdefault(own, []).append((province, city, county))
    for short, fulls in unit_aliases.items():
        if len(fulls) == 1 and short not in names:
            aliases.setdefault(short, next(iter(fulls)))
    for area, (province, city) in NEW_AREAS.items():
        # The state-level new areas jionlp lacks, filed as it files 兰州新区 and 天府新区.
        if area not in names:
            names[area] = [(province, city, area)]
    for part, area in NEW_AREA_PARTS.items():
        # A part of a state-level new area, filed under the area's province (and city, where one hosts it).
        if part not in names:
            names[part] = [(NEW_AREAS[area][0], NEW_AREAS[area][1], part)]
    for old, (province, city) in renamed_counties().items():
        # A county-level unit renamed or merged since (横县 is 横州市 from 2021): a report
        # written before names it by its old name, filed under its current parents, as written.
        # Only names no current unit bears, so no name becomes ambiguous.
        if old not in names:
            names[old] = [(province, city, old)]
    frozen = {k: tuple(v) for k, v in names.items()}
    return Gazetteer(frozen, aliases, {k: tuple(v) for k, v in towns.items()}, max(map(len, frozen)),
                     frozenset(districts), frozenset(functional))


def _district_code(code: object) -> bool:
    """Whether an administrative code is a county-level district's: the statistical codes
    give functional areas (development zones, most new areas) 71-99 in their city."""
    return isinstance(code, str) and len(code) == 6 and code.isdigit() and int(code[4:]) < 71


def _functional_code(code: object) -> bool:
    """Whether an administrative code is a functional area's (71-80 in its city; 81 and up
    are county-level cities)."""
    return isinstance(code, str) and len(code) == 6 and code.isdigit() and 71 <= int(code[4:]) <= 80


@lru_cache(maxsize=1)
def province_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern finding a province's name as reports write it (四川省, 四川, 内蒙古自治区,
    内蒙古), and the full name of each written form."""
    g = gazetteer()
    full = {n: n for n, paths in g.names.items() if any(p[1] is None for p in paths)}
    full.update({a: f for a, f in g.aliases.items() if f in full and len(a) >= 2})
    return re.compile("|".join(sorted(full, key=len, reverse=True))), full


def split_place(text: str) -> tuple[tuple[str, ...], str]:
    """(place chain, rest) for the place names that open ``text``.

    Greedy longest match of gazetteer names; abbreviations (恩施州) are expanded.
    A town (镇/乡/街道/苏木) may close the chain when the gazetteer knows it."""
    g = gazetteer()
    chain: list[str] = []
    i = 0
    while i < len(text):
        for n in range(min(g.longest, len(text) - i), 1, -1):
            piece = text[i:i + n]
            full = piece if piece in g.names else g.aliases.get(piece)
            if full:
                chain.append(full)
                i += n
                break
        else:
            break
    for n in range(min(8, len(text) - i), 1, -1):
        piece = text[i:i + n]
        if TOWN_UNIT.search(piece) and piece in g.towns:
            chain.append(piece)
            return tuple(chain), text[i + n:]
    if chain:
        # A unit the gazetteer does not know, right under a known parent:
        # 西宁市湟中区 (renamed from 湟中县), a new town. Only the plain units.
        m = re.match(r"(?!委|党|政府|人民)[\u4e00-\u9fff]{2,4}?(?:区|县|旗|镇|乡|街道)(?=人民政府|政府|委|中共|党委|办事处|$|(?:19|20)\d{2}|[〇零一二]{4}|关于)", text[i:])
        if m and unit_level(chain[-1]) != "town" and not ZONE_UNIT.search(m.group(0)):
            chain.append(m.group(0))
            i += m.end()
    return tuple(chain), text[i:]


def resolve(chain: tuple[str, ...], context: tuple[tuple[str, ...], ...] = ()) -> Place | None:
    """Resolve a place chain to province/city/county/town.

    Only a chain that names one place in the whole country resolves alone; a
    chain that several places share (a town or county name found in several
    provinces) resolves only when a context chain from the same page (banner,
    signature, breadcrumb) leaves exactly one of them. No guessing."""
    if not chain:
        return None
    options = paths(chain)
    if len(chain) == 1 and options and unit_level(chain[0]) == "town":
        # A town named alone may be another county's town renamed since the gazetteer was
        # made (乡 → 镇 → 街道): 大顺镇 is 寿县's in the gazetteer and also 涪陵区's former
        # 大顺乡. Those count as places it may name; one of them wins only by the context.
        options |= _renamed_towns(chain[0], {p[2] for p in options})
    if len(options) != 1:
        # Each context chain that leaves exactly one of the options votes for it.
        votes = set()
        for prefix in context:
            left = {p for p in options if all(_on(name, p) for name in prefix)}
            if len(left) == 1:
                votes |= left
        options = votes
    if len(options) != 1:
        return None
    province, city, county, town = next(iter(options))
    if town is not None and len(chain) == 1 and town != chain[0]:
        town = chain[0]  # the context chose the town renamed since: its county, the name as written
    if county and county.endswith(FILLER):  # jionlp's filler for cities without counties (东莞市)
        county = None
    if city and city.endswith(FILLER):  # a unit directly under its province (石河子市, 神农架林区)
        city = None
    if city == province:  # a municipality has no city of its own
        city = None
    return Place(chain, province, city, county, town)


TOWN_UNITS = ("街道", "镇", "乡")


def _renamed_towns(name: str, counties: set[str | None]) -> set[tuple[str, str | None, str | None, str | None]]:
    """The towns of other counties with the same name under another town unit (大顺乡 for 大顺镇)."""
    g = gazetteer()
    stem = re.sub(r"(?:街道|镇|乡)$", "", name)
    if len(stem) < 2 or stem == name:
        return set()
    return {(p, c if c != p else None, k, other) for unit in TOWN_UNITS if (other := stem + unit) != name
            for p, c, k in g.towns.get(other, ()) if k not in counties}


def paths(chain: tuple[str, ...]) -> set[tuple[str, str | None, str | None, str | None]]:
    """Every (province, city, county, town) the chain can name."""
    g = gazetteer()
    last = chain[-1]
    found: set = set()
    if last in g.towns:
        found |= {(p, c, k, last) for p, c, k in g.towns[last]}
        # 涪陵区大顺镇 where the gazetteer knows only another county's 大顺镇: read under its parent.
        found = {x for x in found if all(_on(name, x) for name in chain[:-1])}
    if not found and len(chain) > 1 and unit_level(last) in ("county", "town"):
        # A unit the gazetteer does not know yet (湟中县 became 湟中区 in 2019):
        # read it under its parent, as written.
        level = unit_level(last)
        return {(p, c, last if level == "county" else k, last if level == "town" else None)
                for p, c, k, _ in paths(chain[:-1]) if level == "town" or k is None}
    for p, c, k in g.names.get(last, ()):
        found.add((p, c if c != p else None, k, None))
    return {x for x in found if all(_on(name, x) for name in chain[:-1])}


def _on(name: str, path) -> bool:
    return name in path


def parse_org(text: str, context: tuple[tuple[str, ...], ...] = ()) -> Org | None:
    """Read one organisation name; None when ``text`` is not one."""
    text = text.strip()
    if found := _generic_org(text):
        return found
    if (co := CO_NAME.fullmatch(text)) and (inner := parse_org(co.group(1), context)) and inner.kind == "department":
        # 某县教育局（县体育局）, 应急管理局(地震局): a department and the second name it bears.
        return replace(inner, written=text)
    if (dual := DUAL_NAME.fullmatch(text)) and dual.group(3) and (inner := parse_org(dual.group(2) + dual.group(3), context)) \
            and inner.place is not None and inner.kind == "government":
        # 高新区（新市区）人民政府: a zone and the district it is merged with, one government.
        return replace(inner, written=text)
    if (joined := ZONE_JOINED.fullmatch(text)) and (inner := parse_org("".join(joined.groups()), context)) \
            and inner.kind == "department":
        # 广西-东盟经济技术开发区管委会: a zone's proper name may join two names with a hyphen.
        last = inner.place.last if inner.place else ""
        return replace(inner, written=text, rest=text[len(last):] if last and text.startswith(last) else inner.rest)
    if (ftz := FREE_TRADE_ZONE.fullmatch(text)) and DEPARTMENT_SUFFIX.search(ftz.group(2)) \
            and (place := _short_place(ftz.group(1), context)):
        # 中国（上海）自由贸易试验区管理委员会保税区管理局: the committee or one of its bureaus,
        # a department of the province or municipality in the bracket.
        return Org(text, "department", replace(place, chain=(text[: ftz.start(2)],)), ftz.group(2))
    if not HAN.match(text) or not 2 <= len(text) <= 40:
        return None
    for head in (CORPS.match(text), VERTICAL.match(text)):
        if head and (inner := parse_org(text[head.end():], context)) and inner.place \
                and (head.re is CORPS or inner.kind == "department"):
            # 第八师石河子市司法局: the city's body, named with its division as printed;
            # 国家税务总局某县税务局: a local bureau of a vertically managed service.
            chain = inner.place.chain[:-1] + (head.group(0) + inner.place.last,)
            return replace(inner, written=text, place=replace(inner.place, chain=chain))
    party = text.startswith("中共")
    body = text[2:] if party else text
    chain, rest = split_place(body)
    if chain and (repaired := _undoubled_unit(text, chain, rest, context)):
        return repaired
    generic = GENERIC_PLACE.match(rest) if not chain else None
    if chain and (office := _street_office(text, chain, rest, context)):
        return office
    if chain and not party and is_zone(chain[-1], rest) and rest in COMMITTEE:
        # A zone the gazetteer lists among counties (库尔勒经济技术开发区) is no
        # county: its committee is a department of the zone's city.
        place = resolve(chain, context) or Place(chain)
        return Org(text, "department", replace(place, county=None) if place.county == chain[-1] else place, rest)
    if not chain and (zone := _zone_committee(text, context)):
        return zone
    if chain and not party and _zone_after_city(rest) and not body.startswith("".join(chain)):
        # 天津滨海高新区管委会: a zone's proper name opens with its place's short form
        # (天津, not 天津市); shown as written, as a zone named after a city's short form is.
        place = resolve(chain, context) or Place(chain)
        return Org(text, "department", replace(place, chain=(body[: len(body) - len(rest)],)), rest)
    if not chain and not party and (town := UNKNOWN_TOWN.fullmatch(text)):
        # A town's or street's government the gazetteer does not know (北城街街道办事处):
        # town level by its grammar; its place stays unresolved.
        return Org(text, "government", Place((town.group(1),)), town.group(2))
    if party:
        if chain and (town := UNKNOWN_TOWN_PARTY.fullmatch(rest)):
            # 中共渠县渠南街道工作委员会: the Party committee of a street the gazetteer does not know.
            return _town_under(text, chain, town.group(1), town.group(2), "party", context)
        if chain and (own := DEPARTMENT_PARTY.fullmatch(rest)) and DEPARTMENT_SUFFIX.search(own.group(1)):
            # 中共渠县教育局委员会: a department's own Party committee, of the department's level.
            return Org(text, "department", resolve(chain, context) or Place(chain), rest)
        if chain and not PARTY_SUFFIX.fullmatch(rest) and (own := PARTY_DEPARTMENT.match(rest)) \
                and DEPARTMENT_SUFFIX.search(own.group(1)):
            # 中共某县委宣传部, 中共某县委全面依法治县委员会办公室: a department of the committee.
            return Org(text, "department", resolve(chain, context) or Place(chain), rest)
        if not chain or not PARTY_SUFFIX.fullmatch(rest):
            return None
        return Org(text, "party", resolve(chain, context) or Place(chain), rest)
    if chain and (GOVERNMENT_SUFFIX.fullmatch(rest) or rest == "办" and chain[-1].endswith("街道")):
        # 某街道办 is the usual short form of 某街道办事处: the street office, not a department.
        return Org(text, "government", resolve(chain, context) or Place(chain), rest)
    if chain and rest in ("党委", "党工委"):
        return Org(text, "party", resolve(chain, context) or Place(chain), rest)
    if rest and DEPARTMENT_SUFFIX.search(rest) and not TOWN_UNIT.search(rest) and not FUNCTION_WORD.search(rest):
        if chain and rest in ("委员会", "委"):
            return Org(text, "party", resolve(chain, context) or Place(chain), rest)
        if not chain and not generic and len(rest) > 12:
            return None
        if not chain and not generic and PROVINCIAL_DEPARTMENT.fullmatch(rest):
            # 教育厅, 自然资源厅: a 厅 is a province's department; written alone it settles the level only.
            return Org(text, "department", None, rest, "省")
        if not chain and not generic and not _known_department(rest):
            return None
        if chain and re.match(ZONE_WORD, rest) and not body.startswith("".join(chain)):
            # 重庆高新区市场监督管理局: a zone's department, the zone named after its place's
            # short form (重庆, not 重庆市); shown as written, as the zone's committee is.
            place = resolve(chain, context) or Place(chain)
            return Org(text, "department", replace(place, chain=(body[: len(body) - len(rest)],)), rest)
        # A place-less name that is no central body (司法局) settles only the level.
        unit = generic.group(0) if generic else "" if chain or CENTRAL.match(rest) else "部门"
        place = resolve(chain, context) if chain else None
        if place is not None and place.county == chain[-1] \
                and (ZONE_UNIT.search(chain[-1]) or chain[-1].endswith("新区") and rest.startswith(COMMITTEE)):
            # 兰州新区管委会办公室: a department of a zone's committee; the zone a statistical
            # table lists among counties is no county (as for the committee itself).
            place = replace(place, county=None)
        return Org(text, "department", place, rest, unit)
    return None


# Words that open with a unit's character and are no unit: 南通市市场监督管理局 is 南通市 + 市场….
UNIT_WORDS = ("市场", "市政", "市容", "市民", "市域", "区域", "县域", "镇域", "乡村", "省级", "市级", "县级", "区级")


def _undoubled_unit(text: str, chain: tuple[str, ...], rest: str, context: tuple[tuple[str, ...], ...]) -> Org | None:
    """A place's unit written twice (某县县卫生健康局, 某县县人民政府): the body of the
    name without the second unit, kept only when that name's place is in the gazetteer.
    The name stays as printed; the body's own name drops the doubled character."""
    unit = rest[:1]
    if not unit or unit not in "省市县区州旗镇乡" or not chain[-1].endswith(unit) or rest[:2] in UNIT_WORDS:
        return None
    at = len(text) - len(rest)
    again = parse_org(text[:at] + text[at + 1:], context)
    if again is None or again.place is None or not (again.place.province or again.place.city or again.place.county):
        return None
    return replace(again, written=text)


# A province's department named by its function and 厅 (a hall of a building is no body).
PROVINCIAL_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{2,8}(?<![大展餐客门舞歌])厅")
# The Party committee of a town or street (渠南街道工作委员会, 某镇委员会), the town's name unknown.
UNKNOWN_TOWN_PARTY = re.compile(r"(?!各|全|有关|所属|相关|本|我|该|其|辖区|部分|乡镇)([^某省市州盟县区旗镇乡\W\d_]{2,5}?(?:街道|镇|乡|苏木))"
                                r"(工作委员会|党工委|委员会|党委)")
# A department's own Party committee: 教育局委员会, 卫生健康局党委 (no 委 before it: 县委宣传部委员会 is no such).
DEPARTMENT_PARTY = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:局|厅|办公室|中心))(?:委员会|党委)")
UNKNOWN_TOWN = re.compile(r"(?!各|全|有关|所属|相关|本|我|该|其|辖区|部分|乡镇)([^某省市州盟县区旗镇乡\W\d_]{2,5}?(?:街道|镇|乡|苏木))"
                          r"(人民政府|办事处|(?<=街道)办)")


def _generic_org(text: str) -> Org | None:
    """我局 / 我镇 / 区政府 / 县人民政府 / 县委: a body named by its unit alone."""
    if m := SELF.match(text):
        # 我街 is how a street office (街道办事处) calls itself, as 我镇 a town.
        unit = "街道" if m.group(1) == "街" else m.group(1)
        if unit in GENERIC_LEVEL or unit == "市":
            return Org(text, "government", None, text, unit)
        return Org(text, "department", None, text, "部门")
    if (m := GENERIC_GOVERNMENT.match(text)) and (m.group(0) != m.group(1) or text.endswith(("政府", "办事处", "公署", "行署"))):
        return Org(text, "government", None, text, m.group(1))
    if m := GENERIC_PARTY.match(text):
        return Org(text, "party", None, text, m.group(1))
    return None


ZONE = re.compile(
    r"^([\u4e00-\u9fff]{2,4}?)(?:国家级)?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|"
    r"开发区|新区|综合保税区|综保区|保税区|工业园区|产业园区)(?:管理委员会|管委会)$")


# A development zone is no unit of the administrative hierarchy (滨海高新区 is not a county).
ZONE_UNIT = re.compile(r"(?:开发|高新|经开|园|保税|综保|工业|产业|试验|合作|经济)区$")
BARE_ZONE = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}[-－])?[\u4e00-\u9fff]{0,8}(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|"
                       r"综合保税区|综保区|工业园区|产业园区|[\u4e00-\u9fff]{2}经济区)$")


COMMITTEE = ("管理委员会", "管委会")
# A department's second name in brackets after its own: 某县教育局（县体育局）.
CO_NAME = re.compile(r"([\u4e00-\u9fff]{2,30}?(?:局|厅|委员会|委|办公室|办|中心))\s*[（(]([\u4e00-\u9fff]{2,16}(?:局|厅|委员会|委|办公室|办|中心))[)）]")
# A zone named together with the district it is merged with: 高新区（新市区）, 经开区(头屯河区).
DUAL_NAME = re.compile(r"([\u4e00-\u9fff]{0,8}?(?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|经开区|开发区|新区))"
                       r"\s*[（(]([\u4e00-\u9fff]{2,10}?[区县市旗])[)）]([\u4e00-\u9fff]*)")
ZONE_WORD = (r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|新区|综合保税区|"
             r"综保区|保税区|工业园区|产业园区|(?<=[\u4e00-\u9fff]{2})经济区)")
ZONE_JOINED = re.compile(rf"([\u4e00-\u9fff]{{1,6}})[-－]([\u4e00-\u9fff]{{0,8}}?{ZONE_WORD}[\u4e00-\u9fff]*)")
PROPER_ZONE = re.compile(
    rf"((?![省市县区州旗盟镇乡各全本该我其])[\u4e00-\u9fff]{{2,6}}?{ZONE_WORD}(?:[东西南北中]片?区)?)(管理委员会|管委会)")
# A pilot free trade zone: 中国（上海）自由贸易试验区…, the bracket holding its province's short name.
FREE_TRADE_ZONE = re.compile(r"中国[（(]([\u4e00-\u9fff]{2,3})[)）](自由贸易试验区[\u4e00-\u9fff]{0,24})")
# After the city's short name, a zone's own words (稀土, 昆仑, 国家级) and its kind.
PLACELESS_ZONE = re.compile(rf"{ZONE_WORD}(?:管理委员会|管委会)")
ZONE_AFTER_CITY = re.compile(rf"^([\u4e00-\u9fff]{{0,6}}?){ZONE_WORD}(?:管理委员会|管委会)$")


def _zone_after_city(rest: str) -> bool:
    """Whether what follows a place's short form is a zone's committee named after it:
    the zone's kind (高新区管委会) or its own name and kind (稀土高新区管委会). One character
    between them goes with the short form into a word of the zone's own name (滨海湾新区 is
    no zone of 滨海县, 杭州湾新区 none of 杭州): that place is no place of the zone."""
    m = ZONE_AFTER_CITY.match(rest)
    return m is not None and len(m.group(1)) != 1


# A zone's own department right after the city's short name: 成都高新区生态环境局.
ZONE_DEPARTMENT = re.compile(rf"^{ZONE_WORD}[\u4e00-\u9fff]{{2,12}}?(?:局|委员会|委|办公室|办)$")


def is_zone(name: str, rest: str) -> bool:
    """A development zone's name; a 新区 only with its committee (浦东新区 is a district), as a
    functional area the gazetteer files among counties (郑州航空港经济综合实验区)."""
    return bool(ZONE_UNIT.search(name)) or (name.endswith("新区") or name in NEW_AREA_PARTS
                                            or name in gazetteer().functional_areas) and rest in COMMITTEE


def _zone_committee(text: str, context: tuple[tuple[str, ...], ...]) -> Org | None:
    """某某经济技术开发区管理委员会, 包头稀土高新区管委会: a development zone's
    committee (or one of the zone's departments: 成都高新区生态环境局) is a
    department of the city whose short name opens it (西宁 →
    西宁市). The zone named alone (滨海高新区) speaks for its committee: a
    department whose name the text does not give, so only the level is settled."""
    if BARE_ZONE.match(text) or PLACELESS_ZONE.fullmatch(text):
        return Org(text, "department", None, text, "部门")
    g = gazetteer()
    for k in (4, 3, 2):
        short = text[:k]
        if not _zone_after_city(text[k:]) and not ZONE_DEPARTMENT.match(text[k:]):
            continue
        city = next((c for c in (short + "市", short) if c in g.names and unit_level(c) not in ("town", "county")), None)
        if city is None and (province := g.aliases.get(short)) and any(path[1] is None for path in g.names.get(province, ())):
            # 贵州双龙航空港经济区管委会: named after its province's short form; the province is
            # settled, the city is not.
            return Org(text, "department", Place((short,), province=province), text[k:])
        if city is None:
            # 涪陵高新区管委会: named after a district or county; like any zone, a department
            # of the city (or municipality) above it, not of a county.
            county = next((c for c in (short + "区", short + "县", short + "市") if c in g.names), None)
            if county is None or not (place := resolve((county,), context)) or place.county != county:
                continue
            return Org(text, "department", replace(place, chain=(short,), county=None), text[k:])
        place = resolve((city,), context) or Place((city,))
        # Shown as written: the zone's name keeps the city's short form. A short form that is both a
        # county-level city's and its prefecture's (喀什 → 喀什市 and 喀什地区) may be the prefecture's
        # zone: placed in the prefecture only. A county-level city's own (昆山, 义乌) keeps its county.
        shared = bool(place.city and place.county and place.city.startswith(short))
        return Org(text, "department", replace(place, chain=(short,), county=None if shared else place.county), text[k:])
    if m := PROPER_ZONE.fullmatch(text):
        # 甘眉工业园区南区管理委员会: a zone's own name (two cities' short forms, a part of
        # the zone) that names no place the gazetteer knows: shown as printed, place unresolved.
        return Org(text, "department", Place((m.group(1),)), m.group(2))
    return None


def _short_place(short: str, context: tuple[tuple[str, ...], ...]) -> Place | None:
    """The province or municipality a short name (上海, 广东) stands for."""
    g = gazetteer()
    if short + "市" in g.names and (place := resolve((short + "市",), context)) and place.level == "province":
        return place
    if province := g.aliases.get(short):
        return Place((province,), province=province)
    return None


def _street_office(text: str, chain: tuple[str, ...], rest: str, context: tuple[tuple[str, ...], ...]) -> Org | None:
    """某区人民政府某街道办事处 (or …某镇人民政府): a town-level body written under
    its district's government, not a department of it."""
    m = re.match(r"(?:人民政府|政府)(?=[\u4e00-\u9fff]{2,})", rest)
    if not m:
        return None
    inner, suffix = split_place(rest[m.end():])
    if not inner and (town := UNKNOWN_TOWN.fullmatch(rest[m.end():])):
        # 渠县人民政府渠南街道办事处: a street the gazetteer does not know, under a county it does.
        return _town_under(text, chain, town.group(1), town.group(2), "government", context)
    if not inner or unit_level(inner[-1]) != "town" \
            or not (GOVERNMENT_SUFFIX.fullmatch(suffix) or suffix == "办" and inner[-1].endswith("街道")):
        return None
    full = chain + inner
    return Org(text, "government", resolve(full, context) or Place(full), suffix)


def _town_under(text: str, chain: tuple[str, ...], town: str, suffix: str, kind: str,
                context: tuple[tuple[str, ...], ...]) -> Org | None:
    """A town or street the gazetteer does not know, written under the county-level place
    that holds it (渠县…渠南街道…): town level by its grammar, placed under that county."""
    if unit_level(chain[-1]) != "county":
        return None
    full = chain + (town,)
    place = resolve(chain, context)
    return Org(text, kind, replace(place, chain=full, town=town) if place else Place(full), suffix)


# Central bodies, the only place-less names shown as issuers: 国务院…, 国家…局, 司法部.
CENTRAL = re.compile(r"^(?:国务院|国家|中华人民共和国|中央|最高人民|海关总署)|^[\u4e00-\u9fff]{2,8}部$")
# Department names that stand without a place: ministries and their bureaus.
MINISTRY = re.compile(r"^(?:[\u4e00-\u9fff]{2,10})(?:部|委员会|总局|署|局)$")


def _known_department(rest: str) -> bool:
    return bool(MINISTRY.match(rest)) and len(rest) <= 10


def org_names(text: str) -> list[str] | None:
    """The organisation names of a line made only of them (a signature line,
    a joint title head), split at spaces or 、, or where a Party committee's
    or a government's name runs straight into the next (中共某市委某市人民政府);
    None when any part is no name. A seal's note after the names (（盖章）) is no part of them."""
    parts = [p for p in re.split(r"[ 、，,]+", SEAL_NOTE.sub("", text.strip())) if p]
    names: list[str] = []
    for part in parts:
        if parse_org(part):
            names.append(part)
        elif joined := _run_together(part):
            names.extend(joined)
        else:
            return None
    return names or None


JOINT_END = re.compile(r"(?:委员会|党委|党工委|委|人民政府|政府)")
# Where a signature says it is sealed: 某县林草局（盖章）.
SEAL_NOTE = re.compile(r"\s*[（(]\s*(?:盖章|印章|公章|签章|章)\s*[)）]\s*$")


def _run_together(text: str) -> list[str] | None:
    """Two names written without a separator: the first a Party committee or
    a government, the second any name."""
    if not HAN.match(text) or len(text) > 60:
        return None
    for m in JOINT_END.finditer(text):
        head, tail = text[: m.end()], text[m.end():]
        if (len(tail) >= 4 or GENERIC_GOVERNMENT.match(tail)) and (first := parse_org(head)) \
                and first.kind in ("party", "government") \
                and not first.generic and parse_org(tail):
            return [head, tail]
    return None
