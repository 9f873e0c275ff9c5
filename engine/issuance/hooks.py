"""Wiring of the issuance feature: a stage's issuance task (核发) issues its certificate."""

from __future__ import annotations

from ..extensions import Registry, StageIssued, SupplementRequested
from .events import CertificateIssued, ReservedNumber
from .notice import issue_window_notice
from .register import issue_stage_certificate


def register(registry: Registry) -> None:
    def issue(event: StageIssued) -> None:
        number = registry.ask(ReservedNumber(event.session, event.instance.project_code, event.item))
        cert = issue_stage_certificate(event.session, event.runtime, event.actor, event.instance, event.item,
                                       event.clean, number=number)
        registry.publish(CertificateIssued(event.session, event.runtime, event.actor, event.item, cert))

    registry.subscribe(StageIssued, issue)
    registry.subscribe(SupplementRequested, issue_window_notice)  # the window's numbered 一次性告知书
