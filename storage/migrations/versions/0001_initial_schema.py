"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 13:53:29.707449
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.models.base

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('inbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('message_key', sa.String(length=200), nullable=False),
    sa.Column('chat_id', sa.String(length=128), nullable=False),
    sa.Column('sender_id', sa.String(length=128), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('received_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('processed_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inbox')),
    sa.UniqueConstraint('platform', 'message_key', name=op.f('uq_inbox_platform_message_key'))
    )
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.create_index('ix_inbox_pending', ['status', 'id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.String(length=128), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_try_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('platform_message_id', sa.String(length=128), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('key', name=op.f('uq_outbox_key'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['status', 'next_try_at'], unique=False)

    op.create_table('scheduled_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=64), nullable=False),
    sa.Column('period', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('started_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scheduled_run')),
    sa.UniqueConstraint('job', 'scope', 'period', name=op.f('uq_scheduled_run_job_scope_period'))
    )
    op.create_table('township',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('county', sa.String(length=64), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('next_task_no', sa.Integer(), nullable=False),
    sa.Column('next_issue_no', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_township')),
    sa.UniqueConstraint('name', name=op.f('uq_township_name'))
    )
    op.create_table('village',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_village_township_id_township'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_village')),
    sa.UniqueConstraint('township_id', 'name', name=op.f('uq_village_township_id_name'))
    )
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_village_township_id'), ['township_id'], unique=False)

    op.create_table('grid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_grid_village_id_village'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grid')),
    sa.UniqueConstraint('village_id', 'name', name=op.f('uq_grid_village_id_name'))
    )
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_village_id'), ['village_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=64), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_person_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_person_village_id_village'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('township_id', 'name', name=op.f('uq_person_township_id_name'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_township_id'), ['township_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['person.id'], name=op.f('fk_audit_log_actor_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('chat_binding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('chat_id', sa.String(length=128), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('bound_by_id', sa.Integer(), nullable=True),
    sa.Column('bound_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bound_by_id'], ['person.id'], name=op.f('fk_chat_binding_bound_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_chat_binding_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_chat_binding_village_id_village'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_binding')),
    sa.UniqueConstraint('platform', 'chat_id', name=op.f('uq_chat_binding_platform_chat_id'))
    )
    with op.batch_alter_table('chat_binding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_binding_township_id'), ['township_id'], unique=False)

    op.create_table('identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('platform', sa.String(length=16), nullable=False),
    sa.Column('platform_user_id', sa.String(length=128), nullable=False),
    sa.Column('linked_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_identity_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity')),
    sa.UniqueConstraint('platform', 'platform_user_id', name=op.f('uq_identity_platform_platform_user_id'))
    )
    with op.batch_alter_table('identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_person_id'), ['person_id'], unique=False)

    op.create_table('issue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('grid_id', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('due_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('repeat_of_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_issue_grid_id_grid'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['repeat_of_id'], ['issue.id'], name=op.f('fk_issue_repeat_of_id_issue'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reporter_id'], ['person.id'], name=op.f('fk_issue_reporter_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_issue_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_issue_village_id_village'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issue')),
    sa.UniqueConstraint('township_id', 'number', name=op.f('uq_issue_township_id_number'))
    )
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_village_id'), ['village_id'], unique=False)

    op.create_table('person_grid',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], name=op.f('fk_person_grid_grid_id_grid'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_person_grid_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'grid_id', name=op.f('pk_person_grid'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('weight', sa.Double(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_project_owner_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_project_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_project_village_id_village'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('township_id', 'code', name=op.f('uq_project_township_id_code'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_township_id'), ['township_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_village_id'), ['village_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('township_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('assigner_id', sa.Integer(), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('village_id', sa.Integer(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('verified_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['assignee_id'], ['person.id'], name=op.f('fk_task_assignee_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['assigner_id'], ['person.id'], name=op.f('fk_task_assigner_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['township_id'], ['township.id'], name=op.f('fk_task_township_id_township'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_task_village_id_village'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task')),
    sa.UniqueConstraint('township_id', 'number', name=op.f('uq_task_township_id_number'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_assignee_id'), ['assignee_id'], unique=False)

    op.create_table('invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('used_by_identity_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_invite_person_id_person'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['used_by_identity_id'], ['identity.id'], name=op.f('fk_invite_used_by_identity_id_identity'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invite')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_invite_code_hash'))
    )
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_person_id'), ['person_id'], unique=False)

    op.create_table('issue_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['person.id'], name=op.f('fk_issue_event_actor_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_issue_event_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['issue_id'], ['issue.id'], name=op.f('fk_issue_event_issue_id_issue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issue_event'))
    )
    with op.batch_alter_table('issue_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_event_issue_id'), ['issue_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done_at', storage.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_milestone_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone')),
    sa.UniqueConstraint('project_id', 'title', name=op.f('uq_milestone_project_id_title'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_project_id'), ['project_id'], unique=False)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('village_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('done', sa.Text(), nullable=True),
    sa.Column('problems', sa.Text(), nullable=True),
    sa.Column('next_plan', sa.Text(), nullable=True),
    sa.Column('amounts', sa.JSON(), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_report_project_id_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_id'], ['person.id'], name=op.f('fk_report_reporter_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], name=op.f('fk_report_village_id_village'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report')),
    sa.UniqueConstraint('project_id', 'period', name=op.f('uq_report_project_id_period'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_village_id'), ['village_id'], unique=False)

    op.create_table('task_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['person.id'], name=op.f('fk_task_event_actor_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_task_event_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_task_event_task_id_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_event'))
    )
    with op.batch_alter_table('task_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_event_task_id'), ['task_id'], unique=False)

    op.create_table('report_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('raw_text', sa.Text(), nullable=True),
    sa.Column('inbox_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_report_revision_author_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inbox_id'], ['inbox.id'], name=op.f('fk_report_revision_inbox_id_inbox'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_revision_report_id_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_revision')),
    sa.UniqueConstraint('report_id', 'number', name=op.f('uq_report_revision_report_id_number'))
    )
    with op.batch_alter_table('report_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_revision_report_id'), ['report_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_revision_report_id'))

    op.drop_table('report_revision')
    with op.batch_alter_table('task_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_event_task_id'))

    op.drop_table('task_event')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_village_id'))
        batch_op.drop_index(batch_op.f('ix_report_period'))

    op.drop_table('report')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_project_id'))

    op.drop_table('milestone')
    with op.batch_alter_table('issue_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_event_issue_id'))

    op.drop_table('issue_event')
    with op.batch_alter_table('invite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_person_id'))

    op.drop_table('invite')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_assignee_id'))

    op.drop_table('task')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_village_id'))
        batch_op.drop_index(batch_op.f('ix_project_township_id'))

    op.drop_table('project')
    op.drop_table('person_grid')
    with op.batch_alter_table('issue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_village_id'))

    op.drop_table('issue')
    with op.batch_alter_table('identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_person_id'))

    op.drop_table('identity')
    with op.batch_alter_table('chat_binding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_binding_township_id'))

    op.drop_table('chat_binding')
    op.drop_table('audit_log')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_township_id'))

    op.drop_table('person')
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_village_id'))

    op.drop_table('grid')
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_village_township_id'))

    op.drop_table('village')
    op.drop_table('township')
    op.drop_table('scheduled_run')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')

    op.drop_table('outbox')
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_pending')

    op.drop_table('inbox')
