"""Wiring of the construction features: the full 施工许可证 takes the main number its phase permits reserved
and supersedes them (分阶段施工许可); the comprehensive permit's issuance task issues (or re-issues) the
建筑工程综合许可证."""

from __future__ import annotations

from forms import keys

from ..extensions import (
    ApplicantToDos,
    CompletionRequested,
    InstanceFinished,
    Registry,
    StageAccepted,
    TaskCompleted,
)
from ..issuance.events import CertificateIssued, ReservedNumber
from . import one_permit
from .clocks import start_order_clock, stop_order_clock
from .comprehensive import issue_comprehensive_permit
from .menu import PROCESS_ID
from .phases import cover_phase_permits, reserved_main_number
from .to_dos import phase_to_dos

FULL_PERMIT = "construction_permit"  # the stage-3 issuance item whose certificate covers the phase permits


def register(registry: Registry) -> None:
    registry.provide(ReservedNumber, _main_number)
    registry.subscribe(CertificateIssued, _cover_phases)
    registry.subscribe(TaskCompleted, _comprehensive_issuance)
    registry.subscribe(StageAccepted, _order_accepted)
    registry.subscribe(InstanceFinished, _order_finished)
    registry.require(CompletionRequested, _one_permit)
    registry.subscribe(TaskCompleted, _settle_covered_stage)
    registry.provide(ApplicantToDos, phase_to_dos)


def _one_permit(event: CompletionRequested) -> None:
    one_permit.guard_completion(event.session, event.item)  # not again once the 综合许可证 holds it


def _settle_covered_stage(event: TaskCompleted) -> None:
    if event.item.form_key == keys.ISSUANCE:  # the next stage opened: a 综合许可证 granted before may settle it
        one_permit.settle_construction_stage(event.session, event.runtime, event.actor, event.instance.project_code)


def _main_number(question: ReservedNumber) -> str | None:
    if question.item.item != FULL_PERMIT:
        return None
    return reserved_main_number(question.session, question.project_code)


def _cover_phases(event: CertificateIssued) -> None:
    if event.item.item == FULL_PERMIT:
        cover_phase_permits(event.session, event.runtime, event.actor, event.certificate)


def _comprehensive_issuance(event: TaskCompleted) -> None:
    if event.item.form_key == keys.COMPREHENSIVE_ISSUANCE:
        issue_comprehensive_permit(event.session, event.runtime, event.actor, event.instance, event.item, event.clean)


def _order_accepted(event: StageAccepted) -> None:
    if event.instance.process_id == PROCESS_ID:
        start_order_clock(event.session, event.instance, event.at)


def _order_finished(event: InstanceFinished) -> None:
    if event.instance.process_id == PROCESS_ID:
        stop_order_clock(event.session, event.instance, event.runtime.now())
