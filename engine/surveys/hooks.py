"""Wiring of 多测合一: the stage-4 application needs the survey result (REFERENCE §4)."""

from __future__ import annotations

from forms import keys

from ..extensions import CompletionRequested, Registry
from .results import require_complete


def register(registry: Registry) -> None:
    registry.require(CompletionRequested, _survey_before_joint_acceptance)


def _survey_before_joint_acceptance(event: CompletionRequested) -> None:
    if event.item.form_key == keys.STAGE_4_APPLICATION:
        require_complete(event.session, event.project.code)
