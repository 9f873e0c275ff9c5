"""clock states: each clock's state kept beside its events (O(1) readings), back-filled from the events;
each correction notice's allowed materials (一次性告知), back-filled from the earlier rounds

Revision ID: 0028_growth
Revises: 0027_department_changes
Create Date: 2026-12-08 01:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

import engine.types

revision = '0028_growth'
down_revision = '0027_department_changes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('clock_state',
    sa.Column('clock_key', sa.String(length=80), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('project_code', sa.String(length=32), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('department_code', sa.String(length=40), nullable=True),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('last_event_id', sa.Integer(), nullable=False),
    sa.Column('calendar_key', sa.String(length=64), nullable=True),
    sa.Column('limit_days', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('status_reason', sa.String(length=40), nullable=True),
    sa.Column('resumed_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('started_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('last_at', engine.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('used_days', sa.Integer(), nullable=False),
    sa.Column('used_before_last', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('due_at_overdue', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('overdue_at', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_span_start', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_span_end', engine.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['department_code'], ['department.code'],
                            name=op.f('fk_clock_state_department_code_department')),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'],
                            name=op.f('fk_clock_state_instance_id_process_instance')),
    sa.ForeignKeyConstraint(['project_code'], ['project.code'], name=op.f('fk_clock_state_project_code_project')),
    sa.PrimaryKeyConstraint('clock_key', name=op.f('pk_clock_state'))
    )
    with op.batch_alter_table('clock_state', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_state_instance_id'), ['instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clock_state_project_code'), ['project_code'], unique=False)
    with op.batch_alter_table('supplement_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allowed_materials', engine.types.JsonDocument, nullable=True))
    _allowed_materials(op.get_bind())
    from engine.time_limits.states import rebuild_states  # back-fill: the same summary the live ledger keeps
    session = Session(bind=op.get_bind())
    rebuild_states(session)
    session.flush()


def _allowed_materials(connection: sa.Connection) -> None:
    """Each notice: its task's first notice's materials and every material supplied in an earlier round."""
    table = sa.table('supplement_request', sa.column('id', sa.Integer()), sa.column('task_id', sa.String()),
                     sa.column('materials', engine.types.JsonDocument),
                     sa.column('supplied_materials', engine.types.JsonDocument),
                     sa.column('allowed_materials', engine.types.JsonDocument))
    allowed: dict[str, set[str]] = {}
    values = []
    rows = connection.execute(sa.select(table.c.id, table.c.task_id, table.c.materials, table.c.supplied_materials)
                              .order_by(table.c.task_id, table.c.id)).all()
    for row in rows:
        current = allowed.setdefault(row.task_id, set(row.materials or []))
        values.append({"row_id": row.id, "allowed": sorted(current)})
        current.update(row.supplied_materials or [])
    if values:
        connection.execute(table.update().where(table.c.id == sa.bindparam("row_id"))
                           .values(allowed_materials=sa.bindparam("allowed")), values)


def downgrade() -> None:
    with op.batch_alter_table('supplement_request', schema=None) as batch_op:
        batch_op.drop_column('allowed_materials')
    with op.batch_alter_table('clock_state', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_state_project_code'))
        batch_op.drop_index(batch_op.f('ix_clock_state_instance_id'))
    op.drop_table('clock_state')
