"""Which features hook into the core, in which order: the one place that names them all.

Imported by ``engine/__init__`` so any use of the engine runs with its features wired. The order of
registration is the order of effects within a transaction (and of their audit entries): preconditions
容缺/承诺 before 多测合一; a stage certificate before what it triggers.

May import: every feature package's ``hooks``; nothing imports this module but ``engine/__init__``.
"""

from __future__ import annotations

from .acceptance import hooks as acceptance
from .completion_acceptance import hooks as completion_acceptance
from .construction import hooks as construction
from .extensions import Registry, registry
from .issuance import hooks as issuance
from .notifications import hooks as notifications
from .ratings import hooks as ratings
from .surveys import hooks as surveys
from .utility_connection import hooks as utility_connection

# notifications last: a message tells of what the others did (a certificate's number, a filing deadline)
FEATURES = (acceptance.register, surveys.register, issuance.register, construction.register,
            completion_acceptance.register, utility_connection.register, ratings.register,
            notifications.register)


def wire(target: Registry) -> None:
    for register in FEATURES:
        register(target)


wire(registry)
