"""Deadlines: the last day by which a handed-off thing is due (PARSING.md, "Deadline").

Written here rather than taken from a library because the general date parsers read these phrases
wrongly: dateparser takes "3月15日前" as "3 months 15 days ago" (前 = ago) and knows neither 上旬 nor
调休; jionlp cannot parse 月底前 or 月中 and counts 工作日 without official holidays. The rules
here are the township clerk's: a deadline is never in the past, a day that is already past moves
forward by its own unit, and working days follow the State Council calendar (workdays.py).
The resolvers live in deadline_days.py (days) and deadline_periods.py (periods and holidays).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.parse import deadline_days as days
from handlers.parse import deadline_periods as periods
from handlers.parse import lunar
from handlers.parse.calendar_math import CN_SMALL, DAY, MONTH, YEAR_WORD, month_number
from handlers.parse.due import Ctx, Resolver
from handlers.parse.text import anchored, normalize

_PRE = re.compile(r"(?:请于|请在|务必于|务必在|最迟于|最迟|最晚|截止到|截止至|截止|截至|不晚于|延期到|延期至|"
                  r"延长到|延长至|于|在|到)\s*$")
_SUF = re.compile(r"\s*(?:之前|以前|前(?!后)|之内|以内|内|之间|为止|截止|完成前)")  # "10日到15日之间"
# A date right before handing in ("节后第一个工作日报送", "明天报我") is when it is due, said as such.
_HANDED_IN = re.compile(r"\s*(?:上午|下午|中午|早上|晚上|下班前|之前|前)?\s*(?:汇总|统计|整理好?)?"  # "7月上旬汇总报我"
                        r"(?:报送|上报|提交|报(?!表|告|道|纸|刊|名)|交(?!流|通|易|界|叉)|发(?:到)?(?:群里|我|给我))")
_FROM = re.compile(r"[从自]\s*$")
_STARTS = re.compile(r"\s*(?:开始|起)")
_STRONG_PRE = re.compile(r"截止|截至|最迟|最晚|不晚于|请于|请在|务必|延期|延长")

_NUMERAL = "一二三四五六七八九十百千万两零〇"
_NOT_AFTER_NUMBER = r"(?<![\d一二三四五六七八九十两几多半个])"
_BEFORE = r"(?=\s*(?:之前|以前|前|截止|为止))"
# A date or time right after 截止/截至 is the deadline itself ("截止4/15", "截止中午12点").
_CUT = r"(?:(?<=截止)|(?<=截至)|(?<=截止到)|(?<=截至到))\s*"
# A year cadres write with two digits ("27年3月1日"), only where a month follows or 于/在/到 come before.
_YEAR = rf"(?:{YEAR_WORD}|(?<![\d{_NUMERAL}])\d{{2}}年)"
# A time of day after a day leaves the day as it is: "8号晚上9点前", "3月20日下午三点", "18日17:30".
_CLOCK = (r"(?:\d{1,2}|[零一二三四五六七八九十两]{1,3})\s*[点时](?:半|\d{1,2}分?|[零一二三四五六七八九十]{1,3}分?)?"
          r"|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_DAYTIME = "凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里"
_TIME = rf"(?:(?:\s*(?:{_DAYTIME}|下班|上班)){{0,2}}\s*(?:{_CLOCK})?)"
# "04-20", "12-01": a month and day with two digits each ("3-5户" is no date).
_MMDD = r"(?<![\d.\-/:：])(?P<{m}>0[1-9]|1[0-2])-(?P<{d}>0[1-9]|[12]\d|3[01])(?![\d\-/])"
_WEEKDAY_NOTE = r"(?:\s*[(（](?:周|星期|礼拜)[一二三四五六日天][)）])?"  # "3月15日（周日）"
_TO = r"\s*(?:到|至|—|–|-|~)\s*"
_WD = r"[一二三四五六日天1-7]"
_WEEK = r"(?:周|星期|礼拜)"
_REL_MONTH = r"(?P<rel>本|这个?|当|下下个?|下一?个?)月份?"
_REL_WEEK = r"(?P<wk>本|这一?个?|下下个?|下一?个?)"


def _said_month(name: str = "m") -> str:
    """A month by its number, with its year when one is said: "3月", "2027年十月", "明年的元月", "27年5月"."""
    return rf"(?:(?P<yr>{_YEAR})的?\s*)?(?<!\d){_NOT_AFTER_NUMBER}(?P<{name}>{MONTH})月"


_PARTS = "上中旬|中下旬|上半月|下半月|上旬|中旬|下旬|初|中(?!旬)|底|末"
_COUNT = rf"(?P<n>\d+|[{CN_SMALL}半]+)\s*"
# A bare period ("下月", "3月份", "上半年") is a deadline only when the work it bounds follows it or a word such as
# 到/于/截至 or a label ("完成时限：") comes before it; "3月份工作小结", "下月的计划" name a report or plan month,
# not a due date.
# A clause with 了 in it tells what was done ("这个月把老学校租出去了"), not what is due.
_DUE = re.compile(r"\s*(?:之内|以内|内|截止|为止|把|将|要(?!点|求)|务必|必须|一定|全部|全面|完成|办结|建成|完工|竣工|见效|"
                  r"落实|到位|报(?!表|告|道|纸|刊)|交(?!流|通|易)|送(?!温暖|走)|提交|补齐|整改|结束|投入|实现|启动|开工|拿出|整理|搞定|弄好|办好|做完|弄完)"
                  r"(?![^，,。；;！!？?\n\s]*?(?<![为除])了(?!解))")  # a pause ends the clause too: "…对接一次 有结果了"
# A date said without 前/截止 whose clause tells what was done ("3月5日召开了会议", "周一开了会") dates a past event;
# one that points ahead (下周三, 明天, 本月) is still due, and so is "把…了", the spoken order ("3月20日把表交了").
_DONE = re.compile(r"[^，,。；;！!？?\n把要]*?(?<![为除])了(?!解)")  # "要开了" is about to be
_AHEAD = re.compile(r"[明后下今本这次当大]|未来|将来")
# A period that opens a hand-off, alone or after whom it addresses ("这周各村把…", "罗斌，下周把…"), is its deadline.
_OPENS = re.compile(r"\s*(?:[^，,。；;：:\n]{1,12}[，,：:]\s*)?$")
# "十一月份的党费", "明年春节期间"; a period naming what is reported on ("5月份书记项目月报", "三季度书记项目述职",
# "上半年收益公开情况") is its subject, not its deadline.
_NOT_DUE_AFTER = re.compile(r"\s*(?:的|期间|之际|时|以来|春节|国庆|元旦|中秋|端午"
                            r"|(?:书记项目|集体经济|项目)?(?:工作)?(?:月报|报表|小结|总结|述职|台账|党费|考核|收益|收入|账目|数据))")
_DUE_BEFORE = re.compile(r"(?:[于在到至止为]|(?:时限|时间|期限|日期)[：:])\s*$")  # "延期到下月", "完成时限：3月份"
_FESTIVAL = ("除夕|三八妇女节|三八节|妇女节|五四青年节|青年节|六一儿童节|儿童节|建党节|八一建军节|建军节|教师节"
             "|双十一|双11|元宵节|元宵|重阳节|重阳|腊八节|腊八|小年|七夕节|七夕|中元节|中元|龙抬头"
             f"|(?<![\\d{_NUMERAL}])(?:三八|五四|六一|七一|八一)(?![\\d{_NUMERAL}月日号])")
# "年前" is before the Spring Festival, but not in 今年前三季度, 青年, 半年, 新年.
_YEAR_EVE = (rf"(?<![\d{_NUMERAL}几多去今明前后青少老周新半整学财当历往近早晚每同长中上童幼丰拜])年"
             rf"(?!前[\d{_NUMERAL}几])")
_HOLIDAY = ("春节|过年|元旦|阳历新年|清明|劳动节|端午|中秋|国庆"
            rf"|(?<![\d{_NUMERAL}双])(?:五一|十一)(?![\d{_NUMERAL}月日号])")
_AFTER_BREAK = r"(?P<after>(?:过)?后(?:第一个|首个)工作日|(?:过)?后(?:上班)?第一天|后上班首日)"
# "节前" on its own is the next official holiday; not 环节, 季节, 植树节, 圣诞节 and the like.
_ANY_FESTIVAL = r"(?<![季环细章关调情礼时佳树诞人书化术收八至午秋庆春明旦动年师女童党军宵阳一二三四五六七九十日音])"


@dataclass(frozen=True)
class DeadlineHit:
    """One deadline phrase: the date it names (None if unknowable) and its span with 请于…前 words."""

    date: dt.date | None
    start: int
    end: int
    marked: bool
    handed: bool = False  # said right before 报送/报我/交: the day the thing is owed to the office
    bare: bool = False  # a bare period not said as due ("下周统计好"): a deadline only in what is a hand-off anyway
    bounds: bool = False  # the work follows it ("今明两天把…排查一遍"), not an event ("台风可能周末影响")


@dataclass(frozen=True)
class _Rule:
    anchor: re.Pattern[str]
    pattern: re.Pattern[str]
    resolve: Resolver
    marks: bool  # the phrase is said as a deadline by itself
    bare: bool  # a bare period: read only where _DUE follows or _DUE_BEFORE precedes it
    relative: bool  # 本月, 下周…: a bare period that may still be a hand-off's deadline (a named month is its subject)
    before: int  # how far the longest match (lookarounds included) reaches before and after its key character
    after: int


def _rule(key: str, pattern: str, resolver: Resolver, *, marks: bool = False, bare: bool = False,
          relative: bool = False, before: int = 14, after: int = 8) -> _Rule:
    return _Rule(re.compile(key), re.compile(pattern), resolver, marks, bare, relative, before, after)


def _cut_or_before(key: str, pattern: str, resolver: Resolver, *, before: int, after: int) -> tuple[_Rule, _Rule]:
    """A phrase that is a deadline only after 截止 ("截止4/15") or before 前 ("4/15前"): two rules."""
    return (_rule(key, _CUT + pattern, resolver, before=before + 4, after=after),
            _rule(key, pattern + _BEFORE, resolver, before=before, after=after + 4))


def _any(chars: str) -> str:
    return f"[{re.escape(chars)}]"


def _bare_ok(text: str, m: re.Match[str]) -> bool:
    # Only 到/于/截至 before or 内 after mark it as a deadline: "本月建成了主体" is a report, "下月办结" a
    # deadline only in what reads as a hand-off for other reasons.
    return bool(_DUE.match(text, m.end()) or _DUE_BEFORE.search(text, max(0, m.start() - 6), m.start())
                or (_OPENS.match(text[:m.start()]) is not None and not _NOT_DUE_AFTER.match(text, m.end())))


# What a bare period may bound in a hand-off that is one for other reasons: work to finish ("下周统计好", "下周给我个
# 书面汇报", "2027年10月拿下来"), not a thing named ("下周工作安排", "本月的三会一课记录").
_LOOSE_DUE = re.compile(r"(?![^，,。；;！!？?\n]*了)"  # "上半年完成了换届": done, not due
                        r"[^，,。；;！!？?\n的]{0,12}?(?:好|完|齐|一下|给我|发我|报|交|到位|下来|出来|推开|落实|搞定|投用|投产"
                        r"|建成|完工|开业|运营|办结|进场|进驻|到岗|开工|动工|起来|上墙|出台|召开|举办|举行)")


def _loose_ok(rule: _Rule, text: str, m: re.Match[str], today: dt.date) -> bool:
    # A month named without its year may be the month reported on ("3月份工作小结" said in April): only relative
    # periods (本月, 下周, 下半年), months with their year and months still to come ("4月份进场" said in March) are
    # read so.
    month = month_number(m.groupdict().get("m"))
    said = rule.relative or bool(m.groupdict().get("yr")) or (month is not None and month > today.month)
    return said and not _NOT_DUE_AFTER.match(text, m.end()) and bool(_LOOSE_DUE.match(text, m.end()))


# In priority order: where two phrases overlap the earlier rule wins (a range before its first day, a month's
# Nth weekday before the weekday). A pattern is only searched for around its key characters (text.anchored).
_RULES = (
    # A lunar day first: "农历十二月二十日" is not the solar 20 December.
    _rule(r"[正冬腊]月|[农阴古]历",
          rf"{lunar.LUNAR_MONTH}份?的?(?:{lunar.LUNAR_DAY}[日号]?(?![\d{_NUMERAL}])|(?P<part>{_PARTS}))",
          lunar.deadline, before=3, after=16),
    _rule(_any("到至-~—–"),
          rf"{_said_month('m1')}(?P<d1>{DAY})[日号]?{_TO}(?:(?P<yr2>{_YEAR})?(?P<m>{MONTH})月)?(?P<d>{DAY})"
          rf"(?:[日号]|{_BEFORE})",
          days.month_date_range, after=16),
    _rule(_any("到至-~—–"),
          rf"{_said_month('m1')}份?{_TO}(?:(?P<yr2>{_YEAR})的?)?(?P<m>{MONTH})月份?"
          rf"(?![\d日号的]|[{_NUMERAL}](?!个月))",  # "十月到十一月两个月搞完"
          periods.whole_month, before=10),
    _rule(_any("到至-~—–"),
          rf"(?<![月\d]){_NOT_AFTER_NUMBER}(?P<d1>{DAY})[日号]{_TO}(?P<d>{DAY})[日号]",
          days.bare_day, before=5, after=6),
    _rule(_any("到至-~—–"),
          rf"(?<!每){_REL_WEEK}?{_WEEK}{_WD}{_TO}{_WEEK}?(?P<wd>{_WD})",
          days.weekday, before=8, after=6),
    _rule(_any("到至-~—–"),
          rf"(?<!\d)\d{{4}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}[日号]?{_TO}"
          rf"(?P<y>\d{{4}})\s*[-/.年]\s*(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})(?!\d)",
          days.full_date, before=14, after=14),
    _rule(_any("到至-~—–"),
          rf"{_MMDD.format(m='m1', d='d1')}{_TIME}{_TO}{_MMDD.format(m='m', d='d')}",
          days.month_date_range, before=12, after=18),
    _rule(_any("-/.年 "),
          rf"(?<!\d)(?P<y>\d{{4}})(?:\s*[-/.年]\s*|\s(?=[01]\d\s[0-3]\d(?!\d)))(?P<m>\d{{1,2}})(?:\s*[-/.月]\s*|\s)"
          rf"(?P<d>\d{{1,2}})[日号]?{_WEEKDAY_NOTE}{_TIME}",
          days.full_date, before=6, after=24),
    *_cut_or_before(r"20\d{6}", r"(?<!\d)(?P<y>20\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
                    days.full_date, before=8, after=2),
    *_cut_or_before(r"[01]\d-[0-3]\d", rf"{_MMDD.format(m='m', d='d')}{_TIME}", days.month_date, before=2, after=20),
    *_cut_or_before(_any("./·"), rf"(?<![\d./])(?P<m>1[0-2]|0?[1-9])[./·](?P<d>{DAY})(?![\d./]){_TIME}",
                    days.month_date, before=3, after=20),
    _rule(_any("日号"),
          rf"{_said_month()}份?的?(?P<d>{DAY})[日号]{_WEEKDAY_NOTE}{_TIME}",
          days.month_date, after=20),
    *_cut_or_before(r"月[\d一二三四五六七八九十]", rf"{_said_month()}(?P<d>{DAY})(?![\d{_NUMERAL}]){_TIME}",
                    days.month_date, before=8, after=20),
    _rule(r"(?:第[一二三四五1-5]|最后一)个",
          rf"(?:{_REL_MONTH}|{_said_month()}份?)的?(?:第(?P<n>[一二三四五1-5])个|最后一个){_WEEK}(?P<wd>{_WD}){_TIME}",
          days.nth_weekday, before=12, after=16),
    _rule(rf"月份?的?月?(?:{_PARTS}|前)",
          rf"{_said_month()}份?的?月?(?P<part>{_PARTS}|前(?!后))",
          periods.month_part, before=8, after=6),
    _rule(r"[本这当下][一个]{0,2}月",
          rf"{_REL_MONTH}(?P<d>{DAY})[日号]{_WEEKDAY_NOTE}{_TIME}",
          days.relative_month_day, before=5, after=20),
    _rule(rf"月月?(?:{_PARTS})",
          rf"(?:{_REL_MONTH}|(?<![上个\d一二三四五六七八九十腊正冬])月)月?(?P<part>{_PARTS})",
          periods.relative_month_part, before=5, after=5),
    _rule(_any("旬半"),
          r"(?<![月\d])(?P<part>上中旬|中下旬|上旬|中旬|下旬|上半月|下半月)",
          periods.relative_month_part, before=1, after=2),
    _rule(r"[本这当下][一个]{0,2}月",
          _REL_MONTH,
          periods.relative_month, bare=True, relative=True, before=5, after=2),
    _rule(r"[\d一二三四五六七八九十元]月",
          rf"{_said_month()}份?(?![\d{_NUMERAL}日号])",
          periods.whole_month, bare=True, before=8, after=3),
    _rule(r"\d[./]\d",
          r"(?<![\d.])(?P<yr>20\d{2})[./](?P<m>0[1-9]|1[0-2])(?![\d./])",
          periods.whole_month, bare=True, before=5, after=3),
    # "每月5号前报上个月的": the next such day.
    _rule(_any("日号"), rf"(?<=每月)\s*(?P<d>{DAY})[日号](?=\s*(?:之前|以前|前))", days.bare_day, before=4, after=6),
    # "18号左右" names the day as surely as "18号前" (a clerk writes down the 18th).
    _rule(_any("日号"),
          rf"(?<![月\d]){_NOT_AFTER_NUMBER}(?P<d>{DAY})[日号]{_WEEKDAY_NOTE}{_TIME}(?=\s*(?:之前|以前|前|截止|为止|左右))",
          days.bare_day, before=4, after=24),
    _rule(_any("日号"),
          rf"(?<=[于在到止至])\s*(?P<d>{DAY})[日号](?!任务|楼|栋|幢|单元|院|室|会议室|文件){_TIME}",
          days.bare_day, before=4, after=16),
    _rule(_any("周"),
          rf"(?<!每){_REL_WEEK}?周末(?P<before>(?:之|以)?前)?",
          days.weekend, before=4, after=4),
    _rule(_any("周期拜"),
          rf"(?<!每){_REL_WEEK}?{_WEEK}的?{_WEEK}?(?P<wd>{_WD}){_TIME}",
          days.weekday, before=5, after=18),
    _rule(_any("周期拜"),
          rf"(?<!每){_REL_WEEK}{_WEEK}(?!末|{_WD})",
          days.weekday, bare=True, relative=True, before=4, after=2),
    _rule(_any("天日晚早晨"),
          rf"(?P<dw>今明两天|明后两?天|这两天|大大后天|大后天|后天|今天|今日|今晚|今早|今晨|当天|当日|当晚|明天|明日|明早|明晚"
          rf"|次日|后日|本日)"
          rf"{_TIME}",
          days.day_word, before=4, after=16),
    # A time of day with no day before it is today's, when said as the deadline ("下午四点前", "截止17:30"); not
    # the end of a range of hours ("下午3点至8点") nor an hour after a count ("一个月后下午三点").
    *_cut_or_before(_any("点时:："),
                    rf"(?<![\d日号天晚早晨午上后第~\-—])(?<!(?<!截|止)[至到])(?:{_DAYTIME})?\s*(?:{_CLOCK})(?:钟|整|多钟?)?",
                    days.today, before=6, after=8),
    _rule(r"(?:天|日|周|期|拜|时|月)\s*(?:之内|以内|内|之后|以后|后)",
          rf"{_COUNT}(?P<u>个工作日|个?小时|天|日|周|个?星期|个?礼拜|个月|个半月|(?<=半)月)"
          rf"(?:(?=\s*(?:之内|以内|内))|\s*[之以]?后(?!天))",
          days.duration, before=8, after=5),
    _rule(_any("来"),
          rf"[未将]来{_COUNT}(?P<u>个工作日|天|日|周|个?星期|个?礼拜|个月)",
          days.duration, marks=True, before=2, after=8),
    _rule(_any("季"),
          rf"(?P<yr>{YEAR_WORD})?的?(?P<q>本|这个?|下个?|第?[一二三四1-4]|首)?季度(?:末|底|内)",
          periods.quarter, before=9, after=3),
    _rule(_any("季"),
          rf"(?P<yr>{YEAR_WORD})?的?(?P<q>本|这个?|下个?|第?[一二三四1-4]|首)季度",
          periods.quarter, bare=True, relative=True, before=9, after=3),
    _rule(_any("半"),
          rf"(?P<yr>{YEAR_WORD})?(?P<h>[上下前后])半年",
          periods.half_year, bare=True, relative=True, before=7, after=2),
    _rule(_any("年"),
          rf"(?:(?<!\d)(?P<yr>\d{{4}}|[二〇零一三四五六七八九]{{4}})|{_NOT_AFTER_NUMBER}(?P<yw>今|本|明|次|来|这一?|下一?|(?<![今之以最前然])后)?)"
          r"年度?的?年?(?:底|末|内)(?![了啦])",  # "年底了，…": it is year end, said as why
          periods.year_end, marks=True, before=6, after=5),
    _rule(_any("年"),
          rf"(?:(?P<yw>今明两|今|明|本|这一?|下一?|(?<![今之以最前然])后)|(?<![\d{_NUMERAL}])(?P<yr>\d{{4}}|[二〇零一三四五六七八九]{{4}})"
          rf"|(?<=[于在到至])(?P<yr2>\d{{2}}))年(?![\d{_NUMERAL}前后初中底末内半上下的级代度份以来])",
          periods.whole_year, bare=True, before=6, after=4),
    _rule(_any("前"),
          rf"(?P<fest>{_FESTIVAL})[”\"」]?(?:节|当天)?(?:之|以)?前(?!后)",  # "“七一”前"
          periods.festival, marks=True, before=10, after=2),
    _rule(_any("前"),
          rf"(?P<hol>{_HOLIDAY}|{_YEAR_EVE})(?:节|假期|放假|长假|假|黄金周)?(?:之|以)?前(?!后)",
          periods.holiday, marks=True, before=10, after=2),
    _rule(r"后(?:上班)?(?:第一|首)",
          rf"(?P<hol>{_HOLIDAY}|{_YEAR_EVE})(?:节|假期|长假|假)?{_AFTER_BREAK}",
          periods.around_break, before=8, after=12),
    _rule(_any("节"),
          rf"{_ANY_FESTIVAL}节(?:日|假)?(?:前(?!后)|{_AFTER_BREAK})",
          periods.around_break, before=2, after=10),
)


def deadline_hits(text: str, today: dt.date, now: dt.datetime | None = None,
                  warnings: list[str] | None = None, bare: bool = False) -> list[DeadlineHit]:
    """Every deadline phrase in the (normalized) text, in order; earlier patterns win where phrases overlap.
    `bare`: bare periods not said as due are kept too, flagged (for a leader's message that may be a hand-off)."""
    ctx = Ctx(today, now, warnings)
    taken = bytearray(len(text))  # 1 where an earlier pattern already read the text
    hits: list[DeadlineHit] = []
    loose_spans: list[tuple[_Rule, re.Match[str]]] = []
    for rule in _RULES:
        for m in anchored(rule.pattern, rule.anchor, text, rule.before, rule.after):
            loose = rule.bare and not _bare_ok(text, m)
            if taken.find(1, m.start(), m.end()) != -1 or (loose and not (bare and _loose_ok(rule, text, m, today))):
                continue
            if loose:  # kept aside: it must not hide what a later rule reads in the same words
                loose_spans.append((rule, m))
                continue
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            pre = _PRE.search(text, max(0, m.start() - 6), m.start())
            suf = _SUF.match(text, m.end())
            start = pre.start() if pre else m.start()
            end = suf.end() if suf else m.end()
            handed = bool(_HANDED_IN.match(text, end))
            marked = rule.marks or bool(suf) or bool(pre and _STRONG_PRE.search(pre.group())) or handed
            if text.startswith("的", end) and not handed:  # "春节前的防火": which fire-watch, not when it is due
                marked = False
            day = rule.resolve(m, ctx)
            if not marked and _DONE.match(text, m.end()) and not _AHEAD.match(text, m.start()):
                day = None
            if _FROM.search(text, max(0, m.start() - 2), m.start()) and _STARTS.match(text, m.end()):
                day = None  # "从明天开始每天报": when it starts, not when it is due
            # Relative phrases already move forward; a past date with its year spelled out is no deadline.
            hits.append(DeadlineHit(day if day is None or day >= today else None, start, end, marked, handed,
                                    bounds=bool(_DUE.match(text, end))))
    for rule, m in loose_spans:
        if taken.find(1, m.start(), m.end()) == -1:
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            day = rule.resolve(m, ctx)
            hits.append(DeadlineHit(day if day is None or day >= today else None, m.start(), m.end(), False, bare=True))
    return sorted(hits, key=lambda h: h.start)


def _local(now: dt.datetime | dt.date) -> tuple[dt.date, dt.datetime | None]:
    if isinstance(now, dt.datetime):
        return now.date(), now
    return now, None


def pick_deadline(hits: Sequence[DeadlineHit]) -> dt.date | None:
    """The deadline among the phrases: the first said right before handing in ("年前把订单统计一下 明天报我"), else
    the first said as one (…前, …内), else the first date."""
    chosen = deadline_hit(hits)
    return chosen.date if chosen else None


def deadline_hit(hits: Sequence[DeadlineHit]) -> DeadlineHit | None:
    """The phrase `pick_deadline` takes the deadline from; a bare period only when nothing else is dated."""
    dated = [h for h in hits if h.date is not None]
    chosen = ([h for h in dated if h.handed] or [h for h in dated if h.marked]
              or [h for h in dated if h.bounds and not h.bare] or [h for h in dated if not h.bare] or dated)
    return chosen[0] if chosen else None


def deadline_of(text: str, now: dt.datetime | dt.date, warnings: list[str] | None = None) -> dt.date | None:
    """The due date a raw text names ("3月15日前", "月底", "5个工作日内"), never in the past; None if none.

    `now` is the sender's local time (MessageParser converts it to the registry timezone).
    """
    today, moment = _local(now)
    return pick_deadline(deadline_hits(normalize(text)[0], today, moment, warnings))
