"""county tier: town reports, sub-tasks, county calendars, menus and weight rules

A township's own projects (village_id empty) can now be reported on; nothing stored changes meaning.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 18:19:58.834239
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('town_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('addendum', sa.Text(), nullable=True),
    sa.Column('built_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('reminded_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['person.id'], name=op.f('fk_town_report_confirmed_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_town_report_township_id_township'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_town_report')),
    sa.UniqueConstraint('township_id', 'period', name=op.f('uq_town_report_township_id_period'))
    )
    with op.batch_alter_table('town_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_town_report_township_id'), ['township_id'], unique=False)

    with op.batch_alter_table('calendar_setting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county_id', sa.Integer(), nullable=True))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_unique_constraint(batch_op.f('uq_calendar_setting_county_id_job'), ['county_id', 'job'])
        batch_op.create_foreign_key(batch_op.f('fk_calendar_setting_county_id_county'), 'county', ['county_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('project_topic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county_id', sa.Integer(), nullable=True))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_project_topic_county_id'), ['county_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_project_topic_county_id_year_number'), ['county_id', 'year', 'number'])
        batch_op.create_foreign_key(batch_op.f('fk_project_topic_county_id_county'), 'county', ['county_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.alter_column('village_id',
               existing_type=sa.INTEGER(),
               nullable=True)

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_task_parent_id'), ['parent_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_task_parent_id_task'), 'task', ['parent_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('weight_factor', schema=None) as batch_op:
        batch_op.add_column(sa.Column('county_id', sa.Integer(), nullable=True))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_weight_factor_county_id'), ['county_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_weight_factor_county_id_factor_key'), ['county_id', 'factor', 'key'])
        batch_op.create_foreign_key(batch_op.f('fk_weight_factor_county_id_county'), 'county', ['county_id'], ['id'], ondelete='CASCADE')



def downgrade() -> None:
    # What only the county tier holds cannot be kept by the older schema.
    op.execute("DELETE FROM weight_factor WHERE county_id IS NOT NULL")
    op.execute("DELETE FROM project_topic WHERE county_id IS NOT NULL")
    op.execute("DELETE FROM calendar_setting WHERE county_id IS NOT NULL")
    op.execute("DELETE FROM report WHERE village_id IS NULL")
    with op.batch_alter_table('weight_factor', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_weight_factor_county_id_county'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_weight_factor_county_id_factor_key'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_weight_factor_county_id'))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('county_id')

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_task_parent_id_task'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_task_parent_id'))
        batch_op.drop_column('parent_id')

    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.alter_column('village_id',
               existing_type=sa.INTEGER(),
               nullable=False)

    with op.batch_alter_table('project_topic', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_topic_county_id_county'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_project_topic_county_id_year_number'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_project_topic_county_id'))
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('county_id')

    with op.batch_alter_table('calendar_setting', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_calendar_setting_county_id_county'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_calendar_setting_county_id_job'), type_='unique')
        batch_op.alter_column('township_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('county_id')

    with op.batch_alter_table('town_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_town_report_township_id'))

    op.drop_table('town_report')
