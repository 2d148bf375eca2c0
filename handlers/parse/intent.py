"""Kind: report, handoff, issue, log or other (PARSING.md, "Kind"); a task number alone makes task_update.

Who sends a message decides most of it (leaders hand off, secretaries report, grid workers log
issues); the words then confirm it, or mark it as chatter. A note of work done (a visit, a meeting…)
is a log from anyone, unless it also names a problem (then an issue) or reports progress on a project.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.parse.idle import IDLE, NOTHING_TO_REPORT
from handlers.parse.text import CLAUSE_SEPARATORS, TITLES
from handlers.roles import LEADERS, REPORTERS

_REPORT_WORDS = re.compile(
    r"进度|进展|汇报|报告|工作小结|小结|累计|完成了|已完成|全部完工|竣工|开展了?|召开|新建|建成|签约|腾空|投入|"
    r"验收|下一?步|存在问题|本月|这个月|上个?月|\d{1,2}月份?|推进|实施|流转|收益|收入|带动|比武|培训|评选|调解|化解"
    r"|完成|新签|新增|签订|年后计划|下月计划|[一二三四五六七八九十]{1,3}月份"
)
# Words that make a work note progress on a project it names ("茶旅示范带召开推进会，新建观景台2处"); a sum of money
# does too, but not a topic discussed ("开会研究光伏收益分配").
_PROJECT_WORK = re.compile(r"进度|进展|完成(?!后)|完工|竣工|建成(?!后|以后)|新建|开工|动工|施工(?!工地|现场)|签约|累计|产值|情况\s*[：:]|新增|"
                           r"本月|这个月|上个?月|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份|汇报|报告|小结"
                           r"|存在的?(?:问题|困难)[：:]|下一?步计划")  # a report's own labels
_REQUEST = re.compile(r"求助|帮忙|帮一下|反映|投诉|咨询|请镇里|请村里|需要村里|出面|希望(?:镇里|村里|上级|县里|有关部门)|(?<!已)(?<!已经)协调|处理一下|派人|怎么办|"
                      r"来问|来找|想请|能不能|麻烦|(?:需要|亟需|亟待)[^，,。]{0,6}(?:修|处理|解决|清理|更换|加固)"
                      r"|得(?:重新|赶紧|找人)[^，,。]{0,4}(?:修|换|做|弄|处理)")  # "玻璃也碎了 得重新做一个"
_DAMAGE = re.compile(r"坏了|坏|破|撕|漏|塌|堵|脏|臭|没人管|没人|不方便|堆|[刮吹]倒|碎了|冲垮")
_IMPERATIVE = re.compile(
    r"请|务必|抓紧|尽快|尽早|谋划|筹划|(?<![得都很较])及时|要|(?<!加)把(?!劲)|将|报送|报上来|交上来|上报|提交|报给|发我|发给|补交|补齐|落实|完成|整理|做好|"
    r"拿出|定稿|签完|清理|组织(?!部|委员|办)|开展|排查|核对|安排|准备|负责|跟进|督促|牵头|对接|(?:(?<![月日周年])|(?<=工作日))报我|给我|备好|陪同|陪|参加|搞定"
    r"|召开|传达|统一(?=交|报|上交|收|组织|开展)|交齐|更新|发(?:到)?群里|拍照|上传|述职|到[^，,。]{0,4}(?:会议室|开会)"
    r"|复查|核查|盯紧|盯住|立即报告"
    r"|(?:(?<![通汇简情快周月年日晚喜预举警电公])报|交|报送|上报)(?:一下|上来|镇上|镇里|给我)?(?=[，,。！!\s]|$)"
)
_GREETING_ONLY = re.compile(
    r"^[\s，,。！!？?、~…]*(?:(?:祝|各位|大家|领导|同事|们|新春|春节|节日|新年|中秋|国庆|快乐|万事如意|身体健康|"
    r"阖家幸福|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年|大吉|吉祥|早上好|上午好|下午好|晚上好|你好|您好|辛苦了|辛苦|和|及|"
    r"谢谢|感谢|收到|好的|明白|(?:马上|立即|立刻|尽快|这就)(?:安排|落实|去?办|处理|执行|准备|通知[^，,。！!\s]{0,4})?|照办|"
    rf"[\u4e00-\u9fff]{{1,3}}(?:{TITLES}))[\s，,。！!？?、~…]*)+$"
)
# "…值班表？我好安排人": a question may end on a short remark; "正跟信用社唠呢" goes on, it asks nothing.
_QUESTION = re.compile(r"[?？][^?？。！!]{0,16}[。！!]?\s*$|^\s*请问|有[^，,。？?\s]{1,10}没(?:有)?(?=[\s，,。？?]|$)"
                       r"|^[^，,。]{0,8}?(?:问一下|想问一下|想问问|请教一下)|(?:吗|(?<![唠谈忙弄整办跑做干聊])呢)\s*[?？]?\s*$"
                       r"|怎么报|怎么填|怎么写|如何报|如何填|是我报还是|谁来报|谁报"
                       r"|由谁来?[报填]|哪个报|有没有(?:收到|看到)|收到了没"
                       r"|报了没|收到没|在哪|哪里|哪儿|什么时候|是不是|要不要"
                       # "就是停车还是乱", "一共是七万二 进度还是六成": "still", not a choice asked
                       r"|(?:(?<![就共也都还总正可只但而算像倒又])是[^，,。\s]{0,6}|是分开[^，,。]{0,10})还是"
                       r"(?!太|很|比较|有点|有些|不|没|挺|一样|老|那样|这样|习惯|喜欢|愿意|会|在|有|要|乱|差|慢|少|多|难|紧|"
                       r"百分之|\d|[一二三四五六七八九十两])"  # 还是太单一: "still"
                       r"|(?:怎么|如何)(?:统计|计算|算|填|报|写|上传|提交)|多少钱?\s*$|晓不晓得|知不知道"
                       r"|([\u4e00-\u9fff])不\1\s*$")  # "下个月再一块报中不中"
# Thanks, congratulations, notices, visitors and filming to come: talk about the work, not the work.
# Festival wishes: chatter from anyone; from a leader, a greeting that may carry a reminder ("…假期注意值班").
_WISHES = r"(?:节日?|新年|春节|端午节?|中秋节?|国庆节?|元旦)快乐|祝(?:各位|大家)|节日愉快|新年好|过年好"
_WISH = re.compile(_WISHES)
_CHATTER = re.compile(
    r"^[\s，,。！!]*(?:非常|十分|衷心)?(?:感谢|谢谢|多谢|祝贺|恭喜|热烈祝贺)|^\s*(?:通知|公告|温馨提示|提醒)\s*[：:]"
    r"|(?:明天|明早|后天|下周|下星期|即将|过几天|近期)[^。！!\n]{0,16}"
    r"(?:来拍|拍摄|拍宣传片|采访|来参观|参观|来调研|调研|来检查|检查|来指导|开业|现场会|开会|会议)"
    r"|准时参加|记得参加|请[^，,。]{0,8}参加|电视台|融媒体|记者|央视|报道|(?:上传|传|放|发)(?:在|到|进)?群文件"
    r"|(?:大家|大伙儿?|乡亲们|各位|出行|路上|假期|节日|节假日|放假|烧纸|上坟)[^，,。]{0,4}注意(?:安全|防范|防滑|保暖|防暑|防寒|防火|防溺水)"
    rf"|^[^，,。]{{0,6}}辛苦[^，,。]{{0,16}}(?:了|们)|提醒大家|{_WISHES}"  # a reminder, a wish
    r"|(?:开车|走路|出门|过路)的?[^，,。]{0,3}(?:注意|小心|慢)(?:点|一点|些)"  # "开车的注意点哈"
    r"|欢迎(?:各位|大家)?(?:领导|朋友)?[^，,。]{0,6}(?:来|前来|光临)|有空(?:过?来|来玩)"
    r"|(?:请|望)?(?:各位|大家)?(?:领导)?多(?:多)?(?:指导|指教|关照|支持)(?:[！!。]|$)|我是新(?:调整|调|来|上任)"  # a newcomer
    r"|恢复(?:正常)?上班|有事(?:在)?群里说|节后收心|假期辛苦|终于(?:歇|松)(?:了)?口气"
)
# "好的，…", "…谢谢", "I'm in a meeting, later", "the report is sent": chatter when little else is said.
_REMARK = re.compile(r"^(?:好的|好|嗯|行|中|可以|没问题|收到|要得|晓得了|明白|知道了)"
                     r"(?:[\u4e00-\u9fff]{1,3}(?:干事|书记|主任|委员|镇长|部长))?[，,\s]|谢谢[！!。]*$|^\s*(?:哈哈|呵呵|嘿嘿)|哈哈+[！!。]*\s*$"
                     r"|(?:月报|报表|模板|表格|材料|台账|名单|清单|照片)[^，,。]{0,6}"
                     r"(?:发给|发过去|发了|发你|发您|交了|交上去|报了|已报|报不了|补上|补报|再报|收到)"
                     r"|模板|[在正]在?(?:开会|入户|走访|县里|路上)|晚点|稍后|回头再|再说|等我|等他回来|回来再?报"
                     r"|先(?:跟|给|和)大家说一声|会[^，,。]{0,4}改(?:到|在|成)"
                     rf"|{NOTHING_TO_REPORT}")
# A monthly report's shape: work done (in the month, or on a project named) and what comes next. Its problems are the
# report's own ("就是用地手续还差…"), however issue-like their words.
_MONTH_DONE = re.compile(r"(?:这个月|本月|上个?月|这段时间)[^。！？!?\n]{0,14}?了")
_DONE_CLAUSE = re.compile(r"[\u4e00-\u9fff]了|已经?(?!经)[\u4e00-\u9fff]")
_PLAN_CUE = re.compile(r"下个?月(?:想|准备|打算|计划|争取|再)|接下来|下一?步|准备|打算|争取|计划"
                       r"|过两天|过几天|下礼拜|下星期|下周")
# A report's own section labels ("存在问题：", "下步计划：") weigh as a figure does: the problem named is the report's.
_LABELLED = re.compile(r"存在的?(?:问题|困难)\s*[：:]|(?:，|,)(?:问题|困难)(?:就)?是|下一?步(?:计划|打算)?\s*[：:]"
                       r"|下个?月(?:计划|打算)\s*[：:]")
# "罗斌报一下驿站 …", "汇报一下：…": the message says it is a report.
_REPORTING = re.compile(r"^\s*[\u4e00-\u9fff]{0,4}\s*(?:报一下|报个进度|汇报一下|报告一下|汇报[:：]|报告[:：])")
# "民宿项目卡在消防验收上": the project itself stuck is the report's problem, not an issue of the village.
_STUCK = re.compile(r"(?:项目|工程)[^，,。]{0,4}(?:卡在|卡着|停在|推不动|进展慢|推进慢)")
_COMPLAINED = re.compile(r"(?:村民|群众|居民|老百姓|住户|大家)(?:都)?(?:说|反映|投诉|意见)|反映|(?:讲|说|劝)了?(?:也|都)?不听")
# "调度会开得不错，…会一件一件研究解决": a leader's word on a meeting, no note of it.
_APPRAISED = re.compile(r"开得(?:不错|很好|挺好|好|成功|很成功|有效果|有成效)")
_ACCOMPANIED = re.compile(r"陪同|陪着")  # "陪同县里检查组看了基地": others' visit, no work on the project
# "组织党员志愿者义务植树…参加党员26人": an activity counted by who took part is its record, not a project's progress.
_TURNOUT = re.compile(r"(?:参加|参与|参会|到会|出席)(?:的有|了)?(?:党员|志愿者|群众|村民|人员|干部)\s*[\d一二三四五六七八九十两百]+\s*"
                      r"(?:余|多)?个?[人名]"
                      r"|[\d一二三四五六七八九十两百]+\s*(?:余|多)?个?[人名](?:党员|志愿者|群众|村民|干部)?(?:参加|参与|参会|到会|出席)")
_CONDOLENCE = re.compile(r"慰问金|慰问品|慰问")
_PARTY_MEETING = re.compile(r"主题党日|三会一课|党员大会|支委会|支部委员会|党小组会|组织生活会|民主生活会|党课")
_NEXT_STEP = re.compile(r"下一?步|下个?月(?:计划|打算|准备)")
_FINISHED = re.compile(r"完成(?!了?[^，,。]{0,6}(?:走访|会|学习|值班)|后)|完工|建成(?!后|以后)")
_HAND_IN = re.compile(r"报上来|交上来|上报|报送|报给|发给|发我|发到|(?:(?<![月日周年])|(?<=工作日))报我|交到|送到|交给"
                      r"|(?<![月日周年简通汇情快电喜预公])报(?=镇里|镇上|县里|[\u4e00-\u9fff]{0,4}(?:办|部|委|所|站|室|中心))")
# An order to the group said with a date or with 尽快 ("这两天把名单核一下", "3月份完成植树任务", "尽快把修订稿报镇里"):
# something to do, not done ("今天把台账整理好了" is done).
_ORDER = re.compile(r"(?:(?<!加)把(?!劲)|将|完成|建成|完工|投用|投产)(?![^，,。；;！!？?\n]*了\s*(?:[，,。；;！!？?\n]|$))")
_URGE = re.compile(r"尽快|抓紧|务必|马上|尽早")
_CHEER = re.compile(r"加把劲|加油|再接再厉|继续努力|辛苦了|辛苦大家|辛苦各位|鼓足干劲")
_CHEER_ONLY = re.compile(r"要?再?加把劲|辛苦了|辛苦大家")  # "要" here urges on, it orders nothing
_PRAISE = re.compile(r"表扬|通报表扬|点赞|点个赞|学习借鉴|借鉴学习")  # "…受到通报表扬，请大家对照学习": praise passed on, no task
# Verbs that close a piece of work to be done ("谈话记录节前补齐", "用地报批下月底办下来", "商户意见要尽快处理好").
_TO_FINISH = re.compile(r"补齐|补全|补交|补上|完善|办好|办完|办下来|弄好|搞好|处理好|整改到位|落实到位|核一下|核对|到岗|就位|上岗"
                        r"|录入|填报|填好|办齐|备齐|汇总|搞完|弄完|干完|拿到|送到|拿来|送来|带来")
_FIGURE = re.compile(r"\d\s*%|百分之|[一二三四五六七八九]成")
_NOTICE = re.compile(r"已(?:发|上传|放)(?:到|在|进)?群文件|^\s*(?:通知|通报|公告|温馨提示|提醒(?:一下)?|转发|分享)\s*[：:]"
                     r"|召开[^。！!]{0,30}(?:准时|按时)(?:参加|参会|出席)")
# "二社有户人问新农合今年好多钱": a resident's question passed on is their issue, not the grid worker's own.
_RELAYED = re.compile(r"(?:有户人|有人|有户|有几户|有几家|有好几户|群众|村民|居民|老人|户主|人家|老乡|她|他|大娘|大爷)[^，,。？?]{0,4}"
                      r"(?:来问|想问|问|咨询|打听)"
                      # "二组有个老人今年的养老保险断缴了…还能补缴吗": someone's own case, asked about for them
                      r"|^[^，,。]{0,6}有(?:个|位|户)[^，,。]{0,4}(?:老人|村民|居民|大爷|大娘|人家|群众|妇女|孩子|学生)")
_THANKS = re.compile(r"^[\s，,。！!]*(?:非常|十分|衷心)?(?:感谢|谢谢|多谢)")
_THANKED = re.compile(r"(?:感谢|表扬)[^，,。！!]{0,16}(?:同志|书记|干部|大家|各位|网格员|党员)")
# "…险情已经排除了，群众都安全", "娃儿莫得事了": the trouble thanked for is over.
_RESOLVED = re.compile(r"已经?排除|(?:都|已经?)安全|[没莫]得?事了|没有?大碍|脱离(?:了)?危险|已经?(?:处理好|修好|解决)了?")
# "通报：…各村一季度月报已全部报齐", "…名单均已按时报送，感谢…": what was asked for has all come in.
_ASKS = re.compile(r"请|务必|要求|必须|抓紧|尽快")
# "督导组6月底对各村…开展集中督查，…平时啥样就啥样": the inspectors announce their visit; no one is told to do anything.
_INSPECTION_AHEAD = re.compile(r"^\s*(?:县|镇)?(?:纪委)?(?:督导组|督查组|检查组|考核组|巡察组)[^，,。]{0,24}(?:对|到)"
                               r"[^，,。]{0,20}(?:督查|检查|督导|考核|抽查|巡察)")
_ALL_IN = re.compile(r"(?:均已|已全部|全部已|都已|已经全部|已经都)(?:按时|按期)?(?:报送|报齐|收齐|上报|交齐|报来|到位|报了)")
_AT = re.compile(r"[@＠]")
_CONGRATS = re.compile(r"祝贺|恭喜|点赞|表扬")
_ANNOUNCED = re.compile(r"已(?:经)?(?:开放|上线|开通|更新|上传)|见群公告|另行通知|(?:放|上传|传)(?:在|到|进)?群文件")  # "月报系统已开放，填报说明见群公告"
_NAMED_FIRST = re.compile(r"^\s*[\u4e00-\u9fff]{2,4}[\s，,：:]")  # "石艳 …", "宫书记，…": the person addressed first
_POLITE = re.compile(r"能不能|能否|可不可以|可否|麻烦|帮忙")
_PAPERWORK = re.compile(r"月报|报表|模板|表格|台账|记录表|签到表|(?:开会|会议|会上)的?材料|日志|打卡|[一两几]张表")  # not 要交啥材料: a resident's
_SEPARATOR = re.compile(f"[{CLAUSE_SEPARATORS}]+")
# A leader's note counts as work done only when it says so ("今天到石桥村走访了5户") and tells no one to do anything
# ("@罗斌 昨天的走访记录今天整理好发我" is a hand-off).
_DONE_MARK = re.compile(r"了|已经?|今天|今日|今晚|今早|昨天|昨晚|前天|上周|刚才?"
                        r"|参加(?:人员|人数)?(?:共|有|为)?\s*[\d一二三四五六七八九十]+人")
_INSTRUCTION = re.compile(r"[@＠]|请|务必|严格执行|严格落实|一律|必须|抓紧|尽快|及时|要求|发我|发给|报上来|交上来|上报|报送|提交|补交|整理好|"
                          r"做好|落实")


@dataclass(frozen=True)
class Evidence:
    """What the field readers found, for the kind decision."""

    role: str
    progress: bool
    project: bool
    amounts: bool
    deadline: bool  # a deadline said as one (…前, …内, 截止…), not just a date
    addressees: bool
    located: bool  # a grid or place is named
    issue_score: int  # category evidence (0–3) + urgency
    dated: bool = False  # a date that may be a deadline is said, as one or not
    loosely_dated: bool = False  # or a bare period ("下周统计好"), due only when someone is told to do it
    work: str | None = None  # the log type when the text notes work done (log.work_words, log.is_done)
    planned: bool = False  # work spoken of that is not done: a plan, a notice, a question
    problem: bool = False  # a work note that names a problem someone must act on (log.names_problem)
    figure_at: int = -1  # where the progress figure starts, -1 when none


def kind_of(text: str, ev: Evidence) -> str:
    """The kind of a message that names no task number, given what was found in it."""
    if _GREETING_ONLY.match(text) or not text.strip() or (_THANKS.match(text) and _RESOLVED.search(text)):
        return "other"
    # Thanks for help given ("谢谢林委员帮忙协调，…已经来对接了") asks for nothing.
    asked = 0 if _THANKS.match(text) else len(_REQUEST.findall(text))
    issue = ev.issue_score + asked + (1 if _DAMAGE.search(text) else 0)
    question = bool(_QUESTION.search(text))
    if ev.role in LEADERS:
        return _leader_kind(text, ev, issue, question)
    if ev.role in REPORTERS:
        return _reporter_kind(text, ev, issue, question)
    if ev.work:
        return "issue" if ev.problem else "log"
    # A question, a plan or chatter names no problem unless it says so clearly ("明天上午入户走访二组" names a place).
    # A resident's question a grid worker passes on ("低保户问补贴什么时候发？") is an issue; their own is not.
    # An offer is no problem either ("要不要我们网格员去帮忙？"): a question counts only with clear evidence.
    asks = question and (issue < 3 or _PAPERWORK.search(text)) and not _RELAYED.search(text)
    chatter = (_CHATTER.search(text) or _REMARK.search(text)) and not _RELAYED.search(text)
    paperwork = asks and _PAPERWORK.search(text)
    if ((asks or ev.planned or chatter) and issue < 3 or paperwork) and not _DAMAGE.search(text):
        return "other"  # "网格员的民情日志以后还要不要每天拍照打卡？": the office's paperwork
    return "issue" if issue or ev.located else "other"


_FROM_NOW = re.compile(r"从(?:本月|下月|下个月|今天|明天|即日|今年)起")
_STRICT = re.compile(r"严格|务必|必须|一律|请|要求|执行|落实")
_QUIET = re.compile(r"无异常|一切正常|均正常|报平安|上报平安|进展正常|总体平稳|平稳有序")
# "对照序时进度说清楚差在哪儿": what the answer must explain, inside an order; no question to the group.
_EXPLAIN = re.compile(r"(?:说|讲|写|查|找)(?:清楚|明白|明)[^，,。？?]{0,6}(?:哪|什么|啥|多少|怎么)"
                      r"|(?:摸|弄|搞|问|查)(?:清楚|清)[，,\s]*[^。？?]{0,12}?(?:哪|什么|啥|多少|几)")  # "今明两天去摸清楚，几户、排到哪里"


def _leader_kind(text: str, ev: Evidence, issue: int, question: bool) -> str:
    question = question and not _EXPLAIN.search(text)
    if _WISH.search(text) and not ev.deadline and not _HAND_IN.search(text):
        return "other"  # "端午节快乐！…假期注意防汛值班安排": a greeting with a reminder
    if (_THANKS.match(text) or _THANKED.search(text)) and not ev.deadline and not _ASKS.search(text):
        return "other"  # "感谢各村及时报送10月月报，本月已全部收齐", "…处置及时，感谢郑三宝同志…": thanks for what was done
    if (_NOTICE.search(text) or _ANNOUNCED.search(text)) and not ev.deadline:
        return "other"  # "通知：明天上午9点召开调度会，请准时参加" announces; nothing is due by a day
    if (_ALL_IN.search(text) or _INSPECTION_AHEAD.match(text)) and not _ASKS.search(text):
        return "other"  # "通报：5月20日前各村禁烧网格名单均已按时报送": the day has passed, all is in
    if _FROM_NOW.search(text) and not ev.deadline and not _STRICT.search(text):
        return "other"  # "月报从本月起统一在群里用文字报，不用再填表": how things are done from now on
    if ev.work == "duty" and _QUIET.search(text) and not ev.deadline:
        return "log"  # "今天镇里值班…各村上报平安…无异常": the shift's record
    ordered = _IMPERATIVE.search(text)
    # "3月份把申报书报上来": a date said with an order is a hand-off though no one is named.
    # "本月完成游客中心装修，进度90%": a figure says how far work got, so 完成 reports it.
    firm = _HAND_IN.search(text) or _TO_FINISH.search(text) or (_ORDER.search(text) and not _FIGURE.search(text))
    # A day said with nothing to do but keep going ("年底再加把劲") cheers; it hands nothing off.
    # "马鞍山公路要再加把劲，大家辛苦了", "年底再加把劲": urging on, unless a firm verb says what to do.
    cheer = (_CHEER.search(text) and not (firm or (ordered and not _CHEER_ONLY.search(text)))) \
        or (_PRAISE.search(text) and not ev.deadline)
    # Someone @-named, or named with a day ("石艳 四个网格的独居老人 下周统计好"), is told to do it, whatever the verb
    # ("场地提前拾掇利索", "让他们往后院收一收").
    told = ev.addressees and (_AT.search(text) or (ev.loosely_dated and _NAMED_FIRST.match(text))) and not question \
        and not (_CHATTER.search(text) or _REMARK.search(text) or _CONGRATS.search(text) or _ANNOUNCED.search(text))
    handoff = ((ev.addressees or ev.deadline or (ev.dated and firm) or (_URGE.search(text) and firm))
               and (ev.deadline or ordered or firm) or told) and not cheer
    noted = ev.work and _DONE_MARK.search(text) and not _INSTRUCTION.search(text)
    if handoff and (ev.deadline or told or not noted):  # "普文学：培训3月10日到12日之间搞完，老师已经约好了"
        # "驿站的台账整理好了吗？" asks; "能不能把预算做出来？" tells, politely.
        return "other" if question and not ev.deadline and not _POLITE.search(text) else "handoff"
    if noted and not cheer and not _APPRAISED.search(text):  # "国庆期间各村值守到位…大家辛苦了": others' work
        return "issue" if ev.problem else "log"
    return "issue" if issue >= 3 and not cheer else "other"


def _reporter_kind(text: str, ev: Evidence, issue: int, question: bool) -> str:
    # Progress on a project wins over the meeting or visit it mentions (its problems are the report's); a patrol
    # (开展巡逻12次) or a thing finished (完成入户摸底) may be progress too. Any other note of work done is a log.
    if question and _PAPERWORK.search(text) and not ev.progress and not _DAMAGE.search(text):
        return "other"  # "今天下午镇里开会的材料在哪里领？": the office's own business
    if _THANKS.match(text) and issue < 3:
        return "other"  # "多谢梁委员，昨天主题党日的经验材料我学习了": thanks, not a note of work
    if ev.work == "meeting" and (_PARTY_MEETING.search(text) or _TURNOUT.search(text)) \
            and not (ev.progress or ev.amounts):
        return "issue" if ev.problem else "log"  # "今天召开3月份主题党日…开展了院落环境整治志愿服务": the meeting's record
    if ev.work:
        # A note with money and a next step ("…解决了九十多条 下一步把空地平整出来 预算五到八万") is a report's shape.
        # Money given on a visit ("每人送去慰问金500元") is the visit's, not a project's. A month busy with other work
        # ("主要忙春节值班，两个书记项目进展都不大") is still the month's report.
        spent = ev.amounts and not _CONDOLENCE.search(text)
        progress = ev.progress or (ev.project and (spent or _PROJECT_WORK.search(text))) \
            or (ev.work == "other" and not _ACCOMPANIED.search(text) and not _TURNOUT.search(text)) \
            or _FINISHED.search(text) \
            or (ev.amounts and _NEXT_STEP.search(text)) or (IDLE.search(text) and "项目" in text)
        if progress and _report_or_not(text, ev, issue, question) == "report":
            return "report"
        return "issue" if ev.problem else "log"
    if ev.planned and not (ev.progress or ev.amounts or _DONE_CLAUSE.search(text) or _FINISHED.search(text)
                           or "已" in text):
        # Work only planned ("明天去老街走访", naming a project's place) reports nothing done: no report, no log.
        return "issue" if issue >= 3 else "other"
    return _report_or_not(text, ev, issue, question)


def _report_or_not(text: str, ev: Evidence, issue: int, question: bool) -> str:
    # A secretary's question or remark is chatter unless it clearly names a local problem; a question
    # with no figure in it ("我们村这个月的情况怎么报"), or one that asks about its figure, is never a report.
    # Work said done on a project named ("观景台立起来了") weighs as a report word does.
    # Not when others complain of it ("茶园旁边新开了个加工点…村民说吵得不行"): that is their issue.
    done_said = ev.project and not ev.work and ev.issue_score < 4 and bool(_DONE_CLAUSE.search(text)) \
        and not _COMPLAINED.search(text)
    work = (2 if ev.progress else 0) + len(_REPORT_WORDS.findall(text)) + ev.amounts + done_said \
        + (2 if _LABELLED.search(text) or (ev.project and _STUCK.search(text)) or _REPORTING.match(text) else 0)
    chatter = not ev.progress and (_CHATTER.search(text) or (work <= 1 and _REMARK.search(text)))
    if chatter or (question and (not ev.progress or ev.figure_at >= _last_clause_start(text))):
        # A question about their own project ("农房风貌提升的补助标准是多少") asks the office; it reports no problem.
        # Asked for residents ("一社有几户想问问…补贴是按户补还是按眼补"), it is their issue.
        own = question and (ev.project or _PAPERWORK.search(text)) and not _DAMAGE.search(text) \
            and not _RELAYED.search(text)
        return "issue" if issue >= 3 and not own else "other"
    if work + ev.project == 0 and issue < 2:
        return "other"
    plan = _PLAN_CUE.search(text)
    done = _MONTH_DONE.search(text) or (ev.project and _DONE_CLAUSE.search(text))
    # Help asked for as the next step ("接下来请镇司法所来帮忙") is the report's plan; asked for before it, a request.
    if plan and done and not _REQUEST.search(text, 0, plan.start()) and ev.issue_score < 4:  # 4: urgent, never a report
        return "report"
    return "report" if work + ev.project >= issue else "issue"


def _last_clause_start(text: str) -> int:
    cuts = [m.end() for m in _SEPARATOR.finditer(text.rstrip(CLAUSE_SEPARATORS + " "))]
    return cuts[-1] if cuts else 0
