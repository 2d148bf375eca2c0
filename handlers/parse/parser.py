"""MessageParser: one message in, one ParsedMessage out, using the field readers of this package."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from handlers.parse.amounts import Amount, amounts_of
from handlers.parse.deadlines import DeadlineHit, deadline_hit, deadline_hits
from handlers.parse.handoff import Assignees, assignees_of, task_of
from handlers.parse.intent import Evidence, kind_of
from handlers.parse.issue import category_evidence, is_urgent, location_match, summary_of
from handlers.parse.log import is_done, names_problem, people_of, work_date, work_place, work_words
from handlers.parse.names import (
    ProjectKey,
    RegistryIndex,
    find_village,
    project_scores,
    village_mentions,
)
from handlers.parse.periods import period_of
from handlers.parse.progress import ProgressReading, read_progress
from handlers.parse.project import FAULTS, read_project
from handlers.parse.report_project import report_project
from handlers.parse.record import (
    HandoffBlock,
    IssueBlock,
    LogBlock,
    ParsedMessage,
    ProjectBlock,
    ReportBlock,
    TaskUpdateBlock,
)
from handlers.parse.sections import written_as_form, sections_of
from handlers.parse.task_update import read_task_update, task_number_of
from handlers.parse.text import MAX_CHARS, normalize
from handlers.registry import Person, Registry
from handlers.roles import LEADERS, REPORTERS, SUPERVISOR, TOWNSHIP_LEADERS

# An inspection that finds something to put right, or a fault it describes ("未发现问题" finds none).
_TO_PUT_RIGHT = re.compile(rf"整改|纠正|补签|补齐|补交|追回|退还|{FAULTS}")
_NO_FAULT = re.compile(r"(?:未|没有?)(?:发现|查出|存在)[^，,。；;]{0,6}(?:问题|违规|异常)")  # "未发现违规问题"
PARSER_ERROR = "parser error"  # the warning that says reading failed (handlers log it with the inbox id)


class MessageParser:
    """Reads messages for one registry; build it once, call `parse` per message."""

    def __init__(self, registry: Registry) -> None:
        self.index = RegistryIndex(registry)

    def local_time(self, now: dt.datetime) -> dt.datetime:
        """`now` in the registry timezone; a naive datetime is taken to be in it already."""
        if now.tzinfo is None:
            return now.replace(tzinfo=self.index.zone)
        return now.astimezone(self.index.zone)

    def parse(self, text: str, sender: Person, now: dt.datetime, *, steps: bool = True) -> ParsedMessage:
        """Read one message; never raises (an unexpected failure gives kind "other" and a warning).

        `steps=False` gives PARSING.md's kinds only (`yuebao parse`): a project lifecycle step is read as what else
        it is — a supervisor's inspection a work note, or an issue when it finds something to put right; a
        supervisor's order a hand-off; anything else as if no lifecycle were read.
        """
        warnings: list[str] = []
        try:
            return self._parse(text if isinstance(text, str) else str(text), sender, self.local_time(now), warnings,
                               steps)
        except Exception as exc:  # a message must never take the bot down; the warning keeps the trace
            warnings.append(f"{PARSER_ERROR}: {type(exc).__name__}: {exc}")
            return ParsedMessage("other", warnings=tuple(warnings))

    def _parse(self, raw: str, sender: Person, now: dt.datetime, warnings: list[str], steps: bool) -> ParsedMessage:
        text, truncated = normalize(raw)
        if truncated:
            warnings.append(f"message longer than {MAX_CHARS} characters: read the first {MAX_CHARS} only")
        number = task_number_of(text)
        if number is not None:
            return self._task_update(text, number, sender, now, warnings)
        # Lifecycle words in the right role (申报, 方案退回, 验收通过, 督导…) come before the hand-off/report
        # decision: "方案退回，请补充资金来源" is a verdict on a plan, not a task for the village.
        project = read_project(text, sender.role, sender.village, self.index, now, warnings if steps else [])
        if project is not None and steps:
            return ParsedMessage("project", project=project, warnings=tuple(warnings))
        # An inspection that orders 整改 by a day ("请马集村于1月底前整改到位") hands the work off, as a leader's order.
        if project is not None and project.action == "inspect" and project.deadline is None:
            return self._inspection(text, project, now, warnings)
        if sender.role == SUPERVISOR:  # a supervisor inspects projects and orders 整改, nothing else
            if steps:
                return ParsedMessage("other", warnings=tuple(warnings))
            sender = dataclasses.replace(sender, role=TOWNSHIP_LEADERS[0])  # the contract: an order is a hand-off
        # Only what the sender's role can lead to is read: a leader's message is a hand-off or not,
        # a grid worker's is an issue or not, a secretary's is a report, an issue or chatter.
        role = sender.role
        leader, reporter = role in LEADERS, role in REPORTERS
        village = find_village(text, self.index, sender.village)
        date_warnings: list[str] = []
        deadlines = deadline_hits(text, now.date(), now, date_warnings, bare=True) if leader else []
        assignees = assignees_of(text, self.index, sender) if leader else None
        category, category_score = category_evidence(text)
        urgent = is_urgent(text)
        # Only a grid worker's kind depends on a place being named; others look it up for an issue.
        grids = self.index.grids.get(village or "", ())
        location = location_match(text, grids) if not leader and not reporter else None
        progress = read_progress(text) if reporter else None
        scores = project_scores(text, village, self.index) if reporter else []
        amounts = amounts_of(text) if reporter else []
        said = work_words(text)
        work = said if said is not None and is_done(text) else None
        best = progress.best if progress is not None else None
        evidence = Evidence(
            role=role, progress=best is not None,
            project=any(s >= 2 for s, _ in scores), amounts=bool(amounts),
            deadline=any(h.date and h.marked for h in deadlines),
            addressees=assignees is not None and bool(assignees.names or assignees.ambiguous),
            located=location is not None, issue_score=min(category_score, 3) + (2 if urgent else 0),
            work=work, planned=said is not None and work is None, problem=work is not None and names_problem(text),
            figure_at=best.start if best else -1, dated=any(h.date for h in deadlines if not h.bare),
            loosely_dated=any(h.date for h in deadlines),
        )
        kind = kind_of(text, evidence)
        if kind == "handoff" and assignees is not None:
            warnings.extend(date_warnings)
            return ParsedMessage("handoff", handoff=self._handoff(text, assignees, deadlines, warnings),
                                 warnings=tuple(warnings))
        if kind == "report" and progress is not None:
            block = self._report(text, village, now, progress, amounts, scores, sender.name)
            if block.project is None and village is not None:
                warnings.append(f"project unclear: {len(self.index.keys_of(village))} projects in {village}")
            return ParsedMessage("report", report=block, warnings=tuple(warnings))
        if kind == "issue":
            if location is None:
                location = location_match(text, grids)
            if location is not None and self.index.village_re is not None \
                    and self.index.village_re.fullmatch(location.name):
                location = None  # "新桥社区有居民来问…": the village itself is not a place in it
            summary = summary_of(text, self.index.subject_re)
            if location is not None and location.said != location.name:
                summary = summary.replace(location.said, location.name, 1)
            issue = IssueBlock(category, village, location.name if location else None, urgent, summary)
            # A note of work that names a problem is an issue, and still the note it was (the chat asks which to keep).
            note = self._log(text, work, village, now) if work is not None else None
            return ParsedMessage("issue", issue=issue, log=note, warnings=tuple(warnings))
        if kind == "log" and work is not None:
            return ParsedMessage("log", log=self._log(text, work, village, now), warnings=tuple(warnings))
        return ParsedMessage("other", warnings=tuple(warnings))

    def _inspection(self, text: str, block: ProjectBlock, now: dt.datetime, warnings: list[str]) -> ParsedMessage:
        village = block.village or next((m.name for m in village_mentions(text, self.index)), None)
        summary = summary_of(text, None)
        if block.findings or block.deadline or _TO_PUT_RIGHT.search(_NO_FAULT.sub("", text)):
            return ParsedMessage("issue", issue=IssueBlock("other", village, None, is_urgent(text), summary),
                                 warnings=tuple(warnings))
        return ParsedMessage("log", log=LogBlock("other", village, work_date(text, now.date()), None, summary),
                             warnings=tuple(warnings))

    def _log(self, text: str, work: str, village: str | None, now: dt.datetime) -> LogBlock:
        if village is None:  # a leader's visit: the village they went to, even when named after 到/去
            village = next((m.name for m in village_mentions(text, self.index)), None)
        place = work_place(text, self.index.grids.get(village or "", ()), self.index.village_re)
        return LogBlock(work, village, work_date(text, now.date()), people_of(text, work == "visit"),
                        summary_of(text, self.index.subject_re), place)

    @staticmethod
    def _handoff(text: str, assignees: Assignees, deadlines: list[DeadlineHit], warnings: list[str]) -> HandoffBlock:
        for title in assignees.ambiguous:
            warnings.append(f"ambiguous title {title}: fits several people, no assignee taken")
        if not assignees.names and not assignees.ambiguous:
            warnings.append("no assignee found")
        chosen = deadline_hit(deadlines)
        # A bare period stays in the task ("将3月份书记项目月报表报送…") unless it is the deadline.
        spans = list(assignees.spans) + [(h.start, h.end) for h in deadlines if not h.bare or h is chosen]
        return HandoffBlock(assignees.names, chosen.date if chosen else None, task_of(text, spans))

    def _report(self, text: str, village: str | None, now: dt.datetime, progress: ProgressReading,
                amounts: list[Amount], scores: list[tuple[int, ProjectKey]], sender: str) -> ReportBlock:
        project = report_project(text, village, self.index, scores, progress.best is not None)
        # "陶志勇报一下石斛…", "段志刚，云海村那个初制所，…": who speaks is no work (blanked: the cuts keep their places).
        said = " " * len(sender) + text[len(sender):] if sender and text.lstrip().startswith(sender) and \
            text.startswith(sender) else text
        parts = sections_of(said, progress.done_cuts(text, written_as_form(text)), self.index.subject_re)
        return ReportBlock(
            project=project.title if project else None, village=village, period=period_of(text, now),
            progress=progress.best.value if progress.best else None, done=parts.done, problems=parts.problems,
            next_plan=parts.next_plan, amounts=tuple(amounts), project_id=project.id if project else None,
        )

    @staticmethod
    def _task_update(text: str, number: int, sender: Person, now: dt.datetime,
                     warnings: list[str]) -> ParsedMessage:
        r = read_task_update(text, sender.role, now, warnings)
        block = TaskUpdateBlock(number, r.action, r.progress, r.deadline, r.note)
        return ParsedMessage("task_update", task_update=block, warnings=tuple(warnings))
