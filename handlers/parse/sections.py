"""Done / problems / next_plan: a report split into what was done, what is in the way, what comes next.

Works with labels (【】, 一、二、三、, 存在问题：, 下步计划) and without them, including voice
input with no punctuation, where the label words themselves mark the breaks.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.parse.idle import IDLE
from handlers.parse.opening import SUBJECT_CHARS, TOPIC_ONLY, WORK_SAID, cut_period, is_intro, open_plainly, topic_only
from handlers.parse.text import (
    CLAUSE_SEPARATORS,
    SENTENCE,
    Clause,
    clauses,
    join,
    sentence_end,
    squeeze,
    without_retractions,
)
from handlers.parse.voice import OPENER, PLAN_LEAD, PROBLEM_WORDS, WON, voice_breaks

DONE, PROBLEMS, PLAN = "done", "problems", "next_plan"

_ENUM = r"(?:[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、．)）]|\d+\.(?!\d)|[（(][一二三四五六七八九十\d]+[)）])"
_TAIL = r"(?:\s*(?:】|[:：]|是|为))"
# Long labels may run straight into their text ("下步计划做好修剪"); short ones need a colon or 是.
_LABELS = (
    (PROBLEMS, r"存在的?(?:问题[和与及]困难|困难[和与及]问题|问题|困难|不足)|主要(?:问题|困难)|困难[和与及]?问题|问题困难"
               r"|问题[和与及]困难|需要?(?:镇里|上级)?协调(?:解决)?的?(?:事项|问题)|卡点", False),
    # 难处, and the north-west's 麻达 ("现在麻达是种薯还没到位"), say trouble as 问题 does
    (PROBLEMS, r"(?:问题|困难|难处|麻达)(?:就|主要|还)?(?=是)|问题|困难|难点|难处|麻达|缺口|不足", True),
    (PROBLEMS, r"遇到(?:了)?(?:个|一个|些|一些|点)?(?:问题|困难)(?:是|就是)?", False),  # "遇到个问题 三社有户人不准…"
    # 下不/下部计划: 下步 as voice input types it
    (PLAN, r"下(?:一?步|[不部布]步?(?=计划|打算))(?:工作)?(?:计划|打算|安排|准备|思路|将|要)?"
           r"|下个?月(?:工作)?(?:计划|打算|安排|准备|想)"
           r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?:计划|打算|准备)|(?:年后|节后|开春后?|过完年|今年|明年|下半年)(?:计划|打算|准备)"
           r"|接下来(?:准备|计划|打算|要|将)?|(?:后期|后续|下阶段|下一阶段)(?:工作)?(?:计划|打算|安排|将|要)"
           r"|工作计划|计划|打算|准备", False),
    (PLAN, r"下个?月|下一?阶段|下步", True),  # "下月：完成剩余大棚覆膜"
    (DONE, r"本月(?:工作)?(?:进展|完成情况|工作)|工作(?:进展|开展情况|情况|小结|成效)|进展情况|完成情况"
           r"|主要(?:工作|做法|成效)|已完成工作|进展|做法", True),
)
# One pattern for every label; the group that matched names the section (long labels first).
_LABEL_RE = re.compile(
    rf"^\s*(?P<enum>{_ENUM})?\s*(?P<open>【)?\s*(?:"
    + "|".join(f"(?P<g{i}>{words})" for i, (_, words, _) in enumerate(_LABELS))
    + rf")(?P<tail>{_TAIL})?\s*"
)
# Before these words a new clause starts even without punctuation (voice input).
_BREAKS = re.compile(r"(?<![、.．\s【:：，,。；;！!？?])(?<!存在)(?<!存在的)"
                     r"(?=存在的?问题|存在的?困难|(?:问题|困难|缺口|难处|麻达)(?:就|主要)?是|下一?步|下个?月计划|接下来)")
# A gap said closed ("资金缺口这块县里补助了15万元") is no problem.
# "解决了化粪池堵塞、监控坏了这些问题": troubles named as solved are work done.
_SOLVED = re.compile(r"(?:解决了|处理了|化解了|办结了|整改了|修好了|排除了)(?![^，,。；;]*(?:没|未|不))")
_PROBLEM_MARK = re.compile(r"卡在|缺口(?![^，,。；;]{0,4}(?:解决|补上|补齐|到位)|[^，,。；;]{0,12}(?:补助|补上|解决|补齐)了)"
                           r"|(?:还|就|只)剩[^，,。；;]{1,12}?[没未]|难度(?:较|很|比较)?大|跟不上|不到位|不足|短缺|滞后|制约|瓶颈|难以|还差"
                           rf"|困难(?!户|党员|群众|家庭|职工|老人|学生)|{PROBLEM_WORDS}")
# "天冷了", "雨水多", "停了半个月": the weather and a stop said as why work stalled.
# "因连续低温，", "今年冬天旱", "冻的太厉害", "工地就停了", "到货晚了一周": the cause alone, the frost, a stop, a delay.
_STALLED = (r"|^\s*(?:天(?:太)?[冷热旱]了?|雨水?(?:太)?多|连续下雨|一直下雨|干旱|冻住了?|结冰)|停了[^，,。；;]{0,3}[天周月]"
            r"|^\s*(?:因为?|由于)[^，,。；;\d]{1,10}$|^[^，,。；;]{0,6}(?:冬天|天气|今年|天)[^，,。；;]{0,2}(?:太|特别|有点)?旱"
            r"|冻[得的]?(?:太|很|特别)?厉害|(?:工地|施工|工程|活儿?|土方)[^，,。；;]{0,3}(?:就|也|都)?(?:停了|暂停|停下来)"
            r"|(?:晚|迟)了[^，,。；;]{0,3}(?:天|周|个?月|礼拜|星期)")
# Setbacks a report may also tell as done ("受春节影响停工十来天，节后已复工"): problems only when the message
# has no problems label of its own to say where its problems are.
_SETBACK = re.compile(r"延误|耽误|耽搁|拖慢|下降|下滑|减产|亏损|损失|退订|(?:订单|销量|客流|游客|收入|产量)[^，,。；;]{0,3}减少|(?:因|由于|受)[^，,。；;]{1,12}影响"
                      r"|(?:推进|进展|进度)(?:较|很|比较|有些|有点)?(?:缓慢|慢|不大)|没法|无法|(?<![没未不])停工"
                      r"|有意见|不同意|不配合|阻工|阻挠|(?:在|还在)?等(?:着)?[^，,。；;]{0,8}(?:批复|审批|批下来|批准|拨付)"
                      + _STALLED)
# "受春节影响，…营业收入约210万元，比去年同期涨了三成": a cause told with a gain is no setback.
_GAINED = re.compile(r"涨了|增长了?|增加了|提高了|上升了?|翻了|好于|超过了?去年|创新高")
# "还差一台自助终端，要2.8万": what the missing thing costs is the trouble's, not a plan.
_COST = re.compile(r"^\s*(?:还)?(?:要|需要?|得)\s*[\d一二三四五六七八九十两几.]+(?:多|来)?[万千百]?(?:元|块钱?)?\s*$")
_CONDITION = re.compile(r"^[^，,。；;\d]{1,6}一(?:封冻|冷|热|下雨|下雪|涨水|化冻|开春|入冬|到冬天|进汛期)\s*$")
_SPOKEN_SUBJECT = re.compile(r"(?:整个|这个)?(?:项目|工程)(?:整体|总体|总)?$")
_PLAN_FILLER = re.compile(r"^\s*(?:就是说?|主要是)(?=\S)")
_DONE_AGAIN = re.compile(r"又[^，,。；;]{0,8}了")
_WARNED = re.compile(r"别|不要|防止|以免|避免|怕|担心")
_SEASON_START = re.compile(r"^\s*(?:开春|年后|节后|过完年|过了年)")
_PLAN_WORD = re.compile(r"再|要|准备|计划|打算|争取|想|接着|继续|了就")  # "开春二月二过了就开工": when, then what


def _told_as_done(body: str, clause: Clause) -> bool:
    """"节后组织社员修剪枸杞园320亩，补栽苗子1.5万株，买苗子花了3万2千元": a season said first, then results."""
    if not _SEASON_START.match(clause.text):
        return False
    rest = body[clause.start:sentence_end(body, clause.start)]
    return "了" in rest and not _PLAN_WORD.search(rest)


# After 就是/但是/不过 a clause that says something is missing or wrong is a problem ("但是销路还没打开");
# one that says nothing negative is not ("但是群众很支持").
_BUT = re.compile(r"^\s*(?:现在|目前|眼下)?\s*(?:就是说?|但是|不过|可是|只是|(?:发?愁|头疼|麻烦|难)的是"
                  r"|(?:剩下|剩余)的?(?:主要)?(?:就是|是)(?=[^，,。；;]{0,8}[没未不缺难少慢低差窄贵]))")  # the conjunction that opens a problem is not its text
_COMPLAINT = re.compile(r"[没未不缺难少慢低差窄贵]|老是|总是|报警|故障|意见|影响|因为|由于|退出|涨价|嫌|担心|要补|得补|补一下")
# "将渔场320亩低效老塘统一收回改造": 将 before a counted thing marks the object, as 把 does; it plans nothing.
_OBJECT = r"[^，,。；;]{0,8}?\d+(?:\.\d+)?[亩户个处间口米座栋家]"
_PLAN_START = re.compile(r"^\s*(?:[^，,]{0,5}?(?:前|后|底|内|初)|明年|下月|下个月|近期|后续|后期|随后|下阶段)?\s*"
                         rf"(?:还要|还将|还需|要|将(?!{_OBJECT})|拟|{WON}争取(?!到)|力争|迎接)"
                         r"|^\s*(?:[^，,]{0,5}?(?:前|后|底|内|初)|明年|下月|下个月|近期|下阶段)\s*想"  # "春节前想再进一批"
                         # "恳请镇里安排验收", "资料整理好了就申请验收": acceptance asked for comes next
                         r"|^\s*(?:现|现在|特此|并|同时)?\s*(?:申请|恳请|提请|请)[^，,。；;]{0,12}验收(?![^，,。；;]*了)"
                         r"|^[^，,。；;]{0,12}(?:就|再|后|以后)\s*申请[^，,。；;]{0,8}验收"
                         r"|^\s*(?:下个?月|下半月|下周|明年)(?!的|能|可以|预计)|^\s*到时候(?![^，,。；;]*(?:了|不|没|难))"
                         r"|^\s*[^，,]{0,5}?(?:前|底)\s*把(?![^，,。；;]*了)"  # "春节前把主街的垃圾桶换完"
                         rf"|^\s*(?:{PLAN_LEAD}|这个月|本月)\s*(?:想|再|要|准备|打算|计划|争取|就(?!是))"
                         r"|^\s*等[^，,。；;]{1,10}(?:了|后|以后)"  # "等天晴了马上组织补种"
                         r"|^\s*等(?:到)?(?:开春|年后|节后|过完年|天暖和?|化冻)"  # "等开春接着整"
                         r"|^\s*(?:开春|年后|节后|过完年)[^，,。；;]{0,10}(?:接着|继续)"  # "开春化动了还田那块接着整"
                         r"|^\s*预计\s*(?:明年|今年|下个?月|年底|年前|年后|开春|春节|[\d一二三四五六七八九十]+月|本?月底|月中|下周"
                         r"|清明|端午|中秋|国庆|元旦|五一)"
                         # "剩下30亩这个月补完": the work left, to be finished by a time
                         r"|^\s*(?:剩下|剩余|余下)的?[^，,。；;]{1,8}(?:这个月|本月|下个?月|月底|年底|年前)[^，,。；;]{0,4}"
                         r"(?:补|弄|干|做|搞|完成|种)(?![^，,。；;]*了)"
                         # "开春后栽", not "年后刚开始" nor "节后组织…搞了培训" (done since)
                         r"|^\s*(?:开春|年后|节后|过完年|过了年|下半年)(?!刚|才|开始\s*$|第一|头一|已|共|累计|陆续|新|又)"
                         r"(?![^，,。；;]*[了已])(?![^。；;再要准计打争]*?\d+(?:人|户|名|家))"  # "节后返岗工人72人": a result
                         # "开春二月二过了就开工", "二月二过了施工队就进场": when a day is past, what then
                         r"|^[^，,。；;]{0,8}过了[^，,。；;]{0,6}(?:就|再)(?![^，,。；;]*了)"
                         # "过两天俺再跟李书记去谈", "俺和李书记下礼拜去做工作", "俺们计划年底前再招几个人"
                         r"|^[^，,。；;]{0,6}?(?:下个?礼拜|下个?星期|下周|过两天|过几天|改天)"
                         r"|^\s*(?:俺们?|我们|咱们?|村里)\s*(?:计划|打算|准备)"
                         # "剩下就是年底算账分红": the work left, said with when
                         r"|^\s*(?:剩下|剩余|余下)的?就是(?=[^，,]{0,4}(?:年底|月底|年前|下个?月|明年|再))"
                         # "剩余12户确定明年三月动工", "剩下二十箱明年开春再分", "剩下的是把验收资料整理好"
                         # "就剩年底评先进户了" (就剩 alone may be work done or a trouble)
                         r"|^\s*(?:剩下|剩余|余下|(?:就|只)剩下?)的?[^，,。；;没未缺]{0,10}?(?:明年|来年|开春|年后|节后|过完年"
                         r"|过了年|下个?月|下半年|年底|年前|[\d一二三四五六七八九十]{1,3}月份?(?:底|初|中旬|下旬|上旬)?前?)"
                         r"(?![^，,。；;]*了(?!\s*$))"
                         r"|^\s*(?:剩下|剩余|余下)的?(?:主要|就)?是\s*把"
                         # "过了十五再去县里谈合作": after a feast day, what comes then
                         r"|^\s*过了[^，,。；;了]{1,6}?(?:再|准备|打算|就要|接着|继续|开始)(?![^，,。；;]*了)"
                         # "九月份把剩下十个棚子建完", "八月份恢复生产" (not done: no 了)
                         r"|^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?(?:底|初|中旬|下旬|上旬)?前?\s*"
                         r"(?:把|再|开始|恢复|启动|进场|开工|动工|开建)(?![^，,。；;]*了)")
_HELP_ASKED = re.compile(r"^\s*(?:还)?(?:要|需要?|得)请[^，,。；;]{1,10}(?:来|帮忙|帮着)?(?:处理|解决|看看|维修|修|协调)")
# "明年要装的户数定下来46户": what a plan word leads to is already settled — work done this month.
_FIXED = re.compile(r"的[^，,。；;]{1,6}(?:已经|都)?(?:定下来|定好|敲定|确定|落实)(?:了|\s*[\d一二两三四五六七八九十几])")
# "下个月把护栏装完": a bare 下个月 opening a plan says only that it is a plan, as a label does.
_NEXT_MONTH = re.compile(r"^\s*(?:(?:俺们?|我们|咱们?|村里)\s*(?:计划|打算|准备)|(?:剩下|剩余|余下)的?(?:主要|就)?是|(?:就|只)剩下?)?\s*"
                         r"(?:下个?月(?![底初中前末]|[上中下]旬|\d|[一二三四五六七八九十]+[号日]))?")
# "正在做工作", "正在协调" after a trouble is how it is being handled: still the problem.
_ACTION_START = re.compile(r"^\s*(?:目前|现在|村里|我们|现)?\s*(?:(?:正在|正)(?!做工作|协调|沟通|想办法|劝)|已经|已)"
                           # a new statement of work: the month it was done in, or a thing finished ("趁这工夫把冷库建好了")
                           r"|^\s*(?:这个月|本月|这月)(?!\s*(?:想|再|要|准备|打算|计划|争取))"
                           r"|^[^，,。；;没未不缺难]{0,8}把[^，,。；;没未不]{1,12}(?:好|完|成|上|起来)了"
                           # "过年停了半个月,节后新换蜂箱15个": work again once the stop was over
                           r"|^\s*(?:节后|年后|过完年|过了年|开春后?)\s*(?:新|又|已经?|陆续|共|累计)"
                           # "完成了已铺路段的养护", "就是把验收资料整了整": work again after the trouble
                           r"|^\s*(?:完成了|做了|搞了|办了)|^[^，,。；;没未不缺难]{0,8}把[^，,。；;没未不]{1,16}?(.)了\1")
# "还有四十来亩地是老人的…", "就是天马上冷了…": what is left, or a 就是 with nothing wrong in it yet, said before
# what is wrong with it
_STILL = re.compile(r"^\s*(?:还有|就是(?!(?:把|跟|和|给|去|到|帮|找)[^，,。；;]*了)|但是|不过|可是|只是)")
# "现在缺个懂技术的" after a plan: a trouble said as how things stand now is a problem again.
_NOW = re.compile(r"^\s*(?:现在|目前|眼下)")
_SETTLED = re.compile(r"(?:好|完|齐|妥|成)了\s*$")  # "还有村规民约也修订好了": more work done, no trouble begun
_HEADER_LINE = re.compile(r"^\s*[【\[].*[】\]]\s*$")
# "【3月月报】双河村 光伏发电增收项目\n": the title, and a line of names only (no figure, no punctuation) on it or
# right after it.
_BRACKET_HEAD = re.compile(r"^\s*【[^】\n]{0,20}】[ \t]*(?:\n[ \t]*)?(?:[^，,。；;：:、\d\n]{1,60}\n)?")
# "【3月月报】双河村 光伏发电增收项目 本月…" on one line: the names before the text end like names.
_NAME_TOKEN = re.compile(r"[^\s，,。；;：:、\d]{0,40}(?:村|社区|项目|工程|基地|合作社|示范带|示范点|驿站|治理|攻坚|队伍|发展"
                         r"|振兴|开发|建设|提升|经济|产业|行动|”)[ \t]+")
# A space between words of voice-typed text is where the speaker paused ("打了两遍药 疏了一次果"): a clause break.
_PAUSE = re.compile(r"(?<=[\u4e00-\u9fff\d%％”])[ \t\u3000]+(?=[\u4e00-\u9fff“])")
_FORM_FIELD = re.compile(r"^\s*(?:项目名称|项目|村名|单位|填报人|报送人|责任人|汇报人)[:：][^。；;\n]*[。；;\n]")
_LEAD_HEADER = re.compile(r"^[^，,。；;！!？?\n：:]{1,25}[：:]")
# A clause left with nothing but an enumerator or "截至目前" once its progress figure is cut.
_FILLER = re.compile(r"^\s*(?:\d+[.、]|[一二三四五六七八九十]+、)?\s*"
                     r"(?:截至目前|截至|目前|现在|到目前为止|总体|整体|当前|嗯+|呃|啊|那个|这个|就是说|然后)?"
                     # "进度还是70%没变", "进度没什么变化": the figure's own "no change", once it is cut
                     r"(?:进度)?(?:没变化|没变|不变|没什么变化|没啥变化|没有变化|持平)?\s*$")
# "光伏项目进展不大", "主要忙春节值班": a month that moved nothing on the project tells no work done on it; the cause
# given ("人手都抽去防台风了") is its problem.
_BUSY = re.compile(r"^[^，,。；;\d]{0,8}?(?:主要|一直|都)在?忙|^\s*在?忙(?:于|着|了)"
                   r"|^[^，,。；;\d]{0,8}?(?:忙)?(?:过年|过节|农忙|三夏|三秋|秋收|春耕)(?:期间)?\s*$"
                   r"|^[^，,。；;\d]{0,8}?主要精力(?:都)?(?:在|放在|用在|集中在)")  # "村里主要精力在三秋上"
_CAUSE = re.compile(r"(?:人手|人|精力|干部)[^，,。；;]{0,4}都?(?:抽|调|去|用在)|因为|由于")
# "存在问题：无" says there is none.
_NONE_SAID = re.compile(r"^(?:无|暂无|没有|无明显问题|暂无问题|没有问题|无问题)$")


@dataclass(frozen=True)
class DoneCuts:
    """What a report's text fields leave out of what was said."""

    statements: Sequence[tuple[int, int]] = ()  # rates and completion words: cut with their subject, a clause break
    trims: Sequence[tuple[int, int]] = ()  # a progress figure's lead-in and hedges: cut in place
    figures: Sequence[str] = ()  # the figure statements left, which belong to the done text wherever said


@dataclass(frozen=True)
class Sections:
    """The three report texts, each None when the message does not say."""

    done: str | None
    problems: str | None
    next_plan: str | None


def _label(text: str) -> tuple[str, str, bool] | None:
    """(section, text after the label, strong) for a clause that starts with a label."""
    m = _LABEL_RE.match(text)
    if not m:
        return None
    section, _, needs_tail = _LABELS[next(i for i in range(len(_LABELS)) if m[f"g{i}"] is not None)]
    rest = text[m.end():]
    if needs_tail and not (m["tail"] or not rest.strip()):
        return None
    marked = bool(m["enum"] or m["open"] or (m["tail"] and m["tail"].strip() in ("：", ":", "】")))
    return section, rest, marked or not rest.strip()


_SENTENCE_START = re.compile(r"^|(?<=[\n。；;])")


def written_as_form(text: str) -> bool:
    """Whether the report is written as a form: under a 【】 title, or its work under a label ("一、本月进展：")."""
    if _BRACKET_HEAD.match(text):
        return True
    for m in _SENTENCE_START.finditer(text):
        label = _label(text[m.start():])
        if label is not None and label[0] == DONE and label[2]:
            return True
    return False


def _drop_headers(text: str) -> str:
    head = _BRACKET_HEAD.match(text)
    if head:
        text = text[head.end():]
        while not head.group().endswith("\n") and (name := _NAME_TOKEN.match(text)):
            text = text[name.end():]
    while field := _FORM_FIELD.match(text):  # "项目名称：…。填报人：…" — the form's fields, not work done
        text = text[field.end():]
    lines = text.lstrip("\n").split("\n")
    if len(lines) > 1 and _HEADER_LINE.match(lines[0]):
        lines = lines[1:]
    first = lines[0] if lines else ""
    head = _LEAD_HEADER.match(first)
    if head and _label(first) is None:
        lines[0] = first[head.end():]
    return "\n".join(lines)


# "这是七月份的情况，报晚了哈": a word about the report itself, not work done.
_ABOUT_REPORT = re.compile(r"^\s*这是[^，,。]{0,10}(?:的情况|的月报|月的)|报晚了|迟报了|晚报了|不好意思"
                           r"|上回报了|上次报了|已经报过|(?:具体|详细)(?:的)?数[^，,。]{0,12}再报"
                           r"|^[^，,。]{0,6}没得?(?:好多|多少|啥子?|什么)(?:可|好)?说的")  # "没得好多说的": little to tell


def _without(text: str, cut: Sequence[tuple[int, int]], trims: Sequence[tuple[int, int]] = ()) -> str:
    # Each cut statement becomes a clause break; its subject ("集体经济项目[整体完成一半]") goes with it.
    # A trim (a figure's lead-in or hedge) goes in place, with the subject before it ("项目整体|完成一半").
    pieces, pos = [], 0
    for start, end, trim in sorted([(s, e, False) for s, e in cut] + [(s, e, True) for s, e in trims]):
        # A figure that is part of its sentence stays: "完成了三分之二的支架安装", "把百分之六十的老管网换掉了".
        if start < pos or (not trim and (text.startswith("的", end) or text[start - 1:start] in ("把", "将"))):
            continue
        before = text[pos:start]
        head_end = max(before.rfind(c) for c in CLAUSE_SEPARATORS + " \t\u3000") + 1  # a pause ends a clause too
        head = before[head_end:].strip()
        # "研学基地[尚未启动]", "合作社上半年收入[同比增长20%]": a short subject goes with the statement cut.
        # Never a stretch that says work ("…卖了二百五十万项目[完成百分之九十]" is speech, not a topic).
        if not WORK_SAID.search(head) and (TOPIC_ONLY.match(head) or (not trim and len(head) <= SUBJECT_CHARS)):
            before = before[:head_end]
        elif not trim:  # "…卖了二百五十万项目[完成百分之九十]": in speech the statement's subject ends the run
            before = _SPOKEN_SUBJECT.sub("", before)
        pieces.append(before if trim else before + "，")
        pos = end
    return "".join(pieces) + text[pos:]


def sections_of(text: str, cuts: DoneCuts = DoneCuts(), subject: re.Pattern[str] | None = None) -> Sections:
    """Split a report into done / problems / next_plan, leaving out what `cuts` names.

    `subject` matches words to strip from the start of the done text (village names: the record
    has them already).
    """
    figure_texts = {_bare(f) for f in cuts.figures}
    kept = without_retractions(_without(text, cuts.statements, cuts.trims))
    body = _with_speech_breaks(_PAUSE.sub("，", _drop_headers(kept)))
    parts: dict[str, list[tuple[Clause, str]]] = {DONE: [], PROBLEMS: [], PLAN: []}
    mode, strong = DONE, False
    opened: int | None = None  # where a done run opened by 还有 starts, in case a trouble follows it
    pieces = [(clause, _label(clause.text)) for clause in clauses(body, _BREAKS)]
    labelled = any(label is not None and label[0] == PROBLEMS and label[2] for _, label in pieces)
    gains = [m.group() for m in SENTENCE.finditer(text) if _GAINED.search(m.group())]
    idle = IDLE.search(body) is not None
    for clause, label in pieces:
        piece = clause.text
        if idle and not label and mode == DONE and not re.search(r"\d", piece) \
                and (IDLE.search(piece) or _BUSY.match(piece)):
            continue
        if idle and not label and mode == DONE and _CAUSE.search(piece):
            mode = PROBLEMS
        if label:
            mode, piece, strong = label
            if mode == PLAN:
                piece = _PLAN_FILLER.sub("", piece, count=1)  # "下一步就是迎接年底验收"
        elif not strong:
            # Without a label, a clause's own words say where it belongs, until the sentence ends.
            opener = OPENER.match(piece)
            marked = (_PROBLEM_MARK.search(piece) or (not labelled and _SETBACK.search(piece)
                                                      and not any(piece.strip() in g for g in gains))) \
                and not _SOLVED.search(piece)
            if (marked and (mode != PLAN or opener or _NOW.match(piece))) \
                    or (opener and _COMPLAINT.search(piece, opener.end())):
                if mode == DONE and opened is not None and len(parts[DONE]) - opened <= 2 \
                        and (not opener or _BUT.match(parts[DONE][opened][1])):
                    # "还有四十来亩地是老人的 想自己种 做不通工作", "就是天马上冷了 还剩四十箱没地方越冬": the trouble
                    # said last is what 还有 or 就是 opened
                    first, said = parts[DONE][opened]
                    parts[PROBLEMS] += [(first, _BUT.sub("", said, count=1))] + parts[DONE][opened + 1:]
                    del parts[DONE][opened:]
                elif mode == DONE and parts[DONE] and _CONDITION.search(parts[DONE][-1][1]):
                    parts[PROBLEMS].append(parts[DONE].pop())  # "冬天江面一封冻，巡边压力就大了": when it bites
                mode = PROBLEMS
                piece = _BUT.sub("", piece, count=1)
            elif mode == PROBLEMS and _HELP_ASKED.match(piece):
                pass  # "堤上有几处獾子洞，还要请水利站来处理": who must deal with the trouble is part of it
            elif _PLAN_START.match(piece) and not _FIXED.search(piece) and not _told_as_done(body, clause) \
                    and not (mode == PROBLEMS and _COST.match(piece)):
                mode = PLAN
                piece = _NEXT_MONTH.sub("", piece, count=1)
            elif mode == PROBLEMS and _ACTION_START.match(piece):
                mode = DONE
            elif mode == PLAN and _DONE_AGAIN.search(piece) and not _PLAN_WORD.search(piece) \
                    and not _WARNED.search(piece):  # not "别过个年又反弹了": what the plan guards against
                mode = DONE  # "准备火把节的时候揭牌，民族团结示范户又评了10户": the plan said, more work done
        if not label and _ABOUT_REPORT.search(piece):
            continue
        if mode == DONE and not strong and is_intro(piece) and topic_only(parts[DONE]):
            parts[DONE].clear()  # "白沙社区邻里守望 年后第一回汇报": the topic said before who reports
            continue
        if not _FILLER.match(piece):
            if mode == DONE and not label and _STILL.match(piece) and not _SETTLED.search(piece):
                opened = len(parts[DONE]) if opened is None else opened
            elif mode != DONE:
                opened = None
            parts[DONE if _bare(piece) in figure_texts else mode].append((clause, piece))
        if clause.ends_sentence and not strong:
            mode, opened = DONE, None
    done = cut_period(parts[DONE])
    if done:
        open_plainly(done, subject)
        if len(done) == 1 and TOPIC_ONLY.match(done[0][1].strip()):
            done = []  # "二虎汇报2月份后沟复垦的情况，困难是…": the topic, and no work
    return Sections(*(_text(items) for items in (done, parts[PROBLEMS], parts[PLAN])))


def _bare(piece: str) -> str:
    return piece.strip(" \t" + CLAUSE_SEPARATORS).rstrip("吧了啊")


def _text(items: list[tuple[Clause, str]]) -> str | None:
    joined = join([(piece, clause.mark) for clause, piece in items])
    said = squeeze(joined) if joined else None
    return None if said is None or _NONE_SAID.match(said) else said


def _with_speech_breaks(text: str) -> str:
    # A comma where speech would pause, so that clauses() sees the break (the label breaks are known already).
    out, pos = [], 0
    for at in voice_breaks(text, [m.start() for m in _BREAKS.finditer(text)]):
        if text[at - 1] in CLAUSE_SEPARATORS or text[at] in CLAUSE_SEPARATORS:
            continue
        out += [text[pos:at], "，"]
        pos = at
    return "".join(out) + text[pos:]
