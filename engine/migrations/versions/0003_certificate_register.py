"""certificate register and number counters

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 03:10:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certificate_counter',
    sa.Column('series', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('series', 'period', name=op.f('pk_certificate_counter'))
    )
    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.String(length=60), nullable=True),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('issuing_authority', sa.String(length=120), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('issued_by', sa.Integer(), nullable=True),
    sa.Column('issued_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status_changed_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revocation_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_certificate_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_certificate_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['issued_by'], ['user_account.id'], name=op.f('fk_certificate_issued_by_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_certificate_project_code_project')),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['certificate.id'], name=op.f('fk_certificate_superseded_by_id_certificate')),
    sa.ForeignKeyConstraint(['supersedes_id'], ['certificate.id'], name=op.f('fk_certificate_supersedes_id_certificate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('number', name=op.f('uq_certificate_number'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_project_code'), ['project_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_status'))
        batch_op.drop_index(batch_op.f('ix_certificate_project_code'))
        batch_op.drop_index(batch_op.f('ix_certificate_kind'))
        batch_op.drop_index(batch_op.f('ix_certificate_instance_id'))

    op.drop_table('certificate')
    op.drop_table('certificate_counter')
