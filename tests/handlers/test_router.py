"""Slash commands and Chinese command words reach the same handler."""
from __future__ import annotations

import pytest

from handlers import help as help_module
from handlers import identity
from handlers.routes import build_router

ROOT = build_router()
DISPATCH = ROOT.dispatch  # free text, buttons and answers


@pytest.mark.parametrize(("text", "handler", "args"), [
    ("/bind 千佛塔村", identity.bind, "千佛塔村"),
    ("/bind@yuebao_bot 千佛塔村", identity.bind, "千佛塔村"),
    ("绑定 千佛塔村", identity.bind, "千佛塔村"),
    ("绑定千佛塔村", identity.bind, "千佛塔村"),
    ("绑定：千佛塔村", identity.bind, "千佛塔村"),
    ("  帮助  ", help_module.help_, ""),
    ("/HELP", help_module.help_, ""),
    ("帮助我看看这个项目", DISPATCH, "帮助我看看这个项目"),
    ("/unknown x", DISPATCH, "/unknown x"),
    ("本月完成进度60%", DISPATCH, "本月完成进度60%"),
])
def test_routes(text: str, handler: object, args: str) -> None:
    route, got_args = ROOT.match(text)
    assert route.handler == handler
    assert got_args == args
