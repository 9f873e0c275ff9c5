"""Wiring of the acceptance modes: 容缺 and 告知承诺 guards on the ordinary task completion; what their timers'
firings mean (容缺 suspension and 退件, pre-permit expiry)."""

from __future__ import annotations

from ..extensions import CompletionRequested, Registry, TimersFired
from .guards import check_completion
from .timers import after_fired


def register(registry: Registry) -> None:
    registry.require(CompletionRequested, _guard)
    registry.subscribe(TimersFired, _fired)


def _guard(event: CompletionRequested) -> None:
    check_completion(event.session, event.item)


def _fired(event: TimersFired) -> None:
    after_fired(event.session, event.runtime, event.instance, event.bpmn_ids, event.at)
