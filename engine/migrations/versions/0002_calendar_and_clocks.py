"""calendar schedules and clock events

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:51:14.813568
"""

import sqlalchemy as sa
from alembic import op

import engine.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calendar_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('is_working_day', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_day'))
    )
    with op.batch_alter_table('calendar_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_day_year'), ['year'], unique=False)

    op.create_table('calendar_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('loaded_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_year'))
    )
    op.create_table('clock_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('clock_key', sa.String(length=80), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('limit_days', sa.Integer(), nullable=True),
    sa.Column('days', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'], name=op.f('fk_clock_event_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], name=op.f('fk_clock_event_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_clock_event_project_code_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_event'))
    )
    with op.batch_alter_table('clock_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_event_clock_key'), ['clock_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_clock_event_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clock_event_project_code'), ['project_code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('clock_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_event_project_code'))
        batch_op.drop_index(batch_op.f('ix_clock_event_instance_id'))
        batch_op.drop_index(batch_op.f('ix_clock_event_clock_key'))

    op.drop_table('clock_event')
    op.drop_table('calendar_year')
    with op.batch_alter_table('calendar_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_day_year'))

    op.drop_table('calendar_day')
