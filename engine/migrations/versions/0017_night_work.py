"""night_work_permit: 夜间施工审批 applications and their permits

Revision ID: 0017
Revises: 0011
Create Date: 2026-12-07 16:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0017'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'night_work_permit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_code', sa.String(length=32), nullable=False),
        sa.Column('general_contractor', sa.String(length=100), nullable=False),
        sa.Column('contractor_credit_code', sa.String(length=18), nullable=False),
        sa.Column('works', sa.String(length=200), nullable=False),
        sa.Column('reason', sa.String(length=300), nullable=False),
        sa.Column('first_night', sa.Date(), nullable=False),
        sa.Column('last_night', sa.Date(), nullable=False),
        sa.Column('start_time', sa.String(length=5), nullable=False),
        sa.Column('end_time', sa.String(length=5), nullable=False),
        sa.Column('noise_measures', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('basis', sa.String(length=16), nullable=True),
        sa.Column('repeat_of_id', sa.Integer(), nullable=True),
        sa.Column('reviewing_department', sa.String(length=40), nullable=False),
        sa.Column('submitted_by', sa.Integer(), nullable=False),
        sa.Column('acting_for', sa.Integer(), nullable=True),
        sa.Column('submitted_at', engine.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column('decided_by', sa.Integer(), nullable=True),
        sa.Column('decided_at', engine.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column('opinion', sa.Text(), nullable=False),
        sa.Column('certificate_number', sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_night_work_permit_project_code_project')),
        sa.ForeignKeyConstraint(['repeat_of_id'], ['night_work_permit.id'],
                                name=op.f('fk_night_work_permit_repeat_of_id_night_work_permit')),
        sa.ForeignKeyConstraint(['reviewing_department'], ['department.code'],
                                name=op.f('fk_night_work_permit_reviewing_department_department')),
        sa.ForeignKeyConstraint(['submitted_by'], ['user_account.id'],
                                name=op.f('fk_night_work_permit_submitted_by_user_account')),
        sa.ForeignKeyConstraint(['acting_for'], ['user_account.id'],
                                name=op.f('fk_night_work_permit_acting_for_user_account')),
        sa.ForeignKeyConstraint(['decided_by'], ['user_account.id'],
                                name=op.f('fk_night_work_permit_decided_by_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_night_work_permit')),
    )
    op.create_index(op.f('ix_night_work_permit_project_code'), 'night_work_permit', ['project_code'])
    op.create_index(op.f('ix_night_work_permit_contractor_credit_code'), 'night_work_permit',
                    ['contractor_credit_code'])
    op.create_index(op.f('ix_night_work_permit_last_night'), 'night_work_permit', ['last_night'])
    op.create_index(op.f('ix_night_work_permit_status'), 'night_work_permit', ['status'])


def downgrade() -> None:
    op.drop_table('night_work_permit')
