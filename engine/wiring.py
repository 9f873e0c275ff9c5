"""Which features hook into the core, in which order: the one place that names them all.

First the core's own mirrors of a saved workflow (the work-item and timer tables: ``processes`` publishes
``WorkflowSaved`` and knows neither table), then the features.

Imported by ``engine/__init__`` so any use of the engine runs with its features wired. The order of
registration is the order of effects within a transaction (and of their audit entries): preconditions
容缺/承诺 before 多测合一; a stage certificate before what it triggers.

May import: every feature package's ``hooks`` and the core's table mirrors (``sync``); nothing imports
this module but ``engine/__init__``.
"""

from __future__ import annotations

from .acceptance import hooks as acceptance
from .completion_acceptance import hooks as completion_acceptance
from .construction import hooks as construction
from .extensions import Registry, registry
from .issuance import hooks as issuance
from .notifications import hooks as notifications
from .ratings import hooks as ratings
from .supervision import upkeep as supervision
from .surveys import hooks as surveys
from .timers import sync as timer_rows
from .utility_connection import hooks as utility_connection
from .work_items import due as work_item_deadlines
from .work_items import sync as work_item_rows

CORE = (work_item_rows.register, timer_rows.register, work_item_deadlines.register)
# notifications last: a message tells of what the others did (a certificate's number, a filing deadline)
FEATURES = (acceptance.register, surveys.register, issuance.register, construction.register,
            completion_acceptance.register, utility_connection.register, ratings.register, supervision.register,
            notifications.register)


def wire(target: Registry) -> None:
    for register in (*CORE, *FEATURES):
        register(target)


wire(registry)
