"""What the admin pages share: the posted form's fields, the township an admin acts in, and the two steps of a
change (a card to confirm, then the change).

A change is never carried from the first step to the second in anything the browser could alter unnoticed: the
confirm form posts the same visible fields again and every rule is checked again before anything is written, so a
forged or stale confirmation is refused like a first request would be, with nothing changed.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from bot.web.pages import BadInput, Forbidden, Page
from handlers.refs import PersonRef, TownshipRef
from handlers.roles import ADMINS

MAX_FIELD = 64  # a name, a village, a title: the columns they are stored in hold 64 characters
STEPS = ("check", "confirm")


async def posted(page: Page) -> Mapping[str, Any]:
    """The posted form (read and bounded once by the app's guard, which checked its CSRF token)."""
    return await page.request.form()


def field(form: Mapping[str, Any], name: str, limit: int = MAX_FIELD) -> str:
    """A text field, trimmed; BadInput when it is too long."""
    value = form.get(name, "")
    if not isinstance(value, str):
        raise BadInput("提交的内容不对。")
    value = value.strip()
    if len(value) > limit:
        raise BadInput(f"“{value[:10]}…”太长了（最多{limit}个字）。")
    return value


def step_of(form: Mapping[str, Any]) -> str:
    """Which step a change's form is at: "check" (show the card) or "confirm" (make it)."""
    step = field(form, "step") or "check"
    if step not in STEPS:
        raise BadInput("提交的内容不对，请回到页面重新操作。")
    return step


def town_of(page: Page, raw: str | None) -> TownshipRef:
    """The township asked for (?town=ID or a form's town field): the viewer's own when they have one, the first
    of their county's by default; BadInput for anything but an id, Forbidden for a township out of their scope."""
    towns = page.viewer.towns
    if not towns:
        raise Forbidden()
    if raw is None or raw == "":
        return towns[0]
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise BadInput("乡镇参数不对。")
    town = next((t for t in towns if t.id == int(raw)), None)
    if town is None:
        raise Forbidden()
    return town


def acting(page: Page, town: TownshipRef) -> PersonRef:
    """The signed-in admin acting in this township, as chat sees an admin there; Forbidden unless they keep its
    roster (an admin of the township, or of its county)."""
    me = dataclasses.replace(page.viewer.person, township_id=town.id, township=town.name,
                             county_id=town.county_id, registry_version=town.registry_version)
    if not me.may(ADMINS):
        raise Forbidden()
    return me
