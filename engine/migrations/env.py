"""Alembic environment: runs on the connection the caller passes (see ``engine.schema``)."""

from alembic import context

from engine import models  # noqa: F401 - registers every table on the metadata
from engine.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
