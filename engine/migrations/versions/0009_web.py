"""work_item: an index for the desks' inboxes (role, department, arrival order)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 04:45:00.000000
"""

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_work_item_queue', 'work_item', ['role', 'department_code', 'since'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_work_item_queue', table_name='work_item')
