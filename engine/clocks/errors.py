"""Errors raised by the working-day calendar and the clocks.

They are domain errors, not ``ValueError``: callers (use cases, the CLI, timers) catch
``ClockError`` to tell an operator what is missing or inconsistent, instead of letting a
deadline be computed from a guess.
"""

from bpmn import HostFunctionError


class ClockError(HostFunctionError):
    """Base class: something prevents a working-day calculation from being exact. (A ``HostFunctionError``:
    raised inside a model's ``item_due``, it reaches the caller as itself, not as a failed workflow step.)"""


class UnknownCalendarYear(ClockError):
    """A date falls in a year before any schedule this calendar knows (before ``chinesecalendar``'s range).

    Later years are never refused: they are served provisionally from the statutory holidays until the
    State Council's schedule is loaded. An earlier year has no rule of today that applies to it, so the
    only exact answer is that year's schedule, loaded as a file.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year} 年的节假日安排不在系统范围内，请按当年国务院办公厅通知整理成文件后运行 "
            f"`approval calendar load FILE` 载入"
            f" (no holiday schedule known for {year}; load that year's schedule with "
            f"`approval calendar load FILE`)"
        )


class InvalidClockEvent(ClockError):
    """An event sequence cannot describe a real clock (e.g. a resume while running)."""


class OverrideFileError(ClockError):
    """A line of an administrator's holiday-schedule file cannot be used.

    ``line`` is the 1-based line number (``None`` for whole-file problems), so the message can
    point the administrator at the line to fix.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        prefix = f"line {line}: " if line is not None else ""
        super().__init__(prefix + message)
