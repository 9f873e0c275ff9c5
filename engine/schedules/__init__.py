"""Loading the State Council's holiday schedule for a year, and what it moves.

Until a year's schedule is loaded its deadlines are provisional (engine.clocks: the statutory holidays only).
Loading the official schedule — CLI ``approval calendar load FILE`` or the administrator's page — is one
transaction: store the schedule, recompute every open clock's deadline and every pending deadline timer that
counted on the year (the timer side table *and* the workflow state's timer, so the timer fires at the new
instant), write one audit entry per change (old → new) on the project's chain, and tell the item's department
and the owner in the message centre. :func:`preview_schedule` computes the same changes without writing, for the
administrator to confirm. It imports the engine's core (clocks, time limits, timers, processes, audit) and
``engine.notifications``; nothing imports it but the CLI and the web layer.
"""

from .changes import DeadlineChange, SchedulePreview, TimerMove, preview_schedule
from .load import ScheduleLoaded, load_schedule_file, schedule_preview
from .status import CalendarStatus, calendar_status

__all__ = ["CalendarStatus", "DeadlineChange", "ScheduleLoaded", "SchedulePreview", "TimerMove", "calendar_status",
           "load_schedule_file", "preview_schedule", "schedule_preview"]
