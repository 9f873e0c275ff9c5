"""Wiring of 竣工验收: the joint acceptance opinion's certificate opens the 竣工验收备案 deadline."""

from __future__ import annotations

from ..extensions import Registry
from ..issuance.events import CertificateIssued
from .filing import open_filing

JOINT_OPINION = "joint_acceptance_opinion"  # the stage-4 issuance item (联合验收意见书)


def register(registry: Registry) -> None:
    registry.subscribe(CertificateIssued, _open_filing)


def _open_filing(event: CertificateIssued) -> None:
    if event.item.item == JOINT_OPINION:
        open_filing(event.session, event.certificate)  # 竣工验收备案 falls due 15 days after the opinion
