from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.read.decode import decode
from generator.records import Source

TEXT = "乡宁县人民政府关于2023年法治政府建设情况的报告\n一、主要举措和成效\n（一）深化行政复议体制改革。"
TRADITIONAL = "鄉寧縣人民政府關於2023年法治政府建設情況的報告\n一、主要舉措和成效\n（一）深化行政復議體制改革。"


def source(raw: bytes, name: str = "r.txt") -> Source:
    return Source("r", Path(name), raw, None)


@pytest.mark.parametrize("raw,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8"),
    (TEXT.encode("utf-16"), "utf-16"),
    (TEXT.encode("gb18030"), "gb18030"),
    (TEXT.encode("gbk"), "gb18030"),
])
def test_reads_simplified_encodings(raw, encoding):
    decoded = decode(source(raw))
    assert decoded.text.lstrip("\ufeff") == TEXT
    assert decoded.encoding == encoding


def test_reads_big5_traditional():
    decoded = decode(source(TRADITIONAL.encode("big5")))
    assert decoded.text == TRADITIONAL
    assert decoded.encoding.startswith("big5")


def test_reads_utf16_big_endian_with_bom():
    raw = b"\xfe\xff" + TEXT.encode("utf-16-be")
    assert decode(source(raw)).text == TEXT


@pytest.mark.parametrize("raw,words", [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (bytes(range(256)) * 8, "not readable text"),
    (b"\x00\x01\x02\x03binary\x00\x00\x05\x06" * 50, "binary"),
])
def test_bad_input_is_a_clear_error_naming_the_file(raw, words):
    with pytest.raises(ContentError) as info:
        decode(source(raw, "content/reports/bad.txt"))
    message = str(info.value)
    assert message.startswith("content/reports/bad.txt: ")
    assert words in message


def test_lines_in_big5_among_utf8_are_named_big5():
    """Seen: Big5 lines pasted into a UTF-8 file were called GBK (GB18030 also
    reads their bytes, as rare characters)."""
    utf8 = "某縣二〇二三年法治政府建設情況報告\n一、主要工作\n全年推进依法行政，完善制度建设。\n"
    big5 = "本年度推進依法行政工作，全面加強法治政府建設。\n各部門嚴格規範公正文明執法。\n"
    tail = "二、存在的不足\n执法队伍素质仍需提升。\n三、下一步工作计划\n继续加强法治建设，推进严格规范公正文明执法。\n"
    raw = utf8.encode("utf-8") + big5.encode("big5") + tail.encode("utf-8")
    assert all(line.decode("gb18030") for line in big5.encode("big5").splitlines())  # GB18030 reads them too
    with pytest.raises(ContentError) as caught:
        decode(Source("mixed", Path("mixed.txt"), raw, None))
    (problem,) = caught.value.problems
    assert problem.line == 4
    assert "line(s) 4–5 are in Big5" in problem.message
