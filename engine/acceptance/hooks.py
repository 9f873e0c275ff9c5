"""Wiring of the acceptance modes: 容缺 and 告知承诺 guards on the ordinary task completion; what their timers'
firings mean (容缺 suspension and 退件, pre-permit expiry); 容缺 deadlines moved by a new holiday schedule;
open 容缺 cases on the applicant's to-do list."""

from __future__ import annotations

from ..extensions import ApplicantToDos, CalendarChanging, CompletionRequested, Registry, TimersFired
from .deadlines import tolerance_moves
from .guards import check_completion
from .timers import after_fired
from .to_dos import tolerance_to_dos


def register(registry: Registry) -> None:
    registry.require(CompletionRequested, _guard)
    registry.subscribe(TimersFired, _fired)
    registry.subscribe(CalendarChanging, tolerance_moves)  # 容缺补正期限 move with a new holiday schedule
    registry.provide(ApplicantToDos, tolerance_to_dos)


def _guard(event: CompletionRequested) -> None:
    check_completion(event.session, event.item)


def _fired(event: TimersFired) -> None:
    after_fired(event.session, event.runtime, event.instance, event.bpmn_ids, event.at)
