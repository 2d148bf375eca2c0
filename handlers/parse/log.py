"""Work logs: a visit, meeting, study session or duty shift noted after the fact (PARSING.md, "Log").

The kind rule asks two things of a note: is it work already done (not a plan, a notice or "我在开会"),
and does it name a problem someone must act on (then it is an issue). The block then takes the day
the work was done, never a future one, and the number of households or people it reached; the work
record also takes the place it was done at, which the parse JSON does not carry.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from handlers.parse.calendar_math import DAY, MONTH, YEAR_WORD, add_months, month_number, safe_date, year_of
from handlers.parse.issue import category_evidence, group_mentions, is_urgent
from handlers.parse.numbers import NUMBER, to_int
from handlers.parse.text import clauses, sentence_end

# The work named first gives the type; at one spot a meeting word beats the others ("主题党日 学习新党章" is a meeting).
# Cadres say it as they talk ("开了个短会", "碰了个头", "跑了几户", "学了下", "在村部守着"), not in ledger words only.
# "学了下" is study when someone was led to it or it names what was studied ("学了下怎么用这个系统" is not).
# A "…会" read as "will" is no meeting ("群众会有意见", "党员会带头").
_MODAL = (r"(?!有|不|没|说|要|去|来|觉得|认为|同意|支持|反对|问|找|对|把|被|更|很|再|主动|提|影响|理解|满意|想|"
          r"愿意|怎么|带头|配合|参与|积极|知道)")
_LEARNT = r"(?:学了(?:一?下|学|一遍)|学一学)"
_WORK = re.compile(
    r"(?<![报交请])(?P<meeting>三会一课|主题党日|组织生活会|民主生活会|党小组会|支部委员会|支委会|"
    r"开了?(?:个|一个|一次|次|一场|场)?(?:短|小|碰头|临时|简短的?)?会|碰(?:了|碰)?(?:个|一下|下)?头|例?会议(?!精神)|"
    r"(?:党员|社员|群众|村民|村民代表|代表|职工)大会|"
    r"(?:党委|党组|支委|两委|班子|专题|动员|部署|调度|推进|座谈|院坝|联席|碰头|协调|交流|分析|研判|评议|议事|"
    r"现场|恳谈|屋场|户长|月度|例|党员|支部|村民小组|小组|组务|户主|坝坝|群众|夜话|院落|唠嗑)会" + _MODAL
    + r"|重温入党誓词"
    + r"|党课)"  # 党课 is one of 三会一课: a meeting
    r"|(?P<visit>走访|入户(?!改造|安装|施工|接通|通水|通电|率)|包村联户|联户|遍访|家访|(?<![人楼敲])上门(?!推销|卖|收|闹|讨|要)|慰问|调研|"
    r"挨家挨户|走村串户|看望|探望|拉(?:了|拉|了拉)?家常|串门|(?:挨家|挨户|逐户)走|走了一遍|"
    r"(?:跑|走|转|串|去)了(?:好|十来|[\d一二三四五六七八九十两几百多余个]){1,6}[户家]|去了一?趟[^，,。\s]{1,8}?家)"
    r"|(?P<study>(?<!值得)学习(?!借鉴)|集中学|"
    r"(?:组织|带领|带着|一起|党员|干部|两委)[^，,。\s]{0,8}?" + _LEARNT + "|"
    + _LEARNT + r"(?=[^，,。\s]{0,8}?(?:条例|精神|党章|文件|政策|讲话|理论|知识|法规|准则|党史))|"
    r"培训(?!方案|计划|材料|课件|通知)|读书班|读书会|研讨|夜校)"
    r"|(?P<duty>值(?:了一?[个天宿]?的?|个)?[夜晚]?班(?!表|安排|名单|人员)|带班|值守|轮值|守夜|在[^，,。\s]{0,6}?(?:村部|村委会?|值班室|办公室|卡点|堤|坝|"
    r"水库|河边|现场|路口|服务中心|活动室)[上里边]?守着)"
    r"|(?P<other>巡河|巡山|巡查|巡逻|巡护|义务劳动|志愿服务|学雷锋|(?:应急|消防|防汛|疏散|避险|地震|防灾)[^，,。\s]{0,4}演练|查螺|查钉螺|灭螺"
    r"|(?:上|讲)了?一?(?:堂|节|次)(?![^，,。\s]{0,8}党课)[^，,。\s]{0,8}课"  # "到小学上了一堂防溺水安全课" (党课: a meeting)
    r"|发[^，,。]{0,8}宣传(?:单|资料|册|页)|发传单|发了[^，,。\s]{0,6}(?:资料|传单|明白纸)"  # "到渠边发防溺水宣传单"
    r"|(?:搞|开展|组织)了[^，,。\s]{0,6}宣传|开展[^，,。\s]{0,10}宣传(?=[，,。；;\s]|$)|发放[^，,。\s]{0,4}资料"  # "搞了一次防诈骗宣传"
    r"|陪同[^，,。]{0,12}(?:检查|督导|考察|观摩|验收)"  # "陪同县里检查组到村里看了…" (陪同…调研 is a visit)
    r"|义诊|(?:搞|开展|组织)了?[^，,。]{0,4}体检"
    r"|(?:组织|带着|带领)[^，,。]{0,12}(?:给|帮)[^，,。]{0,10}(?:拉了|送了|修了|补了|打扫)"  # "组织党员给五保户拉了两车煤"
    r"|(?:组织|带领|发动)[^，,。]{0,12}(?:清理|打扫|清扫|清除|捡拾|捡)(?!干净了没)"
    r"|义务植树|(?:组织|带领|发动)[^，,。]{0,12}(?:植树|种树)"
    r"|给[^，,。]{0,16}过了?[^，,。]{0,4}(?:儿童节|六一|重阳节|节日|生日))"  # "给村小的48个娃娃过了儿童节"
)
# Work still to come ("明天上午入户走访") is not a note of work done; a note may still end with what comes next
# ("今天走访8户，明天继续"), so this is asked of each clause that names the work.
_LATER = re.compile(r"明天|明儿|明早|明晚|后天|下周|下星期|下个?礼拜|下个?月|将(?:于|要|在)|准备|打算|拟|定于|即将|务必|抓紧|"
                    r"要用|"
                    r"[\d一二三四五六七八九十][日号]之?前|底前|(?:节|清明|端午|中秋|国庆|元旦|五一)前(?!夕|走访|慰问|看望|的|在)|周[一二三四五六日天]前|"
                    r"[日号天]内|之内|以内|截止|截至|补交|"
                    r"[在正]在?(?:开会|入户|走访|值班|学习|培训)|开完会|没(?:有|能)?去|未能"
                    r"|能不能|能否|可不可以")  # "能不能帮她申请上门服务": help asked for, not given
# Where voice-typed text with no punctuation turns to what comes next ("今天走访了二组 下步准备走访三组").
_NEED = re.compile(r"需要|亟需|急需|建议")
_ANSWERED = re.compile(r"[^，,。；;]*(?:问|咨询)[^，,。；;]*[，,]\s*(?:已经?|都|当场)(?:解答|答复|回复|解释)(?:了|清楚了?)?")
_EARLIER = re.compile(r"\s*(?:上次|上回|以前|之前|此前|去年|前些年|曾经)")
_NEXT_STEP = re.compile(r"下一?步|接下来|明天|明儿|后天|下周|下个?礼拜|下个?星期|过两天|过几天|准备|打算")
# Notices, questions and "I'll answer later" make the whole message talk about the work, not a note of it.
_NOT_A_NOTE = re.compile(
    r"通知|届时|改[到为在成]|推迟|延后|取消|暂停|调整[到为]|准时|记得参加|请[^，,。]{0,10}(?:参加|参会|出席|开展|组织|做好|注意|"
    r"完成|落实)|等我|晚点|稍后|回头|再说|报给我|发给我|发我|报上来|交上来|值班表|排班表|值班电话|带班表"
    r"|[?？]|(?:吗|(?<!着)呢)(?=\s|[，,。]|$)|几点|哪里|哪儿|在哪|是谁|谁(?:值班|来|去|参加)|什么时候|啥子?时候|晓不晓得"
    r"|知不知道|要不要|是不是|有没有(?=[^，,。\s]{0,10}(?:$|[?？]))|等[^，,。\s]{0,3}回来|先(?:跟|给|和)大家说一声"
    r"|是[^，,。]{0,8}还是|([\u4e00-\u9fff])不\1\s*$"  # "是在镇里开还是去村里开", "…中不中"
    r"|有事(?:打|找|联系|给)我"  # "今天去县里参加培训，有事打我电话": where I will be
)

# A clause that says there is nothing wrong names no problem, whatever words it uses ("未发现安全隐患").
_ALL_CLEAR = re.compile(r"(?:没有?|未)发生|(?:无|未|没有?|不存在|暂无|均无)(?:什么|任何)?"
                        r"(?:发现|反映|反应|出现|异常|问题|隐患|险情|情况)|(?<!不)(?:正常|平稳|稳定|平安|良好)|都还好|干净")
_FOUND = re.compile(r"发现|反映|反应|存在|出现|有(?:人|户|一|位|两|村民|群众|居民|老人)|诉求|提出|接到|"
                    r"了解到|得知|听说")
_LEFT = re.compile(r"没人(?:管|清|收|处理|理)|好几天|一直(?:没|不)|还没(?:人|有人)|迟迟")
_ACTION = re.compile(r"(?:需要?|亟需|急需|亟待|待|请|希望|要求|要)[^，,。]{0,10}"
                     r"(?:处理|解决|维修|修|更换|整改|协调|帮|救助|转移|答复|清理|排查|跟进|落实)"
                     r"|尽快|及时处理|坏了|开裂|漏水|堵塞|倾倒|受伤|摔倒")


# "协调了一起楼上漏水到楼下的事": a problem the note says was dealt with asks no one to act.
_HANDLED = re.compile(r"\s*(?:已经?)?(?:协调|调解|化解|处理|解决)(?:了|好了?)")
# "主要是宣传汛期转移的事": what was told to people on a visit is no problem found.
_TOLD = re.compile(r"宣传|宣讲|讲解|告知|提醒|动员")
_FIXED = re.compile(r"已经?[^，,。；;]{0,8}(?:扶起来|修好|弄好|绑好|补上|补好|清理干净|处理好|解决了)|当场(?:就)?扑灭|没有(?:造成)?损失"
                    r"|已经?(?:转告|转交|转给|告知)")  # "接到群众来电2个…已转告村里": passed on
_FOUNDED = re.compile(r"(?:成立|组建|建立|组成)了?[^，,。；;！!？?\s]*$")


def work_words(text: str) -> str | None:
    """visit | meeting | study | duty | other when the text speaks of such work, done or not; None otherwise."""
    m = _WORK.search(text)
    while m is not None and m.lastgroup == "meeting" and _FOUNDED.search(text, max(0, m.start() - 12), m.start()):
        m = _WORK.search(text, m.end())  # "成立了红白理事会和楼栋议事会" founds councils, holds no meeting
    if m is None or m.lastgroup != "other":
        return m.lastgroup if m else None
    # "开展学雷锋志愿服务主题党日": volunteering or a patrol inside a meeting, visit… is that work.
    named = next((w for w in _WORK.finditer(text, m.end()) if w.lastgroup != "other"), None)
    return named.lastgroup if named else "other"


def is_done(text: str) -> bool:
    """Whether the work spoken of is done: not a plan, a notice, a question or "我在开会"."""
    # "接了2个电话，都是问明年医保什么时候缴费的，已经解答了": questions heard and answered are part of the note.
    if _NOT_A_NOTE.search(_ANSWERED.sub("", text)):
        return False
    for clause in clauses(text, _NEXT_STEP):
        work = _WORK.search(clause.text)
        need = _NEED.search(clause.text)
        # "需要组织人清理" asks for the work; "走访了5户 发现…需要尽快维修" did it, and asks for something else.
        # "上次屋场会上调解过一回": work of another day, recalled; the note is about what happens now.
        if work and not _LATER.search(clause.text) and not (need and need.start() < work.start()) \
                and not _EARLIER.match(clause.text):
            return True
    return False


def names_problem(text: str) -> bool:
    """Whether a work note also names a problem someone must act on (a clause saying all is well does not)."""
    if _FIXED.search(text):  # "警示牌被风刮倒了，我已经扶起来重新绑好了": dealt with on the spot
        return False
    for clause in clauses(text):
        piece = clause.text
        if _ALL_CLEAR.search(piece) or _HANDLED.match(piece) or _TOLD.search(piece):
            continue
        # Found, or described as a state left unattended ("路边垃圾堆了好几天没人清"): a problem either way.
        # "发现有户人家在屋后烧槟榔果壳，烟好大，…熏黑了": what was found is told to the sentence's end.
        found = text[clause.start:sentence_end(text, clause.start)] if _DISCOVERED.search(piece) else piece
        if _ACTION.search(piece) or is_urgent(piece) or (
                (_FOUND.search(piece) or _LEFT.search(piece)) and category_evidence(found)[1] >= 2):
            return True
    return False


_DISCOVERED = re.compile(r"发现|了解到|得知|听说")  # not "有两户想贷款养牛": a wish heard, its answer told after it
_WEEKDAYS = {c: i for i, c in enumerate("一二三四五六")} | {"日": 6, "天": 6} | {str(i + 1): i for i in range(7)}
_DAYS_AGO = {"大前天": 3, "大前儿": 3, "前天": 2, "前日": 2, "前儿": 2, "昨天": 1, "昨日": 1, "昨晚": 1, "昨夜": 1,
             "昨儿": 1, "昨个": 1}
_PAST_DAY = re.compile(
    r"(?P<ago>大前天|大前儿|前天|前日|前儿|昨天|昨日|昨晚|昨夜|昨儿|昨个)"
    r"|(?P<week>上上|上|本|这)?个?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])"
    rf"|(?:(?P<yr>{YEAR_WORD})?(?P<m>{MONTH})月)?(?<![\d.])(?P<d>{DAY})[日号](?![楼线院房门文令])"
    r"|(?P<fest>元旦|五一|七一|八一|国庆|十一)(?:那天|当天|这天|上午|下午|晚上)"  # "七一那天组织党员重温入党誓词"
)
_FESTIVAL_DAYS = {"元旦": (1, 1), "五一": (5, 1), "七一": (7, 1), "八一": (8, 1), "国庆": (10, 1), "十一": (10, 1)}


def work_date(text: str, today: dt.date) -> dt.date:
    """The day the work was done: the first day said that is not in the future, else today."""
    for m in _PAST_DAY.finditer(text):
        day = _resolve(m, today)
        if day is not None and day <= today:
            return day
    return today


def _resolve(m: re.Match[str], today: dt.date) -> dt.date | None:
    if m["ago"]:
        return today - dt.timedelta(days=_DAYS_AGO[m["ago"]])
    if m["fest"]:  # the last such day: this year's, or last year's while this year's is still to come
        month, on = _FESTIVAL_DAYS[m["fest"]]
        day = dt.date(today.year, month, on)
        return day if day <= today else dt.date(today.year - 1, month, on)
    if m["wd"]:
        monday = today - dt.timedelta(days=today.weekday())
        weeks = {"上上": 2, "上": 1}.get(m["week"] or "", 0)
        day = monday + dt.timedelta(days=_WEEKDAYS[m["wd"]] - 7 * weeks)
        # A bare weekday ("周三") means the last such day; 本周三 still to come is a plan, not a log's day.
        return day - dt.timedelta(days=7) if day > today and not m["week"] else day
    day_no = to_int(m["d"])
    if day_no is None:
        return None
    said = month_number(m["m"])
    if said is None:  # "5号": this month's, or last month's when the 5th is still to come
        year, month = (today.year, today.month) if day_no <= today.day else add_months(today.year, today.month, -1)
        return safe_date(year, month, day_no)
    named = year_of(m["yr"], today)
    # A month-day without a year is the last such day, so a log's day is never in the future.
    year = named if named is not None else today.year - ((said, day_no) > (today.month, today.day))
    return safe_date(year, said, day_no)


# A count as cadres say it: "8户", "十五个人", "6家", "40多人", "二十几个" (after 来了/到了). A vague count is its
# figure said: "40多人" → 40, "十几户" → 10 (at least that many, as the clerk would enter it); a pair of digits is
# its upper end, as for amounts: "七八户" → 8. "几户" alone says no figure.
_COUNT = re.compile(rf"(?<![\d.月号第])(?P<n>{NUMBER})(?P<vague>余|多|几|来)?"
                    r"(?:个?(?:户|名|人|位)(?!一|口|籍|民|大|员|数)|家(?![长属人庭里中具乡门])"
                    r"|个(?=[，,。；;！!\s]|$)"
                    # "七个委员都到了", "来了二十二个党员", "三十五个党员 集中学了三天": who came, said as a count
                    r"|个(?:娃娃|孩子|学生|小朋友)"  # "给48个娃娃过了儿童节": whom the work reached
                    r"|个(?:委员|支委|党员|代表|村民|群众|干部|网格员|居民|人员|职工)"
                    r"(?=(?:都|全部|全都)?(?:到了|来了|到会|参加|参会|到齐)|[，,。；;！!\s]|$))")
_BARE = re.compile(r"(?:来|到|去)了?\s*$")  # "到了二十几个": a bare 个 counts only after who came
_TOTAL = re.compile(r"(?:共计?|合计|总计|一共|实到|实际到会)(?:[去来走到]了)?\s*$")
_CAME = re.compile(r"(?:到了|来了|到会|实到|参加的有|参加了?|参会|出席)(?:党员|人员|代表|群众|村民|居民)?\s*$")
# "表彰优秀党员5名，全村47名党员参加": who took part is the count, not those honoured or named before.
_TOOK_PART = re.compile(r"(?:党员|人员|代表|群众|村民|居民|干部|同志)?(?:都|全部|全都)?(?:参加|参会|到会|出席)")
_EXPECTED = re.compile(r"(?:应到|应参会|应出席|应参加|缺席|请假)\s*$")  # not who came


def _count_match(text: str, households: bool = False) -> re.Match[str] | None:
    found = list(_COUNT.finditer(text))
    if households:  # "15名党员结对联系困难户43户": a visit's count is the households reached, not the cadres
        found = [m for m in found if m.group().endswith(("户", "家"))] or found
    first: re.Match[str] | None = None
    for m in found:
        value = to_int(m["n"])
        before = text[max(0, m.start() - 6):m.start()]
        if value is None or value <= 0 or _EXPECTED.search(before) or (
                m.group().endswith("个") and not _BARE.search(before)):
            continue
        if _TOTAL.search(before) or (first is not None and (_CAME.search(before) or _TOOK_PART.match(text, m.end()))):
            return m  # "全体党员43人到了38个": who came, after how many there are
        first = first or m
    return first


def people_of(text: str, visit: bool = False) -> int | None:
    """Households or people visited or attending, when stated: a total (共, 实到) if given, else the first (of a
    visit, the first count of households)."""
    m = _count_match(text, visit)
    return to_int(m["n"]) if m else None


def restate_people(summary: str, people: int, visit: bool = False) -> str:
    """The summary with the count people_of reads in it set to `people` ("走访8户" → "走访10户"), else unchanged."""
    m = _count_match(summary, visit)
    if m is None:
        return summary
    end = m.end("vague") if m["vague"] else m.end("n")
    return f"{summary[:m.start()]}{people}{summary[end:]}"


# A place the work was done at, after 在/到/去 ("在村委会值班", "到老党员家拉家常", "去了趟老张家").
_AT = re.compile(r"(?:在|到|去|赴)(?:了一?趟|了)?(?P<p>(?![\d一二三四五六七八九十两几])"
                 r"(?:(?![在到去了和与跟把])[\u4e00-\u9fff\d]){0,10}?"
                 r"(?:村委会|村委|村部|活动室|会议室|党群服务中心|便民服务中心|服务中心|服务站|办公室|文化广场|"
                 r"文化礼堂|礼堂|广场|祠堂|院坝|大院|小学|学校|党校|驿站|卫生室|敬老院|幸福院|养老院|基地|家))")


_BESIDE = re.compile(r"广场|门口|门前|院子|院坝|大院|会议室|活动室|二楼|楼下")


def work_place(text: str, grids: Sequence[str], village_re: re.Pattern[str] | None = None) -> str | None:
    """Where the work was done: the grids or groups named, as registered ("3组" → "三组"), else a place, else None."""
    # As an issue's location (PARSING.md, "Location"), but only of work done ("下步准备走访三组" is not where), and a
    # place only after 在/到/去: a log opens with its day ("星期天在村部值班"), not with a place.
    done = [c for c in clauses(text, _NEXT_STEP) if not _LATER.search(c.text)]
    named: list[tuple[int, str]] = []
    for clause in done:
        for grid in grids:
            if (pos := clause.text.find(grid)) >= 0:
                named.append((clause.start + pos, grid))
        named += [(clause.start + start, name) for start, name, _ in group_mentions(clause.text, grids)]
    if named:
        return "、".join(dict.fromkeys(name for _, name in sorted(named)))
    for clause in done:
        for m in _AT.finditer(clause.text):
            # "在村委会广场开展…": the place is the square by the office, not the office
            place = m["p"] + (more.group() if (more := _BESIDE.match(clause.text, m.end())) else "")
            if village_re is not None and (said := village_re.match(place)) and said.end() < len(place):
                place = place[said.end():]
            if place != "家":
                return place
    return None

