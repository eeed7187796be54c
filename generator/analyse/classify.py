"""Document + taxonomy -> analysis (passages and their themes, the
required parts, indicator figures).

Every decision is explainable from the record: a passage's ThemeMatch lists the
terms that put it in a theme; a PartMatch says whether a section's part was read
from its heading or inferred from its position; a Figure keeps the words and
sentence its number came from.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.analyse.taxonomy import Indicator, Taxonomy, Theme
from generator.read.orgs import load_jionlp
from generator.records import Analysis, Document, Figure, Paragraph, PartMatch, Passage, Section, Table, ThemeMatch

CN = "一二三四五六七八九十"
# An enumeration inside a paragraph starts a new passage: 一是… 二是… （1）… ①…,
# at the start of the paragraph or right after the end of a sentence.
ENUMERATION = re.compile(
    rf"(?:(?<=^)|(?<=[。；！？]))\s*(?=[{CN}]{{1,2}}是|其[{CN}]是|（\d{{1,2}}）|[①-⑳])"
)
SENTENCE_END = re.compile(r"(?<=[。！？])")
LONG = 300  # a paragraph longer than this is split between sentences
TARGET = 200  # ... into pieces of about this length
LEAD_MIN = 20  # a shorter lead-in joins the piece after it
CLAUSE = re.compile(r"[^。；！？]*[。；！？]?")
DIGIT = re.compile(r"\d")


def analyse(document: Document, taxonomy: Taxonomy, tables: Sequence[Table] = ()) -> Analysis:
    items = list(_passages(document))
    passages = tuple(_classify(item, document, taxonomy) for item in items)
    family = {t.slug: {t.slug} | {s.slug for s in taxonomy.subthemes(t.slug)} for t in taxonomy.themes}
    figures = tuple(f for p, (_, context) in zip(passages, items)
                    for f in _figures(p, taxonomy.indicators, context.headings if context else (), family))
    figures += table_figures(tables, document, taxonomy, family)
    return Analysis(passages, map_parts(document, taxonomy), figures)


# --- passages -----------------------------------------------------------------

def split_paragraph(text: str) -> list[str]:
    """Pieces of a paragraph, in order; joined they give the paragraph back."""
    cuts = sorted({m.start() for m in ENUMERATION.finditer(text)} - {0})
    if cuts:
        bounds = [0, *cuts, len(text)]
        pieces = [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
        if len(pieces) > 1 and len(pieces[0]) < LEAD_MIN:
            pieces[1] = pieces[0] + pieces[1]
            del pieces[0]
        return [s for piece in pieces for s in (_sentences(piece) if len(piece) > LONG else [piece])]
    return _sentences(text) if len(text) > LONG else [text]


def _sentences(text: str) -> list[str]:
    out, current = [], ""
    for sentence in (s for s in SENTENCE_END.split(text) if s):
        if current and len(current) + len(sentence) > TARGET:
            out.append(current)
            current = ""
        current += sentence
    if current:
        if out and len(current) < LEAD_MIN:
            out[-1] += current
        else:
            out.append(current)
    return out


def passage_anchors(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(anchor, text) of each passage of a paragraph: the paragraph's own anchor
    when it is one passage, else <anchor>-s1, -s2, …"""
    pieces = split_paragraph(paragraph.text)
    if len(pieces) == 1:
        return [(paragraph.anchor, paragraph.text)]
    return [(f"{paragraph.anchor}-s{k}", piece) for k, piece in enumerate(pieces, start=1)]


# A fragment: a line with no clause in it (no punctuation, a few words) such
# as a table cell flattened one per line (项目 / 2019年 / 37 / 复议纠错（件）).
FRAGMENT = re.compile(r"[^，。；：！？,;:!?]{1,16}")


# A fragment this short is a piece of a broken line, not an item or a label.
BROKEN = 4
# A news item's subheading: two or three short phrases side by side, no clause mark between
# them (建平台强衔接 打通争议化解堵点), after a section ordinal led by a zero (01, 02): a
# headline naming the topic of the paragraphs under it, like a heading. The ordinal numbers
# the section, it counts nothing; a zero-led number is never a count. Without the ordinal,
# phrases side by side are as often a measure and what it covers with spaces for commas
# (推行 执法公示 执法全过程记录, review 12): work, read as any passage is.
HEADLINE = re.compile(r"[^，。；：！？,;:!?\s\d]{2,16}(?:[ \u3000]+[^，。；：！？,;:!?\s\d]{2,16}){1,2}")
SECTION_ORDINAL = re.compile(r"\s*0\d[ \u3000]+")


@dataclass(frozen=True)
class Context:
    """What a passage continues: the headings above it (outermost first) and
    the paragraph that leads it in (one ending in a colon), if any."""

    headings: tuple[str, ...] = ()
    lead: str = ""
    # Whether the paragraph opens the report (_openers): its aims report no work.
    opening: bool = False


def _passages(document: Document):
    """(passage, its context) for every passage of the document; a table cell
    gets None instead of a context and takes no theme: it reports nothing by
    itself."""
    by_anchor = {s.anchor: s for s in document.sections}
    openers = _openers(document)
    for k, paragraph in enumerate(document.preamble):
        for anchor, text in passage_anchors(paragraph):
            yield Passage(anchor, paragraph.anchor, "", text), Context(opening=k < openers)
    for section in document.sections:
        headings = tuple(s.title for s in _ancestry(section, by_anchor))
        cells = _cells(section.paragraphs)
        lead = ""
        for k, paragraph in enumerate(section.paragraphs):
            for anchor, text in passage_anchors(paragraph):
                yield Passage(anchor, paragraph.anchor, section.anchor, text), None if k in cells else Context(headings, lead)
            if paragraph.text.rstrip().endswith(("：", ":")):
                lead = paragraph.text


def _openers(document: Document) -> int:
    """How many paragraphs open the report: all those before its first heading; in a
    text with no heading at all (a body pasted without its title and outline) those up
    to the reporting sentence (现将…报告如下) among the first three, else the first one:
    the rest is the body, whose work counts as reported."""
    if document.sections:
        return len(document.preamble)
    reporting = [k for k, p in enumerate(document.preamble[:3]) if REPORTING.search(p.text)]
    return reporting[0] + 1 if reporting else 1


def _cells(paragraphs: Sequence[Paragraph]) -> set[int]:
    """Indexes of paragraphs that are cells of a flattened table: fragments
    in a run of at least three."""
    short = [bool(FRAGMENT.fullmatch(p.text.strip())) for p in paragraphs]
    cells: set[int] = set()
    start = 0
    for k in range(len(short) + 1):
        if k == len(short) or not short[k]:
            if k - start >= 3:
                cells.update(range(start, k))
            start = k + 1
    return cells


def _ancestry(section: Section, by_anchor: dict[str, Section]) -> list[Section]:
    numbers = section.anchor[1:].split("-")
    chain = [by_anchor.get("s" + "-".join(numbers[:k])) for k in range(1, len(numbers) + 1)]
    return [s for s in chain if s is not None]


# --- themes -------------------------------------------------------------------

@lru_cache(maxsize=64)
def _matchers(theme: Theme) -> tuple[re.Pattern[str] | None, re.Pattern[str], dict[str, float]]:
    """One regex of the theme's exclusions and one of its terms, longest first,
    so 行政执法 is found as itself and not again as 执法. A term of the theme that
    holds an excluded phrase (规范涉企行政执法 beside the exclusion 涉企行政执法) is
    tried in the same regex before the exclusions and, where it is found, kept: the
    longer phrase is the theme's own work, the shorter one alone a qualifier."""
    kept = [t.text for t in theme.terms if any(x in t.text and x != t.text for x in theme.exclude)]
    exclude = (re.compile("|".join(map(re.escape, sorted(kept, key=len, reverse=True)
                                       + sorted(theme.exclude, key=len, reverse=True))))
               if theme.exclude else None)
    weights = {t.text: t.weight for t in theme.terms}
    terms = re.compile("|".join(map(re.escape, sorted(weights, key=len, reverse=True))))
    return exclude, terms, weights


# 要 as a word of its own, what is to be done (各部门要…, 要把…), not the 要 of a
# word it ends (主要, 重要, 纲要, 纪要, 摘要, 概要, 提要, 简要, 扼要, 必要, 首要,
# 紧要, 只要; 需要: a need, which a finding states too, 仍需要加强) or begins
# (要点, 要素, 要件, 要闻, 要害, 要务, 要领, 大案要案).
TO_BE_DONE = r"(?<![主重纲纪摘概提简扼必首紧只需])要(?![点素件闻害务领案])"

# Where a term is only mentioned, not reported on: inside a title (《…》, or a
# law's name such as 行政复议法), or as one item of a list of topics (政务公开、
# 营商环境改善、综合行政执法改革等工作). Terms there weigh mention_weight times less.
MENTION = re.compile(
    # The check of a law's implementation (开展《外来投资服务和保障条例》执法检查, 食品安全法
    # 执法检查): a government or legislature checking how a law is carried out, not an
    # inspection of the public; the law's name and the check are one mention. Before the
    # plain title, which would otherwise match first and leave the check outside.
    r"(?:《[^《》]{1,80}》|[^\W和及与、]{1,10}[^执普司守用学依办方做立违合非说想知懂护\W]法|[^\W和及与、]{2,10}条例)(?:贯彻)?(?:实施)?(?:情况)?(?:开展|进行)?执法检查"
    r"|《[^《》]{1,80}》"
    r"|[\u4e00-\u9fff]{1,9}[^执普司守用学依办方做立违合非说想知懂护\W]法(?=[、，。；》]|等)"
    # ... or a regulation's name (优化营商环境条例) outside 《》.
    r"|[^\W和及与]{2,8}条例"
    # An agenda: what a meeting heard or a lesson taught (研究法治议题…, 讲授行政处罚
    # 相关法律) names topics; the passage reports the meeting, not the topics. Who
    # met or studied (理论学习中心组, 常务会议) stands outside the topics.
    r"|(?:研究|审议|讨论)[^，。；！？]{0,16}议题|(?:讲授|授课)[^，。；！？]*"
    # What a meeting heard, to the end of its clause where the clause ends with it
    # (听取法治政府年度报告、依法行政和…专项整治工作情况: each item heard is a matter
    # reported), else up to 汇报 (听取…汇报8次).
    r"|听取[^，。；！？]{1,60}(?:汇报|报告|情况)(?=[，。；！？]|$)|听取[^，。；！？]{0,20}汇报"
    # ... or the matter of a report or notification (通报全县行政执法工作情况, 向人大常委会
    # 报告行政复议工作情况, 汇报…进展): the state of the area told to a meeting or a superior,
    # not work done in it, to the end of its clause. The results of the body's own checks
    # it notified (通报案卷评查结果) are not this: they report the checks.
    r"|(?:通报|报告|汇报)了?[^，。；！？]{1,40}(?:情况|进展)(?=(?:的?(?:汇报|报告))?(?:[，。；！？]|$))"
    # ... or the problems a meeting studied, named as a list closed by 等 (会议研究配齐执法
    # 力量、推进综合执法改革等问题; 研究解决…等重点问题6项): its agenda, not work done.
    # The matters may be qualified by their field after 等 (研究综合执法改革等法治领域重大
    # 事项10余次): still the agenda.
    r"|[^，。；！？]{0,12}?研究(?:解决)?[^，。；！？]{1,60}?等[^，。；！？、]{0,6}?(?:重点|重大|突出)?(?:问题|事项|议题)"
    # ... or the topics a meeting was called on (专题研究行政执法工作, 研究部署矛盾纠纷
    # 化解等事项, 就信访、行政应诉等重点工作召开会议4次).
    r"|(?:专题研究|研究部署|专题部署)[^，。；！？]{1,40}?(?:工作|事项|议题)(?=[，。；！？]|$)"
    # Not the matters a superior supervised (就综合执法体制改革等工作开展专项督察): their
    # supervision is work in the area (the outline's 执法监督), not a meeting's topic.
    r"|就[^，。；！？]{1,40}?(?:工作|事项|问题)(?=[^，。；！？]{0,4}(?:召开|举行|进行|开展)(?!(?:专项)?(?:督察|督办|督查|检查|评查|监督)))"
    r"|[^，。；！？]*列入[^，。；！？]{0,12}(?:任务|要点|计划)[^，。；！？]*"
    # ... or what a meeting set out to be done (对加强行政应诉工作、健全府院联动机制进行安排部署;
    # 对下一步调解工作作出部署): the work it deployed, named as its matter, is not work reported.
    # The matters may be listed with commas (对加强行政诉讼工作，健全府院联动机制进行安排部署),
    # but never with a number or a second 对 among them: from an earlier 对 it took the cases
    # handled before the deployment (对申请进行审查，受理案件23件，…，并对下一步工作作出部署).
    r"|对[^。；！？\d对]{1,60}?(?:进行|作出|做出|作了|作)(?:了)?(?:安排部署|部署安排|专题部署|部署)"
    # ... or an item of an assessment (增加行政复议纠错率加分内容, 将调解成功率纳入年度考核指标): the
    # measure a superior scores the body by names an area, it reports no work done in it.
    # Only a measure put into an assessment (纳入/列入…考核), or a score item added (增加…加分/
    # 扣分): 新增 and 增加 alone mostly count what was added (新增持证执法人员32名并通过年度考核),
    # and no number is part of the measure (新增听证室3间并纳入考核: the rooms are work).
    r"|[^，。；！？\d]{0,30}?(?:纳入|列入)[^，。；！？\d]{0,20}?(?:考核|考评)[^，。；！？]*"
    r"|[^，。；！？\d]{0,30}?(?:增加|新增|增设|设置)[^，。；！？\d]{0,20}?(?:赋分|加分|扣分|评分)[^，。；！？]*"
    # ... or the name of a general class the body held, a topic joined to the officials' general
    # capability (举办新时代调解理念暨能力提升专题培训班): the topic names the class, like a lecture's.
    # Not a class of one area's own process (举办行政复议培训班), people or skills (举办人民调解员
    # 业务培训班): that training is the area's work. One name, never past a 、 into a list of classes.
    r"|(?:举办|开办|举行)了?(?![^，。；！？]{0,40}?(?:员|人员|队伍|业务|实务|技能))"
    r"(?=[^，。；！？、]{0,40}?(?:暨|能力提升|素能提升|素养提升))[^，。；！？、]{1,40}?"
    r"(?:培训班|研讨班|读书班|专题班|轮训班|讲座|论坛)"
    # ... or a task set, named by its topic (确定深化行政审批制度改革等工作任务39项, 分解
    # 综合执法改革任务): a plan's content, not the work done.
    r"|(?:确定|明确|分解|细化)[^，。；！？]{1,40}?(?:工作)?任务"
    r"|(?P<list>(?:[^、，。；：！？]{1,16}、)+[^、，。；：！？]{1,16}等"
    r"|(?:[^、，。；：！？]{1,16}、){2,}[^、，。；：！？]{1,16}"
    r"|(?:[^、，。；：！？]{1,16}、)+[^、，。；：！？和]{1,16}(?:和|及|以及)[^、，。；：！？]{1,12})"
    # A venue: a service centre or hall named as the place where other work is
    # set up (在便民服务中心设立公共法律服务窗口, 政务服务中心大厅设置政务公开专区);
    # the passage reports what was set up, not the centre's own work.
    r"|[^，。；！？、]{0,12}?(?:中心|大厅)(?=(?:大厅)?(?:内|里)?(?:设立|设置|开设|增设|建立|配备))"
    # ... or as the means of it (依托便民服务中心开展矛盾纠纷排查, 通过政务服务大厅…).
    r"|(?:依托|借助|利用|通过)[^，。；！？、]{0,12}?(?:中心|大厅)"
    # A purpose: what the work serves (为优化营商环境提供法治保障, 为…保驾护航,
    # 助力营商环境持续优化, 服务保障…, 以…为目标) names an aim, not the work itself;
    # the work is named by the rest of the clause or passage.
    r"|为[^，。；！？]{1,30}?(?:提供|营造|创造|打造)[^，。；！？]{0,12}?(?:保障|支撑|保证|环境)"
    r"|为[^，。；！？]{1,24}?保驾护航"
    r"|(?:助力|护航|服务保障)[^，。；！？]{1,16}"
    # ... or the strength the work is to become (把党的政治优势转化为行政执法工作的强大
    # 动力, 将制度优势转化为治理效能).
    r"|转化为[^，。；！？]{1,24}?(?:动力|动能|效能)"
    # A capability: what officials are to use the rule of law for, in the outline's
    # words (提高运用法治思维和法治方式深化改革、推动发展、化解矛盾、维护稳定、应对
    # 风险的能力): a list of aims, not work done, unless the clause counts something.
    r"|法治思维(?:和|与|、)法治方式(?![^。；！？]*\d)[^。；！？]*"
    r"|以[^，。；！？]{1,24}?为(?:目标|导向|目的|宗旨|引领|指导|指引|遵循)"
    # Statistics broken down by kind (按照类型来分，主要为行政处罚和投诉处理，分别占比…):
    # the kinds of the cases counted, not work in those areas; and the background
    # of a trend (随着综合执法改革的不断深入，…案件上涨).
    # The kind may be qualified by what is classified (从行政行为类型来看, 按申请事项类别分).
    r"|(?:按照?|从)[^，。；！？]{0,6}?(?:类型|类别|案由|领域)来?(?:分|看)[^。；！？]*"
    # ... or named as such (涉案类型主要集中在行政处罚，行政许可…; 案件类型涉及信息公开、
    # 行政强制等): the kinds of cases reviewed or litigated, not work in those areas.
    r"|(?:案件|涉案)(?:类型|类别|案由|领域)[^。；！？]*"
    # A case cited by its name in quotes (“某公司不服县市场监管局行政处罚案”): the case
    # is an example of the area it was decided in, its subject's words are not work.
    r"|“[^“”]{2,60}?案”"
    r"|随着[^，。；！？]{1,30}"
    # A slogan of the rule of law over an area (推进信访工作法治化, 推动信访工作高质量
    # 发展, 融入信访工作全过程, 把执法监督纳入法治化轨道): the area named as what
    # the rule of law should reach, not work reported in it.
    r"|[^，。；！？]{0,12}(?:法治化|高质量发展)(?=[，。；！？]|$)"
    r"|(?:融入|贯穿|贯彻到|落实到|纳入)[^，。；！？]{1,16}?(?:全过程|全链条|各环节|法治化轨道|法治轨道)"
    r"|把[^，。；！？]{1,24}?纳入法治化?轨道"
    # ... or a method or idea to be made part of the body's work (将新时代“枫桥经验”要求融入
    # 中心工作): what the work is to follow, not work reported.
    r"|将[^，。；！？]{1,24}?融入[^，。；！？]*"
    # What someone said to be done (他指出，…要…; 会议强调，要…; 某某表示，…将…): a
    # speaker's instructions or intentions, quoted in a news item or a meeting's account,
    # name aims, not work the body reports; to the end of the sentence. Only where a
    # clause of it opens with what must or will be done: a finding told the same way
    # (报告指出，执法队伍专业能力仍需提升) states a shortcoming, which the labels count.
    # 要 is what must be done as a word of its own (TO_BE_DONE), not inside another
    # word (主要问题是…, 会议纪要, 工作要点).
    r"|(?:指出|强调|表示)[，：:](?=(?:[^。！？]*?[，；：])?[^，；：。！？]{0,12}?(?:" + TO_BE_DONE + r"|将|必须|务必))[^。！？]*"
    # A superior's praise of the body's work in an area (对我区在优化营商环境方面所做的工作
    # 给予充分肯定): the area the visitor spoke of, told in a news item, not work reported.
    r"|对[^。；！？]{1,40}?给予了?(?:充分|高度|一致)?(?:肯定|认可|好评)"
)
# A campaign's slogan in quotes, a list of its aims (“干部作风大转变、营商环境大提升”):
# longer than a short name (QUOTED) and made of 、-joined items, each an aim told as a
# clause of five characters or more. Its words name what the campaign is for, not work,
# even inside the title of a plan the body issued. A list of four-character names of
# practices (推行“一网通办、一窗受理、一次办结”服务模式, “减证便民、优化服务”) names the
# practices the body put in place: work (the real sets' labels are the same either way).
SLOGAN = re.compile(r"“(?:[^“”、]{5,30}、)+[^“”、]{5,30}”")
# The remit of someone appointed (聘请律师担任法律顾问，为重大决策提供法律意见，参与行政复议、
# 诉讼案件办理): the clauses right after the appointment that say what the appointee is to
# do (为…, 参与…, 负责…). The appointment is the body's work; the remit names areas, not
# work done in them. Not a clause that counts something (…担任调解员，全年调解纠纷38件), nor
# one of other work after it (…担任组长，形成…工作格局，…建立了行政调解委员会).
REMIT = re.compile(r"担任[^，。；！？\d]{1,12}，((?:(?:为|参与|负责|协助|指导)[^，。；！？\d]*(?:，|(?=[。；！？]|$)))+)")
# The harm another area's failure would have brought, said not to have happened (未出现因决策
# 失误引发的重大矛盾纠纷, 未发生因执法不当导致的信访事件): the clause reports that area's work
# done well; the harm named after 引发的 is no work in its own area (group 1).
CONSEQUENCE = re.compile(r"未(?:出现|发生)[^，。；！？]{0,12}?(?:因|由于|由)[^，。；！？]{1,20}?(?:引发|导致|引起|造成)"
                         r"(的[^，。；！？]*)")
# Distinct terms of one theme in a 、-list that make it a list of that theme's work.
LIST_OF_ONE_THEME = 2
NUMBER_ITEM = re.compile(r"[\d.,%％]+[^\d、]{0,3}")
# A 、-list that is the subject of handling (信访、12345、政务督办实现统一受理，
# 按责转办): the channels whose requests were taken in and dealt with, which is
# the work, not topics named among others.
HANDLED = re.compile(r"(?:实现|均已|全部|统一|集中|一并|及时|依法)+(?:受理|办结|转办|交办)")
# A title the reporting body issues itself (印发《行政执法公示办法》) is its own
# work in that area, not a mention of a law or a higher document.
# Not a law named as new (学习新修订《行政复议法》, 新制定的《…》): someone else made it.
ISSUED = re.compile(r"(?<!新)(?:印发|制定|出台|修订|修改|编制|起草|发布|完善|建立)了?$")
# The titles before a title in the same run (出台了《…议事规则》、《…处罚案件集体讨论
# 规定》《…目录清单》): each title of a run the body issues is its own work, not
# only the first one after the verb.
TITLE_RUN = re.compile(r"(?:《[^《》]{1,80}》(?:、|和|及|以及)?)+$")
# A short name in quotes (“双随机、一公开”; eight characters at most) is one name;
# a longer quoted run of 、 (“安全第一、预防为主、综合治理”) is a slogan's list.
QUOTED = re.compile(r"“[^“”]{1,8}”")
# A 、-list of the body's own lists and rules that it draws up (编制完善权责清单、行政
# 许可事项清单、执法事项指导目录): each item is a document of the body's own work in its
# area, not a topic named among others.
COMPILED_ITEM = re.compile(r"[^、]*(?:清单|目录|办法|制度|方案|细则|规则|指引|基准)(?:等)?")
COMPILING = re.compile(r"(?:编制|梳理|制定|修订|完善|调整|公布|印发|出台|更新)")
# A term that only qualifies the word after it: the people of an area
# (行政执法人员, 执法部门负责人, 法制审核人员) or a category in statistics
# (行政处罚类 18 件 among reconsideration cases). The passage is about them,
# not about the area: such a term weighs as a mention.
# The organ may be a unit of the area's force (综合执法中队负责人, 执法大队队员).
# So is a term that names the subject of a kind of document (行政执法性文件, like 规范性文件): the
# documents are cleared or reviewed, which is work on rules, not in the area.
MODIFIED = re.compile(r"(?:部门|单位|机关|机构|系统|战线|窗口|大厅|[中大支分]队|科室|股室)?(?:主要)?"
                      r"(?:负责人|负责同志|工作人员|人员|干部|队员)(?![队伍])|类|性文件")
# A term followed by an organ's suffix is part of an actor's name (行政审批局,
# 营商环境建设局), and so is a term followed by a group's (公平竞争领导小组, 行政复议
# 工作专班): the labels count actors for nothing. Not where the organ is what the
# work builds (组建综合行政执法局, 推进综合执法局规范化建设, 建立了社区矫正委员会和
# 行政调解委员会, 成立优化营商环境工作专班).
ACTOR = re.compile(r"(?:(?:建设|管理|服务)?(?:局|厅|委员会)|(?:工作)?(?:领导小组|专班))"
                   r"(?![^，。；！？]{0,4}(?:建设|改革|挂牌))"
                   # ... and so is a generic organ word before the rule-of-law building of
                   # those bodies (对7个综合行政执法单位法治建设情况开展督察): what a
                   # superior checked is their 法治建设, not their area's work. The same
                   # bodies doing their area's work (行政执法部门开展柔性执法能力建设) are not this.
                   r"|(?:单位|部门|机关|机构)(?=的?法治(?:政府)?建设)")
# An organ of the area as the subject of a clause (47家行政执法部门开门普法, 各行政
# 执法职能部门明确分工) names who acted; what they did is said by the predicate,
# whose own terms count (行政执法部门开展柔性执法 is enforcement by 柔性执法).
# ... where the organs are counted or gathered as the clause's subject (47家行政执法
# 部门, 各行政执法职能部门, 全县行政执法单位); organs a superior pushes to build
# their capacity (推动行政执法部门…开展能力建设) are the object of that work.
GATHERED = re.compile(r"(?:各|\d+[个家]|全[省市县区镇乡]|所有|各级)$")
COLLECTIVE_ORGAN = re.compile(r"(?:职能)?(?:部门|单位|机关|机构)(?![^，。；！？]{0,4}(?:建设|改革|挂牌|负责人))")
# Staff of an area as those who study (执法人员深入学, 执法人员学习超60学时): general
# or political study of the people, not work in the area (the labels' policy; training
# in the area's skills, 执法人员业务培训, is not this).
STUDYING = re.compile(r"[^，。；！？]{0,4}?(?:深入学|集中学|学习|学法)")
# ... and so are the area's people or force (执法人员, 执法队伍) named with others
# as those whom a general lesson reached (行政执法队伍、党校主体班法治学习覆盖率
# 100%): the clause's predicate is law or political study in general, not the
# area's skills (执法业务培训, 实务练兵 are the area's training and count).
PEOPLE = re.compile(r"(?:人员|队伍|干部|队员)")
GENERAL_STUDY = re.compile(r"[^。；！？]*?(?:法治学习|理论学习|政治学习|专题学习|集中学习|学法|学习贯彻|法治培训|宪法|法律知识)")
SKILLS = re.compile(r"业务|技能|实务|执法培训|练兵|资格|执法证")
# A word inside a hotline's proper name (12345政务服务便民热线, 政务服务热线中心) is part of the
# name, not the work the passage reports: the labels count a hotline's complaints handled as
# mediation and a hotline named as a channel for nothing, never its name's words as
# government services. The name runs up to 热线 with no clause mark, quote or list mark
# between; the hotline's number itself (12345) is the name's, weighed as before.
HOTLINE_NAME = re.compile(r"[^，。；：！？、（）“”《》\s]{0,6}?热线")
BUILT = re.compile(r"(?:组建|成立|设立|建立|挂牌|整合|改革)[^，。；！？]{0,16}$")
# A kind of case counted under another area's process: the cases a body faced in
# reconsideration, litigation or petitions broken down by the act they were about
# (行政复议案件中，涉及行政处罚、行政许可等类型的案件12件; 被诉案件主要集中在行政强制领域;
# 其中行政处罚案件8件). The term names what the cases were about, not work the body did
# in that area; the area's own statistics (查处行政处罚案件120件, 作出行政处罚决定…,
# 办理行政处罚案件…) have the body's verb before the term and no other process before it.
CASE_PROCESS = re.compile(r"复议|诉讼|应诉|被诉|信访|仲裁")
PROCESS_TERM = re.compile(r"诉|复议|访|仲裁|庭")
KIND_BEFORE = re.compile(r"(?:其中|涉及|涉|包括|主要为|主要是|主要涉及|集中在|集中于|分布在|类型为|案由为|多为|均为)"
                         r"[^，。；！？]{0,16}$")
KIND_AFTER = re.compile(r"(?:[、和及与][^，。；！？]{1,12}?)*?等?(?:类型?|方面|领域)?的?(?:案件|案(?![卷例])|\d+件)")
OWN_HANDLING = re.compile(r"(?:查处|查办|办理|作出|办结|立案|实施|开展|规范)$")
# A stage that cases of any process pass (立案, 结案, 移送) belongs to the process its
# sentence names: in a sentence on reconsideration or litigation (受理行政复议案件9起，
# 已全部审结，结案率100%; 建立案件移送机制，要求各部门收到行政复议申请后…转送) it is a
# stage of those cases, not of the body's enforcement. Complaints (信访) are not such a
# process here: a complaint passed on for a case to be opened (信访举报移送立案查处) starts
# enforcement work. Nor is a dispute centre's intake (受理法院移送的行政争议36件，结案30件): the
# disputes (行政争议, 劳动争议) are what reconsideration, litigation and arbitration decide, so a
# case of theirs opened, passed on or closed is a stage of that process too.
CASE_STAGE = re.compile(r"立案|结案|移送")
REVIEW_PROCESS = re.compile(r"复议|诉讼|应诉|被诉|仲裁|争议")
# A number that is not a year (2023年, 2021—2025年, nor the end of a range
# written without 年: （2021-2025）, 2021至2025): a passage reporting one is
# concrete work.
QUANTITY = re.compile(r"(?<![\d.])(?<!(?:19|20)\d\d[—－\-~～至])\d+(?:\.\d+)?(?![\d.年月日—－\-~～至])")
# A purpose closing a sentence of measures (…五大机制，全方位提升行政执法水平。;
# …行政执法改革，打造最优营商环境。): the quality or the environment the work is
# meant to bring about, not the work. In plans and shortcomings
# (parts 2 and 4, or a passage opening with 下一步/明年) the same words name the
# work planned or lacking and count (the labels' policy).
AIM = re.compile(r"(?<=[，；])[^，。；！？]{0,4}(?:(?:提升|提高|增强)[^，。；！？]{1,20}(?:水平|能力|质效|效能)"
                 r"|(?:打造|营造|优化|改善)[^，。；！？]{0,8}环境)(?=[。；！？]|$)")
# ... and so is a clause that says nothing but the environment to be brought about,
# wherever it stands in its sentence (持续优化法治营商环境，对重点企业落实…排查化解机制;
# …严格规范公正文明执法，全力打造法治化营商环境，…): the work is in the other clauses.
# Only a clause joined to others by a comma: a sentence of its own (持续优化法治化营商环境。
# 优化“…帮您办”…) is an inline label naming the area of the work after it, and a purpose
# (为优化营商环境，…清理文件) is left to the work it introduces.
AIM_CLAUSE = re.compile(r"(?:(?<=[，；])[^，。；！？：\d为]{0,4}(?:打造|营造|优化|改善)[^，。；！？\d]{0,8}环境(?=[，。；！？]|$)"
                        r"|(?:^|(?<=[。！？：]))[^，。；！？：\d为]{0,4}(?:打造|营造|优化|改善)[^，。；！？\d]{0,8}环境(?=，))")
# A count of cases right after a weak word of a channel (市长热线2547件, 投诉35件):
# that many requests reached the body by it and were handled, which is work in
# the area, though the channel merely named counts for nothing. The count may follow a
# short noun of what came in by it (热线事项3136宗, 热线工单5120件, 投诉件12件), never a
# clause mark, a list mark or a verb phrase longer than three characters.
COUNTED = re.compile(r"[^，。；：！？、\d]{0,3}?[约近共计]?\d[\d.,]*万?余?(?:件|宗|起|单)")
CHANNEL_WEIGHT = 0.4
# A term of at least REPEATED_WEIGHT said REPEATED times in one passage decides it
# (行政争议案件 three times in a passage of case management).
REPEATED = 3
REPEATED_WEIGHT = 0.6
PLAN_START = re.compile(r"\s*(?:下一步|明年|今后|20\d\d年[，,]?\S{0,8}将)")
# A rank or a place in an evaluation (位列全国100个城市第10名, 排名全省第3位): the
# number places the body, it counts no work done, so it makes no passage concrete.
RANK = re.compile(r"(?:位列|位居|排名|排在|名列)?(?:全国|全省|全市|全区)?(?:\d+个[^，。；！？\d]{0,6}?)?"
                  r"(?:第\d+(?:名|位)|前\d+(?:名|位)?)")
# An outcome stated in an opening paragraph: no case of a kind all year
# (全年无行政复议、诉讼败诉案件), an award to a body for its work (某镇人民调解
# 委员会获评全国模范人民调解委员会, 某调解室成功创建为省级品牌调解室) or a superior's
# praise of a piece of work (某项工作获得省领导批示肯定), or a place of work put into service
# (联合街道启用纠纷调解中心, a news item's lead: the centre now works; 建成 is left out, for aims
# say it too: 基本建成法治政府). It is a result reported, not an aim: its words count in full,
# the awarded body's name included.
OUTCOME = re.compile(r"[^，。；！？]*(?:(?:全年|年内|连续\d+年)(?:无|未发生|实现零)[^，。；！？]{1,20}(?:案件|事件)"
                     r"|获评|荣获|被评为|被授予|被命名为|成功创建|获得[^，。；！？]{1,24}?(?:肯定|表扬|表彰)"
                     r"|启用|揭牌|挂牌成立|投入使用|投入运行|正式运行)"
                     r"[^，。；！？]*")
# An aim said with the same words in its clause (力争年内推动调解中心投入使用, 确保指挥平台年底前
# 正式运行, 力争获评…): the result is still to come, so the clause counts as the rest of the
# opening does. Not 将 alone, which also puts a thing into service (将调解中心投入使用).
OUTCOME_AIMED = re.compile(r"力争|争取|确保|推动|推进|计划|预计|即将|将于|将在|有望|年底前|年内将|拟")
# Requests (诉求) a theme's served word makes (企业合理诉求, 经营主体诉求, 为企业解决诉求86件): a
# served word a few characters before, no clause or list mark between, says firms asked, so
# the requests answered are a service to them, not the public's grievances another theme's
# channel counts. The gap holds no digit: 企业 of a count before it (走访企业12家，群众诉求…) is
# another clause's anyway.
REQUEST = "诉求"
REQUEST_GAP = 4


@lru_cache(maxsize=8)
def _served_requests(served: tuple[str, ...]) -> re.Pattern[str] | None:
    """Where a served word stands a few characters before 诉求 (the 诉求 in group 2)."""
    if not served:
        return None
    words = "|".join(map(re.escape, sorted(served, key=len, reverse=True)))
    return re.compile(f"((?:{words})[^，。；：！？、\\d]{{0,{REQUEST_GAP}}}?)({REQUEST})")


def _without_served_requests(text: str, taxonomy: Taxonomy) -> str:
    """text with the requests served words make blanked out (same length), for themes
    that serve no one."""
    if REQUEST not in text:  # most passages: the served words need not be gathered
        return text
    pattern = _served_requests(tuple(sorted({w for t in taxonomy.themes for w in t.served})))
    return pattern.sub(lambda m: m.group(1) + "\0" * len(m.group(2)), text) if pattern else text


# A number that is part of a name in quotes (省委“1310”具体部署, “1+6+N”工作体系, “12345”
# is not this: a hotline is counted by what reached it): it names a programme, it counts
# no work done, so it makes no passage concrete.
NAMED_NUMBER = re.compile(r"“[\d+N×*]+”|“\d+[+＋][^“”]{0,8}”")
# The reporting sentence of an opening paragraph (现将有关情况报告如下).
REPORTING = re.compile(r"报告如下|汇报如下|报告如次")


def _top_branches(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost |, each a pattern of its own."""
    branches, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(pattern):
        ch = pattern[k]
        if ch == "\\":
            k += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            k += 1 if pattern[k + 1:k + 2] == "^" else 0
            k += 1 if pattern[k + 1:k + 2] == "]" else 0  # a ] first in a class is a character
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(pattern[start:k])
            start = k + 1
        k += 1
    return branches + [pattern[start:]]


def _needed(items) -> list[frozenset[str]]:
    """What a parsed pattern (re._parser) cannot match without: each set holds
    words one of which must be in the text. Runs of literal characters in
    sequence, within groups and repeats taken at least once, and of an
    alternation the words each alternative needs."""
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN  # type: ignore[import-not-found]

    needs: list[frozenset[str]] = []
    run = ""
    for op, arg in list(items) + [(None, None)]:
        if op is LITERAL:
            run += chr(arg)
            continue
        if run:
            needs.append(frozenset([run]))
            run = ""
        if op is SUBPATTERN:
            needs += _needed(arg[3])
        elif op in (MAX_REPEAT, MIN_REPEAT) and arg[0] >= 1:
            needs += _needed(arg[2])
        elif op is BRANCH:
            words = []
            for alternative in arg[1]:
                own = [n for n in _needed(alternative) if len(n) == 1]
                if not own:
                    break
                words.append(max(own, key=lambda n: len(next(iter(n)))))
            else:
                needs.append(frozenset().union(*words))
    return needs


def _open_start(items) -> bool:
    """Whether a parsed pattern (re._parser) may begin with a repeat or a
    class of characters: tried at every position, such an alternative runs
    on before it fails, where one that begins with a word fails at once."""
    from re._constants import BRANCH, IN, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

    if not len(items):
        return False
    op, arg = items[0]
    if op is SUBPATTERN:
        return _open_start(arg[3])
    if op is BRANCH:
        return any(_open_start(alternative) for alternative in arg[1])
    return op in (MAX_REPEAT, MIN_REPEAT, IN)


class Needed:
    """A pattern of many alternatives matched with only those that can match
    the text: an alternative that begins with a repeat or a class and needs
    a word the text lacks is left out, which changes no match (it could match
    nowhere) and spares the scan trying it at every position (a clause
    scanned to its end and back for 列入, once per character). Only such
    alternatives are left out, so the variants compiled are few. Patterns
    with backreferences or flags are not for this."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        from re import _parser  # type: ignore[attr-defined]

        if pattern.flags & ~re.UNICODE or "(?P=" in pattern.pattern:  # a word could match otherwise than as written
            raise ValueError("Needed takes a pattern without flags or backreferences")
        self.branches = _top_branches(pattern.pattern)
        parsed = [_parser.parse(branch) for branch in self.branches]
        self.needs = [_needed(p) if _open_start(p) else [] for p in parsed]
        self.variants: dict[tuple[int, ...], re.Pattern[str]] = {}  # at most 2 ** (alternatives left out)

    def pattern(self, text: str) -> re.Pattern[str]:
        kept = tuple(k for k, needs in enumerate(self.needs) if all(any(w in text for w in n) for n in needs))
        if (found := self.variants.get(kept)) is None:
            found = self.variants[kept] = re.compile("|".join(self.branches[k] for k in kept) or "(?!)")
        return found


MENTION_NEEDED = Needed(MENTION)


@lru_cache(maxsize=64)
def _mentions(text: str) -> tuple[tuple[int, int, bool], ...]:
    """Where MENTION matches (start, end, whether it is a 、-list): the same
    text for every theme without an exclusion in it, so a passage's is found
    once, not once per theme (it was a third of reading)."""
    pattern = MENTION_NEEDED.pattern(text)
    listed = pattern.groupindex.get("list")
    return tuple((m.start(), m.end(), listed is not None and m.group(listed) is not None) for m in pattern.finditer(text)
                 if not (m.group(0).startswith("《") and _issued(text, m.start())))


@lru_cache(maxsize=64)
def _unquoted(text: str) -> str:
    """text with each 、 inside a short name in quotes (“双随机、一公开”监管) made ·:
    it separates no topics. The same for every theme whose exclusions leave
    the passage as it is, so found once."""
    return QUOTED.sub(lambda q: q.group(0).replace("、", "·"), text)


@lru_cache(maxsize=64)
def _listed_mentions(unquoted: str) -> tuple[tuple[int, int, bool, bool], ...]:
    """_mentions of unquoted, each with whether it is a 、-list of counts, of
    what was dealt with or of documents drawn up (_counted_list,
    _handled_list, _compiled_list): none depends on the theme, so they are
    judged once for all themes, not once per theme."""
    return tuple((a, b, listed, listed and (_counted_list(unquoted, a, b) or _handled_list(unquoted, a, b)
                                            or _compiled_list(unquoted, a, b)))
                 for a, b, listed in _mentions(unquoted))


@lru_cache(maxsize=64)
def _said_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where a campaign's slogan (SLOGAN), a remit (REMIT) or a consequence
    that did not happen (CONSEQUENCE) stands: the same for every theme."""
    return (tuple(m.span() for m in SLOGAN.finditer(text)) + tuple(m.span(1) for m in REMIT.finditer(text))
            + tuple(m.span(1) for m in CONSEQUENCE.finditer(text)))


@lru_cache(maxsize=64)
def _aim_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where an aim (AIM, AIM_CLAUSE) stands: the same for every theme."""
    return tuple(m.span() for m in AIM.finditer(text)) + tuple(m.span() for m in AIM_CLAUSE.finditer(text))


def _issued(text: str, start: int) -> bool:
    """Whether the title at text[start] (a 《) follows an issuing verb, directly
    or after other titles of the same run."""
    run = TITLE_RUN.search(text[:start])
    before = run.start() if run else start
    return bool(ISSUED.search(text[max(0, before - 4):before]))


def find_terms(theme: Theme, text: str, mention_weight: float = 1.0, repeat_weight: float = 0.0,
               cap: float = 1.0, aims: bool = False) -> dict[str, float]:
    """The theme's distinct terms in text with their weights (exclusions
    blanked out first). A term only mentioned (or only qualifying the word
    after it) weighs mention_weight as much per mention, up to its full
    weight: a list of five enforcement systems is about enforcement, one item
    in a list of topics is not. A weak term said again adds repeat_weight of
    its weight each time, up to cap: 纠纷 three times is a passage on disputes."""
    exclude, terms, weights = _matchers(theme)
    if exclude is not None:
        text = exclude.sub(lambda m: m.group(0) if m.group(0) in weights and m.group(0) not in theme.exclude else "\0" * len(m.group(0)), text)
    found_at = list(terms.finditer(text))
    # A list whose items are all this theme's work (行政处罚、行政强制、行政检查案件分别为…;
    # two distinct terms of the theme or more) is a list of the theme's work, not
    # topics among others (研究行政执法、学法普法、法治宣传等工作): its terms count in full.
    # A 、 inside a name in quotes (“双随机、一公开”监管) separates no topics.
    unquoted = _unquoted(text)
    listed_mentions = _listed_mentions(unquoted) if mention_weight < 1 else ()
    lists = {(a, b) for a, b, listed, _ in listed_mentions if listed}
    mentions = tuple((a, b) for a, b, listed, other in listed_mentions
                     if not (listed and (_one_themes_list(unquoted, a, b, found_at) or other)))
    said = _said_spans(text) if mention_weight < 1 else ()
    mentions += said
    if aims and mention_weight < 1:
        mentions += _aim_spans(text)
    full: dict[str, int] = {}
    partial: dict[str, float] = {}
    # A term said twice in one list or agenda (研究配齐行政执法力量、组织行政执法资格考试等
    # 问题) is one topic named: it weighs as one mention.
    spans_seen: set[tuple[str, int]] = set()
    for m in found_at:
        term = m.group(0)
        span = next(((a, b) for a, b in mentions if a <= m.start() < b), None) if mention_weight < 1 else None
        inside = span[0] if span else None
        if (span in lists and _acted_item(unquoted, span[0], span[1], m.start()) and not _slogan_list(unquoted, *span)
                and not any(a <= m.start() < b for a, b in said)):
            # The term's own item of a 、-list is an action the body took with its
            # object (选派干部参加执法人员业务培训、…): it reports work, not a topic.
            # Not an item of a slogan in quotes, a remit or a harm that did not follow
            # (配合…和“优化营商环境、保护民营企业发展”专项督察): a verb there names what a
            # campaign is for or an appointee is to do, however the 、-list around it reads.
            inside = None
        if inside is not None:
            if (term, inside) not in spans_seen:
                spans_seen.add((term, inside))
                partial[term] = partial.get(term, 0) + weights[term] * mention_weight
        elif mention_weight < 1 and (MODIFIED.match(text, m.end())
                                     or (term.endswith("人员") and STUDYING.match(text, m.end()))
                                     or _studying_people(text, m.start(), m.end(), term)
                                     or (ACTOR.match(text, m.end()) and not BUILT.search(text[:m.start()]))
                                     or (COLLECTIVE_ORGAN.match(text, m.end()) and GATHERED.search(text, 0, m.start()))
                                     or (HOTLINE_NAME.match(text, m.end()) and not term.isdigit()
                                         and not term.endswith("热线"))
                                     or _case_kind(text, m.start(), m.end(), term)
                                     or _review_stage(text, m.start(), m.end(), term, found_at)):
            partial[term] = partial.get(term, 0) + weights[term] * mention_weight
        else:
            full[term] = full.get(term, 0) + 1
    found = {term: min(weights[term], w) for term, w in partial.items()}
    for term, n in full.items():
        w = weights[term]
        found[term] = w if w >= cap else min(cap, w * (1 + repeat_weight * (n - 1)))
        # A word of middle weight said again and again (行政争议案件 three times in
        # one passage of case management) is what the passage is about.
        if n >= REPEATED and w >= REPEATED_WEIGHT:
            found[term] = max(found[term], cap)
    for m in found_at:
        if weights[m.group(0)] <= CHANNEL_WEIGHT and m.group(0) in full and COUNTED.match(text, m.end()):
            found[m.group(0)] = cap
    return found


def _studying_people(text: str, start: int, end: int, term: str) -> bool:
    """Whether the term names the area's people or force (执法人员, 行政执法队伍)
    as those whom general law or political study reached, in the rest of its
    clause (行政执法队伍、主体班法治学习覆盖率100%), with no word of the area's
    own skills in the clause."""
    people = term.endswith(("人员", "队伍", "队员")) or bool(PEOPLE.match(text, end))
    if not people:
        return False
    clause_end = next((k for k in range(end, len(text)) if text[k] in "，。；！？"), len(text))
    clause_start = max(text.rfind(c, 0, start) for c in "，。；！？") + 1
    rest = text[end:clause_end]
    return bool(GENERAL_STUDY.match(rest)) and not SKILLS.search(text[clause_start:clause_end])


def _case_kind(text: str, start: int, end: int, term: str) -> bool:
    """Whether the term at text[start:end] names a kind of the cases of another
    process counted in its sentence (CASE_PROCESS earlier in the sentence, the term
    after a word of breakdown or before 案件/类型/N件), not the body's own handling."""
    # A term of the process itself, its stages or outcomes (行政诉讼, 败诉1件, 出庭), is
    # no kind of case.
    if PROCESS_TERM.search(term):
        return False
    sentence = max(text.rfind(c, 0, start) for c in "。；！？") + 1
    if not CASE_PROCESS.search(text, sentence, start):
        return False
    clause = max(text.rfind(c, 0, start) for c in "，。；：！？") + 1
    before = text[clause:start]
    if OWN_HANDLING.search(before[-4:]):
        return False
    return bool(KIND_BEFORE.search(before) or KIND_AFTER.match(text, end))


def _review_stage(text: str, start: int, end: int, term: str, found_at: list[re.Match[str]]) -> bool:
    """Whether the term is a stage of cases (CASE_STAGE) of a review or litigation
    process (REVIEW_PROCESS) named in its sentence: the process is none of the theme's
    own terms, and no other term of the theme stands between it and the stage (立案
    办理违法建设案件32件，申请行政复议2件: the cases opened are the body's own)."""
    if not CASE_STAGE.fullmatch(term):
        return False
    sentence = max(text.rfind(c, 0, start) for c in "。；！？") + 1
    ends = [k for k in (text.find(c, end) for c in "。；！？") if k >= 0]
    stop = min(ends) if ends else len(text)
    own = [m for m in found_at if not CASE_STAGE.fullmatch(m.group(0))]
    for p in REVIEW_PROCESS.finditer(text, sentence, stop):
        if any(m.start() <= p.start() < m.end() for m in found_at):
            continue
        lo, hi = min(end, p.end()), max(start, p.start())
        if not any(lo <= m.start() < hi for m in own):
            return True
    return False


# A 、-list whose every item is an action the body took (选派干部参加执法业务培训、
# 邀请律师开展讲座; 受理投诉、调处纠纷): coordinated verb phrases report work done,
# each with its object, not topics named as nouns among others. An item may
# open with an adverb of manner or time (积极、依法、先后).
LEAD_ADVERB = re.compile(r"(?:积极|依法|全面|持续|及时|主动|定期|先后|分别|共|累计|全年|并)?")
ACTION_ITEM = re.compile(LEAD_ADVERB.pattern +
                         r"(?:开展|组织|参加|参与|选派|邀请|举办|召开|建立|制定|出台|印发|推行|实施|完成|办理|受理|"
                         r"化解|调解|调处|查处|处罚|检查|整治|清理|编制|发布|设立|成立|聘请|走访|解决|压缩|精简|"
                         r"配备|新增|下达|责令|立案|督促|审查|审核|评查|培训|排查|接待|答复|移送|查办)")


MEANS = re.compile(r"^\s*(?:通过|采取|采用|坚持)")
# The body's lawyers or legal advisers as the subject of the list's clause, taking part in
# or acting for it in the listed work (公职律师常态化参与合法性审查、行政复议和出庭应诉工作,
# 法律顾问代理行政诉讼、行政复议案件): that work done, not topics (the labels' policy on legal
# advisers in cases). A remit after an appointment (聘请律师担任法律顾问，参与行政复议、诉讼案件
# 办理) is not this: there 参与 opens a clause of its own, after the appointee's clause.
LAWYERS_TOOK_PART = re.compile(r"(?:律师|法律顾问)[^，。；：！？、]{0,6}?(?:参与|代理)")
TOPIC_HEAD = re.compile(r"[^，。；：！？、]{0,12}?等?(?:工作|任务|事项|问题|方面|领域|内容|议题)")
GOVERNING = re.compile(r"(?:开展|组织|进行|实施|完成|参加|参与)")
DEVERBAL = re.compile(r"(?:检查|评查|督查|督察|整治|排查|抽查|巡查|培训|考试|轮训|调解|调处|审查|清理|查处)$")


def _acted_item(text: str, start: int, end: int, at: int) -> bool:
    """Whether the item of the 、-list text[start:end] holding text[at] opens
    with a verb of work done (ACTION_ITEM), its first item read from the start
    of its clause (the list pattern may have cut it)."""
    # A list headed by a word of topics (…、行政执法专项整治等工作任务22项; 等方面, 等领域)
    # names tasks or areas by their topics, whatever their items look like.
    if TOPIC_HEAD.match(text, end):
        return False
    clause = max(text.rfind(c, 0, start) for c in "，。；：！？") + 1
    if LAWYERS_TOOK_PART.search(text, clause, at):
        return True
    items = text[clause:end].split("、")
    # A clause may open with the preposition of means (通过选派干部参加…、邀请…等形式).
    acted = [bool(ACTION_ITEM.match(MEANS.sub("", item).lstrip())) for item in items]
    bounds = [clause]
    for item in items[:-1]:
        bounds.append(bounds[-1] + len(item) + 1)
    k = max(i for i, b in enumerate(bounds) if b <= at)
    # The term is the verb that opens the list, its objects the items (检查电梯、锅炉、
    # 压力容器使用单位112家; 调解邻里、婚姻家庭等纠纷): the action was taken on them all.
    verb = ACTION_ITEM.match(text, at) if k == 0 else None
    if verb and LEAD_ADVERB.fullmatch(MEANS.sub("", text[clause:at]).strip()) and verb.end() < clause + len(items[0]):
        return True
    # Only where verbs open two items or more: one verb before the first item
    # governs the whole list of nouns (召开优化营商环境、一网通办改革推进会议).
    if acted[k] and sum(acted) >= 2:
        return True
    # ... or where a verb of work earlier in the clause governs actions named as nouns
    # (开展年中督查、执法检查和案件评查; 参与行政执法资格考试、业务培训等活动):
    # the term's item ends in an action, so the work was done, not a topic named.
    item = items[k]
    if k == len(items) - 1:
        # The list pattern may have cut the last item short: read it to its clause's end.
        stop = next((j for j in range(end, len(text)) if text[j] in "，。；：！？"), len(text))
        item = re.split(r"和|及|以及|与", text[bounds[k]:stop])[-1]
    return bool(GOVERNING.search(text, clause, at)) and bool(DEVERBAL.search(re.sub(r"等.*$", "", item)))


# The rule-of-law slogan of the 2014 decision (办事依法、遇事找法、解决问题用法、化解矛盾
# 靠法), quoted as the aim of publicity or of an environment: its items open with verbs
# but each ends with how the law is to be used, so they are a slogan, not work done.
SLOGAN_ITEM = re.compile(r"[^、]{1,8}[依找用靠]法")


def _slogan_list(text: str, start: int, end: int) -> bool:
    """Whether every item of the 、-list text[start:end] ends in 依法/找法/用法/靠法
    (the last may run on: …化解矛盾靠法的良好氛围)."""
    items = text[start:end].split("、")
    return len(items) >= 3 and all(SLOGAN_ITEM.search(item) for item in items) and all(
        item.endswith("法") for item in items[:-1])


def _counted_list(text: str, start: int, end: int) -> bool:
    """Whether every item of the 、-list text[start:end] reports a number
    (办理网上信访2003件、网民留言1186件、热线工单17万件): a list of counts is
    the work done, broken down, not a list of topics."""
    return all(QUANTITY.search(item) for item in text[start:end].split("、"))


def _compiled_list(text: str, start: int, end: int) -> bool:
    """Whether the 、-list text[start:end] is documents the body draws up: a
    compiling verb in its first item or just before it, every item a list or a
    rule (…清单、…目录)."""
    items = text[start:end].split("、")
    return (len(items) > 1 and bool(COMPILING.search(text[max(0, start - 4):start] + items[0]))
            and all(COMPILED_ITEM.fullmatch(item) for item in items))


def _handled_list(text: str, start: int, end: int) -> bool:
    """Whether the 、-list text[start:end] is what was taken in and dealt with
    (its last item, or the words after it, say …实现统一受理)."""
    return bool(HANDLED.search(text, start + text[start:end].rfind("、") + 1, end) or HANDLED.match(text, end))


def _one_themes_list(text: str, start: int, end: int, found: list[re.Match[str]]) -> bool:
    """Whether every item of the 、-list text[start:end] holds a term found
    (items that are only a number, 35件, aside), with LIST_OF_ONE_THEME
    distinct terms at least."""
    inside = [m for m in found if start <= m.start() < end]
    if len({m.group(0) for m in inside}) < LIST_OF_ONE_THEME:
        return False
    bounds = [start, *(k + 1 for k in range(start, end) if text[k] == "、"), end + 1]
    return all(any(a <= m.start() < b - 1 for m in inside) or NUMBER_ITEM.fullmatch(text[a:b - 1])
               for a, b in zip(bounds, bounds[1:]))


def _classify(item: tuple[Passage, Context | None], document: Document, taxonomy: Taxonomy) -> Passage:
    """A passage's themes, judged with its context: the headings above it and
    its lead-in count at heading_weight; where the passage reports a number it
    is concrete work under its own heading, whose terms then count in full (the
    nearest heading naming an area: statistics under 数据情况 belong to the
    area its parent heading names). An opening paragraph that reports no
    number (the year's aims, 现将有关情况报告如下) reports no work: its terms
    weigh as mentions."""
    passage, context = item
    if context is None:  # a table cell
        return passage
    # A piece of a broken line (组建, a word cut off from its sentence) reports nothing
    # by itself: the headings above it lend it no theme.
    broken = bool(FRAGMENT.fullmatch(passage.text.strip())) and len(passage.text.strip()) <= BROKEN
    around = "" if broken else "\n".join(context.headings + ((context.lead,) if context.lead else ()))
    unnumbered = SECTION_ORDINAL.sub("", passage.text, count=1) if SECTION_ORDINAL.match(passage.text) else passage.text
    concrete = bool(QUANTITY.search(NAMED_NUMBER.sub("", RANK.sub("", unnumbered))))
    nearest = _nearest_naming(context.headings, taxonomy) if concrete and not broken else ""
    opening = not concrete and (context.opening or bool(REPORTING.search(passage.text)))
    # A lone line of a few words with no clause mark and no number (创新“情理法融合”纠纷化解机制,
    # a news item's unnumbered subheading; 三是对行政处罚金额, a sentence cut off) names a topic or
    # breaks off before its work: like a heading, its own words weigh as mentions.
    # So does a news item's subheading of phrases side by side (HEADLINE).
    label = not concrete and not broken and bool(FRAGMENT.fullmatch(passage.text.strip())
                                                 or (unnumbered is not passage.text and HEADLINE.fullmatch(unnumbered.strip())))
    mention = taxonomy.concrete_mention_weight if concrete else taxonomy.mention_weight
    planned = bool(PLAN_START.match(passage.text)) or any(
        {2, 4} & set(_part_numbers(h, taxonomy)) for h in context.headings)
    owns = {}
    unserved = _without_served_requests(passage.text, taxonomy)
    for theme in taxonomy.themes:
        own = find_terms(theme, passage.text if theme.served else unserved, mention, taxonomy.repeat_weight, taxonomy.threshold, aims=not planned)
        if opening or label:
            own = {t: w * taxonomy.mention_weight for t, w in own.items()}
        if opening:
            for outcome in (m for m in OUTCOME.finditer(passage.text) if not OUTCOME_AIMED.search(m.group(0))):
                for t, w in find_terms(theme, outcome.group(0)).items():
                    own[t] = max(own.get(t, 0), w)
        # Terms that are the theme's only in company (不予处罚, 首违不罚: leniency for firms) count
        # where the passage names whom it serves or another of its words (包容审慎监管…不予处罚);
        # with each other alone they are another theme's work.
        if theme.beside_served and not set(own) - set(theme.beside_served):
            own = {t: w for t, w in own.items() if t not in theme.beside_served}
        owns[theme.slug] = own
    if nearest:
        # A number reported in words of another area (行政复议案件41件 under 行政执法)
        # belongs to that area, not to the heading's: the heading decides
        # only statistics that name no area of their own (mentions included:
        # 为行政执法人员讲授习近平法治思想，参加210人 reports a lesson).
        named = heading_themes(nearest, taxonomy)
        alone = {theme.parent or theme.slug for theme in taxonomy.themes
                 if sum(context_terms(theme, passage.text).values()) >= taxonomy.threshold - 1e-9}
        if alone - named:
            nearest = ""
        # ... nor statistics that name the heading's own area only as a topic (研究执法办案
        # 等工作3次, 开展《…条例》执法检查，梳理问题6个): a mention, an agenda or a law's
        # check says the number counts meetings or findings about the area, not work in it.
        elif any(_only_mentioned(theme, owns[theme.slug]) for theme in taxonomy.themes
                 if (theme.parent or theme.slug) in named):
            nearest = ""
    # Work of another area whose own words decide it, naming the heading's area only as a
    # modifier or a topic (开展行政执法性文件清理 under 完善执法体系: documents cleared, rules
    # work): the heading lends its area nothing; the passage names that area and does other work.
    decided = {theme.slug for theme in taxonomy.themes
               if sum(owns[theme.slug].values()) >= taxonomy.threshold - 1e-9
               and not _only_mentioned(theme, owns[theme.slug])}
    matches: dict[str, ThemeMatch] = {}
    for theme in taxonomy.themes:
        own = owns[theme.slug]
        lent = not (decided - {theme.slug} and _only_mentioned(theme, own))
        above = {t: taxonomy.heading_weight * w for t, w in context_terms(theme, around).items()} if around and lent else {}
        if nearest:
            above.update(context_terms(theme, nearest))
        above = {t: w for t, w in above.items() if w > own.get(t, 0)}
        score = sum(own.get(t, 0) if t not in above else above[t] for t in set(own) | set(above))
        if score >= taxonomy.threshold - 1e-9:
            matches[theme.slug] = ThemeMatch(theme.slug, round(score, 3), deciding_terms(theme, own), tuple(sorted(above)))
    # Firms named beside another theme's work (对312家经营主体开展监督检查, 调处涉企劳资
    # 纠纷, 为市场主体减免罚款) are whom that work reached: words of whom a theme serves
    # decide it only with a word of its own work, a heading of its own, or alone.
    for theme in taxonomy.themes:
        match = matches.get(theme.slug)
        if (theme.served and match and not match.heading_terms and set(match.terms) <= set(theme.served)
                and any(other != theme.slug for other in matches)):
            del matches[theme.slug]
    # A passage of a subtheme belongs to its parent too, with the terms of both.
    for theme in taxonomy.themes:
        sub = matches.get(theme.slug)
        if theme.parent and sub and not theme.alone:
            parent = matches.get(theme.parent)
            terms = tuple(sorted(set(sub.terms) | set(parent.terms if parent else ())))
            headed = tuple(sorted(set(sub.heading_terms) | set(parent.heading_terms if parent else ())))
            matches[theme.parent] = ThemeMatch(theme.parent, max(sub.score, parent.score if parent else 0), terms, headed)
    order = [t.slug for t in taxonomy.themes]
    return Passage(passage.anchor, passage.paragraph, passage.section, passage.text,
                   tuple(sorted(matches.values(), key=lambda m: order.index(m.theme))))


def _only_mentioned(theme: Theme, own: dict[str, float]) -> bool:
    """Whether the passage names the theme, and only by terms it mentions (each
    weighing less than in full)."""
    weights = _matchers(theme)[2]
    return bool(own) and all(w < weights[t] - 1e-9 for t, w in own.items())


def deciding_terms(theme: Theme, own: dict[str, float]) -> tuple[str, ...]:
    """The words shown as why a passage is in a theme: those that counted in
    full in their role (the object of the work, the head of a count); a term
    read as a modifier, an actor's name or one topic of a list counted as a
    mention and is left out, unless no term counted in full (an opening
    paragraph, a passage decided by mentions together), when all are shown."""
    weights = _matchers(theme)[2]
    full = tuple(sorted(t for t, w in own.items() if w >= weights[t] - 1e-9))
    return full or tuple(sorted(own))


# A sub-heading this short that names no area is a neutral label (数据情况,
# 工作成效, 基本情况): the passages under it belong to the area its parent names.
# A longer one (加强法治工作队伍建设) has a topic of its own and decides alone.
NEUTRAL_HEADING = 6


def _nearest_naming(headings: tuple[str, ...], taxonomy: Taxonomy) -> str:
    """The nearest heading above, when it names one area (none when it names
    several: 矛盾纠纷化解和突发事件应对 decides none alone); under neutral
    labels (数据情况), the nearest heading above them that names one."""
    for k, heading in enumerate(reversed(headings)):
        named = heading_themes(heading, taxonomy)
        if named:
            return heading if len(named) == 1 else ""
        if k + 1 < len(headings) and len(heading) > NEUTRAL_HEADING:
            return ""
    return ""


@lru_cache(maxsize=4096)
def heading_themes(heading: str, taxonomy: Taxonomy) -> frozenset[str]:
    """The top-level themes a heading names by its own terms or by a subtheme's
    (一、行政复议案件情况 names 矛盾纠纷化解 by 行政复议); a subtheme that reaches its
    parent only with the parent's own terms (legal services) names none."""
    return frozenset(t.parent or t.slug for t in taxonomy.themes
                     if not (t.parent and t.alone)
                     and sum(context_terms(t, heading).values()) >= taxonomy.threshold - 1e-9)


@lru_cache(maxsize=4096)
def context_terms(theme: Theme, text: str) -> dict[str, float]:
    """find_terms of a heading or lead-in, read once for all the passages below it.
    Callers must not change the result."""
    return find_terms(theme, text)


# --- parts --------------------------------------------------------------------

def map_parts(document: Document, taxonomy: Taxonomy) -> tuple[PartMatch, ...]:
    """Map each top-level section onto the required parts.

    A heading naming a part maps to it (to two parts when it names both, as in
    存在的不足和下一步工作计划). A top-level section whose heading names none but
    whose subsections do (二、主要内容 over 第一部分…) is replaced by them. A
    section naming no part, before the first section of parts 2, 4 or 5, is part 1 by
    position (reports often title their measures by topic); one after it, or
    naming a part of the report's own (起草背景), is the report's own part.
    """
    children: dict[str, list[Section]] = {}
    for section in document.sections:
        parent = section.anchor.rsplit("-", 1)[0] if "-" in section.anchor else ""
        children.setdefault(parent, []).append(section)
    units: list[tuple[Section, tuple[int, ...]]] = []
    for section in children.get("", []):
        numbers = _part_numbers(section.title, taxonomy)
        subs = [(s, _part_numbers(s.title, taxonomy)) for s in children.get(section.anchor, [])]
        if not numbers and any(n for _, n in subs) and not _is_own(section.title, taxonomy):
            units.extend(subs)
        else:
            units.append((section, numbers))
    # Part 3 often sits among the measures; parts 2, 4 and 5 come after them.
    later = next((i for i, (_, n) in enumerate(units) if set(n) & {2, 4, 5}), len(units))
    result = []
    for i, (section, numbers) in enumerate(units):
        if numbers:
            result.append(PartMatch(section.anchor, section.heading, numbers))
        elif i < later and not _is_own(section.title, taxonomy):
            result.append(PartMatch(section.anchor, section.heading, (1,), inferred=True))
        else:
            result.append(PartMatch(section.anchor, section.heading, (), own=True))
    return tuple(result)


@lru_cache(maxsize=4096)
def _part_numbers(title: str, taxonomy: Taxonomy) -> tuple[int, ...]:
    """The parts a heading names (asked of every heading above every passage: cached)."""
    found = [p.number for p in taxonomy.parts if any(term in title for term in p.terms)]
    # 第一责任人 headings often also say 加强法治政府建设的有关情况; the duty wins.
    if 3 in found:
        return (3,)
    return tuple(found)


def _is_own(title: str, taxonomy: Taxonomy) -> bool:
    return any(term in title for term in taxonomy.own_parts)


# --- figures ------------------------------------------------------------------

def _figures(passage: Passage, indicators: tuple[Indicator, ...], headings: tuple[str, ...] = (),
             family: dict[str, set[str]] | None = None) -> list[Figure]:
    found: list[Figure] = []
    themes = {m.theme for m in passage.themes}
    for indicator in indicators:
        # A number counts only where the passage is about the indicator's
        # theme (or one of its subthemes): 参训2100余人次 is enforcement
        # training in an enforcement passage.
        if not themes & (family or {}).get(indicator.theme, {indicator.theme}):
            continue
        spans: set[tuple[int, int]] = set()
        for pattern in indicator.patterns:
            if not all(any(w in passage.text for w in words) for words in _source_needs(pattern.source)):
                continue  # a word of the pattern is not in the passage: it matches nowhere
            n, pre, post = _number_groups(pattern.regex)
            for m in pattern.regex.finditer(passage.text):
                span = m.span(n)
                if span in spans:
                    continue
                value = parse_number(m.group(n))
                if value is None:
                    continue
                if indicator.context and not _in_context(indicator.context, passage.text, m.end(), headings):
                    continue
                spans.add(span)
                found.append(Figure(
                    indicator=indicator.slug,
                    value=_tidy(value * pattern.scale),
                    unit=indicator.unit,
                    approx=m.group(pre) or m.group(post) or "",
                    text=m.group(0),
                    passage=passage.anchor,
                    sentence=_sentence_at(passage.text, m.start()),
                ))
    # One number, one measure: where two indicators took the same number, the
    # phrasing nearest to it (the shorter match) says what it counts:
    # 调解组织排查各类矛盾纠纷30146件 is a count of disputes screened.
    nearest: dict[int, Figure] = {}
    for f in found:
        end = passage.text.find(f.text) + len(f.text)
        if end not in nearest or len(f.text) < len(nearest[end].text):
            nearest[end] = f
    found = [f for f in found if nearest.get(passage.text.find(f.text) + len(f.text)) is f]
    return sorted(found, key=lambda f: passage.text.find(f.text))


@lru_cache(maxsize=1024)
def _source_needs(source: str) -> list[frozenset[str]]:
    """The words a pattern of indicators.yml cannot match without (_needed):
    its own words, the number and gaps taken as any character. Each pattern
    asked of every passage of its theme, RE2 (through its wrapper, which
    encodes the passage anew each time) was most of finding figures."""
    from re import _parser  # type: ignore[attr-defined]

    expanded = re.escape(source).replace(r"\{n\}", ".").replace(r"\{_\}", ".*")
    expanded = expanded.replace(r"\(", "(?:").replace(r"\)", ")").replace(r"\|", "|").replace(r"\?", "?")
    return _needed(_parser.parse(expanded))


@lru_cache(maxsize=1024)
def _number_groups(regex) -> tuple[int, int, int]:
    """The numbers of a pattern's groups n, pre and post: RE2's span() takes
    group numbers only, and its wrapper works out the names' numbers anew at
    every group("name") (once per pattern and passage, and per match)."""
    index = regex.groupindex
    return index["n"], index["pre"], index["post"]


def _in_context(words: tuple[str, ...], text: str, end: int, headings: tuple[str, ...]) -> bool:
    """One of the words stands before ``end`` in the same sentence, or in a heading above."""
    start = max(text.rfind(c, 0, end) for c in "。！？") + 1
    sentence = text[start:end]
    return any(w in sentence for w in words) or any(w in h for w in words for h in headings)


def parse_number(text: str) -> float | None:
    """99.25 -> 99.25; 1,234 -> 1234; 13万 -> 130000; 一千 -> 1000; 两千三百 -> 2300."""
    text = text.replace(",", "")
    scale = 1
    if text[-1] in "万亿" and text[:-1].replace(".", "", 1).isdigit():
        scale = 10_000 if text[-1] == "万" else 100_000_000
        text = text[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) * scale
    # Chinese numerals: jionlp's money parser reads them (一千 -> 1000.00).
    parsed = _jionlp_money(text + "元")
    if not parsed or parsed.get("definition") != "accurate":
        return None
    return float(parsed["num"])


def _jionlp_money(text: str) -> dict | None:
    try:
        return load_jionlp().parse_money(text)
    except (ValueError, TypeError):
        return None


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)


def _sentence_at(text: str, index: int) -> str:
    for m in CLAUSE.finditer(text):
        if m.start() <= index < m.end():
            return m.group(0)
    return text


# --- figures of tables (a report read from a page, PDF or Word file keeps its tables) -------

TABLE_NUMBER = re.compile(r"^[约近超逾]?\s*(\d[\d,]*(?:\.\d+)?)\s*(%|％|件|宗|起|个|人次|人|次|家|项|万元|元)?$")
YEAR_HEADER = re.compile(r"((?:19|20)\d{2})\s*年?度?")
HEADER_UNIT = re.compile(r"[（(]\s*(%|％|件|宗|起|个|人次|人|次|家|项|万元|元)\s*[)）]")


def table_anchor(index: int) -> str:
    """The id of a report's index-th table (from 0) on its page."""
    return f"table-{index + 1}"


def table_figures(tables: Sequence[Table], document: Document, taxonomy: Taxonomy,
                  family: dict[str, set[str]]) -> tuple[Figure, ...]:
    """Figures of tables: each number cell is read as a sentence made of its
    row's header, its column's header and the number (with the unit the cell
    or a header gives), so a 行政复议 table whose rows are 收到/受理/审结 and
    whose column is 件数 yields those measures. The caption and the heading
    above the table are the context that decides the theme, as for a paragraph."""
    found: list[Figure] = []
    for index, table in enumerate(tables):
        head = table.rows[: table.header_rows]
        above = _heading_above(document, table.line)
        context = Context(tuple(h for h in (above, table.caption) if h))
        # A table of several years (2022年 | 2023年) gives the latest year's column only:
        # the others are earlier years' figures, not the report's.
        years = {c: int(y.group(1)) for c in range(1, len(table.rows[0])) for h in head
                 if c < len(h) and (y := YEAR_HEADER.fullmatch(h[c].strip()))}
        latest = {c for c, y in years.items() if y == max(years.values())} if len(set(years.values())) > 1 else None
        for row in table.rows[table.header_rows:]:
            for column in range(1, len(row)):
                if latest is not None and column not in latest:
                    continue
                m = TABLE_NUMBER.match(row[column].strip())
                if not m or not row[0].strip():
                    continue
                header = "".join(dict.fromkeys(h[column] for h in head if column < len(h) and h[column]))
                unit = m.group(2) or next((u.group(1) for t in (header, row[0]) if (u := HEADER_UNIT.search(t))), "")
                phrase = HEADER_UNIT.sub("", f"{row[0]}{header}")
                # The caption (else the heading above) leads the sentence: a cell's own
                # words (受理, 审结) name no area, the table's title does.
                lead = table.caption or above
                text = f"{lead}：{phrase}{m.group(1)}{unit.replace('％', '%')}。" if lead else \
                    f"{phrase}{m.group(1)}{unit.replace('％', '%')}。"
                passage = _classify((Passage(table_anchor(index), table_anchor(index), "", text), context),
                                    document, taxonomy)
                found += _figures(passage, taxonomy.indicators, context.headings, family)
    return tuple(found)


def _heading_above(document: Document, line: int) -> str:
    """The heading of the section a table stands in (by line)."""
    above = ""
    for section in document.sections:
        if section.line < line:
            above = section.heading
    return above

