"""The core's extension points: handlers run in registration order, a precondition refuses by raising,
a question gets the first answer that is not None, and the engine wires its features in a fixed order."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from engine import extensions, wiring
from engine.errors import InvalidState
from engine.extensions import (
    CalendarChanging,
    CompletionRequested,
    InstanceFinished,
    Question,
    Registry,
    StageAccepted,
    StageIssued,
    SupplementRequested,
    SupplementSupplied,
    TaskCompleted,
    TimersFired,
)
from engine.issuance.events import CertificateIssued, ReservedNumber


@dataclass(frozen=True)
class Happened:
    what: str


@dataclass(frozen=True)
class Asked(Question[str]):
    key: str


def test_handlers_run_in_registration_order_and_only_for_their_event_type() -> None:
    registry, seen = Registry(), []
    registry.subscribe(Happened, lambda e: seen.append(("first", e.what)))
    registry.subscribe(Happened, lambda e: seen.append(("second", e.what)))
    registry.subscribe(Asked, lambda e: seen.append(("other", e.key)))
    registry.publish(Happened("x"))
    assert seen == [("first", "x"), ("second", "x")]


def test_a_precondition_refuses_by_raising_and_later_checks_do_not_run() -> None:
    registry, seen = Registry(), []

    def refuse(event: Happened) -> None:
        raise InvalidState("不可办理", what=event.what)

    registry.require(Happened, refuse)
    registry.require(Happened, lambda e: seen.append(e.what))
    with pytest.raises(InvalidState):
        registry.check(Happened("x"))
    assert seen == []


def test_a_question_gets_the_first_answer_that_is_not_none() -> None:
    registry = Registry()
    assert registry.ask(Asked("k")) is None
    registry.provide(Asked, lambda q: None)
    registry.provide(Asked, lambda q: f"answer to {q.key}")
    registry.provide(Asked, lambda q: "too late")
    assert registry.ask(Asked("k")) == "answer to k"


def test_publishing_an_event_nobody_subscribed_to_does_nothing() -> None:
    Registry().publish(Happened("x"))


def _names(handlers: tuple) -> list[str]:
    return [f"{h.__module__}.{h.__qualname__}" for h in handlers]


def test_the_engine_wires_its_features_in_a_fixed_order() -> None:
    wired = Registry()
    wiring.wire(wired)
    assert _names(wired.handlers(CompletionRequested)) == [
        "engine.acceptance.hooks._guard", "engine.surveys.hooks._survey_before_joint_acceptance",
        "engine.construction.hooks._one_permit"]
    assert _names(wired.handlers(StageIssued)) == ["engine.issuance.hooks.register.<locals>.issue"]
    assert _names(wired.handlers(CertificateIssued)) == [
        "engine.construction.hooks._cover_phases", "engine.completion_acceptance.hooks._open_filing",
        "engine.notifications.hooks.notify_certificate_issued"]
    assert _names(wired.handlers(TaskCompleted)) == ["engine.construction.hooks._comprehensive_issuance",
                                                      "engine.construction.hooks._settle_covered_stage",
                                                      "engine.completion_acceptance.hooks._member_opinion",
                                                      "engine.notifications.hooks.notify_task_completed"]
    assert _names(wired.handlers(StageAccepted))[:2] == ["engine.construction.hooks._order_accepted",
                                                         "engine.completion_acceptance.hooks._document_check"]
    assert _names(wired.handlers(InstanceFinished))[:1] == ["engine.construction.hooks._order_finished"]
    assert _names(wired.handlers(SupplementRequested))[:2] == ["engine.issuance.notice.issue_window_notice",
                                                               "engine.completion_acceptance.hooks._correction_sent"]
    assert _names(wired.handlers(SupplementSupplied))[:1] == [
        "engine.completion_acceptance.hooks._correction_answered"]
    assert _names(wired.handlers(CalendarChanging)) == ["engine.acceptance.deadlines.tolerance_moves",
                                                        "engine.ratings.hooks._follow_up_moves"]
    assert _names(wired.handlers(TimersFired)) == ["engine.acceptance.hooks._fired",
                                                   "engine.utility_connection.hooks._fired",
                                                   "engine.notifications.hooks.notify_timers_fired"]
    assert _names(wired.providers(ReservedNumber)) == ["engine.construction.hooks._main_number"]


def test_the_shared_registry_is_wired_once_at_import() -> None:
    fresh = Registry()
    wiring.wire(fresh)
    for kind in (CompletionRequested, TaskCompleted, StageIssued, CertificateIssued, TimersFired):
        assert _names(extensions.registry.handlers(kind)) == _names(fresh.handlers(kind))
