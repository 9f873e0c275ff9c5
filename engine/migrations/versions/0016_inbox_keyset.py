"""work_item: the inbox index in keyset order (role, department, since, task id), covering its filters

Revision ID: 0016
Revises: 0017
Create Date: 2026-12-07 16:20:00.000000

The desks' inboxes page by position ``(since, task_id) > (…)`` and count at most 1,001 index entries; on
PostgreSQL the index also carries the filter columns (stage, status, claimed_by, project_code) so both
the count and the position lookup are index-only scans. Replaces ``ix_work_item_queue`` (a prefix of it).
"""

from alembic import op

revision = '0016'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_work_item_inbox', 'work_item', ['role', 'department_code', 'since', 'task_id'],
                    unique=False, postgresql_include=['stage', 'status', 'claimed_by', 'project_code'])
    op.drop_index('ix_work_item_queue', table_name='work_item')


def downgrade() -> None:
    op.create_index('ix_work_item_queue', 'work_item', ['role', 'department_code', 'since'], unique=False)
    op.drop_index('ix_work_item_inbox', table_name='work_item')
