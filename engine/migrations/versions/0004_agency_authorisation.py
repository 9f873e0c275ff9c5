"""agency authorisations (帮办代办 授权委托)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 03:20:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import engine.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency_authorisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('stages', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('acts', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('valid_from', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('valid_to', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('granted_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['agent_id'], ['user_account.id'], name=op.f('fk_agency_authorisation_agent_id_user_account')),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_agency_authorisation_owner_id_user_account')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_agency_authorisation_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_authorisation'))
    )
    with op.batch_alter_table('agency_authorisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_authorisation_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_authorisation_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_authorisation_project_code'), ['project_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('agency_authorisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_authorisation_project_code'))
        batch_op.drop_index(batch_op.f('ix_agency_authorisation_owner_id'))
        batch_op.drop_index(batch_op.f('ix_agency_authorisation_agent_id'))

    op.drop_table('agency_authorisation')
