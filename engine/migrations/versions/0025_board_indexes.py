"""board indexes: the supervision board's groups and a department's items read as index ranges (keyset)

Revision ID: 0025_board
Revises: 0024_supervision
Create Date: 2026-12-07 22:30:00
"""

from alembic import op

revision = '0025_board'
down_revision = '0024_supervision'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.create_index('ix_work_item_board_department', ['department_code', 'since', 'task_id'], unique=False)
        batch_op.create_index('ix_work_item_board_lane', ['lane', 'since', 'task_id'], unique=False)
        batch_op.create_index('ix_work_item_board_due', ['department_code', 'due_at', 'since', 'task_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.drop_index('ix_work_item_board_due')
        batch_op.drop_index('ix_work_item_board_lane')
        batch_op.drop_index('ix_work_item_board_department')
