"""The 综合许可 order's own clock: from the window's acceptance to the certificate (or the refusal).

Each picked licence's review and the issuance have item clocks and deadline timers of their own (the
model carries their committed days, ``bpmn/tools/comprehensive_permit.py``). The order as a whole is
promised 1 working day for the 联合踏勘, the longest picked licence's committed days (the reviews run in
parallel) and 1 working day for 核发 — an assumption where the sources give no figure (REFERENCE §7.1).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..processes.models import ProcessInstance
from ..time_limits import ledger
from .menu import BY_CODE, PROCESS_ID
from .models import ComprehensiveOrder

INSPECTION_DAYS, ISSUE_DAYS = 1, 1
LABEL = "建筑工程综合许可证（全流程）"


def order_key(instance_id: int) -> str:
    return f"order:{instance_id}"


def order_days(licences: list[str]) -> int:
    """The order's committed working days for the picked ``licences``."""
    return INSPECTION_DAYS + max(BY_CODE[code].committed_days for code in licences) + ISSUE_DAYS


def start_order_clock(session: Session, instance: ProcessInstance, now: datetime) -> None:
    """The window accepted the order: its clock starts."""
    order = session.scalars(select(ComprehensiveOrder).where(ComprehensiveOrder.instance_id == instance.id)).one()
    subject = ledger.Subject(order_key(instance.id), PROCESS_ID, LABEL, "administrative_approval")
    ledger.start_clock(session, instance, subject, order_days(order.licences), now)


def stop_order_clock(session: Session, instance: ProcessInstance, now: datetime) -> None:
    """Issued or refused: the order's clock stops (a clock never started is left alone)."""
    ledger.mark(session, instance, order_key(instance.id), ledger.STOPPED, now)
