"""邀请: invite codes for one person or for everyone of a village, by the rules of chat's "邀请 姓名" and
"邀请 某村全部" (handlers.roster_desk), then a page to print — each person's name, code, validity and QR code — to
hand out at a meeting or forward one by one.
"""
from __future__ import annotations

import segno
from markupsafe import Markup
from starlette.responses import Response

from bot.web.admin_base import acting, field, posted, step_of, town_of
from bot.web.pages import BadInput, Page
from handlers import roster_desk
from handlers.refs import TownshipRef
from handlers.roster_words import Invite


def qr_svg(code: str) -> Markup:
    """The QR code of an invite code, as an inline SVG (no request, no file: the page prints as it is).

    It encodes the code's eight characters and nothing else. Scanned with a phone's camera it gives the text to
    paste into the chat with the bot — on whichever platform the person registers (Telegram, WeCom, WeChat) —
    so nobody retypes a code from paper. It is not a link: a link would name one platform's bot, and would pass
    the secret through a browser's history and a link preview; the code alone is what registering needs.
    """
    qr = segno.make(code, error="m", micro=False)
    return Markup(qr.svg_inline(omitsize=True, border=4, title=f"邀请码 {code}"))


def codes_page(page: Page, town: TownshipRef, heading: str, done: roster_desk.Done) -> Response:
    """The codes just made, to print: shown once (only their hashes are stored), never cached (the app's
    headers), and reached only by the POST that made them."""
    cards = [(issued, qr_svg(issued.code)) for issued in done.issued]
    return page.render("admin_codes.html", town=town, heading=heading, cards=cards, until=done.until,
                       expires_at=done.expires_at)


async def invites(page: Page) -> Response:
    """The forms: a code for one person, or for everyone of a village."""
    town = town_of(page, page.request.query_params.get("town"))
    return await _forms(page, town)


async def _forms(page: Page, town: TownshipRef, status: int = 200, error: str | None = None) -> Response:
    acting(page, town)
    directory = await page.directory(town.id)
    people = [row for row in await page.store.roster.table(town.id, page.now) if row.active]
    return page.render("admin_invites.html", status, town=town, people=people, villages=list(directory.village_ids),
                       error=error)


async def issue(page: Page) -> Response:
    """The card ("将为 N 人生成邀请码"), then on 确认 the same checks again and the codes, on a page to print."""
    form = await posted(page)
    town = town_of(page, field(form, "town"))
    me = acting(page, town)
    name, village = field(form, "name"), field(form, "village")
    step = step_of(form)
    if bool(name) == bool(village):
        raise BadInput("请选择一个人，或选择一个村（二者选一）。")
    command = Invite(name=name) if name else Invite(village=village)
    directory = await page.directory(town.id)
    card = await roster_desk.card(page.store, me, directory, command)
    if isinstance(card, roster_desk.Refusal):
        return await _forms(page, town, 400, card.text)
    if step == "check":
        return page.render("admin_confirm.html", title="生成邀请码", card=card.text, action="invites_issue",
                           fields={"town": str(town.id), "name": name, "village": village},
                           back=f"{page.request.url_for('invites')}?town={town.id}")
    done = await roster_desk.do(page.store, me, directory, page.now, command)
    if isinstance(done, roster_desk.Refusal):
        return await _forms(page, town, 400, done.text)
    return codes_page(page, town, f"{village or name}的邀请码", done)
