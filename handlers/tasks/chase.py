"""催报: a hand-off that chases a month's reports ("各村还没报11月月报的…") goes only to the villages that owe one.

Telling a village that already reported to report again is the load 减负 forbids, and the system knows who did.
"""
from __future__ import annotations

import re

from handlers.directory import Directory
from handlers.parse import period_of
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


async def settled(ctx: TasksContext, directory: Directory, text: str,
                  villages: list[str]) -> tuple[list[str], str]:
    """Those of the villages whose every project has its month's report confirmed, and that month ("YYYY-MM")."""
    period = period_of(text, directory.local(ctx.now))
    reports = await ctx.store.reports.for_period(ctx.person.township_id, period)
    reported = {r.project_id for r in reports if is_reported(r.status)}
    return [v for v in villages if (projects := directory.projects_of(v)) and all(p.id in reported for p in projects)
            ], period
