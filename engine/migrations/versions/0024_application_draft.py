"""application_draft: the saved answers of a stage application before it is submitted (task list)

Revision ID: 0024_application_draft
Revises: 0021
Create Date: 2026-12-07 21:50:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0024_application_draft'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('application_draft',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('form_key', sa.String(length=60), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('saved_by', sa.Integer(), nullable=False),
    sa.Column('saved_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_application_draft_project_code_project')),
    sa.ForeignKeyConstraint(['saved_by'], ['user_account.id'], name=op.f('fk_application_draft_saved_by_user_account')),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_application_draft'))
    )
    with op.batch_alter_table('application_draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_draft_project_code'), ['project_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('application_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_draft_project_code'))

    op.drop_table('application_draft')
