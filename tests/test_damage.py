"""Damage detectors (generator/read/damage.py, generator/read/mojibake.py).

Every fixture here is written for this file. Expected outcomes come from
reading the fixture: the paragraphs a wrapped text was made from, the notices
put into a page, the spam glued into a sentence.

The last tests run every detector over the five samples and the sixty wild
openings (none may fire) and over damaged variants made from each of them
(each must fire). Print the counts with `python -m tests.test_damage`.
"""
from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from generator.build.pipeline import read_report
from generator.errors import ContentError
from generator.read.clean import clean
from generator.read.decode import decode
from generator.read.mojibake import is_mojibake
from generator.read.normalise import normalise
from generator.read.page import segment
from generator.records import Cleaned, Source
from tests.conftest import REPO, SAMPLES, read_text

WILD = REPO.parent / "shared" / "wild"
DAMAGE = ("wrapped-lines", "page-numbers", "running-headers", "truncated", "spam", "mojibake")


def codes(cleaned: Cleaned) -> dict[str, int]:
    return {d.code: d.count for d in cleaned.diagnostics}


def warned(cleaned: Cleaned) -> set[str]:
    return {d.code for d in cleaned.diagnostics if d.severity == "warning" and d.code in DAMAGE}


def body(cleaned: Cleaned) -> list[str]:
    return [line.text for line in cleaned.lines]


def wrap(paragraph: str, columns: int = 44) -> list[str]:
    """Printed lines of one paragraph, as a PDF holds them (22 Chinese
    characters a line). The fixtures are written so that no line but a
    paragraph's last ends a sentence, and so that the figure 123 is broken
    at a line's end (…共计12 / 3件…)."""
    lines = printed_lines(paragraph, columns)
    assert not any(line[-1] in "。；：！？" for line in lines[:-1]), lines  # the fixture, not the code
    return lines


# --- wrapped text, page numbers, running headers ------------------------------------------

PARAGRAPHS = [
    "一年来，全镇上下围绕建设法治政府的目标，把依法行政贯穿到乡村振兴、基层治理和民生保障的各个环节，各项工作稳步向前推进。",
    "一、主要做法和成效",
    "（一）抓实学法用法。镇党委会议和镇政府常务会议坚持会前学法，全年集中学习法律法规十四次，领导干部带头讲授法治课两次，干部法治意识明显增强。",
    "（二）规范执法行为。镇综合执法队全面落实执法公示和全过程记录制度，全年开展联合检查二十六次，执法文书全部经过法制审核，办理案件共计123件，无一被复议纠错。",
    "二、存在的问题",
    "部分村干部运用法治方式解决问题的能力还不够强，普法宣传的形式比较单一，针对外出务工人员的宣传覆盖面有待扩大和加强。",
]


def pdf_text() -> str:
    """The paragraphs above as a PDF prints them: 22 characters a line, a page
    number at the foot of each page, a running header at the top of the next."""
    lines: list[str] = []
    for paragraph in PARAGRAPHS:
        lines.extend(wrap(paragraph))
    assert any(line.endswith("共计12") for line in lines)  # the fixture, not the code
    pages = [lines[0:8], lines[8:16], lines[16:]]
    out = ["桐庐县人民政府关于2023年度法治政府建设情况的报告", "杭州市人民政府："]
    for number, page in enumerate(pages, start=1):
        if number > 1:
            out.append("桐庐县人民政府办公室印发")
        out.extend(page)
        out.append(f"— {number} —" if number != 2 else "第 2 页 共 3 页")
    out[-1:-1] = ["桐庐县人民政府", "2024年1月15日"]
    return "\n".join(out) + "\n"


def test_wrapped_pdf_text_is_rejoined_into_its_paragraphs():
    cleaned, _ = read_text(pdf_text())
    assert body(cleaned) == PARAGRAPHS  # and the figure printed as 12 / 3件 reads 123件 again
    found = codes(cleaned)
    assert found["page-numbers"] == 3
    assert found["running-headers"] == 2
    assert found["wrapped-lines"] > 0
    frame = {p.text: p.reason for p in cleaned.page.lines if p.role != "body"}
    assert "页码" in frame["— 1 —"] and "页码" in frame["第 2 页 共 3 页"] and "页码" in frame["— 3 —"]
    assert "页眉" in frame["桐庐县人民政府办公室印发"]
    # the page number after the signature does not hide it
    assert cleaned.page.facts.signed == "2024-01-15"
    assert "桐庐县人民政府" in cleaned.page.facts.signers


def test_a_full_line_is_never_joined_onto_a_heading_nor_after_a_sentence():
    lines = []
    for paragraph in PARAGRAPHS:
        lines.extend(wrap(paragraph))
    # the line before the heading 二、存在的问题 is made full and left open
    at = lines.index("二、存在的问题")
    lines[at - 1] = lines[at - 1].rstrip("。") + "总体稳中有进还需继续努力"[: 22 - len(lines[at - 1]) + 1]
    cleaned, _ = read_text("\n".join(lines) + "\n")
    assert "二、存在的问题" in body(cleaned)
    assert "wrapped-lines" in codes(cleaned)


def test_bare_page_numbers_go_only_in_wrapped_text():
    lines = []
    for paragraph in PARAGRAPHS:
        lines.extend(wrap(paragraph))
    lines.insert(9, "2")
    lines.insert(16, "3")
    cleaned, _ = read_text("\n".join(lines) + "\n")
    assert body(cleaned) == PARAGRAPHS
    assert codes(cleaned)["page-numbers"] == 2
    # In a text of whole paragraphs a number on its own line is the publisher's
    # (a table's cell): kept, and nothing is said about wrapping.
    table = "\n".join([PARAGRAPHS[3], "行政检查", "26", "行政处罚", "9", PARAGRAPHS[5]]) + "\n"
    cleaned, _ = read_text(table)
    assert "26" in body(cleaned) and "9" in body(cleaned)
    assert not warned(cleaned)


def test_paragraph_per_line_text_is_not_wrapped():
    cleaned, _ = read_text("\n".join(PARAGRAPHS) + "\n")
    assert body(cleaned) == PARAGRAPHS
    assert not warned(cleaned)


# --- truncated texts ----------------------------------------------------------------------

SHARED = """文库首页 > 公文范文 > 工作报告
江岸镇2023年度法治政府建设情况报告.docx
上传人：wk_user 上传时间：2024-03-02 页数：9页
一年来，全镇上下围绕建设法治政府的目标，把依法行政贯穿到乡村振兴、基层治理和民生保障的各个环节。
一、主要做法和成效
（一）抓实学法用法。镇党委会议和镇政府常务会议坚持会前学法，全年集中学习法律法规十四次。
还剩8页未读，继续阅读
免费下载 VIP专享
"""


def test_document_sharing_page_is_truncated_and_its_file_name_and_upload_time_are_not_metadata():
    path = Path("shared.txt")
    raw = SHARED.encode("utf-8")
    from generator.analyse.taxonomy import load_taxonomy

    report = read_report(Source("shared", path, raw, None), load_taxonomy(REPO / "content"))
    cleaned = report.cleaned
    assert "truncated" in warned(cleaned)
    assert not any("继续阅读" in t or "VIP" in t for t in body(cleaned))
    title = report.metadata.get("title")
    assert title is None or not str(title).endswith(".docx")
    assert report.metadata.get("date") is None  # 2024-03-02 is when it was uploaded
    assert any(d.code == "truncated" for d in report.diagnostics)


def test_text_ending_mid_sentence_without_signature_is_truncated():
    text = "\n".join(PARAGRAPHS[:4]) + "\n三、下一步打算\n下一步，我镇将继续深化法治政府建设，重点抓好基层执法规范化和矛盾纠纷多元\n"
    cleaned, _ = read_text(text)
    assert "truncated" in warned(cleaned)
    assert "矛盾纠纷多元" in [d.message for d in cleaned.diagnostics if d.code == "truncated"][0]


def test_text_ending_a_sentence_or_signed_is_not_truncated():
    cleaned, _ = read_text("\n".join(PARAGRAPHS) + "\n")
    assert "truncated" not in warned(cleaned)
    signed = "\n".join(PARAGRAPHS) + "\n江岸镇人民政府\n2024年1月15日\n"
    assert "truncated" not in warned(read_text(signed)[0])


# --- spam inside sentences ---------------------------------------------------------------

def test_spam_in_brackets_or_as_an_address_is_removed():
    # (lines over 80 characters: page.py takes a short line holding an address for a sharing site's slogan)
    more = "全面落实执法公示、执法全过程记录和重大执法决定法制审核制度，执法文书全部经过法制审核把关"
    text = (f"镇综合执法队{more}【星河体育官网】，全年开展联合检查二十六次。\n"
            f"群众可登录 www.xinghe-play.com 了解详情，办理案件共计123件，{more}。\n"
            f"报告全文在区政府网站 http://www.tonglu.gov.cn 公开，接受社会监督，{more}。\n")
    cleaned, _ = read_text(text)
    assert body(cleaned) == [
        f"镇综合执法队{more}，全年开展联合检查二十六次。",
        f"群众可登录 了解详情，办理案件共计123件，{more}。",
        f"报告全文在区政府网站 http://www.tonglu.gov.cn 公开，接受社会监督，{more}。",  # a government address is the report's own
    ]
    assert codes(cleaned)["spam"] == 2


def test_spam_glued_into_a_sentence_is_flagged_not_cut():
    line = "全年新增持证执法人员四十名，星河娱乐app下载对到期未年审人员暂停执法资格。"
    cleaned, _ = read_text(line + "\n")
    assert body(cleaned) == [line]  # where the brand starts is not clear: left as published
    message = next(d.message for d in cleaned.diagnostics if d.code == "spam")
    assert "星河娱乐app下载" in message and "请核对" in message


def test_enforcement_against_gambling_is_not_spam():
    text = ("开展打击网络赌博专项行动，查处非法彩票销售点三处，收缴老虎机十二台。\n"
            "推动体育彩票规范销售，区体育局官网公开全部行政许可事项。\n")
    cleaned, _ = read_text(text)
    assert "spam" not in codes(cleaned)


# --- mojibake ---------------------------------------------------------------------------

def source(name: str, data: bytes) -> Source:
    return Source(name, Path(f"{name}.txt"), data, None)


def test_mojibake_that_lost_bytes_is_refused_with_file_line_and_advice():
    text = "\n".join(PARAGRAPHS) + "\n"
    garbled = text.encode("utf-8").decode("gbk", errors="replace")
    with pytest.raises(ContentError) as caught:
        normalise(decode(source("garbled", garbled.encode("utf-8"))))
    message = str(caught.value)
    assert message.startswith("garbled.txt:1: the text is mojibake")
    assert "save it as UTF-8" in message


def test_mojibake_that_round_trips_is_repaired_and_named():
    # Lines whose UTF-8 bytes all read as GBK without loss: the damage is undone exactly.
    candidates = ["依法行政", "行政执法规范化", "化解矛盾纠纷", "推进法治建设", "学法用法", "全面依法治国",
                  "建设法治政府", "规范执法", "公正文明执法", "依法决策", "法律顾问", "人民调解"]
    kept = [c for c in candidates if _round_trips(c)]
    assert len("".join(kept)) >= 12, kept  # enough of our own words survive the trip to make a text
    text = "\n".join(kept * 3) + "\n"
    garbled = text.encode("utf-8").decode("gbk")
    normalised = normalise(decode(source("exact", garbled.encode("utf-8"))))
    assert "\n".join(line.text for line in normalised.lines) + "\n" == text
    found = {d.code: d for d in normalised.diagnostics}
    assert found["mojibake"].severity == "warning" and "完整还原" in found["mojibake"].message


def _round_trips(word: str) -> bool:
    try:
        return word.encode("utf-8").decode("gbk").encode("gbk").decode("utf-8") == word
    except UnicodeError:
        return False


def test_traditional_and_simplified_texts_are_not_mojibake():
    assert not is_mojibake("縣政府堅持以習近平新時代中國特色社會主義思想為指導，全面推進依法行政，建設法治政府。" * 3)
    assert not is_mojibake("\n".join(PARAGRAPHS))


# --- the samples and the sixty wild openings: clean, and each damaged variant caught ------

def corpus() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt")) + sorted(WILD.glob("*.txt"))


def cleaned_of(data: bytes, name: str = "r") -> Cleaned:
    normalised = normalise(decode(source(name, data)))
    return clean(normalised, segment(normalised.lines))


def printed_lines(text: str, columns: int) -> list[str]:
    """A paragraph as a PDF prints it: as many characters a line as fit the
    width (a Chinese character two columns, a digit or Latin letter one)."""
    lines, line, used = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > columns:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    return lines + [line] if line else lines


def variants(path: Path) -> dict[str, bytes]:
    """Damaged copies of one file, made by general rules (no file's words):
    its body wrapped at 52 columns (26 Chinese characters) with page numbers; the page cut in the
    middle of a sentence half-way through the body, or with a sharing site's
    notice added; promotion glued into a sentence and set in brackets; the
    whole file read as GBK and saved again."""
    text = path.read_text(encoding="utf-8")
    normalised = normalise(decode(source(path.stem, text.encode("utf-8"))))
    page = segment(normalised.lines)
    lines = [p.text for p in page.lines]
    roles = [p.role for p in page.lines]
    first = roles.index("body")
    last = len(roles) - 1 - roles[::-1].index("body")
    out: dict[str, bytes] = {}

    printed: list[str] = []
    for i in range(first, last + 1):
        if roles[i] != "body":
            continue
        printed.extend(printed_lines(lines[i], 52))
    paged: list[str] = []
    for n, start in enumerate(range(0, len(printed), 20), start=1):
        paged.extend(printed[start:start + 20])
        paged.append(f"- {n} -")
    out["wrapped"] = "\n".join(lines[:first] + paged + lines[last + 1:]).encode("utf-8")

    middle = next(i for i in range(first + (last - first) // 2, last + 1) if roles[i] == "body" and len(lines[i]) > 40)
    t = lines[middle]
    cut = next(j for j in range(len(t) // 2, len(t)) if re.match(r"[\u4e00-\u9fff]{2}", t[j - 1:j + 1]))
    out["cut"] = "\n".join(lines[:middle] + [t[:cut]]).encode("utf-8")
    out["notice"] = "\n".join(lines[:middle + 1] + ["还剩5页未读，继续阅读"]).encode("utf-8")

    comma = t.find("，") if "，" in t else t.find(",")
    glued = t[:comma + 1] + "星河娱乐官网登录入口" + t[comma + 1:] if comma > 0 else "星河娱乐官网登录入口" + t
    out["spam"] = "\n".join(lines[:middle] + [glued] + lines[middle + 1:]).encode("utf-8")

    out["mojibake"] = text.encode("utf-8").decode("gbk", errors="replace").encode("utf-8")
    return out


EXPECTED = {"wrapped": "wrapped-lines", "cut": "truncated", "notice": "truncated", "spam": "spam", "mojibake": "mojibake"}


@cache
def survey() -> tuple[dict[str, set[str]], dict[str, dict[str, bool]]]:
    """(damage codes each clean file raises, whether each variant was caught)."""
    clean_hits: dict[str, set[str]] = {}
    caught: dict[str, dict[str, bool]] = {}
    for path in corpus():
        clean_hits[path.name] = warned(cleaned_of(path.read_bytes(), path.stem))
        caught[path.name] = {}
        for kind, data in variants(path).items():
            try:
                got = warned(cleaned_of(data, path.stem))
            except ContentError as exc:
                got = {"mojibake"} if "mojibake" in str(exc) else set()
            caught[path.name][kind] = EXPECTED[kind] in got
    return clean_hits, caught


@pytest.mark.skipif(not WILD.is_dir(), reason="../shared/wild is not beside this checkout")
def test_no_detector_fires_on_the_samples_or_the_wild_openings():
    clean_hits, _ = survey()
    assert len(clean_hits) == 65
    fired = {name: hits for name, hits in clean_hits.items() if hits}
    assert not fired


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_damaged_variant_of_every_file_is_caught(kind):
    _, caught = survey()
    missed = [name for name, kinds in caught.items() if not kinds[kind]]
    assert not missed, f"{kind} not caught in {missed}"


def test_check_names_the_file_and_the_code(tmp_path):
    from tests.conftest import make_project

    project = make_project(tmp_path / "p", {"jiangan-2023.txt": pdf_text()}, with_samples=False)
    run = subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "check"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    for code in ("wrapped-lines", "page-numbers", "running-headers"):
        assert any(line.startswith("warning: ") and "jiangan-2023.txt" in line and f": {code}: " in line
                   for line in lines), (code, lines)


if __name__ == "__main__":
    hits, caught = survey()
    print(f"clean files: {len(hits)}, with a damage warning: {sum(1 for h in hits.values() if h)}")
    for kind in sorted(EXPECTED):
        n = sum(1 for kinds in caught.values() if kinds[kind])
        print(f"variant {kind}: caught in {n} of {len(caught)}")


def test_report_page_shows_the_repaired_text_and_names_the_damage(tmp_path, browser):
    """Built with the real MkDocs, read in headless Chromium: the wrapped
    report reads in paragraphs, its page numbers and headers are listed as
    removed lines, each damage code is a row of 文本清理记录; the shared page
    is titled without its file name and warns it is cut."""
    from generator.build.pipeline import build
    from tests.conftest import make_project, serving

    project = make_project(tmp_path / "p", {"tonglu-2023.txt": pdf_text(), "shared-2023.txt": SHARED},
                           with_samples=False)
    build(project)
    with serving(project.site_dir) as base:
        page = browser.new_page()
        page.goto(base + "reports/tonglu-2023/")
        text = page.locator("article.report-text").inner_text()
        assert PARAGRAPHS[0] in text and PARAGRAPHS[5] in text and "办理案件共计123件，无一" in text
        page.wait_for_selector("section.report-cleaning tr.diagnostic")  # drawn from the page's packed record
        rows = page.locator("section.report-cleaning tr.diagnostic--warning")
        codes_shown = {rows.nth(i).get_attribute("data-code") for i in range(rows.count())}
        assert {"wrapped-lines", "page-numbers", "running-headers"} <= codes_shown
        frame = page.locator("details.report-frame").text_content() or ""
        assert "第 2 页 共 3 页" in frame and "页眉" in frame
        page.goto(base + "reports/shared-2023/")
        assert ".docx" not in page.locator("h1").inner_text()
        page.wait_for_selector("section.report-cleaning tr.diagnostic")
        assert page.locator('section.report-cleaning tr[data-code="truncated"]').count() == 1
        assert "继续阅读" not in page.locator("article.report-text").inner_text()
        page.close()


def test_an_address_ends_at_its_domain_and_mail_or_hotline_sites_are_not_spam():
    more = "全面落实执法公示、执法全过程记录和重大执法决定法制审核制度，执法文书全部经过法制审核把关"
    text = (f"全年调解成功率达到www.xinghe-wenku.cn96.5%，{more}，{more}。\n"
            f"对报告有意见的，可发送邮件至fzb@163.com或登录全国12315平台（www.12315.cn）反映，{more}。\n")
    cleaned, _ = read_text(text)
    assert body(cleaned)[0] == f"全年调解成功率达到96.5%，{more}，{more}。"  # the figure glued after the address stays
    assert body(cleaned)[1].startswith("对报告有意见的，可发送邮件至fzb@163.com或登录全国12315平台（www.12315.cn）反映")
    assert codes(cleaned)["spam"] == 1


def test_a_closing_contact_line_is_not_a_cut():
    text = "\n".join(PARAGRAPHS) + "\n联系人：桐庐县司法局法治督察科，联系电话：0571-64612345\n"
    assert "truncated" not in warned(read_text(text)[0])


def test_a_subhead_repeated_in_a_web_report_is_not_a_running_header():
    sections = [PARAGRAPHS[0]]
    for place in ("城关镇", "西湖镇", "东山镇"):
        sections += [f"{place}工作情况", "主要做法",
                     f"{place}" + PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[5]]
    cleaned, _ = read_text("\n".join(sections) + "\n")
    assert body(cleaned).count("主要做法") == 3
    assert not warned(cleaned)
