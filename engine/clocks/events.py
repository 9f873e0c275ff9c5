"""The facts a time-limit clock is made of, and the rules for their order.

Clocks are stored as append-only events so that every reading can be recomputed and audited (电子监察);
the state kept beside them (:mod:`engine.clocks.kept`) is derived from them and reads the same. This
module names the event kinds and pause reasons and checks that a sequence could describe a real clock;
:mod:`engine.clocks.segments` reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from engine.clocks.errors import ClockError, InvalidClockEvent


class EventKind(StrEnum):
    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    STOPPED = "stopped"


class PauseReason(StrEnum):
    CORRECTION = "correction"  # 补正: waiting for the applicant's corrected materials
    TOLERANCE_SUPPLEMENT = "tolerance_supplement"  # 容缺补正: non-core material owed after 容缺受理
    EXPERT_REVIEW = "expert_review"
    PUBLIC_NOTICE = "public_notice"
    HEARING = "hearing"
    SITE_INSPECTION = "site_inspection"
    TECHNICAL_REVIEW = "technical_review"


PAUSE_REASON_LABELS = {
    PauseReason.CORRECTION: "补正",
    PauseReason.TOLERANCE_SUPPLEMENT: "容缺补正",
    PauseReason.EXPERT_REVIEW: "专家评审",
    PauseReason.PUBLIC_NOTICE: "公示",
    PauseReason.HEARING: "听证",
    PauseReason.SITE_INSPECTION: "现场踏勘/勘验",
    PauseReason.TECHNICAL_REVIEW: "技术审查",
}
#: Pauses that are 特别程序 (the authority's own procedure) rather than the applicant's time.
SPECIAL_PROCEDURES = frozenset(
    {PauseReason.EXPERT_REVIEW, PauseReason.PUBLIC_NOTICE, PauseReason.HEARING, PauseReason.SITE_INSPECTION,
     PauseReason.TECHNICAL_REVIEW}
)


# Which event kinds each status accepts, and the status they lead to.
_TRANSITIONS = {
    "new": {EventKind.STARTED: "running"},
    "running": {EventKind.PAUSED: "paused", EventKind.EXTENDED: "running", EventKind.STOPPED: "stopped"},
    "paused": {EventKind.RESUMED: "running", EventKind.EXTENDED: "paused", EventKind.STOPPED: "stopped"},
    "stopped": {},
}


@dataclass(frozen=True)
class ClockEvent:
    """One stored fact. ``days``: the limit (started) or the extra days (extended);
    ``reason``: a ``PauseReason`` (paused) or free text (extended). Build with the classmethods."""

    kind: EventKind
    at: dt.datetime
    days: int | None = None
    reason: str | None = None

    @classmethod
    def started(cls, at: dt.datetime, limit_days: int) -> ClockEvent:
        return cls(EventKind.STARTED, at, days=limit_days)

    @classmethod
    def paused(cls, at: dt.datetime, reason: PauseReason | str) -> ClockEvent:
        return cls(EventKind.PAUSED, at, reason=reason)

    @classmethod
    def resumed(cls, at: dt.datetime) -> ClockEvent:
        return cls(EventKind.RESUMED, at)

    @classmethod
    def extended(cls, at: dt.datetime, days: int, reason: str) -> ClockEvent:
        return cls(EventKind.EXTENDED, at, days=days, reason=reason)

    @classmethod
    def stopped(cls, at: dt.datetime) -> ClockEvent:
        return cls(EventKind.STOPPED, at)


def validate_events(events: Sequence[ClockEvent]) -> list[ClockEvent]:
    """Check an event sequence and return it with kinds and reasons as enums; raises ``InvalidClockEvent``."""
    status, checked = "new", list[ClockEvent]()
    for index, raw in enumerate(events):
        event = _normalised(raw, index)
        if checked and event.at < checked[-1].at:
            raise InvalidClockEvent(
                f"event #{index} ({event.kind} at {event.at.isoformat()}) is earlier than event #{index - 1} "
                f"({checked[-1].kind} at {checked[-1].at.isoformat()}): events must be in time order"
            )
        if event.kind not in _TRANSITIONS[status]:
            raise InvalidClockEvent(
                f"event #{index} ({event.kind} at {event.at.isoformat()}) "
                f"is not allowed while the clock is {status}"
            )
        status = _TRANSITIONS[status][event.kind]
        checked.append(event)
    return checked


def _normalised(event: ClockEvent, index: int) -> ClockEvent:
    try:
        kind = EventKind(event.kind)
        require_aware(event.at, f"event #{index}")
    except (ValueError, ClockError) as error:
        raise InvalidClockEvent(f"event #{index}: {error}") from None
    if kind in (EventKind.STARTED, EventKind.EXTENDED) and not _is_positive_int(event.days):
        raise InvalidClockEvent(
            f"event #{index} ({kind}): days must be a positive integer, got {event.days!r}"
        )
    if kind is EventKind.EXTENDED and not (event.reason or "").strip():
        raise InvalidClockEvent(f"event #{index} (extended): an extension needs a reason")
    if kind is EventKind.PAUSED:
        return ClockEvent(kind, event.at, reason=_pause_reason(event.reason, index))
    return ClockEvent(kind, event.at, event.days, event.reason)


def _pause_reason(reason: str | None, index: int) -> PauseReason:
    try:
        return PauseReason(reason or "")  # no reason is refused below like an unknown one
    except ValueError:
        allowed = ", ".join(PauseReason)
        raise InvalidClockEvent(
            f"event #{index} (paused): reason must be one of {allowed}, got {reason!r}"
        ) from None


def _is_positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def require_aware(moment: object, what: str) -> None:
    """Refuse naive datetimes: the server's own time zone must never decide which day counts."""
    if not isinstance(moment, dt.datetime) or moment.utcoffset() is None:
        raise ClockError(f"{what} must be a time-zone-aware datetime, got {moment!r}")
