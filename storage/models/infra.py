"""The plumbing that makes effects happen once: inbox, outbox, scheduled runs, and the audit log."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId


class InboxMessage(Base):
    """Every incoming message, stored as received before anything else; unique per platform delivery."""

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("platform", "message_key"),
        Index("ix_inbox_pending", "status", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    message_key: Mapped[str] = mapped_column(String(200))
    raw: Mapped[str] = mapped_column(Text)  # the platform's payload as received (Telegram JSON, WeCom XML)
    form: Mapped[str] = mapped_column(String(16))  # payload | message (the core's own form: console, demo)
    # Who said what, filled in once the payload has been read (empty while it cannot be).
    chat_id: Mapped[str | None] = mapped_column(String(128))
    sender_id: Mapped[str | None] = mapped_column(String(128))
    text: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[dt.datetime]
    status: Mapped[str] = mapped_column(String(16), default="new")  # new | handling | done | failed | unreadable
    error: Mapped[str | None] = mapped_column(Text)
    processed_at: Mapped[dt.datetime | None]


class OutboxMessage(Base):
    """Every outgoing message; the unique key keeps a retry, restart or second instance from sending twice."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_try_at"),
        # A chat's latest message (numbered answers) and the messages queued ahead of one in its chat.
        Index("ix_outbox_chat", "platform", "chat_id", "id"),
        # The message a reply answers, on every reply: platform message ids repeat across chats (Telegram).
        Index("ix_outbox_platform_message", "platform", "chat_id", "platform_message_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]] = mapped_column()
    urgent: Mapped[bool] = mapped_column(default=False)
    # pending | sending (leased by a sender until next_try_at, a request in flight) | sent | dead
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)  # counted when a send begins, so a crash counts too
    # A long text goes out in parts; those already delivered are not sent again on a retry.
    parts_sent: Mapped[int] = mapped_column(default=0, server_default="0")
    next_try_at: Mapped[dt.datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]
    platform_message_id: Mapped[str | None] = mapped_column(String(128))


class ScheduledRun(Base):
    """One run of a calendar job for one scope and period, recorded before it sends anything."""

    __tablename__ = "scheduled_run"
    __table_args__ = (UniqueConstraint("job", "scope", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(64), default="")
    period: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | done | skipped | failed
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    note: Mapped[str | None] = mapped_column(Text)


class CalendarSetting(Base):
    """A township's (or a county's) change to one job of its default reporting calendar (day, time, on or off)."""

    __tablename__ = "calendar_setting"
    __table_args__ = (UniqueConstraint("township_id", "job"), UniqueConstraint("county_id", "job"))

    id: Mapped[int] = mapped_column(primary_key=True)
    # Exactly one of the two is set: the county's calendar (月末报送, 县季通报) is its own, not a township's.
    township_id: Mapped[int | None] = mapped_column(ForeignKey("township.id", ondelete="CASCADE"))
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="CASCADE"))
    job: Mapped[str] = mapped_column(String(32))
    day: Mapped[int | None]  # 1-31, 0 for the month's last day
    at: Mapped[str | None] = mapped_column(String(5))  # HH:MM
    enabled: Mapped[bool] = mapped_column(default=True)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    changed_at: Mapped[dt.datetime]


class AuditLog(Base):
    """Who changed what, when: every state change outside reports' own revision history."""

    __tablename__ = "audit_log"
    # The console's 记录 page reads the newest entries first, a page at a time.
    __table_args__ = (Index("ix_audit_log_at", "at", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    at: Mapped[dt.datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Conversation(Base):
    """What the bot is waiting for from one person in one chat: a confirmation, a correction or a choice."""

    __tablename__ = "conversation"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(128))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column()
    updated_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]


class AccessToken(Base):
    """A platform API access token, shared by every worker until it expires."""

    __tablename__ = "access_token"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)  # e.g. wecom:<corp id>:<agent id>
    token: Mapped[str] = mapped_column(String(1024), default="")
    expires_at: Mapped[dt.datetime]
