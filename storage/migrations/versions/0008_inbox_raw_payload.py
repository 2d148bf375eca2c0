"""inbox keeps the raw payload

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 10:00:00.000000
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('raw', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('form', sa.String(length=16), nullable=True))
    # Rows stored before this held the core's message form; it stays readable as such.
    op.execute("UPDATE inbox SET raw = CAST(payload AS TEXT), form = 'message'")
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.alter_column('raw', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('form', existing_type=sa.String(length=16), nullable=False)
        batch_op.alter_column('chat_id', existing_type=sa.String(length=128), nullable=True)
        batch_op.alter_column('sender_id', existing_type=sa.String(length=128), nullable=True)
        batch_op.alter_column('text', existing_type=sa.Text(), nullable=True)
        batch_op.drop_column('payload')


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload', sa.JSON(), nullable=True))
    as_json, wrapped = ("raw", "json_object('raw', raw)") if sqlite else ("CAST(raw AS JSON)",
                                                                           "json_build_object('raw', raw)")
    op.execute(f"UPDATE inbox SET payload = {as_json} WHERE form = 'message'")
    # A platform payload has no message form for the older code: kept inside the JSON, set aside as failed.
    op.execute(f"UPDATE inbox SET payload = {wrapped}, status = CASE WHEN status IN ('new', 'handling') "
               f"THEN 'failed' ELSE status END WHERE form <> 'message'")
    op.execute("UPDATE inbox SET chat_id = COALESCE(chat_id, ''), sender_id = COALESCE(sender_id, ''), "
               "text = COALESCE(text, '')")
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.alter_column('payload', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('chat_id', existing_type=sa.String(length=128), nullable=False)
        batch_op.alter_column('sender_id', existing_type=sa.String(length=128), nullable=False)
        batch_op.alter_column('text', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('form')
        batch_op.drop_column('raw')
