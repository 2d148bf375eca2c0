"""work records

Notes of visits, meetings, study sessions and duty shifts (工作记录), confirmed in chat; a new table, nothing
stored changes meaning.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 06:41:13.522103
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('work_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('people', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_work_record_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_work_record_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_work_record_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_work_record_village_id_village'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_record'))
    )
    with op.batch_alter_table('work_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_record_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_work_record_township_day', ['township_id', 'day'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_record_village_id'), ['village_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('work_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_record_village_id'))
        batch_op.drop_index('ix_work_record_township_day')
        batch_op.drop_index(batch_op.f('ix_work_record_person_id'))

    op.drop_table('work_record')
