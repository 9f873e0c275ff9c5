"""server-side sign-in sessions, the shared sign-in failure count, credit records tied to a 告知承诺 case

Revision ID: 0013
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sa.String(length=64), nullable=False),
    sa.Column('started_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sign_in_session_user_id_user_account')),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_sign_in_session')))
    op.create_index(op.f('ix_sign_in_session_user_id'), 'sign_in_session', ['user_id'])
    op.create_table('sign_in_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('failed_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_failure')))
    op.create_index(op.f('ix_sign_in_failure_key_hash'), 'sign_in_failure', ['key_hash'])
    with op.batch_alter_table('credit_record') as batch:
        batch.add_column(sa.Column('commitment_case_id', sa.Integer(), nullable=True))
        batch.create_index(batch.f('ix_credit_record_commitment_case_id'), ['commitment_case_id'])
        batch.create_foreign_key(batch.f('fk_credit_record_commitment_case_id_commitment_case'), 'commitment_case',
                                 ['commitment_case_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('credit_record') as batch:
        batch.drop_constraint(batch.f('fk_credit_record_commitment_case_id_commitment_case'), type_='foreignkey')
        batch.drop_index(batch.f('ix_credit_record_commitment_case_id'))
        batch.drop_column('commitment_case_id')
    op.drop_index(op.f('ix_sign_in_failure_key_hash'), table_name='sign_in_failure')
    op.drop_table('sign_in_failure')
    op.drop_index(op.f('ix_sign_in_session_user_id'), table_name='sign_in_session')
    op.drop_table('sign_in_session')
