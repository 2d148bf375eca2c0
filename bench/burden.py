"""How much the bot asks of people (减负): the demo's quarter replayed, then its outbox counted per person.

    python bench/burden.py

Replays `yuebao demo` (the sample township, January to the bulletin of 7 April) and counts the messages the
bot started itself: calendar jobs, reminders and notices — not its replies to what someone sent (keys
`…:inbox:…`), and, apart, the relayed notices a colleague's action causes at once (a hand-off to its
assignee, a 办结 to its assigner: keys `task:…`, `issue:…`). A merged 今日待办 note counts once; its parts
are told by the item keys it carries. Recipients are people through their private chats and groups through
their bound chats.

Prints, per role, messages per person per month (max and median over the quarter's months), per person per
working day (max) and at night (21:00–08:00) or on days off (count; urgent safety issues excepted); the same
for relayed notices and for groups; and, for each secretary whose village reported a month on time, that
month's reporting-cycle messages (the window, reminders, nudges, and being named in a group while not late).
Targets: on-time secretary max ≤ 2, anyone ≤ 1 per working day, 0 at night or on days off. The last line is
`burden: on-time secretary max A/month; anyone max B/working day; night or day off C`.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from bot.demo.runner import DemoRun  # noqa: E402
from handlers.parse import is_workday  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import (  # noqa: E402
    ChatBinding,
    Identity,
    Membership,
    OutboxMessage,
    Person,
    Project,
    Report,
    Village,
)

MONTHS = ("2026-01", "2026-02", "2026-03")  # the demo's quarter
REPORT_CYCLE = ("window:", "remind:", "mid-month:")  # what asks a village for its monthly report
RELAYED = ("task:", "issue:")
MORNING, EVENING = dt.time(8, 0), dt.time(21, 0)
TARGETS = (2, 1, 0)


@dataclass(frozen=True)
class Sent:
    """One message the bot started: to whom, when (local), what it was about, whether urgent."""

    person: int | None  # None for a group
    chat: str
    at: dt.datetime
    items: tuple[str, ...]  # keys of what it carries (one, or the parts of a merged note)
    text: str
    relayed: bool
    urgent: bool

    @property
    def quiet_time(self) -> bool:
        """At night or on a day off."""
        return not is_workday(self.at.date()) or not MORNING <= self.at.time() < EVENING


@dataclass(frozen=True)
class Township:
    """Who is who in the replayed database."""

    roles: dict[int, str]  # person id → role, for people the bot can reach
    names: dict[int, str]
    village_of: dict[int, str]
    on_time: set[tuple[int, str]]  # (secretary, month) whose village confirmed every report by the deadline


async def _read(url: str, zone: ZoneInfo) -> tuple[list[Sent], Township]:
    db = Database(url)
    try:
        async with db.sessions() as session:
            people = {p.id: p for p in (await session.scalars(select(Person))).all()}
            # Everyone in the demo holds one post: their role, and the village it is on (if any).
            posts = {m.person_id: m for m in (await session.scalars(select(Membership))).all()}
            villages = {v.id: v.name for v in (await session.scalars(select(Village))).all()}
            identities = (await session.scalars(select(Identity))).all()
            groups = {(b.platform, b.chat_id) for b in (await session.scalars(select(ChatBinding))).all()}
            projects = (await session.scalars(select(Project).where(Project.active))).all()
            reports = (await session.scalars(select(Report))).all()
            outbox = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    finally:
        await db.dispose()
    chats = {(i.platform, i.direct_chat_id): i.person_id for i in identities if i.direct_chat_id}
    reachable = set(chats.values())
    confirmed = {(r.village_id, r.period) for r in reports if r.status == "confirmed" and not r.late}
    owed = Counter((p.village_id, month) for p in projects for month in MONTHS)
    done = Counter((r.village_id, r.period) for r in reports if (r.village_id, r.period) in confirmed
                   and r.status == "confirmed" and not r.late)
    village_of = {pid: m.village_id for pid, m in posts.items() if m.village_id is not None}
    on_time = {(pid, month) for pid, v in village_of.items() if posts[pid].role == "secretary"
               for month in MONTHS if owed[(v, month)] and done[(v, month)] == owed[(v, month)]}
    township = Township({pid: posts[pid].role for pid in reachable}, {pid: p.name for pid, p in people.items()},
                        {pid: villages[v] for pid, v in village_of.items()}, on_time)
    sent = []
    for row in outbox:
        if ":inbox:" in row.key or row.status not in ("pending", "sent", "dead"):
            continue  # a reply, or a part held for (or merged into) a 今日待办 note
        person = chats.get((row.platform, row.chat_id))
        if person is None and (row.platform, row.chat_id) not in groups:
            continue
        when = (row.sent_at or row.next_try_at).astimezone(zone)
        items = tuple(row.payload.get("items") or (row.key,))
        sent.append(Sent(person, row.chat_id, when, items, row.payload.get("text") or "",
                         row.key.startswith(RELAYED), row.urgent))
    return sent, township


def _month(at: dt.datetime) -> str:
    return f"{at:%Y-%m}"


def _per_month(sent: Iterable[Sent], who: Iterable[int]) -> list[int]:
    counts = Counter((s.person, _month(s.at)) for s in sent)
    return [counts[(pid, month)] for pid in who for month in MONTHS]


def _per_working_day(sent: Iterable[Sent]) -> int:
    counts = Counter((s.person, s.at.date()) for s in sent if not s.urgent and is_workday(s.at.date()))
    return max(counts.values(), default=0)


def _quiet(sent: Iterable[Sent]) -> int:
    return sum(1 for s in sent if s.quiet_time and not s.urgent)


def _report_cycle(sent: list[Sent], township: Township, secretary: int, month: str) -> int:
    """Messages of `month` asking `secretary`'s village for its report, and group lines naming it meanwhile."""
    village = township.village_of[secretary]
    direct = sum(1 for s in sent if s.person == secretary and _month(s.at) == month
                 and any(item.startswith(REPORT_CYCLE) for item in s.items))
    # A group list of projects still unreported names each one as 村·项目.
    named = sum(1 for s in sent if s.person is None and _month(s.at) == month
                and any(item.startswith(REPORT_CYCLE) for item in s.items) and f"{village}·" in s.text)
    return direct + named


def report(sent: list[Sent], township: Township) -> tuple[int, int, int]:
    """Print the figures; the three of the last line."""
    started = [s for s in sent if not s.relayed and s.person is not None]
    relayed = [s for s in sent if s.relayed and s.person is not None]
    groups = [s for s in sent if s.person is None]
    print(f"bot-initiated messages per person, {MONTHS[0]}..{MONTHS[-1]} (replies and relayed notices apart)")
    print(f"{'role':<18}{'people':>7}{'month max':>11}{'median':>8}{'working day max':>17}{'night/day off':>15}")
    for role in sorted(set(township.roles.values())):
        who = [pid for pid, r in township.roles.items() if r == role]
        mine = [s for s in started if s.person in who]
        monthly = _per_month(mine, who)
        print(f"{role:<18}{len(who):>7}{max(monthly):>11}{statistics.median(monthly):>8g}"
              f"{_per_working_day(mine):>17}{_quiet(mine):>15}")
    print(f"relayed notices (a colleague's action passed on at once): per person per working day max "
          f"{_per_working_day(relayed)}, night or day off {_quiet(relayed)}, urgent {sum(s.urgent for s in relayed)}")
    for chat in sorted({s.chat for s in groups}):
        mine = [s for s in groups if s.chat == chat]
        in_month = Counter(_month(s.at) for s in mine)
        print(f"group {chat}: per month max {max(in_month[m] for m in MONTHS)}, night or day off {_quiet(mine)}")
    cycle = {(pid, month): _report_cycle(sent, township, pid, month) for pid, month in sorted(township.on_time)}
    for (pid, month), n in cycle.items():
        print(f"on-time secretary {township.names[pid]} {month}: {n} reporting-cycle messages, "
              f"{sum(1 for s in started if s.person == pid and _month(s.at) == month)} bot-initiated in all")
    figures = (max(cycle.values(), default=0), _per_working_day(started), _quiet(started) + _quiet(relayed)
               + _quiet(groups))
    print(f"targets: on-time secretary ≤ {TARGETS[0]}, anyone ≤ {TARGETS[1]} per working day, "
          f"{TARGETS[2]} at night or on days off")
    print(f"burden: on-time secretary max {figures[0]}/month; anyone max {figures[1]}/working day; "
          f"night or day off {figures[2]}")
    return figures


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="yuebao-burden-") as folder:
        run = DemoRun(Path(folder), progress=False)
        await run.run()
        sent, township = await _read(f"sqlite+aiosqlite:///{Path(folder) / 'demo.db'}", run.tz)
    report(sent, township)


if __name__ == "__main__":
    asyncio.run(main())
