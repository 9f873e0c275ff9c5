"""work_item: when each item turns 预警 and 逾期, so inboxes show and sort by deadline; supplement_request:
the window's 一次性告知书 number and the date by which to supply

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-07 16:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0015'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('work_item') as batch:
        batch.add_column(sa.Column('warn_at', engine.types.UtcDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('due_at', engine.types.UtcDateTime(timezone=True), nullable=True))
    op.create_index('ix_work_item_due', 'work_item', ['role', 'department_code', 'due_at'], unique=False)
    with op.batch_alter_table('supplement_request') as batch:
        batch.add_column(sa.Column('notice_number', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('supply_due', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('supplement_request') as batch:
        batch.drop_column('supply_due')
        batch.drop_column('notice_number')
    op.drop_index('ix_work_item_due', table_name='work_item')
    with op.batch_alter_table('work_item') as batch:
        batch.drop_column('due_at')
        batch.drop_column('warn_at')
