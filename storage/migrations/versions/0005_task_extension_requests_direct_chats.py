"""task extension requests, direct chats

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 15:01:20.966289
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('identity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('direct_chat_id', sa.String(length=128), nullable=True))

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_deadline', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_column('requested_deadline')

    with op.batch_alter_table('identity', schema=None) as batch_op:
        batch_op.drop_column('direct_chat_id')

