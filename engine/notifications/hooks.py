"""Wiring of 办件提醒: what the core and the features publish becomes messages and outbox rows, in the
action's own transaction — and never its failure.

Each handler runs inside a savepoint: if writing a message fails for any reason, the savepoint is rolled
back, the failure is logged, and the action goes on to commit without its message. Sending (e-mail, SMS)
happens later, in the outbox worker, so a mail server that is down never slows an action.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ..extensions import (
    AuthorisationChanged,
    ExtensionDecided,
    Registry,
    StageAccepted,
    SupplementRequested,
    SupplementSupplied,
    TaskCompleted,
    TimersFired,
)
from ..issuance.events import CertificateIssued
from . import tell

log = logging.getLogger("approval.notifications")


def register(registry: Registry) -> None:
    registry.subscribe(TaskCompleted, guarded(tell.task_completed))
    registry.subscribe(StageAccepted, guarded(tell.stage_accepted))
    registry.subscribe(StageAccepted, guarded(tell.reviews_opened))
    registry.subscribe(CertificateIssued, guarded(tell.certificate_issued))
    registry.subscribe(SupplementRequested, guarded(tell.supplement_requested))
    registry.subscribe(SupplementSupplied, guarded(tell.supplement_supplied))
    registry.subscribe(TimersFired, guarded(tell.timers_fired))
    registry.subscribe(ExtensionDecided, guarded(tell.extension_decided))
    registry.subscribe(AuthorisationChanged, guarded(tell.authorisation_changed))


def guarded(handler: Callable[[Any], None]) -> Callable[[Any], None]:
    """Run ``handler`` in a savepoint; a failure loses the message, never the action."""

    def run(event: Any) -> None:
        try:
            with event.session.begin_nested():
                handler(event)
        except Exception:  # any failure at all: the action the person took must still commit
            log.exception("办件提醒未写入（%s），办理不受影响", type(event).__name__)

    run.__name__ = run.__qualname__ = f"notify_{handler.__name__}"
    return run
