"""project lifecycle: topics, plan versions, events, inspections, weight rule

Projects already stored came from a registry file and are approved (status in_progress).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 14:32:26.847312
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('weight_factor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('factor', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_weight_factor_township_id_township'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weight_factor')),
    sa.UniqueConstraint('township_id', 'factor', 'key', name=op.f('uq_weight_factor_township_id_factor_key'))
    )
    with op.batch_alter_table('weight_factor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_weight_factor_township_id'), ['township_id'], unique=False)

    op.create_table('project_topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['published_by_id'], ['person.id'], name=op.f('fk_project_topic_published_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_project_topic_township_id_township'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_topic')),
    sa.UniqueConstraint('township_id', 'year', 'number', name=op.f('uq_project_topic_township_id_year_number'))
    )
    with op.batch_alter_table('project_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_topic_township_id'), ['township_id'], unique=False)

    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('inspector_id', sa.Integer(), nullable=True),
    sa.Column('at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('photos', sa.JSON(), nullable=False),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_inspection_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inspector_id'], ['person.id'], name=op.f('fk_inspection_inspector_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_inspection_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection'))
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_project_id'), ['project_id'], unique=False)

    op.create_table('project_event',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['person.id'], name=op.f('fk_project_event_actor_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_project_event_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_event_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_event'))
    )
    with op.batch_alter_table('project_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_event_project_id'), ['project_id'], unique=False)

    op.create_table('project_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('milestones', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_project_plan_author_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_project_plan_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_plan_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_plan')),
    sa.UniqueConstraint('project_id', 'number', name=op.f('uq_project_plan_project_id_number'))
    )
    with op.batch_alter_table('project_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_plan_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.add_column(sa.Column('done_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_milestone_done_by_id_person'), 'person', ['done_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=24), server_default='in_progress', nullable=False))
        batch_op.add_column(sa.Column('difficulty', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('topic_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('showcase', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('updated_at', storage.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_project_topic_id_project_topic'), 'project_topic', ['topic_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inspection_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_task_inspection_id'), ['inspection_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_task_inspection_id_inspection'), 'inspection', ['inspection_id'], ['id'], ondelete='CASCADE')


def downgrade() -> None:
    # The older release treats every active project as approved: projects never approved leave with the lifecycle.
    op.execute("DELETE FROM project WHERE status IN ('declared', 'returned')")
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_task_inspection_id_inspection'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_task_inspection_id'))
        batch_op.drop_column('inspection_id')

    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_topic_id_project_topic'), type_='foreignkey')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('showcase')
        batch_op.drop_column('topic_id')
        batch_op.drop_column('difficulty')
        batch_op.drop_column('status')

    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_milestone_done_by_id_person'), type_='foreignkey')
        batch_op.drop_column('done_by_id')

    with op.batch_alter_table('project_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_plan_project_id'))

    op.drop_table('project_plan')
    with op.batch_alter_table('project_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_event_project_id'))

    op.drop_table('project_event')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_project_id'))

    op.drop_table('inspection')
    with op.batch_alter_table('project_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_topic_township_id'))

    op.drop_table('project_topic')
    with op.batch_alter_table('weight_factor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_weight_factor_township_id'))

    op.drop_table('weight_factor')
