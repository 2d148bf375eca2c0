"""calendar settings

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 15:29:31.819116
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('calendar_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('job', sa.String(length=32), nullable=False),
    sa.Column('day', sa.Integer(), nullable=True),
    sa.Column('at', sa.String(length=5), nullable=True),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['person.id'], name=op.f('fk_calendar_setting_changed_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_calendar_setting_township_id_township'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_setting')),
    sa.UniqueConstraint('township_id', 'job', name=op.f('uq_calendar_setting_township_id_job'))
    )


def downgrade() -> None:
    op.drop_table('calendar_setting')
