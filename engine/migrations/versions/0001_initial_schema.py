"""initial schema: projects, processes, work items, audit, timers

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 02:43:46.786900
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('department',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_department')),
    sa.UniqueConstraint('name', name=op.f('uq_department_name'))
    )
    op.create_table('process_spec',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('files', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('published_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_process_spec')),
    sa.UniqueConstraint('sha256', name=op.f('uq_process_spec_sha256')),
    sa.UniqueConstraint('version', name=op.f('uq_process_spec_version'))
    )
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('organisation', sa.String(length=120), nullable=True),
    sa.Column('password_hash', sa.String(length=256), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_user_account_department_code_department')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_account_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_account_role'), ['role'], unique=False)

    op.create_table('project',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('owner_name', sa.String(length=200), nullable=False),
    sa.Column('site_address', sa.String(length=300), nullable=False),
    sa.Column('registered_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_project_owner_id_user_account')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_project'))
    )
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_owner_id'), ['owner_id'], unique=False)

    op.create_table('process_instance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('process_id', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('state', sa.Text(), nullable=False),
    sa.Column('serializer_version', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('revision', sa.String(length=32), nullable=False),
    sa.Column('created_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_process_instance_project_code_project')),
    sa.ForeignKeyConstraint(['spec_id'], ['process_spec.id'], name=op.f('fk_process_instance_spec_id_process_spec')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_process_instance')),
    sa.UniqueConstraint('project_code', 'kind', name=op.f('uq_process_instance_project_code_kind'))
    )
    with op.batch_alter_table('process_instance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_process_instance_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_process_instance_status'), ['status'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chain', sa.String(length=60), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=80), nullable=False),
    sa.Column('acting_for_id', sa.Integer(), nullable=True),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('task_name', sa.String(length=120), nullable=True),
    sa.Column('status_before', sa.String(length=24), nullable=True),
    sa.Column('status_after', sa.String(length=24), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=True),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['acting_for_id'], ['user_account.id'], name=op.f('fk_audit_event_acting_for_id_user_account')),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_audit_event_actor_id_user_account')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_audit_event_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_audit_event_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event')),
    sa.UniqueConstraint('chain', 'seq', name=op.f('uq_audit_event_chain_seq'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_project_code'), ['project_code'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('bpmn_id', sa.String(length=80), nullable=False),
    sa.Column('task_name', sa.String(length=120), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('item', sa.String(length=60), nullable=True),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('form_key', sa.String(length=60), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=False),
    sa.Column('acting_for', sa.Integer(), nullable=True),
    sa.Column('decided_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['acting_for'], ['user_account.id'], name=op.f('fk_decision_acting_for_user_account')),
    sa.ForeignKeyConstraint(['decided_by'], ['user_account.id'], name=op.f('fk_decision_decided_by_user_account')),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_decision_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_decision_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_decision_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_task_id'), ['task_id'], unique=False)

    op.create_table('stage_application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('form_key', sa.String(length=60), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=False),
    sa.Column('acting_for', sa.Integer(), nullable=True),
    sa.Column('submitted_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['acting_for'], ['user_account.id'], name=op.f('fk_stage_application_acting_for_user_account')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_stage_application_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_stage_application_project_code_project')),
    sa.ForeignKeyConstraint(['submitted_by'], ['user_account.id'], name=op.f('fk_stage_application_submitted_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_application')),
    sa.UniqueConstraint('instance_id', 'stage', 'round', name=op.f('uq_stage_application_instance_id_stage_round'))
    )
    with op.batch_alter_table('stage_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_application_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stage_application_project_code'), ['project_code'], unique=False)

    op.create_table('supplement_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('task_name', sa.String(length=120), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('materials', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('requested_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('supplied_materials', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('supplied_note', sa.Text(), nullable=True),
    sa.Column('supplied_by', sa.Integer(), nullable=True),
    sa.Column('supplied_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_supplement_request_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_supplement_request_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_supplement_request_project_code_project')),
    sa.ForeignKeyConstraint(['requested_by'], ['user_account.id'], name=op.f('fk_supplement_request_requested_by_user_account')),
    sa.ForeignKeyConstraint(['supplied_by'], ['user_account.id'], name=op.f('fk_supplement_request_supplied_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supplement_request'))
    )
    with op.batch_alter_table('supplement_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supplement_request_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supplement_request_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_supplement_request_task_id'), ['task_id'], unique=False)

    op.create_table('timer',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('bpmn_id', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('due_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_timer_instance_id_process_instance')),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_timer'))
    )
    with op.batch_alter_table('timer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timer_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_timer_instance_id'), ['instance_id'], unique=False)

    op.create_table('work_item',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('bpmn_id', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('lane', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('form_key', sa.String(length=60), nullable=False),
    sa.Column('item', sa.String(length=60), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('claimed_by', sa.Integer(), nullable=True),
    sa.Column('claimed_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('since', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claimed_by'], ['user_account.id'], name=op.f('fk_work_item_claimed_by_user_account')),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_work_item_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_work_item_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_work_item_project_code_project')),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_work_item'))
    )
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_item_claimed_by'), ['claimed_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_item_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_item_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_item_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_item_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_item_since'), ['since'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_item_since'))
        batch_op.drop_index(batch_op.f('ix_work_item_role'))
        batch_op.drop_index(batch_op.f('ix_work_item_project_code'))
        batch_op.drop_index(batch_op.f('ix_work_item_instance_id'))
        batch_op.drop_index(batch_op.f('ix_work_item_department_code'))
        batch_op.drop_index(batch_op.f('ix_work_item_claimed_by'))

    op.drop_table('work_item')
    with op.batch_alter_table('timer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timer_instance_id'))
        batch_op.drop_index(batch_op.f('ix_timer_due_at'))

    op.drop_table('timer')
    with op.batch_alter_table('supplement_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supplement_request_task_id'))
        batch_op.drop_index(batch_op.f('ix_supplement_request_project_code'))
        batch_op.drop_index(batch_op.f('ix_supplement_request_instance_id'))

    op.drop_table('supplement_request')
    with op.batch_alter_table('stage_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_application_project_code'))
        batch_op.drop_index(batch_op.f('ix_stage_application_instance_id'))

    op.drop_table('stage_application')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_task_id'))
        batch_op.drop_index(batch_op.f('ix_decision_project_code'))
        batch_op.drop_index(batch_op.f('ix_decision_instance_id'))

    op.drop_table('decision')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_project_code'))
        batch_op.drop_index(batch_op.f('ix_audit_event_instance_id'))

    op.drop_table('audit_event')
    with op.batch_alter_table('process_instance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_process_instance_status'))
        batch_op.drop_index(batch_op.f('ix_process_instance_project_code'))

    op.drop_table('process_instance')
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_owner_id'))
        batch_op.drop_index(batch_op.f('ix_project_category'))

    op.drop_table('project')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_role'))
        batch_op.drop_index(batch_op.f('ix_user_account_department_code'))

    op.drop_table('user_account')
    op.drop_table('process_spec')
    op.drop_table('department')
