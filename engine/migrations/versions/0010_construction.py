"""construction: phase permits, comprehensive permit orders and licences, 多测合一, 竣工验收备案 deadlines

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-22 04:12:06.352915
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('completion_filing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('opinion_number', sa.String(length=40), nullable=False),
    sa.Column('opinion_issued_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('filed_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('filed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['filed_by'], ['user_account.id'], name=op.f('fk_completion_filing_filed_by_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_completion_filing_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_completion_filing')),
    sa.UniqueConstraint('project_code', name=op.f('uq_completion_filing_project_code'))
    )
    with op.batch_alter_table('completion_filing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_completion_filing_due_on'), ['due_on'], unique=False)

    op.create_table('survey_commission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('firm_id', sa.Integer(), nullable=False),
    sa.Column('surveys', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('commissioned_by', sa.Integer(), nullable=False),
    sa.Column('commissioned_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commissioned_by'], ['user_account.id'], name=op.f('fk_survey_commission_commissioned_by_user_account')),
    sa.ForeignKeyConstraint(['firm_id'], ['user_account.id'], name=op.f('fk_survey_commission_firm_id_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_survey_commission_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_commission')),
    sa.UniqueConstraint('project_code', name=op.f('uq_survey_commission_project_code'))
    )
    with op.batch_alter_table('survey_commission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_commission_firm_id'), ['firm_id'], unique=False)

    op.create_table('survey_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commission_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('figures', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('uploaded_by', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commission_id'], ['survey_commission.id'], name=op.f('fk_survey_result_commission_id_survey_commission')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_survey_result_project_code_project')),
    sa.ForeignKeyConstraint(['uploaded_by'], ['user_account.id'], name=op.f('fk_survey_result_uploaded_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_result')),
    sa.UniqueConstraint('commission_id', name=op.f('uq_survey_result_commission_id')),
    sa.UniqueConstraint('number', name=op.f('uq_survey_result_number')),
    sa.UniqueConstraint('project_code', name=op.f('uq_survey_result_project_code'))
    )
    op.create_table('comprehensive_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('licences', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('form', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=False),
    sa.Column('acting_for', sa.Integer(), nullable=True),
    sa.Column('submitted_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['acting_for'], ['user_account.id'], name=op.f('fk_comprehensive_order_acting_for_user_account')),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_comprehensive_order_certificate_id_certificate')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_comprehensive_order_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_comprehensive_order_project_code_project')),
    sa.ForeignKeyConstraint(['submitted_by'], ['user_account.id'], name=op.f('fk_comprehensive_order_submitted_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comprehensive_order')),
    sa.UniqueConstraint('instance_id', name=op.f('uq_comprehensive_order_instance_id'))
    )
    with op.batch_alter_table('comprehensive_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comprehensive_order_project_code'), ['project_code'], unique=False)

    op.create_table('phase_permit_application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('phase', sa.String(length=40), nullable=False),
    sa.Column('materials', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('materials_from_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('submitted_by', sa.Integer(), nullable=False),
    sa.Column('acting_for', sa.Integer(), nullable=True),
    sa.Column('submitted_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('commitment_confirmed_by', sa.Integer(), nullable=True),
    sa.Column('commitment_confirmed_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('main_number', sa.String(length=40), nullable=True),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.Column('issued_by', sa.Integer(), nullable=True),
    sa.Column('issued_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['acting_for'], ['user_account.id'], name=op.f('fk_phase_permit_application_acting_for_user_account')),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_phase_permit_application_certificate_id_certificate')),
    sa.ForeignKeyConstraint(['commitment_confirmed_by'], ['user_account.id'], name=op.f('fk_phase_permit_application_commitment_confirmed_by_user_account')),
    sa.ForeignKeyConstraint(['issued_by'], ['user_account.id'], name=op.f('fk_phase_permit_application_issued_by_user_account')),
    sa.ForeignKeyConstraint(['materials_from_id'], ['phase_permit_application.id'], name=op.f('fk_phase_permit_application_materials_from_id_phase_permit_application')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_phase_permit_application_project_code_project')),
    sa.ForeignKeyConstraint(['submitted_by'], ['user_account.id'], name=op.f('fk_phase_permit_application_submitted_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_permit_application')),
    sa.UniqueConstraint('project_code', 'phase', name=op.f('uq_phase_permit_application_project_code_phase'))
    )
    with op.batch_alter_table('phase_permit_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phase_permit_application_project_code'), ['project_code'], unique=False)

    op.create_table('survey_result_use',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('used_by', sa.Integer(), nullable=False),
    sa.Column('used_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_survey_result_use_department_code_department')),
    sa.ForeignKeyConstraint(['result_id'], ['survey_result.id'], name=op.f('fk_survey_result_use_result_id_survey_result')),
    sa.ForeignKeyConstraint(['used_by'], ['user_account.id'], name=op.f('fk_survey_result_use_used_by_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_result_use')),
    sa.UniqueConstraint('result_id', 'department_code', name=op.f('uq_survey_result_use_result_id_department_code'))
    )
    with op.batch_alter_table('survey_result_use', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_result_use_result_id'), ['result_id'], unique=False)

    op.create_table('comprehensive_licence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('licence', sa.String(length=60), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('granted_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_comprehensive_licence_department_code_department')),
    sa.ForeignKeyConstraint(['order_id'], ['comprehensive_order.id'], name=op.f('fk_comprehensive_licence_order_id_comprehensive_order')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_comprehensive_licence_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comprehensive_licence')),
    sa.UniqueConstraint('number', name=op.f('uq_comprehensive_licence_number')),
    sa.UniqueConstraint('project_code', 'licence', name=op.f('uq_comprehensive_licence_project_code_licence'))
    )
    with op.batch_alter_table('comprehensive_licence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comprehensive_licence_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comprehensive_licence_project_code'), ['project_code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('completion_filing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_completion_filing_due_on'))

    op.drop_table('completion_filing')
    with op.batch_alter_table('comprehensive_licence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comprehensive_licence_project_code'))
        batch_op.drop_index(batch_op.f('ix_comprehensive_licence_order_id'))

    op.drop_table('comprehensive_licence')
    with op.batch_alter_table('survey_result_use', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_result_use_result_id'))

    op.drop_table('survey_result_use')
    with op.batch_alter_table('phase_permit_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phase_permit_application_project_code'))

    op.drop_table('phase_permit_application')
    with op.batch_alter_table('comprehensive_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comprehensive_order_project_code'))

    op.drop_table('comprehensive_order')
    op.drop_table('survey_result')
    with op.batch_alter_table('survey_commission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_commission_firm_id'))

    op.drop_table('survey_commission')
