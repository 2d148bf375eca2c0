"""The outcome score of DESIGN.md, per village per quarter, with every part traceable to records.

60% projects: each active approved project's weight × min(1, latest reported progress ÷ 序时进度 at the
quarter's end — stepped by its milestones' due dates where it has them), as a share of the village's project
weight; a project whose schedule has not started scores in full, a project never reported (confirmed) scores
0; a project declared or returned for revision is not counted at all. 25% tasks done on time and 15% issues
resolved in time, as `scheduler.rates` counts them over the quarter (the digest and its trend chart count the
same way). A part with nothing due is left out and the others are re-weighted, so a village is neither
rewarded nor punished for having no tasks or issues. No activity measure (message counts, online time)
enters the score.

A county ranks its townships by the same formula (with the county's weights, DESIGN.md): a township's own
projects (乡镇党委书记项目, 非均衡发展项目, approved by the county), the tasks it was handed itself (no village's),
and every issue raised in it.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from handlers.quarters import Quarter
from handlers.schedule import RED, colour, scheduled_progress
from handlers.summary_ports import ProjectProgress, Tally, VillageRef
from scheduler import kinds
from scheduler.rates import Window, deadlines_met
from scheduler.stores import SummaryStore


@dataclass(frozen=True)
class Weights:
    """How much each part counts (DESIGN.md's defaults)."""

    projects: float = 0.60
    tasks: float = 0.25
    issues: float = 0.15

    @classmethod
    def parse(cls, text: str) -> Weights:
        """'60,25,15' (projects, tasks, issues; any positive numbers, taken as shares); empty → defaults."""
        if not text.strip():
            return cls()
        parts = [float(p) for p in text.replace("，", ",").split(",")]
        if len(parts) != 3 or min(parts) < 0 or sum(parts) <= 0:
            raise ValueError("YUEBAO_SCORE_WEIGHTS 应为三个非负数，如 60,25,15（项目,任务,事件）")
        total = sum(parts)
        return cls(*(p / total for p in parts))


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Lag:
    """A project behind its schedule at the quarter's end."""

    title: str
    progress: int | None
    planned: int
    red: bool


@dataclass
class VillageOutcome:
    """One village's parts (or, in a county's ranking, one township's); `score` combines them."""

    village: VillageRef
    project_count: int = 0
    kinds: Counter[str] = field(default_factory=Counter)  # projects by kind (书记项目, 领办事项), shown apart
    project_weight: float = 0.0
    project_points: float = 0.0  # Σ weight × min(1, progress ÷ planned)
    unreported: int = 0
    lags: list[Lag] = field(default_factory=list)
    tasks: Tally = field(default_factory=Tally)
    issues: Tally = field(default_factory=Tally)

    @property
    def project_share(self) -> float | None:
        """Weighted progress against schedule, 0–1; None with no projects."""
        return self.project_points / self.project_weight if self.project_weight > 0 else None

    @property
    def task_share(self) -> float | None:
        """Tasks done on time, 0–1; None when none were due."""
        return self.tasks.share

    @property
    def issue_share(self) -> float | None:
        """Issues resolved within their limit, 0–1; None when none were due."""
        return self.issues.share

    @property
    def red(self) -> list[Lag]:
        """Projects shown red at the quarter's end."""
        return [lag for lag in self.lags if lag.red]

    @property
    def has_records(self) -> bool:
        """Whether anything was reported or due, so the score means something."""
        return self.unreported < self.project_count or bool(self.tasks.due or self.issues.due)

    def score(self, weights: Weights = DEFAULT_WEIGHTS) -> float:
        """0–100, re-weighted over the parts that had something to measure."""
        parts = [(weights.projects, self.project_share), (weights.tasks, self.task_share),
                 (weights.issues, self.issue_share)]
        total = sum(w for w, share in parts if share is not None)
        if total <= 0:
            return 0.0
        return 100 * sum(w * share for w, share in parts if share is not None) / total


def add_project(outcome: VillageOutcome, row: ProjectProgress, progress: int | None, on: dt.date) -> None:
    """Count one project's progress (its latest report by then) against its schedule on a day."""
    planned = scheduled_progress(row.start, row.deadline, on, row.milestone_dues)
    outcome.project_count += 1
    outcome.kinds[row.kind] += 1
    if progress is None:
        outcome.unreported += 1
    if planned is None:  # no deadline, no schedule: it cannot be behind, and it does not weigh
        return
    done = progress or 0
    outcome.project_weight += row.weight
    outcome.project_points += row.weight * (1.0 if planned == 0 else min(1.0, done / planned))
    if done < planned:
        is_red = colour(progress, row.start, row.deadline, on, milestones=row.milestone_dues) == RED
        outcome.lags.append(Lag(row.title, progress, planned, is_red))


async def outcomes(store: SummaryStore, township_ids: Sequence[int], quarters: Sequence[Quarter],
                   zone: ZoneInfo, *, towns: bool = False) -> list[list[VillageOutcome]]:
    """Every village's outcome for each quarter, in registry order, from one pass over the records; with `towns`,
    every township's as its county ranks it (its own projects, the tasks it was handed, all its issues).

    Memory grows with villages and projects, not with reports."""
    units = await (store.summary.towns(township_ids) if towns else store.summary.villages(township_ids))
    by_id = [{v.id: VillageOutcome(v) for v in units} for _ in quarters]
    last_days = [q.end for q in quarters]
    async for row in store.summary.project_progress(township_ids, [q.months[-1] for q in quarters], towns=towns):
        if towns:  # counted as what they are to the county: the townships' own projects
            row = row._replace(kind=kinds.TOWN_PROJECT)
        for scored, progress, day in zip(by_id, row.latest, last_days, strict=True):
            outcome = scored.get(row.village_id)
            if outcome is not None:
                add_project(outcome, row, progress, day)
    # Tasks and issues as the digest and its trend count them; its 报送率 the score leaves out, so it is not read.
    met = await deadlines_met(store, township_ids, [Window.quarter(q) for q in quarters], zone, towns=towns)
    for scored, (tasks, issues) in zip(by_id, met, strict=True):
        for village_id, outcome in scored.items():
            outcome.tasks, outcome.issues = tasks.get(village_id, Tally()), issues.get(village_id, Tally())
    return [list(scored.values()) for scored in by_id]
