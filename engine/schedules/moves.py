"""Deadlines stored as dates that a new holiday schedule moves: the applicant's 补正 period (core), and whatever
the features store (容缺补正, 差评整改…), which they report on ``CalendarChanging`` (``engine.extensions``).

Each is carried over as the same count of working days from the same start (``WorkingCalendar.recount``), so a
deadline that used no day of the loaded year stays where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks import CHINA_TZ, END_OF_WORKING_DAY, WorkingCalendar, local_date
from ..extensions import CalendarChanging, DeadlineMove, registry
from ..runtime import Runtime
from ..work_items.models import SupplementRequest


def deadline_moves(session: Session, runtime: Runtime, old: WorkingCalendar,
                   new: WorkingCalendar) -> list[DeadlineMove]:
    """Every open date deadline that moves from ``old`` to ``new``; writes nothing."""
    moves = list(_supplement_moves(session, old, new))
    registry.publish(CalendarChanging(session, runtime, old, new, moves))
    return moves


def _supplement_moves(session: Session, old: WorkingCalendar, new: WorkingCalendar) -> Iterable[DeadlineMove]:
    """A correction notice still waiting for the applicant: its period ends at 17:30 on its last working day."""
    waiting = session.scalars(select(SupplementRequest).where(
        SupplementRequest.supplied_at.is_(None), SupplementRequest.lapsed_at.is_(None),
        SupplementRequest.due_at.is_not(None)).order_by(SupplementRequest.id))
    for request in waiting:
        assert request.due_at is not None  # selected so
        before = local_date(request.due_at)
        after = new.recount(local_date(request.requested_at), before, old)
        if after != before:
            yield DeadlineMove("补正期限", f"supplement:{request.id}", request.project_code, request.instance_id,
                               f"补正：{request.task_name}", request.department_code, before, after,
                               _setter(request, datetime.combine(after, END_OF_WORKING_DAY, tzinfo=CHINA_TZ)))


def _setter(request: SupplementRequest, due_at: datetime) -> Callable[[], None]:
    def apply() -> None:
        request.due_at = due_at
    return apply
