"""The web console under /console: server-rendered pages for leaders, secretaries and admins.

Built on what the service already runs — Starlette (the ASGI app), Jinja2 templates, htmx for the few small
interactions — with no JavaScript build step. Every page reads through the same repositories as chat, inside one
unit of work, scoped to what the signed-in person may see.
"""
