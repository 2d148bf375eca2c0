"""Progress: the percent of the whole project a message states (PARSING.md, "Progress")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.parse.numbers import CN_DIGITS, to_number
from handlers.parse.sections import DoneCuts
from handlers.parse.text import CLAUSE_SEPARATORS, PLANNED_WORDS, ClauseBounds, TrailingWords, anchored

_CN = CN_DIGITS + "十百"
_FIGURE = re.compile(
    rf"(?P<pct>\d+(?:\.\d+)?)\s*%"
    rf"|百分之(?P<cnpct>[{_CN}点\d.]+)"
    rf"|(?P<den>[{CN_DIGITS}十\d]+)分之(?P<num>[{CN_DIGITS}十\d]+)"
    # 六成, 七成五, 八成半, 六七成 (the larger) — but never 完成/成立/成员 (no numeral before 成 there).
    rf"|(?<![{_CN}])(?:[{CN_DIGITS}](?=[{CN_DIGITS}十]成))?(?P<cheng>[{CN_DIGITS}十])成"
    rf"(?P<tenth>[{CN_DIGITS}半](?![{_CN}]))?(?![立员本绩果效熟功为交年长品])"
    rf"|(?P<sa>\d+)\s*/\s*(?P<sb>\d+)"
    rf"|(?P<half>过半|近半|一半)"
)
_FIGURE_ANCHOR = re.compile("[%分成半/]")
_NEAR = 20  # how far back a clause is read for context words; bounded so a huge clause stays linear
_HALF_CONTEXT = re.compile(r"完成|完工|进度|进展|工程量|任务|[做建写修干弄搞整]了|达到|到了|占|整个项目|项目整体|整体|总体")
# Lead-in words that belong to the progress statement ("整体进度约", "完成总工程量的"); the subject
# ("集体经济项目") stays, so the report splitter can drop it as a topic.
_LEAD = TrailingWords(
    {"截至目前", "截至", "目前", "现在", "当前", "如今", "整体", "总体", "全部", "总", "累计", "已经", "已",
     "大概", "大约", "差不多", "约", "近", "超过", "进度", "总进度", "形象进度", "进展", "是", "为", "达到",
     "达到了", "达", "到了", "到", "还", "仍", "尚", "按", "先按", "暂按",
     "的话", "整个", "算下来", "算起来", "整个项目", "系"}  # "进度的话整个算下来百分之十五": spoken; 系 is Cantonese 是
    | {f"{done}{what}{of}" for done in ("完成", "完成了") for of in ("", "的")
       for what in ("", "计划", "任务", "年度任务", "年度计划", "全年任务", "全年计划", "总工程量", "工程量", "总量")})
_CORE = re.compile(r"进度|进展|完成")  # where a figure's statement proper starts ("整体|进度差不多三分之二")
# Subjects that are the whole project or a hedge, not a piece of work ("集体经济项目整体", "算下来", "我估计").
_GENERIC = re.compile(r"项目|工程|整体|总体|总|目前|现在|当前|截至|整个|全年|年度|这块|这边|方面|情况|的话|算|估计|我看"
                      r"|应该|了|\d|\s")
_ITEM_CHARS = (4, 12)
_PROJECT_SUBJECT = re.compile(r"项目|工程|各项任务|年度任务|全年任务|目标任务")
_PHASE = re.compile(r"[一二三四]期|[一二三四]标段|第[一二三四]批")
_HEDGE = re.compile(r"(?:了|的)?(?:是|为|达到了?|到了|达)?\s*(?P<hedge>差不多|大概|大约|约|将近|接近)?")
_TRAIL = re.compile(r"(?:左右|上下|以上|多一?点儿?|多|吧|了|的样子|(?<=[成%])(?:来)?报(?=[，,。；;！!\s]|$))*")  # "进度按九成报"
# A percent that measures something else: attendance, growth, shares.
_RATE = re.compile(r"(?:率|增长|增幅|增加|下降|降低|减少|下滑|减产|增产|同比|环比|同期|涨了|上涨|翻了|占|比例|比重|满意度|覆盖"
                   r"|分成|提成|抽成|提了|分得|订满|住满)")  # "村集体按约定分成15%", "村集体提了三成": a share of money
_AGREED = re.compile(r"(?:同意|满意|赞成|支持|参与|知晓|签字)的?(?:比例|人)?(?:达到?|为|是|有|占)?\s*$")
_WHOLE_SUBJECT = re.compile(r"整个项目|项目整体|项目总体|整体|总体")
_GROWTH_CLAUSE = 16  # the longest clause cut out as growth
_GROWTH = re.compile(r"同比|环比|增长|增幅|增产|同期|涨了|上涨|翻了")
_FALL = re.compile(r"下降|降低|减少|下滑|减产")  # a fall is a problem the report states: its clause stays
_SHORT_LEAD = 3  # "只有", "才" before a figure: it continues the clause before it
_OF_PLAN = re.compile(r"占[^，,。；;\d]{0,4}?(?:计划|任务|工程量|目标|总量)的?\s*$")  # "占全村计划的73%" too
_PAST = re.compile(r"上个?月|上一个月|去年|此前|原来|之前|上周|年初")
_WHOLE = re.compile(
    r"(?:全部|全面|均已|已经全部|已全部|已经|已)(?:完工|竣工|完成|建成)(?:验收)?(?:并?(?:投入使用|投用|投产|交付使用|运营))?了?"
    r"(?=[，,。；;！!：:\s]|$)"
    r"|(?:全部|全面)(?:完工|竣工)|通过[^，。,；;]{0,4}验收|完成[^，。,；;]{0,6}验收|验收通过|已验收"
    r"|已(?:经)?完成(?:了)?全部(?:建设)?(?:内容|任务|工程)|(?:全部|都)(?:搞|弄|干|做)完了|(?:全部|都)搞定了?"
    r"|(?:项目|工程)(?:已经?|已|全部|整体|全年|总体)?(?:完成|完工|竣工)了?(?=[。，,；;！!：:\s]|$)|算(?:是)?整完了|(?:算是|已经?)?圆满完成(?=[，,。；;！!\s]|$)"
    r"|(?:年度|全年|今年的?项目|项目|[\d一二三四五六七八九十百]+亩的)(?:目标)?任务(?:算是|都|全部|已经?|均已)?完成了?|全线(?:完工|贯通|通车)|正式销号|验收了(?=[，,。；;！!\s]|$)"
)
# "集体资产项目基本完成，进度95%": the whole project said nearly done beside its figure is its state, not work.
_NEARLY = re.compile(r"基本(?:完成|完工|建成|结束)了?(?=[，,。；;！!\s]|$)")
_NOT_STARTED = re.compile(
    r"(?:尚未|还未|还没有|还没|仍未|没有|没|未)(?:正式|真正)?(?:启动|开工|动工|开始实施|实施)(?=[，,。；;！!\s]|$)"
    r"|(?<=施工|建设|工程)(?:还|尚)?(?:没有?|未)开始(?=[，,。；;！!\s]|$)")
_NEW_PART = re.compile(r"(?:^|[，,\s])(?:新的|新建的|另一个|第二个)")
_RESTART = re.compile(r"年后|节后|过完年|开春|今年|复工")
_NEGATED = re.compile(r"[未没不]$")
_A_PART = re.compile(r"首批|第一批|一期|部分|其中|头一批")  # "首批3幢已完工": part of the project, not all of it
_BY_DATE = re.compile(r"(?:底|末|旬|中|号|日|节)前\s*$")  # "4月底前完成验收" is a plan, not done
# "雏雁计划项目已完成验收": a plan word inside a project's name plans nothing.
_PLANNED = re.compile(rf"(?:{PLANNED_WORDS})(?![”\"」]|项目|工程)")


@dataclass(frozen=True)
class ProgressHit:
    """One progress statement: its value, its span, and how it was said."""

    value: int
    start: int
    end: int
    how: str  # "figure", "half" (过半/一半) or "words" (已竣工, 还没开工)


def _figure_value(m: re.Match[str]) -> float | None:
    if m.group("pct"):
        return float(m.group("pct"))
    if m.group("cnpct"):
        return 100.0 if m.group("cnpct") == "百" else to_number(m.group("cnpct"))  # 百分之百
    if m.group("den"):
        den, num = to_number(m.group("den")), to_number(m.group("num"))
        return None if not den or num is None or num > den else 100 * num / den
    if m.group("sa"):
        num, den = float(m.group("sa")), float(m.group("sb"))
        return None if not den or num > den else 100 * num / den
    if m.group("cheng"):
        tens = to_number(m.group("cheng"))
        tenth = m.group("tenth")
        if tens is None:
            return None
        extra = 5.0 if tenth == "半" else (to_number(tenth) or 0.0) if tenth else 0.0
        return tens * 10 + extra
    return 50.0


def _is_rate(text: str, left: int, m: re.Match[str], lead: str) -> bool:
    if m.start() - left <= _SHORT_LEAD and left > 0:  # "收缴率还不高，只有六成多": the rate was named just before
        left = max(0, left - 1 - _NEAR // 2)
    before = text[max(left, m.start() - 8):m.start()]
    if _OF_PLAN.search(before):  # "占年度计划的15%" is the share of the plan done
        return False
    if _RATE.search(before) and "进度" not in before and "完成" not in before:
        return True
    if _AGREED.search(before):  # "同意的百分之八十七": a share of people, not of the work
        return True
    # "95%的群众" is a share of people; "完成了30%的工程量" is still progress; "三分之二同意" is a share of votes.
    after = text[m.end():m.end() + 3]
    if re.match(r"(?:以上|左右)?(?:的人|的户|户|人)?(?:同意|赞成|支持|签字|反对)", after + text[m.end() + 3:m.end() + 6]):
        return True
    return after.lstrip("以上左右").startswith("的") and not after.startswith("的样子") and "完成" not in lead \
        and "进度" not in lead


def _figure_hits(text: str, bounds: ClauseBounds) -> tuple[list[ProgressHit], list[tuple[int, int]]]:
    hits: list[ProgressHit] = []
    growth: list[tuple[int, int]] = []
    for m in anchored(_FIGURE, _FIGURE_ANCHOR, text, 12, 4):
        left, right = bounds.around(m.start(), m.end())
        lead_start = _LEAD.start_of(text, left, m.start())
        # A rate is no progress. A level reached ("出勤率95%", "办结率98%") is a result of the month's work and stays in
        # the done text, as every blind set's writers keep it; growth over a past period ("收入同比增长20%") is left
        # out, as the public corpus labels it. Said inside a sentence ("把百分之六十的老管网换掉了") it stays.
        if _is_rate(text, left, m, text[lead_start:m.start()]):
            if right - left <= _GROWTH_CLAUSE and not text.startswith("的", m.end()) \
                    and _GROWTH.search(text, max(left, m.start() - 8), m.start()) \
                    and not _FALL.search(text, max(left, m.start() - 8), m.start()):
                growth.append((left, right))
            continue
        needs_context = m.group("half") == "一半" or m.group("sa")
        if needs_context and not _HALF_CONTEXT.search(text, max(left, m.start() - _NEAR), m.start()):
            continue  # "资金的一半由县里出" and "3/4" (a date?) are progress only after 完成/进度
        value = _figure_value(m)
        if value is None or not 0 <= value <= 100:
            continue
        end = trail.end() if (trail := _TRAIL.match(text, m.end())) else m.end()  # _TRAIL matches "" too
        how = "half" if m.group("half") else "figure"
        hits.append(ProgressHit(int(value + 0.5), lead_start, end, how))
    return hits, growth


def _word_hits(text: str, bounds: ClauseBounds) -> list[ProgressHit]:
    hits: list[ProgressHit] = []
    for pattern, value in ((_WHOLE, 100), (_NOT_STARTED, 0)):
        for m in pattern.finditer(text):
            left, _ = bounds.around(m.start(), m.end())
            before = text[left:m.start()]
            if value == 100 and (_NEGATED.search(before) or _PLANNED.search(before) or _BY_DATE.search(before)
                                 or _A_PART.search(before)):
                continue
            if value == 0 and (_RESTART.search(before) or _of_a_part(before)):
                continue  # "年后还没开工": stopped for the New Year; "新的烘干车间还没动工": a part, not the project
            lead_start = _LEAD.start_of(text, left, m.start())
            hits.append(ProgressHit(value, lead_start, m.end(), "words"))
    return sorted(hits, key=lambda h: h.start)


@dataclass(frozen=True)
class ProgressReading:
    """Everything a text says about progress, read once."""

    figures: tuple[ProgressHit, ...]  # stated figures and 过半/一半, in order
    words: tuple[ProgressHit, ...]  # 已竣工 (100), 还没开工 (0)
    growth: tuple[tuple[int, int], ...]  # clauses of growth over a past period (同比增长15%)
    stated: ProgressHit | None  # the figure that counts
    best: ProgressHit | None  # the statement that gives a report's progress

    def done_cuts(self, text: str, formal: bool = False) -> DoneCuts:
        """What a report's done text leaves out: growth rates, "not started", and progress figures.

        A figure is a field of its own, so the done text keeps it only where the report is a form and the work is
        written under its label ("一、本月进展：…完成总工程量的30%"), as the corpus labels it; there it stays without
        its subject and hedges ("集体经济项目整体完成一半" → "完成一半"). Completion said in words is work done
        ("项目已竣工" → "已竣工").
        """
        trims: list[tuple[int, int]] = []
        # "还没开工" is cut when it is the report's progress; said of a part ("就一组那段还没开工") it is a problem.
        statements = list(self.growth) + [(h.start, h.end) for h in self.words if h.value == 0 and h is self.best]
        # "老街示范点建设已完成验收": the completion is work done, said with its subject; outside a form the whole
        # project said done is its progress, as a figure is ("油茶产业项目已全部完成，今年低改…").
        kept: list[str] = []
        # Only beside a figure: "光伏项目 基本完成了 剩下就是…" alone says what was done.
        nearly = [ProgressHit(0, m.start(), m.end(), "words") for m in _NEARLY.finditer(text)] \
            if not formal and self.stated is not None else []
        statements += [(h.start, h.end) for h in nearly if _of_the_project(text, h)]
        for h in self.words:
            if h.value and not formal and _of_the_project(text, h) and "验收" not in text[h.start:h.end]:
                statements.append((h.start, h.end))
            elif h.value:
                kept.append(text[h.start:h.end])
        for h in self.figures:
            if formal:
                kept.append(_said_in_form(text, h, trims))
            elif _of_a_work_item(text, h):
                kept.append(text[h.start:h.end])
            else:
                statements.append((h.start, h.end))
        return DoneCuts(statements, trims, tuple(kept))


def _said_in_form(text: str, hit: ProgressHit, trims: list[tuple[int, int]]) -> str:
    # The statement proper starts at its first 进度/完成 ("完成进度约65%"); said without one ("整体过半了",
    # "完成土方工程量的40%" read from 工程量) it is kept whole, only its subject goes. Adds what goes to `trims`.
    core = _CORE.search(text, hit.start, hit.end)
    if core is None:
        trims.append((hit.start, hit.start))
        return text[hit.start:hit.end]
    trims.append((hit.start, core.start()))
    said = text[core.start():hit.end]
    hedge = _HEDGE.match(text, core.end(), hit.end)
    if hedge and hedge["hedge"]:
        trims.append((hedge.start("hedge"), hedge.end("hedge")))
        said = said.replace(hedge["hedge"], "", 1)
    return said


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in CLAUSE_SEPARATORS) + 1


def _of_a_part(subject: str) -> bool:
    # "新的烘干车间还没动工": something new, while the project goes on.
    return bool(_NEW_PART.search(subject) or _A_PART.search(subject))


def _of_a_work_item(text: str, hit: ProgressHit) -> bool:
    # "溪边游步道完成一半", "复工后主体修缮完成约一半": a figure whose subject is a piece of work tells that work.
    start = _clause_start(text, hit.start)
    subject = text[start:hit.start].strip()
    return _ITEM_CHARS[0] <= len(subject) <= _ITEM_CHARS[1] and not _GENERIC.search(subject) \
        and "进度" not in text[hit.start:hit.end]


def _of_the_project(text: str, hit: ProgressHit) -> bool:
    start = _clause_start(text, hit.start)
    # "光伏项目二期已经完工": a phase finished is work done, whatever the figure for the whole
    return bool(_PROJECT_SUBJECT.search(text, start, hit.end)) and not _PHASE.search(text, start, hit.start)


def read_progress(text: str) -> ProgressReading:
    """Read the figures, the words and the growth rates of a text in one pass."""
    bounds = ClauseBounds(text)
    figures, growth = _figure_hits(text, bounds)
    words = _word_hits(text, bounds)
    # A figure beats 过半/一半; a figure about last month ("上个月底进度是70%") yields to a current one;
    # among equals the last one said is the latest state ("由60%提高到75%").
    # "整个项目完成一半左右" is the project's own figure, as a percent is ("西角楼完成60%，整个项目完成一半左右").
    pool = [h for h in figures if h.how == "figure" or _WHOLE_SUBJECT.search(text, max(0, h.start - 6), h.end)] \
        or figures
    current = [h for h in pool
               if not _PAST.search(text, max(bounds.around(h.start, h.end)[0], h.start - _NEAR), h.start)]
    chosen = current or pool
    stated = chosen[-1] if chosen else None
    best = stated or (words[-1] if words else None)
    return ProgressReading(tuple(figures), tuple(words), tuple(growth), stated, best)


def progress_of(text: str) -> int | None:
    """Percent of the whole project, 0–100, or None when nothing says ("完成六成" → 60)."""
    best = read_progress(text).best
    return best.value if best else None


def stated_progress_of(text: str) -> int | None:
    """Only a stated figure (task updates: "已办结" does not mean 100)."""
    stated = read_progress(text).stated
    return stated.value if stated else None


def restate_progress(text: str, value: int) -> str:
    """The text with its stated progress figure replaced ("…，进度60%" → "…，进度70%" after a correction)."""
    stated = read_progress(text).stated
    figure = next(_FIGURE.finditer(text, stated.start, stated.end), None) if stated else None
    if stated is None or figure is None:
        return text
    return f"{text[:figure.start()]}{value}%{text[stated.end:]}"
