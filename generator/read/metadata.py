"""The page's facts + document + sidecar -> metadata, each value with its origin.

Precedence for every key: the sidecar (the publisher's explicit word), then
the text, then a derivation. When the text does not settle a value it stays
empty with a warning naming the sidecar key that supplies it: a wrong value
shown to readers is worse than a missing one.

- issuer: the signature block; else the organisations that open the title
  (中共某县委 某县人民政府关于…); else the place or body the title opens with
  (赵县人民政府2022年度…, 下洋镇2023年…: a place's report is its government's);
  else 现将…报告如下; else an opening sentence that speaks of "县政府/市政府"
  on a site whose banner names that government. Names are read by the grammar
  of ``orgs`` and shown without parent places (榆垡镇人民政府).
- places: the principal issuer's place (its government when several sign),
  resolved in jionlp's gazetteer; a name shared by several places is resolved
  only with another place printed on the page (banner, signature, breadcrumb).
- level: from the grammar (a department whatever its place; a government by
  its place's unit).
- year: the title, else the opening sentence, else the date minus one
  (derived); banner dates, plan-year headings and cited documents never count.
- date: the signature date, else the index block's 成文日期, else the
  publication date.
"""
from __future__ import annotations

import re

from generator.read.orgs import Org, org_names, parse_org, split_place
from generator.read.page import YEAR_TEXT, Facts, cn_number
from generator.records import Cleaned, Diagnostic, Document, Field, Metadata

YEAR = re.compile(rf"({YEAR_TEXT})\s*年")
OPENING_YEAR = re.compile(rf"^({YEAR_TEXT})\s*年度?(?:以来|，|,|是|全年|上半年|中|里)")
REPORTING = re.compile(rf"现(?:将|就|把)([^，。；]{{0,30}}?)({YEAR_TEXT})\s*年度?[^，。；]{{0,30}}?(?:报告|汇报)(?:如下)?")
GENERIC_SUBJECT = re.compile(r"(?:^|[，。])(?:在[^，。]{2,30}下，)?(?:我|全|本)?([县市区旗州镇乡])(?:政府|人民政府|委、[县市区旗]政府)")
RESULTS_HEADING = re.compile(r"举措|成效|开展情况|工作情况|主要工作|建设情况|进展")
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
                    "sidecar-overrides", f"补充文件中的“{key}”（{given[key]}）取代了原文中的“{value}”", 1))
            return
        if key not in values:
            values[key] = Field(value, origin)  # type: ignore[arg-type]

    for key, value in given.items():
        values[key] = Field(value, "sidecar")

    put("title", facts.title, "text")
    context = _context(facts, given)
    orgs, origin = _issuers(facts, document, context)
    put("issuer", "、".join(o.name for o in orgs) if orgs else None, origin)

    principal = _principal(orgs)
    place = principal.place if principal and principal.place else None
    if principal is None and "issuer" in given:
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
                1, "warning"))
    if principal is not None:
        put("level", principal.level, "derived")

    year = _year(facts, document)
    put("year", year, "text")
    date = facts.signed or facts.written or facts.published
    put("date", date, "text")
    if "year" not in values and date:
        put("year", int(str(date)[:4]) - 1, "derived")

    doc_number = facts.doc_number or (facts.index_doc_number if facts.title_kind != "wrapper" else None)
    put("doc_number", doc_number, "text")
    put("source", facts.source or facts.publisher or facts.host, "text")

    if "title" not in values and "year" in values:
        # A government's report is titled by its place (许村镇2023年度…), a department's by its name.
        level = values["level"].value if "level" in values else None
        named = next((values[k].value for k in ("town", "county", "city", "province") if k in values), None)
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


def _issuers(facts: Facts, document: Document, context) -> tuple[list[Org], str]:
    # 1. The signature block.
    signers = [parse_org(s, context) for s in facts.signers]
    if signers and all(signers):
        return signers, "text"  # type: ignore[return-value]
    title = facts.title or ""
    # 2. Organisations opening the title: 中共某县委 某县人民政府关于…, 某局2022年度…
    head = re.split(rf"关于|(?:{YEAR_TEXT})\s*年", title, maxsplit=1)[0].strip()
    if head and (names := org_names(head)):
        orgs = [parse_org(n, context) for n in names]
        if all(orgs):
            return orgs, "text"  # type: ignore[return-value]
    # 3. A place opening the title: 下洋镇2023年… is 下洋镇人民政府's report.
    if head and (org := _government_of(head, context)):
        return [org], "derived"
    # 4. 现将…2022年度…报告如下
    for paragraph in document.preamble[:2]:
        if (m := REPORTING.search(paragraph.text)) and (org := _government_of(m.group(1).strip("我"), context)):
            return [org], "derived"
    # 5. An opening that speaks of 县政府 / 市政府 on a site whose banner names that government.
    banner = _banner_org(facts.banner or "", context)
    if banner and banner.kind == "government" and document.preamble:
        m = GENERIC_SUBJECT.search(document.preamble[0].text[:80])
        if m and banner.place and banner.place.last.endswith(m.group(1)):
            return [banner], "derived"
    return [], "text"


def _government_of(text: str, context) -> Org | None:
    """The government of a place written alone (下洋镇, 武汉市江夏区, 赵县人民政府)."""
    if org := parse_org(text, context):
        return org
    chain, rest = split_place(text)
    if not chain or rest:
        return None
    suffix = "办事处" if chain[-1].endswith("街道") else "行政公署" if chain[-1].endswith(("盟", "地区")) else "人民政府"
    return parse_org("".join(chain) + suffix, context)


def _banner_org(banner: str, context) -> Org | None:
    name = re.sub(r"(?:门户网站|政府网站|网站|网|欢迎您)$", "", banner)
    return parse_org(name, context) if name else None


def _principal(orgs: list[Org]) -> Org | None:
    """The body that defines the report's place and level: the government if it signs."""
    for org in orgs:
        if org.kind == "government":
            return org
    return orgs[0] if orgs else None


def _year(facts: Facts, document: Document) -> int | None:
    if facts.title and (m := YEAR.search(facts.title)):
        return _year_number(m.group(1))
    for paragraph in document.preamble[:2]:
        if m := OPENING_YEAR.match(paragraph.text):
            return _year_number(m.group(1))
        if m := REPORTING.search(paragraph.text):
            return _year_number(m.group(2))
    # A heading of the first required part: 第一部分：2023年度法治政府建设的主要举措和成效.
    # Plan headings (2024年工作安排) never count.
    for section in document.sections[:8]:
        if (m := YEAR.search(section.title)) and RESULTS_HEADING.search(section.title) \
                and not PLAN_HEADING.search(section.title):
            return _year_number(m.group(1))
    return None


def _year_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(cn_number(c)) for c in text))
