"""case_migration: running cases moved to newer models (版本迁移), reversible until their next action

Revision ID: 0023
Revises: 0020
Create Date: 2026-12-07 19:23:47.555443
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0023'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_migration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch', sa.String(length=32), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('from_spec_id', sa.Integer(), nullable=False),
    sa.Column('to_spec_id', sa.Integer(), nullable=False),
    sa.Column('stages', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('revision_after', sa.String(length=32), nullable=False),
    sa.Column('migrated_by', sa.Integer(), nullable=False),
    sa.Column('migrated_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('reverted_by', sa.Integer(), nullable=True),
    sa.Column('reverted_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['from_spec_id'], ['process_spec.id'], name=op.f('fk_case_migration_from_spec_id_process_spec')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_case_migration_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['migrated_by'], ['user_account.id'], name=op.f('fk_case_migration_migrated_by_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_case_migration_project_code_project')),
    sa.ForeignKeyConstraint(['reverted_by'], ['user_account.id'], name=op.f('fk_case_migration_reverted_by_user_account')),
    sa.ForeignKeyConstraint(['to_spec_id'], ['process_spec.id'], name=op.f('fk_case_migration_to_spec_id_process_spec')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_migration'))
    )
    with op.batch_alter_table('case_migration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_migration_batch'), ['batch'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_migration_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_migration_project_code'), ['project_code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('case_migration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_migration_project_code'))
        batch_op.drop_index(batch_op.f('ix_case_migration_instance_id'))
        batch_op.drop_index(batch_op.f('ix_case_migration_batch'))

    op.drop_table('case_migration')
