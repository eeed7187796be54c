"""The page's facts + document + sidecar -> metadata, each value with its origin.

Precedence for every key: the sidecar (the publisher's explicit word), then
the text, then a derivation. When the text does not settle a value it stays
empty with a warning naming the sidecar key that supplies it: a wrong value
shown to readers is worse than a missing one.

- issuer: the signature block; else the organisations that open the title
  (中共某县委 某县人民政府关于…), or follow a year opening it (2020年某区…); else
  the place the title opens with (赵县人民政府2022年度…, 下洋镇2023年…: a place's
  report is its government's); else the subject of 现将…报告如下 (before or after
  its year); else the subject of the opening sentence ([2022年，][在…领导下，]
  SUBJECT 坚持…); else an opening that speaks of "县政府/市政府" on a site whose
  banner names that government, or of 我局 on a site (or under an index block's
  发布机构) naming a department of that kind. The first source settles the level; a
  self-reference without its place (我局, 区政府, 县司法局, 教育厅) settles only the level
  unless every place printed outside the body (the addressee included) agrees on
  one, or the author's own cited documents (《某县…办法》, 《2022年某县…计划》, at least two,
  at its unit) give it (全省…工作坚持… speaks as the province, 全市司法行政系统 with
  我局 as 市司法局); a department's places (not its name) are also those of the
  documents it says it made (制定《某县某局…计划》), where all agree; a name read from the body is shown only when those places agree
  with it; a place-less name is never shown, though the places above it are the
  addressee's. Names are read by the grammar of ``orgs`` and shown without
  parent places (榆垡镇人民政府).
- places: the principal issuer's place (its government when several sign),
  resolved in jionlp's gazetteer; a name shared by several places is resolved
  only with another place printed on the page (banner, signature, breadcrumb).
- level: from the grammar (a department whatever its place; a government by
  its place's unit).
- year: the title, else the opening sentence, else a results heading, else
  the one year that opens the results part's sentences (a text with no
  opening), else the date minus one (derived); banner dates, plan-year
  headings and cited documents never count.
- date: the signature date, else a date printed with the headline, else the
  index block's 成文日期, else the publication date.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from generator.read.orgs import (
    BARE_ZONE,
    CORPS,
    DUAL_NAME,
    GENERIC_GOVERNMENT,
    GENERIC_LEVEL,
    ZONE_WORD,
    Org,
    Place,
    gazetteer,
    is_zone,
    org_names,
    parse_org,
    province_names,
    resolve,
    split_place,
    unit_level,
)
from generator.read.page import YEAR_TEXT, Facts, cn_number
from generator.records import Cleaned, Diagnostic, Document, Field, Metadata

YEAR = re.compile(rf"({YEAR_TEXT})\s*年")
OPENING_YEAR = re.compile(rf"^({YEAR_TEXT})\s*年度?(?:以来|，|,|是|全年|上半年|中|里)")
# A copied opening that lost its 年 before 以来 (2023来，… / 2023以来，…): the year still opens it.
DROPPED_YEAR_OPENING = re.compile(rf"^({YEAR_TEXT})(?:以来|来)\s*[，,]")
REPORTING = re.compile(rf"现(?:将|就|把)([^，。；]{{0,30}}?)({YEAR_TEXT})\s*年度?[^，。；]{{0,30}}?(?:报告|汇报)(?:如下)?")
GENERIC_SUBJECT = re.compile(r"(?:^|[，。])(?:在[^，。]{2,30}下，)?(?:我|全|本)?([县市区旗州镇乡])(?:政府|人民政府|委、[县市区旗]政府)")
# A year run straight into the topic of the opening sentence, its owner between them:
# 2022年某街道法治政府建设工作，… / 2023年度我局依法行政工作，… / 2025年，某乡法治政府建设工作在县委…领导下，…
TOPIC_OPENING = re.compile(
    rf"^({YEAR_TEXT})\s*年度?\s*[，,]?\s*([\u4e00-\u9fff]{{0,16}}?)的?(?:法治政府建设|法治建设|依法行政)(?:工作)?"
    r"(?:\s*[，,]\s*|(?=在[^，。；]{2,40}?(?:领导|指导)))")
# The same topic as a clause's subject, with no year before it: 某市法治政府建设工作坚持…
# Its year may stand between the body and the topic: 某县水务局2023年法治政府建设工作紧紧围绕…
TOPIC_SUBJECT = re.compile(
    rf"([\u4e00-\u9fff]{{2,16}}?)(?:(?:{YEAR_TEXT})\s*年度?)?的?(?:法治政府建设|法治建设|依法行政)(?:工作)?\s*[，,]?\s*")
# The leadership phrases after such a topic: 在县委、县政府的领导下，在县司法局的指导下，
# 在党工委的领导下，上级部门的关心指导下，: a second phrase may leave out its 在.
LEADERSHIP = re.compile(r"(?:在[^，。；]{2,60}?(?:领导|指导|支持|关心)下\s*[，,、]?\s*)+"
                        r"(?:(?!在)[^，。；、]{2,30}?(?:领导|指导|支持|关心)下\s*[，,、]\s*)*")
SECOND_YEAR = re.compile(rf"^[^。！？]+[。！？]\s*({YEAR_TEXT})\s*年度?(?:以来)?\s*[，,]")
WORK_YEAR = re.compile(rf"(?<![\d—–\-~至到])({YEAR_TEXT})\s*年度?的?(?:法治政府建设|法治建设|依法行政)")
CLAUSE_YEAR = re.compile(rf"[，,]\s*({YEAR_TEXT})\s*年度?(?:以来)?\s*[，,]")
RESULTS_HEADING = re.compile(r"举措|成效|做法|开展情况|工作情况|总体情况|基本情况|完成情况|主要工作|建设情况|进展|回顾")
PLAN_HEADING = re.compile(r"安排|计划|打算|思路|下一步|下一年|明年|展望|目标")


def describe(cleaned: Cleaned, document: Document, given: dict[str, object]) -> Metadata:
    facts = cleaned.page.facts
    values: dict[str, Field] = {}
    diagnostics: list[Diagnostic] = []

    def put(key: str, value: object, origin: str) -> None:
        if value in (None, ""):
            return
        if key in given:
            if str(given[key]) != str(value):
                diagnostics.append(Diagnostic(
                    "sidecar-overrides", f"补充文件中的“{key}”（{given[key]}）取代了原文中的“{value}”", 1, own=True))
            return
        if key not in values:
            values[key] = Field(value, origin)  # type: ignore[arg-type]

    for key, value in given.items():
        values[key] = Field(value, "sidecar")

    put("title", facts.title, "text")
    context = _context(facts, given) + _superiors(document) + _addressee_chain(facts)
    orgs, origin, trusted = _issuers(facts, document, context)
    put("issuer", "、".join(o.name for o in orgs) if orgs else None, origin)
    if trusted is not None and trusted.generic and not orgs and "issuer" not in given:
        diagnostics.append(Diagnostic(
            "issuer-placeless",
            f"原文只称发布机关为“{trusted.written}”，未写明所属地方，不作为发布机关显示；"
            "请在补充文件中给出 issuer 及 province、city、county", 1, "warning", own=True))

    principal = _principal(orgs) or (trusted if trusted is not None and trusted.generic else None)
    place = principal.place if principal and principal.place else None
    if (principal is None or principal.generic) and "issuer" in given:
        # The sidecar names the issuer: read it with the sidecar's places as context.
        principal = parse_org(str(given["issuer"]), context)
        place = principal.place if principal else None
    if place is not None:
        shown = " ".join([facts.title or "", " ".join(o.written for o in orgs)])
        for key, value in place.values().items():
            put(key, value, "text" if value in shown else "derived")
        if not (place.province or place.city) and "province" not in given:
            diagnostics.append(Diagnostic(
                "place-unresolved",
                f"“{place.last}”在全国有多处同名或无法确定所属行政区划，请在补充文件中给出 province、city、county",
                1, "warning", own=True))
    elif principal is not None and principal.generic and principal.kind == "department" \
            and (own := _authored_department_place(document, principal, _clue_places(facts, context), context)):
        # 我局 制定《某县某局2024年学法计划》: the places its own documents give it (derived; the
        # name stays unshown, as the self-reference does not say which of its place's bureaus it is).
        for key, value in own.items():
            put(key, value, "derived")
    elif principal is not None and principal.generic and (above := _addressee_above(principal, facts, context)):
        # 县委、县政府 reporting to 中共某州委、某州人民政府: the place is unknown, the
        # places above it are the addressee's.
        for key, value in above.items():
            put(key, value, "derived")
    if principal is not None:
        own_level = principal.level
        if own_level is None and principal.generic and principal.unit == "市":
            own_level = _generic_city_level(document)
        put("level", own_level, "derived")

    year = _year(facts, document)
    put("year", year, "text")
    date = facts.signed or facts.dated or facts.written or facts.published
    put("date", date, "text")
    if "year" not in values and date:
        # The year before the date's, as reports are made early in the next year; but a text
        # written "this year" (今年以来，…) and signed in that year's second half is of that year
        # (published only: in its last two months, as a page may be posted long after).
        own_date = facts.signed or facts.dated or facts.written
        late = int(str(date)[5:7]) >= (7 if own_date else 11)
        this_year = late and any(THIS_YEAR.search(p.text) for p in document.preamble[:2])
        put("year", int(str(date)[:4]) - (0 if this_year else 1), "derived")

    doc_number = facts.doc_number or (facts.index_doc_number if facts.title_kind != "wrapper" else None)
    put("doc_number", doc_number, "text")
    put("source", facts.source or facts.publisher or facts.host, "text")

    if "title" not in values and "year" in values:
        # A government's report is titled by its place (许村镇2023年度…), a department's by its name.
        level = values["level"].value if "level" in values else None
        # Only a place of the report's own level names it: the places above a
        # place-less author (the addressee's) are not its own.
        named = values[str(level)].value if str(level) in values else None
        issuer = values["issuer"].value if "issuer" in values else None
        name = issuer if level == "department" or not named else named
        if name:
            put("title", f"{str(name).replace('、', ' ')}{values['year'].value}年度法治政府建设情况报告", "derived")
    for key, message in (
        ("issuer", "原文未写明发布机关，请在补充文件中给出 issuer"),
        ("level", "无法确定发布机关的层级，请在补充文件中给出 level"),
        ("year", "无法确定报告年度，请在补充文件中给出 year"),
        ("title", "原文没有标题，也无法推断，请在补充文件中给出 title"),
    ):
        if key not in values:
            diagnostics.append(Diagnostic(f"missing-{key}", message, 1, "warning"))
    return Metadata(values=values, diagnostics=tuple(diagnostics))


def _context(facts: Facts, given: dict[str, object]) -> tuple[tuple[str, ...], ...]:
    """Place chains printed on the page outside the body, to tell apart places
    that share a name."""
    chains: list[tuple[str, ...]] = []
    sidecar = tuple(str(given[k]) for k in ("province", "city", "county") if given.get(k))
    if sidecar:
        chains.append(sidecar)
    texts = [facts.title or "", facts.banner or "", *facts.signers, facts.source or "", facts.publisher or "",
             facts.host or "", *facts.crumbs]
    for text in texts:
        chain, _ = split_place(re.sub(r"^中共", "", text))
        if chain:
            chains.append(chain)
    return tuple(chains)


SUPERIOR = re.compile(r"在(?:中共)?([\u4e00-\u9fff]{2,16}?)(?:党工委|党委|委员会|委)[、和及]?[^，。；]{0,24}?(?:领导|指导)")


def _addressee_chain(facts: Facts) -> tuple[tuple[str, ...], ...]:
    """The addressee's place (中共渠县县委、渠县人民政府：): the superior holding the author,
    context to tell apart places sharing a name (宝城镇 under 渠县), never the author's place."""
    chain, _ = split_place(re.sub(r"^中共", "", facts.addressee or ""))
    return (chain,) if chain else ()


def _superiors(document: Document) -> tuple[tuple[str, ...], ...]:
    """The issuer's superior named in the opening's leadership phrase (在朝阳区委、区政府的
    领导下): context to tell apart places sharing a name (a street office's), never a
    clue that must agree nor an issuer."""
    chains = []
    for text in _opening(document)[:1]:
        for m in SUPERIOR.finditer(text[:200]):
            chain, rest = split_place(m.group(1))
            if chain and not rest:
                chains.append(chain)
        if not chains and (generic := GENERIC_SUPERIOR.search(text[:200]) or GENERIC_SUPERIOR_PAIR.search(text)):
            chains += _superior_documents(generic.group(1), text)
    return tuple(chains)


# 在区委、区政府的坚强领导下: a superior named by its unit alone (区, 县, 市, 旗).
GENERIC_SUPERIOR = re.compile(r"在(?:中共)?(区|县|市|旗)委[、和及]?(?:\1)?(?:人民)?(?:政府)?的?[\u4e00-\u9fff]{0,6}?(?:领导|指导)")


# 坚决贯彻市委、市政府的决策部署: the same superior named by its Party committee and
# government together, anywhere in the opening paragraph, without 在…领导下.
GENERIC_SUPERIOR_PAIR = re.compile(r"(区|县|市|旗)委[、和及]\1?(?:人民)?政府")


def _superior_documents(unit: str, text: str) -> list[tuple[str, ...]]:
    """The place of a generic superior (区委、区政府) from the documents the opening says
    the body carries out (认真落实《某区2022年法治政府建设工作要点》等…部署): the one place at
    that unit opening the cited titles; [] when none or several. Context only, to tell
    apart places sharing a name (a street office's), as the named superior is."""
    found = set()
    for m in CITED.finditer(text):
        chain, _ = split_place(re.sub(r"^(?:中共|关于)", "", m.group(1)))
        if chain and chain[-1].endswith(unit) and (unit == "市" or unit_level(chain[-1]) == GENERIC_LEVEL[unit]):
            found.add(chain)
    return list(found) if len({c[-1] for c in found}) == 1 else []


Candidate = tuple[list[Org], str, bool]  # organisations, origin, read from the body


def _issuers(facts: Facts, document: Document, context: tuple[tuple[str, ...], ...]) -> tuple[list[Org], str, Org | None]:
    """The issuers to show, their origin, and the body whose level is the most
    trusted (it may be a place-less self-reference: 县司法局, 区政府, 我局).

    The sources are read in the README's order of trust; the first names the
    level. The first that names the body with its place (of that level) is
    shown; a self-reference is given the place only when every place printed
    outside the body agrees on one (区司法局 on the 七里河区 portal), and a
    name read from the body is shown only when those places agree with it."""
    clues = _clue_places(facts, context)
    # The addressee holds the author: a check on every place, never the author's own place
    # (a county-level city's report goes to the prefecture-level city's 市委、市政府).
    above = [p for p in [_addressee_place(facts, context)] if p is not None]
    first: Org | None = None
    region = None
    for orgs, origin, from_body in _issuer_sources(facts, document, context):
        if from_body and any(o.written == "我区" for o in orgs):
            # 我区 is a district's word and an autonomous region's: see _speaks_as_region.
            if region is None:
                region = _speaks_as_region(document)
            if region and (own := parse_org("自治区人民政府")):
                orgs = [own if o.written == "我区" else o for o in orgs]
        principal = _principal(orgs)
        if principal is None or from_body and not all(_compatible(principal.place, c) for c in clues + above):
            continue
        if first is None:
            first = principal
        elif first.level is not None and principal.level != first.level:
            continue
        if principal.generic:
            found = clues + _cited_places(document, principal, context) + _body_province(document, principal, context) \
                + _body_town(document, principal, context)
            if placed := _place_generic(principal, found, context, above):
                return [placed], "derived", first
            continue
        if principal.place is not None and not (principal.place.province or principal.place.city) \
                and (chains := _own_document_chains(document, principal.place.last)):
            # 四季青街道 shared by several places, its own documents cited as 《上城区四季青街道…》:
            # those chains tell it apart as the page's other places would.
            orgs = [parse_org(o.written, context + chains) or o for o in orgs]
        return orgs, origin, first
    return [], "text", first


def _own_document_chains(document: Document, name: str) -> tuple[tuple[str, ...], ...]:
    """The place chains of the author's own documents cited in the opening and the first
    sections, written with the places above its name (《中共某市某区某街道党工委议事规则》):
    context to tell apart places sharing the name, as a banner would."""
    texts = [p.text for p in document.preamble]
    for section in document.sections[:4]:
        texts += [p.text for p in section.paragraphs]
    chains = []
    for text in texts:
        for m in CITED.finditer(text):
            chain, _ = split_place(CITED_LEAD.sub("", m.group(1)))
            if len(chain) > 1 and chain[-1] == name:
                chains.append(chain)
    return tuple(dict.fromkeys(chains))


def _issuer_sources(facts: Facts, document: Document, context: tuple[tuple[str, ...], ...]) -> Iterator[Candidate]:
    # 1. The signature block.
    if facts.signers and (signers := _all_orgs(facts.signers, context)):
        yield signers, "text", False
    title = facts.title or ""
    # 2. Organisations opening the title: 中共某县委 某县人民政府关于…, 某局2022年度…;
    #    or standing right after a year that opens it: 2020年某区…, 2021年度某县司法局…
    for head in _title_heads(title):
        if BARE_ZONE.match(head) and (zone := _government_of(head, context)):
            # 白银高新区2023年… is the zone's committee's report, as 下洋镇2023年… is its government's.
            yield [zone], "derived", False
        elif names := org_names(head):
            if orgs := _all_orgs(names, context):
                yield orgs, "text", False
        # 3. A place opening the title: 下洋镇2023年… is 下洋镇人民政府's report.
        elif org := _government_of(head, context):
            yield [org], "derived", False
    # 4. The subject of the reporting sentence: 现将2022年度某局…报告如下, 现将某镇2022年…报告如下
    # 5. The subject of the opening sentence: 2022年，某县司法局坚持…; 在…领导下，区政府…
    opening = _opening(document)
    for text in opening[:2]:
        if found := _reporting_subject(text, context):
            yield found, "text", True
    subject = _opening_subject(opening[0], context) if opening else None
    led = bool(subject) and _led_subject(subject or [], opening[0])
    if subject and _speaks_as(subject, opening[0], led=led) and not _department_speaks(subject, document):
        yield subject, "text", True
    # A department led by its place's committee and government is the author even where its
    # name fails the place checks: the opening's 我区 / 全区 then name that place, never the author.
    led_department = led and subject is not None and (_principal(subject) or subject[0]).kind == "department"
    # 5b. 2022年某街道法治政府建设工作，深入贯彻…: the year runs into a topic whose owner
    #     is named before it; the owner is the subject when a predicate opens the next clause.
    if opening and (m := TOPIC_OPENING.match(opening[0])) and m.group(2) \
            and PREDICATE.match(LEADERSHIP.sub("", opening[0][m.end():], count=1)) \
            and (found := _names(m.group(2), context) or _whole_unit_owner(m.group(2), opening[0])) \
            and _speaks_as(found, opening[0]) and not _department_speaks(found, document):
        yield found, "text", True
    # 6. An opening that speaks of 县政府 / 市政府 on a site whose banner names that government.
    banner = _banner_org(facts.banner or "", context)
    if banner and banner.kind == "government" and opening:
        m = GENERIC_SUBJECT.search(opening[0][:80])
        if m and banner.place and banner.place.last.endswith(m.group(1)) and _speaks_as([banner], opening[0]):
            yield [banner], "derived", False
    # 6b. An opening that speaks of 开发区管委会 / 高新区 on the site of that zone's committee.
    if banner and opening and _zone_speaks(banner, opening[0]):
        yield [banner], "derived", False
    # 6c. An opening that calls its author 我局 / 本委 on the site of a department of that kind.
    #     Never where the title names another department, even place-less (自然资源局2022年度…报告 on a
    #     司法局's site: the site placed a report it reposted, its 我局 is the title's bureau).
    titled = [o for head in _title_heads(title) for name in org_names(head) or ()
              if (o := parse_org(name, context)) and o.kind == "department"]
    if banner and opening and banner.kind == "department" and banner.place and not banner.generic \
            and all(o.rest == banner.rest for o in titled) \
            and (m := OWN_DEPARTMENT.search(opening[0][:120])) and _department_kind(banner.written) == m.group(1):
        yield [banner], "derived", False
    # 6d. The same, where the page's index block names that department as the publisher (发布机构).
    if facts.publisher and opening and (m := OWN_DEPARTMENT.search(opening[0][:120])) \
            and (publisher := parse_org(facts.publisher, context)) and publisher.kind == "department" \
            and publisher.place and not publisher.generic and _department_kind(publisher.written) == m.group(1):
        yield [publisher], "text", False
    # 7. How the opening paragraph calls its author: 我局, 我镇, 我县 (the level; a place only from the clues).
    #    2022年，自治区坚持…: the generic region as the opening's subject.
    if opening and (m := SELF_REFERENCE.search(opening[0])) and (own := parse_org(m.group(0))):
        if not (led_department and own.kind == "government"):
            yield [own], "text", True
    # 7b. 2022年，全市司法行政系统在…领导下…: an opening whose subject is a sector's system
    #     speaks for the department leading it; the first sections then call it 我局 / 我委
    #     (the level; the place, as for any self-reference, only from the clues).
    elif opening and (m := SYSTEM_SUBJECT.match(opening[0])) and "政府" not in m.group(1) \
            and (word := _first_sections_self(document)) and (own := parse_org(word)):
        yield [_system_department(m.group(1), word) or own], "text", True
    elif opening and REGION_SUBJECT.match(opening[0]) and (own := parse_org("自治区人民政府")):
        yield [own], "text", True
    # 7d. 2024年，在县委、县政府的领导下，坚持…: the opening leaves its subject out; the first
    #     sections then call the author 我局 / 我委 (the level; a place only from the clues).
    elif opening and _elided_subject(opening[0]) and (word := _first_sections_self(document)) \
            and (own := parse_org(word)):
        yield [own], "text", True
    # 7e. A text that starts at its first heading with no opening sentence: the first sections
    #     call the author 我局, or its Party group bare 局党组 (the level; a place only from the clues).
    if not opening and (word := _first_sections_self(document)) and (own := parse_org(word)):
        yield [own], "text", True
    # 7c. 2023年，全省各级政府坚持… / 我市深入…: the opening speaks as the whole of a
    #     unit's government (the level; a place, as for any self-reference, only from the clues).
    if opening and not led_department and (own := _whole_unit_subject(opening[0])) and _speaks_as([own], opening[0]):
        yield [own], "text", True


# 自治区 standing for its own government as a sentence's subject: not after a place's
# name (内蒙古自治区), nor as a superior (在自治区党委…领导下, 落实自治区党委…部署), nor in a cited title.
# Only the government: a district's report may open a sentence with its superior
# (自治区党委依法治区办督察我区…), and names a city above it (市委、市政府).
GENERIC_REGION = re.compile(r"(?:^|[。；！])\s*(?:我|全)?自治区(?:人民)?政府")
CITY_ABOVE = re.compile(r"[市州盟]委[、和及]?[市州盟]?(?:人民)?政府|[市州盟]委、|[市州盟]政府")
REGION_SUBJECT = re.compile(rf"^(?:(?:{YEAR_TEXT})\s*年度?(?:以来)?|今年以来|一年来)\s*[，,]\s*自治区(?!人民政府|政府|党委)[\u4e00-\u9fff]")


# A unit's government as a whole written without its place: 全省各级政府（及其组成部门）,
# 全市各级行政机关, 我市, 全县. A sector (全市司法行政系统) is no whole: see SYSTEM_SUBJECT.
WHOLE_UNIT = re.compile(
    r"(?:全|我)(自治区|省|市|州|盟|县|区|旗)"
    r"(?:各级(?:人民)?政府(?:及其(?:组成|工作)?部门|和部门|各部门)?|各级行政机关|各级各部门|政府系统)?")


def _whole_unit_subject(text: str) -> Org | None:
    """The place-less government (我省, 我市) of the unit a whole-unit phrase names, where that
    phrase is the subject of one of the first sentence's clauses (set aside its
    year and leadership phrase), right before its predicate."""
    rest = re.split(r"[。！？]", ABBREVIATION.sub("", text), maxsplit=1)[0]
    for _ in range(OPENING_CLAUSES):
        lead = OPENING_LEAD.match(rest)
        clause, *more = re.split(r"[，；,;：:]", rest[lead.end() if lead else 0:], maxsplit=1)
        if (m := WHOLE_UNIT.match(clause)) and PREDICATE.match(clause[m.end():]):
            unit = m.group(1)
            if unit == "区" and not CITY_ABOVE.search(text):
                # 全区 is a district's and an autonomous region's: a district names the city above it.
                return None
            return parse_org("自治区人民政府" if unit == "自治区" else f"我{unit}")
        if not more:
            return None
        rest = more[0]
    return None


def _department_speaks(orgs: list[Org], document: Document) -> bool:
    """A place-less government as the opening's subject (全省法治政府建设工作坚持…, 省政府…)
    while the first sections call the author a department (我厅, 我局): the author is a
    department of that unit, not its government, so neither the name nor its level is taken."""
    subject = _principal(orgs) or orgs[0]
    return subject.kind == "government" and subject.generic and _first_sections_self(document) is not None


def _whole_unit_owner(owner: str, text: str) -> list[Org] | None:
    """The place-less government of the unit whose whole owns the opening's topic
    (2023年，全省法治政府建设工作坚持…: 全省 → the province's government; the level,
    a place only as for any self-reference). 全区 is a district's or an autonomous
    region's: a district names the city above it."""
    if not (m := WHOLE_UNIT.fullmatch(owner)) or m.group(1) == "区" and not CITY_ABOVE.search(text):
        return None
    own = parse_org("自治区人民政府" if m.group(1) == "自治区" else f"我{m.group(1)}")
    return [own] if own else None


def _speaks_as_region(document: Document) -> bool:
    """The report's first paragraphs make 自治区人民政府 (without a region's name) a
    sentence's subject, or open with 自治区 as the subject, and name no city above the author."""
    texts = [p.text for p in document.preamble]
    for section in document.sections[:3]:
        texts += [p.text for p in section.paragraphs[:2]]
    if any(CITY_ABOVE.search(t) for t in texts[:3]):
        return False
    return any(GENERIC_REGION.search(re.sub(r"《[^》]*》", "", t)) for t in texts) \
        or any(REGION_SUBJECT.match(t) for t in texts[:1])


# How a zone's committee calls itself in its text: 开发区管委会, 高新区, 经开区管理委员会.
GENERIC_ZONE = re.compile(rf"(?:^|[，。])(?:在[^，。]{{2,30}}下，)?(?:我|本|全)?({ZONE_WORD})(?:管理委员会|管委会)?")


def _zone_speaks(banner: Org, paragraph: str) -> bool:
    """The banner is a zone's committee and the opening names a zone of its kind
    without a place (开发区管委会 on the 某经济技术开发区管理委员会 site)."""
    m = GENERIC_ZONE.search(re.sub(rf"^(?:(?:{YEAR_TEXT})\s*年度?(?:以来)?|今年以来|一年来)\s*[，,]", "", paragraph[:80]))
    return bool(m and banner.kind == "department" and banner.place and not banner.generic
                and re.search(rf"{m.group(1)}(?:管理委员会|管委会)$", banner.written))


OWN_DEPARTMENT = re.compile(r"(?:我|本)(局|委|办|厅)")


def _department_kind(name: str) -> str | None:
    """局 / 委 / 办 / 厅: the kind of department a name ends with (委员会 → 委, 办公室 → 办)."""
    for suffix, kind in (("委员会", "委"), ("办公室", "办"), ("局", "局"), ("委", "委"), ("办", "办"), ("厅", "厅")):
        if name.endswith(suffix):
            return kind
    return None


def _opening(document: Document) -> tuple[str, ...]:
    """The report's opening paragraphs: the preamble; for a text that starts
    at its first heading, the first paragraph below it when it opens as a
    report's opening does (2022年，…)."""
    if document.preamble:
        texts = tuple(_without_addressee(p.text) for p in document.preamble)
        if len(texts) == 1 and GROUNDS_ONLY.match(texts[0]) and not SELF_REFERENCE.search(texts[0]) \
                and document.sections and document.sections[0].paragraphs \
                and re.match(rf"(?:{YEAR_TEXT})\s*年度?(?:以来)?\s*[，,]", first := document.sections[0].paragraphs[0].text):
            # 根据…要求，现将…报告如下。 / 一、2023年总体情况 / 2023年，我局坚持…: the preamble gives
            # only the grounds; the report's opening sentence is the first under the first heading.
            return (first, *texts)
        return texts
    for section in document.sections[:3]:
        if section.paragraphs:
            first = section.paragraphs[0].text
            if re.match(rf"(?:{YEAR_TEXT})\s*年度?(?:以来)?\s*[，,]", first):
                return (first,)
            # 一、…推进我区法治政府建设 / 自治区党委、政府自觉…: the author named by its unit alone
            # as the subject of the first sentence under the first heading, where the heading or
            # the paragraph calls the author by that unit (我区, 我县). Without it the unit may
            # be a superior's (县委、县政府高度重视… in a department's report).
            found = _opening_subject(first, ())
            own = {m.group(1).replace("街", "街道", 1) if m.group(1) == "街" else m.group(1)
                   for m in SELF_REFERENCE.finditer(section.title + first)}
            if found and all(o.generic for o in found) \
                    and (any(o.unit in own or o.unit == "自治区" and "区" in own for o in found)
                         or all(o.unit in LOWEST_UNITS for o in found)):
                # 乡党委、政府高度重视…: a town's or a street office's bodies are nobody's superiors
                # among the genre's authors; named alone as the subject they are the author's own.
                return (first,)
            # 我镇把法治建设纳入… / 我局坚持…: a town or a department calling itself by its unit as a
            # sentence's subject. Never 我县 / 我市: a department's text may so call its superior.
            return (first,) if SELF_SUBJECT.search(first) else ()
    return ()


# The addressee printed on the opening's own line (市人大常委会： 2024年，我市…): the body the
# report goes to ends the way an organisation's name does, a colon after it, the opening after that.
LEADING_ADDRESSEE = re.compile(
    r"^[\u4e00-\u9fff、，,（）()\s]{2,40}?(?:委|府|院|厅|局|室|部|办|会|处|公署|党组)\s*[:：]\s*"
    rf"(?=(?:{YEAR_TEXT})\s*年|今年以来|一年来|在[^，。；]{{2,40}}?(?:领导|指导)下)")


def _without_addressee(text: str) -> str:
    return LEADING_ADDRESSEE.sub("", text, count=1)


SELF_SUBJECT = re.compile(r"(?:^|[。；！？])\s*我(?:镇|乡|街道|街(?![头区巷面])|局|委|办|厅)(?=[\u4e00-\u9fff])")


# An opening that gives only the grounds and the reporting sentence, no author.
GROUNDS_ONLY = re.compile(r"^(?:根据|按照|依据|依照)[^。]*现(?:将|就|把)[^。]*(?:报告|汇报)如下[：:。]?\s*$")


def _all_orgs(names: Iterable[str], context: tuple[tuple[str, ...], ...]) -> list[Org] | None:
    """Every name read as an organisation, or None when one is not."""
    orgs = [parse_org(n, context) for n in names]
    return [o for o in orgs if o is not None] if orgs and all(orgs) else None


def _title_heads(title: str) -> list[str]:
    """Where a title names its body: before 关于 or the year, else right after a year that opens it;
    a title that opens with 关于 names it right after (关于某局2023年度…的报告)."""
    title = re.sub(r"^关于(?=[\u4e00-\u9fff]{2,}?(?:{YEAR_TEXT}))".replace("{YEAR_TEXT}", YEAR_TEXT), "", title)
    head = re.split(rf"关于|(?:{YEAR_TEXT})\s*年", title, maxsplit=1)[0].strip()
    if head:
        # 某局法治政府建设工作报告（2023年度）: no year or 关于 before the topic; the body is named before it.
        before_topic = re.split(r"法治政府建设|法治建设|依法行政|行政执法", head, maxsplit=1)[0].strip()
        return [head, before_topic] if before_topic and before_topic != head else [head]
    if m := re.match(rf"^(?:{YEAR_TEXT})\s*年度?(.+?)(?=法治|依法|行政执法|关于)", title):
        return [m.group(1).strip()]
    return []


# The opening sentence: [year，] [在…领导下，] [year，] SUBJECT PREDICATE…
OPENING_LEAD = re.compile(
    rf"^(?:(?:(?:{YEAR_TEXT})\s*年度?(?:以来|全年)?|今年以来|一年来|过去的?一年(?:里|中|来)?|近年来)\s*[，,]?\s*)?"
    r"(?:在[^，。；]{2,40}?(?:领导|指导|关心|关怀|支持|帮助|部署)下\s*[，,]?\s*)?"
    rf"(?:(?:{YEAR_TEXT})\s*年度?(?:以来|全年)?\s*[，,]?\s*)?"
)
# How the genre's opening sentences go on after their subject.
PREDICATE = re.compile(
    r"^(?:坚持|深入|认真|全面|紧紧|始终|扎实|紧扣|聚焦|持续|围绕|在|以|按照|立足|着力|积极|切实|不断|大力|牢固|"
    r"严格|高度|统筹|贯彻|主动|进一步|充分|依法|全力|强化|加强|推进|深化|牢牢|锚定|树牢|秉持|对照|根据|结合|把|将|"
    r"通过|注重|抢抓|践行|落实|聚力|压实|坚定|继续|团结|紧密|牢记|着眼|狠抓|精心|多措并举|奋力|努力|紧盯|突出|"
    r"夯实|加快|完善|健全|推动|发挥|致力|瞄准|依托|全方位|自觉|带头|勇于|敢于|坚决|不折不扣|"
    r"抓实|抓好|抓牢|做好|做实|用好|筑牢|守牢|优化|提升|构建|建立|探索|创新|着重|全力以赴|毫不动摇)"
)
SUBJECT_MAX = 30


def _opening_subject(text: str, context: tuple[tuple[str, ...], ...]) -> list[Org] | None:
    """The body that is the subject of the first sentence: 2022年，某县司法局坚持…,
    在…领导下，区政府…; also after a clause that gives the ground
    (根据…的部署，2023年，某街道以…): the first clause of the sentence, once its
    year and leadership phrase are set aside, that opens with a name and a predicate."""
    # 某局（以下简称市局）: the abbreviation the report goes on with is no part of the name.
    text = ABBREVIATION.sub("", text)
    first, _, after = text.partition("。")
    rest = re.split(r"[！？]", first, maxsplit=1)[0]
    if FRAMING.match(rest) and after:
        # 2022年是…之年。一年来，某县坚持…: the first sentence only frames the year.
        rest = re.split(r"[。！？]", after, maxsplit=1)[0]
    found = _clause_subject(rest, context)
    second = re.split(r"[。！？]", after, maxsplit=1)[0]
    if found is None and re.match(rf"(?:{YEAR_TEXT})\s*年|今年以来|一年来", second):
        # 法治兴则国兴。2024年某区委、区政府坚持…: a maxim opens; the report's sentence follows.
        found = _clause_subject(second, context)
    return found


def _clause_subject(rest: str, context: tuple[tuple[str, ...], ...]) -> list[Org] | None:
    """The subject of one sentence: the first of its clauses that opens with a name
    and a predicate once its year and leadership phrase are set aside."""
    for _ in range(OPENING_CLAUSES):
        lead = OPENING_LEAD.match(rest)
        body = rest[lead.end() if lead else 0:]
        clause, *more = re.split(r"[，；,;：:]", body, maxsplit=1)
        if found := _subject(clause, PREDICATE, context):
            return found
        # …，某市法治政府建设工作坚持… / …，某乡法治政府建设工作在县委…领导下，围绕…: the subject is
        # the year's rule-of-law work of a body named before it, wherever the clause stands.
        if (m := TOPIC_SUBJECT.match(body)) and PREDICATE.match(LEADERSHIP.sub("", body[m.end():], count=1)) \
                and (found := _names(m.group(1), context) or _whole_unit_owner(m.group(1), body)):
            return found
        if not more:
            return None
        rest = more[0]
    return None


OPENING_CLAUSES = 6
ABBREVIATION = re.compile(r"[（(]以下(?:简称|称)[^（）()，。]{1,16}[）)]")
# A first sentence that says what the year was: 2022年是党的二十大召开之年。
# Also a run of such clauses: 2024年是…的关键之年，是…的攻坚之年，也是某街道…的重要之年。
FRAMING = re.compile(rf"^(?:{YEAR_TEXT})\s*年(?:是|为)[^，,；;]*(?:之年|一年)"
                     r"(?:[，,；;]\s*(?:也|又|更|还|亦|同时)?(?:是|为)[^，,；;]*(?:之年|一年))*$")


REPORTING_SUBJECT = re.compile(rf"现(?:将|就|把)([^，。；]{{0,30}}?)(?:(?:{YEAR_TEXT})\s*年度?)([^，。；]{{0,40}}?)(?:报告|汇报)")
REPORT_TOPIC = re.compile(r"^(?:法治|依法|行政执法|推进|工作|情况|有关|的)")


def _reporting_subject(text: str, context: tuple[tuple[str, ...], ...]) -> list[Org] | None:
    """The body named in 现将…报告如下: before the year (现将某镇2022年…) or right
    after it (现将2023年度某市教育局…); 我局 / 我镇 name only the level. Also the body
    whose circumstances the report is fitted to, right before it (结合某街道实际，现就…)."""
    if not (m := REPORTING_SUBJECT.search(text)):
        return None
    before = m.group(1).strip()
    if before and (orgs := _names(before, context)):
        return orgs
    if found := _subject(m.group(2).strip(), REPORT_TOPIC, context):
        return found
    # 结合某街道实际 names the author by its name; 结合我县实际 may be a department's words
    # for its place: only a named body, or a town's or a department's own word, is the author.
    if (g := OWN_GROUNDS.search(text, 0, m.start())) and (orgs := _names(g.group(1), context)) \
            and all(not o.generic or o.kind == "department" or o.unit in LOWEST_UNITS for o in orgs):
        return orgs
    return None


OWN_GROUNDS = re.compile(r"结合([\u4e00-\u9fff]{2,20}?)的?(?:工作)?实际\s*[，,]?\s*$")
# The units below which no author of the genre stands.
LOWEST_UNITS = ("乡", "镇", "街道")


def _subject(clause: str, after: re.Pattern[str], context: tuple[tuple[str, ...], ...]) -> list[Org] | None:
    """The longest opening of ``clause`` that names bodies and is followed by ``after``.
    A clause opening with 在 opens with where or under whom the work was done (在全镇深入
    推进…, 在高新区管委会统一部署下): no body's name starts with it."""
    if re.match(r"\s*在(?!线)", clause):  # 在线… may open a name, as in orgs.FUNCTION_WORD
        return None
    for k in range(min(SUBJECT_MAX, len(clause)), 1, -1):
        if after.match(clause[k:]) and (orgs := _names(clause[:k], context)):
            return orgs
    return None


def _names(text: str, context: tuple[tuple[str, ...], ...]) -> list[Org] | None:
    """Organisations written as a subject: 某县司法局, 县委、县政府, 乡党委、政府, 我局,
    or a place alone (某区)."""
    # 某省委和省政府 / 自治区党委和政府: a Party committee and its government joined by 和 (或 及、与) read as by 、.
    text = _elliptic_government(JOINED_BY_WORD.sub("委、", text))
    # 某局党组 / 某局党委 / 中共某局党组: a department's Party group stands for the department;
    # named together with it (中共某局党组、某局) it is the one body.
    parts = [m.group(1) if (m := DEPARTMENT_PARTY.fullmatch(part)) else part for part in text.split("、")]
    text = "、".join(dict.fromkeys(parts))
    if (joint := ZONE_PARTY_JOINT.fullmatch(text)) and (zone := parse_org(joint.group(1) + joint.group(2), context)) \
            and zone.kind == "department" and (BARE_ZONE.match(joint.group(1)) or joint.group(1).endswith("新区")):
        text = joint.group(1) + joint.group(2)
    if BARE_ZONE.match(text) and (zone := _government_of(text, context)):
        # 2024年某经济开发区在…领导下: a zone named alone speaks for its committee, placed
        # by the place that opens its name.
        return [zone]
    if (names := org_names(text)) and len(names) == 2 and "、" not in text:
        # 某县委县政府: the two names run together, the second without its place.
        names = org_names(_elliptic_government("、".join(names))) or names
    if names:
        return _all_orgs(names, context)
    org = _government_of(text, context)
    return [org] if org else None


def _elliptic_government(text: str) -> str:
    """某县委、政府 / 乡党委、政府: the government after a Party committee is
    written without its place; give it the committee's."""
    head, sep, tail = text.rpartition("、")
    if not sep or not (party := parse_org(head)) or party.kind != "party":
        return text
    if party.place is not None and (own := GENERIC_GOVERNMENT.match(tail)) and party.place.last.endswith(own.group(1)):
        # 某县委、县政府: the government of the committee's own unit.
        return f"{head}、{''.join(party.place.chain)}人民政府"
    if tail not in ("政府", "人民政府", "办事处"):
        return text
    if party.generic:
        return f"{head}、{party.unit}{tail}"
    if party.place is not None:
        office = "办事处" if party.place.last.endswith("街道") else "人民政府"
        return f"{head}、{''.join(party.place.chain)}{office}"
    return text


DEPARTMENT_PARTY = re.compile(r"(?:中共)?([\u4e00-\u9fff]*[局厅办委])(?:党组|党委)")
# 党委 and 党工委 end with 委; 镇党委政府 runs the two together with no word at all.
JOINED_BY_WORD = re.compile(r"委(?:和|及|与)?(?=(?:自治区|[省市县区州旗盟镇乡])?(?:人民)?政府$)")
# A zone's Party working committee named with its committee (某高新区党工委、管委会, 中共某开发区工作
# 委员会、某开发区管理委员会): the one zone, which reports as its committee.
ZONE_PARTY_JOINT = re.compile(r"(?:中共)?([\u4e00-\u9fff]{2,24}?)(?:党工委|工作委员会|工委)[、和及与]?(?:\1)?(管理委员会|管委会)")
# 我街: a street office's short word for itself (not 街头, 街区, 街巷, 街面).
SELF_REFERENCE = re.compile(r"我(局|委|办|厅|署|中心|镇|乡|街道|街(?![头区巷面])|县|区|旗|州|盟|省)")
# The opening's subject is a sector of a unit (全市司法行政系统, 全县教育系统), not the
# whole of its government (全市政府系统).
SYSTEM_SUBJECT = re.compile(
    rf"^(?:(?:{YEAR_TEXT})\s*年度?(?:以来)?\s*[，,]?\s*)?((?:全|我)?[\u4e00-\u9fff]{{2,12}}?系统)"
    r"(?=在|坚持|深入|认真|始终|紧紧|全面|以|按照|围绕|[，,])")
DEPARTMENT_SELF = re.compile(r"我(局|委|办|厅|署)(?!员会)")


# 全市司法行政系统 … 我局: the sector of a unit whose leading department calls itself 我局 names
# that department (市司法局), place-less. Only the sectors of a local government's bureaus (the
# standard list of its working departments); a sector led by no bureau (政法, 纪检) names nothing.
SECTOR_UNIT = re.compile(r"(?:全|我)(市|州|盟|县|区|旗)([\u4e00-\u9fff]{2,10}?)系统")
SECTOR_DEPARTMENT = {
    "司法行政": "司法局", "市场监管": "市场监督管理局", "人社": "人力资源和社会保障局", "住建": "住房和城乡建设局",
    "交通": "交通运输局", "文旅": "文化和旅游局", "医保": "医疗保障局"} | {
    sector: sector + "局" for sector in (
        "教育", "公安", "民政", "财政", "人力资源和社会保障", "自然资源", "生态环境", "住房和城乡建设",
        "交通运输", "水利", "水务", "农业农村", "商务", "文化和旅游", "退役军人事务", "应急管理", "审计",
        "统计", "医疗保障", "林业", "城市管理")}


def _system_department(system: str, word: str) -> Org | None:
    """The place-less department (市司法局) leading a unit's sector (全市司法行政系统) whose first
    sections call the author 我局; None for any other word or sector."""
    if word != "我局" or not (m := SECTOR_UNIT.fullmatch(system)):
        return None
    if (bureau := SECTOR_DEPARTMENT.get(m.group(2))) is None:
        return None
    org = parse_org(m.group(1) + bureau)
    return org if org is not None and org.kind == "department" and org.generic else None


def _elided_subject(text: str) -> bool:
    """The opening sentence goes from its year and leadership phrase straight to its predicate."""
    lead = OPENING_LEAD.match(text)
    return bool(lead and lead.end() and PREDICATE.match(text[lead.end():]))


def _first_sections_self(document: Document) -> str | None:
    """How the first paragraphs under the first two headings call a department author (我局, 我委);
    else a department's word for its own Party group, bare, under the first three (局党组会议)."""
    for section in document.sections[:2]:
        for text in [section.title, *(p.text for p in section.paragraphs[:2])]:
            if m := DEPARTMENT_SELF.search(text):
                return m.group(0)
    for section in document.sections[:3]:
        if any(OWN_PARTY_GROUP.search(p.text) for p in section.paragraphs[:2]):
            return "我局"
    return None


# A department's own Party group written without the department's name, opening a clause or
# right after the verb or preposition it is the object of (局党组会议研究…, 充分利用局党组中心组学习,
# 由局党委牵头): after a department's name (县司法局党组) it is that department's, maybe not the author.
OWN_PARTY_GROUP = re.compile(r"(?:^|[，,。；;：:、（(]|利用|开展|召开|组织|通过|明确|落实|经|由|以|在|将|把)局党(?:组|委)(?!织)")


def _speaks_as(orgs: list[Org], paragraph: str, led: bool = False) -> bool:
    """An opening's subject is the author unless the paragraph calls its author
    something of another level (2022年，县委、县政府高度重视…，我局…). A department
    that is the subject of the leadership phrase (某区某局在区委、区政府的领导下，…)
    is the author; the paragraph's 我区 / 我县 then name its place, not its author."""
    subject = _principal(orgs) or orgs[0]
    for m in SELF_REFERENCE.finditer(paragraph):
        own = parse_org(m.group(0))
        if own is None:
            continue
        if subject.kind == "department" and own.kind == "government" \
                and (led or m.start() > 0 and paragraph[m.start() - 1] not in CLAUSE_BREAK):
            # A department's text names its place 我县 inside a clause (为我县…提供保障, 推动我县…):
            # the place it serves, no rival author. Only 我县 opening a clause is a subject.
            continue
        inside = m.start() > 0 and paragraph[m.start() - 1] not in CLAUSE_BREAK
        if subject.kind == "government" and own.kind == "government" and inside \
                and subject.level in LEVELS and own.level in LEVELS and LEVELS.index(own.level) < LEVELS.index(subject.level):
            # A city's text names the province holding it inside a clause (视察我省期间, 为我省…):
            # the place above it, no rival author. Only a self-reference opening a clause is a subject.
            continue
        if (own.kind == "department") != (subject.kind == "department") \
                or subject.level and own.level and own.level != subject.level:
            return False
    return True


CLAUSE_BREAK = "，,。；;：:！？、“\"（("
# The phrase that names the author's leaders: 在区委、区政府的坚强领导下, 在上级部门的指导下.
LED_BY = re.compile(r"\s*在[^，。；,;]{2,40}?(?:领导|指导)下")


def _led_subject(orgs: list[Org], paragraph: str) -> bool:
    """The opening's subject stands right before the phrase that names its leaders
    (2023年，某县司法局在县委、县政府的领导下，…) or right after it (在县委、县政府的领导下，
    某县司法局…): it is the one led, the author."""
    subject = _principal(orgs) or orgs[0]
    at = paragraph.find(subject.written)
    if at < 0:
        return False
    return bool(LED_BY.match(paragraph, at + len(subject.written))) \
        or bool(re.search(r"在[^，。；,;]{2,40}?(?:领导|指导)下\s*[，,]?\s*$", paragraph[:at]))


def _clue_places(facts: Facts, context: tuple[tuple[str, ...], ...]) -> list[Place]:
    """The places printed outside the body: title, banner, signature,
    publication line, index block, footer (host, address), breadcrumb."""
    places = []
    for text in [facts.title or "", facts.banner or "", *facts.signers, facts.source or "",
                 facts.publisher or "", facts.host or "", facts.address or "", *facts.crumbs]:
        chain, _ = split_place(re.sub(r"^中共", "", text))
        if chain and (place := resolve(chain, context)):
            places.append(place)
    return places


LEVELS = ("province", "city", "county", "town")


def _addressee_place(facts: Facts, context: tuple[tuple[str, ...], ...]) -> Place | None:
    """The place of the addressee (中共某州委、某州人民政府：), the superior the report goes to."""
    chain, _ = split_place(re.sub(r"^中共", "", facts.addressee or ""))
    return resolve(chain, context) if chain else None


def _addressee_above(org: Org, facts: Facts, context: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """For a self-reference whose place is unknown, the places of the addressee
    above the self-reference's unit (a report goes to the superior holding its
    author); a department's unit is unknown, so only its province."""
    place = _addressee_place(facts, context)
    if place is None:
        return {}
    level = GENERIC_LEVEL.get(org.unit) if org.kind != "department" else None
    depth = LEVELS.index(level) if level in LEVELS else 1
    return {k: v for k, v in place.values().items() if LEVELS.index(k) < depth}
CITED = re.compile(r"《([^》]{4,60})》")


def _cited_places(document: Document, org: Org, context: tuple[tuple[str, ...], ...]) -> list[Place]:
    """The place of the author's own documents cited in the opening and the first
    sections (《某县党政主要负责人述法办法》), for a self-reference (县委、县政府):
    the one place at the self-reference's own unit that opens at least two cited
    titles (or one that is the year's plan: 《某县2021年法治政府建设工作要点》), none at
    that unit naming another place; [] otherwise. 我市 takes a 市 of either level. Documents of
    superiors (《某省…》 in a county's report) are of another unit and say nothing
    here; a province's own (《广西法治政府建设实施方案》 where 自治区党委、政府 report) count."""
    level = GENERIC_LEVEL.get(org.unit)
    # 我市 is a prefecture-level or a county-level city: the cited 市 settles which.
    levels: tuple[str, ...] = ("city", "county") if org.unit == "市" else (level,) if level in LEVELS else ()
    if not levels:
        return []
    texts = [p.text for p in document.preamble]
    for section in document.sections[:4]:
        texts += [p.text for p in section.paragraphs]
    found: list[Place] = []
    own_plan = False
    for text in texts:
        for m in CITED.finditer(text):
            # 《2022年某县人民政府常务会会前学法计划》: a year may open the title before its place.
            chain, after = split_place(CITED_LEAD.sub("", m.group(1)))
            if not chain or org.unit == "市" and not chain[-1].endswith("市") \
                    or org.unit != "市" and unit_level(chain[-1]) != level:
                continue
            if (place := resolve(chain, context)) and any(place.values().get(k) == chain[-1] for k in levels):
                found.append(place)
                # 《某县2021年法治政府建设工作要点》: the year's plan of the author's own unit.
                own_plan = own_plan or bool(OWN_PLAN.match(after))
    if len({p.last for p in found}) != 1 or len(found) < 2 and not own_plan:
        return []
    return found[:1]


# A verb by which the author makes a document of its own: 制定《…》, 研究制定了《…》, 审议并通过了《…》.
AUTHORED = re.compile(r"(?:制定|制发|印发|编制|出台|修订|审议通过|审议并通过)了?\s*$")
# The department a cited title opens with once its places are set aside: 应急管理局学法计划 → 应急管理局.
TITLE_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:委员会|办公室|局|厅|委)")


def _authored_department_place(document: Document, org: Org, clues: list[Place],
                               context: tuple[tuple[str, ...], ...]) -> dict[str, str]:
    """For a department that calls itself only 我局 / 市某局, the places of the documents it
    says it made (研究制定了《某县某局学法计划》《…》, 编制《某市某局…清单》): each title names a
    department of the self-reference's kind (局, 委) with its place, at the self-reference's unit
    where it has one. Only the places every such title and every clue outside the body agree on
    (a superior's document made for it would hold fewer, never another); {} otherwise."""
    kind = _department_kind(org.written)
    level = GENERIC_LEVEL.get(org.unit) if org.unit else None
    level = level if level in LEVELS else None  # 我局: a department of an unknown unit
    texts = [p.text for p in document.preamble]
    for section in document.sections[:4]:
        texts += [p.text for p in section.paragraphs]
    found: list[Place] = []
    for text in texts:
        made, end = False, -1
        for m in CITED.finditer(text):
            # 制定了《甲》《乙》: the titles right after the verb, one after another, were all made.
            made = bool(AUTHORED.search(text, 0, m.start())) \
                or made and bool(re.fullmatch(r"[、和及]?", text[end:m.start()]))
            end = m.end()
            if not made:
                continue
            chain, after = split_place(CITED_LEAD.sub("", m.group(1)))
            # …or the sector's system it leads (制发《某市交通运输系统…要点》), a bureau's sector.
            system = re.match(r"([\u4e00-\u9fff]{2,10}?)系统", after)
            department = TITLE_DEPARTMENT.match(after)
            name = SECTOR_DEPARTMENT.get(system.group(1)) if system \
                else department.group(0) if department else None
            if not chain or not name or _department_kind(name) != kind:
                continue
            if level and not (org.unit == "市" and chain[-1].endswith("市") or unit_level(chain[-1]) == level):
                continue
            named = parse_org("".join(chain) + name, context)
            if named is None or named.kind != "department" or named.generic or named.place is None:
                continue
            found.append(named.place)
    every = found + clues
    if not found or any(not _compatible(a, b) for a in every for b in every):
        return {}
    agreed = dict(found[0].values())
    for place in found[1:]:
        agreed = {k: v for k, v in agreed.items() if place.values().get(k) == v}
    return agreed


def _body_province(document: Document, org: Org, context: tuple[tuple[str, ...], ...]) -> list[Place]:
    """For a province's body named without its province (自治区人民政府 for 我区, 省政府, a 厅
    written alone): the one province the opening and the first sections name, named at least
    twice as its own (法治四川 … 平安四川, 《内蒙古自治区…方案》, 青海日报: the slogan of its
    rule-of-law work, opening a cited title, or its own press and satellite channel: 青海卫视), no other province named there; [] otherwise. A province
    named otherwise is as often another one (学习借鉴浙江经验，赴浙江考察). A government's or
    committee's unit must be the province's (省, 自治区); a 厅 is either's."""
    if GENERIC_LEVEL.get(org.unit) != "province":
        return []
    texts = [p.text for p in document.preamble]
    for section in document.sections[:4]:
        texts += [p.text for p in section.paragraphs]
    pattern, full = province_names()
    text = "\n".join(texts)
    found = list(pattern.finditer(text))
    named = [full[m.group(0)] for m in found]
    own = [m for m in found if text.endswith(("法治", "平安"), 0, m.start()) or OWN_TITLE.search(text, 0, m.start())
           or OWN_MEDIA.match(text, m.end())]
    if len(own) < 2 or len(set(named)) != 1:
        return []
    name = named[0]
    if not name.endswith(("省", "自治区")) or org.kind != "department" and not name.endswith(org.unit):
        return []
    place = resolve((name,), context)
    return [place] if place else []


def _body_town(document: Document, org: Org, context: tuple[tuple[str, ...], ...]) -> list[Place]:
    """For a town that calls itself only 我镇 / 我乡 / 本街道: the one town of that unit the opening
    and the first sections name, at least twice (让…在某镇落地生根, 列入某镇委党校课程), no other
    town of the unit named there, and the gazetteer holding that name once; [] otherwise. A town
    named once may be one visited or learnt from (赴某镇学习), as a town named beside another is."""
    unit = org.unit
    if org.kind == "department" or GENERIC_LEVEL.get(unit or "") != "town" or not unit:
        return []
    texts = [p.text for p in document.preamble]
    for section in document.sections[:4]:
        texts += [p.text for p in section.paragraphs]
    text = re.sub(r"《[^》]*》", "", "\n".join(texts))
    named: dict[str, Place] = {}
    count: dict[str, int] = {}
    organs = 0
    for m in re.finditer(unit, text):
        # The longest name of 2 to 5 characters before the unit that the gazetteer holds once.
        for k in (5, 4, 3, 2):
            name = text[max(0, m.start() - k):m.end()]
            if len(name) != k + len(unit) or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                continue
            if (place := named.get(name) or resolve((name,), context)) and place.town == name:
                if VISITED.search(text, 0, m.start() - k):
                    return []  # 赴某镇学习, 借鉴某镇经验: a town visited or learnt from
                start = max(text.rfind(c, 0, m.start()) for c in "。；！？\n") + 1
                end = min((i for c in "。；！？\n" if (i := text.find(c, m.end())) >= 0), default=len(text))
                if EXCHANGED.search(text, start, end):
                    return []  # 某镇党委书记一行来我镇交流，介绍了某镇的做法: a visitor's own town
                named[name] = place
                count[name] = count.get(name, 0) + 1
                organs += bool(OWN_ORGAN.match(text, m.end()))
                break
    if len(named) != 1:
        return []
    name, place = next(iter(named.items()))
    return [place] if count[name] >= 2 and organs and place.province else []


# A town's own organs written after its name: 某镇党委, 某镇委党校, 某镇人民政府, 某镇党政办.
OWN_ORGAN = re.compile(r"(?:党委|党工委|委|人民政府|政府|党政|人大|纪委)")
# A verb or preposition before a town that is visited, learnt from or worked with.
VISITED = re.compile(r"(?:赴|到|前往|走进|借鉴|学习|考察|参观|观摩|与|同|和|向|及|、|对口|结对|帮扶|联合|协同|携手|邀请|接待|来自"
                     r"|(?:相邻|毗邻|邻近|周边|兄弟)的?)$")
# Words of a sentence where another town visits, is shown or tells its own way (来我镇, 观摩, 介绍…经验):
# a town named there is a guest or a model, however often and with whatever organ.
EXCHANGED = re.compile(r"(?:来|到|赴|莅临|走进)(?:我|本)(?:镇|乡|街道)|(?:我|本)(?:镇|乡|街道)与|交流|观摩|考察|调研|参观|借鉴|介绍"
                       r"|讲解|分享|一行|带队|经验|做法")


CITED_LEAD = re.compile(rf"^(?:中共|关于|(?:{YEAR_TEXT})\s*年度?)")
# A cited title's opening, where a province's name stands as its own document's (《2022年四川省…》).
# The province's own press, where its law popularisation runs (青海日报, 青海广播电视台).
OWN_MEDIA = re.compile(r"(?:日报|广播电视台|电视台|卫视|人民广播电台)")
OWN_TITLE = re.compile(rf"《(?:中共|关于|(?:{YEAR_TEXT})\s*年度?)?$")
OWN_PLAN = re.compile(rf"^(?:{YEAR_TEXT})\s*年度?(?:法治政府建设|法治建设|依法行政)[\u4e00-\u9fff]{{0,6}}(?:要点|计划|方案|安排)$")


# A prefecture-level city's report speaks of the counties and districts it holds
# (各县（市、区）, 县区, 各区, 市县乡三级); a county-level city holds none.
CITY_HOLDS_COUNTIES = re.compile(
    r"各县|县[（(](?:市|区)|县市区|县（市）区|县区|区县|各区|市县乡|市县两级|市、县两级"
    r"|(?:\d+|[一二三四五六七八九十]+)个(?:县|区|县区|县市区)")
# …and is held by a province (省委、省政府), where a municipality (北京市) answers to the
# State Council and a county-level city to a prefecture (州委, 地委, 盟委) or is called one.
CITY_UNDER_PROVINCE = re.compile(r"省委|省政府|省人民政府|自治区党委|自治区人民政府|自治区政府")
CITY_COUNTY_LEVEL = re.compile(r"县级市|[州盟地]委(?!员)|[州盟]人民政府|[州盟]政府|行署")


def _generic_city_level(document: Document) -> str | None:
    """The level of a place-less 市 (我市, 市政府): a prefecture-level city ("city")
    when the opening and the first sections speak of the counties it holds and of
    the province above it, and give no sign of a county-level city; None otherwise."""
    texts = [p.text for p in document.preamble]
    for section in document.sections[:6]:
        texts += [section.title, *(p.text for p in section.paragraphs)]
    text = re.sub(r"《[^》]*》", "", "\n".join(texts))
    if CITY_HOLDS_COUNTIES.search(text) and CITY_UNDER_PROVINCE.search(text) \
            and not CITY_COUNTY_LEVEL.search(text):
        return "city"
    return None


def _compatible(place: Place | None, other: Place) -> bool:
    """Two places on one line of the hierarchy (one is the other or holds it)."""
    if place is None:
        return True
    mine, theirs = place.values(), other.values()
    return all(mine[k] == theirs[k] for k in LEVELS if k in mine and k in theirs)


def _place_generic(org: Org, clues: list[Place], context: tuple[tuple[str, ...], ...],
                   checks: list[Place] | None = None) -> Org | None:
    """A self-reference (区司法局, 县政府) given the place every clue outside the
    body agrees on, at the self-reference's own unit; None when the clues are
    absent, disagree or do not reach that unit."""
    every = clues + (checks or [])
    if not clues or any(not _compatible(a, b) for a in every for b in every):
        return None
    agreed: dict[str, str] = {}
    for clue in clues:
        agreed.update(clue.values())
    unit = org.unit
    # 市 is a prefecture-level or a county-level city: the deepest agreed 市.
    level = next((k for k in ("county", "city") if agreed.get(k, "").endswith("市")), None) if unit == "市" \
        else GENERIC_LEVEL.get(unit)
    name = agreed.get(level) if level in LEVELS else None
    if not name or (level in ("county", "town") and not name.endswith(unit)):
        return None
    if level == "city" and not name.endswith(unit) and not (unit == "州" and name.endswith("自治州")):
        return None
    # 司法厅 written alone: a province's department whose name holds no unit to replace.
    rest = org.written[len(unit):] if org.written.startswith(unit) \
        else org.written if org.kind == "department" and unit == "省" and org.rest == org.written else ""
    if org.kind == "department":
        if not rest:
            return None
        written = name + rest
    elif org.kind == "party":
        written = "中共" + name + "委员会"
    else:
        written = name + ("办事处" if unit == "街道" else "人民政府")
    found = parse_org(written, context)
    return found if found and not found.generic and (org.level is None or found.level == org.level) else None


# A town's name the gazetteer does not know, read by its grammar (红柳镇). A name opens
# with no preposition (在全镇深入推进… is an adverbial, no subject) and no word that
# gathers or points (全镇, 各乡, 本街道), and 城乡 / 乡镇 are words, not a town's end.
TOWN_ALONE = re.compile(r"(?![在对向为从于由经据按以把将给全各本该我其此所每])[\u4e00-\u9fff]{2,5}?(?<![城乡])(?:镇|乡|街道)")


def _government_of(text: str, context) -> Org | None:
    """The government of a place written alone (下洋镇, 武汉市江夏区, 赵县人民政府);
    a development zone named alone (西宁经济技术开发区) reports as its committee."""
    if BARE_ZONE.match(text) and (zone := parse_org(text + "管理委员会", context)) and zone.place:
        return zone
    if text.endswith("新区") and text not in gazetteer().names and text not in gazetteer().towns \
            and (zone := parse_org(text + "管理委员会", context)) and zone.kind == "department":
        # 滨海湾新区 written alone, a 新区 the gazetteer does not hold as a district: a
        # functional area, which reports as its committee (its place as the name gives it).
        return zone
    if (dual := DUAL_NAME.fullmatch(text)) and not dual.group(3) and (org := _government_of(dual.group(2), context)):
        # 经开区（头屯河区）2023年…: the merged district's government reports.
        return org
    if org := parse_org(text, context):
        return org
    corps = CORPS.match(text)  # 第三师图木舒克市: the division-city written alone
    division = corps.group(0) if corps else ""
    chain, rest = split_place(text[len(division):])
    if not chain and not division and TOWN_ALONE.fullmatch(text):
        # 红柳镇 the gazetteer does not know: a town by its grammar (its place unresolved).
        return parse_org(text + ("办事处" if text.endswith("街道") else "人民政府"), context)
    if not chain or rest:
        return None
    last = chain[-1]
    suffix = "办事处" if last.endswith("街道") else "行政公署" if last.endswith(("盟", "地区")) \
        else "管理委员会" if is_zone(last, "管理委员会") and last not in gazetteer().new_area_districts else "人民政府"
    return parse_org(division + "".join(chain) + suffix, context)


def _banner_org(banner: str, context) -> Org | None:
    name = re.sub(r"(?:门户网站|政府网站|网站|网|欢迎您)$", "", banner)
    return parse_org(name, context) if name else None


def _principal(orgs: list[Org]) -> Org | None:
    """The body that defines the report's place and level: the government if it signs."""
    for org in orgs:
        if org.kind == "government":
            return org
    return orgs[0] if orgs else None


# A sentence of the opening that speaks of the current year: 今年以来，…; 今年是…之年。
THIS_YEAR = re.compile(r"(?:^|[。；！？])\s*今年(?!度)")


def _year(facts: Facts, document: Document) -> int | None:
    if facts.title and (m := YEAR.search(facts.title)):
        return _year_number(m.group(1))
    for paragraph in document.preamble[:2]:
        text = _without_addressee(paragraph.text)
        if m := OPENING_YEAR.match(text) or TOPIC_OPENING.match(text) or DROPPED_YEAR_OPENING.match(text):
            return _year_number(m.group(1))
        if m := REPORTING.search(text):
            return _year_number(m.group(2))
        # A year standing as its own clause after a clause of grounds: 根据…部署，2023年，某街道…
        first = re.split(r"[。！？]", text, maxsplit=1)[0]
        if m := CLAUSE_YEAR.search(first):
            return _year_number(m.group(1))
        # The year the first sentence gives the work it reports on, outside cited
        # titles (《…》) and spans (2021—2025年): …，2024年度法治政府建设各项任务顺利完成
        if m := WORK_YEAR.search(re.sub(r"《[^》]*》", "", first)):
            return _year_number(m.group(1))
        # The second sentence of the opening paragraph opening with its year: 近年来，某县…。2023年，全县…
        if m := SECOND_YEAR.match(text[:400]):
            return _year_number(m.group(1))
    # A heading of the first required part: 第一部分：2023年度法治政府建设的主要举措和成效.
    # Plan headings (2024年工作安排) never count.
    for section in document.sections[:8]:
        if (m := YEAR.search(section.title)) and RESULTS_HEADING.search(section.title) \
                and not PLAN_HEADING.search(section.title):
            return _year_number(m.group(1))
    # A text that starts at its first heading with no opening: the year that opens
    # the sentences of its results part (…。2021年，党组召开8次会议…), when every such
    # sentence gives the same year and at least two do. From the first plan heading
    # on (2022年工作打算) nothing counts.
    years: set[str] = set()
    count = 0
    if not document.preamble:
        for section in document.sections[:12]:
            if PLAN_HEADING.search(section.title):
                break
            for paragraph in section.paragraphs:
                for m in SENTENCE_YEAR.finditer(re.sub(r"《[^》]*》", "", paragraph.text)):
                    years.add(m.group(1))
                    count += 1
    if count >= 2 and len(years) == 1:
        return _year_number(years.pop())
    return None


SENTENCE_YEAR = re.compile(rf"(?:^|[。；！？])\s*({YEAR_TEXT})\s*年度?(?!以来|至|到|[—–\-~])\s*[，,]?(?=[\u4e00-\u9fff])")


def _year_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(cn_number(c)) for c in text))
