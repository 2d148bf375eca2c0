"""The console's links in templates are the URLs Starlette's own `url_for` gives, for every page and the static files."""
from __future__ import annotations

import re

from starlette.requests import Request

from bot.app import App
from bot.http import build_http
from bot.web.links import link
from bot.web.routes import PAGES
from tests.conftest import RecordingTransport
from tests.web.support import signed_in


def _params(path: str) -> dict[str, object]:
    """A value for each parameter of a path: 7 for a number, a name for a string."""
    return {name: 7 if kind == ":int" else "2026年3月通报.txt"
            for name, kind in re.findall(r"{(\w+)(:\w+)?}", path)}


async def test_every_page_link_is_the_one_starlette_would_make(app: App) -> None:
    service = build_http(app)
    request = Request({"type": "http", "method": "GET", "path": "/console/", "root_path": "", "query_string": b"",
                       "headers": [(b"host", b"yuebao.example.cn")], "scheme": "https",
                       "server": ("yuebao.example.cn", 443), "router": service.router, "app": service})
    cases = [(page.name, _params(page.path)) for page in PAGES] + [("static", {"path": "console.css"})]
    for name, params in cases:
        assert str(link(request, name, **params)) == str(request.url_for(name, **params)), name
    assert str(link(request, "static", path="htmx.min.js")) == "https://yuebao.example.cn/console/static/htmx.min.js"


async def test_the_nav_marks_the_section_of_the_page_open(app: App, transport: RecordingTransport) -> None:
    http = await signed_in(app, "胡立新", transport)
    marked = re.compile(r'<a href="[^"]*"\s*aria-current="page">([^<]+)</a>')
    home = await http.get("/console/")
    assert marked.findall(home.text) == ["总览"]
    listed = await http.get("/console/projects")
    assert marked.findall(listed.text) == ["项目"]
    project = re.search(r'href="http://127.0.0.1:8080/console/projects/(\d+)"', listed.text)
    assert project is not None
    assert marked.findall((await http.get(f"/console/projects/{project.group(1)}")).text) == ["项目"]
