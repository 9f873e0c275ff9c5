"""Wiring of the acceptance modes: 容缺 and 告知承诺 guards on the ordinary task completion."""

from __future__ import annotations

from ..extensions import CompletionRequested, Registry
from .guards import check_completion


def register(registry: Registry) -> None:
    registry.require(CompletionRequested, _guard)


def _guard(event: CompletionRequested) -> None:
    check_completion(event.session, event.item)
