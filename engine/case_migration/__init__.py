"""版本迁移: moving running cases to the catalogue in force now (items cancelled, limits cut).

A case keeps the models it started with (its process spec). An administrator previews — a dry run, nothing
written — which running approvals would change, stage by stage: a stage the case has not entered yet moves to
the models generated from today's catalogue; a stage it has entered (its tasks are in the stored state and
name that stage's specs) keeps its rules; a stage whose models did not change is left alone. Then cases move
in batches, each under its instance lock, each published as a version of its own (the earlier version's files
for what it has entered, today's for the rest), proved loadable before it is stored, audited, and reversible
until the case's next action (the state's revision token tells). The state itself is never rewritten.

A feature package: it may import the core (processes, projects, catalogue, audit, organisation, runtime, errors)
and bpmn; nothing in the core imports it.
"""

from .models import CaseMigration
from .planning import CasePlan, StageChange, preview_migration
from .service import MigrationRun, migrate_cases, migration_history, revert_migration

__all__ = [
    "CaseMigration",
    "CasePlan",
    "MigrationRun",
    "StageChange",
    "migrate_cases",
    "migration_history",
    "preview_migration",
    "revert_migration",
]
