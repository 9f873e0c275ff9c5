"""work_item: when each item turns 预警 and 逾期, so inboxes show and sort by deadline; supplement_request:
the window's 一次性告知书 number; result_handover: 统一出件 records

Revision ID: 0015
Revises: 0023
Create Date: 2026-12-07 16:00:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0015'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('work_item') as batch:
        batch.add_column(sa.Column('warn_at', engine.types.UtcDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('due_at', engine.types.UtcDateTime(timezone=True), nullable=True))
    op.create_index('ix_work_item_due', 'work_item', ['role', 'department_code', 'due_at', 'task_id'], unique=False)
    op.create_table('result_handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('numbers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('received_by', sa.String(length=80), nullable=False),
    sa.Column('handed_by', sa.Integer(), nullable=False),
    sa.Column('handed_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['handed_by'], ['user_account.id'], name=op.f('fk_result_handover_handed_by_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_result_handover_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result_handover')),
    sa.UniqueConstraint('project_code', 'stage', name='uq_result_handover_project_code_stage')
    )
    op.create_index(op.f('ix_result_handover_project_code'), 'result_handover', ['project_code'], unique=False)
    with op.batch_alter_table('supplement_request') as batch:
        batch.add_column(sa.Column('notice_number', sa.String(length=40), nullable=True))


def downgrade() -> None:
    op.drop_index(op.f('ix_result_handover_project_code'), table_name='result_handover')
    op.drop_table('result_handover')
    with op.batch_alter_table('supplement_request') as batch:
        batch.drop_column('notice_number')
    op.drop_index('ix_work_item_due', table_name='work_item')
    with op.batch_alter_table('work_item') as batch:
        batch.drop_column('due_at')
        batch.drop_column('warn_at')
