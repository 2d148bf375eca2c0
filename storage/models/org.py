"""Who and where: the org tree (county → township → village → grid), people and their memberships, their platform
identities, bound chats, invites."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base


class County(Base):
    """A county (县/区) supervising townships."""

    __tablename__ = "county"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str] = mapped_column(String(8), default="县")


class Township(Base):
    __tablename__ = "township"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="SET NULL"), index=True)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str] = mapped_column(String(8), default="镇")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    # Per-township running numbers for tasks (#12) and issues (#E37).
    next_task_no: Mapped[int] = mapped_column(default=1)
    next_issue_no: Mapped[int] = mapped_column(default=1)
    # Bumped by every registry import that changes something, so cached parsers know to rebuild.
    registry_version: Mapped[int] = mapped_column(default=1, server_default="1")


class Village(Base):
    __tablename__ = "village"
    __table_args__ = (UniqueConstraint("township_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    level: Mapped[str] = mapped_column(String(8), default="村")  # 村 or 社区
    # A village merged away or left out of a 换届 roster: kept for its history, no longer served.
    active: Mapped[bool] = mapped_column(default=True)


class Grid(Base):
    __tablename__ = "grid"
    __table_args__ = (UniqueConstraint("village_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))


person_grid = Table(
    "person_grid",
    Base.metadata,
    Column("person_id", ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    Column("grid_id", ForeignKey("grid.id", ondelete="CASCADE"), primary_key=True),
)


class Person(Base):
    """Someone on a roster: of a township (township_id) or of a county itself (county_id); what they do is in
    their memberships."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("township_id", "name"), UniqueConstraint("county_id", "name"))

    id: Mapped[int] = mapped_column(primary_key=True)
    township_id: Mapped[int | None] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=True)
    # For someone who covers several villages (or none in the registry) and reports: the village they said.
    remembered_village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="SET NULL"))
    # For a county cadre writing in a private chat: the township they last said they act in.
    current_township_id: Mapped[int | None] = mapped_column(ForeignKey("township.id", ondelete="SET NULL"))

    grids: Mapped[list[Grid]] = relationship(secondary=person_grid, lazy="selectin")


class Membership(Base):
    """A role a person holds on one unit: a county, a township or a village (exactly one of the three is set)."""

    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(64))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="CASCADE"), index=True)
    township_id: Mapped[int | None] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="CASCADE"), index=True)


class Identity(Base):
    """One platform account of a person; a person may have several (Telegram and WeCom)."""

    __tablename__ = "identity"
    __table_args__ = (UniqueConstraint("platform", "platform_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    platform_user_id: Mapped[str] = mapped_column(String(128))
    # The private chat with the bot, learnt when the person writes to it there (platforms differ).
    direct_chat_id: Mapped[str | None] = mapped_column(String(128))
    linked_at: Mapped[dt.datetime]


class Invite(Base):
    """A one-time registration code; only its hash is stored."""

    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]
    used_by_identity_id: Mapped[int | None] = mapped_column(ForeignKey("identity.id", ondelete="SET NULL"))


class ChatBinding(Base):
    """A group chat bound to a township (village_id empty) or to one of its villages."""

    __tablename__ = "chat_binding"
    __table_args__ = (UniqueConstraint("platform", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(128))
    township_id: Mapped[int] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id", ondelete="CASCADE"))
    bound_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    bound_at: Mapped[dt.datetime]
