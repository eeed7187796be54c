"""Stage 4: document structure + sidecar -> metadata, each value with its origin.

Precedence for every key: the sidecar (the publisher's explicit word), then the
text, then a derivation. Places resolve to the administrative hierarchy with
jionlp's gazetteer.
"""
from __future__ import annotations

import contextlib
import io
import re
from functools import lru_cache

from .records import Cleaned, Diagnostic, Document, Field, Metadata

GOVERNMENT = re.compile(r"人民政府|政府|办事处|街道$")
PARTY = re.compile(r"^中共.*(?:委员会|委)$|党委$|^.+委员会$")
DEPARTMENT = re.compile(r"(?:局|厅|委员会办公室|办公室|中心|法院|检察院|管委会|委)$")
ORG_SUFFIX = re.compile(r"(?:人民政府|政府|委员会|党委|街道办事处|办事处|委)$")
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
YEAR_IN_TITLE = re.compile(r"(20\d{2}|19\d{2})\s*年")
YEAR_OPENING = re.compile(r"^(20\d{2})年(?:度)?(?:[，,以来]|全年|是)")
YEAR_HEADING = re.compile(r"(20\d{2})年度?(?:法治政府建设|推进法治政府建设|工作)")


def describe(cleaned: Cleaned, document: Document, given: dict[str, object]) -> Metadata:
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

    title_text = _title_from_text(cleaned, document)
    put("title", title_text, "text")

    issuers = _issuers(document, title_text)
    put("issuer", "、".join(issuers) if issuers else None, "text")

    issuer = str(values["issuer"].value) if "issuer" in values else ""
    principal = _principal(re.split("[、 ]", issuer)) if issuer else ""
    places = resolve_place(principal, given, cleaned.text)
    for key in ("province", "city", "county", "town"):
        if places.get(key):
            origin = "text" if places[key] in issuer or places[key] in (title_text or "") else "derived"
            put(key, places[key], origin)
    if principal and not places.get("province") and "province" not in given:
        diagnostics.append(Diagnostic(
            "place-unresolved", f"无法确定“{principal}”所属的行政区划，请在补充文件中给出 province、city 等", 1, "warning"))
    put("level", _level(principal, {k: v.value for k, v in values.items()}), "derived")

    year = _year(title_text, document)
    put("year", year, "text")
    date = document.signed or cleaned.published
    put("date", date, "text")
    if "year" not in values and date:
        put("year", int(str(date)[:4]) - 1, "derived")

    put("doc_number", document.doc_number, "text")
    put("source", cleaned.source_office, "text")

    if "title" not in values:
        place = next((values[k].value for k in ("town", "county", "city", "province") if k in values), None)
        name = place if values.get("level", Field(None, "derived")).value != "department" else issuer
        name = name or issuer
        if name and "year" in values:
            put("title", f"{name}{values['year'].value}年度法治政府建设情况报告", "derived")
    if "issuer" not in values:
        diagnostics.append(Diagnostic(
            "missing-issuer", "原文未写明发布机关，请在补充文件中给出 issuer", 1, "warning"))
    if "title" not in values:
        diagnostics.append(Diagnostic("missing-title", "原文没有标题，也无法推断", 1, "warning"))
    if "year" not in values:
        diagnostics.append(Diagnostic("missing-year", "无法确定报告年度，请在补充文件中给出 year", 1, "warning"))
    return Metadata(values=values, diagnostics=tuple(diagnostics))


def _title_from_text(cleaned: Cleaned, document: Document) -> str | None:
    lines = list(document.title_lines)
    if lines:
        if len(lines) > 1 and lines[-1].startswith("关于"):
            return " ".join(lines[:-1]) + lines[-1]
        return "".join(lines)
    return cleaned.page_title


def _issuers(document: Document, title: str | None) -> list[str]:
    if title and "关于" in title:
        head = title.split("关于", 1)[0].strip()
        parts = [p for p in re.split(r"[ 、]+", head) if p]
        if parts and all(ORG_SUFFIX.search(p) or DEPARTMENT.search(p) for p in parts):
            return parts
    return list(document.signers)


def _principal(issuers: list[str]) -> str:
    """The body that defines the report's place and level: the government if it signs."""
    issuers = [i for i in issuers if i]
    for name in issuers:
        if GOVERNMENT.search(name):
            return name
    return issuers[0] if issuers else ""


def _level(principal: str, values: dict[str, object]) -> str | None:
    if not principal:
        return None
    is_department = DEPARTMENT.search(principal) and not GOVERNMENT.search(principal) and not PARTY.search(principal)
    if is_department:
        return "department"
    if values.get("town"):
        return "town"
    if values.get("county"):
        return "county"
    if values.get("city") and values.get("city") != values.get("province"):
        return "city"
    if values.get("province"):
        return "province" if values["province"] in MUNICIPALITIES or str(values["province"]).endswith(("省", "自治区")) else "city"
    return None


def _year(title: str | None, document: Document) -> int | None:
    if title and (m := YEAR_IN_TITLE.search(title)):
        return int(m.group(1))
    for paragraph in document.preamble[:2]:
        if m := YEAR_OPENING.match(paragraph.text):
            return int(m.group(1))
    for section in document.sections[:6]:
        if m := YEAR_HEADING.search(section.title):
            return int(m.group(1))
    return None


@lru_cache(maxsize=1)
def load_jionlp():
    """jionlp, imported once. It prints a banner on import; stdout must stay
    clean for `inspect --json`."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


@lru_cache(maxsize=4096)
def _parse_location(text: str) -> tuple[tuple[str, str | None], ...]:
    with contextlib.redirect_stdout(io.StringIO()):
        result = load_jionlp().parse_location(text, town_village=True)
    return tuple((k, result.get(k)) for k in ("province", "city", "county", "town"))


def resolve_place(principal: str, given: dict[str, object], text: str) -> dict[str, str]:
    """Resolve the issuing body's place to province, city, county and town."""
    name = ORG_SUFFIX.sub("", re.sub(r"^中共", "", principal))
    name = DEPARTMENT.sub("", name) if not GOVERNMENT.search(principal) else name
    prefix = "".join(str(given[k]) for k in ("province", "city", "county") if given.get(k))
    query = prefix + name if not name.startswith(prefix) else name
    if not query and given.get("town"):
        query = str(given["town"])
    if not query:
        return {}
    found = dict(_parse_location(query))
    if not found.get("province") and name:
        # A town alone (黄江镇) is ambiguous: look for it in the text with its
        # county or city written before it (东莞市黄江镇).
        found = _from_context(name, text) or found
    if found.get("town") is None and name.endswith(("镇", "乡", "街道")) and found.get("province"):
        found["town"] = re.split("[省市县区]", name)[-1] or name
    return {k: v for k, v in found.items() if v}


def _from_context(name: str, text: str) -> dict[str, str | None] | None:
    tail = re.split("(?<=[省市县区州盟旗])", name)[-1]
    for match in list(re.finditer(re.escape(tail), text))[:20]:
        before = text[max(0, match.start() - 12) : match.start()]
        for k in range(len(before), 1, -1):
            candidate = before[-k:]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", candidate) or not candidate.endswith(tuple("省市县区州盟旗")):
                continue
            found = dict(_parse_location(candidate + tail))
            if found.get("province") and (found.get("town") == tail or found.get("county") == tail):
                return found
    return None
