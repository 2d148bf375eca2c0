"""hot path indexes

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 17:45:34.000000
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.create_index('ix_issue_status_due', ['status', 'due_at'], unique=False)

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_chat', ['platform', 'chat_id', 'id'], unique=False)
        batch_op.create_index('ix_outbox_platform_message', ['platform', 'chat_id', 'platform_message_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_platform_message')
        batch_op.drop_index('ix_outbox_chat')

    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.drop_index('ix_issue_status_due')
