"""催报: a hand-off that chases a month's reports ("各村还没报11月月报的…") goes only to the villages that owe one.

Telling a village that already reported to report again is the load 减负 forbids, and the system knows who did.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.directory import Directory
from handlers.parse import period_of
from handlers.quarters import period_label
from handlers.summary_ports import is_reported
from handlers.tasks.store import TasksContext

_NOT_YET = r"(?:还没有?|还未|没有?|未|尚未)"
_HAND_IN = r"(?:报送|上报|提交|报|交)"
_REPORT = r"(?:月报|月度报告|项目进展|项目进度|书记项目)"  # not 报表 or 整改报告: other papers
# "还没报11月月报的", "月报未报送的村", "没报的村": the words of chasing what is owed, not of a new piece of work.
# "没交党费的" chases something else: a bare "…的" only after 报.
_CHASE = re.compile(rf"{_NOT_YET}{_HAND_IN}[^，,。；;！!？?\n]{{0,10}}?{_REPORT}"
                    rf"|{_REPORT}[^，,。；;！!？?\n]{{0,6}}?{_NOT_YET}{_HAND_IN}|{_NOT_YET}(?:报送|上报|报)的")


def chases_reports(text: str) -> bool:
    """Whether a hand-off's words chase reports not yet in ("还没报月报的", "未报送的村")."""
    return _CHASE.search(text) is not None


@dataclass(frozen=True)
class Owing:
    """Whom a chase for one month's reports leaves out: villages that reported, and villages with nothing to report."""

    period: str  # "YYYY-MM"
    reported: tuple[str, ...]  # every project's report for the month confirmed
    without_projects: tuple[str, ...]  # no 书记项目 registered: nothing is owed

    @property
    def owe_nothing(self) -> frozenset[str]:
        """Villages the chase does not reach."""
        return frozenset(self.reported + self.without_projects)

    def lines(self) -> list[str]:
        """What the leader is told about the villages left out, under the tasks."""
        return ([f"已报送，不再催报：{'、'.join(self.reported)}"] if self.reported else []) + (
            [f"没有书记项目，不催报：{'、'.join(self.without_projects)}"] if self.without_projects else [])

    def all_in(self, everyone: bool) -> str:
        """The answer when nobody owes a report: "各村" when the chase named every village."""
        if not self.reported:
            return f"{'、'.join(self.without_projects)}没有登记书记项目，无需催报。"
        if everyone:
            return f"✅ {period_label(self.period)}各村的项目均已报送，无需催报。"
        also = f"{'、'.join(self.without_projects)}没有登记书记项目；" if self.without_projects else ""
        return f"✅ {period_label(self.period)}{'、'.join(self.reported)}的项目均已报送，{also}无需催报。"


async def owing(ctx: TasksContext, directory: Directory, text: str, villages: list[str]) -> Owing:
    """Which of the villages owe nothing for the month the chase names (the current one if it names none)."""
    period = period_of(text, directory.local(ctx.now))
    reports = await ctx.store.reports.for_period(ctx.person.township_id, period)
    reported = {r.project_id for r in reports if is_reported(r.status)}
    return Owing(period,
                 tuple(v for v in villages if (ps := directory.projects_of(v)) and all(p.id in reported for p in ps)),
                 tuple(v for v in villages if not directory.projects_of(v)))
