"""Progress: the percent of the whole project a message states (PARSING.md, "Progress")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.parse.numbers import CN_DIGITS, to_number

_CN = CN_DIGITS + "十百"
_FIGURE = re.compile(
    rf"(?P<pct>\d+(?:\.\d+)?)\s*%"
    rf"|百分之(?P<cnpct>[{_CN}点\d.]+)"
    rf"|(?P<den>[{CN_DIGITS}十\d]+)分之(?P<num>[{CN_DIGITS}十\d]+)"
    # 六成, 七成五, 八成半 — but never 完成/成立/成员 (no numeral before 成 there).
    rf"|(?<![{_CN}])(?P<cheng>[{CN_DIGITS}十])成(?P<tenth>[{CN_DIGITS}半](?![{_CN}]))?(?![立员本绩果效熟功为交年长品])"
    rf"|(?P<half>过半|(?<=[完成度展了到达])一半|(?<=[完成度展了到达]约)一半)"
)
# Lead-in words that belong to the progress statement ("整体进度约", "完成总工程量的"); the subject
# ("集体经济项目") stays, so the report splitter can drop it as a topic.
_LEAD = re.compile(
    r"(?:(?:截至目前|截至|目前|现在|当前|如今|整体|总体|全部|总|累计|已经|已|大概|大约|差不多|约|近"
    r"|超过|总?进度|进展|完成了?(?:计划|任务|年度任务|全年任务|总工程量|工程量|总量)?的?|是|为|达到了?|达|到了|到"
    r"|还|仍|尚)[，,]?\s*)*$"
)
_TRAIL = re.compile(r"(?:左右|上下|以上|多|吧|了|的样子)*")
# A percent that measures something else: attendance, growth, shares.
_RATE = re.compile(r"(?:率|增长|增幅|增加|下降|降低|减少|同比|环比|占比|比例|比重|满意度|覆盖)")
_CLAUSE_BREAK = re.compile(r"[，,；;。！!？?\n]")
_PAST = re.compile(r"上个?月|上一个月|去年|此前|原来|之前|上周|年初")
_WHOLE = re.compile(
    r"(?:全部|全面|均已|已经全部|已全部|已经|已)(?:完工|竣工|完成|建成)(?=[，,。；;！!\s]|$)"
    r"|(?:全部|全面)(?:完工|竣工)|通过[^，。,；;]{0,4}验收|完成[^，。,；;]{0,2}验收|验收通过|已验收"
)
_NOT_STARTED = re.compile(
    r"(?:尚未|还未|还没有|还没|仍未|没有|没|未)(?:启动|开工|动工|开始实施|实施)(?=[，,。；;！!\s]|$)")
_NEGATED = re.compile(r"[未没不]$")
_PLANNED = re.compile(r"准备|力争|争取|计划|预计|将|迎接|确保|下步|下一步")


@dataclass(frozen=True)
class ProgressHit:
    """One progress statement: its value, its span, and how it was said (figure, half, words)."""

    value: int
    start: int
    end: int
    how: str

    @property
    def stated(self) -> bool:
        """True for a figure or 过半/一半, False when read from words such as 已竣工."""
        return self.how != "words"


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = _CLAUSE_BREAK.search(text, end)
    return left, right.start() if right else len(text)


def _figure_value(m: re.Match[str]) -> float | None:
    if m.group("pct"):
        return float(m.group("pct"))
    if m.group("cnpct"):
        return to_number(m.group("cnpct"))
    if m.group("den"):
        den, num = to_number(m.group("den")), to_number(m.group("num"))
        return None if not den or num is None or num > den else 100 * num / den
    if m.group("cheng"):
        tens = to_number(m.group("cheng"))
        tenth = m.group("tenth")
        if tens is None:
            return None
        extra = 5.0 if tenth == "半" else (to_number(tenth) or 0.0) if tenth else 0.0
        return tens * 10 + extra
    return 50.0


def _is_rate(text: str, left: int, m: re.Match[str], lead: str) -> bool:
    before = text[max(left, m.start() - 8):m.start()]
    if _RATE.search(before) and "进度" not in before and "完成" not in before:
        return True
    # "95%的群众" is a share of people; "完成了30%的工程量" is still progress.
    after = text[m.end():m.end() + 3]
    return after.lstrip("以上左右").startswith("的") and "完成" not in lead and "进度" not in lead


def figure_hits(text: str) -> tuple[list[ProgressHit], list[tuple[int, int]]]:
    """Stated progress figures, and the clause spans of percents that measure something else."""
    hits: list[ProgressHit] = []
    rates: list[tuple[int, int]] = []
    for m in _FIGURE.finditer(text):
        left, right = _clause_bounds(text, m.start(), m.end())
        lead = _LEAD.search(text, left, m.start())
        lead_start = lead.start() if lead else m.start()
        if _is_rate(text, left, m, text[lead_start:m.start()]):
            rates.append((left, right))
            continue
        value = _figure_value(m)
        if value is None or not 0 <= value <= 100:
            continue
        end = _TRAIL.match(text, m.end()).end()
        how = "half" if m.group("half") else "figure"
        hits.append(ProgressHit(int(value + 0.5), lead_start, end, how))
    return hits, rates


def _pick(hits: list[ProgressHit], text: str) -> ProgressHit | None:
    # A figure beats 过半/一半; a figure about last month ("上个月底进度是70%") yields to a current one;
    # among equals the last one said is the latest state ("由60%提高到75%").
    pool = [h for h in hits if h.how == "figure"] or hits
    current = [h for h in pool if not _PAST.search(text[_clause_bounds(text, h.start, h.end)[0]:h.start])]
    chosen = current or pool
    return chosen[-1] if chosen else None


def word_hits(text: str) -> list[ProgressHit]:
    """Progress told in words: finished (100) or not started (0)."""
    hits: list[ProgressHit] = []
    for pattern, value in ((_WHOLE, 100), (_NOT_STARTED, 0)):
        for m in pattern.finditer(text):
            left, _ = _clause_bounds(text, m.start(), m.end())
            before = text[left:m.start()]
            if value == 100 and (_NEGATED.search(before) or _PLANNED.search(before)):
                continue
            lead = _LEAD.search(text, left, m.start())
            hits.append(ProgressHit(value, lead.start() if lead else m.start(), m.end(), "words"))
    return sorted(hits, key=lambda h: h.start)


def progress_hit(text: str) -> ProgressHit | None:
    """The statement that gives a report's progress: a stated figure, else finished/not started."""
    figures, _ = figure_hits(text)
    chosen = _pick(figures, text)
    if chosen is not None:
        return chosen
    words = word_hits(text)
    return words[-1] if words else None


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Spans that state progress or another rate; a report's done text leaves them out."""
    figures, rates = figure_hits(text)
    return rates + [(h.start, h.end) for h in figures + word_hits(text)]


def progress_of(text: str) -> int | None:
    """Percent of the whole project, 0–100, or None when nothing says ("完成六成" → 60)."""
    hit = progress_hit(text)
    return hit.value if hit else None


def stated_progress_of(text: str) -> int | None:
    """Only a stated figure (task updates: "已办结" does not mean 100)."""
    figures, _ = figure_hits(text)
    chosen = _pick(figures, text)
    return chosen.value if chosen else None
