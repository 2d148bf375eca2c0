"""Links to console pages in templates: Starlette's `url_for`, without trying every route for each link.

Starlette finds a route by name by asking each route in turn, each refusal an exception: 60–110 µs a link on
this machine, and a project's page has a link per report and revision. The console's routes are known at import
(bot.web.routes.PAGES and the static files), so each name goes straight to its route; any other name falls back
to Starlette's search.
"""
from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.routing import BaseRoute, Mount, Route

from bot.web.routes import MOUNT, PAGES


async def _never(request: Request) -> None:  # only the paths of these routes are used, never their endpoints
    raise NotImplementedError


# Paths as the service's router gives them, the console's mount included (base_url is the service's root).
_BY_NAME: dict[str, BaseRoute] = {page.name: Route(MOUNT + page.path, _never, name=page.name) for page in PAGES}
_BY_NAME["static"] = Mount(MOUNT + "/static", routes=[], name="static")


def link(request: Request, name: str, /, **params: Any) -> URL:
    """The absolute URL of the named console route, as `request.url_for` gives it."""
    route = _BY_NAME.get(name)
    if route is None:
        return request.url_for(name, **params)
    return route.url_path_for(name, **params).make_absolute_url(base_url=request.base_url)


@pass_context
def url_for(context: Any, name: str, /, **params: Any) -> URL:
    """`url_for` for templates (the request is in every console template's context)."""
    return link(context["request"], name, **params)
