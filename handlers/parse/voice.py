"""Where voice-typed report text breaks into clauses: before a problem and before a plan.

Speech input comes without commas ("…观景台也立起来了游客中心的审批不太好弄争取五月份开业"), so the
words that open a problem (就是, 还差, 缺, 卡在) or a plan (准备, 打算, 争取, 下个月想, 10月份计划), and the
了 that closes the work before a complaint (不太好弄, 有点难, 不太够), mark where a clause ends. The
section labels (问题是, 下一步, 接下来) are sections.py's own breaks, passed in.
A break never falls inside a number or between a count and what it counts ("装了六十户").
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# Words that open a problem with its subject after them ("就是资金不够", "剩下两处缺资金").
# (not "这个月就是跟供电所对接了一下": 就是 there is "only", before work done)
_OPENERS = (r"(?<![题难要也])就是(?!(?:把|跟|和|给|去|到|帮|找)[^，,。；;\s]*了)|但是|不过|可是|只是|(?<![把将])(?:剩下|剩余)|还剩"
            r"|还有(?=[一二两三四五六七八九十几\d]|部分|些|个别|少数|不少|很多)")
# Words that open a problem whose subject comes just before them ("资金还差", "剩下8户卡在").
_LEADS = r"还差|缺(?![点口席少])|卡在|卡着|卡住"
# Words that close a problem statement ("加压有点难", "审批不太好弄", "人手不太够").
_TAILS = (r"(?:有点|不太|不大)[\u4e00-\u9fff]|(?:有些|比较|太)(?:难|慢|紧|贵|少|低|高)"
          r"|不够|没人愿意|坏了|打坏|损坏|(?<!适)(?<!换)(?<!改造)老化|还(?:在)?漏|不(?:会用|懂|愿意|配合|理解|积极|高|强)"
          r"|留不住|老是|报警(?!器)|还没(?!到[^，,。\s]{0,6}(?:时候|季节))|尚未"  # "还没到摇蜜的时候": a season, no trouble
          r"|空着|没租出去|卖不出去|滞销|(?:费用?|成本|价格)[^，,。\s]{0,2}高"
          # spoken troubles: "愁的是雨水多", "做不通工作", "老出毛病", "住户不让搭架子", "手续还在跑 说得等"
          r"|愁|[做谈说想]不(?:通|拢|下来)|出毛病|不让|不准|想退出|要退出|还在跑|[说还]?得等|涝了|泡烂|冲塌|冲毁|倒伏"
          # "车间怕招不满", "村里有点吃不消", "包装还是老样子 不好看 卖不起价"
          r"|怕[\u4e00-\u9fff]{0,3}(?:不|没)|吃不消|受不了|扛不住|顶不住|卖不起|还是老样子|不好看"
          # south-western speech: "冷链车还莫得", "有点恼火"
          r"|还[莫没]得|恼火|[搞弄干做修铺]不完|排不过来|拖到|跳闸|费劲|费老|不好走|难走"
          # "人手紧张", "电费没着落", "挖机根本下不去", "想请镇里协调一下"
          r"|紧张(?!有序)|紧缺|(?:老|总)往[^，,。\s]{0,4}(?:倒|扔|排|堆)|没(?:有)?着落|根本(?:没|不)|[下进上]不去|不下去"
          r"|[干做弄搞]不成|不好(?:搞|弄|办|做)|占了[^，,。\s]{0,4}人手|人手[^，,。\s]{0,2}抽不出"
          r"|(?:想|需要|希望)请?(?:镇里|镇上|上级|县里|领导)[^，,。；;\s]{0,4}(?:协调|帮忙|解决|支持)"
          # "占道的问题还是反反复复，管不住", "车间有20多个人没活干", "还有两栋没建好", "雨水多，烂了两万来袋"
          r"|反反复复|管不住|管不了|没活干|压力[^，,。；;\s]{0,2}大|还在谈|嫌少|嫌低|嫌贵|等配件|没(?:有)?[建修弄做搞干铺装盖]好|雨水(?:太|特别)?多|(?<![没未不])(?:烂了|冻死)")
# What marks a clause as a problem (an opener alone does not: "还有一场宣讲").
PROBLEM_WORDS = rf"{_LEADS}|{_TAILS}"
OPENER = re.compile(rf"^\s*(?:现在|目前|眼下)?\s*(?:{_OPENERS})")

_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?"
_PLAN_VERB = r"(?=想|准备|计划|打算|要|争取|再|把|抓紧|主要)"
# When the plan starts ("下旬准备…", "后面打算…"): the break goes before these words, not between them and the verb.
PLAN_LEAD = ("后面|后边|回头|过段时间|近期|上旬|中旬|下旬|月底|月初|年底|年前|节后|过完年|过了年|年后|开春后|开春|到时候"
             "|清明过后|清明以后|端午过后|中秋过后|国庆过后|麦收过后|麦收后|秋收过后|秋收后|汛期过后|汛期一过|雨季过后"
             "|国庆后|中秋后|端午后|五一后|清明后")
_NOT_AFTER_LEAD = "".join(f"(?<!{w})" for w in PLAN_LEAD.split("|") + ["下月", "个月", "下周", "明年"])
# 争取 with a sum after it, or 争取到, reports money won ("争取上级资金5万元"); otherwise it is a plan.
WON = r"(?![^，,。；;\n]*?[\d一二三四五六七八九十两]+(?:\.\d+)?(?:万元?|元))"  # "争取项目资金20万": won
_PLAN_BREAK = re.compile(
    # not "有12户准备承包藕田": households counted, and what they mean to do
    # not "这个月主要是准备火把节汇演": what the month went on
    rf"(?<![不没的在已户])(?<!做好)(?<!做了)(?<!原来)(?<!本来)(?<!原先)(?<!主要是)(?<!主要在)(?<!一直在)(?<!就是)"
    rf"{_NOT_AFTER_LEAD}(?:准备|打算)(?![的好了金工齐妥完])"
    rf"|(?<![不没]){_NOT_AFTER_LEAD}{WON}争取(?![到，,。；;！!？?\s]|$)"
    # not inside "四月下旬", nor between 明年 and 开春
    rf"|(?<![月\d一二三四五六七八九十])(?<!明年)(?<!来年)(?<!今年)(?:{PLAN_LEAD})(?=想|准备|打算|再|争取|就)"
    rf"|(?:下个?月|下周|明年){_PLAN_VERB}|(?:{_MONTH}|今年)(?=计划|准备|打算)"
    r"|(?<![得要还])等(?=明年|开春|年后|节后|过完年|天暖|化冻|化了冻)"  # "还差七八万没着落等开春化冻了再接着干"
    r"|(?<=[了呢去])(?=这个月|本月|这月)"  # "年前是干不成了这个月就是…", "管子埋不下去这个月…": a new statement
    r"|(?<!主要是)(?<!主要)(?<!忙着)(?<!就是)迎接(?=[^，,。；;]{0,12}(?:验收|检查|观摩|考核|督查))"
)
# "二虎跟领导汇报一下复垦的事地冻着呢": the topic of the report ends at 的事.
_TOPIC_BREAK = re.compile(r"(?:汇报一下|汇报下|说一下|说下|报一下)[^，,。；;\s]{1,10}?的事(?:情)?(?=[^，,。；;！!？?\s])")
_OPENER_RE = re.compile(_OPENERS)
_LEAD_RE = re.compile(_LEADS)
_TAIL_RE = re.compile(_TAILS)
_CUT = re.compile(r"[，,；;。！!？?\n：:、]")  # one character each
_COUNT = re.compile(r"[\d零〇一二三四五六七八九十百千万两几]+[多余来]?[^\d零〇一二三四五六七八九十百千万两几]多?")
_SUM = re.compile(r"[\d零〇一二三四五六七八九十百千万两几.]+[多余来]?")  # "花了三千二|还差…": a bare sum, no measure word
_SUBJECT_CHARS = 4  # "资金还差": a stretch this short before 还差/缺/卡在 is its subject
_SPEECH = 20  # a run without punctuation this long is speech, where 了 closes a clause


def _after_le(text: str, start: int, end: int, skip_count: bool) -> int | None:
    # Just past the last 了 in text[start:end] (and the count that follows it: "装了六十户|山上…").
    le = text.rfind("了", start, end)
    if le < 0:
        return None
    pos = le + 1
    count = _COUNT.match(text, pos, end) if skip_count else None
    return count.end() if count else pos


def _after_yuan(text: str, start: int, end: int) -> int | None:
    last = None
    for last in _YUAN.finditer(text, start, end):
        pass
    return last.end() if last else None


_NOW_WORD = re.compile(r"现在|目前|眼下")
_YUAN = re.compile(r"[\d零〇一二三四五六七八九十百千万两.]+[多余来]?万?元")


class _Breaks:
    """Break positions found so far, and the text's punctuation, both searched by bisection (long text stays fast)."""

    def __init__(self, text: str, first: Iterable[int]) -> None:
        self.stops = [m.start() for m in _CUT.finditer(text)]
        self.length = len(text)
        self.at = sorted(set(first))

    def add(self, pos: int) -> None:
        i = bisect.bisect_left(self.at, pos)
        if i == len(self.at) or self.at[i] != pos:
            self.at.insert(i, pos)

    def next_stop(self, pos: int) -> int:
        i = bisect.bisect_left(self.stops, pos)
        return self.stops[i] if i < len(self.stops) else self.length

    def clause_start(self, pos: int) -> int | None:
        """Where the clause holding `pos` starts so far; None in a punctuated clause (not speech)."""
        i = bisect.bisect_left(self.stops, pos)
        first = self.stops[i - 1] + 1 if i else 0
        if self.next_stop(pos) - first < _SPEECH:
            return None
        j = bisect.bisect_left(self.at, pos)
        return max(first, self.at[j - 1]) if j else first


def voice_breaks(text: str, known: Iterable[int] = ()) -> list[int]:
    """Positions where a clause starts in unpunctuated speech, in order; `known` are breaks found already (labels)."""
    topics = [m.end() for m in _TOPIC_BREAK.finditer(text)]
    breaks = _Breaks(text, [m.start() for m in _PLAN_BREAK.finditer(text)] + topics + list(known))
    cues = sorted([m.start() for m in _LEAD_RE.finditer(text)] + [m.start() for m in _TAIL_RE.finditer(text)])
    openers = set()
    for m in _OPENER_RE.finditer(text):
        # An opener opens a problem only when a problem word follows in its stretch ("剩余管网接通" is a plan).
        i = bisect.bisect_left(cues, m.end())
        if i < len(cues) and breaks.next_stop(m.end()) > cues[i]:
            openers.add(m.start())
            breaks.add(m.start())
    for m in _LEAD_RE.finditer(text):
        start = breaks.clause_start(m.start())
        if start is None:
            continue
        le = _after_le(text, start, m.start(), skip_count=False)
        if le is None and start in openers:
            continue  # "剩下两处缺资金": the opener starts the problem
        pre = le if le is not None else start
        # A short stretch before the cue is its subject; a count right after 了 is not ("添了两台血压计|缺…").
        counted = le is not None and (_COUNT.match(text, le, m.start()) or _SUM.fullmatch(text, le, m.start()))
        if m.start() - pre > _SUBJECT_CHARS or counted:
            pre = m.start()
        breaks.add(pre)
    for m in _TAIL_RE.finditer(text):
        start = breaks.clause_start(m.start())
        if start is None:
            continue
        # "…分红给贫困户每户500元|大棚冬季保温问题还没解决完": a sum in yuan closes its clause as 了 does;
        # "清明过后就开工|现在还没开工": 现在 right before the trouble opens it.
        now = _NOW_WORD.search(text, max(start, m.start() - 4), m.start())
        ends = [e for e in (_after_le(text, start, m.start(), skip_count=True), _after_yuan(text, start, m.start()),
                            now.start() if now and now.start() > start else None) if e is not None]
        if ends:
            breaks.add(max(ends))
    return [b for b in breaks.at if 0 < b < len(text)]
