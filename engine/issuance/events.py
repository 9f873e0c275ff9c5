"""What the issuance feature publishes and asks on the core's registry (``engine.extensions``), so other
features (phase permits, 竣工验收备案) hook into a stage's certificate without issuance naming them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extensions import Question

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..organisation.actors import Actor
    from ..runtime import Runtime
    from ..work_items.models import WorkItem
    from .models import Certificate


@dataclass(frozen=True)
class ReservedNumber(Question[str]):
    """The number a stage certificate must take because something reserved it earlier (else a new one)."""

    session: Session
    project_code: str
    item: WorkItem


@dataclass(frozen=True)
class CertificateIssued:
    """A stage's certificate was issued for the issuance task ``item`` (in the completing transaction)."""

    session: Session
    runtime: Runtime
    actor: Actor
    item: WorkItem
    certificate: Certificate
