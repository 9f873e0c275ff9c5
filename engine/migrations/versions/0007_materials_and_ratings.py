"""materials (申请材料, content-addressed blobs) and service ratings (好差评, 整改回访)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 04:12:35.962831
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('material_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=80), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_material_blob'))
    )
    op.create_table('material',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('requirement', sa.String(length=200), nullable=True),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=80), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=False),
    sa.Column('acting_for', sa.Integer(), nullable=True),
    sa.Column('uploaded_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('removed_by', sa.Integer(), nullable=True),
    sa.Column('removed_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['acting_for'], ['user_account.id'], name=op.f('fk_material_acting_for_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_material_project_code_project')),
    sa.ForeignKeyConstraint(['removed_by'], ['user_account.id'], name=op.f('fk_material_removed_by_user_account')),
    sa.ForeignKeyConstraint(['sha256'], ['material_blob.sha256'], name=op.f('fk_material_sha256_material_blob')),
    sa.ForeignKeyConstraint(['uploaded_by'], ['user_account.id'], name=op.f('fk_material_uploaded_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_material'))
    )
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_material_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_material_sha256'), ['sha256'], unique=False)

    op.create_table('service_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('level', sa.String(length=24), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('rated_by', sa.Integer(), nullable=False),
    sa.Column('rated_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_service_rating_project_code_project')),
    sa.ForeignKeyConstraint(['rated_by'], ['user_account.id'], name=op.f('fk_service_rating_rated_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_rating')),
    sa.UniqueConstraint('project_code', 'stage', name=op.f('uq_service_rating_project_code_stage'))
    )
    with op.batch_alter_table('service_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_rating_project_code'), ['project_code'], unique=False)

    op.create_table('rating_follow_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rating_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('opened_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.Column('closed_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['closed_by'], ['user_account.id'], name=op.f('fk_rating_follow_up_closed_by_user_account')),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_rating_follow_up_department_code_department')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_rating_follow_up_project_code_project')),
    sa.ForeignKeyConstraint(['rating_id'], ['service_rating.id'], name=op.f('fk_rating_follow_up_rating_id_service_rating')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating_follow_up')),
    sa.UniqueConstraint('rating_id', name=op.f('uq_rating_follow_up_rating_id'))
    )
    with op.batch_alter_table('rating_follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rating_follow_up_department_code'), ['department_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_rating_follow_up_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_rating_follow_up_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('rating_follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rating_follow_up_status'))
        batch_op.drop_index(batch_op.f('ix_rating_follow_up_project_code'))
        batch_op.drop_index(batch_op.f('ix_rating_follow_up_department_code'))

    op.drop_table('rating_follow_up')
    with op.batch_alter_table('service_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_rating_project_code'))

    op.drop_table('service_rating')
    with op.batch_alter_table('material', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_material_sha256'))
        batch_op.drop_index(batch_op.f('ix_material_project_code'))

    op.drop_table('material')
    op.drop_table('material_blob')
