"""What each village (and the township for its own projects) still owes for a month: projects with no report, and
drafts that only need "确认".

减负: a report already filed is never asked for again; its reporter is asked for the one word it lacks. Only a
project that owes reports is asked about: approved (认定), not yet accepted — never one declared or returned
for revision, whose plan is still under review, nor one accepted (销号).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handlers.callbacks import ReportButton
from handlers.directory import Directory
from handlers.messages import Button
from handlers.refs import PersonRef, ProjectRef, ReportView
from handlers.roles import REPORTERS, TOWNSHIP_LEADERS
from handlers.summary_ports import is_reported
from scheduler.jobs._audience import Buttons
from scheduler.stores import OwedStore, ReminderStore


@dataclass(frozen=True)
class Owed:
    """One village's projects not yet reported for a month."""

    village: str
    missing: tuple[ProjectRef, ...]  # no report at all
    drafts: tuple[ReportView, ...]  # filed, waiting for the reporter's confirmation

    def titles(self) -> list[str]:
        """'村·项目' of each, drafts marked as such (for lists to the township)."""
        return ([f"{self.village}·{p.title}" for p in self.missing]
                + [f"{self.village}·{d.project_title}（已填报待确认）" for d in self.drafts])


async def reporting(store: OwedStore, directory: Directory, township_id: int) -> tuple[ProjectRef, ...]:
    """The township's projects that owe monthly reports, its villages' in registry order and then its own (read
    afresh: a status changes without a new registry version)."""
    states = await store.summary.project_states(township_id)
    return tuple(p for p in (*directory.projects, *directory.town_projects)
                 if p.id in states and states[p.id].reporting)


async def owed(store: OwedStore, directory: Directory, township_id: int, period: str,
               projects: Sequence[ProjectRef] | None = None) -> list[Owed]:
    """Villages owing something for `period`, in registry order; a village that has reported everything is left out.
    `projects`: those that owe reports, when the caller has read them already."""
    if projects is None:
        projects = await reporting(store, directory, township_id)
    by_village: dict[str, list[ProjectRef]] = {}
    for project in projects:
        by_village.setdefault(project.village, []).append(project)
    reports = {r.project_id: r for r in await store.reports.for_period(township_id, period)}
    villages = []
    # The township's own projects come last, under its name (ProjectRef.village), reported by their owners.
    for name in [v.name for v in directory.registry.villages] + [directory.registry.township]:
        theirs = by_village.get(name, [])
        missing = tuple(p for p in theirs if p.id not in reports)
        drafts = tuple(reports[p.id] for p in theirs if p.id in reports and not is_reported(reports[p.id].status))
        if missing or drafts:
            villages.append(Owed(name, missing, drafts))
    return villages


async def reporters(store: ReminderStore, township_id: int, directory: Directory, owes: Owed) -> list[PersonRef]:
    """Who is asked for what a village owes: its secretaries and contact officials; for the township's own
    projects, their owners (or, with none on the roster, the township's leaders and admins)."""
    if owes.village != directory.registry.township:
        return await store.people.with_roles(township_id, REPORTERS, owes.village)
    owing = {p.id for p in owes.missing} | {d.project_id for d in owes.drafts}
    owners = sorted({p.owner for p in directory.town_projects if p.id in owing and p.owner})
    found = list((await store.people.by_name_many(owners, township_id)).values()) if owners else []
    return found or await store.people.with_roles(township_id, TOWNSHIP_LEADERS)


def _progress(draft: ReportView) -> str:
    return f"进度{draft.fields.progress}%" if draft.fields.progress is not None else "进度未说明"


def confirm_lines(drafts: tuple[ReportView, ...], where: str = "") -> list[str]:
    """The ask for drafts (of the village `where`, when named): nothing to write again, only the word that confirms."""
    if not drafts:
        return []
    return [f"{where}以下项目已填报，只差确认：", *(f"· {d.project_title}（{_progress(d)}）" for d in drafts),
            "核对无误请点“确认”或回复“确认”，不用重报。"]


def confirm_buttons(drafts: tuple[ReportView, ...]) -> Buttons:
    """One confirm button per draft, as its report card has."""
    if len(drafts) == 1:
        return ((Button("确认", ReportButton("confirm", (drafts[0].id,)).pack()),),)
    return tuple((Button(f"确认：{d.project_title[:12]}", ReportButton("confirm", (d.id,)).pack()),) for d in drafts)
