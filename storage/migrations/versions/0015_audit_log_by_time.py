"""audit log by time

An index on audit_log (at, id): the console's 记录 page reads the newest entries first, a page at a time, and the
log only grows.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:25:00
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_audit_log_at', 'audit_log', ['at', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_log_at', table_name='audit_log')
