"""notifications: the message centre (one row per event and recipient)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 16:30:00
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('read_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['recipient_id'], ['user_account.id'],
                            name=op.f('fk_notification_recipient_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_recipient_unread', ['recipient_id', 'read_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_recipient_unread')
    op.drop_table('notification')
