from generator.read.parse import split_heading
from tests.conftest import read_text


def doc(text: str):
    return read_text(text)[1]


LADDER = """中共后叶镇委员会
后叶镇人民政府
关于2022年度法治政府建设工作报告
后叶委文〔2023〕3号
县委、县政府：
2022年，我镇积极开展法治政府建设工作。
一、主要举措和成效
（一）深入学习贯彻习近平法治思想。
组织学习。一是学，二是用，三是考。
1.开展普法。
（1）公示制度。执行到位。
（2）记录制度
2.化解矛盾纠纷，多元化解。人民调解成功率98%。
（二）政府依法全面履职更加优质便捷。全力优化政府职责体系。
二、存在的不足
第一部分：附件说明
三、下一步工作打算
中共后叶镇委员会 后叶镇人民政府
2024年1月19日
"""


def test_heading_ladder_and_title_block():
    d = doc(LADDER)
    assert d.title_lines == ("中共后叶镇委员会 后叶镇人民政府关于2022年度法治政府建设工作报告",)
    assert d.doc_number == "后叶委文〔2023〕3号"
    assert d.addressee == "县委、县政府"
    assert d.signers == ("中共后叶镇委员会", "后叶镇人民政府")
    assert d.signed == "2024-01-19"
    assert [p.text for p in d.preamble] == ["2022年，我镇积极开展法治政府建设工作。"]
    got = [(s.level, s.number, s.title, s.anchor) for s in d.sections]
    assert got == [
        (1, "一、", "主要举措和成效", "s1"),
        (2, "（一）", "深入学习贯彻习近平法治思想", "s1-1"),
        (3, "1.", "开展普法", "s1-1-1"),
        (4, "（1）", "公示制度", "s1-1-1-1"),
        (4, "（2）", "记录制度", "s1-1-1-2"),
        (3, "2.", "化解矛盾纠纷，多元化解", "s1-1-2"),
        (2, "（二）", "政府依法全面履职更加优质便捷", "s1-2"),
        (1, "二、", "存在的不足", "s2"),
        (2, "第一部分", "附件说明", "s2-1"),
        (1, "三、", "下一步工作打算", "s3"),
    ]


def test_enumerations_stay_in_paragraphs_and_run_in_text_splits():
    d = doc(LADDER)
    first = d.sections[1]
    assert [p.text for p in first.paragraphs] == ["组织学习。一是学，二是用，三是考。"]
    assert [p.text for p in d.sections[5].paragraphs] == ["人民调解成功率98%。"]
    assert [p.text for p in d.sections[6].paragraphs] == ["全力优化政府职责体系。"]


def test_anchors_are_stable_and_unique():
    a, b = doc(LADDER), doc(LADDER)
    anchors = [p.anchor for s in a.sections for p in s.paragraphs] + [p.anchor for p in a.preamble]
    assert anchors == [p.anchor for s in b.sections for p in s.paragraphs] + [p.anchor for p in b.preamble]
    assert len(set(anchors)) == len(anchors)
    twice = doc("一、甲\n同一段。\n同一段。\n")
    assert [p.anchor for p in twice.sections[0].paragraphs][1].endswith("-2")


def test_heading_without_punctuation_before_its_body():
    title, body, guessed = split_heading(
        "党对法治政府建设的组织领导更加全面有力强化顶层设计，印发《芜湖市法治政府建设工作方案（2021—2025年）》，"
        "召开2022年全市推进依法行政工作领导小组会议，科学部署法治政府建设各项重点工作。" + "部署工作。" * 10)
    assert (title, guessed) == ("党对法治政府建设的组织领导更加全面有力", True)
    assert body.startswith("强化顶层设计，印发")
    line = "严格规范性文件制定程序，规范性文件的出台由相关科室起草，镇党政办审核，党委班子会议讨论，依法行政领导小组结合把关，党委、政府主要领导签发。"
    assert split_heading(line)[:2] == ("严格规范性文件制定程序", line[12:])


def test_long_heading_without_stop_is_kept_whole():
    rest = "深入学习贯彻习近平法治思想、党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设情况"
    assert split_heading(rest) == (rest, None, False)


def test_text_without_headings_is_all_preamble():
    d = doc("我县全年开展普法活动。\n群众满意度提升。\n")
    assert not d.sections and len(d.preamble) == 2
    assert d.diagnostics[-1].code == "no-headings"
