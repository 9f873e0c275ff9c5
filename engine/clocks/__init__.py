"""Working-day calendar and time-limit clocks for 限时办结 (hard limits in working days).

Why a package of its own: every stage and item deadline, every 预警/逾期 light a supervisor sees
and every timer the engine sets comes from here, so the arithmetic lives in one pure, fast,
heavily tested place. It imports only the standard library, ``chinesecalendar``, ``lunar_python`` and
``bpmn.HostFunctionError`` (the base of its errors, so they pass through a model's ``item_due`` unwrapped) —
no database, no web framework — so use cases, the CLI and timers can all call it and tests need no
fixtures.

* :class:`WorkingCalendar` — China's statutory holidays and 调休 working days, from
  ``chinesecalendar`` plus an administrator's override table; a later year without either is served
  *provisionally* from the statutory holidays (:mod:`engine.clocks.statutory`) and says so
  (``is_provisional``, ``provisional_between``, ``ClockReading.provisional``); only a year before the
  library's range raises :class:`UnknownCalendarYear`.
* :func:`parse_override_file` — reads the schedule file typed from the State Council notice.
* :func:`evaluate` — reads a clock (started / paused / resumed / extended / stopped events) at a
  moment: days used and left, deadline, 正常/预警/逾期, and when timers should fire.
"""

from engine.clocks.calendar import LIBRARY_YEARS, WorkingCalendar
from engine.clocks.errors import ClockError, InvalidClockEvent, OverrideFileError, UnknownCalendarYear
from engine.clocks.events import (
    PAUSE_REASON_LABELS,
    SPECIAL_PROCEDURES,
    ClockEvent,
    EventKind,
    PauseReason,
    validate_events,
)
from engine.clocks.overrides import OverrideEntry, parse_override_entries, parse_override_file
from engine.clocks.segments import (
    CHINA_TZ,
    END_OF_WORKING_DAY,
    STATE_LABELS,
    ClockReading,
    ClockState,
    evaluate,
    local_date,
)

__all__ = [
    "CHINA_TZ",
    "END_OF_WORKING_DAY",
    "LIBRARY_YEARS",
    "PAUSE_REASON_LABELS",
    "SPECIAL_PROCEDURES",
    "STATE_LABELS",
    "ClockError",
    "ClockEvent",
    "ClockReading",
    "ClockState",
    "EventKind",
    "InvalidClockEvent",
    "OverrideEntry",
    "OverrideFileError",
    "PauseReason",
    "UnknownCalendarYear",
    "WorkingCalendar",
    "evaluate",
    "local_date",
    "parse_override_entries",
    "parse_override_file",
    "validate_events",
]
