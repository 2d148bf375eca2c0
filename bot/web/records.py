"""What the record pages (项目, 任务, 事件) share: the viewer's scope as the repositories take it, and filters read
from the query string, checked against the values offered (anything else is a 400 saying what to pick)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from bot.web.pages import BadInput, Forbidden, Page
from bot.web.viewer import Viewer
from handlers.console_ports import ConsoleProjectsRepo, ConsoleWorkRepo, Scope

T = TypeVar("T")
LIMIT = 500  # rows a list shows at most; the filters narrow it
LARGEST_ID = 2**31 - 1  # ids are INTEGER columns: a longer number in a path names nothing (and must not reach SQL)
NAMED_CHOICES = 12  # a 400 lists the choices when there are this few (not a county's 300 villages)


def scope(viewer: Viewer) -> Scope:
    """What this viewer may read, as the console's repositories take it."""
    return Scope(viewer.township_ids, viewer.village_ids, viewer.person.id)


def choice(page: Page, name: str, allowed: Mapping[str, str], what: str) -> str | None:
    """The value of one filter (None: not set, or 全部), one of `allowed`; BadInput naming the choices otherwise."""
    value = page.request.query_params.get(name, "")
    if value == "":
        return None
    if value not in allowed:
        choices = f"可选：{'、'.join(allowed.values())}" if len(allowed) <= NAMED_CHOICES else "请从列表中选择"
        raise BadInput(f"{what}“{value[:20]}”不对，{choices}。")
    return value


async def village_choices(page: Page) -> dict[str, str]:
    """The villages the viewer may filter by, by id: '千佛塔村', or '玄滩镇 · 石牛村' across towns."""
    viewer = page.viewer
    many_towns = len(viewer.towns) > 1
    return {str(v.id): f"{v.township} · {v.name}" if many_towns else v.name
            for v in await page.store.summary.villages(viewer.township_ids)
            if viewer.village_ids is None or v.id in viewer.village_ids}


def found(record: T | None) -> T:
    """The record, or the same 403 whether it is out of the viewer's scope or does not exist at all."""
    if record is None:
        raise Forbidden()
    return record


def path_id(page: Page, name: str) -> int:
    """An id from the path (the route's int convertor made it a number); one too large to be an id is a record
    that does not exist."""
    record_id = int(page.request.path_params[name])
    if record_id > LARGEST_ID:
        raise Forbidden()
    return record_id


def project_records(page: Page) -> ConsoleProjectsRepo:
    """Projects and their reports, read through their port."""
    return page.store.console_projects


def work_records(page: Page) -> ConsoleWorkRepo:
    """Tasks and issues, read through their port."""
    return page.store.console_work
