"""Help and liveness: what the sender can do, by role."""
from __future__ import annotations

from handlers.context import Context
from handlers.router import Router

router = Router()

ROLE_NAMES = {
    "township_leader": "镇领导", "admin": "党建办", "secretary": "村书记",
    "contact_official": "包村干部", "grid_worker": "网格员",
}
_COMMON = ["“帮助” 查看本说明"]
_BY_ROLE = {
    "township_leader": ["“绑定 村名” 把本群绑定到某村（在群里发）"],
    "admin": ["“绑定 村名” 把本群绑定到某村（在群里发）"],
}


@router.command("help", words=("帮助", "help", "菜单", "？", "?"))
async def help_(ctx: Context) -> None:
    """List what this sender can do."""
    assert ctx.sender is not None
    lines = [f"{ctx.sender.name}（{ROLE_NAMES.get(ctx.sender.role, ctx.sender.role)}），您可以发送："]
    lines += [f"· {item}" for item in _COMMON + _BY_ROLE.get(ctx.sender.role, [])]
    ctx.reply("\n".join(lines))


@router.command("ping", words=("在吗",))
async def ping(ctx: Context) -> None:
    """Answer that the bot is up."""
    ctx.reply("在的。")
