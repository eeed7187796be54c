"""Who is speaking and about what: one small text per case of issue 24
(items 1-3, the metadata half of 5) and issue 23 item 9. Every text is our own;
the expected values were read from it."""
from __future__ import annotations

from generator.read.metadata import describe
from generator.read.orgs import org_names, parse_org, renamed_counties
from tests.conftest import read_text

BODY = "一、主要举措和成效\n全年开展行政执法检查12次，办理行政处罚案件5件。\n二、存在的不足\n执法力量不足。\n"


def meta(text: str) -> tuple[dict[str, object], set[str]]:
    cleaned, document = read_text(text)
    m = describe(cleaned, document, {})
    return {k: v.value for k, v in m.values.items()}, {d.code for d in m.diagnostics}


# --- item 1: the subject of the opening and of the reporting sentence --------------

def test_subject_of_the_opening_sentence_is_the_issuer():
    got, _ = meta("2022年，盐池县司法局坚持以习近平法治思想为指导，扎实推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"], got["year"]) == ("盐池县司法局", "department", "盐池县", 2022)


def test_subject_after_a_leadership_phrase():
    got, _ = meta("2021年，在州委、州政府的坚强领导下，临夏市人民政府认真落实法治政府建设各项任务。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("临夏市人民政府", "county", "临夏回族自治州")


def test_subject_of_the_reporting_sentence_after_the_year():
    text = ("2023年，在市委的领导下，市司法局持续推进依法行政，现将2023年度白银市司法局法治政府建设情况报告如下：\n"
            + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["city"]) == ("白银市司法局", "department", "白银市")


def test_an_opening_that_is_no_subject_settles_nothing():
    got, codes = meta("2022年是实施“八五”普法规划的关键一年，各项工作稳步推进。\n" + BODY)
    assert "issuer" not in got and "level" not in got and "missing-issuer" in codes


# --- item 2: generic self-references --------------------------------------------------

def test_generic_units_give_the_level_alone():
    for subject, level in (("我局", "department"), ("我镇", "town"), ("区政府", "county"),
                           ("县人民政府", "county"), ("省政府", "province"), ("县卫生健康局", "department")):
        got, codes = meta(f"2022年，{subject}坚持依法行政，全面推进法治政府建设。\n" + BODY)
        assert got.get("level") == level, subject
        assert "issuer" not in got and "issuer-placeless" in codes, subject


def test_a_placeless_name_in_the_title_or_signature_is_never_shown():
    got, codes = meta("市卫生健康委员会2023年度法治政府建设工作报告\n2023年，我委认真履行职责，推进依法行政。\n"
                      + BODY + "市卫生健康委员会\n2024年1月22日\n")
    assert "issuer" not in got and got["level"] == "department" and "issuer-placeless" in codes
    assert got["year"] == 2023 and got["date"] == "2024-01-22"


def test_a_generic_unit_takes_the_place_every_clue_outside_the_body_agrees_on():
    got, _ = meta("靖远县人民政府门户网站\n首页 > 政务公开 > 部门文件\n"
                  "2022年，县应急管理局坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("靖远县应急管理局", "department", "靖远县")


def test_clues_that_disagree_leave_the_place_unknown():
    got, codes = meta("靖远县人民政府门户网站\n来源：会宁县司法局 发布时间：2023-02-01\n"
                      "2022年，县应急管理局坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert "issuer" not in got and got["level"] == "department" and "county" not in got


def test_a_body_name_against_the_clues_outside_the_body_is_not_shown():
    got, _ = meta("靖远县人民政府门户网站\n"
                  "2022年，会宁县司法局坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert got.get("issuer") != "会宁县司法局" and got.get("county") != "会宁县"


# --- item 3: the year before the place --------------------------------------------------

def test_year_before_the_place_in_the_title():
    got, _ = meta("2021年度岷县法治政府建设工作报告\n2021年，全县上下坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["year"]) == ("岷县人民政府", "county", 2021)


# --- titles ----------------------------------------------------------------------------------

def test_enforcement_annual_report_is_a_report_title():
    got, _ = meta("天水市市场监督管理局2021年度行政执法工作年报\n现将我局2021年度行政执法工作情况报告如下：\n" + BODY)
    assert got["title"] == "天水市市场监督管理局2021年度行政执法工作年报" and got["level"] == "department"


def test_a_reporting_sentence_is_never_the_title():
    got, _ = meta("根据有关规定，现将2022年度法治政府建设情况报告如下：\n" + BODY)
    assert "现将" not in str(got.get("title", ""))


def test_long_column_tag_and_index_key_are_cut_from_the_title():
    got, _ = meta("【依法行政·年度报告公开专栏】武山县2022年法治政府建设年度报告\n2022年，武山县深入推进依法行政。\n" + BODY)
    assert got["title"] == "武山县2022年法治政府建设年度报告"
    got, _ = meta("索引号：000013338/2023-00009\n文件类型：报告\n标 题：武山县2022年法治政府建设年度报告\n"
                  "2022年，武山县深入推进依法行政。\n" + BODY)
    assert got["title"] == "武山县2022年法治政府建设年度报告"


def test_a_date_after_the_headline_is_cut_and_is_the_document_date():
    got, _ = meta("武山县人民政府关于2020年度法治政府建设情况的报告（2021年2月9日）\n发布时间：2021-02-20\n"
                  "2020年，武山县深入推进依法行政。\n" + BODY)
    assert got["title"] == "武山县人民政府关于2020年度法治政府建设情况的报告" and got["date"] == "2021-02-09"


# --- dates ------------------------------------------------------------------------------------

def test_publication_keys_without_colons():
    got, _ = meta("武山县2022年法治政府建设年度报告\n发布时间 2023-03-30　来源 县司法局\n2022年，武山县深入推进依法行政。\n"
                  + BODY)
    assert got["date"] == "2023-03-30" and got["source"] == "县司法局"


def test_title_and_publication_fields_on_one_line():
    got, _ = meta("武山县2022年法治政府建设年度报告发布时间：2023-03-30　来源：县司法局\n2022年，武山县深入推进依法行政。\n"
                  + BODY)
    assert got["title"] == "武山县2022年法治政府建设年度报告" and got["date"] == "2023-03-30"


def test_a_dateline_between_title_and_body():
    got, _ = meta("武山县2022年法治政府建设年度报告\n2023年3月30日\n2022年，武山县深入推进依法行政。\n" + BODY)
    assert got["date"] == "2023-03-30"


def test_a_publication_line_opening_with_the_site_name_and_address_is_read():
    cleaned, document = read_text("武山县人民政府网 www.example-gov.cn 2023-03-30 来源：县司法局\n"
                                  "武山县2022年法治政府建设年度报告\n2022年，武山县深入推进依法行政。\n" + BODY)
    assert cleaned.page.lines[0].role == "publication"
    m = describe(cleaned, document, {})
    assert m.values["date"].value == "2023-03-30"


# --- organisation grammar ---------------------------------------------------------------------

def test_party_and_government_names_run_together():
    assert org_names("中共白银市委白银市人民政府") == ["中共白银市委", "白银市人民政府"]
    got, _ = meta("中共白银市委白银市人民政府关于2022年度法治政府建设情况的报告\n2022年，白银市深入推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("中共白银市委、白银市人民政府", "city")


def test_a_street_office_under_its_district_government_is_a_town():
    org = parse_org("兰州市城关区人民政府酒泉路街道办事处")
    assert org is not None and (org.name, org.level, org.kind) == ("酒泉路街道办事处", "town", "government")


# --- issue 23 item 9 ---------------------------------------------------------------------------

def test_a_stray_line_after_the_footer_keeps_the_signature():
    got, _ = meta("2023年，会宁县坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY
                  + "会宁县人民政府\n2024年1月19日\n主办：会宁县人民政府办公室\n网站标识码：6204220001\n点击\n")
    assert (got["issuer"], got["level"], got["date"]) == ("会宁县人民政府", "county", "2024-01-19")
    cleaned, _ = read_text("会宁县2023年法治政府建设年度报告\n2023年，会宁县全面推进依法行政。\n" + BODY
                           + "会宁县人民政府\n2024年1月19日\n主办：会宁县人民政府办公室\n点击\n")
    assert "点击" not in cleaned.text and "会宁县人民政府\n" not in cleaned.text


def test_a_title_glued_to_the_first_body_sentence():
    got, _ = meta("会宁县2023年法治政府建设年度报告2023年，会宁县坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert (got["title"], got["issuer"], got["level"], got["year"]) == (
        "会宁县2023年法治政府建设年度报告", "会宁县人民政府", "county", 2023)


def test_a_development_zone_committee_is_a_department_of_its_city():
    org = parse_org("白银高新技术产业开发区管理委员会")
    assert org is not None and (org.name, org.level) == ("白银高新技术产业开发区管理委员会", "department")
    assert org.place is not None and org.place.city == "白银市"


def test_a_template_placeholder_settles_the_level_only():
    got, codes = meta("XX镇2022年法治政府建设工作报告\n2022年，xx镇在xx县委、县政府的领导下推进依法行政。\n" + BODY)
    assert got["level"] == "town" and "issuer" not in got and "town" not in got


def test_friendly_links_after_the_signature_are_the_frame():
    got, _ = meta("2023年，会宁县全面推进依法行政，各项工作取得新成效。\n" + BODY
                  + "会宁县人民政府\n2024年1月19日\n友情链接：某某网 | 某某平台\n")
    assert got["date"] == "2024-01-19" and got["issuer"] == "会宁县人民政府"


def test_a_bracketed_dateline_under_the_title_is_the_document_date():
    got, _ = meta("发布时间：2023-04-02　来源：县司法局\n武山县人民政府关于2022年度法治政府建设情况的报告\n"
                  "（2023年3月28日）\n2022年，武山县深入推进依法行政。\n" + BODY)
    assert got["date"] == "2023-03-28" and got["title"] == "武山县人民政府关于2022年度法治政府建设情况的报告"


def test_an_unknown_key_inside_an_index_block_stays_in_the_block():
    got, _ = meta("索 引 号：000014349/2023-00031\n发文机关：武山县人民政府\n信息类型：工作报告\n"
                  "标 题：武山县2022年法治政府建设年度报告\n成文日期：2023-02-20\n"
                  "2022年，武山县深入推进依法行政。\n" + BODY)
    assert got["title"] == "武山县2022年法治政府建设年度报告" and got["date"] == "2023-02-20"
    cleaned, _ = read_text("索 引 号：000014349/2023-00031\n发文机关：武山县人民政府\n信息类型：工作报告\n"
                           "标 题：武山县2022年法治政府建设年度报告\n成文日期：2023-02-20\n"
                           "2022年，武山县深入推进依法行政。\n" + BODY)
    assert cleaned.text.startswith("2022年，武山县")


def test_subject_and_year_after_a_clause_of_grounds():
    got, _ = meta("按照市委、市政府关于法治建设的部署要求，2024年，东湖街道以基层治理法治化为抓手，扎实推进依法行政。\n" + BODY)
    assert (got["level"], got["year"]) == ("town", 2024)
    assert str(got.get("issuer", "东湖街道办事处")) == "东湖街道办事处"


def test_a_government_written_after_its_party_committee_without_a_place():
    got, _ = meta("2025年，在县委、县政府的坚强领导下，乡党委、政府认真落实法治政府建设各项任务。\n" + BODY)
    assert got["level"] == "town" and "issuer" not in got
    got, _ = meta("2023年，中共岷县县委、政府坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert (got["level"], got["county"]) == ("county", "岷县") and "岷县人民政府" in str(got["issuer"])


def test_a_development_zone_named_alone_is_no_county():
    # Its report is its committee's (as 下洋镇2023年… is 下洋镇人民政府's): a department of its city.
    got, codes = meta("白银高新区2023年度法治政府建设情况报告\n2023年，高新区坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert got["level"] == "department" and "county" not in got and got["city"] == "白银市"
    assert got["issuer"] == "白银高新区管理委员会"


def test_the_sites_address_is_a_place_clue():
    got, _ = meta("2022年，区司法局坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY
                  + "主办：区人民政府办公室　地址：甘肃省兰州市七里河区某某路8号　网站标识码：6201030001\n")
    assert (got["issuer"], got["county"]) == ("七里河区司法局", "七里河区")


def test_an_opening_subject_of_another_level_than_the_self_reference_is_not_the_author():
    got, _ = meta("2022年，县委、县政府高度重视法治建设，我局在其领导下扎实推进依法行政。\n" + BODY)
    assert got.get("level") == "department" and "issuer" not in got


def test_a_text_that_starts_at_its_first_heading():
    got, _ = meta("一、2022年工作开展情况\n2022年，临洮县交通运输局坚持以习近平法治思想为指导，全面推进依法行政。\n"
                  "二、存在的不足\n执法力量不足。\n")
    assert (got["issuer"], got["level"]) == ("临洮县交通运输局", "department")
    got, _ = meta("一、加强组织领导\n县委、县政府高度重视法治建设，专题研究法治工作3次。\n二、存在的不足\n执法力量不足。\n")
    assert "level" not in got and "issuer" not in got


def test_a_city_leadership_opening_in_a_departments_text_is_not_the_author():
    got, _ = meta("庆阳市人民政府门户网站\n2022年，市委、市政府高度重视法治建设，我局认真落实各项部署。\n" + BODY)
    assert got.get("issuer") != "庆阳市人民政府" and got.get("level") == "department"


# --- the fresh set's classes: western units, zones, street offices ------------------

def test_autonomous_counties_and_banners_in_their_short_form():
    for written, name, county in (("门源县人民政府", "门源回族自治县人民政府", "门源回族自治县"),
                                  ("鄂温克旗司法局", "鄂温克族自治旗司法局", "鄂温克族自治旗"),
                                  ("莫旗人民政府", "莫力达瓦达斡尔族自治旗人民政府", "莫力达瓦达斡尔族自治旗"),
                                  ("和布克赛尔县司法局", "和布克赛尔蒙古自治县司法局", "和布克赛尔蒙古自治县"),
                                  ("积石山县人民政府", "积石山保安族东乡族撒拉族自治县人民政府",
                                   "积石山保安族东乡族撒拉族自治县")):
        org = parse_org(written)
        assert org is not None and org.name == name and org.place.county == county, written


def test_autonomous_prefecture_short_forms_are_read_once():
    org = parse_org("巴州司法局")
    assert org is not None and org.place.city == "巴音郭楞蒙古自治州" and org.level == "department"


def test_units_directly_under_a_province_have_no_prefecture():
    for written, county in (("神农架林区人民政府", "神农架林区"), ("石河子市人民政府", "石河子市")):
        org = parse_org(written)
        assert org.place.city is None and org.place.county == county and org.level == "county", written


def test_a_corps_division_city_keeps_its_division_in_the_name():
    got, _ = meta("第八师石河子市司法局2022年度法治政府建设工作报告\n2022年，师市司法局坚持依法履职。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"], got["county"]) == (
        "第八师石河子市司法局", "department", "新疆维吾尔自治区", "石河子市")
    assert "city" not in got


def test_a_league_office_and_a_prefecture_office_are_city_level_governments():
    got, _ = meta("2023年，喀什地区行署坚持依法行政，推进法治政府建设。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("喀什地区行署", "city", "喀什地区")
    got, codes = meta("2021年，盟行署坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert got["level"] == "city" and "issuer" not in got and "issuer-placeless" in codes


def test_a_zone_the_gazetteer_lists_as_a_county_is_a_department_of_its_city():
    got, _ = meta("库尔勒经济技术开发区2022年度法治政府建设情况报告\n2022年，开发区坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == (
        "库尔勒经济技术开发区管理委员会", "department", "巴音郭楞蒙古自治州")
    assert "county" not in got


def test_a_zone_committee_with_its_own_words_after_the_city():
    org = parse_org("包头稀土高新区管委会")
    assert org is not None and org.level == "department" and org.place.city == "包头市" and org.place.county is None


def test_a_placeless_zone_committee_on_its_own_site():
    got, _ = meta("库尔勒经济技术开发区管理委员会\n首页 > 政务公开\n"
                  "2023年，开发区管委会坚持以习近平法治思想为指导，推进园区依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == (
        "库尔勒经济技术开发区管理委员会", "department", "巴音郭楞蒙古自治州")
    got, codes = meta("2023年，高新区管委会坚持以习近平法治思想为指导，推进园区依法行政。\n" + BODY)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes


def test_a_bare_department_name_is_never_shown():
    got, codes = meta("2022年，司法局坚持依法履职，推进法治政府建设。\n" + BODY + "司法局\n2023年1月5日\n")
    assert "issuer" not in got and got["level"] == "department" and "issuer-placeless" in codes


def test_a_street_offices_party_committee_and_office_together():
    got, _ = meta("拉萨市城关区人民政府\n首页 > 街道动态\n"
                  "2022年，八廓街道党工委、办事处坚持依法履职，推进基层治理。\n" + BODY)
    assert (got["issuer"].split("、")[-1], got["level"], got["county"], got["town"]) == (
        "八廓街道办事处", "town", "城关区", "八廓街道")


def test_a_lone_reporting_sentence_starts_the_body():
    got, _ = meta("乌鲁木齐市天山区人民政府\n首页 > 街道动态\n"
                  "现将团结路街道2023年度法治政府建设工作情况报告如下：\n" + BODY)
    assert (got["issuer"], got["level"], got["county"], got["year"]) == ("团结路街道办事处", "town", "天山区", 2023)


def test_the_year_of_the_reported_work_in_the_opening_sentence():
    got, _ = meta("在旗委、旗政府的领导下，正蓝旗司法局依法履职，2024年度法治政府建设各项任务顺利完成，"
                  "按照《2021—2025年法治建设规划》推进。\n" + BODY)
    assert got["year"] == 2024 and got["issuer"] == "正蓝旗司法局"


def test_the_year_of_a_review_heading_when_the_opening_has_none():
    plan = "二、2025年工作打算\n继续推进依法行政。\n"
    got, _ = meta("今年以来，全县各级政府坚持依法行政，法治政府建设取得新进展。现将有关情况报告如下：\n"
                  "一、2024年工作回顾\n全年办理行政复议案件8件。\n" + plan)
    assert got["year"] == 2024
    got, _ = meta("今年以来，全县各级政府坚持依法行政。\n一、主要做法\n全年办理行政复议案件8件。\n" + plan)
    assert "year" not in got or got["year"] is None


def test_a_title_broken_after_its_year_below_a_covering_letter():
    got, _ = meta("海府法〔2024〕7号\n市委、市政府：\n现将我局2023年度法治政府建设情况报告报上，请审阅。\n"
                  "海口市司法局\n2024年2月1日\n海口市司法局关于2023年度\n法治政府建设情况的报告\n"
                  "2023年，海口市司法局坚持依法行政。\n" + BODY)
    assert (got["title"], got["issuer"], got["year"]) == ("海口市司法局关于2023年度法治政府建设情况的报告", "海口市司法局", 2023)


def test_a_bare_date_key_among_keys_with_colons():
    got, _ = meta("叶城县2023年度法治政府建设工作报告\n来源:叶城县司法局 作者: 发布时间 2025年09月05日 点击数:\n"
                  "2023年，叶城县坚持依法行政。\n" + BODY)
    assert (got["date"], got["source"]) == ("2025-09-05", "叶城县司法局")


def test_a_street_office_the_gazetteer_does_not_know_is_town_level():
    got, codes = meta("北城街街道办事处2025年法治政府建设年度报告\n2025年，北城街街道办事处坚持依法履职。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("北城街街道办事处", "town") and "place-unresolved" in codes
    assert parse_org("各乡镇人民政府") is None


def test_the_superior_in_the_leadership_phrase_tells_apart_a_shared_street_name():
    got, _ = meta("城北街道2022年法治政府建设工作报告\n2022年，城北街道在中共伊州区委的坚强领导下，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["county"], got["city"]) == ("城北街道办事处", "伊州区", "哈密市")
    got, codes = meta("城北街道2022年法治政府建设工作报告\n2022年，城北街道在区委、区政府的坚强领导下，推进依法行政。\n" + BODY)
    assert got["level"] == "town" and "county" not in got and "place-unresolved" in codes


def test_a_named_party_committee_and_the_generic_government_of_its_unit():
    got, _ = meta("2023年，阿合奇县委、县政府坚持以习近平法治思想为指导，全面推进法治政府建设。\n" + BODY)
    assert (got["issuer"].split("、")[-1], got["level"], got["county"]) == ("阿合奇县人民政府", "county", "阿合奇县")


def test_a_party_committee_and_its_government_joined_by_a_word():
    got, _ = meta("2023年，青海省委和省政府坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert (got["issuer"].split("、")[-1], got["level"], got["province"]) == ("青海省人民政府", "province", "青海省")
    got, _ = meta("2022年，海东市委及政府深入推进法治政府建设。\n" + BODY)
    assert (got["issuer"].split("、")[-1], got["level"], got["city"]) == ("海东市人民政府", "city", "海东市")


def test_our_region_is_an_autonomous_region_when_the_text_speaks_as_its_government():
    got, _ = meta("2022年，我区坚持依法行政，法治政府建设取得新进展。现将有关情况报告如下：\n一、主要举措\n"
                  "自治区人民政府常务会议专题研究法治政府建设5次，各盟市同步部署。\n")
    assert (got.get("issuer"), got["level"], got.get("county")) == (None, "province", None)
    got, _ = meta("2023年，自治区深入推进依法行政，全面建设法治政府。\n" + BODY)
    assert (got.get("issuer"), got["level"]) == (None, "province")
    # A district of a region names its superiors (自治区党委, 市委、市政府): 我区 stays a district.
    got, _ = meta("2023年，我区在自治区党委、政府和市委、市政府的坚强领导下，深入推进依法行政。\n一、主要举措\n"
                  "自治区人民政府督查组督察我区工作2次。\n")
    assert got["level"] == "county"


def test_a_first_sentence_that_frames_the_year_and_a_later_sentence_year():
    got, _ = meta("2022年是党的二十大召开之年。一年来，若羌县坚持以习近平法治思想为指导，全面推进法治政府建设。\n" + BODY)
    assert (got["issuer"], got["year"]) == ("若羌县人民政府", 2022)
    got, _ = meta("近年来，尼勒克县坚持依法行政，法治政府建设取得明显成效。2023年，全县各项工作稳步推进。\n" + BODY)
    assert (got["issuer"], got["year"]) == ("尼勒克县人民政府", 2023)


def test_every_western_unit_has_its_level():
    from generator.read.orgs import unit_level

    for name, level in (("海西蒙古族藏族自治州", "city"), ("阿克苏地区", "city"), ("锡林郭勒盟", "city"),
                        ("正蓝旗", "county"), ("鄂温克族自治旗", "county"), ("门源回族自治县", "county"),
                        ("神农架林区", "county"), ("六枝特区", "county"), ("巴彦乌拉苏木", "town"),
                        ("新疆维吾尔自治区", "province")):
        assert unit_level(name) == level, name


def test_a_local_bureau_of_a_vertically_managed_service():
    org = parse_org("国家税务总局和静县税务局")
    assert (org.name, org.level, org.place.county) == ("国家税务总局和静县税务局", "department", "和静县")


def test_a_department_of_a_party_committee():
    org = parse_org("中共和静县委全面依法治县委员会办公室")
    assert (org.name, org.level, org.place.county) == ("中共和静县委全面依法治县委员会办公室", "department", "和静县")
    assert parse_org("中共和静县委员会").kind == "party"


def test_a_departments_own_rule_of_law_report_is_a_title():
    got, _ = meta("国家税务总局和静县税务局2022年度法治税务建设情况报告\n2022年，县税务局坚持依法治税。\n" + BODY)
    assert (got["title"], got["issuer"], got["county"]) == (
        "国家税务总局和静县税务局2022年度法治税务建设情况报告", "国家税务总局和静县税务局", "和静县")


def test_a_committee_and_its_generic_government_run_together():
    got, _ = meta("2023年，阿合奇县委县政府团结带领全县各族干部群众，全面推进法治政府建设。\n" + BODY)
    assert (got["issuer"].split("、")[-1], got["county"]) == ("阿合奇县人民政府", "阿合奇县")
    assert parse_org("阿合奇县委县政府") is None  # never a place 委县


def test_more_predicates_of_the_opening_subject():
    for predicate in ("通过完善制度", "注重发挥法治引领作用", "狠抓制度落实", "抓实依法行政", "优化法治化营商环境"):
        got, _ = meta(f"2022年，乌恰县{predicate}，全面推进法治政府建设。\n" + BODY)
        assert got.get("issuer") == "乌恰县人民政府", predicate


def test_a_departments_self_reference_on_that_departments_site():
    got, _ = meta("阿克苏地区生态环境局\n首页 > 法治建设\n2022年，我局在地委、行署的坚强领导下，全面推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("阿克苏地区生态环境局", "department", "阿克苏地区")
    got, codes = meta("温宿县人民政府\n首页 > 部门动态\n2022年，我局坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert "issuer" not in got and got["level"] == "department" and "issuer-placeless" in codes


# --- speakers3: classes of a fourth unseen set (departments, streets, zones, western units) ---

def test_a_zone_named_after_a_municipalitys_short_form_is_shown_as_written():
    # 上海临港高新区: the zone's proper name keeps 上海, never 上海市临港高新区.
    org = parse_org("上海临港高新区管理委员会")
    assert org is not None and (org.name, org.level, org.place.province) == (
        "上海临港高新区管理委员会", "department", "上海市")
    got, _ = meta("上海临港高新区2023年度法治政府建设情况报告\n2023年，高新区坚持依法行政，优化园区营商环境。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"]) == ("上海临港高新区管理委员会", "department", "上海市")


def test_an_issuers_name_under_an_empty_document_number_key_starts_the_title():
    # 文号 is empty; the line below it is no document number but the title's first line.
    got, _ = meta("索 引 号：4311260/2025-00311\n发布机构：宁远县林业局\n文　　号：\n宁远县林业局\n"
                  "2024年法治政府建设工作报告\n2024年，我局坚持依法行政，推进林业执法规范化。\n" + BODY)
    assert (got["title"], got["issuer"], got["county"]) == ("宁远县林业局2024年法治政府建设工作报告", "宁远县林业局", "宁远县")


def test_a_document_number_below_its_key_is_still_its_value():
    got, _ = meta("索 引 号：4311260/2025-00311\n发布机构：宁远县林业局\n文　　号：\n宁林发〔2025〕3号\n"
                  "宁远县林业局2024年法治政府建设工作报告\n2024年，我局坚持依法行政。\n" + BODY)
    assert got["doc_number"] == "宁林发〔2025〕3号" and got["issuer"] == "宁远县林业局"


def test_my_bureau_speaks_as_the_department_the_index_block_names_as_publisher():
    # The index table's 关键词 has no value, so its cells run on: 关键词 | 发布机构 | name.
    text = ("| 索引号 | 623025/2025-00007 | 发文字号 | |\n| 关键词 | 发布机构 | 玛曲县农业农村局 | |\n"
            "| 生成日期 | 2025-01-20 | 是否有效 |\n2024年，我局坚持依法行政，全面推进农业综合执法。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["county"], got["date"]) == (
        "玛曲县农业农村局", "department", "玛曲县", "2025-01-20")
    # The publisher of another kind (a 委, not a 局) is not the author of 我局.
    got, _ = meta(text.replace("玛曲县农业农村局", "玛曲县发展和改革委员会"))
    assert "issuer" not in got and got["level"] == "department"


def test_a_hall_written_alone_is_a_provinces_department():
    got, codes = meta("2022年，自然资源厅以习近平法治思想为指导，扎实推进依法行政。\n" + BODY)
    assert got.get("level") == "department" and "issuer" not in got and "issuer-placeless" in codes
    assert parse_org("政务服务大厅") is None


def test_the_year_that_opens_the_results_sentences_of_a_text_without_an_opening():
    text = ("一、加强组织领导\n落实第一责任人职责。2023年，局党组召开6次会议研究法治工作。\n"
            "二、推进依法行政\n规范执法行为。2023年，办理行政许可420件。\n三、2024年工作打算\n2024年，继续推进。\n")
    assert meta(text)[0].get("year") == 2023
    # Sentences giving two years settle nothing.
    assert "year" not in meta(text.replace("2023年，办理", "2022年，办理"))[0]


def test_cited_documents_of_the_author_give_a_self_reference_its_place():
    text = ("中共临夏州委、临夏州人民政府：\n2024年，县委、县政府坚持依法行政，制定《积石山县重大行政决策程序规定》"
            "和《积石山县行政执法公示办法》，全面推进法治政府建设。\n" + BODY)
    got, _ = meta(text)
    assert (got["level"], got["county"], got["city"]) == ("county", "积石山保安族东乡族撒拉族自治县", "临夏回族自治州")
    assert got["issuer"] == "积石山保安族东乡族撒拉族自治县人民政府"


def test_the_addressee_gives_only_the_places_above_a_placeless_author():
    # One cited document is not enough for the county; the addressee holds it, so its
    # province and prefecture are known, and no title is made from the prefecture.
    got, codes = meta("中共临夏州委、临夏州人民政府：\n2024年，县委、县政府坚持依法行政，制定《积石山县重大行政决策程序规定》，"
                      "全面推进法治政府建设。\n" + BODY)
    assert (got["level"], got["province"], got["city"]) == ("county", "甘肃省", "临夏回族自治州")
    assert "issuer" not in got and "county" not in got and "title" not in got and "issuer-placeless" in codes


def test_spaces_around_a_years_digits_are_no_part_of_the_title():
    got, _ = meta("宁远县林业局关于 2024 年度法治政府建设情况的报告\n2024年，我局坚持依法行政。\n" + BODY)
    assert got["title"] == "宁远县林业局关于2024年度法治政府建设情况的报告"


def test_a_transmittal_broken_over_two_lines_wraps_the_report():
    # 某某关于报送 / 《…》的报告: the letter that sends the report; its date line is the page's.
    got, _ = meta("首页 >> 政务公开\n玛曲县人民政府关于报送\n《玛曲县2023年度法治政府建设情况》的报告\n"
                  "发布时间：2024-01-15 来源：县政府办\n州政府：\n现将《玛曲县2023年度法治政府建设情况》随文报送，请审阅。\n"
                  "玛曲县人民政府\n2024年1月12日\n玛曲县2023年度法治政府建设情况\n"
                  "2023年，玛曲县坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert (got["title"], got["issuer"], got["year"]) == ("玛曲县2023年度法治政府建设情况", "玛曲县人民政府", 2023)
    assert got["date"] == "2024-01-15"


def test_a_zone_and_the_district_merged_with_it_are_one_government():
    org = parse_org("经开区（头屯河区）人民政府")
    assert org is not None and (org.name, org.level, org.place.city) == ("头屯河区人民政府", "county", "乌鲁木齐市")
    got, _ = meta("高新区(米东区)人民政府2024年法治政府建设工作报告\n2024年，在区委的领导下，区人民政府坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("米东区人民政府", "county", "米东区")
    got, _ = meta("经开区（头屯河区）2023年法治政府建设情况报告\n2023年，区人民政府坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["province"]) == ("头屯河区人民政府", "新疆维吾尔自治区")


def test_a_zone_named_after_a_district_is_a_department_above_that_district():
    org = parse_org("璧山高新区管委会")
    assert org is not None and (org.name, org.level, org.place.province, org.place.county) == (
        "璧山高新区管委会", "department", "重庆市", None)
    got, _ = meta("2024年，璧山高新区管委会坚持以习近平法治思想为指导，优化园区法治化营商环境。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"]) == ("璧山高新区管委会", "department", "重庆市")


def test_a_title_opening_with_about_names_its_body_right_after():
    got, _ = meta("关于玛曲县交通运输局2023年度法治政府建设情况的报告\n2023年，我局坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("玛曲县交通运输局", "department", "玛曲县")


def test_a_banners_short_form_that_keeps_its_unit_is_a_place():
    # 察右中旗 is 察哈尔右翼中旗, 达茂旗 is 达尔罕茂明安联合旗: short forms in everyday use.
    got, _ = meta("察右中旗林业和草原局2022年法治政府建设年度报告\n2022年，我局坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["county"], got["city"]) == ("察哈尔右翼中旗林业和草原局", "察哈尔右翼中旗", "乌兰察布市")


def test_a_town_the_gazetteer_writes_with_its_county_in_front():
    # 朝阳镇 is a town of many counties; the gazetteer lists this county's as 化德县朝阳镇.
    got, _ = meta("化德县朝阳镇2021年法治政府建设工作总结\n2021年，朝阳镇坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"], got["town"]) == ("朝阳镇人民政府", "town", "化德县", "朝阳镇")


def test_a_departments_party_group_speaks_for_the_department():
    got, _ = meta("2023年，夏河县市场监督管理局党组坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("夏河县市场监督管理局", "department", "夏河县")


def test_a_departments_second_name_in_brackets():
    org = parse_org("夏河县文化和旅游局（县文物局）")
    assert org is not None and (org.name, org.level, org.place.county) == ("夏河县文化和旅游局", "department", "夏河县")
    got, _ = meta("2023年，夏河县应急管理局(县地震局)坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("夏河县应急管理局", "department", "夏河县")


def test_the_addressee_is_never_the_authors_own_place():
    # A county-level city reports to the prefecture-level city: 市政府 here is not 苏州市人民政府.
    got, _ = meta("中共苏州市委、苏州市人民政府：\n2023年，市政府坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert "issuer" not in got and "city" not in got and got["province"] == "江苏省"


def test_a_maxim_before_the_reports_first_sentence():
    got, _ = meta("法治是最好的营商环境。2024年夏河县委、县政府坚持以习近平法治思想为指导，全面推进依法行政。\n" + BODY)
    assert (got["level"], got["county"]) == ("county", "夏河县") and "夏河县人民政府" in str(got["issuer"])
    # Only a sentence that opens with its year (or 一年来) is read after the maxim.
    got, _ = meta("法治是最好的营商环境。夏河县委、县政府高度重视，全面推进依法行政。\n" + BODY)
    assert "issuer" not in got


# --- development zones and state-level new areas (speakers4, a fresh real set) --------

def test_a_state_level_new_area_named_alone_is_its_committee():
    got, _ = meta("2022年，西咸新区持续深化“放管服”改革，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"]) == ("西咸新区管理委员会", "department", "陕西省")
    assert "city" not in got  # the area spans two cities: none is guessed


def test_a_zone_named_after_its_provinces_short_form():
    got, _ = meta("四川空港经济区管委会2024年度法治政府建设工作报告\n2024年，我区坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"]) == ("四川空港经济区管委会", "department", "四川省")
    assert "city" not in got


def test_a_zones_department_keeps_the_short_form_it_is_written_with():
    got, _ = meta("成都高新区生态环境局2023年法治政府建设情况报告\n2023年，我局严格执法。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("成都高新区生态环境局", "department", "成都市")


def test_a_zone_right_after_the_year_is_the_subject():
    got, _ = meta("2023年榆林经济技术开发区在市委、市政府的领导下，坚持依法行政，推进法治建设。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("榆林经济技术开发区管理委员会", "department", "榆林市")


def test_a_text_starting_at_a_heading_names_its_region_by_its_own_documents():
    text = ("一、加强组织领导，推进我区依法行政\n自治区党委、政府始终把法治政府建设摆在突出位置，先后印发《宁夏法治政府建设实施方案（2021—2025年）》"
            "和《宁夏回族自治区行政执法监督办法》，统筹推进依法行政。\n二、存在的不足\n基层执法力量不足。\n")
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["province"]) == ("宁夏回族自治区人民政府", "province", "宁夏回族自治区")


def test_a_county_citing_its_provinces_documents_takes_no_place_from_them():
    text = ("一、加强组织领导，推进我县依法行政\n县委、县政府始终把法治政府建设摆在突出位置，认真落实《宁夏法治政府建设实施方案（2021—2025年）》"
            "和《宁夏回族自治区行政执法监督办法》。\n二、存在的不足\n基层执法力量不足。\n")
    got, codes = meta(text)
    assert got.get("level") == "county" and "issuer" not in got and "province" not in got


def test_the_abbreviation_a_report_goes_on_with_is_no_part_of_the_subject():
    got, _ = meta("2023年，兰州新区（以下简称新区）坚持依法行政，推进法治政府建设。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"]) == ("兰州新区管理委员会", "department", "甘肃省")


def test_a_departments_party_group_named_with_the_department_is_one_body():
    got, _ = meta("2024年，中共定西市生态环境局党组（以下简称局党组）、定西市生态环境局坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("定西市生态环境局", "department", "定西市")


def test_a_town_alone_that_may_be_a_renamed_town_elsewhere_is_not_placed():
    # The gazetteer knows one 大顺镇 (寿县) and a 大顺乡 in 涪陵区, which has since become a 镇.
    got, _ = meta("2024年，大顺镇坚持依法行政，推进法治政府建设。\n" + BODY)
    assert got["level"] == "town" and "county" not in got and "province" not in got
    got, _ = meta("重庆市涪陵区大顺镇人民政府2024年法治政府建设情况报告\n2024年，我镇坚持依法行政。\n" + BODY)
    assert (got["level"], got["county"]) == ("town", "涪陵区")


def test_a_file_explanation_page_is_titled_by_the_report_it_explains():
    got, _ = meta("【文件解读】《武都区人民政府关于2023年度法治政府建设情况的报告》文件解读\n"
                  "一、背景依据\n为推动法治政府建设，区政府编写了年度报告并向社会公开。\n")
    assert got["title"] == "武都区人民政府关于2023年度法治政府建设情况的报告"


def test_the_addressee_tells_apart_the_towns_a_bare_name_may_be():
    got, _ = meta("中共重庆市涪陵区委、重庆市涪陵区人民政府：\n2024年，大顺镇坚持依法行政，推进法治政府建设。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("大顺镇人民政府", "town", "涪陵区")


# --- the fresh held set's classes (speakers5): sector systems, column labels, source lines, renamed counties

def test_a_sector_system_opening_and_a_departments_self_reference_below_give_the_level():
    text = ("2023年，全县农业农村系统在县委、县政府的领导下，坚持依法行政，稳步推进法治政府建设。\n"
            "一、主要举措和成效\n（一）健全制度。我局梳理了权责清单，规范了行政执法程序。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes


def test_a_whole_governments_system_is_no_sectors_department():
    text = ("2023年，全市政府系统在市委的领导下，坚持依法行政，稳步推进法治政府建设。\n"
            "一、主要举措和成效\n（一）健全制度。我局梳理了权责清单。\n")
    got, _ = meta(text)
    assert got.get("level") != "department"


def test_a_column_label_above_the_title_is_not_the_title():
    text = ("法治建设工作报告\n定边县水务局2022年度法治政府建设工作报告\n"
            "2022年，定边县水务局坚持依法行政，推进水利法治建设。\n" + BODY)
    got, _ = meta(text)
    assert got["title"] == "定边县水务局2022年度法治政府建设工作报告"
    assert (got["issuer"], got["county"]) == ("定边县水务局", "定边县")


def test_a_label_alone_stays_the_title_when_no_named_title_follows():
    got, _ = meta("法治政府建设工作报告\n2022年，定边县水务局坚持依法行政，推进水利法治建设。\n" + BODY)
    assert got["title"] == "法治政府建设工作报告"


def test_a_source_line_with_a_time_after_the_source_dates_the_page():
    text = ("定边县水务局2022年度法治政府建设工作报告\n来源：定边县水务局　　2023-02-14 09:30\n"
            "2022年，定边县水务局坚持依法行政，推进水利法治建设。\n" + BODY)
    got, _ = meta(text)
    assert (got["date"], got["source"]) == ("2023-02-14", "定边县水务局")


def test_a_county_renamed_since_is_read_by_its_former_name():
    # 平果县 became 平果市 (百色市) in 2019; its earlier reports use the old name.
    assert renamed_counties()["平果县"] == ("广西壮族自治区", "百色市")
    got, _ = meta("平果县2018年法治政府建设情况报告\n2018年，平果县坚持依法行政，推进法治政府建设。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"], got["county"]) == ("平果县人民政府", "county", "百色市", "平果县")


def test_a_column_label_gives_way_to_a_dated_title_without_a_body():
    text = ("法治政府建设年度报告\n关于2023年度法治政府建设情况的报告\n"
            "2023年，定边县水务局坚持依法行政，推进水利法治建设。\n" + BODY)
    got, _ = meta(text)
    assert got["title"] == "关于2023年度法治政府建设情况的报告"


def test_an_index_block_broken_across_lines_carries_each_value_to_its_key():
    # The key ends one line, its value opens the next, followed by the next key.
    text = ("- 索 引 号:1234567890/2024-00011 分 类:\n-\n发文机关:\n"
            "临武县农业农村局 发文日期:2024-03-05 10:20 - 名称:\n"
            "中共临武县农业农村局党组2023年度法治政府建设工作报告 - 文号:\n"
            "2023年，临武县农业农村局坚持依法行政，推进农业综合执法。\n" + BODY)
    got, _ = meta(text)
    assert got["title"] == "中共临武县农业农村局党组2023年度法治政府建设工作报告"
    assert (got["issuer"], got["level"], got["county"]) == ("临武县农业农村局", "department", "临武县")
    assert got["date"] == "2024-03-05"


def test_a_doubled_unit_is_repaired_only_where_the_place_is_known():
    got, _ = meta("2023年，临武县县农业农村局坚持依法行政，推进农业综合执法。\n" + BODY)
    assert got["issuer"] == "临武县农业农村局"
    assert got["county"] == "临武县"
    # 市场 opens a word, not a second 市.
    assert parse_org("郴州市市场监督管理局").name == "郴州市市场监督管理局"
    # An unknown place keeps nothing to repair against.
    assert parse_org("青禾县县农业农村局") is None or parse_org("青禾县县农业农村局").place is None


def test_any_date_key_before_a_date_dates_the_page():
    text = ("临武县农业农村局2023年度法治政府建设工作报告\n"
            "信息来源:临武县农业农村局 资料登记日期:2024-03-07 09:12 【字号: 大 中 小】\n"
            "2023年，临武县农业农村局坚持依法行政，推进农业综合执法。\n" + BODY)
    got, _ = meta(text)
    assert got["date"] == "2024-03-07"


def test_a_date_shaped_key_in_an_index_block_is_read_by_what_it_names():
    text = ("• 索 引 号:LW001-2024-00003\n• 发布机构:临武县农业农村局\n• 文件形成日期:2024-02-28\n"
            "临武县农业农村局2023年度法治政府建设工作报告\n"
            "2023年，临武县农业农村局坚持依法行政，推进农业综合执法。\n" + BODY)
    got, _ = meta(text)
    assert got["date"] == "2024-02-28"


def test_a_run_of_framing_clauses_does_not_hide_the_next_sentences_subject():
    text = ("2023年是全面贯彻某会议精神的开局之年，是某规划承上启下的关键之年，也是汾口镇加快发展的重要之年。"
            "汾口镇人民政府始终坚持依法行政，推进法治政府建设。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"]) == ("汾口镇人民政府", "town")


def test_a_new_city_of_a_state_level_new_area_reports_as_its_committee():
    got, _ = meta("沣西新城2023年度法治政府建设工作报告\n2023年，沣西新城坚持依法行政，推进法治政府建设。\n" + BODY)
    assert got["issuer"] == "沣西新城管理委员会"
    assert (got["level"], got["province"]) == ("department", "陕西省")


# --- a title-less report speaking as a whole unit (全省各级政府, 全市各级行政机关, 我市) ----

def test_a_whole_province_as_the_subject_gives_the_level_only():
    got, codes = meta("2021年，在省委的坚强领导下，全省各级政府及其组成部门认真履行职责，依法行政水平稳步提高。\n"
                      "一、主要举措和成效\n省政府常务会议三次研究法治工作，各市县政府逐项落实。\n二、存在的不足\n基层力量薄弱。\n")
    assert got["level"] == "province"
    assert "issuer" not in got and "province" not in got
    assert "missing-issuer" in codes


def test_a_whole_city_holding_counties_under_a_province_is_a_prefecture_level_city():
    got, _ = meta("2022年，在省委、省政府和市委的领导下，全市各级行政机关坚持依法行政，法治建设取得新进展。\n"
                  "一、主要举措和成效\n督促各县（市、区）落实第一责任人职责，实现市县乡三级全覆盖。\n二、存在的不足\n执法力量不足。\n")
    assert got["level"] == "city"
    assert "issuer" not in got and "city" not in got


def test_my_city_without_a_sign_of_its_rank_leaves_the_level_empty():
    # 我市 is a prefecture-level or a county-level city: nothing here says which.
    got, codes = meta("2022年，我市坚持依法行政，法治建设取得新进展。\n" + BODY)
    assert "level" not in got and "missing-level" in codes
    # …nor where a prefecture (州委) stands above it, though it speaks of 各区.
    got, _ = meta("2022年，在州委、州政府的领导下，我市深入推进依法行政，省委部署全面落实。\n"
                  "一、主要举措和成效\n各区乡镇完成执法改革。\n二、存在的不足\n执法力量不足。\n")
    assert "level" not in got


def test_a_sector_of_a_city_is_no_whole_unit():
    got, _ = meta("2022年，全市交通运输系统坚持依法行政，法治建设取得新进展。\n" + BODY)
    assert got.get("level") != "city"


# --- a year run straight into the topic of the opening (2022年某街道法治政府建设工作，…) ----

def test_a_year_run_into_a_topic_owned_by_a_place():
    got, _ = meta("2023年清河县法治政府建设工作，坚持依法行政，推进严格规范公正文明执法。\n" + BODY)
    assert got["year"] == 2023
    assert (got["issuer"], got["level"]) == ("清河县人民政府", "county")
    assert (got["province"], got["city"]) == ("河北省", "邢台市")


def test_a_year_run_into_a_topic_without_a_predicate_names_no_owner():
    # The clause after the topic is no predicate of it: only the year is read.
    got, _ = meta("2023年清河县法治政府建设工作，总的来看成效明显。\n" + BODY)
    assert got["year"] == 2023
    assert "issuer" not in got


# --- publication keys: 发布单位 beside 发布时间; a navigation path run into a date key ----

def test_a_publishing_unit_key_beside_the_publication_time():
    got, _ = meta("关于某某县2023年度法治政府建设情况的报告\n发布单位：县司法局 发布时间：2024-02-20 09:15:02\n"
                  "2023年，县政府坚持依法行政。\n" + BODY)
    assert got["date"] == "2024-02-20"
    assert "发布单位" not in str(got.get("title"))


def test_a_navigation_path_run_into_the_date_leaves_the_index_block_below_it_read():
    got, _ = meta("首页 > 政务公开 > 年度报告日期:2024-03-05 10:20 字体:[ 大 中 小 ]\n"
                  "| 索引号: | 0123/2024-00007 | 分类: | 其他 |\n"
                  "| 发布机构: | 清河县人民政府 | 成文日期: | 2024-03-01 |\n"
                  "| 标题: | 清河县2023年法治政府建设年度报告 | |\n"
                  "2023年，清河县坚持依法行政，推进法治政府建设。\n" + BODY)
    assert got["date"] == "2024-03-01"
    assert got["title"] == "清河县2023年法治政府建设年度报告"
    assert (got["issuer"], got["level"]) == ("清河县人民政府", "county")


# --- a pasted page running the site's name, the title and the body into one line ----------

def test_a_site_name_and_address_glued_in_front_of_the_title_are_cut():
    got, _ = meta("范文之家—每天更新www.example.com清河县人民政府关于2023年度法治政府建设情况的报告"
                  "2023年，县政府坚持依法行政，推进法治政府建设，行政决策、行政执法和行政复议工作"
                  "都有新的进展，群众对执法工作的满意度逐年提高。\n" + BODY)
    assert got["title"] == "清河县人民政府关于2023年度法治政府建设情况的报告"
    assert (got["issuer"], got["level"]) == ("清河县人民政府", "county")


# --- a department led by its place's committee and government; 我街 ------------------------

def test_a_department_before_the_leadership_phrase_is_the_issuer_though_it_says_our_district():
    got, _ = meta("2024年以来，雁塔区民政局在区委、区政府的正确领导下，坚持依法行政，"
                  "为我区民生保障提供法治支撑。现将有关情况报告如下：\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("雁塔区民政局", "department", "雁塔区")


def test_the_leaders_of_a_department_subject_never_give_the_level():
    # The leaders (区委、区政府) and 我区 are the place's; the level is the department's.
    got, _ = meta("2023年，区司法局在区委、区政府的领导下，扎实推进我区依法行政。\n" + BODY)
    assert got.get("level") == "department" and "issuer" not in got


def test_a_department_right_after_the_leadership_phrase_is_led_too():
    got, _ = meta("2023年，在区委、区政府的领导下，雁塔区民政局推进我区依法行政。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("雁塔区民政局", "department")


def test_a_led_department_against_the_clues_gives_no_government_of_the_clue():
    # The byline's office disagrees with the department's place: nothing is shown rather
    # than the byline's government read from 我区.
    got, _ = meta("发布时间：2024-02-01 来源：碑林区人民政府\n"
                  "2023年，雁塔区民政局在区委、区政府的领导下，推进我区依法行政。\n" + BODY)
    assert "issuer" not in got and got.get("level") != "county"


def test_a_government_subject_still_yields_to_a_departments_self_reference():
    got, _ = meta("2023年，县委、县政府高度重视法治建设，我局认真贯彻落实，推进依法行政。\n" + BODY)
    assert got.get("level") == "department"


def test_a_street_office_calling_itself_our_street_is_a_town():
    got, codes = meta("2024年，在区委、区政府的领导下，我街坚持依法行政，推进法治街道建设。\n" + BODY)
    assert got.get("level") == "town"
    assert "issuer" not in got and "issuer-placeless" in codes
    got, _ = meta("2024年，在区委、区政府的领导下，我街道坚持依法行政。\n" + BODY)
    assert got.get("level") == "town"


# --- dates inside multi-field bylines -----------------------------------------------------

def test_a_byline_that_opens_with_its_editor_gives_the_publication_date():
    got, _ = meta("清河县民政局2023年度法治政府建设情况报告\n"
                  "责任编辑:县民政局 文章来源:清河县民政局 发布日期:2024-02-06 浏览次数:\n"
                  "2023年，清河县民政局坚持依法行政。\n" + BODY)
    assert got["date"] == "2024-02-06"
    assert "责任编辑" not in str(got.get("title"))


def test_an_editor_line_without_a_date_stays_a_page_note():
    got, _ = meta("清河县民政局2023年度法治政府建设情况报告\n2023年，清河县民政局坚持依法行政。\n" + BODY
                  + "责任编辑:小王 审核:老李\n")
    assert "date" not in got


def test_a_table_row_with_the_publication_time_in_its_cells():
    got, _ = meta("清河县民政局2023年度法治政府建设情况报告\n"
                  "索引号 | 0001/2024-00012 | 发布机构 | 清河县民政局 |\n"
                  "公开类别 | 主动公开 | 发布时间 | 2024-03-11 |\n"
                  "2023年，清河县民政局坚持依法行政。\n" + BODY)
    assert got["date"] == "2024-03-11"


def test_a_date_and_time_then_the_office_after_a_bar():
    got, _ = meta("2025-01-22 09:30 | 清河县民政局\n清河县民政局2024年度法治政府建设情况报告\n"
                  "2024年，县民政局坚持依法行政。\n" + BODY)
    assert got["date"] == "2025-01-22"
    assert (got["issuer"], got["level"]) == ("清河县民政局", "department")


# --- fresh set 8 (speakers10): departments that serve their place, addressees on the opening's line,
#     topic owners before the leadership phrase, elided subjects, 我市 by cited titles, zones -------------

def test_a_department_naming_the_place_it_serves_stays_the_author():
    # 为我县…提供保障 names the county the bureau serves, not a second author; the county's own
    # cited titles place the bureau.
    got, _ = meta("2023年，县水务局紧紧围绕县委、县政府中心工作，为我县水利事业提供有力法治保障。"
                  "局党组制定了《永登县河道管理办法》和《永登县2023年水务执法工作要点》。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("永登县水务局", "department", "永登县")


def test_a_department_without_cited_titles_settles_only_its_level():
    got, codes = meta("2023年，县水务局紧紧围绕县委、县政府中心工作，为我县水利事业提供有力法治保障。\n" + BODY)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes


def test_a_clause_opening_with_the_place_still_names_a_rival_author():
    # 我县 as a clause's subject is the government speaking: the bureau is not taken as the author.
    got, _ = meta("2023年，县水务局认真履职，我县坚持依法行政，全面推进法治政府建设。\n" + BODY)
    assert got.get("level") != "department"


def test_an_addressee_on_the_opening_line_is_set_aside():
    got, _ = meta("市人大常委会： 2024年，我市坚持依法行政，印发《张掖市2024年法治政府建设工作要点》，"
                  "落实《张掖市重大行政决策程序规定》。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"], got["year"]) == ("张掖市人民政府", "city", "张掖市", 2024)


def test_a_county_level_city_named_by_its_cited_titles():
    got, _ = meta("2023年，我市深入推进依法行政，制定《玉门市法治政府建设实施方案》《玉门市行政执法监督办法》。\n"
                  + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("玉门市人民政府", "county", "玉门市")


def test_the_owner_of_the_topic_before_its_leadership_phrase():
    got, _ = meta("2024年，红柳镇法治政府建设工作在县委、县政府的坚强领导下，在县司法局的精心指导下，"
                  "认真落实上级部署，扎实推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["year"]) == ("红柳镇人民政府", "town", 2024)
    assert parse_org("红柳镇法治政府建设工作在县委") is None  # a clause, not a committee


def test_a_clause_opening_with_a_preposition_names_no_body():
    # 在全镇… / 在全乡… is where the work was done (an adverbial): no town the gazetteer does
    # not know, so no issuer is read from it (it was shown as 在全镇人民政府)
    for opening in ("2023年，在全镇深入推进法治建设，取得新成效。", "2023年，在全乡深入开展法治宣传。",
                    "2023年，在甘眉工业园区管委会深入推进法治建设。"):
        got, _ = meta(opening + "\n" + BODY)
        assert "issuer" not in got, opening


def test_an_elided_subject_takes_the_level_from_the_first_sections():
    text = ("2023年，在县委、县政府的坚强领导下，坚持以习近平法治思想为指导，扎实推进依法行政。\n"
            "一、主要举措和成效\n（一）加强组织领导\n成立以局长为组长的工作专班。\n"
            "我局全年组织集中学法6次。\n二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes


def test_a_zone_name_joining_two_names_with_a_hyphen():
    got, _ = meta("2023年，钦州-东盟经济技术开发区（以下简称“开发区”）深入贯彻习近平法治思想，扎实推进依法行政。\n"
                  + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("钦州-东盟经济技术开发区管理委员会", "department", "钦州市")


def test_a_department_of_a_new_area_committee_has_no_county():
    got, _ = meta("天府新区管委会办公室2023年度法治政府建设情况报告\n2023年，天府新区管委会办公室坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("天府新区管委会办公室", "department", "成都市")
    assert "county" not in got
    assert parse_org("浦东新区司法局").place.county == "浦东新区"  # a district named 新区 stays one


def test_an_index_row_with_keys_without_colons_gives_the_date():
    got, _ = meta("索 引 号 640000/2024-00012 发文时间 2024-02-20\n发布机构 清河县民政局 文 号\n"
                  "标 题: 清河县民政局2023年度法治政府建设情况报告\n清河县民政局2023年度法治政府建设情况报告\n"
                  "2023年，清河县民政局坚持依法行政。\n" + BODY)
    assert got["date"] == "2024-02-20"


# --- set 7's remaining classes (speakers10) ------------------------------------------------------

def test_a_text_starting_at_its_heading_where_a_town_calls_itself_by_its_unit():
    text = ("一、主要举措和成效\n（一）强化组织领导\n全乡依法行政工作稳步推进。我乡把法治建设纳入年度重点工作。\n"
            "（二）规范行政执法\n2023年我乡办理行政处罚案件3件。2023年红柳乡开展执法检查40次。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert (got["level"], got["year"]) == ("town", 2023) and "issuer" not in got


def test_one_cited_plan_of_the_year_places_a_self_reference():
    got, _ = meta("2021年，在县委的坚强领导下，我县以《宁陕县2021年法治政府建设工作要点》为抓手，扎实推进依法行政。\n"
                  + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("宁陕县人民政府", "county", "宁陕县")


def test_one_cited_document_that_is_no_plan_of_the_year_does_not():
    got, _ = meta("2021年，在县委的坚强领导下，我县认真落实《宁陕县行政执法监督办法》，扎实推进依法行政。\n" + BODY)
    assert "issuer" not in got and got["level"] == "county"


def test_a_zone_named_by_its_own_words_and_part_is_shown_as_printed():
    got, codes = meta("川滇工业园区北区管理委员会2023年度法治政府建设工作报告\n2023年，园区坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("川滇工业园区北区管理委员会", "department")
    assert "province" not in got and "place-unresolved" in codes


def test_a_bureau_of_a_pilot_free_trade_zone():
    got, _ = meta("中国（广西）自由贸易试验区管理委员会综合管理局2023年度法治政府建设情况报告\n"
                  "2023年，综合管理局坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["province"]) == (
        "中国（广西）自由贸易试验区管理委员会综合管理局", "department", "广西壮族自治区")


# --- second fresh set (speakers10): classes found after the final run -----------------------------

def test_an_unknown_key_opening_a_row_of_keys_without_colons():
    got, _ = meta("索引号 0001/2025-00012 发布机构 清河县民政局\n信息类别 其他 发布日期 2025-02-14\n"
                  "清河县民政局2024年度法治政府建设情况报告\n2024年，清河县民政局坚持依法行政。\n" + BODY)
    assert got["date"] == "2025-02-14"


def test_the_issuer_line_above_the_title_printed_again_below_the_index():
    text = ("2023年法治政府建设工作情况报告\n• 索引号:0001/2024-00003\n• 发文字号:\n• 发布日期:2024-03-20\n"
            "宁陕县城关镇人民政府\n2023年法治政府建设工作情况报告\n"
            "2023年我镇坚持依法行政，扎实推进法治政府建设。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["county"], got["date"]) == ("城关镇人民政府", "town", "宁陕县", "2024-03-20")


def test_a_preamble_of_grounds_only_leaves_the_opening_to_the_first_heading():
    text = ("根据《法治政府建设实施纲要（2021—2025年）》等文件要求，现将法治政府建设工作情况报告如下。\n"
            "一、2023年总体情况\n2023年，我局坚持依法行政，扎实推进法治建设。\n二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert (got["level"], got["year"]) == ("department", 2023) and "issuer" not in got


# --- third fresh set (speakers11): classes found on its first run ---------------------------------

def test_a_listed_index_line_with_two_keys_in_one_keeps_the_block_together():
    text = ("- 索 引 号：1234-5678-2024-00002\n- 备注/文号：青石委〔2024〕3号\n- 发布机构：青石镇人民政府\n"
            "- 公文生成日期：2024-02-06\n中共青川县委员会，青川县人民政府：\n"
            "2023年，青石镇法治政府建设工作在县委、县政府的领导下，坚持依法行政，规范执法行为。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["date"], got["year"]) == ("青石镇人民政府", "town", "2024-02-06", 2023)


def test_the_rule_of_law_work_of_a_body_as_the_subject_of_a_later_sentence():
    text = ("2023年，是全面贯彻党的二十大精神的开局之年，是推进依法行政的关键之年。一年来，在省委的坚强领导下，"
            "在州委的指导下，玛多县法治政府建设工作坚持以习近平法治思想为指导，扎实推进依法行政。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["county"], got["year"]) == ("玛多县人民政府", "county", "玛多县", 2023)


def test_a_towns_own_bodies_open_a_text_that_starts_at_its_first_heading():
    text = ("一、2024年度推进法治建设的主要举措\n（一）加强组织领导\n乡党委、政府高度重视法治建设，"
            "将其纳入年度工作计划，成立了工作领导小组。\n二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert (got["level"], got["year"]) == ("town", 2024) and "issuer" not in got and "issuer-placeless" in codes
    # A county's bodies so named may be a department's superiors: they settle nothing.
    got, _ = meta(text.replace("乡党委、政府", "县委、县政府"))
    assert "level" not in got and "issuer" not in got


def test_the_body_whose_circumstances_the_reporting_sentence_is_fitted_to():
    text = ("为推进依法行政，根据上级要求，结合东湖街道实际，现就2022年法治政府建设工作开展情况报告如下：\n"
            "一、主要举措和成效\n街道全年开展执法检查12次。\n二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["year"]) == ("东湖街道办事处", "town", 2022)
    # 结合我县实际 may be a department's words for its place: no author is shown.
    got, _ = meta(text.replace("东湖街道", "我县").replace("街道全年", "全年"))
    assert "issuer" not in got


def test_one_character_after_a_short_form_belongs_to_the_zones_own_name():
    # 滨湖 is a district's short form; 滨湖湾新区 is a zone's own name, no zone of that district.
    got, codes = meta("滨湖湾新区管委会2024年度法治政府建设情况报告\n2024年，新区坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("滨湖湾新区管委会", "department")
    assert "province" not in got and "city" not in got and "place-unresolved" in codes
    # A name of its own between them, two characters or more, leaves the short form its place.
    got, _ = meta("无锡太湖高新区管委会2024年度法治政府建设情况报告\n2024年，高新区坚持依法行政。\n" + BODY)
    assert (got["province"], got["city"]) == ("江苏省", "无锡市")


def test_a_text_starting_at_its_first_heading_calls_its_party_group_bare():
    text = ("一、主要工作情况\n（一）加强组织领导\n成立法治建设领导小组，明确分工，压实责任。\n"
            "（二）强化学习培训\n充分利用局党组会前学法，全年集中学法10次。\n二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes
    # A named department's Party group is that department's, perhaps not the author's.
    got, _ = meta(text.replace("充分利用局党组", "由县交通运输局党组牵头"))
    assert "level" not in got


# --- set 12 (speakers12): a copied opening that lost its 年; a breadcrumb's dated column ---

def test_an_opening_year_that_lost_its_year_character_before_since():
    got, codes = meta("2021来，青杠镇在县委、县政府的领导下，扎实推进依法行政，现将工作情况报告如下：\n" + BODY)
    assert got["year"] == 2021 and "missing-year" not in codes
    # A count written with the digits of a year (2000来名, about 2,000) is no year: the year
    # stands as its own clause, a comma after its 来.
    got, _ = meta("2000来名干部参加了学法考试，全镇依法行政水平不断提高。\n" + BODY)
    assert "year" not in got


def test_a_breadcrumbs_dated_column_gives_way_to_the_headline_below():
    text = ("当前位置：首页 > 信息公开 > 年度报告 > 2021年法治政府建设年度报告\n"
            "石柱县2021年法治政府建设情况报告\n"
            "发布日期：2022-02-10\n"
            "2021年，石柱县坚持依法行政，法治政府建设取得新成效。\n" + BODY)
    got, _ = meta(text)
    assert got["title"] == "石柱县2021年法治政府建设情况报告"
    # A breadcrumb ending in a title that names its body keeps it.
    got, _ = meta("您当前的位置：首页 > 部门文件 > 石柱县司法局2021年度法治政府建设情况报告\n"
                  "2021年，县司法局坚持依法行政，法治政府建设取得新成效。\n" + BODY)
    assert got["title"] == "石柱县司法局2021年度法治政府建设情况报告"


# --- set 13 (speakers13): a street's Party working committee in full; a generic superior -----

def test_a_streets_party_working_committee_written_in_full_is_a_party_body():
    org = parse_org("中共六盘水市钟山区荷城街道工作委员会")
    assert org is not None and org.kind == "party" and org.place is not None
    assert (org.place.county, org.place.town) == ("钟山区", "荷城街道")
    # 工作委员会 after a functional name is no place's committee.
    assert parse_org("中共某市直属机关工作委员会") is None


def test_the_working_committees_line_and_the_offices_line_both_open_the_title():
    text = ("中共六盘水市钟山区荷城街道工作委员会\n六盘水市钟山区人民政府荷城街道办事处\n"
            "关于2024年度法治政府建设情况的报告\n区委、区政府：\n"
            "2024年，荷城街道坚持依法行政，推进基层治理法治化。现将有关情况报告如下：\n" + BODY)
    got, _ = meta(text)
    assert str(got["title"]).replace(" ", "") == (
        "中共六盘水市钟山区荷城街道工作委员会六盘水市钟山区人民政府荷城街道办事处关于2024年度法治政府建设情况的报告")
    assert "荷城街道办事处" in str(got["issuer"]) and got["level"] == "town"
    assert (got["county"], got["town"]) == ("钟山区", "荷城街道")


def test_a_generic_superior_is_placed_by_the_district_document_the_opening_carries_out():
    # 北关街道 is a street of several districts; the district's own plan the opening carries
    # out, under 区委、区政府, leaves one.
    text = ("2023年，在区委、区政府的正确领导下，北关街道认真落实《法治政府建设实施纲要（2021—2025年）》"
            "和《莲湖区2023年法治政府建设工作要点》，扎实推进依法行政。\n" + BODY)
    got, codes = meta(text)
    assert (got["issuer"], got["level"]) == ("北关街道办事处", "town")
    assert (got["city"], got["county"], got["town"]) == ("西安市", "莲湖区", "北关街道")
    assert "place-unresolved" not in codes


def test_two_district_documents_or_one_of_another_unit_leave_a_shared_street_unplaced():
    for cited in ("《莲湖区2023年法治政府建设工作要点》《潍城区2023年普法工作要点》",
                  "《西安市2023年法治政府建设工作要点》"):
        text = (f"2023年，在区委、区政府的正确领导下，北关街道认真落实{cited}，扎实推进依法行政。\n" + BODY)
        got, codes = meta(text)
        assert got["level"] == "town" and "county" not in got and "province" not in got, cited
        assert "place-unresolved" in codes, cited


def test_a_topic_owner_led_by_two_phrases_the_second_without_its_preposition():
    text = ("2024年，荷城街道法治建设工作在街道党工委的坚强领导下，区司法局的具体指导下，"
            "紧扣基层治理实际，扎实推进依法行政。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["year"]) == ("荷城街道办事处", "town", 2024)
    # A second phrase is only one that ends 领导下 / 指导下 at its comma: a clause naming a
    # rival body after the leaders is no leadership phrase and names no author.
    got, _ = meta("2024年，荷城街道法治建设工作在街道党工委的坚强领导下，区司法局开展执法检查12次。\n" + BODY)
    assert got.get("issuer") != "区司法局" and got.get("level") != "department"


def test_an_autonomous_county_written_with_its_place_name_before_its_autonomous_unit():
    # 镇宁自治县 is 镇宁布依族苗族自治县 with its ethnic names dropped and 自治县 kept.
    got, _ = meta("镇宁自治县2023年度法治政府建设工作报告\n2023年，镇宁自治县人民政府坚持依法行政。\n" + BODY)
    assert got["issuer"] in ("镇宁自治县人民政府", "镇宁布依族苗族自治县人民政府")
    assert (got["level"], got["county"], got["city"]) == ("county", "镇宁布依族苗族自治县", "安顺市")
    org = parse_org("黔东南自治州人民政府")
    assert org is not None and org.place is not None and org.place.city == "黔东南苗族侗族自治州"


# --- set 13, second round (speakers14): joint title lines, a province named in the body only,
# a date printed over lines, a street's superior named by its committee and government --------

def test_a_streets_working_committee_and_office_on_one_line_with_a_street_the_gazetteer_lacks():
    # 青枫街道 is no street the gazetteer knows: both names are read by their grammar under 平昌县.
    text = ("中共平昌县青枫街道工作委员会 平昌县人民政府青枫街道办事处关于2024年法治政府建设情况的报告\n"
            "中共平昌县委、平昌县人民政府：\n2024年，青枫街道坚持依法行政，推进基层治理法治化。\n" + BODY)
    got, _ = meta(text)
    assert "青枫街道办事处" in str(got["issuer"]) and got["level"] == "town"
    assert (got["city"], got["county"], got["town"]) == ("巴中市", "平昌县", "青枫街道")
    org = parse_org("平昌县人民政府青枫街道办事处")
    assert org is not None and org.kind == "government" and org.place is not None and org.place.town == "青枫街道"


def test_a_departments_party_committee_and_the_department_open_the_title():
    text = ("中共平昌县卫生健康局委员会 平昌县卫生健康局 关于2023年法治政府建设情况的报告\n"
            "2023年，我局坚持依法行政，规范卫生健康执法。\n" + BODY)
    got, _ = meta(text)
    assert got["issuer"] == "中共平昌县卫生健康局委员会、平昌县卫生健康局"
    assert (got["level"], got["county"]) == ("department", "平昌县")
    # A committee's own department keeps its reading: 中共某县委宣传部 is the committee's.
    org = parse_org("中共平昌县委宣传部")
    assert org is not None and org.kind == "department" and org.rest == "委宣传部"


def test_an_autonomous_region_named_only_in_its_body_twice_and_alone():
    # A Traditional text: 我區 and 自治區 are the region's words; its name stands only in the
    # body (a cited plan and the rule-of-law slogan), twice, no other province named.
    text = ("2022年，我區堅持依法行政，全面推進法治政府建設。現將有關情況報告如下：\n"
            "一、主要舉措和成效\n自治區人民政府印發《廣西壯族自治區法治政府建設實施方案》，"
            "著力建設法治廣西，全年辦理行政復議案件120件。\n二、存在的不足\n執法力量不足。\n")
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["province"]) == ("广西壮族自治区人民政府", "province", "广西壮族自治区")
    # Named once, or beside another province: the place stays unknown, the level known.
    once = text.replace("《廣西壯族自治區法治政府建設實施方案》", "實施方案")
    beside = text.replace("著力建設法治廣西", "著力建設法治廣西，對口支援西藏")
    for variant in (once, beside):
        got, _ = meta(variant)
        assert "issuer" not in got and "province" not in got and got["level"] == "province"


def test_a_provincial_department_written_alone_takes_the_province_its_body_names():
    text = ("2021年，司法厅坚持以习近平法治思想为指导，为建设法治甘肃、平安甘肃提供有力保障。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["province"]) == ("甘肃省司法厅", "department", "甘肃省")
    got, codes = meta(text.replace("平安甘肃", "学习浙江经验"))
    assert "issuer" not in got and "province" not in got and got["level"] == "department"
    # A government's unit must be the province's: 省政府 is no autonomous region's.
    got, _ = meta("2021年，省政府坚持依法行政，建设法治广西、平安广西。\n" + BODY)
    assert "issuer" not in got and got["level"] == "province"


def test_a_publication_time_printed_over_three_lines():
    text = "2024\n04/07\n19:20\n来源：\n某某网\n2023年，盐池县司法局坚持依法行政，扎实推进法治政府建设。\n" + BODY
    got, _ = meta(text)
    assert (got["date"], got["year"], got["issuer"]) == ("2024-04-07", 2023, "盐池县司法局")
    # A year alone, or a month and day that are no date, is no publication time.
    for head in ("2024\n第4期\n", "2024\n13/45\n"):
        got, _ = meta(head + "2023年，盐池县司法局坚持依法行政，扎实推进法治政府建设。\n" + BODY)
        assert "date" not in got, head


def test_a_generic_superior_named_by_its_committee_and_government_without_a_leadership_phrase():
    # 金山街道 is a street of many places; the county-level city's own plan the opening carries
    # out, beside 市委、市政府 (no 在…领导下), leaves one.
    text = ("2023年，金山街道认真落实《大冶市2023年法治政府建设工作要点》，坚决贯彻市委、市政府的决策部署，"
            "扎实推进依法行政。\n" + BODY)
    got, codes = meta(text)
    assert (got["issuer"], got["level"], got["county"], got["town"]) == ("金山街道办事处", "town", "大冶市", "金山街道")
    # Without the superior named, the plan alone places nothing.
    got, codes = meta(text.replace("坚决贯彻市委、市政府的决策部署，", ""))
    assert got["level"] == "town" and "county" not in got and "place-unresolved" in codes


# --- speakers15: set 14's remaining classes ---------------------------------------------

def test_a_cited_title_with_its_year_before_the_place_counts_for_the_self_reference():
    text = ("2021年，县人民政府坚持依法行政，修订《石门县人民政府工作规则》，"
            "印发《2021年石门县人民政府常务会议学法安排》，全面推进法治政府建设。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["county"]) == ("石门县人民政府", "county", "石门县")


def test_one_cited_title_and_a_year_first_title_of_another_place_do_not_place_it():
    text = ("2021年，县人民政府坚持依法行政，修订《石门县人民政府工作规则》，"
            "学习《2021年慈利县人民政府常务会议学法安排》，全面推进法治政府建设。\n" + BODY)
    got, codes = meta(text)
    assert got["level"] == "county" and "issuer" not in got and "issuer-placeless" in codes


def test_the_whole_province_owning_the_openings_topic_gives_the_level():
    got, codes = meta("2022年，全省法治政府建设工作坚持稳中求进，依法行政水平持续提升。\n" + BODY)
    assert got["level"] == "province" and "issuer" not in got and "issuer-placeless" in codes


def test_the_whole_province_owning_the_topic_takes_the_province_named_twice_in_its_body():
    text = ("2022年，全省法治政府建设工作坚持稳中求进，依法行政水平持续提升。\n"
            "一、主要举措\n在青海日报开设法治专栏，在青海广播电视台播出普法节目。\n二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["province"]) == ("青海省人民政府", "province", "青海省")


def test_the_whole_district_owning_the_topic_settles_nothing_without_a_city_above():
    # 全区 is a district's or an autonomous region's: no level without a city named above it.
    got, _ = meta("2022年，全区法治政府建设工作坚持稳中求进，依法行政水平持续提升。\n" + BODY)
    assert "level" not in got and "issuer" not in got


def test_a_shared_town_name_is_told_apart_by_its_own_documents_cited_with_their_county():
    text = ("2023年，金山镇在县委、县政府的坚强领导下，坚持依法行政，修订《中共上栗县金山镇委员会议事规则》，"
            "全面推进法治政府建设。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["county"], got["town"]) == ("金山镇人民政府", "town", "上栗县", "金山镇")


def test_a_shared_town_name_stays_unplaced_when_its_cited_documents_name_two_counties():
    text = ("2023年，金山镇在县委、县政府的坚强领导下，坚持依法行政，修订《中共上栗县金山镇委员会议事规则》，"
            "学习《凉州区金山镇便民服务规定》，全面推进法治政府建设。\n" + BODY)
    got, _ = meta(text)
    assert got["issuer"] == "金山镇人民政府" and got["level"] == "town" and "county" not in got and "town" not in got


def test_a_units_sector_spoken_for_by_my_bureau_names_its_department_placed_by_cited_titles():
    text = ("2022年，全市司法行政系统在市委、市政府的领导下，扎实推进法治政府建设。\n"
            "一、主要举措\n我局牵头起草《天水市城市绿化条例》，配合审议《天水市物业管理条例》。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["city"]) == ("天水市司法局", "department", "天水市")


def test_a_sector_spoken_for_with_one_cited_title_gives_only_the_level():
    text = ("2022年，全市司法行政系统在市委、市政府的领导下，扎实推进法治政府建设。\n"
            "一、主要举措\n我局牵头起草《天水市城市绿化条例》。\n二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes


def test_a_sector_whose_author_is_no_bureau_names_no_bureau():
    # 我委 leads the sector: its name is not the sector's name with 局.
    text = ("2022年，全市卫生健康系统在市委、市政府的领导下，扎实推进法治政府建设。\n"
            "一、主要举措\n我委牵头起草《天水市城市绿化条例》，配合审议《天水市物业管理条例》。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert got["level"] == "department" and got.get("issuer") != "天水市卫生健康局"


def test_a_sector_led_by_no_bureau_names_no_bureau():
    # 政法 is the Party's political-legal committee's sector: no 政法局 is read from it.
    text = ("2022年，全市政法系统在市委、市政府的领导下，扎实推进法治政府建设。\n"
            "一、主要举措\n我局牵头起草《天水市城市绿化条例》，配合审议《天水市物业管理条例》。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert got["level"] == "department" and "issuer" not in got and "issuer-placeless" in codes


# --- a higher place named inside a clause; the places of a department's own documents ---

def test_a_province_named_inside_a_city_governments_clause_is_no_rival_author():
    text = ("2024年，双鸭山市人民政府坚持以习近平法治思想为指导，认真落实总书记考察我省时的重要指示，"
            "扎实推进依法行政。\n" + BODY)
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["city"]) == ("双鸭山市人民政府", "city", "双鸭山市")


def test_a_province_opening_a_clause_still_rivals_a_city_subject():
    # 我省 as the subject of its own clause: the text speaks as two levels; neither is shown.
    text = "2024年，双鸭山市人民政府坚持依法行政，我省各级政府全面推进法治政府建设。\n" + BODY
    got, _ = meta(text)
    assert got.get("issuer") != "双鸭山市人民政府" and got.get("level") != "city"


def test_a_bureau_takes_the_place_of_the_documents_it_made():
    text = ("2024年，在县委、县政府的领导下，我局扎实推进依法行政。\n"
            "一、主要举措\n研究制定了《2024年度宁晋县应急管理局学法计划》《宁晋县应急管理局普法责任清单》。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, codes = meta(text)
    assert (got["level"], got["county"], got["city"]) == ("department", "宁晋县", "邢台市")
    assert "issuer" not in got and "issuer-placeless" in codes


def test_documents_a_bureau_follows_or_of_another_kind_give_no_place():
    for line in ("认真贯彻《宁晋县应急管理局学法计划》。",            # followed, not made
                 "研究制定了《宁晋县卫生健康委员会学法计划》。",        # a 委's, not a 局's
                 "研究制定了《宁晋县应急管理局学法计划》《柏乡县应急管理局普法清单》。"):  # two places
        text = ("2024年，在县委、县政府的领导下，我局扎实推进依法行政。\n"
                f"一、主要举措\n{line}\n二、存在的不足\n执法力量不足。\n")
        got, _ = meta(text)
        assert "county" not in got and "city" not in got, line


def test_a_superiors_document_made_for_the_bureau_gives_only_the_shared_places():
    text = ("2024年，在县委、县政府的领导下，我局扎实推进依法行政。\n"
            "一、主要举措\n制定《邢台市应急管理局执法计划》，编制《宁晋县应急管理局学法清单》。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert got["city"] == "邢台市" and "county" not in got


def test_a_document_number_under_two_keys_in_one():
    head = "- 索 引 号: ab123-2025-00007\n- {key}: 清溪委〔2025〕9号\n- 发布机构: 清溪镇人民政府\n"
    got, _ = meta(head.format(key="备注/文号") + "2024年，清溪镇坚持依法行政。\n" + BODY)
    assert got["doc_number"] == "清溪委〔2025〕9号"
    # Neither of the two keys a number's: nothing is read.
    got, _ = meta(head.format(key="备注/说明") + "2024年，清溪镇坚持依法行政。\n" + BODY)
    assert "doc_number" not in got


def test_a_bureau_takes_the_place_of_the_sector_documents_it_made():
    def lines(title: str) -> str:
        return ("现将我局2023年法治政府建设工作情况报告如下。\n"
                f"一、主要举措\n制发《{title}》，推进依法行政。\n二、存在的不足\n执法力量不足。\n")
    got, _ = meta(lines("眉山市交通运输系统法治建设工作要点"))
    assert (got["level"], got["city"]) == ("department", "眉山市") and "issuer" not in got
    # 政法 is led by no bureau: its system's document names no bureau's place.
    got, _ = meta(lines("眉山市政法系统法治建设工作要点"))
    assert "city" not in got


def test_another_province_named_twice_in_the_body_does_not_place_a_hall_written_alone():
    # The hall's own province stands only as 我省 / 全省; the province named twice is one whose
    # experience it learned from: no slogan of its own work, no title of its own documents.
    text = ("2021年，司法厅坚持以习近平法治思想为指导，全面推进全省法治政府建设。\n一、主要举措和成效\n"
            "学习借鉴浙江“最多跑一次”改革经验，组织骨干赴浙江考察学习，我省行政复议案件办结率98%。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert "issuer" not in got and "province" not in got and got["level"] == "department"
    # Its own plan cited beside its slogan places it as before.
    got, _ = meta(text.replace("学习借鉴浙江“最多跑一次”改革经验，组织骨干赴浙江考察学习",
                               "印发《2021年甘肃省法治政府建设工作要点》，建设法治甘肃"))
    assert (got["issuer"], got["province"]) == ("甘肃省司法厅", "甘肃省")


def test_the_whole_province_owning_the_topic_is_not_the_author_when_the_first_sections_say_my_department():
    # 全省法治政府建设工作坚持… is any provincial body's opening; 我厅 under the first heading says
    # the author is a department of the province, so the province's government (and its level)
    # is not shown.
    text = ("2023年，全省法治政府建设工作坚持稳中求进，依法行政水平持续提升。\n"
            "一、主要举措\n我厅牵头起草地方性法规草案3件，审核规范性文件12件。\n二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert got.get("level") != "province" and "issuer" not in got


# --- a 新区 written alone: a district of the hierarchy or a zone's committee ------------

def test_a_new_area_the_gazetteer_codes_as_a_district_reports_as_its_government():
    # 浦东新区 and 沈北新区 are districts (a 区长, a 人民政府), not functional areas: written
    # alone as the subject they are a county-level government, never a committee.
    for area, province in (("浦东新区", "上海市"), ("沈北新区", "辽宁省")):
        got, _ = meta(f"2023年，{area}坚持以习近平法治思想为指导，持续深化依法行政。\n" + BODY)
        assert (got["issuer"], got["level"], got["county"], got["province"]) == (
            area + "人民政府", "county", area, province), area


def test_a_state_level_new_area_written_alone_still_reports_as_its_committee():
    # 兰州新区 and 天府新区 are run by committees; the gazetteer files them among counties, but
    # with a functional area's code or no short form of their own.
    for area in ("兰州新区", "天府新区"):
        got, _ = meta(f"2023年，{area}坚持以习近平法治思想为指导，优化园区法治化营商环境。\n" + BODY)
        assert (got["issuer"], got["level"]) == (area + "管理委员会", "department"), area


def test_a_new_area_no_gazetteer_holds_written_alone_reports_as_its_committee():
    # A 新区 of no known district (青枫湾新区, invented here): a functional area whose committee
    # reports; its place stays unknown, so no province or city is shown.
    got, _ = meta("2024年，青枫湾新区坚持以习近平法治思想为指导，在法治轨道上推动新区建设。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("青枫湾新区管理委员会", "department")
    assert "province" not in got and "city" not in got and "county" not in got
    # A phrase that gathers (全新区) names no area: nothing is read from it.
    got, _ = meta("2024年，全新区坚持以习近平法治思想为指导，在法治轨道上推动各项工作。\n" + BODY)
    assert "issuer" not in got


def test_a_zones_party_working_committee_with_its_committee_is_the_zone():
    # 党工委、管委会 of one zone are its two organs; the committee reports (as 管委会 alone would).
    for subject in ("昆明高新区党工委、管委会", "昆明高新区党工委和管委会"):
        got, _ = meta(f"2024年，{subject}坚持以习近平法治思想为指导，优化园区法治化营商环境。\n" + BODY)
        assert (got["issuer"], got["level"], got["city"]) == ("昆明高新区管委会", "department", "昆明市"), subject
    # A place with no zone in it is no zone: a county's 党工委 is read by the rules for counties.
    got, _ = meta("2024年，某某党工委、管委会坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert "issuer" not in got


def test_a_towns_party_committee_and_government_run_together():
    # 镇党委政府 with no word between the two names: the town's committee and government.
    got, _ = meta("2024年，四屏镇党委政府坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["town"], got["county"]) == (
        "四屏镇党委、四屏镇人民政府", "town", "四屏镇", "江津区")


def test_a_provinces_own_daily_and_satellite_channel_place_its_government_written_alone():
    # 省政府 with its own press (青海日报) and its own satellite channel (青海卫视): two mentions
    # of the one province as its own, as 法治青海 … 平安青海 would be.
    text = ("2023年，全省法治政府建设工作坚持稳中求进，依法行政水平持续提升。\n一、强化思想引领\n"
            "省政府常务会议会前学法6次，在《青海日报》开设学法专栏，在青海卫视播出普法节目40期。\n"
            "二、存在的不足\n执法力量不足。\n")
    got, _ = meta(text)
    assert (got["issuer"], got["level"], got["province"]) == ("青海省人民政府", "province", "青海省")
    # The channel alone is one mention: the province stays unplaced.
    got, _ = meta(text.replace("在《青海日报》开设学法专栏，", ""))
    assert "province" not in got and "issuer" not in got and got["level"] == "province"


def test_a_bonded_zone_under_its_short_name_reports_as_its_committee():
    # 综保区 is the usual short form of 综合保税区, a zone with its own committee like 高新区:
    # written as the opening's subject it speaks for that committee (a department).
    got, _ = meta("2024年，在市委、市政府的正确领导下，青枫综保区坚持以习近平法治思想为指导，优化口岸营商环境。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("青枫综保区管理委员会", "department")
    assert "province" not in got and "county" not in got
    got, _ = meta("2024年，西宁综保区管委会坚持以习近平法治思想为指导，优化口岸营商环境。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("西宁综保区管委会", "department", "西宁市")
    # Written without its own name it settles the level only.
    got, _ = meta("2024年，综保区坚持以习近平法治思想为指导，优化口岸营商环境。\n" + BODY)
    assert got["level"] == "department" and "issuer" not in got


def test_a_town_that_calls_itself_our_town_is_placed_by_its_own_organs_named_twice():
    # 我镇 alone gives the level; the town named twice in the first sections, once with its own
    # Party committee, is the author (巴音布鲁克镇 is held once by the gazetteer).
    opening = "2023年，我镇坚持以习近平法治思想为指导，推进依法行政。"
    own = "巴音布鲁克镇党委中心组集中学法6次，推动法治建设在巴音布鲁克镇落地见效。"
    got, _ = meta(opening + own + "\n" + BODY)
    assert (got["issuer"], got["level"], got["county"], got["town"]) == ("巴音布鲁克镇人民政府", "town", "和静县", "巴音布鲁克镇")
    # A town visited or learnt from is no author, though named twice and with its committee.
    got, _ = meta(opening + "组织干部赴巴音布鲁克镇学习，巴音布鲁克镇党委介绍了经验。\n" + BODY)
    assert "issuer" not in got and "town" not in got and got["level"] == "town"
    got, _ = meta(opening + "邀请巴音布鲁克镇党委书记授课，巴音布鲁克镇人民政府介绍经验。\n" + BODY)
    assert "issuer" not in got and "town" not in got
    # Named once, or never with an organ of its own, it places nothing.
    got, _ = meta(opening + "推动法治建设在巴音布鲁克镇落地见效。\n" + BODY)
    assert "issuer" not in got and "town" not in got
    got, _ = meta(opening + "巴音布鲁克镇法治广场建成，巴音布鲁克镇法治长廊开放。\n" + BODY)
    assert "issuer" not in got and "town" not in got


def test_a_functional_area_the_gazetteer_files_among_counties_reports_as_its_committee():
    # jionlp files some functional areas among counties under their statistical codes (71-80 in
    # their city); each is run by a committee: written alone it is no 人民政府 and no county.
    got, _ = meta("2024年，郑州航空港经济综合实验区坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("郑州航空港经济综合实验区管理委员会", "department", "郑州市")
    assert "county" not in got
    got, _ = meta("2024年，岳阳市屈原管理区管委会坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("岳阳市屈原管理区管委会", "department", "岳阳市")
    assert "county" not in got
    # A district coded as one keeps its government (浦东新区).
    got, _ = meta("2024年，浦东新区坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("浦东新区人民政府", "county")


def test_a_headline_tagged_with_its_document_number_gives_that_number():
    # Some portals tag a headline with its document's number in brackets: the report's own number.
    got, _ = meta("[青政发〔2026〕7号]某某市人民政府关于2025年法治政府建设情况的报告\n2025年，市政府坚持依法行政。\n" + BODY)
    assert got["doc_number"] == "青政发〔2026〕7号"
    assert got["title"] == "某某市人民政府关于2025年法治政府建设情况的报告"
    # A tag naming a column is no number.
    got, _ = meta("【通知公告】某某市人民政府关于2025年法治政府建设情况的报告\n2025年，市政府坚持依法行政。\n" + BODY)
    assert "doc_number" not in got
    # A wrapper's number is the notice's, not the enclosed report's.
    got, _ = meta("[青府发〔2026〕3号]某某市人民政府关于印发《某某市2025年度法治政府建设情况报告》的通知\n各县人民政府：\n"
                  "现将报告印发给你们。\n" + BODY)
    assert "doc_number" not in got


def test_a_document_number_the_title_cites_stays_in_the_title():
    # A number after 关于 (or before 文件) is what the report answers, not a number glued on:
    # cutting it left 文件落实情况暨… as the title, a wrong value.
    title = "关于某政办〔2022〕12号文件落实情况暨法治政府建设工作报告"
    got, _ = meta(f"{title}\n2022年，我县坚持依法行政。\n" + BODY)
    assert got["title"] == title
    got, _ = meta("某政办〔2023〕5号《某某县人民政府2022年法治政府建设工作报告》\n2022年，县政府坚持依法行政。\n" + BODY)
    assert got["title"] == "某某县人民政府2022年法治政府建设工作报告"


def test_a_street_office_written_as_its_short_form_is_a_town_level_government():
    # 某街道办 is how pages often write 某街道办事处: the street office (town level), not a department.
    got, _ = meta("杜城街道办2024年法治政府建设工作总结\n2024年，街道坚持依法行政，推进基层治理法治化。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("杜城街道办", "town", "雁塔区")
    got, _ = meta("2024年，青枫路街道办坚持以习近平法治思想为指导，推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"]) == ("青枫路街道办", "town")
    # …also under its district's government; a government's office (政府办) stays a department.
    assert parse_org("雁塔区人民政府杜城街道办").level == "town"
    assert parse_org("雁塔区政府办").kind == "department"


def test_a_zone_named_after_a_county_level_city_is_placed_in_its_prefecture_only():
    # 喀什 is the short form of 喀什市, a county-level city of 喀什地区: the zone named after it is a
    # department of the prefecture, never placed in a county (as a zone named after a district is not).
    got, _ = meta("2024年，喀什经济开发区管委会坚持以习近平法治思想为指导，优化园区营商环境。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"]) == ("喀什经济开发区管委会", "department", "喀什地区")
    assert "county" not in got


def test_a_bodys_rule_of_law_work_of_the_year_as_the_opening_subject():
    # 某局2023年法治政府建设工作紧紧围绕…: the year stands between the body and its topic.
    got, _ = meta("肃南县水务局2023年法治政府建设工作紧紧围绕县委县政府中心工作，扎实推进依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("肃南裕固族自治县水务局", "department", "肃南裕固族自治县")
    # A year and a topic with no body before them name no one.
    got, _ = meta("2023年法治政府建设工作坚持以习近平法治思想为指导，扎实推进依法行政。\n" + BODY)
    assert "issuer" not in got and "level" not in got


def test_a_title_naming_its_year_only_in_brackets_after_the_topic():
    # 某局法治政府建设工作报告（2023年度）: no year or 关于 before the topic; the body is named before it.
    got, _ = meta("叶城县司法局法治政府建设工作报告（2023年度）\n今年以来，我局坚持依法行政。\n" + BODY)
    assert (got["issuer"], got["level"], got["county"]) == ("叶城县司法局", "department", "叶城县")
    # A body whose own name holds the topic keeps its name.
    got, _ = meta("叶城县法治政府建设领导小组办公室2023年工作总结\n2023年，领导小组办公室统筹推进依法行政。\n" + BODY)
    assert got["issuer"] == "叶城县法治政府建设领导小组办公室"


def test_a_site_name_cut_from_the_headline_is_a_clue_like_a_banner():
    # The site's name after a separator or in a tag before the headline is cut from the title and
    # read as the site's banner: 我局 on a bureau's own site is that bureau.
    for title in ("2023年度法治政府建设工作报告-叶城县司法局", "【叶城县司法局】2023年度法治政府建设情况报告"):
        got, _ = meta(f"{title}\n2023年，我局坚持依法行政。\n" + BODY)
        assert (got["issuer"], got["level"], got["county"]) == ("叶城县司法局", "department", "叶城县"), title
        assert got["title"].startswith("2023年度")
    # A column's name in the tag is no site: nothing is read from it.
    got, _ = meta("【通知公告】2023年度法治政府建设情况报告\n2023年，我局坚持依法行政。\n" + BODY)
    assert "issuer" not in got and got["level"] == "department"


def test_a_signature_with_its_seal_note_or_its_date_on_one_line():
    # 某局（盖章）: the note says the line is sealed; the name is the signer's.
    got, _ = meta("2023年，我局坚持依法行政。\n" + BODY + "叶城县林草局（盖章）\n2024年1月10日\n")
    assert (got["issuer"], got["county"], got["date"]) == ("叶城县林草局", "叶城县", "2024-01-10")
    # The signer and the date on one line below the body.
    got, _ = meta("2023年，我局坚持依法行政。\n" + BODY + "叶城县司法局 2024年1月10日\n")
    assert (got["issuer"], got["county"], got["date"]) == ("叶城县司法局", "叶城县", "2024-01-10")


def test_a_text_of_this_year_dated_late_in_the_year_is_of_that_year():
    # No year in the text: the date minus one, as reports are made early in the next year; but
    # 今年以来 in a text dated in December is that year's.
    text = "今年以来，叶城县司法局坚持依法行政，推进法治政府建设。\n" + BODY
    got, _ = meta(text + "叶城县司法局\n2023年12月20日\n")
    assert got["year"] == 2023
    got, _ = meta(text + "叶城县司法局\n2024年1月15日\n")
    assert got["year"] == 2023
    got, _ = meta("叶城县司法局坚持依法行政，推进法治政府建设。\n" + BODY + "叶城县司法局\n2023年12月20日\n")
    assert got["year"] == 2022
    # A page posted in September may be a report of the year before posted late: only its signature's date counts there.
    got, _ = meta("发布时间：2024-09-05\n" + text)
    assert got["year"] == 2023


def test_a_town_that_came_to_visit_or_told_its_own_way_is_no_author_of_our_town():
    # 我镇 alone: a neighbour town's leaders visit (来我镇) and its own practice is told, the
    # neighbour named twice with an organ; the report is still only 我镇's (level only).
    came = ("2022年，我乡坚持以习近平法治思想为指导，推进依法行政。那拉提镇党委副书记带队来我乡学习网格化管理，"
            "讲解了那拉提镇的做法。\n")
    got, _ = meta(came.replace("我乡", "我镇") + BODY)
    assert "issuer" not in got and "town" not in got and got["level"] == "town"
    told = ("2022年，我镇坚持以习近平法治思想为指导，推进依法行政。组织村干部观摩学习，那拉提镇人大主席"
            "分享了那拉提镇调解纠纷的经验。\n")
    got, _ = meta(told + BODY)
    assert "issuer" not in got and "town" not in got


def test_a_bureau_and_date_on_one_line_below_a_town_report_is_no_signature():
    # The line's body is a county bureau, the text's own word a town (我镇): the line is the site's
    # publication line, not the signer.
    got, _ = meta("2022年，我镇坚持依法行政，推进基层治理法治化。\n" + BODY + "昌吉市司法局 2023年2月6日\n")
    assert got.get("level") == "town" and got.get("issuer") != "昌吉市司法局"


def test_a_site_name_after_the_headline_gives_no_other_department():
    # A place-less tax bureau's report on the county justice bureau's site: the site's name may
    # place it, never replace the bureau the headline names.
    got, _ = meta("自然资源局2022年度法治政府建设情况报告 - 昌吉市司法局\n"
                  "2022年，我局坚持依法行政，推进自然资源领域法治建设。\n" + BODY)
    assert got.get("issuer") != "昌吉市司法局"


def test_a_document_number_the_headline_cites_is_not_the_reports_own():
    got, _ = meta("关于昌政办〔2022〕12号文件落实情况暨法治政府建设工作报告\n2022年，我局坚持依法行政。\n" + BODY)
    assert not got.get("doc_number")


def test_a_zone_named_after_a_county_level_citys_own_short_form_keeps_its_county():
    # 义乌 is 义乌市's short form only (its prefecture is 金华市): the zone is in that county.
    got, _ = meta("2024年，义乌经济技术开发区管委会坚持以习近平法治思想为指导，优化园区营商环境。\n" + BODY)
    assert (got["issuer"], got["level"], got["city"], got["county"]) == ("义乌经济技术开发区管委会", "department", "金华市", "义乌市")


def test_a_one_line_signer_agrees_with_the_word_the_body_uses_most():
    # A bureau's report says 我县 once and 我局 throughout: its own one-line signature stays.
    got, _ = meta("2022年，我局围绕我县中心工作，坚持依法行政。我局严格规范执法。\n" + BODY + "昌吉市司法局 2023年2月6日\n")
    assert (got["issuer"], got["date"]) == ("昌吉市司法局", "2023-02-06")
    # A county's report (我县) under a bureau's line: the line is the site's.
    got, _ = meta("2022年，我县坚持依法行政。我县深化法治政府建设。\n" + BODY + "昌吉市司法局 2023年2月6日\n")
    assert got.get("issuer") != "昌吉市司法局"
