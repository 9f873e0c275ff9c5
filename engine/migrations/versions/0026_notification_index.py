"""notification index: a person's messages, newest first, read as an index range page by page

Revision ID: 0026_notification
Revises: 0025_board
Create Date: 2026-12-07 22:35:00
"""

from alembic import op

revision = '0026_notification'
down_revision = '0025_board'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_recipient_newest', ['recipient_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_recipient_newest')
