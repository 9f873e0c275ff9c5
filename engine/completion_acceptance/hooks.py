"""Wiring of 竣工验收: the joint acceptance opinion's certificate opens the 竣工验收备案 deadline; the window's
acceptance, the lead's 资料审核 record, corrections and the members' opinions drive the 资料审核/联合现场验收
clocks (``steps``)."""

from __future__ import annotations

from forms import keys

from ..extensions import Registry, StageAccepted, SupplementRequested, SupplementSupplied, TaskCompleted
from ..issuance.events import CertificateIssued
from .filing import open_filing
from .steps import DOCUMENT_CHECK, STAGE, correction_changed, members_done, start_step

JOINT_OPINION = "joint_acceptance_opinion"  # the stage-4 issuance item (联合验收意见书)


def register(registry: Registry) -> None:
    registry.subscribe(CertificateIssued, _open_filing)
    registry.subscribe(StageAccepted, _document_check)
    registry.subscribe(TaskCompleted, _member_opinion)
    registry.subscribe(SupplementRequested, _correction_sent)
    registry.subscribe(SupplementSupplied, _correction_answered)


def _open_filing(event: CertificateIssued) -> None:
    if event.item.item == JOINT_OPINION:
        open_filing(event.session, event.certificate)  # 竣工验收备案 falls due 15 days after the opinion


def _document_check(event: StageAccepted) -> None:
    if event.item.stage == STAGE:
        start_step(event.session, event.instance, DOCUMENT_CHECK, event.at)


def _member_opinion(event: TaskCompleted) -> None:
    if event.item.stage == STAGE and event.item.form_key == keys.REVIEW_DECISION:
        members_done(event.session, event.instance, event.runtime.now())


def _correction_sent(event: SupplementRequested) -> None:
    if event.item.stage == STAGE:
        correction_changed(event.session, event.item.instance_id, event.request.requested_at)


def _correction_answered(event: SupplementSupplied) -> None:
    if event.request.stage == STAGE and event.request.supplied_at is not None:
        correction_changed(event.session, event.request.instance_id, event.request.supplied_at)
