"""Normalised lines -> what each line of the page is, and why.

One place decides, before any line is dropped or repaired, whether a line is
site chrome, the title, the publication line, an index block, the document
number, the addressee, body text, the signature, a closing remark or an
attachment link. Later stages consume the parts: cleaning repairs the body,
parsing structures it, metadata reads the facts gathered here.

How the page is read:

1. Every line gets a *shape* from general features, never from one site's
   wording: navigation separators and breadcrumbs, date-with-weekday banners,
   lines made only of UI controls (打印, 关闭, 字号 大 中 小 …), key-value lines
   (发布时间：…, 索引号 …), footers (ICP备, 网站标识码, 版权所有), lists of
   organisation names, dates, numbered headings and prose.
2. The title is the best candidate near the top that names a report (法治政府
   建设 / 法治建设 / 依法行政 with 报告 / 情况 / 总结, or 关于…的报告), trimmed of
   breadcrumbs, banners, site suffixes and buttons glued to it; a 关于印发…的通知
   wrapper yields the enclosed report's title, a 解读 page the explained one.
3. The body runs from the first prose or heading after the last printing of
   the title to the last prose or heading before the signature and the footer.
   Lines above it and below it are the page's frame; inside it a line is
   removed only when its whole shape is chrome, and that is a warning.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.read.orgs import org_names, parse_org
from generator.records import Diagnostic, Facts, Line, Page, PageLine, Role

CN_NUM = "〇零一二三四五六七八九十"
# A year as reports write it: 2023, 二〇二三 (never a banner's or a cited document's: callers decide where).
YEAR_TEXT = r"(?:19|20)\d{2}|[〇零一二][〇零一二三四五六七八九]{3}"
HAN = "\u4e00-\u9fff"

# --- shapes ---------------------------------------------------------------------
# UI controls: a line made only of these words (between brackets or separators) is chrome.
CONTROLS = {
    "打印", "打印本页", "打印此页", "打印文章", "关闭", "关闭窗口", "关闭本页", "收藏", "加入收藏", "收藏本页",
    "分享", "分享到", "分享至", "朗读", "语音播报", "字号", "字体", "大", "中", "小", "默认", "超大", "特大",
    "扫一扫", "返回顶部", "返回", "顶部", "纠错", "我要纠错", "手机版", "无障碍", "无障碍浏览", "长者模式",
    "关怀版", "简体", "繁体", "简体版", "繁体版", "简", "繁", "English", "登录", "注册", "退出", "首页", "网站首页",
    "微信", "微博", "QQ空间", "QQ", "分享到微信", "分享到微博", "下载", "阅读模式", "护眼模式", "背景颜色",
    "视力保护色", "放大", "缩小", "还原", "移动版", "网站地图", "联系我们", "English版", "智能问答",
    "上一页", "下一页", "全文", "收起", "展开", "浏览", "字体大小", "A", "A+", "A-", "取消收藏成功",
    "收藏成功", "请选择", "复制链接", "点赞", "举报", "文档简介", "内容简介", "立即下载", "免费下载",
}
CONTROL_SPLIT = re.compile(r"[\s\[\]【】()（）|｜/:：·•,，、!！]+")
NAV_SEP = re.compile(r"\s*(?:>>|>|»|→|›|/|\||｜|-{1,2})\s*")
BREADCRUMB_LEAD = re.compile(r"^(?:您|你)?(?:当前|现在)?(?:所在)?(?:的)?(?:所在)?位置\s*[:：]?|^当前位置")
WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]\b|今天是")
FOOTER = re.compile(
    r"ICP备|ICP证|网站标识码|公网安备|版权所有|版权声明|Copyright|All Rights Reserved|©|免责声明|"
    r"涉密文件严禁上网|最佳浏览|浏览效果|分辨率|"
    r"^(?:主办|承办|协办|技术支持|主管|运维|维护|网站维护)(?:单位)?\s*[:：]|主办\s*$|主办\s+网站标识码",
    re.I,
)
RELATED = re.compile(
    r"^[·•\-【\[]*\s*(?:相关(?:新闻|链接|文章|阅读|信息|推荐|文件|稿件|附件|专题|政策|文档|下载|报告)|热点推荐|推荐阅读|猜你喜欢|"
    r"热门文章|最新文章|相关办事指南|更多(?:新闻|资讯)|延伸阅读|友情链接)\s*[】\]]?\s*[:：]?"
)
PREV_NEXT = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇)\s*[:：]")
PAGE_INFO = re.compile(
    r"^(?:本文标题|本文链接|链接地址|原文链接|原文地址|文章地址|转载请注明|责任编辑|编辑|审核|校对|关键词|关键字|"
    r"标签|TAG|打印本文|扫一扫|前言|声明|免责声明|下面是小编|以下是)\s*[:：]?|^【?(?:责任编辑|纠错|编辑)\s*[:：]|查看更多",
    re.I,
)
SHARE = re.compile(r"^(?:分享到|分享至|分享)\s*[:：]")
# Document-sharing sites: notices that the text is cut or behind a login, site slogans with an address.
SHARING = re.compile(r"已省略\s*\d+\s*字|仅展示前|全文共\s*\d+\s*字|下载本文档|查看全文|需登录|需\s*\d+\s*积分|"
                     r"本站(?:文档|信息|内容|资料)|如有侵权|www\.|https?://")
# A page number printed on every page of a PDF or Word file (— 3 —, - 3 -, 第 3 页 共 12 页): a
# line of its own, never a sentence.
PAGE_NUMBER = re.compile(r"^(?:[-－—–~]+\s*\d{1,4}\s*[-－—–~]+|第\s*\d{1,4}\s*页(?:\s*[,，/／、]?\s*共\s*\d{1,4}\s*页)?"
                         r"|共\s*\d{1,4}\s*页\s*[,，/／、]?\s*第\s*\d{1,4}\s*页)$")
# A file's name (…年度报告.docx): a document-sharing page's heading, never a report's title.
FILE_NAME = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|ofd|txt|pptx?|zip|rar)\s*$", re.I)
ATTACHMENT = re.compile(r"^附件(?:下载)?\s*\d*\s*[:：]|\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)\s*$", re.I)
CLOSING = re.compile(r"^[（(]?\s*此件(?:公开发布|主动公开|依申请公开|不公开|公开)\s*[）)]?$|^[（(]此页无正文[）)]$")
DOC_NUMBER = re.compile(
    rf"^(?:文号\s*[:：]?\s*)?([{HAN}]{{1,16}}\s*[〔［\[（(【]\s*(?:19|20)\d{{2}}\s*[〕］\]）)】]\s*(?:第\s*)?\d{{1,4}}\s*号)$"
)
ADDRESSEE = re.compile(rf"^([{HAN}（）()、，,\s]{{2,60}})[:：]$")
ADDRESSEE_END = re.compile(r"(?:委|府|院|厅|局|室|部|办|会|处|所|队|门|站|组|单位|公署|委员会|党组|同志们)$")
HEADING = re.compile(rf"^(?:第[{CN_NUM}百]{{1,3}}部分|[{CN_NUM}]{{1,3}}、|[（(][{CN_NUM}]{{1,3}}[)）]|\d{{1,2}}\s*[.．、](?!\d)|[（(]\d{{1,2}}[)）])")

# Key-value lines. Publication keys describe the page; index keys the document.
SOURCE_KEYS = ("来源", "信息来源", "文章来源", "稿件来源", "出处")  # a line's source (SOURCE_THEN_DATE reads its value)
PUB_KEYS = (r"上传人|上传者|上传时间|文档页数|文档格式|文档大小|下载次数|下载|效力|时效性|发布日期|发布时间|发稿时间|更新时间|更新日期|发文时间|发表时间|上传时间|"
            r"发布单位|发布部门|发稿单位|发布|日期|时间|责任编辑|编辑|审核|校对|"
            + "|".join(sorted(SOURCE_KEYS, key=len, reverse=True)) +  # the same keys, longest first
            r"|作者|撰稿|供稿|阅读次数|阅读量|阅读|浏览次数|浏览量|浏览|"
            r"点击数|点击量|点击率|点击|访问量|访问次数|文章浏览量|次数|分类|栏目|字号|字体")
INDEX_KEYS = (r"索\s*引\s*号|主题分类|主题词|体裁分类|服务对象分类|组配分类|分\s*类|发布机构|发文机关|发文单位|"
              r"公开方式|公开范围|公开时限|公开形式|有\s*效\s*性|发文字号|文\s*号|成文日期|发文日期|生成日期|"
              r"印发日期|实施日期|废止日期|发布日期|名\s*称|标\s*题|内容概述|摘\s*要|所属机构|信息类别|公开类别|来\s*源|关\s*键\s*词|责任部门")
# Any key of the shape …日期 / …时间 (信息提供日期, 公文生成日期) is a date key: its value shows what it is;
# in a table row the cells stand for the colon (发布时间 | 2024-02-28 |).
DATE_KEY_SHAPE = r"[\u4e00-\u9fff]{1,6}(?:日期|时间)(?=\s*[:：|｜]\s*(?:19|20)\d{2}\s*[-年/.])"
PUB_KV = re.compile(rf"(?:^|[\s|｜【\[]|(?<=\d))[【\[]?\s*({PUB_KEYS}|{DATE_KEY_SHAPE})\s*[】\]]?\s*[:：]")
# In an index block whose keys go without colons (索 引 号 … 发文时间 2023-03-14), a date key
# is known by the date after it.
DATE_KEY_BARE = r"[\u4e00-\u9fff]{1,6}(?:日期|时间)(?=\s+(?:19|20)\d{2}\s*[-年/.])"
INDEX_KV = re.compile(rf"(?:^|[\s|｜\[【•·/／])[【\[]?\s*({INDEX_KEYS}|{DATE_KEY_SHAPE}|{DATE_KEY_BARE})\s*[】\]]?\s*[:：|｜]?")
STRONG_INDEX = re.compile(r"索\s*引\s*号|主题分类|体裁分类|发布机构|发文机关|发文字号|成文日期|生成日期|有\s*效\s*性|主题词|内容概述|公开方式")
DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
CN_DATE = re.compile(rf"([{CN_NUM}]{{4}})\s*年\s*([{CN_NUM}]{{1,3}})\s*月\s*([{CN_NUM}]{{1,3}})\s*日")
DATE_LINE = re.compile(
    rf"^(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{CN_NUM}]{{4}}\s*年\s*[{CN_NUM}]{{1,3}}\s*月\s*[{CN_NUM}]{{1,3}}\s*日"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)$"
)
SIGNED_ON_ONE_LINE = re.compile(r"^(\S.*?)\s+((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")
DATETIME_OFFICE = re.compile(
    rf"^(?:(?:19|20)\d{{2}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?|(?:19|20)\d{{2}}年\d{{1,2}}月\d{{1,2}}日"
    rf"(?:\s*\d{{1,2}}[:时]\d{{2}}分?)?)\s*[|｜]?\s*(?:来源\s*[:：])?\s*([{HAN}]{{2,24}})?$"
)
OFFICE_DATE = re.compile(rf"^([{HAN}]{{2,24}})\s+((?:19|20)\d{{2}}\s*[-年/.]\s*\d{{1,2}}\s*[-月/.]\s*\d{{1,2}}日?)$")
BULLET = re.compile(r"^[•·●◆■□▪\-*>]+\s*")
SPAM = re.compile(r"^[^\s，。]{2,}(?:_[^\s，。]{2,}){2,}$")  # 澳门…官网_…平台_…: keyword-stuffed header
LONE = re.compile(r"^[?？□\-—_=*.·…\s]+$")

# --- the report's title -------------------------------------------------------------
NAMES_REPORT = re.compile(
    r"法治政府建设|法治建设|依法行政|法治政府|依法治[省市县区州旗镇乡]|法治[省市县区镇]建设|行政执法工作|法治工作|依法治理|"
    # A department's own rule-of-law report: 法治税务建设, 法治财政建设, 法治公安建设.
    rf"法治[{HAN}]{{2}}建设")
TITLE_END = re.compile(r"(?:报告|情况|总结|汇报|要点|年报)(?:[(（][^()（）]{1,12}[)）])?$")
REPORT_WORD = re.compile(r"报告|情况|总结|汇报|年报")
# Not a title: a sentence that reports (现将…情况报告如下：) or cites its ground (根据…).
SENTENCE_LIKE = re.compile(r"如下|^现[将就把]|^根据|^按照|[：:]$")
# A key of an index block left in front of its value: 标 题：…, 名  称：…
TITLE_KEY = re.compile(r"^(?:标\s*题|名\s*称|题\s*名|文件名称|信息名称|文章标题)\s*[:：]\s*")
# A date printed after a headline: …的报告（2019年5月21日）
TITLE_DATE = re.compile(
    rf"\s*[（(]\s*((?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{CN_NUM}]{{4}}\s*年\s*[{CN_NUM}]{{1,3}}\s*月\s*[{CN_NUM}]{{1,3}}\s*日"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})\s*[)）]\s*$")
WRAPPER = re.compile(r"^(.*?)关于(?:(?:印发|转发|公布|公开|报送)\s*[《〈]?(.+?)[》〉]?\s*的通知"
                     r"|(?:报送|呈报|上报)\s*[《〈](.+?)[》〉]\s*的(?:报告|函))$")
EXPLAINED = re.compile(r"[《〈](.+?)[》〉](?:的)?(?:政策|文字|图文|图片|视频|文件)?解读$|^(?:关于)?(.+?)(?:的)?(?:政策|文字|图文|文件)?解读$")
TAG_PREFIX = re.compile(r"^(?:【[^】]{1,30}】|\[[^\]]{1,30}\])\s*")
# A headline tagged with its document's number: [某政发〔2026〕7号]…. Only in a tag: a number glued
# on may be one the title cites (关于某政发〔2023〕5号文件贯彻落实情况的报告).
TITLE_DOC_NUMBER = re.compile(
    rf"^[【\[［]\s*([{HAN}]{{1,12}}\s*[〔［\[（(]\s*(?:19|20)\d{{2}}\s*[〕］\]）)]\s*(?:第\s*)?\d{{1,4}}\s*号)\s*[】\]］]\s*(?=[{HAN}《〈])")
SUFFIX_SEP = re.compile(r"\s*(?:_|\||｜|\s-\s|--|——|—|–|-)\s*")
TITLE_MAX = 100


def chrome_reason(text: str) -> str | None:
    """Why a whole line is site chrome, judged by its shape alone; None if it is not."""
    bare = BULLET.sub("", text).strip()
    if not bare:
        return "空行"
    if LONE.match(bare):
        return "孤立符号"
    if len(bare) > 160:
        return None
    if _only_controls(bare):
        return "页面按钮（打印、关闭、字号等）"
    if SHARE.match(bare):
        return "分享按钮"
    if BREADCRUMB_LEAD.match(bare) and _sentence_free(bare):
        return "导航路径（当前位置）"
    if _is_navigation(bare) and not is_heading(bare):
        return "导航栏或导航路径"
    if WEEKDAY.search(bare) and (DATE.search(bare) or CN_DATE.search(bare)) and _sentence_free(bare):
        return "带星期的日期横幅"
    if FOOTER.search(bare) and _sentence_free(bare, loose=True):
        return FOOTER_REASON
    if RELATED.match(bare) and len(bare) <= 60:
        return "相关链接"
    if SHARING.search(bare) and len(bare) <= 80 and publication_fields(bare) is None:
        return "文档分享网站的提示或网址"
    if PREV_NEXT.match(bare):
        return "上一篇、下一篇链接"
    if PAGE_INFO.match(bare) and len(bare) <= 120 and not _dated_byline(bare):
        return "页面附注（链接、编辑、关键词、转载说明）"
    if SPAM.match(bare):
        return "关键词堆砌的垃圾标题"
    return None


FOOTER_REASON = "网站页脚（主办、备案号、版权）"


def _dated_byline(text: str) -> bool:
    """A byline that opens with its editor (责任编辑：某 来源：某 发布日期：2024-03-27) and
    gives a date under a date key: the page's publication line, not a page note."""
    fields = publication_fields(text) or {}
    return any(re.search(DATE_KEYS, key) and iso_date(value) for key, value in fields.items())


def _only_controls(text: str) -> bool:
    tokens = [t for t in CONTROL_SPLIT.split(text) if t]
    return bool(tokens) and all(t in CONTROLS for t in tokens)


def _sentence_free(text: str, loose: bool = False) -> bool:
    """No sentence punctuation: chrome is made of labels, not sentences."""
    if "。" in text:
        return False
    return loose or text.count("，") <= 1


def _is_navigation(text: str) -> bool:
    parts = [p for p in NAV_SEP.split(text) if p]
    seps = len(NAV_SEP.findall(text))
    if len(parts) < 2 or not _sentence_free(text) or "：" in text or ":" in text:
        return False
    if sum(1 for p in parts if re.search(f"[{HAN}]", p)) < 2 or any(re.fullmatch(r"[\d\s:：.]+", p) for p in parts):
        return False
    short = all(len(p) <= 14 and not re.search(r"\d{4}年", p) for p in parts)
    home = any(p in ("首页", "网站首页", "主页", "正文", "首頁") for p in parts)
    return short and (seps >= 2 or home)


def publication_fields(text: str) -> dict[str, str] | None:
    """Fields of a publication line (发布时间 / 来源 / 作者 / 浏览次数 …), or None."""
    bare = BULLET.sub("", text).strip()
    if len(bare) > 160 or "。" in bare:
        return None
    # The site's name and address in front: 某市人民政府网 www.… 2024-02-19 来源：…
    if m := SITE_ADDRESS.match(bare):
        bare = bare[m.end():]
    # The navigation path in front, its last step run into a date key: 首页 > 信息公开 > 某栏目日期:2025-02-28
    elif m := CRUMBS_THEN_DATE.match(bare):
        bare = bare[m.end():]
    keys = list(PUB_KV.finditer(bare))
    # A date key without its colon among keys with one: 来源:某局 作者: 发布时间 2025年09月05日
    keys = sorted(keys + [b for b in BARE_DATE_KV.finditer(bare) if not any(k.start() <= b.start() < k.end() for k in keys)],
                  key=lambda k: k.start()) if keys else _bare_keys(bare)
    if keys:
        before = bare[: keys[0].start()].strip(" 【[|｜")
        if before and not DATE.fullmatch(before.split()[-1] if before.split() else before) and not DATE.search(before):
            return None
        fields: dict[str, str] = {}
        if before:
            fields["日期"] = before
        for k, nxt in zip(keys, keys[1:] + [None]):
            value = bare[k.end(): nxt.start() if nxt else len(bare)].strip(" |｜【】[]")
            fields[re.sub(r"\s", "", k.group(1))] = value
        if any(len(v) > 40 for v in fields.values()):
            return None
        if not any(re.search(DATE_KEYS, key) for key in fields):
            # 来源：某厅　2024-02-26 11:05: the time printed after the source, without its key.
            for key in SOURCE_KEYS:
                if (printed := fields.get(key)) and (m := SOURCE_THEN_DATE.match(printed)):
                    fields[key], fields["日期"] = m.group(1), m.group(2)
                    break
        return fields
    m = DATETIME_OFFICE.match(bare)
    if m:
        return {"日期": bare, **({"来源": m.group(1)} if m.group(1) else {})}
    m = OFFICE_DATE.match(bare)
    if m and parse_org(m.group(1)):
        return {"日期": m.group(2), "来源": m.group(1)}
    return None


SITE_ADDRESS = re.compile(rf"^(?:[{HAN}]{{2,30}}\s*)?(?:https?://|www\.)[\w./:-]+\s+(?=(?:19|20)\d{{2}}\s*[-年/.])")
DATE_KEYS = r"发布日期|发布时间|发稿时间|更新时间|更新日期|发文时间|发表时间|日期|时间"
CRUMBS_THEN_DATE = re.compile(
    rf"^(?:[{HAN}\w（）()]{{1,20}}\s*[>＞»]\s*){{2,}}[{HAN}\w（）()]{{1,30}}?(?=(?:{DATE_KEYS})\s*[:：]\s*(?:19|20)\d{{2}}\s*[-年/.])")
BARE_DATE_KV = re.compile(rf"(?:^|(?<=\s))({DATE_KEYS})(?=\s+(?:19|20)\d{{2}}\s*[-年/.])")
BARE_KV = re.compile(rf"(?:^|(?<=\s))({PUB_KEYS})(?=\s+\S)")
SOURCE_THEN_DATE = re.compile(
    rf"^([{HAN}（）()]{{2,30}})\s+((?:19|20)\d{{2}}\s*[-年/.]\s*\d{{1,2}}\s*[-月/.]\s*\d{{1,2}}日?)(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$")


def _bare_keys(text: str) -> list[re.Match[str]]:
    """Publication keys written without colons (发布时间 2024-03-01　来源 某局):
    only on a line that opens with a date key followed by a date."""
    if not re.match(rf"^(?:{DATE_KEYS})\s+(?:19|20)\d{{2}}\s*[-年/.]", text):
        return []
    return list(BARE_KV.finditer(text))


UNKNOWN_LEAD = re.compile(r"([\u4e00-\u9fff]{2,6})\s+([^\s。，,；;:：]{1,20})")


def index_fields(text: str, carried: str | None = None) -> dict[str, str] | None:
    """Fields of an index-block line (索引号 … 发布机构 … 成文日期 …), or None.

    `carried` is a key that ended the line above with no value: a block broken
    across lines puts that key's value first on this line
    (发文机关： / 某县教育局 发文日期：2025-02-25 - 名称： / 某局2024年…报告 - 文号：)."""
    bare = BULLET.sub("", text).strip().strip("|｜ ")
    if len(bare) > 200 or "。" in bare:
        return None
    keys = [k for k in INDEX_KV.finditer(bare)]
    lead = bare[: keys[0].start()].strip(" [【|｜•·-") if keys else ""
    # A key the index keys do not know, with its value, opening a row of keys without
    # colons (公开目录 其他 发布日期 2026-03-13).
    unknown = UNKNOWN_LEAD.fullmatch(lead) if lead and not carried and keys and keys[0].group(0)[:1].isspace() else None
    if lead and not carried and keys and keys[0].group(0)[:1] in "/／" and re.fullmatch(rf"[{HAN}]{{1,6}}", lead):
        # Two keys in one (备注/文号： 某委〔2025〕5号): the known one names the value.
        lead = ""
    if not keys or lead and not carried and not unknown:
        return None
    fields: dict[str, str] = {carried: lead} if lead and carried else {}
    if unknown:
        fields[unknown.group(1)] = unknown.group(2)
    for k, nxt in zip(keys, keys[1:] + [None]):
        fields[re.sub(r"\s", "", k.group(1))] = _index_value_text(bare[k.end(): nxt.start() if nxt else len(bare)])
    return fields


def _index_value_text(value: str) -> str:
    """A value without the separators around it; a bracket that opens the value
    and closes in it ([某政发〔2026〕7号]某市人民政府关于…) is part of it."""
    value = value.strip(" |｜：:-")
    if not (value.startswith("[") and "]" in value or value.startswith("【") and "】" in value):
        value = value.lstrip("【[")
    if not (value.endswith("]") and "[" in value or value.endswith("】") and "【" in value):
        value = value.rstrip("】]")
    return value.strip(" |｜：:-")


def _open_key(fields: dict[str, str] | None) -> str | None:
    """The key a line of an index block ends with when its value is not on the line."""
    if not fields:
        return None
    last = next(reversed(fields))
    return last if not fields[last] else None


def index_block_fields(texts: list[str], block: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each index-block line's fields, a value carried over from the key that ends the line above."""
    found: dict[int, dict[str, str]] = {}
    carried: str | None = None
    for i in sorted(block):
        f = index_fields(texts[i], carried if (i - 1) in found else None)
        if f is not None:
            found[i] = f
        carried = _open_key(f)
    return found


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    m = DATE.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = CN_DATE.search(text)
        if not m:
            return None
        y = int("".join(str(CN_DIGITS[c]) for c in m.group(1)))
        mo, d = cn_number(m.group(2)), cn_number(m.group(3))
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "十": 1}


def cn_number(text: str) -> int:
    digits = CN_DIGITS
    if "十" in text:
        tens, _, units = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)
    return digits.get(text, 0)


def is_prose(text: str) -> bool:
    """Body-like: sentences, not labels."""
    bare = text.strip()
    han = len(re.findall(f"[{HAN}]", bare))
    return han >= 8 and bool(re.search(r"[，。；,;]|[：:](?!\s*$)", bare)) and len(bare) >= 10


def is_heading(text: str) -> bool:
    return bool(HEADING.match(text.strip()))


# --- titles ---------------------------------------------------------------------------

def trim_title(text: str) -> str | None:
    """The report title a line carries once breadcrumbs, banners, tags, site
    suffixes and glued buttons are cut away; None when it names no report."""
    t = TITLE_KEY.sub("", BULLET.sub("", text).strip())
    if "。" in t or t.count("，") > 1 or not NAMES_REPORT.search(t) or SENTENCE_LIKE.search(t):
        return None
    # A weekday banner glued in front: 天津市…人民政府 2019年12月3日星期二静海区…报告
    if m := re.search(r"星期[一二三四五六日天]\s*", t):
        t = t[m.end():]
    # A breadcrumb glued in front: 您当前的位置：首页> … > 部门文件嘉善县司法局2021年度…
    # Its last item is a title only when it carries a year or opens with a body's name.
    if BREADCRUMB_LEAD.match(t) or len(re.findall(r"[>»›→]", t)) >= 1:
        t = re.split(r"[>»›→]", t)[-1].strip()
        t = _after_crumb_word(t)
        if not re.search(rf"(?:{YEAR_TEXT})\s*年|^中共|^关于", t):
            from generator.read.orgs import split_place

            if not split_place(t)[0]:
                return None
    t = TAG_PREFIX.sub("", t)
    # A document number glued before the title: 永政办〔2024〕5号《…的报告》. Not one the title
    # cites (关于某政办〔2022〕12号文件落实情况…的报告): a number after a preposition or before
    # 文件/精神 is the title's object, and cutting it left a title with no subject.
    t = re.sub(rf"^(?!关于|根据|按照|依据|贯彻|落实|对)[{HAN}]{{1,12}}[〔［\[（(]\s*(?:19|20)\d{{2}}\s*[〕］\]）)]"
               rf"\s*\d{{1,4}}\s*号(?!文件|精神|要求|的|和|及|、)\s*", "", t)
    if re.fullmatch(r"[《〈].+[》〉]", t):
        t = t[1:-1]
    if FILE_NAME.search(t):
        return None
    # A publication line or buttons glued after the title.
    if m := re.search(r"\s*(?:发布时间|发布日期|来源|信息来源|作者|浏览|阅读|点击|朗读|打印|字号|分享|收藏)\s*[:：]?", t):
        if m.start() > 6 and REPORT_WORD.search(t[: m.start()]):
            t = t[: m.start()]
    # A site name or spam after a separator: …报告_长汀县人民政府门户网站, …报告 - 凯里市人民政府
    for m in SUFFIX_SEP.finditer(t):
        head = t[: m.start()].strip()
        if TITLE_END.search(head) or head.endswith(("通知", "解读")):
            t = head
            break
    t = TITLE_DATE.sub("", _undouble(t.strip()))
    # A space typed around a year's digits is no part of the title: 关于 2022年, 某县 2025 年度
    t = re.sub(rf"(?<=[{HAN}])\s+(?=\d)|(?<=\d)\s+(?=[{HAN}])", "", t)
    if not t or len(t) > TITLE_MAX or not NAMES_REPORT.search(t):
        return None
    if not (REPORT_WORD.search(t) or t.endswith("解读")):
        return None
    return t


def _after_crumb_word(t: str) -> str:
    """部门文件嘉善县司法局2021年度… -> 嘉善县司法局2021年度…: a breadcrumb's last
    item runs straight into the title; the title starts at its first place name,
    中共, 关于 or year."""
    from generator.read.orgs import split_place

    for i in range(0, min(10, len(t))):
        rest = t[i:]
        if re.match(rf"中共|关于|(?:{YEAR_TEXT})年", rest) or split_place(rest)[0]:
            return rest
    return t


def _undouble(t: str) -> str:
    """A title printed twice in one line is kept once: X X or XX."""
    m = re.fullmatch(r"(.{6,}?)\s*\1", t)
    return m.group(1) if m else t


def _explained(title: str) -> str | None:
    if not title.endswith("解读"):
        return None
    m = EXPLAINED.search(title)
    if not m:
        return None
    inner = (m.group(1) or m.group(2) or "").strip("《》〈〉 ")
    return inner if NAMES_REPORT.search(inner) and REPORT_WORD.search(inner) else None


def _key(title: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"'（）()]", "", title)


# --- the page ---------------------------------------------------------------------------

@dataclass
class _Reading:
    """Working state of one page while its lines are given roles."""

    lines: tuple[Line, ...]
    roles: list[Role | None] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def set(self, i: int, role: Role, reason: str) -> None:
        self.roles[i] = role
        self.reasons[i] = reason


def segment(lines: tuple[Line, ...]) -> Page:
    """Give every line of the page a role (see the module's docstring)."""
    texts = [line.text for line in lines]
    r = _Reading(lines, [None] * len(lines), [""] * len(lines))
    b = _bounds(texts)
    _mark_top(r, texts, b)
    title = _with_org_lines(r, texts, b)
    inside = _mark_body(r, texts, b)
    signature = _mark_bottom(r, texts, b)
    page_lines = tuple(PageLine(line.number, line.text, role or "chrome", reason)
                       for line, role, reason in zip(lines, r.roles, r.reasons))
    return Page(page_lines, _facts(page_lines, title, b.title_kind, signature), _diagnostics(page_lines, inside))


@dataclass(frozen=True)
class _Bounds:
    """Where the parts of the page are: the index block, the title's printings,
    the body's first and last lines and the tail (related links, or what
    follows the footer)."""

    index_block: frozenset[int]
    title: str | None
    title_kind: str
    title_at: tuple[int, ...]
    body_start: int
    body_end: int
    tail_from: int
    tail_reason: str

    @property
    def wrapper_span(self) -> range:
        return _wrapper_span(self.title_at) if self.title_kind == "wrapper" else range(0)


def _bounds(texts: list[str]) -> _Bounds:
    n = len(texts)
    first_heading = next((i for i, t in enumerate(texts) if is_heading(t) and not chrome_reason(t)), n)
    top = min(first_heading, 60)
    index_block = _index_lines(texts, top)
    title, title_kind, title_at = _find_title(texts, top, index_block)
    body_start = _body_start(texts, max(title_at) + 1 if title_at else 0, index_block)
    related_from = _related_tail(texts, body_start)
    tail_from = min(related_from, _footer_tail(texts, body_start))
    # The body ends at its last line with no frame shape: a short last
    # paragraph is kept; the signature, closing, attachments and footer follow.
    body_end = next((i for i in range(tail_from - 1, body_start - 1, -1) if _plain(texts[i])), body_start - 1)
    return _Bounds(frozenset(index_block), title, title_kind, tuple(title_at), body_start, body_end, tail_from,
                   "相关链接列表" if related_from == tail_from else "页尾杂项（页脚之后的网站文字）")


def _body_start(texts: list[str], start_from: int, index_block: set[int]) -> int:
    """The body starts after the last printing of the title above the first heading."""
    n = len(texts)
    found = next((i for i in range(start_from, n) if i not in index_block and _starts_body(texts[i])), None)
    if found is None:
        # No line reads as prose (a very short text): every line that has no
        # frame shape is body, so nothing is lost.
        found = next((i for i in range(start_from, n) if i not in index_block and _plain(texts[i])), n)
    return found


def _mark_top(r: _Reading, texts: list[str], b: _Bounds) -> None:
    """The frame above the body: chrome, title, index block, publication line,
    document number, addressee, a wrapper's notice."""
    title_at, wrapper = b.title_at, b.wrapper_span
    split = {j for i in range(0, min(b.body_start, len(texts)))
             for j in range(i, i + (split_date(texts[i:b.body_start]) or ("", 0))[1])}
    for i in range(0, min(b.body_start, len(texts))):
        t = texts[i]
        if i in title_at:
            r.set(i, "title", "标题")
        elif i in wrapper and min(title_at) < i and chrome_reason(t) is None and publication_fields(t) is None:
            # The page's publication line under the wrapper's headline is the page's, not the notice's.
            r.set(i, "notice", "印发通知（不属于报告本身）")
        elif i in b.index_block:
            r.set(i, "index", "信息公开索引（索引号、发布机构、成文日期等）")
        elif (why := chrome_reason(t)) is not None:
            r.set(i, "chrome", why)
        elif title_at and i > max(title_at) and dateline(t):
            r.set(i, "publication", DATELINE)
        elif i in split:
            r.set(i, "publication", SPLIT_DATE)
        elif publication_fields(t) is not None:
            r.set(i, "publication", "发布信息（发布时间、来源、浏览次数等）")
        elif i in wrapper and (i >= min(title_at) - 2 or DOC_NUMBER.match(t) or org_names(t)):
            r.set(i, "notice", "印发通知（不属于报告本身）")
        elif DOC_NUMBER.match(t):
            r.set(i, "doc_number", "发文字号")
        elif _is_addressee(t):
            r.set(i, "addressee", "主送机关")
        elif CLOSING.match(t):
            r.set(i, "closing", "公开属性")
        else:
            r.set(i, "chrome", "页首杂项（标题之前的网站文字）" if i < (min(title_at) if title_at else b.body_start)
                  else "页首杂项（标题与正文之间）")


DATELINE = "标题下的日期（成文日期）"
SPLIT_DATE = "发布时间（年份、月日、时刻分行印出）"
# A page's publication time printed as a calendar leaf, one part a line: 2024 / 04/07 / 19:20.
SPLIT_YEAR = re.compile(r"(?:19|20)\d{2}")
SPLIT_MONTH_DAY = re.compile(r"(\d{1,2})\s*[/／.\-]\s*(\d{1,2})")
SPLIT_TIME = re.compile(r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?")


def split_date(texts: list[str]) -> tuple[str, int] | None:
    """The ISO date of a publication time whose year and month/day stand on lines of their
    own at the head of ``texts`` (2024 / 04/07, a time of day on the third line or not), and
    how many lines it takes; None for anything else (a bare year alone is no date)."""
    if len(texts) < 2 or not SPLIT_YEAR.fullmatch(texts[0].strip()) \
            or not (m := SPLIT_MONTH_DAY.fullmatch(texts[1].strip())):
        return None
    iso = iso_date(f"{texts[0].strip()}-{m.group(1)}-{m.group(2)}")
    if iso is None:
        return None
    return iso, 3 if len(texts) > 2 and SPLIT_TIME.fullmatch(texts[2].strip()) else 2


def dateline(text: str) -> str | None:
    """The ISO date of a line that is only a document's date, bare or in
    brackets (2023年2月15日, （二〇二三年二月十五日）); None for anything else,
    a publication time stamp included."""
    bare = re.sub(r"^[（(]\s*|\s*[)）]$", "", text.strip())
    if re.fullmatch(rf"(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[{CN_NUM}]{{4}}\s*年\s*[{CN_NUM}]{{1,3}}\s*月\s*[{CN_NUM}]{{1,3}}\s*日", bare):
        return iso_date(bare)
    return None


def _with_org_lines(r: _Reading, texts: list[str], b: _Bounds) -> str | None:
    """Organisation lines just above a 关于… title belong to it:
    中共某镇委员会 / 某镇人民政府 / 关于2022年度…报告. Returns the whole title."""
    title = b.title
    if b.title_at and title and b.title_kind != "wrapper" and re.match(YEAR_TEXT, title):
        # A title naming no body (2021年法治政府建设工作情况报告), printed again as the document's
        # own head below the page's, under its issuer's line (某区某镇人民政府 / 2021年…报告).
        for i in range(max(b.title_at) + 1, min(b.body_start, len(texts))):
            if re.sub(r"\s", "", texts[i]) == re.sub(r"\s", "", title) and i > 0 \
                    and r.roles[i - 1] == "chrome" and (names := org_names(texts[i - 1])):
                r.set(i - 1, "title", "标题（发文机关行）")
                r.set(i, "title", "标题")
                return " ".join(names) + title
        return title
    if not (b.title_at and title and "关于" in title and b.title_kind != "wrapper"):
        return title
    j = min(b.title_at) - 1
    lead: list[str] = []
    while j >= 0 and (names := org_names(texts[j])) and r.roles[j] in ("chrome", "title"):
        lead[:0] = names
        r.set(j, "title", "标题（发文机关行）")
        j -= 1
    return " ".join(lead) + title if lead else title


def _mark_body(r: _Reading, texts: list[str], b: _Bounds) -> int:
    """The body; returns how many lines inside it were removed as chrome."""
    inside = 0
    for i in range(b.body_start, b.body_end + 1):
        why = chrome_reason(texts[i])
        if why and why not in ("空行", "孤立符号"):
            r.set(i, "chrome", why)
            inside += 1
        else:  # a line of symbols inside the body stays: it is the publisher's text
            r.set(i, "body", "")
    return inside


def _mark_bottom(r: _Reading, texts: list[str], b: _Bounds) -> dict[str, object]:
    """The frame below the body: signature, date, closing, attachments, footer.
    Returns what the signature says (signers, signed)."""
    signers: list[str] = []
    signed = None
    for i in range(max(b.body_end + 1, b.body_start), len(texts)):
        t = texts[i].strip(" □?？")  # a signature line may carry lost-character marks
        if i >= b.tail_from:
            r.set(i, "chrome", chrome_reason(t) or b.tail_reason)
        elif (why := chrome_reason(t)) is not None:
            r.set(i, "chrome", why)
        elif CLOSING.match(t):
            r.set(i, "closing", "公开属性")
        elif ATTACHMENT.search(t):
            r.set(i, "attachment", "附件")
        elif (names := org_names(t)) and not signed:
            signers.extend(names)
            r.set(i, "signature", "落款（发文机关）")
        elif DATE_LINE.match(t.strip(" □?")) and not signed and (iso := iso_date(t)):
            signed = iso
            r.set(i, "signature", "落款（成文日期）")
        elif not signed and not signers and (m := SIGNED_ON_ONE_LINE.match(t)) \
                and (names := org_names(m.group(1))) and DATE_LINE.match(m.group(2)) and (iso := iso_date(m.group(2))) \
                and _agrees(names, texts[b.body_start:b.body_end + 1]):
            # 某县司法局 2024年1月10日: the signature and its date on one line.
            signers.extend(names)
            signed = iso
            r.set(i, "signature", "落款（发文机关、成文日期）")
        elif publication_fields(t) is not None:
            r.set(i, "publication", "发布信息（发布时间、来源、浏览次数等）")
        else:
            r.set(i, "chrome", "页尾杂项（落款之后的网站文字）")
    found: dict[str, object] = {}
    if signers:
        found["signers"] = tuple(signers)
    if signed:
        found["signed"] = signed
    return found


# The body's word for itself: 我镇 a town, 我局 a department, 我县 a government above a town.
OWN_WORD = re.compile(r"我(?:(镇|乡|街道)|(局|委|办|厅|署|中心)|(县|区|旗|市|州|盟|省))")


def _agrees(names: list[str], body: list[str]) -> bool:
    """Whether a signer written with its date on one line is of the level the body calls itself
    (我镇 under a 某县司法局 line: the line is the site's, where the town's report was posted).
    The word the body uses most decides (a bureau's 我局 beside its 为我县…); a body with no such
    word accepts any signer."""
    words = Counter("town" if m.group(1) else "department" if m.group(2) else "government"
                    for m in OWN_WORD.finditer("\n".join(body)))
    if not words:
        return True
    own = words.most_common(1)[0][0]
    for name in names:
        org = parse_org(name)
        if org is None:
            return False
        level = "department" if org.kind == "department" else "town" if org.place and org.place.town else "government"
        if level != own:
            return False
    return True


def _diagnostics(page_lines: tuple[PageLine, ...], inside: int) -> tuple[Diagnostic, ...]:
    found: list[Diagnostic] = []
    if any(p.role != "body" for p in page_lines):
        found.append(Diagnostic("frame", "页面框架行（网站杂项、标题、发布信息、落款等）与正文分开，见清洗记录",
                                sum(1 for p in page_lines if p.role != "body")))
    if inside:
        found.append(Diagnostic("chrome-inside-body", "正文中间删除了形似网站杂项的行，请核对清洗记录", inside, "warning"))
    return tuple(found)


def _plain(text: str) -> bool:
    """A line with no frame shape at all."""
    t = text.strip(" □?？")
    return not (chrome_reason(text) or publication_fields(text) is not None or DOC_NUMBER.match(text)
                or CLOSING.match(text) or ATTACHMENT.search(text) or DATE_LINE.match(t) or org_names(t)
                or PAGE_NUMBER.match(t))


def _starts_body(text: str) -> bool:
    if chrome_reason(text) or publication_fields(text) is not None or DOC_NUMBER.match(text):
        return False
    if _is_addressee(text) or CLOSING.match(text) or DATE_LINE.match(text) or ATTACHMENT.search(text):
        return False
    return is_prose(text) or is_heading(text) or bool(REPORTING_LINE.match(text.strip()))


# A report's reporting sentence standing alone at its start: 现将…情况报告如下：
REPORTING_LINE = re.compile(rf"^现[将就把][{HAN}\d\s“”（）()、]{{4,60}}(?:报告|汇报)如下\s*[：:。]?$")


def _is_addressee(text: str) -> bool:
    m = ADDRESSEE.match(text.strip())
    if not m or len(text) > 60:
        return False
    head = m.group(1).strip()
    if re.sub(r"\s", "", head) in CONTROLS or re.match(rf"^(?:{PUB_KEYS}|{INDEX_KEYS})$", re.sub(r"\s", "", head)):
        return False
    last = re.split(r"[、，,\s]+", head)[-1]
    return bool(ADDRESSEE_END.search(last))


def _find_title(texts: list[str], top: int, index_block: set[int]) -> tuple[str | None, str, list[int]]:
    """The report's title, its kind, and the lines where it is printed."""
    candidates: list[tuple[int, str]] = []
    block_fields = index_block_fields(texts, index_block)
    i = 0
    while i < top:
        t = texts[i]
        if chrome_reason(t) in ("导航栏或导航路径", "页面按钮（打印、关闭、字号等）", "相关链接", "上一篇、下一篇链接"):
            i += 1
            continue
        if i in index_block:
            fields = block_fields.get(i) or {"值": t}  # a value printed below its key
            for key in ("名称", "标题", "内容概述", "值"):
                if fields.get(key) and (trimmed := trim_title(fields[key])):
                    candidates.append((-1, trimmed))  # known, but not printed as a line
            i += 1
            continue
        joined = None
        # A title broken over two lines: …关于印发 / 《…》的通知, 赵县人民政府 / 2022年度…报告
        if i + 1 < top and not is_prose(t) and not is_prose(texts[i + 1]):
            pair = t + texts[i + 1]
            if trim_title(pair) and (t.endswith(("关于印发", "关于", "关于转发", "关于公布", "关于报送", "关于呈报", "关于上报"))
                                     # 某局关于2022年度 / 法治政府建设情况的报告: no title ends with its year
                                     or TITLE_YEAR_END.search(t) and ("关于" in t or org_names(t))
                                     or not trim_title(texts[i + 1]) and not trim_title(t)
                                     and (org_names(t) or NAMES_REPORT.search(t) and len(texts[i + 1]) <= 20)):
                joined = trim_title(pair)
            elif org_names(t) and trim_title(texts[i + 1]) and re.match(YEAR_TEXT, texts[i + 1]) \
                    and not texts[i + 1].startswith("关于"):
                joined = trim_title(pair)
        if joined:
            candidates.append((i, joined))
            candidates.append((i + 1, joined))
            i += 2
            continue
        if (trimmed := trim_title(t)) is not None:
            candidates.append((i, trimmed))
        i += 1
    if not candidates:
        return _glued_title(texts, top), "", []
    candidates = _without_crumb_column(_without_column_label(candidates), texts)
    title = candidates[0][1]
    kind = ""
    enclosed = None
    if m := WRAPPER.match(title):
        enclosed, kind = (m.group(2) or m.group(3)).strip("《》〈〉 "), "wrapper"
    elif (inner := _explained(title)) is not None:
        enclosed, kind = inner, "explanation"
    if enclosed:
        title = enclosed
    elif candidates[0][0] == -1:
        kind = "index"
        # The index block's 名称 is the title; it is usually printed too.
    key = _key(title)
    printed = [i for i, c in candidates if i >= 0 and (_key(c) == key or (kind and c == candidates[0][1]))]
    # A wrapper's or 解读's headline is printed as itself; a wrapper's enclosed
    # title printed again starts the report.
    return title, kind, printed


def _without_column_label(candidates: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A column's name printed above the title (法治政府建设年度报告 / 某厅2023年度…报告):
    a title-like line that names neither a year nor a body, followed within two lines
    by one that names its year, is the site's label, not the report's title."""
    from generator.read.orgs import split_place

    def dated(text: str) -> bool:
        return bool(re.search(rf"(?:{YEAR_TEXT})\s*年", text))

    first, rest = candidates[0], candidates[1:]
    if first[0] < 0 or dated(first[1]) or split_place(re.sub(r"^(?:中共|关于)", "", first[1]))[0] \
            or org_names(first[1]):
        return candidates
    following = [c for c in rest if 0 < c[0] - first[0] <= 2 and _key(c[1]) != _key(first[1])]
    if following and dated(following[0][1]):
        return rest
    return candidates


def _without_crumb_column(candidates: list[tuple[int, str]], texts: list[str]) -> list[tuple[int, str]]:
    """A breadcrumb's last item that names a column by its year (首页 > … > 2022年法治政府建设年度报告)
    is no title when a title line naming a body follows within four lines
    (重庆市某区2022年法治政府建设情况报告): the page's own headline wins over the
    column the site filed it under. A breadcrumb ending in a title that names its
    body (…> 部门文件某县司法局2021年度…) stays the title."""
    from generator.read.orgs import split_place

    def names_body(text: str) -> bool:
        return bool(split_place(re.sub(r"^(?:中共|关于)", "", text))[0] or org_names(text))

    first, rest = candidates[0], candidates[1:]
    if first[0] < 0 or names_body(first[1]):
        return candidates
    line = texts[first[0]].strip()
    if not (BREADCRUMB_LEAD.match(line) or len(re.findall(r"[>»›→]", line)) >= 2):
        return candidates
    following = [c for c in rest if 0 < c[0] - first[0] <= 4 and _key(c[1]) != _key(first[1])]
    if following and names_body(following[0][1]):
        return [c for c in candidates if c[0] != first[0]]
    return candidates


TITLE_YEAR_END = re.compile(rf"(?:{YEAR_TEXT})\s*年度?$")
GLUED_OPENING = re.compile(rf"^(?:(?:{YEAR_TEXT})\s*年|在|根据|按照|近年来|一年来|过去一年|今年以来|我[局委办厅镇乡县区市省])")


SITE_IN_FRONT = re.compile(r"^\S{0,40}?(?:https?://|www\.)[A-Za-z0-9./_-]+")


def _glued_title(texts: list[str], top: int) -> str | None:
    """A title run straight into the first body sentence on one line
    (某县2023年…年度报告2023年，某县坚持…): the longest opening of the first
    prose line that is a title and is followed by a sentence's opening. The
    line stays body; only the title is read from it."""
    first = next((t for t in texts[: max(top, 1)] if is_prose(t) and not chrome_reason(t)), None)
    if first is None:
        return None
    head = re.split(r"[，。；,;]", first.strip(), maxsplit=1)[0]
    for m in reversed(list(re.finditer(r"(?:报告|情况|总结|年报)", head))):
        title, rest = head[: m.end()], first.strip()[m.end():]
        # A pasted page's site name and address in front (某某网—每日更新www.example.com某县…报告): no part of the title.
        title = SITE_IN_FRONT.sub("", title)
        if GLUED_OPENING.match(rest) and (trimmed := trim_title(title)) == re.sub(r"\s+", "", title):
            return trimmed
    return None


def _wrapper_span(title_at: tuple[int, ...]) -> range:
    """Lines of a 关于印发…的通知 wrapper: everything above the report's own
    title that is not the page's chrome (the notice's number, issuer, title,
    addressees, text, signature)."""
    if not title_at:
        return range(0)
    return range(0, max(title_at))


def _index_lines(texts: list[str], top: int) -> set[int]:
    """Lines of a key-value index block. A line with a strong key (索引号,
    发布机构, 成文日期 …) starts or extends one; lines with weaker keys (标题,
    名称, 发布日期) and values printed below their key (• 索引号： /
    1153…/2022-00011) belong to it only beside such lines."""
    found: set[int] = set()
    fields = [index_fields(t) if i < top else None for i, t in enumerate(texts)]
    carried_fields: dict[int, dict[str, str]] = {i: f for i, f in enumerate(fields) if f is not None}
    for i, f in enumerate(fields):
        if f is not None and (any(STRONG_INDEX.fullmatch(k) for k in f) or len(f) >= 2 and "发布日期" not in f):
            found.add(i)
    changed = True
    while changed:
        changed = False
        for i in range(top):
            if i in found:
                continue
            near = (i - 1) in found or (i + 1) in found
            if not near:
                continue
            f = fields[i]
            previous = fields[i - 1] if i else None
            value_below = (previous is not None and (i - 1) in found and all(not v for v in previous.values())
                           and len(texts[i]) <= 60 and not is_prose(texts[i]) and f is None
                           and chrome_reason(texts[i]) is None and any(_fits_key(k, texts[i]) for k in previous))
            # A key the index keys do not know, between two lines of the block: 信息名称类别：工作报告,
            # also in the block's list marks and with two keys in one (- 备注/文号： 某委〔2025〕5号).
            unknown_key = (f is None and (i - 1) in found and (i + 1) in found
                           and UNKNOWN_KEY_LINE.fullmatch(BULLET.sub("", texts[i].strip())) is not None)
            # The block broken across lines: the value of the key ending the line above, then more keys.
            key = _open_key(carried_fields.get(i - 1)) if (i - 1) in found else None
            g = index_fields(texts[i], key) if key and f is None else None
            carried = g is not None and len(g) >= 2
            if f is not None or value_below or unknown_key or carried:
                if g is not None:
                    carried_fields[i] = g
                found.add(i)
                changed = True
    return found


def _fits_key(key: str, text: str) -> bool:
    """Whether a line can be the value of an index key printed above it: a document
    number for 文号, a date for a date key, a code for 索引号. An organisation's
    name under an empty 文号 is no value: it is the first line of a title broken
    after its issuer (某县应急管理局 / 2025年法治政府建设报告)."""
    t = text.strip()
    if re.search(r"文号|字号", key):
        return bool(DOC_NUMBER.match(t)) or bool(re.search(r"[〔［\[]\s*(?:19|20)\d{2}|\d+\s*号$", t))
    if re.search(r"日期|时间", key):
        return iso_date(t) is not None
    if re.fullmatch(r"索\s*引\s*号", key):
        return bool(re.fullmatch(r"[0-9A-Za-z\-_/.\s]+", t))
    return True


UNKNOWN_KEY_LINE = re.compile(rf"[{HAN}\s]{{2,12}}(?:[/／][{HAN}\s]{{1,8}})?[:：]\s*[^，。；,;]{{0,40}}")


def _glued_publication(text: str) -> dict[str, str] | None:
    """The publication fields printed on a title's line after the title:
    某县2021年…年度报告发布时间：2022-02-25　来源：县司法局."""
    for m in re.finditer(rf"(?:{PUB_KEYS})\s*[:：]", text):
        if m.start() > 6 and TITLE_END.search(text[: m.start()].rstrip(" 【[|｜")):
            return publication_fields(text[m.start():].lstrip(" 【[|｜"))
    return None


def _footer_tail(texts: list[str], body_start: int) -> int:
    """Where the page's footer starts when nothing after it reads as the
    report (a stray 点击 or a counter below 主办/ICP备 is the frame);
    len(texts) when there is none."""
    n = len(texts)
    for i in range(body_start, n):
        if chrome_reason(texts[i]) == FOOTER_REASON:
            rest = texts[i + 1:]
            if not any(is_prose(t) or is_heading(t) or DATE_LINE.match(t.strip()) or org_names(t) for t in rest):
                return i
    return n


def _related_tail(texts: list[str], body_start: int) -> int:
    """Where a trailing list of related links starts (相关新闻 …, 相关推荐 …);
    len(texts) when there is none."""
    n = len(texts)
    for i in range(body_start, n):
        if RELATED.match(BULLET.sub("", texts[i])) and len(texts[i]) <= 60:
            rest = texts[i + 1:]
            if not any(is_heading(t) or (len(t) > 120 and "。" in t) for t in rest):
                return i
    return n


def _facts(lines: tuple[PageLine, ...], title: str | None, kind: str, found: dict[str, object]) -> Facts:
    values: dict[str, object] = {"title": title, "title_kind": kind}
    values.update({k: v for k, v in found.items() if k in ("signers", "signed")})
    crumbs: list[str] = []
    block_fields = index_block_fields([line.text for line in lines], [i for i, p in enumerate(lines) if p.role == "index"])
    for i, line in enumerate(lines):
        t = line.text
        if line.role == "title" and (m := TITLE_DATE.search(t)):
            values.setdefault("dated", iso_date(m.group(1)))
        if line.role == "title" and kind != "wrapper" and "doc_number" not in values \
                and (m := TITLE_DOC_NUMBER.match(t.strip())):
            # [某政发〔2026〕7号]某市人民政府关于…的报告: the report's own number tags its headline
            # (a wrapper's is the notice's).
            values["doc_number"] = m.group(1).replace(" ", "")
        if line.reason == DATELINE:
            values.setdefault("dated", dateline(t))
            continue
        if line.reason == SPLIT_DATE:
            if "published" not in values and (leaf := split_date([p.text for p in lines[i:i + 3]])):
                values["published"] = leaf[0]
            continue
        if line.role in ("publication", "title"):
            fields = (publication_fields(t) if line.role == "publication" else _glued_publication(t)) or {}
            for key, value in fields.items():
                if not value:
                    continue
                if re.search(r"日期|时间|发布|^日期$|^时间$", key) and "published" not in values \
                        and not key.startswith("上传"):  # a document-sharing site's upload time is not the report's
                    if (iso := iso_date(value)) is not None:
                        values["published"] = iso
                elif key in ("来源", "信息来源", "文章来源", "稿件来源", "出处", "供稿") and "source" not in values:
                    values["source"] = value.split()[0] if value.split() else value
                elif key in ("作者", "撰稿") and "author" not in values:
                    values["author"] = value.split()[0]
        elif line.role == "index":
            fields = block_fields.get(i, {})
            for key, value in fields.items():
                _index_value(values, key, value)
            # A value on the line below its key: • 发文字号： / 陆司发〔2022〕5号
            if fields and all(not v for v in fields.values()) and i + 1 < len(lines) and lines[i + 1].role == "index":
                _index_value(values, next(iter(fields)), lines[i + 1].text)
        elif line.role == "doc_number" and "doc_number" not in values:
            values["doc_number"] = DOC_NUMBER.match(t).group(1).replace(" ", "")  # type: ignore[union-attr]
        elif line.role == "addressee" and "addressee" not in values:
            values["addressee"] = t.rstrip("：:").strip()
        elif line.role == "chrome":
            bare = BULLET.sub("", t)
            if m := re.match(r"^(?:主办|主办单位)\s*[:：]\s*([^\s?□©]+)", bare):
                values.setdefault("host", m.group(1))
            if m := re.search(r"(?:^|\s)(?:地址|通讯地址|联系地址|单位地址)\s*[:：]\s*([^\s|｜?□©]+)", bare):
                values.setdefault("address", m.group(1))
            if "导航" in line.reason:
                parts = [p for p in NAV_SEP.split(BREADCRUMB_LEAD.sub("", bare)) if p]
                crumbs.extend(parts)
    values["crumbs"] = tuple(crumbs)
    values["banner"] = _banner(lines) or _title_site(lines)
    return Facts(**values)  # type: ignore[arg-type]


# Date keys of an index block: when the document was made, and when it holds (no date of the report).
WRITTEN_KEY = re.compile(r"(?:成文|生成|形成|发文|印发|签发|制发)(?:日期|时间)$")
VALIDITY_KEY = re.compile(r"实施|生效|施行|废止|失效|有效|截止|终止")


def _index_value(values: dict[str, object], key: str, value: str) -> None:
    """Keep what an index-block field says about the report (first value wins)."""
    if not value:
        return
    if key in ("发布机构", "发文机关", "发文单位"):
        values.setdefault("publisher", value.split()[0])
    elif re.search(r"(?:日期|时间)$", key) and not VALIDITY_KEY.search(key) and (iso := iso_date(value)):
        # Any date key: the document's own (成文日期, 公文生成日期, 文件形成日期) or else the page's.
        values.setdefault("written" if WRITTEN_KEY.search(key) else "published", iso)
    elif key in ("发文字号", "文号") and (m := DOC_NUMBER.match(value.replace(" ", ""))):
        values.setdefault("index_doc_number", m.group(1).replace(" ", ""))
    elif key == "来源":
        values.setdefault("source", value.split()[0])


SITE_NAME = re.compile(r"(?:门户网站|政府网站|网站|政府网|网|人民政府|政府|行政公署|办事处|局|厅|委员会|委|部)(?:欢迎您)?$")


def _title_site(lines: tuple[PageLine, ...]) -> str | None:
    """The site's name as the headline carries it, cut from the title: a suffix after a
    separator (…报告 - 某县司法局) or a tag before it (【某县司法局】…): the banner's clue."""
    line = next((p for p in lines if p.role == "title"), None)
    if line is None:
        return None
    text = BULLET.sub("", line.text).strip()
    candidates = []
    if m := TAG_PREFIX.match(text):
        candidates.append(m.group(0).strip().strip("【】[]"))
    parts = SUFFIX_SEP.split(text)
    if len(parts) > 1:
        candidates.append(parts[-1])
    for name in candidates:
        name = name.strip()
        if SITE_NAME.search(name) and not WEEKDAY.search(name) and 2 < len(name) <= 24 and not REPORT_WORD.search(name):
            return name
    return None


def _banner(lines: tuple[PageLine, ...]) -> str | None:
    """The site's name printed at the top of the page (湄潭县人民政府门户网站),
    a place clue when the title names none."""
    for line in lines[:3]:
        if line.role != "chrome":
            continue
        head = re.split(r"\s*[|｜]\s*|\s+", BULLET.sub("", line.text))[0]
        if SITE_NAME.search(head) and not WEEKDAY.search(head) and len(head) <= 24:
            return head
    return None
