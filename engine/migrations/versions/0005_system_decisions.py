"""decisions taken by the system (超时默许): decision.decided_by may be NULL

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 04:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.alter_column('decided_by', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.alter_column('decided_by', existing_type=sa.Integer(), nullable=False)
