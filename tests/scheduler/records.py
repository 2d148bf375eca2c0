"""Monthly reports written through the report repository for scheduler tests.

The conversation that files and confirms reports is tested in tests/handlers; what the digests count must
not depend on how the chat reads one message, so these tests store each report (and its confirmation) the
way that conversation does once it has understood it."""
from __future__ import annotations

from typing import Any

from bot.app import App
from handlers.refs import ProjectRef, ReportFields


async def file_report(app: App, who: str, code: str, period: str, progress: int | None, text: str, *,
                      problems: str | None = None, next_plan: str | None = None, confirm: bool = True,
                      done: str | None = None, amounts: tuple[dict[str, Any], ...] = ()) -> int:
    """`who` files `text` on project `code` for `period` (a draft), then confirms it unless told not to."""
    async with app.uow() as store:
        (person,) = await store.people.by_name(who)
        # Any project of the township, approved or not: tests file reports the chat would decline, to show they
        # are not counted.
        (state,) = [p for p in await store.projects.of_township(person.township_id) if p.code == code]
        assert state.village_id is not None and state.village is not None
        project = ProjectRef(state.id, state.code, state.title, state.village_id, state.village, state.owner,
                             state.start, state.deadline, state.weight, state.kind)
        fields = ReportFields(progress, done=done, problems=problems, next_plan=next_plan, amounts=amounts)
        view = await store.reports.save(project, period, fields, late=False, author_id=person.id, inbox_id=None,
                                        raw_text=text, now=app.clock.now())
        if confirm:
            await store.reports.confirm(view.id, app.clock.now())
        return view.id
