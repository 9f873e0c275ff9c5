"""The Alembic migrations build exactly the schema the models describe (on the test database)."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from engine.db import Base
from engine.schema import MIGRATIONS, alembic_config


def test_migrations_match_the_models(db):
    with db.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_migration_history_is_one_line(db):
    script = ScriptDirectory.from_config(alembic_config(db))
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()} ({MIGRATIONS})"
