"""special procedures (特别程序) and deadline extensions (延期) on items; the 补正 period of a correction notice

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-07 16:01:09.901387
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deadline_extension',
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('requested_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('deadline_before', sa.Date(), nullable=True),
    sa.Column('deadline_after', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('task_name', sa.String(length=120), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['decided_by'], ['user_account.id'], name=op.f('fk_deadline_extension_decided_by_user_account')),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_deadline_extension_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_deadline_extension_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_deadline_extension_project_code_project')),
    sa.ForeignKeyConstraint(['requested_by'], ['user_account.id'], name=op.f('fk_deadline_extension_requested_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_extension'))
    )
    with op.batch_alter_table('deadline_extension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_extension_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_extension_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_extension_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_extension_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_extension_task_id'), ['task_id'], unique=False)

    op.create_table('special_procedure',
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('limit_days', sa.Integer(), nullable=False),
    sa.Column('started_by', sa.Integer(), nullable=False),
    sa.Column('started_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('ended_by', sa.Integer(), nullable=True),
    sa.Column('ended_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('task_name', sa.String(length=120), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_special_procedure_department_code_department')),
    sa.ForeignKeyConstraint(['ended_by'], ['user_account.id'], name=op.f('fk_special_procedure_ended_by_user_account')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_special_procedure_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_special_procedure_project_code_project')),
    sa.ForeignKeyConstraint(['started_by'], ['user_account.id'], name=op.f('fk_special_procedure_started_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_special_procedure'))
    )
    with op.batch_alter_table('special_procedure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_special_procedure_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_special_procedure_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_special_procedure_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_special_procedure_task_id'), ['task_id'], unique=False)



    with op.batch_alter_table('supplement_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('due_at', engine.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('lapsed_at', engine.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_supplement_request_due_at'), ['due_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('supplement_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supplement_request_due_at'))
        batch_op.drop_column('lapsed_at')
        batch_op.drop_column('due_at')
    with op.batch_alter_table('special_procedure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_special_procedure_task_id'))
        batch_op.drop_index(batch_op.f('ix_special_procedure_project_code'))
        batch_op.drop_index(batch_op.f('ix_special_procedure_instance_id'))
        batch_op.drop_index(batch_op.f('ix_special_procedure_department_code'))

    op.drop_table('special_procedure')
    with op.batch_alter_table('deadline_extension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_extension_task_id'))
        batch_op.drop_index(batch_op.f('ix_deadline_extension_status'))
        batch_op.drop_index(batch_op.f('ix_deadline_extension_project_code'))
        batch_op.drop_index(batch_op.f('ix_deadline_extension_instance_id'))
        batch_op.drop_index(batch_op.f('ix_deadline_extension_department_code'))

    op.drop_table('deadline_extension')
