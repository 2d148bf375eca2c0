"""人员: a township's roster — who holds which post, who has registered on a chat platform — and adding or
deactivating someone, by the same rules, cards and audit entries as an admin's 新增人员 / 停用 in chat
(handlers.roster_desk)."""
from __future__ import annotations

from typing import Any

from starlette.responses import Response

from bot.web.admin_base import acting, field, posted, step_of, town_of
from bot.web.admin_invites import codes_page
from bot.web.pages import Page
from handlers import roster_desk
from handlers.refs import TownshipRef
from handlers.roles import ROLE_LABELS
from handlers.roster_words import AddPerson, Deactivate

ROLE_CHOICES = tuple((code, ROLE_LABELS[code]) for code in roster_desk.TOWN_ROLES)
PLATFORMS = {"telegram": "Telegram", "wecom": "企业微信", "wechat": "微信", "console": "终端"}


async def people(page: Page) -> Response:
    """The roster of a township, with the form to add someone."""
    return await _roster(page, town_of(page, page.request.query_params.get("town")))


async def _roster(page: Page, town: TownshipRef, status: int = 200, **shown: Any) -> Response:
    acting(page, town)
    directory = await page.directory(town.id)
    rows = await page.store.roster.table(town.id, page.now)
    shown.setdefault("filled", {})
    return page.render("admin_people.html", status, town=town, rows=rows, villages=list(directory.village_ids),
                       roles=ROLE_CHOICES, labels=ROLE_LABELS, platforms=PLATFORMS, zone=page.console.zone,
                       **shown)


async def add_person(page: Page) -> Response:
    """新增人员: the card first; on 确认, every rule checked again, then the person, their post, the audit entry and
    an invite code — shown with its QR code to print or forward."""
    form = await posted(page)
    town = town_of(page, field(form, "town"))
    me = acting(page, town)
    filled = {name: field(form, name) for name in ("name", "role", "village", "title")}
    step = step_of(form)
    command = roster_desk.read_person(filled["name"], filled["role"], filled["village"], filled["title"])
    directory = await page.directory(town.id)
    card = command if isinstance(command, roster_desk.Refusal) else await roster_desk.card(page.store, me,
                                                                                          directory, command)
    if isinstance(card, roster_desk.Refusal):
        return await _roster(page, town, 400, error=card.text, filled=filled)
    assert isinstance(command, AddPerson)
    if step == "check":
        return page.render("admin_confirm.html", title="新增人员", card=card.text, action="people_add",
                           fields={"town": str(town.id), **filled}, back=f"{page.request.url_for('people')}"
                           f"?town={town.id}")
    done = await roster_desk.do(page.store, me, directory, page.now, command)
    assert isinstance(done, roster_desk.Done)
    return codes_page(page, town, f"已新增{command.name}（{ROLE_LABELS[command.role]}）", done)


async def deactivate(page: Page) -> Response:
    """停用: the card (with what they still hold), then on 确认 the same checks again and the change."""
    form = await posted(page)
    town = town_of(page, field(form, "town"))
    me = acting(page, town)
    name = field(form, "name")
    step = step_of(form)
    directory = await page.directory(town.id)
    command = Deactivate(name)
    card = await roster_desk.card(page.store, me, directory, command)
    if isinstance(card, roster_desk.Refusal):
        return await _roster(page, town, 400, error=card.text)
    if step == "check":
        return page.render("admin_confirm.html", title="停用人员", card=card.text, action="people_deactivate",
                           fields={"town": str(town.id), "name": name},
                           back=f"{page.request.url_for('people')}?town={town.id}")
    done = await roster_desk.do(page.store, me, directory, page.now, command)
    if isinstance(done, roster_desk.Refusal):
        return await _roster(page, town, 400, error=done.text)
    return await _roster(page, town, done=done.text)
