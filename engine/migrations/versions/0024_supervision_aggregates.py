"""supervision aggregates: 电子监察 figures kept per clock event, back-filled from the clock events

Revision ID: 0024_supervision
Revises: 0024_application_draft
Create Date: 2026-12-07 22:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

import engine.types

revision = '0024_supervision'
down_revision = '0024_application_draft'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('supervision_tally',
    sa.Column('figure', sa.String(length=12), nullable=False),
    sa.Column('group_code', sa.String(length=60), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('opened', sa.Integer(), nullable=False),
    sa.Column('closed', sa.Integer(), nullable=False),
    sa.Column('started', sa.Integer(), nullable=False),
    sa.Column('stopped', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('figure', 'group_code', 'category', 'day', name=op.f('pk_supervision_tally'))
    )
    op.create_table('supervision_open_clock',
    sa.Column('clock_key', sa.String(length=80), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('limit_days', sa.Integer(), nullable=False),
    sa.Column('started_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'],
                            name=op.f('fk_supervision_open_clock_project_code_project')),
    sa.PrimaryKeyConstraint('clock_key', name=op.f('pk_supervision_open_clock'))
    )
    with op.batch_alter_table('supervision_open_clock', schema=None) as batch_op:
        batch_op.create_index('ix_supervision_open_clock_limit_started', ['limit_days', 'started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_open_clock_project_code'), ['project_code'], unique=False)
    op.create_table('supervised_project',
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('first_started_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_supervised_project_project_code_project')),
    sa.PrimaryKeyConstraint('project_code', name=op.f('pk_supervised_project'))
    )
    with op.batch_alter_table('supervised_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervised_project_category'), ['category'], unique=False)
    op.create_table('supervised_completion',
    sa.Column('instance_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'],
                            name=op.f('fk_supervised_completion_instance_id_process_instance')),
    sa.PrimaryKeyConstraint('instance_id', name=op.f('pk_supervised_completion'))
    )
    op.create_table('supervision_parallel',
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('completed', sa.Integer(), nullable=False),
    sa.Column('parallel', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('category', name=op.f('pk_supervision_parallel'))
    )
    with op.batch_alter_table('clock_event', schema=None) as batch_op:  # the latest event: kept figures current?
        batch_op.create_index(batch_op.f('ix_clock_event_at'), ['at'], unique=False)
    from engine.supervision.rebuild import rebuild  # back-fill: the same rules as the live upkeep
    rebuild(Session(bind=op.get_bind()))


def downgrade() -> None:
    with op.batch_alter_table('clock_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_event_at'))
    for table in ('supervision_parallel', 'supervised_completion', 'supervised_project', 'supervision_open_clock',
                  'supervision_tally'):
        op.drop_table(table)
