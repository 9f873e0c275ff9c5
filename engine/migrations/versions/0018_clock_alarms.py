"""clock_alarm: clocks without deadline timers that went 逾期 (audited once)

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-07 19:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'clock_alarm',
        sa.Column('clock_key', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('project_code', sa.String(length=32), nullable=False),
        sa.Column('recorded_at', engine.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_clock_alarm_project_code_project')),
        sa.PrimaryKeyConstraint('clock_key', 'kind', name=op.f('pk_clock_alarm')),
    )
    with op.batch_alter_table('clock_alarm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_alarm_project_code'), ['project_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('clock_alarm', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_alarm_project_code'))
    op.drop_table('clock_alarm')
