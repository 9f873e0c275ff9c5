"""item catalogue and time-limit rules; a project is bound to the rule in force at its first acceptance

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 05:00:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from engine.types import UtcDateTime

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'catalogue_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=60), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('department_code', sa.String(length=40), nullable=False),
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('stage', sa.Integer(), nullable=False),
        sa.Column('phase', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('committed_days', sa.Integer(), nullable=False),
        sa.Column('joint_review', sa.Boolean(), nullable=False),
        sa.Column('commitment_allowed', sa.Boolean(), nullable=False),
        sa.Column('tolerance_allowed', sa.Boolean(), nullable=False),
        sa.Column('materials', JSON, nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('valid_from', UtcDateTime(timezone=True), nullable=False),
        sa.Column('retired_at', UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_catalogue_item_category_stage', 'catalogue_item', ['category', 'stage'])
    op.create_table(
        'time_limit_rule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('category', sa.String(length=40), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('total_days', sa.Integer(), nullable=False),
        sa.Column('stage_days', JSON, nullable=False),
        sa.Column('created_at', UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_time_limit_rule_category', 'time_limit_rule', ['category'])
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_limit_rule_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_project_time_limit_rule', 'time_limit_rule', ['time_limit_rule_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_constraint('fk_project_time_limit_rule', type_='foreignkey')
        batch_op.drop_column('time_limit_rule_id')
    op.drop_index('ix_time_limit_rule_category', table_name='time_limit_rule')
    op.drop_table('time_limit_rule')
    op.drop_index('ix_catalogue_item_category_stage', table_name='catalogue_item')
    op.drop_table('catalogue_item')
