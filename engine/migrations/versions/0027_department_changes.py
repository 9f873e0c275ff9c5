"""department changes: who added or renamed a department, when, and the name before and after

Revision ID: 0027_department_changes
Revises: 0026_notification
Create Date: 2026-12-07 22:55:00
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0027_department_changes'
down_revision = '0026_notification'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('department_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('name_before', sa.String(length=80), nullable=True),
    sa.Column('name_after', sa.String(length=80), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('actor_name', sa.String(length=80), nullable=False),
    sa.Column('changed_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_department_change_actor_id_user_account')),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'],
                            name=op.f('fk_department_change_department_code_department')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department_change'))
    )
    with op.batch_alter_table('department_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_change_department_code'), ['department_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('department_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_change_department_code'))
    op.drop_table('department_change')
