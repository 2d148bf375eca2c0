"""Every page of the console, with who may open it: the one table the app, the role matrix and the nav read."""
from __future__ import annotations

from bot.web.overview import overview
from bot.web.pages import PageRoute, anyone

PAGES: tuple[PageRoute, ...] = (
    PageRoute("/", overview, anyone, "overview"),
)
