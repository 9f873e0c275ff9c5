"""certificate: the PDF is rendered after issuance commits; the data's digest is committed with it

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-07 19:30:00.000000

``pdf`` and ``sha256`` become nullable (NULL until the render job stores them) and ``content_sha256``
holds the digest of ``data`` committed and audited at issuance; existing certificates get theirs here.
"""

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_sha256', sa.String(length=64), nullable=True))
        batch_op.alter_column('pdf', existing_type=sa.LargeBinary(), nullable=True)
        batch_op.alter_column('sha256', existing_type=sa.String(length=64), nullable=True)
    bind = op.get_bind()
    table = sa.table('certificate', sa.column('id', sa.Integer()), sa.column('data', sa.JSON()),
                     sa.column('content_sha256', sa.String()))
    for row_id, data in bind.execute(sa.select(table.c.id, table.c.data)).all():
        doc = json.loads(data) if isinstance(data, str) else data
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        bind.execute(table.update().where(table.c.id == row_id).values(
            content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest()))


def downgrade() -> None:
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.alter_column('sha256', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('pdf', existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column('content_sha256')
