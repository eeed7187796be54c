from generator.read.clean import LOST
from generator.read.page import chrome_reason
from tests.conftest import read_text


def run(text: str):
    return read_text(text)[0]


def counts(cleaned) -> dict[str, int]:
    return {d.code: d.count for d in cleaned.diagnostics}


def test_pinyin_readings_removed_but_real_parentheses_kept():
    c = run("鄉(xiāng)寧縣(xiàn)貫徹《法治政府建設實施綱要(2021—2025年)》,覆蓋全縣(社區(qū))。")
    assert c.text.strip() == "乡宁县贯彻《法治政府建设实施纲要（2021—2025年）》，覆盖全县（社区）。"
    assert counts(c)["pinyin-removed"] == 3


def test_orphan_reading_after_lost_character_is_one_lost_character():
    c = run("考试成绩?nèi)亢细?。")
    assert c.text.strip() == f"考试成绩{LOST}亢细{LOST}。"


def test_simplified_text_is_not_converted():
    text = "在省委、省政府的坚强领导下，着力推进依法行政，乾坤朗朗。"
    c = run(text)
    assert c.text.strip() == text
    assert "traditional-converted" not in counts(c)
    assert not c.was_traditional


def test_traditional_text_is_converted_and_counted():
    c = run("縣政府堅持以習近平新時代中國特色社會主義思想為指導。")
    assert c.text.strip() == "县政府坚持以习近平新时代中国特色社会主义思想为指导。"
    assert c.was_traditional
    assert counts(c)["traditional-converted"] == 9  # 縣堅習時國會義為導


def test_chrome_lines_removed_and_host_kept():
    c = run(
        "主办:山西省临汾市乡宁县人民政府 ? 版权所有 2018\n"
        "晋ICP备11006016号 网站标识码:1410290008\n"
        "涉密文件严禁上网\n"
        "使用大于1366*768分辨率/IE10.0或以上浏览器可以获得最佳浏览效果!\n"
        "2023年,县政府坚持依法行政。\n"
        "- 相关新闻\n"
        "【打印】 【关闭】\n"
    )
    assert c.text == "2023年，县政府坚持依法行政。\n"
    assert [p.role for p in c.page.lines] == ["chrome"] * 4 + ["body", "chrome", "chrome"]
    assert c.page.facts.host == "山西省临汾市乡宁县人民政府"


def test_body_paragraph_mentioning_chrome_words_is_kept():
    long = "建立打印关闭等无障碍服务设施，" * 12 + "方便群众办事。"
    assert chrome_reason(long) is None
    assert run(long).text.strip() == long


def test_publication_line_becomes_metadata():
    c = run("发布日期:2023-03-29 09:56 来源:芜湖市司法局 作者:许旭 阅读次数: [字号:    ] 背景颜色:\n正文第一段落，写明了工作。")
    assert c.text == "正文第一段落，写明了工作。\n"
    facts = c.page.facts
    assert (facts.published, facts.source, facts.author) == ("2023-03-29", "芜湖市司法局", "许旭")


def test_spam_suffix_cut_from_title():
    c = run("芜湖市人民政府关于2022年法治政府建设情况的报告-九游会真人第一品牌\n2022年，全市推进依法行政工作。")
    assert c.page.facts.title == "芜湖市人民政府关于2022年法治政府建设情况的报告"
    assert c.text == "2022年，全市推进依法行政工作。\n"


def test_punctuation_fullwidth_without_spaces_and_numbers_untouched():
    c = run("2022年,全市办理163,664件,时间09:56,比例99.25%;(一)党对法治政府建设的领导:加强。See a, b.")
    assert c.text.strip() == "2022年，全市办理163,664件，时间09:56，比例99.25%；（一）党对法治政府建设的领导：加强。See a, b."


def test_question_mark_damage_marked_but_real_questions_kept():
    c = run("?推进依法行政，增强社会活力。??\n群众满意吗?我们继续努力，推进依法行政。")
    assert c.lines[0].text == f"{LOST}推进依法行政，增强社会活力。{LOST}{LOST}"
    assert c.lines[1].text == "群众满意吗？我们继续努力，推进依法行政。"
    assert counts(c)["lost-characters"] == 3


def test_lost_plus_restored():
    c = run("深化“互联网 政务服务”,打造“线上 线下”模式,建设“1 9 n”体系。")
    assert c.text.strip() == "深化“互联网+政务服务”，打造“线上+线下”模式，建设“1+9+n”体系。"


def test_original_line_numbers_kept():
    c = run("主办:某县人民政府\n\n一、总体情况\n正文写明了全年工作，成效明显。")
    assert [line.number for line in c.lines] == [3, 4]
