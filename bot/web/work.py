"""任务 and 事件: the viewer's tasks and grid issues with their filters, and one task's or issue's whole history."""
from __future__ import annotations

import datetime as dt

from starlette.responses import Response

from bot.web.pages import Page
from bot.web.records import LIMIT, choice, found, path_id, scope, work_records
from handlers.console_ports import IssueFilter, IssueLine, TaskFilter, TaskLine
from handlers.issues.cards import CATEGORY
from handlers.issues.cards import STATUS as ISSUE_STATUS
from handlers.issues.cards import STEP as ISSUE_STEP
from handlers.schedule import GREEN, RED, YELLOW, colour
from handlers.tasks.cards import STATUS as TASK_STATUS
from handlers.tasks.cards import STEP as TASK_STEP

OVERDUE = "overdue"
TASK_CHOICES = {**TASK_STATUS, OVERDUE: "逾期未办结"}
OVER_LIMIT = {"1": "超时限"}
NEAR_LIMIT = dt.timedelta(days=1)  # an open issue this close to its limit is yellow (as chat marks it)


def task_colour(task: TaskLine, page: Page) -> str:
    """A task's colour as chat marks it: by its deadline, and its progress where one was stated."""
    started = task.created_at.astimezone(page.console.zone).date()
    return colour(task.progress, started, task.deadline, page.today, finished=task.finished, judge_unreported=False)


def issue_colour(issue: IssueLine, now: dt.datetime) -> str:
    """Red past its time limit, yellow within a day of it while open, else green."""
    if issue.over_limit(now):
        return RED
    if issue.due_at is not None and issue.status not in ("resolved", "closed") and issue.due_at - now <= NEAR_LIMIT:
        return YELLOW
    return GREEN


async def tasks(page: Page) -> Response:
    """The viewer's tasks (a village's: theirs and those assigned to them), filtered by status."""
    status = choice(page, "status", TASK_CHOICES, "任务状态")
    where = TaskFilter(overdue_on=page.today) if status == OVERDUE else TaskFilter(status=status)
    found_tasks = await work_records(page).tasks(scope(page.viewer), where, LIMIT)
    return page.render("tasks.html", listing=found_tasks, statuses=TASK_STATUS, choices=TASK_CHOICES,
                       colours={t.id: task_colour(t, page) for t in found_tasks.rows},
                       many_towns=len(page.viewer.towns) > 1, asked=page.request.query_params, today=page.today,
                       limit=LIMIT)


async def task(page: Page) -> Response:
    """One task: who handed it to whom, its deadline and state, every step, and what it was passed down as."""
    task_id = path_id(page, "task_id")
    seen = scope(page.viewer)
    one = found(await work_records(page).task(task_id, seen))
    parent = await work_records(page).task(one.parent_id, seen) if one.parent_id is not None else None
    subs = await work_records(page).sub_tasks(task_id, seen)
    return page.render("task.html", task=one, parent=parent, subs=subs, steps=await page.store.tasks.history(task_id),
                       step_words=TASK_STEP, statuses=TASK_STATUS, zone=page.console.zone, today=page.today,
                       colours={t.id: task_colour(t, page) for t in (one, *subs)})


async def issues(page: Page) -> Response:
    """The viewer's grid issues, newest first, filtered by status, category and whether past their time limit."""
    where = IssueFilter(choice(page, "status", ISSUE_STATUS, "事件状态"),
                        choice(page, "category", CATEGORY, "事件类别"),
                        page.now if choice(page, "over", OVER_LIMIT, "是否超时限") else None)
    listing = await work_records(page).issues(scope(page.viewer), where, LIMIT)
    return page.render("issues.html", listing=listing, statuses=ISSUE_STATUS, categories=CATEGORY,
                       over=OVER_LIMIT, colours={i.id: issue_colour(i, page.now) for i in listing.rows},
                       many_towns=len(page.viewer.towns) > 1, asked=page.request.query_params, now=page.now,
                       zone=page.console.zone, limit=LIMIT)


async def issue(page: Page) -> Response:
    """One grid issue with every step."""
    issue_id = path_id(page, "issue_id")
    one = found(await work_records(page).issue(issue_id, scope(page.viewer)))
    return page.render("issue.html", issue=one, steps=await page.store.issues.history(issue_id),
                       step_words=ISSUE_STEP, statuses=ISSUE_STATUS, categories=CATEGORY, zone=page.console.zone,
                       now=page.now, colour=issue_colour(one, page.now))
