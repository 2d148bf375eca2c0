"""office holiday table

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 08:17:08.153547
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('office_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('loaded_by_id', sa.Integer(), nullable=True),
    sa.Column('loaded_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['loaded_by_id'], ['person.id'], name=op.f('fk_office_day_loaded_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_office_day'))
    )
    with op.batch_alter_table('office_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_office_day_year'), ['year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('office_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_day_year'))

    op.drop_table('office_day')
