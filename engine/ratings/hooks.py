"""Wiring of 好差评: a bad rating's 整改回访 is due a number of working days after the rating, so a year's official
holiday schedule moves an open one's ``due_on`` (reported as a ``DeadlineMove`` that ``engine.schedules``
applies)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from ..catalogue.stages import stage_name
from ..clocks import local_date
from ..extensions import CalendarChanging, DeadlineMove, Registry
from .models import OPEN, RatingFollowUp


def register(registry: Registry) -> None:
    registry.subscribe(CalendarChanging, _follow_up_moves)


def _follow_up_moves(event: CalendarChanging) -> None:
    for follow_up in event.session.scalars(select(RatingFollowUp).where(RatingFollowUp.status == OPEN)
                                           .order_by(RatingFollowUp.id)):
        due = event.new.recount(local_date(follow_up.opened_at), follow_up.due_on, event.old)
        if due != follow_up.due_on:
            event.moves.append(DeadlineMove(
                "差评整改期限", f"rating_follow_up:{follow_up.id}", follow_up.project_code, None,
                f"差评整改回访（{stage_name(follow_up.stage)}）", follow_up.department_code, follow_up.due_on, due,
                _setter(follow_up, due)))


def _setter(follow_up: RatingFollowUp, due: date) -> Callable[[], None]:
    def apply() -> None:
        follow_up.due_on = due
    return apply
